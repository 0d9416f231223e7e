//! Exact shares ("30 of 40 instances") shown as percentages, compared without floating point
//! so sorting and totals never disagree with what the cells say.

use std::cmp::Ordering;
use std::fmt;

/// `part` out of `whole`, with `whole > 0`. Utilisation is used / total; an account's share is
/// its instances / the reservation's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Share {
    part: u64,
    whole: u64,
}

impl Share {
    /// `part / whole`, or `None` when `whole` is 0: a percentage of nothing is unknown, not 0%.
    pub fn new(part: u64, whole: u64) -> Option<Share> {
        (whole > 0).then_some(Share { part, whole })
    }

    /// From optional counts: unknown when either count is.
    pub fn of(part: Option<u64>, whole: Option<u64>) -> Option<Share> {
        Share::new(part?, whole?)
    }

    /// The numerator.
    pub fn part(self) -> u64 {
        self.part
    }

    /// The denominator (never 0).
    pub fn whole(self) -> u64 {
        self.whole
    }

    /// The percentage as a float (for charts; tables use [`Share::percent_text`]).
    pub fn percent(self) -> f64 {
        self.part as f64 * 100.0 / self.whole as f64
    }

    /// The percentage with one decimal, rounded half up by integer arithmetic: `"62.5"`,
    /// `"100.0"`, `"0.3"`. No `%` sign, so a CSV cell stays a number.
    pub fn percent_text(self) -> String {
        // Tenths of a percent, rounded half up: (part * 1000 + whole / 2) / whole.
        let tenths =
            (u128::from(self.part) * 1000 + u128::from(self.whole) / 2) / u128::from(self.whole);
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

impl Ord for Share {
    /// Compares the fractions exactly (cross-multiplied in 128 bits), then by denominator so
    /// that equal percentages still have a fixed order.
    fn cmp(&self, other: &Self) -> Ordering {
        let left = u128::from(self.part) * u128::from(other.whole);
        let right = u128::from(other.part) * u128::from(self.whole);
        left.cmp(&right).then(self.whole.cmp(&other.whole))
    }
}

impl PartialOrd for Share {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Share {
    /// `62.5%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent_text())
    }
}

/// A count for a table cell: the number, or an empty string when unknown.
pub fn count_text(count: Option<impl Into<u64>>) -> String {
    count.map(|c| c.into().to_string()).unwrap_or_default()
}

/// A percentage for a table cell: `"62.5"`, or an empty string when unknown.
pub fn share_text(share: Option<Share>) -> String {
    share.map(Share::percent_text).unwrap_or_default()
}

/// A count as people read it in a table: `1,008`, or an empty string when unknown.
pub fn count_display(count: Option<impl Into<u64>>) -> String {
    count
        .map(|c| crate::numbers::count(c.into()))
        .unwrap_or_default()
}

/// A share as people read it in a table: `62.50 %`, or an empty string when unknown.
pub fn share_display(share: Option<Share>) -> String {
    share
        .map(|s| crate::numbers::percent(s.percent()))
        .unwrap_or_default()
}
