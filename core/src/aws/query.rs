//! The `application/x-www-form-urlencoded` body of the AWS query protocols (EC2, STS).
//!
//! botocore hands the body to Python's `urllib.parse.urlencode`, which encodes every key and
//! value with `quote_plus`: ASCII letters, digits and `_.-~` stay as they are, a space becomes
//! `+`, and every other byte of the UTF-8 text becomes `%XX` with upper-case hex. AWS checks
//! the signature over these exact bytes, so we encode the same way, byte for byte.

/// The content type of query-protocol bodies, as botocore sends it.
pub const QUERY_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// The headers a query-protocol request signs besides `host` and the signer's own.
pub fn query_headers() -> [(&'static str, &'static str); 1] {
    [("content-type", QUERY_CONTENT_TYPE)]
}

/// Builds a query-protocol body: `Action=...&Version=...` followed by the parameters in the
/// order they are added (botocore's order: the model's member order).
#[derive(Debug, Clone)]
pub struct QueryWriter {
    body: String,
}

impl QueryWriter {
    /// Starts a body for `action` of an API `version` (e.g. `2016-11-15` for EC2).
    pub fn new(action: &str, version: &str) -> Self {
        let mut writer = Self {
            body: String::with_capacity(256),
        };
        writer.param("Action", action);
        writer.param("Version", version);
        writer
    }

    /// Appends `name=value`, both form-encoded.
    pub fn param(&mut self, name: &str, value: &str) -> &mut Self {
        if !self.body.is_empty() {
            self.body.push('&');
        }
        encode_form_component(name, &mut self.body);
        self.body.push('=');
        encode_form_component(value, &mut self.body);
        self
    }

    /// Appends a boolean the way the query protocols spell it (`true` / `false`).
    pub fn bool_param(&mut self, name: &str, value: bool) -> &mut Self {
        self.param(name, if value { "true" } else { "false" })
    }

    /// Appends an integer in plain decimal.
    pub fn int_param(&mut self, name: &str, value: i64) -> &mut Self {
        self.param(name, &value.to_string())
    }

    /// Appends a structured value under `name` the way `protocol` flattens it: structure
    /// members as `name.Member`, list items numbered from 1.
    pub fn value(&mut self, name: &str, value: &QueryValue, protocol: QueryProtocol) -> &mut Self {
        match value {
            QueryValue::Text(text) => {
                self.param(name, text);
            }
            QueryValue::Int(n) => {
                self.int_param(name, *n);
            }
            QueryValue::Bool(b) => {
                self.bool_param(name, *b);
            }
            QueryValue::Struct(members) => {
                for (member, v) in members {
                    self.value(&format!("{name}.{member}"), v, protocol);
                }
            }
            QueryValue::List(items) => match protocol {
                // botocore's EC2 serializer: `Name.N`, nothing at all for an empty list.
                QueryProtocol::Ec2 => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(&format!("{name}.{}", i + 1), item, protocol);
                    }
                }
                // The query protocol (STS): `Name.member.N`, and `Name=` for an empty list.
                QueryProtocol::Query if items.is_empty() => {
                    self.param(name, "");
                }
                QueryProtocol::Query => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(&format!("{name}.member.{}", i + 1), item, protocol);
                    }
                }
            },
        }
        self
    }

    /// The finished body.
    pub fn finish(self) -> String {
        self.body
    }
}

/// The two AWS query protocols, which differ in how lists are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryProtocol {
    /// EC2's variant: lists flattened as `Name.N`, names capitalised.
    Ec2,
    /// The query protocol of STS and others: lists as `Name.member.N`.
    Query,
}

/// A value of a query request, for members that are lists or structures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryValue {
    /// A string.
    Text(String),
    /// An integer.
    Int(i64),
    /// A boolean (`true` / `false`).
    Bool(bool),
    /// A list, numbered from 1.
    List(Vec<QueryValue>),
    /// A structure: serialized member names and values, in model order.
    Struct(Vec<(String, QueryValue)>),
}

/// The name an EC2 query parameter gets (botocore's `EC2Serializer._get_serialized_name`):
/// the member's `queryName`, else its `locationName` with the first letter capitalised,
/// else the member name.
pub fn ec2_member_name<'a>(
    member: &'a str,
    location_name: Option<&'a str>,
    query_name: Option<&'a str>,
) -> std::borrow::Cow<'a, str> {
    if let Some(q) = query_name {
        return q.into();
    }
    match location_name {
        Some(l) => {
            let mut chars = l.chars();
            match chars.next() {
                Some(first) => format!("{}{}", first.to_uppercase(), chars.as_str()).into(),
                None => member.into(),
            }
        }
        None => member.into(),
    }
}

/// Appends `text` to `out`, encoded as Python's `urllib.parse.quote_plus` does it.
pub fn encode_form_component(text: &str, out: &mut String) {
    crate::percent::encode_into(text, crate::percent::Set::Form, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_and_version_come_first() {
        let mut w = QueryWriter::new("GetCallerIdentity", "2011-06-15");
        w.param("A b", "x&y=z");
        assert_eq!(
            w.finish(),
            "Action=GetCallerIdentity&Version=2011-06-15&A+b=x%26y%3Dz"
        );
    }

    #[test]
    fn encodes_reserved_and_non_ascii_like_quote_plus() {
        let mut out = String::new();
        encode_form_component("a+b/c %~*é", &mut out);
        // Expected value from Python: urllib.parse.quote_plus("a+b/c %~*é")
        assert_eq!(out, "a%2Bb%2Fc+%25~%2A%C3%A9");
    }
}
