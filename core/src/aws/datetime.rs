//! The date formats AWS sends us (and the calendar days people type), read by hand: the one
//! place dates are parsed.
//!
//! `time`'s generic format-description parser costs about 30 KB of wasm; these formats are
//! fixed, so a few dozen lines do the same job. Everything is UTC or a fixed offset.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// A calendar day, `YYYY-MM-DD` (Cost Explorer's periods; days typed in the query form).
pub fn parse_day(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    date(digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?)
}

/// RFC 3339 / ISO 8601 as AWS writes timestamps: `2026-11-23T10:30:10Z`,
/// `2026-11-23T10:30:10.123Z`, `2026-11-23T12:30:10+02:00`. `T` and `Z` may be lower case.
pub fn parse_rfc3339(text: &str) -> Option<OffsetDateTime> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let date = date(digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?)?;
    let (clock, rest) = clock(b, 11)?;
    let offset = match &b[rest..] {
        [b'Z' | b'z'] => UtcOffset::UTC,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2], 0, 2)? as i8;
            let minutes = digits(&[*m1, *m2], 0, 2)? as i8;
            let s = if *sign == b'-' { -1 } else { 1 };
            if minutes > 59 {
                return None;
            }
            UtcOffset::from_hms(s * hours, s * minutes, 0).ok()?
        }
        _ => return None,
    };
    Some(PrimitiveDateTime::new(date, clock).assume_offset(offset))
}

/// An HTTP `Date` header (RFC 7231 / RFC 2822): `Mon, 23 Nov 2026 10:30:10 GMT`. The weekday
/// is optional; the zone is `GMT`, `UT`, `UTC`, `Z` or a numeric `+hhmm`.
pub fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    let text = match text.split_once(',') {
        Some((_weekday, rest)) => rest.trim_start(),
        None => text,
    };
    let mut parts = text.split_ascii_whitespace();
    let day: u32 = small_number(parts.next()?, 2)?;
    let month = month_from_name(parts.next()?)?;
    let year = small_number(parts.next()?, 4)?;
    let hms = parts.next()?.as_bytes();
    let (clock, used) = clock(hms, 0)?;
    if used != hms.len() {
        return None;
    }
    let offset = match parts.next()? {
        "GMT" | "UT" | "UTC" | "Z" => UtcOffset::UTC,
        zone => {
            let z = zone.as_bytes();
            if z.len() != 5 || !matches!(z[0], b'+' | b'-') {
                return None;
            }
            let s = if z[0] == b'-' { -1 } else { 1 };
            let (h, m) = (digits(z, 1, 2)? as i8, digits(z, 3, 2)? as i8);
            if m > 59 {
                return None;
            }
            UtcOffset::from_hms(s * h, s * m, 0).ok()?
        }
    };
    if parts.next().is_some() || year < 1000 {
        return None;
    }
    let date = Date::from_calendar_date(year as i32, month, day as u8).ok()?;
    Some(PrimitiveDateTime::new(date, clock).assume_offset(offset))
}

/// SigV4's compact UTC stamp: `20261123T103010Z`.
pub fn parse_compact(text: &str) -> Option<OffsetDateTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let date = date(digits(b, 0, 4)?, digits(b, 4, 2)?, digits(b, 6, 2)?)?;
    let clock = Time::from_hms(
        digits(b, 9, 2)? as u8,
        digits(b, 11, 2)? as u8,
        digits(b, 13, 2)? as u8,
    )
    .ok()?;
    Some(PrimitiveDateTime::new(date, clock).assume_utc())
}

/// SigV4's compact UTC stamp (`X-Amz-Date`, what [`parse_compact`] reads), whole seconds.
pub fn compact_utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `2026-11-23T10:30:10Z` (whole seconds, UTC).
pub fn rfc3339_utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `len` ASCII digits at `at`, as a number.
fn digits(b: &[u8], at: usize, len: usize) -> Option<u32> {
    let mut n = 0u32;
    for &c in b.get(at..at + len)? {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

/// 1 to `max_len` digits, the whole of `text`.
fn small_number(text: &str, max_len: usize) -> Option<u32> {
    (1..=max_len)
        .contains(&text.len())
        .then(|| digits(text.as_bytes(), 0, text.len()))?
}

fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year as i32, month, u8::try_from(day).ok()?).ok()
}

/// `HH:MM:SS` with an optional `.fraction` (up to nanoseconds; more digits are truncated),
/// starting at `at`; returns the time and where it ended.
fn clock(b: &[u8], at: usize) -> Option<(Time, usize)> {
    if b.get(at + 2) != Some(&b':') || b.get(at + 5) != Some(&b':') {
        return None;
    }
    let (h, m, s) = (
        digits(b, at, 2)?,
        digits(b, at + 3, 2)?,
        digits(b, at + 6, 2)?,
    );
    let mut end = at + 8;
    let mut nanos = 0u32;
    if b.get(end) == Some(&b'.') {
        end += 1;
        let start = end;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            if end - start < 9 {
                nanos = nanos * 10 + u32::from(b[end] - b'0');
            }
            end += 1;
        }
        if end == start {
            return None;
        }
        for _ in (end - start)..9 {
            nanos *= 10;
        }
    }
    let t = Time::from_hms_nano(h as u8, m as u8, s as u8, nanos).ok()?;
    Some((t, end))
}

fn month_from_name(name: &str) -> Option<Month> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = NAMES.iter().position(|n| n.eq_ignore_ascii_case(name))?;
    Month::try_from(i as u8 + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    use time::macros::datetime;

    #[test]
    fn rfc3339_forms_aws_uses() {
        for (text, want) in [
            ("2026-11-23T10:30:10Z", datetime!(2026-11-23 10:30:10 UTC)),
            (
                "2026-11-23T10:30:10.000Z",
                datetime!(2026-11-23 10:30:10 UTC),
            ),
            (
                "2026-11-23t10:30:10.5z",
                datetime!(2026-11-23 10:30:10.5 UTC),
            ),
            (
                "2026-11-23T12:30:10+02:00",
                datetime!(2026-11-23 10:30:10 UTC),
            ),
            (
                "2026-11-23T08:00:00-02:30",
                datetime!(2026-11-23 10:30:00 UTC),
            ),
            (
                "2024-02-29T00:00:00.123456789123Z",
                datetime!(2024-02-29 00:00:00.123456789 UTC),
            ),
        ] {
            assert_eq!(parse_rfc3339(text), Some(want), "{text}");
        }
    }

    #[test]
    fn rfc3339_refusals() {
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23 10:30:10Z",
            "2026-11-23T10:30:10",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T10:30:10.Z",
            "2026-11-23T10:30:10+0200",
            "2026-11-23T10:30:10+02:60",
            "2026-11-23T10:30:10ZZ",
            "２026-11-23T10:30:10Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn agrees_with_the_time_crate_where_both_accept() {
        for text in [
            "2026-01-05T08:58:12.000Z",
            "1999-12-31T23:59:59.999999999Z",
            "2026-06-30T01:02:03+05:45",
        ] {
            assert_eq!(
                parse_rfc3339(text),
                OffsetDateTime::parse(text, &Rfc3339).ok(),
                "{text}"
            );
        }
        for text in [
            "Mon, 23 Nov 2026 10:30:10 GMT",
            "Tue, 1 Dec 2026 00:00:00 +0100",
        ] {
            assert_eq!(
                parse_http_date(text),
                OffsetDateTime::parse(text, &Rfc2822).ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date(" Mon, 23 Nov 2026 10:30:10 GMT "),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        assert_eq!(
            parse_http_date("23 nov 2026 10:30:10 UTC"),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        assert_eq!(
            parse_http_date("Mon, 23 Nov 2026 12:30:10 +0200"),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        for bad in [
            "",
            "Mon, 23 Nov 2026",
            "Mon, 23 Foo 2026 10:30:10 GMT",
            "Mon, 31 Nov 2026 10:30:10 GMT",
            "Mon, 23 Nov 2026 10:30:10 PST extra",
            "Mon, 23 Nov 26 10:30:10 GMT",
            "Mon, 23 Nov 2026 10:30 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn compact_stamps() {
        assert_eq!(
            parse_compact("20261123T103010Z"),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        for bad in ["20261123T103010", "20261323T103010Z", "2026-11-23T10:30Z"] {
            assert_eq!(parse_compact(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn compact_stamps_are_utc_whole_seconds_and_read_back() {
        let t = datetime!(2026-11-23 12:30:10.7 +02:00);
        assert_eq!(compact_utc(t), "20261123T103010Z");
        assert_eq!(
            parse_compact(&compact_utc(t)),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        assert_eq!(
            compact_utc(datetime!(0999-01-02 03:04:05 UTC)),
            "09990102T030405Z"
        );
    }

    #[test]
    fn formats_utc() {
        assert_eq!(
            rfc3339_utc(datetime!(2026-11-23 12:30:10.7 +02:00)),
            "2026-11-23T10:30:10Z"
        );
    }
}
