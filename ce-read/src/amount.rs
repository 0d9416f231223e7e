//! [`Amount`]: a Cost Explorer figure as text and value.

use std::cmp::Ordering;
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
        let value = decimal(digits)?;
        Some(Amount {
            text: NumberText::new(text),
            value,
        })
    }
}

/// A decimal's value, correctly rounded (what Python's `float()` gives): the reader of
/// [`Amount::parse`], for the app's other numbers too (CloudWatch's values and timestamps, a
/// typed threshold), so the app carries one float reader. Rust's `str::parse::<f64>` would add
/// its own, with a 10 KB table of powers of five (BENCHMARKS.md).
///
/// `None` for text that is not a decimal (`-?\d*(\.\d*)?([eE][+-]?\d+)?` with a digit, a
/// leading `+` allowed), `NaN` and infinities included, and for what no answer of AWS holds:
/// a magnitude past the largest double (Python reads infinity), or more than 800 significant
/// digits or a power of ten past ±800.
pub fn decimal(text: &str) -> Option<f64> {
    let first = *text.as_bytes().first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    match fast_decimal(text) {
        Some(v) => Some(v),
        None => general_decimal(text),
    }
}

/// Clinger's fast path: a decimal `-?\d*(\.\d*)?([eE][+-]?\d+)?` whose significant digits
/// (leading and trailing zeros dropped) number 15 at most and whose power of
/// ten is within 22 either way. Then the digits fit an `f64` exactly and so does `10^k`, so one
/// correctly rounded multiplication or division gives the correctly rounded value, the same as
/// Python's `float()` (the tests and the differential fuzz target compare with it). That covers
/// what Cost Explorer sends (`"66.9715447154472"`, `"0.0000000000"`, `"1.0E-4"`); anything else
/// takes the general parser.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn fast_decimal(text: &str) -> Option<f64> {
    // One pass over the bytes (the figures are most of a coverage answer's text): the digits
    // as a mantissa without leading or trailing zeros, zeros after the last non-zero digit
    // held back (`zeros`) until another non-zero digit shows they are not trailing.
    let (negative, bytes) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        bytes => (false, bytes),
    };
    if let Some(value) = plain_decimal(bytes) {
        return Some(if negative { -value } else { value });
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut zeros = 0u32;
    let mut whole = 0usize;
    let mut fraction: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b @ b'0'..=b'9' => {
                match &mut fraction {
                    Some(n) => *n += 1,
                    None => whole += 1,
                }
                if b == b'0' {
                    zeros += u32::from(mantissa != 0);
                } else {
                    digits += zeros + 1;
                    if digits > 15 {
                        return None;
                    }
                    mantissa = mantissa * POW10_INT[zeros as usize + 1] + u64::from(b - b'0');
                    zeros = 0;
                }
            }
            b'.' if fraction.is_none() => fraction = Some(0),
            b'e' | b'E' => break,
            _ => return None,
        }
        i += 1;
    }
    // The forms the general parser reads differently or refuses: "1.", ".5", "".
    if whole == 0 || fraction == Some(0) {
        return None;
    }
    // The value is `mantissa` × 10^power: each fraction digit a power down, the zeros held
    // back (trailing, dropped from the mantissa) a power up.
    let mut power = i64::from(zeros) - fraction.unwrap_or(0) as i64;
    if i < bytes.len() {
        let (sign, e) = match &bytes[i + 1..] {
            [b'-', rest @ ..] => (-1, rest),
            [b'+', rest @ ..] => (1, rest),
            e => (1, e),
        };
        if e.is_empty() || e.len() > 4 || !e.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e = e.iter().fold(0i64, |n, &b| n * 10 + i64::from(b - b'0'));
        power += sign * e;
    }
    let value = if mantissa == 0 {
        0.0
    } else if (0..=22).contains(&power) {
        mantissa as f64 * POW10[power as usize]
    } else if (-22..0).contains(&power) {
        mantissa as f64 / POW10[(-power) as usize]
    } else {
        return None;
    };
    Some(if negative { -value } else { value })
}

/// The shortest path, for most figures: `\d+(\.\d+)?` of 15 digits at most in all (so the
/// digits, zeros and all, are an integer below 10^15, exact in an `f64`) read 8 digits at a
/// time. `None` for anything else, which the general loop of [`fast_decimal`] reads.
#[inline]
fn plain_decimal(bytes: &[u8]) -> Option<f64> {
    if bytes.len() > 16 {
        return None;
    }
    let (whole, fraction) = match bytes.iter().position(|&b| b == b'.') {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &[][..]),
    };
    if whole.is_empty() || whole.len() + fraction.len() > 15 {
        return None;
    }
    if fraction.is_empty() && whole.len() < bytes.len() {
        return None; // "1."
    }
    let mantissa = digits_value(whole)? * POW10_INT[fraction.len()] + digits_value(fraction)?;
    Some(mantissa as f64 / POW10[fraction.len()])
}

/// The value of 15 ASCII digits at most, or `None` if one is not a digit.
#[inline]
fn digits_value(digits: &[u8]) -> Option<u64> {
    let (mut value, rest) = match digits.split_first_chunk::<8>() {
        Some((eight, rest)) => (eight_digits(u64::from_le_bytes(*eight))?, rest),
        None => (0, digits),
    };
    for &b in rest {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        value = value * 10 + u64::from(d);
    }
    Some(value)
}

/// Eight ASCII digits read at once from a little-endian word (the method of Rust's own float
/// parser, `core::num::dec2flt`, after Lemire's fast_float), or `None` if one is not a digit.
#[inline]
fn eight_digits(v: u64) -> Option<u64> {
    let above = v.wrapping_add(0x4646_4646_4646_4646);
    let below = v.wrapping_sub(0x3030_3030_3030_3030);
    if (above | below) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    const MUL1: u64 = 0x000F_4240_0000_0064; // 100 + (1_000_000 << 32)
    const MUL2: u64 = 0x0000_2710_0000_0001; // 1 + (10_000 << 32)
    let v = below.wrapping_mul(10).wrapping_add(below >> 8);
    let high = (v & MASK).wrapping_mul(MUL1);
    let low = ((v >> 16) & MASK).wrapping_mul(MUL2);
    Some(u64::from((high.wrapping_add(low) >> 32) as u32))
}

/// 10^0 to 10^15: a mantissa of 15 digits at most is shifted by 15 places at most.
const POW10_INT: [u64; 16] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
];

/// Everything else (more than 15 significant digits, powers of ten beyond 22, a leading `+`
/// or `.`): serde_json's number reader (already in the app for Cost Explorer's JSON) gives a
/// value within a few units in the last place, then [`nearest`] moves it to the correctly
/// rounded one by exact integer comparison. Measured on the release build (BENCHMARKS.md):
/// Rust's own float parser would add 14.2 KB gzip to the first load and serde_json's
/// `float_roundtrip` 8.4 KB; this costs about 1.6 KB, for a path Cost Explorer's
/// figures rarely take.
fn general_decimal(text: &str) -> Option<f64> {
    let text = text.strip_prefix('+').unwrap_or(text);
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let d = Decimal::read(unsigned)??;
    let value = if d.digits.is_empty() {
        0.0
    } else {
        // serde_json reads the digits as JSON (no leading zeros, no bare point); past the
        // largest double it gives up, and the search starts there and decides.
        let mut json: String = d.digits.iter().map(|&b| char::from(b'0' + b)).collect();
        json.push_str(&format!("e{}", d.power));
        let approx = serde_json::from_str::<f64>(&json).ok();
        nearest(&d, approx.filter(|v| v.is_finite()).unwrap_or(f64::MAX))?
    };
    Some(if negative { -value } else { value })
}

/// A non-negative decimal as its significant digits and a power of ten.
struct Decimal {
    digits: Vec<u8>,
    power: i64,
}

/// Beyond these the exact comparison would be slow, and the text is refused as not a number
/// (no figure from AWS comes near them; a double has no use for more digits).
const MAX_DIGITS: usize = 800;
const MAX_POWER: i64 = 800;

impl Decimal {
    /// `12.50e-3` as digits 125 and power -4: `None` when the text is not a decimal,
    /// `Some(None)` past the limits above.
    fn read(text: &str) -> Option<Option<Decimal>> {
        let (number, exponent) = match text.find(['e', 'E']) {
            Some(i) => (&text[..i], text[i + 1..].parse::<i64>().ok()?),
            None => (text, 0),
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let all = || whole.bytes().chain(fraction.bytes());
        if whole.len() + fraction.len() == 0 || !all().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut digits: Vec<u8> = all().map(|b| b - b'0').collect();
        let Some(mut power) = exponent.checked_sub(fraction.len() as i64) else {
            return Some(None);
        };
        let leading = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            power += 1;
        }
        Some(
            (digits.len() <= MAX_DIGITS && (digits.is_empty() || power.abs() <= MAX_POWER))
                .then_some(Decimal { digits, power }),
        )
    }
}

/// The double nearest `d` (ties to even), starting from `approx`, a few units away at most.
/// Each step compares `d` exactly with the midpoint between the candidate and a neighbour. `d`
/// is not zero (the caller reads zero itself).
fn nearest(d: &Decimal, approx: f64) -> Option<f64> {
    let mut digits = Big::from(0);
    for &digit in &d.digits {
        digits.mul_add(10, u32::from(digit));
    }
    let mut candidate = approx.abs();
    for _ in 0..64 {
        // Past the largest double comes infinity, which `parts` reads as 2^1024: the midpoint
        // is where IEEE rounding overflows.
        let up = f64::from_bits(candidate.to_bits() + 1);
        match compare_with_midpoint(&digits, d.power, candidate, up) {
            Ordering::Greater if !up.is_finite() => return None,
            Ordering::Greater => {
                candidate = up;
                continue;
            }
            Ordering::Equal => return Some(even(candidate, up)).filter(|v| v.is_finite()),
            Ordering::Less => {}
        }
        if candidate == 0.0 {
            return Some(candidate);
        }
        let down = f64::from_bits(candidate.to_bits() - 1);
        match compare_with_midpoint(&digits, d.power, down, candidate) {
            Ordering::Less => candidate = down,
            Ordering::Equal => return Some(even(down, candidate)),
            Ordering::Greater => return Some(candidate),
        }
    }
    Some(candidate)
}

/// Of two neighbouring doubles, the one with an even significand.
fn even(a: f64, b: f64) -> f64 {
    if a.to_bits().is_multiple_of(2) {
        a
    } else {
        b
    }
}

/// `digits * 10^power` against the midpoint of the neighbouring doubles `low < high`, exactly.
fn compare_with_midpoint(digits: &Big, power: i64, low: f64, high: f64) -> Ordering {
    let (a, ea) = parts(low);
    let (b, eb) = parts(high);
    let e = ea.min(eb);
    // midpoint = (a * 2^(ea-e) + b * 2^(eb-e)) * 2^(e-1)
    let sum = (u128::from(a) << (ea - e)) + (u128::from(b) << (eb - e));
    let two_power = e - 1;
    let mut left = digits.clone();
    let mut right = Big::from(sum);
    if power >= 0 {
        left.mul_pow10(power as u32);
    } else {
        right.mul_pow10(power.unsigned_abs() as u32);
    }
    if two_power >= 0 {
        right.shl(two_power as u32);
    } else {
        left.shl(two_power.unsigned_abs() as u32);
    }
    left.cmp(&right)
}

/// A finite, non-negative double as `significand * 2^exponent`.
fn parts(v: f64) -> (u64, i64) {
    let bits = v.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    }
}

/// The little unsigned big integer the comparison needs: base 2^32, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from(v: u128) -> Big {
        let mut limbs = vec![
            v as u32,
            (v >> 32) as u32,
            (v >> 64) as u32,
            (v >> 96) as u32,
        ];
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        Big(limbs)
    }

    /// `self = self * m + add`.
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, n: u32) {
        for _ in 0..n / 9 {
            self.mul_add(1_000_000_000, 0);
        }
        self.mul_add(10u32.pow(n % 9), 0);
    }

    fn shl(&mut self, bits: u32) {
        let (words, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let trim = |v: &[u32]| v.len() - v.iter().rev().take_while(|&&l| l == 0).count();
        let (a, b) = (&self.0[..trim(&self.0)], &other.0[..trim(&other.0)]);
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
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
    fn decimal_reads_what_rusts_parser_reads_in_the_doubles_range() {
        for text in [
            "0",
            "-0",
            "0.0",
            "81.5",
            "+2.5",
            ".5",
            "5.",
            "1e3",
            "1E+3",
            "2.5e-3",
            "-1.0E-4",
            "1697760000",
            "1.6977600005E9",
            "12.345678901234567",
            "0.1000000000000000055511151231257827",
            "1.7976931348623157e308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "9007199254740993",
            "123456789012345678901234567890",
        ] {
            let rust: f64 = text.parse().unwrap();
            assert_eq!(
                decimal(text).map(f64::to_bits),
                Some(rust.to_bits()),
                "{text}"
            );
        }
    }

    #[test]
    fn decimal_refuses_what_is_not_a_finite_decimal() {
        for text in [
            "",
            "-",
            ".",
            "e3",
            "1e",
            "1e+",
            "NaN",
            "nan",
            "inf",
            "-infinity",
            "Infinity",
            "1,5",
            "1.5.2",
            "0x10",
            "1_000",
            " 1",
            "1 ",
            "1e400",
            "-1.8e308",
        ] {
            assert_eq!(decimal(text), None, "{text:?}");
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
            "986945135.4000000000E0",
            "1.0E-4",
            "9.869451354E8",
            "123456789012345e-22",
            "5e22",
            "0.10000000000000000000000",
            "-1.5E+3",
            "0e0",
            "0000012.5000",
            "-0.0",
        ] {
            assert_eq!(
                fast_decimal(text).unwrap_or_else(|| text.parse().unwrap()),
                text.parse::<f64>().unwrap(),
                "{text}"
            );
        }
        for odd in [
            "1.", ".5", "--1", "1.2.3", "-", "+1", "1e", "1e+", "1e99999", "1.5e-30",
        ] {
            assert_eq!(fast_decimal(odd), None, "{odd}");
        }
        for bad in ["", "%", "NaN", "inf", "1,5", " 1", "40%"] {
            assert!(Amount::parse(bad, bad == "%").is_none(), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// Decimals of every form the fast path meets (leading, inner and trailing zeros on both
    /// sides of the point, exponents, signs), from a fixed-seed generator: whatever it reads
    /// is what Rust's correctly rounded parser reads.
    #[test]
    fn the_one_pass_reader_agrees_with_the_standard_parser() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let (mut read, mut left) = (0, 0);
        for _ in 0..200_000 {
            let mut text = String::new();
            if next(4) == 0 {
                text.push('-');
            }
            let digit = |next: &mut dyn FnMut(u64) -> u64| {
                // Zeros half the time: runs of them are what the reader must count right.
                char::from(b'0' + if next(2) == 0 { 0 } else { next(10) as u8 })
            };
            for _ in 0..=next(12) {
                text.push(digit(&mut next));
            }
            if next(3) != 0 {
                text.push('.');
                for _ in 0..=next(14) {
                    text.push(digit(&mut next));
                }
            }
            if next(4) == 0 {
                text.push(if next(2) == 0 { 'e' } else { 'E' });
                match next(3) {
                    0 => text.push('-'),
                    1 => text.push('+'),
                    _ => {}
                }
                text.push_str(&next(30).to_string());
            }
            match fast_decimal(&text) {
                Some(v) => {
                    read += 1;
                    let want: f64 = text.parse().unwrap();
                    assert_eq!(v.to_bits(), want.to_bits(), "{text}");
                }
                None => left += 1,
            }
        }
        // Most of them take the fast path; the rest are the general parser's.
        assert!(read > 100_000 && left > 1_000, "{read} read, {left} left");
    }

    #[test]
    fn eight_digits_at_once() {
        for text in ["00000000", "12345678", "99999999", "10000001", "07654321"] {
            let word = u64::from_le_bytes(text.as_bytes().try_into().unwrap());
            assert_eq!(eight_digits(word), Some(text.parse().unwrap()), "{text}");
        }
        for text in [
            "1234567.",
            "/2345678",
            ":2345678",
            "1234567:",
            "12 45678",
            "1234\u{e9}67",
        ] {
            let bytes: [u8; 8] = text.as_bytes()[..8].try_into().unwrap();
            assert_eq!(eight_digits(u64::from_le_bytes(bytes)), None, "{text:?}");
        }
        for (text, want) in [
            ("7.5", 7.5),
            ("0.0000000000", 0.0),
            ("76.1904761904762", 76.1904761904762),
        ] {
            assert_eq!(plain_decimal(text.as_bytes()), Some(want), "{text}");
        }
        for text in ["1.", ".5", "1.2.3", "1e3", "1234567890123456", "-1", ""] {
            assert_eq!(plain_decimal(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn trailing_zeros_of_the_whole_part_are_not_significant_digits() {
        // 18 digits, 2 of them significant: exact as 12 × 10^16.
        assert_eq!(fast_decimal("120000000000000000"), Some(1.2e17));
        assert_eq!(fast_decimal("100.5000"), Some(100.5));
        assert_eq!(fast_decimal("0.000120"), Some(0.00012));
        // 16 significant digits: the general parser's.
        assert_eq!(fast_decimal("1000000000000001"), None);
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
            assert_eq!(Amount::parse(text, false).unwrap().value, want, "{text}");
        }
        // Correctly rounded, as Rust's own parser (and Python's float()) reads them: the
        // differential fuzz target found serde_json's reader 2 units off on the first.
        for text in [
            "1000734737.888999900000E0",
            "986945135.4000000000E0",
            "1234567.3333333333",
            "0.30000000000000004",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000000001",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001234567890123456789",
            "7.038531e-26",
            "8.589973e9",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
        ] {
            assert_eq!(
                Amount::parse(text, false).map(|a| a.value),
                text.parse::<f64>().ok(),
                "{text}"
            );
        }
        for bad in ["1e999", "1e", "e3", "1..2", "--1", "0x10"] {
            assert_eq!(Amount::parse(bad, false), None, "{bad:?}");
        }
    }

    /// Many decimals of every length and power, against Rust's own parser (correctly rounded).
    /// A fixed-seed generator: the same strings every run.
    #[test]
    fn every_reader_path_is_correctly_rounded() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..=next(20) {
                text.push(char::from(b'0' + next(10) as u8));
            }
            if next(2) == 0 {
                text.push('.');
                for _ in 0..=next(20) {
                    text.push(char::from(b'0' + next(10) as u8));
                }
            }
            if next(3) == 0 {
                let e = next(660) as i64 - 330;
                text.push_str(&format!("E{e}"));
            }
            let want = text.parse::<f64>().ok().filter(|v| v.is_finite());
            assert_eq!(Amount::parse(&text, false).map(|a| a.value), want, "{text}");
        }
    }
}
