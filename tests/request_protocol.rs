#![cfg(not(target_arch = "wasm32"))]
//! botocore's own protocol tests for input serialization (a subset, see the fixture's
//! `attribution`), run through our query writer, EC2 naming rule and JSON writer.
//!
//! The shapes in the fixture drive a small walker here; the naming (`ec2_member_name`), list
//! flattening (`QueryWriter::value`), percent-encoding and JSON formatting are the library's.

use lens_core::aws::ce::to_botocore_json;
use lens_core::aws::query::{ec2_member_name, QueryProtocol, QueryValue, QueryWriter};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

/// JSON kept in document order (serde_json's `Value` sorts object keys; botocore writes them
/// in the order given, and so must we).
#[derive(Debug, Clone)]
enum Ordered {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
    List(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Ordered, E> {
                Ok(Ordered::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Ordered, E> {
                Ok(Ordered::Int(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Ordered, E> {
                Ok(Ordered::Int(n as i64))
            }
            fn visit_str<E>(self, s: &str) -> Result<Ordered, E> {
                Ok(Ordered::Text(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Ordered, A::Error> {
                let mut members = Vec::new();
                while let Some((k, v)) = a.next_entry()? {
                    members.push((k, v));
                }
                Ok(Ordered::Object(members))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Null => s.serialize_unit(),
            Ordered::Bool(b) => s.serialize_bool(*b),
            Ordered::Int(n) => s.serialize_i64(*n),
            Ordered::Text(t) => s.serialize_str(t),
            Ordered::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Ordered::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn fixture() -> Ordered {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/botocore_protocol_input.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn get<'a>(o: &'a Ordered, key: &str) -> Option<&'a Ordered> {
    match o {
        Ordered::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn text(o: Option<&Ordered>) -> Option<&str> {
    match o {
        Some(Ordered::Text(t)) => Some(t),
        _ => None,
    }
}

fn items(o: &Ordered) -> &[Ordered] {
    match o {
        Ordered::List(items) => items,
        _ => panic!("expected a list"),
    }
}

/// The shape named by a member reference (`{"shape": "X", ...}`).
fn shape<'a>(shapes: &'a Ordered, reference: &Ordered) -> &'a Ordered {
    get(shapes, text(get(reference, "shape")).unwrap()).unwrap()
}

/// Params + shape -> our `QueryValue`, naming members as the protocol does.
fn query_value(
    shapes: &Ordered,
    shape_def: &Ordered,
    value: &Ordered,
    p: QueryProtocol,
) -> QueryValue {
    match (text(get(shape_def, "type")).unwrap(), value) {
        ("structure", Ordered::Object(members)) => QueryValue::Struct(
            members
                .iter()
                .map(|(name, v)| {
                    let member = get(get(shape_def, "members").unwrap(), name).unwrap();
                    let serialized = query_name(name, member, p);
                    (serialized, query_value(shapes, shape(shapes, member), v, p))
                })
                .collect(),
        ),
        ("list", Ordered::List(list)) => {
            let member = get(shape_def, "member").unwrap();
            QueryValue::List(
                list.iter()
                    .map(|v| query_value(shapes, shape(shapes, member), v, p))
                    .collect(),
            )
        }
        ("string", Ordered::Text(t)) => QueryValue::Text(t.clone()),
        ("boolean", Ordered::Bool(b)) => QueryValue::Bool(*b),
        ("integer", Ordered::Int(n)) => QueryValue::Int(*n),
        (other, v) => panic!("fixture uses {other} with {v:?}, which this test doesn't cover"),
    }
}

fn query_name(name: &str, member: &Ordered, p: QueryProtocol) -> String {
    let location = text(get(member, "locationName"));
    match p {
        QueryProtocol::Ec2 => {
            ec2_member_name(name, location, text(get(member, "queryName"))).into_owned()
        }
        QueryProtocol::Query => location.unwrap_or(name).to_string(),
    }
}

fn run_query_suites(suites: &Ordered, p: QueryProtocol) -> usize {
    let mut ran = 0;
    for suite in items(suites) {
        let shapes = get(suite, "shapes").unwrap();
        let version = text(get(get(suite, "metadata").unwrap(), "apiVersion")).unwrap();
        let input = get(shapes, "InputShape").unwrap();
        for case in items(get(suite, "cases").unwrap()) {
            let params = get(case, "params").unwrap();
            let mut q = QueryWriter::new("OperationName", version);
            let Ordered::Object(members) = params else {
                panic!()
            };
            for (name, v) in members {
                let member = get(get(input, "members").unwrap(), name).unwrap();
                let value = query_value(shapes, shape(shapes, member), v, p);
                q.value(&query_name(name, member, p), &value, p);
            }
            let expected = text(get(case, "body")).unwrap();
            assert_eq!(
                q.finish(),
                expected,
                "{}",
                text(get(suite, "description")).unwrap()
            );
            ran += 1;
        }
    }
    ran
}

#[test]
fn ec2_protocol_cases() {
    let doc = fixture();
    assert!(run_query_suites(get(&doc, "ec2").unwrap(), QueryProtocol::Ec2) >= 6);
}

#[test]
fn query_protocol_cases() {
    let doc = fixture();
    assert!(run_query_suites(get(&doc, "query").unwrap(), QueryProtocol::Query) >= 10);
}

#[test]
fn json_protocol_cases() {
    let doc = fixture();
    let mut ran = 0;
    for suite in items(get(&doc, "json").unwrap()) {
        for case in items(get(suite, "cases").unwrap()) {
            // Our JSON inputs are serde types whose fields carry the wire names already, so the
            // params (wire names, in order) go straight to the writer.
            let body = to_botocore_json(get(case, "params").unwrap());
            assert_eq!(body, text(get(case, "body")).unwrap());
            ran += 1;
        }
    }
    assert!(ran >= 8);
}
