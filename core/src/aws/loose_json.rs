//! A JSON value read loosely, for the few places that must say what they found where a member
//! has the wrong type (a pasted credential, a page count): text, a number, null, an object's
//! members in order, or something else. The credential paste read it as `serde_json::Value`,
//! whose map, number type and printer were then the first view's: this costs it 1.2 KB gzip
//! less (the parts still use `Value` for other answers, so the whole app carries both: 1.4 KB
//! more; BENCHMARKS.md). Arrays are skipped unread, since no reader needs their contents.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

#[derive(Clone, Debug, PartialEq)]
pub enum Loose {
    Null,
    Bool(bool),
    /// Any integer JSON wrote without a fraction or exponent (i64 and u64 fit).
    Integer(i128),
    Float(f64),
    Text(String),
    /// An array, its contents skipped.
    Array,
    /// An object's members in the order written, repeats included.
    Object(Vec<(String, Loose)>),
}

impl Loose {
    /// The member `name` of an object: of a name given twice, the last (as JSON readers keep
    /// it). None for a value that is not an object.
    pub fn get(&self, name: &str) -> Option<&Loose> {
        match self {
            Loose::Object(members) => members
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// What was found, for an error message: scalars as JSON writes them, `[…]` and `{…}` for the
/// rest.
impl fmt::Display for Loose {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Loose::Null => f.write_str("null"),
            Loose::Bool(b) => write!(f, "{b}"),
            Loose::Integer(n) => write!(f, "{n}"),
            Loose::Float(x) => write!(f, "{x}"),
            Loose::Text(s) => write!(f, "{s:?}"),
            Loose::Array => f.write_str("[…]"),
            Loose::Object(_) => f.write_str("{…}"),
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Loose, E> {
        Ok(Loose::Integer(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Loose, E> {
        Ok(Loose::Integer(n.into()))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Loose, E> {
        Ok(Loose::Float(x))
    }

    fn visit_str<E>(self, s: &str) -> Result<Loose, E> {
        Ok(Loose::Text(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Loose, E> {
        Ok(Loose::Text(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let mut members = Vec::new();
        while let Some(entry) = map.next_entry::<String, Loose>()? {
            members.push(entry);
        }
        Ok(Loose::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::Loose;

    fn read(text: &str) -> Loose {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn reads_each_kind_and_keeps_the_last_of_a_repeated_member() {
        let v = read(
            r#"{"a": null, "b": true, "c": -4, "d": 18446744073709551615, "e": 1.5, "f": "x\u0041",
                "g": [1, [2, {}]], "h": {"i": 1}, "c": 7}"#,
        );
        assert_eq!(v.get("a"), Some(&Loose::Null));
        assert_eq!(v.get("b"), Some(&Loose::Bool(true)));
        assert_eq!(v.get("c"), Some(&Loose::Integer(7)));
        assert_eq!(v.get("d"), Some(&Loose::Integer(u64::MAX.into())));
        assert_eq!(v.get("e"), Some(&Loose::Float(1.5)));
        assert_eq!(v.get("f"), Some(&Loose::Text("xA".into())));
        assert_eq!(v.get("g"), Some(&Loose::Array));
        assert_eq!(
            v.get("h").and_then(|h| h.get("i")),
            Some(&Loose::Integer(1))
        );
        assert_eq!(v.get("z"), None);
        assert_eq!(read("3").get("a"), None);
    }

    #[test]
    fn says_what_it_found_as_json_writes_it() {
        for (text, shown) in [
            (r#""3""#, r#""3""#),
            ("-4", "-4"),
            ("1.5", "1.5"),
            ("null", "null"),
            ("true", "true"),
            (r#""a\"b""#, r#""a\"b""#),
            ("[1]", "[…]"),
            ("{}", "{…}"),
        ] {
            assert_eq!(read(text).to_string(), shown, "for {text}");
        }
    }

    #[test]
    fn malformed_text_is_an_error_with_its_place() {
        let e = serde_json::from_str::<Loose>(r#"{"a": [1, }"#).unwrap_err();
        assert_eq!((e.line(), e.column()), (1, 11));
    }
}
