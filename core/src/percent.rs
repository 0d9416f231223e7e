//! The one percent codec: form bodies for AWS (`quote_plus`, as botocore writes them), and
//! values in the page URL's fragment. Hand-written rather than `percent-encoding`: the two
//! encoders differ only in which bytes they keep, and these 60 lines cost less than the crate.

use std::fmt::Write;

/// Which bytes pass unescaped, and how a space is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Set {
    /// AWS query bodies: Python's `urllib.parse.quote_plus` (unreserved kept, space as `+`).
    Form,
    /// URL fragment values: unreserved plus `: , @` kept (JSON filters stay readable), space
    /// as `%20`.
    Fragment,
}

impl Set {
    fn keeps(self, byte: u8) -> bool {
        byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || (self == Set::Fragment && matches!(byte, b':' | b',' | b'@'))
    }
}

/// Appends `text` to `out`, escaped for `set`.
pub fn encode_into(text: &str, set: Set, out: &mut String) {
    for &byte in text.as_bytes() {
        if set.keeps(byte) {
            out.push(char::from(byte));
        } else if byte == b' ' && set == Set::Form {
            out.push('+');
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

/// `text` escaped for `set`.
pub fn encode(text: &str, set: Set) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    encode_into(text, set, &mut out);
    out
}

/// Why an escaped text could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("a '%' at position {position} is not followed by two hex digits")]
    BadEscape { position: usize },
    #[error("the decoded text is not UTF-8")]
    NotUtf8,
}

/// Decodes `%XX` escapes (and `+` as a space when `plus_is_space`, as in form bodies).
pub fn decode(text: &str, plus_is_space: bool) -> Result<String, DecodeError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    // Checked by hand: from_str_radix would also take a sign ("%+5").
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                out.push(hex.ok_or(DecodeError::BadEscape { position: i })?);
                i += 3;
                continue;
            }
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| DecodeError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_is_quote_plus_and_fragment_keeps_json_readable() {
        // Python: urllib.parse.quote_plus("a+b/c %~*é")
        assert_eq!(encode("a+b/c %~*é", Set::Form), "a%2Bb%2Fc+%25~%2A%C3%A9");
        assert_eq!(
            encode(r#"{"Dimensions":{"Key":"REGION"}} x"#, Set::Fragment),
            "%7B%22Dimensions%22:%7B%22Key%22:%22REGION%22%7D%7D%20x"
        );
    }

    #[test]
    fn decode_round_trips_and_reports_bad_escapes() {
        for text in ["a b+c/é", "", "100%"] {
            for set in [Set::Form, Set::Fragment] {
                assert_eq!(decode(&encode(text, set), set == Set::Form).unwrap(), text);
            }
        }
        assert_eq!(decode("a+b", true).unwrap(), "a b");
        assert_eq!(decode("a+b", false).unwrap(), "a+b");
        assert_eq!(
            decode("%zz", false),
            Err(DecodeError::BadEscape { position: 0 })
        );
        assert_eq!(
            decode("x%+5", false),
            Err(DecodeError::BadEscape { position: 1 })
        );
        assert_eq!(decode("%C3", false), Err(DecodeError::NotUtf8));
    }
}
