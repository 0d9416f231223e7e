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

/// Clinger's fast path: a decimal `-?\d*(\.\d*)?([eE][+-]?\d+)?` whose significant digits
/// (leading zeros and a fraction's trailing zeros dropped) number 15 at most and whose power of
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
    let (negative, bytes) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        bytes => (false, bytes),
    };
    let (number, exponent) = match bytes.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&bytes[..i], Some(&bytes[i + 1..])),
        None => (bytes, None),
    };
    let (whole, fraction) = match number.iter().position(|&b| b == b'.') {
        Some(i) => (&number[..i], Some(&number[i + 1..])),
        None => (number, None),
    };
    // The forms the general parser reads differently or refuses: "1.", ".5", "".
    if whole.is_empty() || fraction.is_some_and(<[u8]>::is_empty) {
        return None;
    }
    let fraction = fraction.unwrap_or_default();
    if !whole.iter().chain(fraction).all(u8::is_ascii_digit) {
        return None;
    }
    // Significant digits: the fraction without its trailing zeros, after the whole part.
    let fraction =
        &fraction[..fraction.len() - fraction.iter().rev().take_while(|&&b| b == b'0').count()];
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    for &b in whole.iter().chain(fraction) {
        if mantissa == 0 && b == b'0' {
            continue;
        }
        digits += 1;
        if digits > 15 {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    let mut power = -(fraction.len() as i64);
    if let Some(e) = exponent {
        let (sign, e) = match e {
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
