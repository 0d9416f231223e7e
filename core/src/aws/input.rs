//! Errors found in a request before anything is sent.

use super::sign::SignError;

/// A request input AWS would reject, caught before sending (Cost Explorer bills every
/// request, rejected ones included, and a round trip is slower than a check).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// A required value is missing or empty.
    #[error("{field} is required.")]
    Missing {
        /// The member name as AWS spells it.
        field: &'static str,
    },
    /// A number is outside the range the API accepts.
    #[error("{field} must be between {min} and {max}; it was {value}.")]
    OutOfRange {
        /// The member name as AWS spells it.
        field: &'static str,
        /// The value given.
        value: i64,
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// A text value is longer than the API accepts.
    #[error("{field} may be at most {max} characters long; it has {length}.")]
    TooLong {
        /// The member name as AWS spells it.
        field: &'static str,
        /// Its length in characters.
        length: usize,
        /// The maximum.
        max: usize,
    },
    /// A date is not `YYYY-MM-DD` (optionally followed by `THH:MM:SSZ`).
    #[error("{field} must be a date like 2025-01-31; it was \"{value}\".")]
    DateMalformed {
        /// The member name as AWS spells it.
        field: &'static str,
        /// The value given (dates are not secret).
        value: String,
    },
    /// A value the operation's documentation says it does not accept (the model's enum is
    /// shared by operations that accept more).
    #[error("{operation} accepts {field} {accepted} only; it was {value}.")]
    NotAccepted {
        /// The operation, as AWS spells it.
        operation: &'static str,
        /// The member name as AWS spells it.
        field: &'static str,
        /// The value given, as AWS spells it.
        value: &'static str,
        /// What the operation accepts instead, e.g. `DAILY or MONTHLY`.
        accepted: &'static str,
    },
    /// Two members the operation refuses together.
    #[error("{operation} can't take {field} together with {other}; leave one of them out.")]
    Exclusive {
        /// The operation, as AWS spells it.
        operation: &'static str,
        /// The member name as AWS spells it.
        field: &'static str,
        /// The member it can't be combined with.
        other: &'static str,
    },
    /// Too many items in a list.
    #[error("{field} may have at most {max} items; it has {count}.")]
    TooMany {
        field: &'static str,
        count: usize,
        max: usize,
    },
    /// A value the model's enum does not list (Capacity Manager refuses unknown metric and
    /// dimension names, and the request would fail for all of them).
    #[error("{field} has no value \"{value}\"; use one of the names AWS lists for it.")]
    UnknownValue {
        /// The member name as AWS spells it.
        field: &'static str,
        /// The value given (metric and dimension names are not secret).
        value: String,
    },
    /// A list has no items where the API needs at least one.
    #[error("{field} needs at least one item.")]
    Empty {
        /// The member name as AWS spells it.
        field: &'static str,
    },
    /// Two items of a list share a value that must be unique.
    #[error("{field} must be unique; \"{value}\" is used more than once.")]
    Duplicate {
        /// The member name as AWS spells it.
        field: &'static str,
        /// The repeated value (ids and names, not secret).
        value: String,
    },
    /// A text value does not have the form the API accepts.
    #[error("{field} {rule}; it was \"{value}\".")]
    Malformed {
        /// The member name as AWS spells it.
        field: &'static str,
        /// What the value must look like, e.g. `must start with a lower-case letter`.
        rule: &'static str,
        /// The value given (not secret).
        value: String,
    },
    /// A time that must come before another does not.
    #[error("{field} must be before {other}.")]
    NotBefore {
        /// The member name as AWS spells it.
        field: &'static str,
        /// The member it must precede.
        other: &'static str,
    },
    /// Of two members, exactly one must be set.
    #[error("it needs exactly one of {one} or {other}.")]
    OneOf {
        /// One member, as AWS spells it.
        one: &'static str,
        /// The other.
        other: &'static str,
    },
    /// Every item of a list is marked not to be returned.
    #[error(
        "At least one of {field} must have {flag} true or left out: otherwise nothing comes back."
    )]
    NoneReturned {
        /// The list member, as AWS spells it.
        field: &'static str,
        /// The flag, as AWS spells it.
        flag: &'static str,
    },
    /// A problem in one item of a list, e.g. the third of `MetricDataQueries`.
    #[error("{field}[{index}] (counting from 0): {error}")]
    Item {
        /// The list member, as AWS spells it.
        field: &'static str,
        /// The item's position, from 0.
        index: usize,
        /// What is wrong with it.
        error: Box<InputError>,
    },
    /// A time range that is not a whole number of periods.
    #[error("The time from StartTime to EndTime ({seconds} s) must be a whole number of periods of {period} s.")]
    NotWholePeriods {
        /// The length of the range in seconds (rounded down).
        seconds: i64,
        /// The period in seconds.
        period: i32,
    },
    /// A period the API does not accept.
    #[error("{field} must be a whole number of hours (a multiple of 3600 s, at least 3600); it was {value}.")]
    NotWholeHours {
        /// The member name as AWS spells it.
        field: &'static str,
        /// The value given.
        value: i32,
    },
}

/// Why a request could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// The input is invalid; nothing was sent.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The request could not be signed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// Checks an optional integer against an inclusive range.
pub(crate) fn check_range(
    field: &'static str,
    value: Option<i32>,
    min: i64,
    max: i64,
) -> Result<(), InputError> {
    match value.map(i64::from) {
        Some(v) if v < min || v > max => Err(InputError::OutOfRange {
            field,
            value: v,
            min,
            max,
        }),
        _ => Ok(()),
    }
}

/// Checks an optional text against a maximum length in characters.
pub(crate) fn check_len(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<(), InputError> {
    match value.map(|v| v.chars().count()) {
        Some(length) if length > max => Err(InputError::TooLong { field, length, max }),
        _ => Ok(()),
    }
}

/// Checks a list's length against a maximum.
pub(crate) fn check_count(field: &'static str, count: usize, max: usize) -> Result<(), InputError> {
    if count > max {
        Err(InputError::TooMany { field, count, max })
    } else {
        Ok(())
    }
}
