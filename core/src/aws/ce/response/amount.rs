//! [`Amount`]: a Cost Explorer figure as text and value.

use std::fmt;
use std::ops::Deref;

/// A Cost Explorer figure: AWS's text and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// Exactly as AWS sent it, e.g. `"81.4797136038"`.
    pub text: NumberText,
    /// The parsed value (a percentage is 0-100, not 0-1).
    pub value: f64,
}

impl Amount {
    /// Parse AWS's text. Accepts decimal numbers (with optional exponent); a trailing `%` only
    /// when `percent` (the API reference's example shows `"40%"`). Refuses empty text, `NaN`
    /// and infinities, which Rust's float parser would otherwise accept.
    pub fn parse(text: &str, percent: bool) -> Option<Amount> {
        let digits = if percent {
            text.strip_suffix('%').unwrap_or(text)
        } else {
            text
        };
        let first = *digits.as_bytes().first()?;
        if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
            return None;
        }
        let value = match fast_decimal(digits) {
            Some(v) => v,
            None => general_decimal(digits)?,
        };
        Some(Amount {
            text: NumberText::new(text),
            value,
        })
    }
}

/// Clinger's fast path for the plain decimals Cost Explorer sends (`-?\d+(\.\d+)?` with at
/// most 15 significant digits): the digits fit an `f64` exactly and so does `10^k` (k <= 22),
/// so one correctly rounded division gives the same value as a full parse (and as Python's
/// `float()`, which the tests compare against). Anything else takes the general parser.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn fast_decimal(text: &str) -> Option<f64> {
    let (negative, bytes) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        bytes => (false, bytes),
    };
    // 15 digits and a point at most; longer text takes the general parser.
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut point: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa * 10 + u64::from(digit);
        } else if b == b'.' && point.is_none() {
            point = Some(i);
        } else {
            return None;
        }
    }
    let digits = bytes.len() - usize::from(point.is_some());
    let scale = point.map_or(0, |i| bytes.len() - 1 - i);
    if digits == 0 || digits > 15 || (point.is_some() && scale == 0) {
        return None;
    }
    let value = mantissa as f64 / POW10[scale];
    Some(if negative { -value } else { value })
}

/// Everything else (exponents, more than 15 digits, a leading `+` or `.`), through
/// serde_json's number reader, already in the app for Cost Explorer's JSON; Rust's own float
/// parser would add 17 KB of tables to the wasm for a path AWS's figures rarely take. It can
/// be one unit in the last place off the correctly rounded value; the text AWS sent is what
/// tables and CSV show, the value only feeds charts and sums.
fn general_decimal(text: &str) -> Option<f64> {
    let text = text.strip_prefix('+').unwrap_or(text);
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut json = String::with_capacity(unsigned.len() + 3);
    if negative {
        json.push('-');
    }
    if unsigned.starts_with('.') {
        json.push('0');
    }
    json.push_str(unsigned);
    if json.ends_with('.') {
        json.push('0');
    }
    serde_json::from_str::<f64>(&json)
        .ok()
        .filter(|v| v.is_finite())
}

/// Bytes kept inline: Cost Explorer figures are at most about 20 characters
/// (`"190.6666666664"`), so a 10 MB answer's ~200,000 figures need no heap allocation each.
const INLINE: usize = 22;

/// The text of a figure, stored inline when short. Reads as a `&str`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NumberText(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl NumberText {
    /// Copy `text`.
    pub fn new(text: &str) -> Self {
        if text.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            NumberText(Repr::Inline {
                len: text.len() as u8,
                bytes,
            })
        } else {
            NumberText(Repr::Heap(text.into()))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: the bytes were copied whole from a `&str`.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Deref for NumberText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for NumberText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for NumberText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for NumberText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for NumberText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap_texts_read_back() {
        for text in [
            "0",
            "190.6666666664",
            "1234567890.12345678901",
            "12345678901234567890.1234567890",
        ] {
            assert_eq!(NumberText::new(text), text);
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(Amount::parse("81.5", false).map(|a| a.value), Some(81.5));
        assert_eq!(Amount::parse("40%", true).map(|a| a.value), Some(40.0));
        assert_eq!(Amount::parse("40%", true).unwrap().text, "40%");
        assert_eq!(Amount::parse("1e3", false).map(|a| a.value), Some(1000.0));
        // The fast path and the general parser agree.
        for text in [
            "0",
            "1",
            "-2.5",
            "0.1",
            "23.8333333333",
            "190.6666666664",
            "999999999999999",
            "0.0000000000000000000001",
            "1234567890123456",
            "-0.0",
        ] {
            assert_eq!(
                fast_decimal(text).unwrap_or_else(|| text.parse().unwrap()),
                text.parse::<f64>().unwrap(),
                "{text}"
            );
        }
        for odd in ["1.", "1e3", "--1", "1.2.3", "-", "+1"] {
            assert_eq!(fast_decimal(odd), None, "{odd}");
        }
        for bad in ["", "%", "NaN", "inf", "1,5", " 1", "40%"] {
            assert!(Amount::parse(bad, bad == "%").is_none(), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod general_tests {
    use super::*;

    #[test]
    fn the_general_path_reads_what_the_fast_path_leaves() {
        for (text, want) in [
            ("1e3", 1000.0),
            ("+2.5", 2.5),
            (".5", 0.5),
            ("-.25", -0.25),
            ("3.", 3.0),
            ("23.8333333333333333", 23.833_333_333_333_332),
            ("1.5E-3", 0.0015),
        ] {
            let got = Amount::parse(text, false).unwrap().value;
            assert!(
                (got - want).abs() <= want.abs() * f64::EPSILON,
                "{text}: {got}"
            );
        }
        for bad in ["1e999", "1e", "e3", "1..2", "--1", "0x10"] {
            assert_eq!(Amount::parse(bad, false), None, "{bad:?}");
        }
    }
}
