//! Which stretch of time a history shows, and at which period, so that the points stay
//! readable and CloudWatch still keeps them.
//!
//! CloudWatch keeps `AWS/EC2CapacityReservations` (published every 5 minutes) at 5-minute
//! resolution for 63 days and hourly for 455 days (15 months). For a start older than 63 days it
//! answers only periods that are multiples of an hour; data older than 455 days is gone. A window
//! here is always aligned to its period (its end is the last whole period before now), so every
//! point covers a whole period and instance-hours can be summed from the averages.

use std::fmt;

use time::{Date, Duration, OffsetDateTime, Time};

/// The longest a series may be: a point every 1.5 px of a 1,080 px chart.
pub const MAX_POINTS: i64 = 720;
/// How far back CloudWatch keeps 5-minute data.
pub const FIVE_MINUTE_RETENTION_DAYS: i64 = 63;
/// How far back CloudWatch keeps hourly data (15 months).
pub const HOURLY_RETENTION_DAYS: i64 = 455;
/// EC2 publishes the reservation metrics every 5 minutes: no finer period has more to say.
pub const FINEST_PERIOD: u32 = 300;

/// The periods a window may use, finest first (each divides a day or is a day).
const PERIODS: [u32; 10] = [
    300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/// The ranges people pick from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    Day,
    Week,
    Month,
    Quarter,
    /// As far back as CloudWatch keeps data: 455 days.
    FifteenMonths,
    /// Dates the user typed.
    Custom,
}

impl Span {
    /// Every span, in the order the picker shows them.
    pub const ALL: [Span; 6] = [
        Span::Day,
        Span::Week,
        Span::Month,
        Span::Quarter,
        Span::FifteenMonths,
        Span::Custom,
    ];

    /// What the picker says.
    pub fn label(self) -> &'static str {
        match self {
            Span::Day => "24 hours",
            Span::Week => "7 days",
            Span::Month => "30 days",
            Span::Quarter => "90 days",
            Span::FifteenMonths => "15 months",
            Span::Custom => "Custom dates",
        }
    }

    /// The URL's word for it.
    pub fn slug(self) -> &'static str {
        match self {
            Span::Day => "24h",
            Span::Week => "7d",
            Span::Month => "30d",
            Span::Quarter => "90d",
            Span::FifteenMonths => "15mo",
            Span::Custom => "custom",
        }
    }

    /// The span a URL word names.
    pub fn from_slug(slug: &str) -> Option<Span> {
        Span::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// How long it is (`None` for custom dates).
    pub fn length(self) -> Option<Duration> {
        Some(match self {
            Span::Day => Duration::DAY,
            Span::Week => Duration::days(7),
            Span::Month => Duration::days(30),
            Span::Quarter => Duration::days(90),
            Span::FifteenMonths => Duration::days(HOURLY_RETENTION_DAYS),
            Span::Custom => return None,
        })
    }
}

/// A stretch of time at one period: `[start, end)`, both multiples of `period` from the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
    /// Seconds per point.
    pub period: u32,
}

impl Window {
    /// How many points a full series has.
    pub fn points(&self) -> i64 {
        (self.end - self.start).whole_seconds() / i64::from(self.period)
    }

    /// Hours per point.
    pub fn hours_per_point(&self) -> f64 {
        f64::from(self.period) / 3600.0
    }

    /// What a point is: `5-minute averages`, `Hourly averages`, `3-hour averages`, `Daily averages`.
    pub fn resolution(&self) -> String {
        let what = match self.period {
            86_400 => "Daily".to_string(),
            3600 => "Hourly".to_string(),
            p if p % 3600 == 0 => format!("{}-hour", p / 3600),
            p => format!("{}-minute", p / 60),
        };
        format!("{what} averages")
    }

    /// The range in words: `2026-11-26 14:00 to 2026-12-03 14:00 UTC`.
    pub fn text(&self) -> String {
        format!(
            "{} to {} UTC",
            minute_text(self.start),
            minute_text(self.end)
        )
    }

    /// Whether `t` (epoch seconds) lies in the window.
    pub fn contains(&self, t: i64) -> bool {
        (self.start.unix_timestamp()..self.end.unix_timestamp()).contains(&t)
    }
}

/// `2026-12-03 14:05`.
pub fn minute_text(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// Why no window could be made of what was asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("Pick a start date and an end date.")]
    MissingDates,
    #[error("The end date ({end}) is before the start date ({start}).")]
    EndBeforeStart { start: Date, end: Date },
    #[error(
        "CloudWatch keeps these metrics for 455 days (15 months): the earliest start is {earliest}."
    )]
    TooOld { earliest: Date },
    #[error("The start date {start} is in the future: there is no history yet.")]
    Future { start: Date },
}

/// The window for `span` ending now (`custom`: the first and last day, both included, UTC).
pub fn window_for(
    span: Span,
    custom: Option<(Date, Date)>,
    now: OffsetDateTime,
) -> Result<Window, RangeError> {
    let now = now.to_offset(time::UtcOffset::UTC);
    let (start, end) = match span.length() {
        Some(length) => (now - length, now),
        None => {
            let (first, last) = custom.ok_or(RangeError::MissingDates)?;
            if last < first {
                return Err(RangeError::EndBeforeStart {
                    start: first,
                    end: last,
                });
            }
            let start = first.with_time(Time::MIDNIGHT).assume_utc();
            if start >= now {
                return Err(RangeError::Future { start: first });
            }
            let earliest = now - Duration::days(HOURLY_RETENTION_DAYS);
            if start < earliest - Duration::DAY {
                return Err(RangeError::TooOld {
                    earliest: (earliest + Duration::DAY).date(),
                });
            }
            let end = (last.with_time(Time::MIDNIGHT).assume_utc() + Duration::DAY).min(now);
            (start.max(earliest), end)
        }
    };
    Ok(aligned(start, end, now))
}

/// The list's window: the last `days` days, hourly up to two weeks and daily beyond (the
/// lowest point of a week is then its lowest hour, as AWS Health counts it).
pub fn list_window(days: u32, now: OffsetDateTime) -> Window {
    let now = now.to_offset(time::UtcOffset::UTC);
    let days = days.clamp(1, HOURLY_RETENTION_DAYS as u32);
    let period = if days <= 14 { 3600 } else { 86_400 };
    let end = floor(now, period);
    Window {
        start: end - Duration::days(i64::from(days)),
        end,
        period,
    }
}

/// The finest period that keeps `[start, end)` within [`MAX_POINTS`] and CloudWatch's
/// retention, with both ends aligned to it (the end to the last whole period before `end`).
fn aligned(start: OffsetDateTime, end: OffsetDateTime, now: OffsetDateTime) -> Window {
    let seconds = (end - start).whole_seconds().max(1);
    let old = now - start > Duration::days(FIVE_MINUTE_RETENTION_DAYS);
    let period = PERIODS
        .into_iter()
        .find(|p| {
            (seconds + i64::from(*p) - 1) / i64::from(*p) <= MAX_POINTS && (!old || p % 3600 == 0)
        })
        .unwrap_or(86_400);
    let end = floor(end, period);
    let count = ((seconds + i64::from(period) - 1) / i64::from(period)).max(1);
    Window {
        start: end - Duration::seconds(count * i64::from(period)),
        end,
        period,
    }
}

/// `t` rounded down to a multiple of `period` seconds since the epoch.
fn floor(t: OffsetDateTime, period: u32) -> OffsetDateTime {
    let s = t.unix_timestamp();
    let p = i64::from(period);
    OffsetDateTime::from_unix_timestamp(s - s.rem_euclid(p))
        .unwrap_or_else(|_| unreachable!("a time rounded down stays in range"))
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    const NOW: OffsetDateTime = datetime!(2026-12-03 14:07:31 UTC);

    #[test]
    fn presets_pick_the_finest_readable_period() {
        let cases = [
            (Span::Day, 300, 288),
            (Span::Week, 900, 672),
            (Span::Month, 3600, 720),
            (Span::Quarter, 10_800, 720),
            (Span::FifteenMonths, 86_400, 455),
        ];
        for (span, period, points) in cases {
            let w = window_for(span, None, NOW).unwrap();
            assert_eq!((w.period, w.points()), (period, points), "{span}");
            assert_eq!(w.end.unix_timestamp() % i64::from(period), 0);
            assert!(w.end <= NOW && NOW - w.end < Duration::seconds(period.into()));
        }
    }

    #[test]
    fn starts_older_than_63_days_use_whole_hours() {
        // 64 days would fit 720 points at 7,200 s; 70 days at 10,800 s: both whole hours anyway.
        // 20 days back at 2,400 s would not be a CloudWatch period; 3,600 is.
        let w = window_for(
            Span::Custom,
            Some((date!(2026 - 09 - 25), date!(2026 - 09 - 27))),
            NOW,
        )
        .unwrap();
        assert_eq!(w.period % 3600, 0);
        assert_eq!(w.start, datetime!(2026-09-25 00:00 UTC));
        assert_eq!(w.end, datetime!(2026-09-28 00:00 UTC));
        // Recent: 5-minute data still exists.
        let w = window_for(
            Span::Custom,
            Some((date!(2026 - 12 - 02), date!(2026 - 12 - 02))),
            NOW,
        )
        .unwrap();
        assert_eq!((w.period, w.points()), (300, 288));
    }

    #[test]
    fn custom_dates_are_checked() {
        let custom = |a, b| window_for(Span::Custom, Some((a, b)), NOW);
        assert_eq!(
            custom(date!(2026 - 12 - 02), date!(2026 - 12 - 01)),
            Err(RangeError::EndBeforeStart {
                start: date!(2026 - 12 - 02),
                end: date!(2026 - 12 - 01)
            })
        );
        assert!(matches!(
            custom(date!(2025 - 01 - 01), date!(2025 - 02 - 01)),
            Err(RangeError::TooOld { .. })
        ));
        assert_eq!(
            custom(date!(2026 - 12 - 04), date!(2026 - 12 - 05)),
            Err(RangeError::Future {
                start: date!(2026 - 12 - 04)
            })
        );
        assert_eq!(
            window_for(Span::Custom, None, NOW),
            Err(RangeError::MissingDates)
        );
        // Today as the last day stops at now.
        let w = custom(date!(2026 - 12 - 01), date!(2026 - 12 - 03)).unwrap();
        assert!(w.end <= NOW);
    }

    #[test]
    fn list_windows_are_hourly_then_daily() {
        let w = list_window(7, NOW);
        assert_eq!((w.period, w.points()), (3600, 168));
        assert_eq!(w.end, datetime!(2026-12-03 14:00 UTC));
        let w = list_window(30, NOW);
        assert_eq!((w.period, w.points()), (86_400, 30));
        assert_eq!(w.resolution(), "Daily averages");
        assert_eq!(
            window_for(Span::Day, None, NOW).unwrap().resolution(),
            "5-minute averages"
        );
    }
}
