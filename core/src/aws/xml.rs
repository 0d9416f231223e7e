//! AWS's XML (EC2 and query protocols): the document read by [`tree`], and small helpers.
//!
//! Elements are matched by local name, ignoring namespaces, as botocore does. Members are read
//! by name, so unknown elements are skipped: AWS adds members without notice.

use crate::aws::error::{
    checked_body, parse_error_response, AwsError, BadResponse, ErrorProtocol, Problem,
};
use crate::aws::http::HttpResponse;
use time::OffsetDateTime;

pub mod tree;

pub use tree::{Document, Node};

/// At most this many XML nodes: a 1000-item usage page is about 5,000; a describe page of
/// 1,000 reservations with tags about 60,000. The cap bounds the tree on hostile input, as
/// roxmltree's did.
const NODES_LIMIT: u32 = 2_000_000;

/// Parse a document. DTDs are refused, which also rules out entity expansion attacks.
pub fn parse(body: &str) -> Result<Document<'_>, String> {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    Document::parse(body, NODES_LIMIT)
}

/// The success document whose root element is `root`, or the error the answer carries
/// instead. A 2xx answer with an error envelope (seen behind some proxies) is an error, not an
/// empty page; a non-2xx answer is parsed as the protocol's error envelope.
pub fn success_document<'i>(
    resp: &'i HttpResponse,
    root: &str,
    protocol: ErrorProtocol,
) -> Result<Document<'i>, AwsError> {
    if !(200..300).contains(&resp.status) {
        return Err(parse_error_response(resp, protocol));
    }
    let body = checked_body(resp)?;
    let doc = parse(body).map_err(|e| BadResponse::new(resp.status, Problem::InvalidXml(e)))?;
    let found = doc.root_element().name();
    if found == "Response" || found == "ErrorResponse" {
        return Err(parse_error_response(resp, protocol));
    }
    if found != root {
        let problem = Problem::WrongRoot {
            expected: root.into(),
            found: found.into(),
        };
        return Err(BadResponse::new(resp.status, problem).into());
    }
    Ok(doc)
}

/// The first child element named `name`.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.name() == name)
}

/// All child elements named `name`, in order (a flattened list, or a wrapper's `item`s).
pub fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| c.name() == name)
}

/// The items of a non-flattened list: `<wrapper><item/>...</wrapper>`.
pub fn list_items<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    wrapper: &'a str,
    item: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    child(node, wrapper)
        .into_iter()
        .flat_map(move |w| children(w, item))
}

/// The text of child `name`, if present.
pub fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).map(|c| c.text().to_owned())
}

/// Reads members of one element, naming each failure with the member's path.
#[derive(Clone, Copy)]
pub struct Reader<'a, 'i> {
    pub node: Node<'a, 'i>,
    /// The element's path in AWS's member names, for error messages (e.g. `CapacityReservations[3]`).
    pub path: &'a str,
    pub status: u16,
}

impl<'a, 'i> Reader<'a, 'i> {
    /// A reader for `node`.
    pub fn new(node: Node<'a, 'i>, path: &'a str, status: u16) -> Self {
        Reader { node, path, status }
    }

    fn field(&self, member: &str) -> String {
        if self.path.is_empty() {
            member.to_owned()
        } else {
            format!("{}.{member}", self.path)
        }
    }

    fn bad(&self, problem: Problem) -> BadResponse {
        BadResponse::new(self.status, problem)
    }

    /// A string member.
    pub fn string(&self, element: &str) -> Option<String> {
        child_text(self.node, element)
    }

    /// A boolean member: exactly `true` or `false`. (botocore reads anything but `true` as
    /// false; we refuse it, because a garbled flag should not silently read as "no".)
    pub fn boolean(&self, element: &str, member: &str) -> Result<Option<bool>, BadResponse> {
        let Some(node) = child(self.node, element) else {
            return Ok(None);
        };
        match node.text().trim() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            other => Err(self.bad(Problem::NotABoolean {
                field: self.field(member),
                text: other.to_owned(),
            })),
        }
    }

    /// A count (model type `Integer`): a whole number from 0 to `i32::MAX`. Negative counts
    /// mean nothing for instances, so they are refused rather than carried into sums.
    pub fn count(&self, element: &str, member: &str) -> Result<Option<u32>, BadResponse> {
        self.bounded(element, member, i64::from(i32::MAX))
            .map(|v| v.map(|v| v as u32))
    }

    /// A `Long` member that counts something (e.g. a duration in seconds): 0 to `i64::MAX`.
    pub fn long(&self, element: &str, member: &str) -> Result<Option<i64>, BadResponse> {
        self.bounded(element, member, i64::MAX)
    }

    fn bounded(&self, element: &str, member: &str, max: i64) -> Result<Option<i64>, BadResponse> {
        let Some(node) = child(self.node, element) else {
            return Ok(None);
        };
        let text = node.text();
        let raw = text.trim();
        match raw.parse::<i64>() {
            Ok(v) if (0..=max).contains(&v) => Ok(Some(v)),
            _ => Err(self.bad(Problem::BadCount {
                field: self.field(member),
                text: raw.to_owned(),
                max,
            })),
        }
    }

    /// A timestamp member (EC2 sends ISO 8601, e.g. `2026-11-23T10:30:10.000Z`).
    pub fn timestamp(&self, element: &str, member: &str) -> Result<Option<Timestamp>, BadResponse> {
        let Some(node) = child(self.node, element) else {
            return Ok(None);
        };
        let raw = node.text();
        Timestamp::parse(raw).map(Some).ok_or_else(|| {
            self.bad(Problem::NotATimestamp {
                field: self.field(member),
                text: raw.to_owned(),
            })
        })
    }
}

/// A timestamp as AWS wrote it, and its value.
///
/// The EC2 model has two timestamp shapes, `DateTime` and `MillisecondDateTime`; on the wire
/// both are ISO 8601 (`2026-11-23T10:30:10.000Z` or without the fraction), so one type serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// AWS's text, unchanged.
    pub text: String,
    /// The instant it names.
    pub value: OffsetDateTime,
}

impl Timestamp {
    /// Parse ISO 8601 / RFC 3339 text, or (as botocore also accepts) seconds since the epoch.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let trimmed = text.trim();
        let value = super::datetime::parse_rfc3339(trimmed)
            .or_else(|| OffsetDateTime::from_unix_timestamp_nanos(epoch_nanos(trimmed)?).ok())?;
        Some(Timestamp {
            text: text.to_owned(),
            value,
        })
    }
}

/// Seconds since the epoch as text (`1763893810`, `-1.5`, `1763893810.123`), in nanoseconds;
/// read by hand so the wasm carries no float parser for this rare form.
fn epoch_nanos(text: &str) -> Option<i128> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 12 || fraction.len() > 9 {
        return None;
    }
    if !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut nanos: i128 = whole.parse::<i128>().ok()? * 1_000_000_000;
    let mut scale = 100_000_000;
    for b in fraction.bytes() {
        nanos += i128::from(b - b'0') * scale;
        scale /= 10;
    }
    Some(if negative { -nanos } else { nanos })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds() {
        assert_eq!(epoch_nanos("1763893810"), Some(1_763_893_810_000_000_000));
        assert_eq!(epoch_nanos("-1.5"), Some(-1_500_000_000));
        assert_eq!(epoch_nanos("1.000000001"), Some(1_000_000_001));
        for bad in ["", "-", ".5", "1e3", "1.2.3", "1.0000000001", "nan", "+1"] {
            assert_eq!(epoch_nanos(bad), None, "{bad:?}");
        }
        let t = Timestamp::parse("1763893810.25").unwrap();
        assert_eq!(t.value.unix_timestamp_nanos(), 1_763_893_810_250_000_000);
    }
}
