//! Orderings shared by every table: a sort direction, "unknown sorts last whatever the
//! direction", and a natural text order so `m5.2xlarge` comes before `m5.12xlarge`.

use std::cmp::Ordering;

/// Which way a column is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Smallest (or A) first.
    #[default]
    Ascending,
    /// Largest (or Z) first.
    Descending,
}

impl Direction {
    /// The other direction (for a column header clicked twice).
    pub fn flipped(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    /// Applies the direction to an ascending ordering.
    pub fn apply(self, ascending: Ordering) -> Ordering {
        match self {
            Direction::Ascending => ascending,
            Direction::Descending => ascending.reverse(),
        }
    }
}

/// A column and a direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sort<C> {
    /// The column sorted on.
    pub column: C,
    /// Which way.
    pub direction: Direction,
}

impl<C> Sort<C> {
    /// Sort on `column` in `direction`.
    pub fn new(column: C, direction: Direction) -> Self {
        Sort { column, direction }
    }
}

/// Compares two optional values: known values in `direction`, unknown (`None`) always after
/// them, because a blank at the top of a sorted column reads as "the smallest".
pub fn known_first<T>(
    a: Option<T>,
    b: Option<T>,
    direction: Direction,
    cmp: impl FnOnce(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => direction.apply(cmp(&a, &b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Natural order: runs of ASCII digits compare as numbers (`2` < `12`), other characters
/// compare ASCII case-insensitively; equal keys fall back to plain byte order so the result is
/// a total order (required by `sort_by`). Allocation-free: it runs inside sort comparators.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (nx, rest_x) = digit_run(x);
                let (ny, rest_y) = digit_run(y);
                let ord = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
                if ord != Ordering::Equal {
                    return ord;
                }
                (x, y) = (rest_x, rest_y);
            }
            (Some(c), Some(d)) => {
                let ord = c.to_ascii_lowercase().cmp(&d.to_ascii_lowercase());
                if ord != Ordering::Equal {
                    return ord;
                }
                (x, y) = (&x[1..], &y[1..]);
            }
        }
    }
}

/// The digit run at the start of `s` without its leading zeros, and what follows it.
fn digit_run(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    let (digits, rest) = s.split_at(end);
    let first_nonzero = digits
        .iter()
        .position(|&b| b != b'0')
        .unwrap_or(digits.len());
    (&digits[first_nonzero..], rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        let mut v = vec![
            "m5.12xlarge",
            "m5.2xlarge",
            "M5.large",
            "m5.xlarge",
            "c7i.4xlarge",
        ];
        crate::sort::sort_by(&mut v, &|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            [
                "c7i.4xlarge",
                "m5.2xlarge",
                "m5.12xlarge",
                "M5.large",
                "m5.xlarge"
            ]
        );
        assert_eq!(natural_cmp("a01", "a1"), "a01".cmp("a1"));
        assert_eq!(natural_cmp("", "a"), Ordering::Less);
    }
}
