//! Numbers as people read them: `66.97 %`, `1,008` hours, `$1,234.56`. Tables, chart hovers and
//! summaries show these; AWS's exact text stays in the CSV and on hover (`title`).
//!
//! Rounding is of the binary value to the nearest (Rust's `{:.N}`, ties to even on the exact
//! binary number, which for decimal text from AWS is what a person expects: `66.9750` is
//! stored a little above or below and rounds accordingly). Thousands are grouped with `,`
//! (the app's language is English); a sign is only written when the rounded number is not
//! zero (`-0.001` reads `0.00`, not `-0.00`). A percentage's `%` is preceded by a no-break
//! space, so the sign never wraps away from its number.

/// Reads a decimal's text, correctly rounded: the app's one float reader (see
/// [`lens_ce_read::decimal`]), for every number read from text.
pub use lens_ce_read::decimal as read_decimal;

/// What kind of figure a number is, for tables and hovers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 0-100, two decimals and `%`: `66.97 %`.
    Percent,
    /// Hours or normalized units: grouped, up to two decimals, trailing zeros dropped: `1,008`,
    /// `23.5`.
    Quantity,
    /// US dollars, two decimals: `$1,234.56`.
    Usd,
}

/// The no-break space between a number and its `%`.
pub const NBSP: char = '\u{a0}';

/// `value` as a person reads a figure of `kind`.
pub fn format(value: f64, kind: Kind) -> String {
    match kind {
        Kind::Percent => percent(value),
        Kind::Quantity => quantity(value),
        Kind::Usd => usd(value),
    }
}

/// `value` rounded to `decimals` places, its whole part grouped by thousands: `1,234.50`.
/// Infinities and NaN (which no parser of ours produces) are written as Rust writes them.
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let digits = format!("{:.*}", decimals, value.abs());
    let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let zero = digits.bytes().all(|b| b == b'0' || b == b'.');
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if value.is_sign_negative() && !zero {
        out.push('-');
    }
    group_into(whole, &mut out);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `1,008`: a whole count, grouped.
pub fn count(n: u64) -> String {
    let mut out = String::new();
    group_into(&n.to_string(), &mut out);
    out
}

/// `66.97 %`.
pub fn percent(value: f64) -> String {
    let mut out = decimal(value, 2);
    out.push(NBSP);
    out.push('%');
    out
}

/// Hours or units: `1,008`, `23.5`, `0.25` (two decimals at most, trailing zeros dropped).
pub fn quantity(value: f64) -> String {
    let mut out = decimal(value, 2);
    if out.contains('.') {
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
    }
    if out == "-0" {
        out.remove(0);
    }
    out
}

/// `$1,234.56`, `-$3.20`.
pub fn usd(value: f64) -> String {
    let text = decimal(value, 2);
    match text.strip_prefix('-') {
        Some(positive) => format!("-${positive}"),
        None => format!("${text}"),
    }
}

/// Appends the ASCII digits `whole` with a `,` before every group of three from the right.
fn group_into(whole: &str, out: &mut String) {
    let len = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_two_decimals_and_a_no_break_space() {
        assert_eq!(percent(66.9715447154472), "66.97\u{a0}%");
        assert_eq!(percent(100.0), "100.00\u{a0}%");
        assert_eq!(percent(0.0), "0.00\u{a0}%");
        assert_eq!(percent(99.999), "100.00\u{a0}%");
        assert_eq!(percent(12.345678), "12.35\u{a0}%");
        assert_eq!(percent(-0.001), "0.00\u{a0}%");
        assert_eq!(percent(-5.5), "-5.50\u{a0}%");
        assert_eq!(percent(1234.5), "1,234.50\u{a0}%");
    }

    #[test]
    fn quantities_are_grouped_and_trimmed() {
        assert_eq!(quantity(1008.0), "1,008");
        assert_eq!(quantity(23.5), "23.5");
        assert_eq!(quantity(0.25), "0.25");
        assert_eq!(quantity(0.004), "0");
        assert_eq!(quantity(-0.004), "0");
        assert_eq!(quantity(1234567.891), "1,234,567.89");
        assert_eq!(quantity(999.999), "1,000");
        assert_eq!(quantity(-1500.0), "-1,500");
        assert_eq!(quantity(100.0), "100");
        assert_eq!(quantity(10.10), "10.1");
    }

    #[test]
    fn money_has_its_unit_and_cents() {
        assert_eq!(usd(1234.56), "$1,234.56");
        assert_eq!(usd(0.0), "$0.00");
        assert_eq!(usd(0.004), "$0.00");
        assert_eq!(usd(-3.2), "-$3.20");
        assert_eq!(usd(-0.001), "$0.00");
        assert_eq!(usd(1e9), "$1,000,000,000.00");
    }

    #[test]
    fn huge_and_odd_values() {
        assert_eq!(quantity(1e21), "1,000,000,000,000,000,000,000");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(decimal(f64::NAN, 2), "NaN");
        assert_eq!(decimal(f64::INFINITY, 2), "inf");
        assert_eq!(decimal(123456.0, 0), "123,456");
        assert_eq!(decimal(-123.456, 1), "-123.5");
    }

    #[test]
    fn every_kind_goes_through_format() {
        assert_eq!(format(50.0, Kind::Percent), "50.00\u{a0}%");
        assert_eq!(format(2016.0, Kind::Quantity), "2,016");
        assert_eq!(format(12.5, Kind::Usd), "$12.50");
    }
}
