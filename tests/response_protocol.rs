#![cfg(not(target_arch = "wasm32"))]
//! botocore's protocol test cases for output parsing (a subset, see the attribution in
//! tests/fixtures/protocol/botocore_output_subset.json, written by
//! scripts/gen_protocol_cases.py), run against our generic helpers: the query and EC2 XML cases
//! through `aws::xml` (element lookup by local name, wrapped and flattened lists, `Reader` for
//! booleans, integers and timestamps, `success_document` for the EC2 envelope), the JSON cases
//! through serde_json the way our Cost Explorer parsers read it, and the error cases (our own
//! restatements of botocore's) through `aws::error`.
//!
//! The cases' shapes are not our operations, so a small shape-driven walker below applies the
//! helpers as our hand-written parsers do.

use lens_core::aws::error::{parse_error_response, AwsError, ErrorProtocol};
use lens_core::aws::http::HttpResponse;
use lens_core::aws::xml::Node;
use lens_core::aws::xml::{self, Reader, Timestamp};
use serde_json::{json, Map, Value};

fn suite() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/protocol/botocore_output_subset.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn shape<'a>(shapes: &'a Value, reference: &Value) -> &'a Value {
    &shapes[reference["shape"].as_str().unwrap()]
}

/// A structure's members from `node`, in the manner of our EC2/STS parsers.
fn xml_structure(node: Node<'_, '_>, s: &Value, shapes: &Value) -> Value {
    let mut out = Map::new();
    let reader = Reader::new(node, "", 200);
    for (name, member) in s["members"].as_object().unwrap() {
        let ms = shape(shapes, member);
        let location = member["locationName"].as_str().unwrap_or(name);
        let value = match ms["type"].as_str().unwrap() {
            // `flattened` may be on the list shape or on the member referring to it.
            "list" if ms["flattened"] == true || member["flattened"] == true => {
                let item = ms["member"]["locationName"].as_str().unwrap_or(location);
                let items: Vec<Value> = xml::children(node, item)
                    .map(|n| xml_value(n, shape(shapes, &ms["member"]), shapes))
                    .collect();
                (!items.is_empty()).then_some(Value::Array(items))
            }
            "list" => xml::child(node, location).map(|wrapper| {
                let item = ms["member"]["locationName"].as_str().unwrap_or("member");
                Value::Array(
                    xml::children(wrapper, item)
                        .map(|n| xml_value(n, shape(shapes, &ms["member"]), shapes))
                        .collect(),
                )
            }),
            "structure" => xml::child(node, location).map(|n| xml_structure(n, ms, shapes)),
            "boolean" => reader.boolean(location, name).unwrap().map(Value::Bool),
            "integer" => reader.count(location, name).unwrap().map(|v| json!(v)),
            "long" => reader.long(location, name).unwrap().map(|v| json!(v)),
            "timestamp" => reader.timestamp(location, name).unwrap().map(epoch),
            _ => xml::child(node, location).map(|n| xml_value(n, ms, shapes)),
        };
        if let Some(value) = value {
            out.insert(name.clone(), value);
        }
    }
    Value::Object(out)
}

/// A timestamp as botocore's protocol tests write it: seconds since the epoch, whole or not.
fn epoch(t: Timestamp) -> Value {
    let seconds = t.value.unix_timestamp();
    match t.value.nanosecond() {
        0 => json!(seconds),
        nanos => json!(seconds as f64 + f64::from(nanos) / 1e9),
    }
}

fn xml_value(node: Node<'_, '_>, s: &Value, shapes: &Value) -> Value {
    match s["type"].as_str().unwrap() {
        "structure" => xml_structure(node, s, shapes),
        "float" | "double" => json!(node.text().parse::<f64>().unwrap()),
        _ => json!(node.text()),
    }
}

#[test]
fn query_output_cases_match_botocore() {
    let suite = suite();
    let mut ran = 0;
    for group in suite["query"].as_array().unwrap() {
        let shapes = &group["shapes"];
        for case in group["cases"].as_array().unwrap() {
            let output = &case["given"]["output"];
            let out = &shapes[output["shape"].as_str().unwrap()];
            let body = case["response"]["body"].as_str().unwrap();
            let doc = xml::parse(body).unwrap();
            let root = doc.root_element();
            // botocore's tests name the wrapper on the operation's output or on the shape.
            let wrapper = output["resultWrapper"].as_str();
            let start = match wrapper.or(out["resultWrapper"].as_str()) {
                Some(wrapper) => xml::child(root, wrapper).unwrap(),
                None => root,
            };
            let ours = xml_structure(start, out, shapes);
            assert_eq!(ours, case["result"], "{}", group["description"]);
            ran += 1;
        }
    }
    assert_eq!(ran, 10);
}

fn http_response(r: &Value) -> HttpResponse {
    HttpResponse {
        status: r["status_code"].as_u64().unwrap() as u16,
        headers: r["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect(),
        body: r["body"].as_str().unwrap().to_owned(),
    }
}

/// The EC2 protocol: the members sit directly under `<OperationNameResponse>` (no result
/// wrapper), next to a top-level `requestId` that is not a member.
#[test]
fn ec2_output_cases_match_botocore() {
    let suite = suite();
    let mut ran = 0;
    for group in suite["ec2"].as_array().unwrap() {
        let shapes = &group["shapes"];
        for case in group["cases"].as_array().unwrap() {
            let given = &case["given"];
            let out = &shapes[given["output"]["shape"].as_str().unwrap()];
            let resp = http_response(&case["response"]);
            let root = format!("{}Response", given["name"].as_str().unwrap());
            let doc = xml::success_document(&resp, &root, ErrorProtocol::Ec2).unwrap();
            let ours = xml_structure(doc.root_element(), out, shapes);
            let label = case.get("id").unwrap_or(&group["description"]);
            assert_eq!(ours, case["result"], "{label}");
            ran += 1;
        }
    }
    assert_eq!(ran, 20);
}

fn json_value(v: &Value, s: &Value, shapes: &Value) -> Value {
    match s["type"].as_str().unwrap() {
        "structure" => {
            let mut out = Map::new();
            for (name, member) in s["members"].as_object().unwrap() {
                if let Some(x) = v.get(name).filter(|x| !x.is_null()) {
                    out.insert(name.clone(), json_value(x, shape(shapes, member), shapes));
                }
            }
            Value::Object(out)
        }
        "list" => Value::Array(
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| json_value(x, shape(shapes, &s["member"]), shapes))
                .collect(),
        ),
        "map" => Value::Object(
            v.as_object()
                .unwrap()
                .iter()
                .map(|(k, x)| (k.clone(), json_value(x, shape(shapes, &s["value"]), shapes)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

#[test]
fn json_output_cases_match_botocore() {
    let suite = suite();
    let mut ran = 0;
    for group in suite["json"].as_array().unwrap() {
        let shapes = &group["shapes"];
        for case in group["cases"].as_array().unwrap() {
            let out = &shapes[case["given"]["output"]["shape"].as_str().unwrap()];
            let body: Value =
                serde_json::from_str(case["response"]["body"].as_str().unwrap()).unwrap();
            assert_eq!(
                json_value(&body, out, shapes),
                case["result"],
                "{}",
                group["description"]
            );
            ran += 1;
        }
    }
    assert_eq!(ran, 4);
}

#[test]
fn error_cases_match_botocore() {
    let suite = suite();
    for case in suite["errors"].as_array().unwrap() {
        let resp = http_response(&case["response"]);
        let protocol = match case["protocol"].as_str().unwrap() {
            "json" => ErrorProtocol::Json,
            "ec2" => ErrorProtocol::Ec2,
            _ => ErrorProtocol::Query,
        };
        let AwsError::Service(e) = parse_error_response(&resp, protocol) else {
            panic!("{}: not parsed as a service error", case["description"]);
        };
        assert_eq!(e.code, case["error"]["Code"], "{}", case["description"]);
        assert_eq!(
            e.message, case["error"]["Message"],
            "{}",
            case["description"]
        );
        assert_eq!(
            e.request_id.as_deref(),
            case["request_id"].as_str(),
            "{}",
            case["description"]
        );
    }
}
