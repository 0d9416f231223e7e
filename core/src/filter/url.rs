//! The filter inside the page URL: percent-encoded compact JSON.
//!
//! Why not base64url: it is about as long (JSON escapes to ~1.4×, base64 is 1.33×) but hides
//! everything, while percent-encoding keeps dimension names and values readable in the link
//! (`%7B%22Dimensions%22:%7B%22Key%22:%22REGION%22,…`). Only the filter is ever encoded here:
//! no dates, no account, and never credentials.
//!
//! Kept unescaped: RFC 3986 unreserved characters plus `:`, `,` and `@`, which are legal in a
//! query or fragment and carry no meaning for our `#/coverage?filter=…` routes. Everything else,
//! including `&`, `=`, `+`, `#`, `%`, spaces and all non-ASCII bytes (as UTF-8), is escaped.

use crate::aws::ce::expression::json::{parse_filter, ImportError};
use crate::aws::ce::Expression;

/// Why a `filter=` value from a URL could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlFilterError {
    /// A `%` not followed by two hex digits.
    #[error("The link's filter is damaged at character {position}: \"%\" must be followed by two hex digits. Copy the whole link again.")]
    BadEscape {
        /// 0-based byte offset of the `%`.
        position: usize,
    },
    /// The decoded bytes are not UTF-8 text.
    #[error("The link's filter is not valid text (broken UTF-8). Copy the whole link again.")]
    NotUtf8,
    /// The decoded text is not a valid filter.
    #[error("The link's filter could not be read. {0}")]
    Invalid(#[from] ImportError),
}

/// The filter as a URL-safe value for `filter=`.
pub fn filter_to_url(expression: &Expression) -> String {
    percent_encode(&expression.to_json())
}

/// Reads a `filter=` value written by [`filter_to_url`], with the same validation as a paste.
pub fn filter_from_url(encoded: &str) -> Result<Expression, UrlFilterError> {
    let text = percent_decode(encoded)?;
    Ok(parse_filter(&text)?)
}

fn percent_encode(text: &str) -> String {
    crate::percent::encode(text, crate::percent::Set::Fragment)
}

/// Decodes `%XX` escapes. `+` stays `+`: this is a fragment value, not a submitted form.
fn percent_decode(encoded: &str) -> Result<String, UrlFilterError> {
    crate::percent::decode(encoded, false).map_err(|e| match e {
        crate::percent::DecodeError::BadEscape { position } => {
            UrlFilterError::BadEscape { position }
        }
        crate::percent::DecodeError::NotUtf8 => UrlFilterError::NotUtf8,
    })
}
