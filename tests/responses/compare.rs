//! Comparing our parsed outputs with botocore's, shared by tests/responses.rs (the committed
//! fixtures) and the `differential` fuzz target (bodies generated from botocore's model).

use crate::convert::{self, Amounts};
use lens_core::aws::error::AwsError;
use lens_core::aws::http::HttpResponse;
use lens_core::aws::{ce, cloudwatch, ec2, sts};
use serde_json::{Map, Value};

/// Leave out what botocore and we legitimately write differently: an empty list (botocore
/// keeps `<tagSet/>` as `[]` and leaves an absent one out; we hold both as an empty `Vec`), an
/// empty `Attributes` map (same), and the HTTP status (compared separately). An attribute
/// botocore reads as `None` (`null` in the answer) is kept by us with an empty value: the key
/// must be there, with `""`. A Capacity Manager `Dimension` with no members is left out too
/// (we hold an absent one and `<dimension/>` alike, as the default).
///
/// CloudWatch's timestamps: we keep whole seconds (rounded down), botocore microseconds, so
/// botocore's fraction is dropped; its `Values` are Python numbers, ints where the JSON had no
/// fraction, ours always `f64`, so both are compared as `f64`.
pub fn normalize(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(stamps)) = map.get_mut("Timestamps") {
                for stamp in stamps.iter_mut() {
                    if let Some(text) = stamp.as_str() {
                        if let Some((whole, rest)) = text.split_once('.') {
                            let zone = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                            *stamp = Value::String(format!("{whole}{zone}"));
                        }
                    }
                }
            }
            if let Some(Value::Array(values)) = map.get_mut("Values") {
                for value in values.iter_mut() {
                    if let Some(x) = value.as_f64() {
                        *value = serde_json::json!(x);
                    }
                }
            }
            if let Some(Value::Object(attributes)) = map.get_mut("Attributes") {
                for value in attributes.values_mut().filter(|v| v.is_null()) {
                    *value = Value::String(String::new());
                }
            }
            map.values_mut().for_each(normalize);
            map.retain(|k, v| {
                !(v.as_array().is_some_and(|a| a.is_empty())
                    || (k == "Attributes" && v.as_object().is_some_and(|o| o.is_empty()))
                    || (k == "Dimension" && v.as_object().is_some_and(|o| o.is_empty()))
                    || k == "HTTPStatusCode")
            });
            if map
                .get("ResponseMetadata")
                .is_some_and(|m| m.as_object().is_some_and(|o| o.is_empty()))
            {
                map.remove("ResponseMetadata");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        _ => {}
    }
}

/// The first difference between two JSON values, as a path.
pub fn diff(path: &str, ours: &Value, theirs: &Value) -> Option<String> {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for k in a.keys().chain(b.keys()) {
                let p = format!("{path}.{k}");
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => {
                        if let Some(d) = diff(&p, x, y) {
                            return Some(d);
                        }
                    }
                    (x, y) => return Some(format!("{p}: ours {x:?}, botocore {y:?}")),
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| diff(&format!("{path}[{i}]"), x, y)),
        _ if ours == theirs => None,
        _ => Some(format!("{path}: ours {ours}, botocore {theirs}")),
    }
}

pub fn parse(op: &str, resp: &HttpResponse, amounts: Amounts) -> Result<Value, AwsError> {
    Ok(match op {
        "ec2_get_capacity_reservation_usage" => {
            convert::usage(&ec2::parse_get_capacity_reservation_usage(resp)?)
        }
        "ec2_describe_capacity_reservations" => {
            convert::describe(&ec2::parse_describe_capacity_reservations(resp)?)
        }
        "ec2_get_capacity_manager_attributes" => {
            convert::capacity_manager_attributes(&ec2::parse_get_capacity_manager_attributes(resp)?)
        }
        "ec2_get_capacity_manager_metric_data" => convert::capacity_manager_metric_data(
            &ec2::parse_get_capacity_manager_metric_data(resp)?,
            &ec2::ec2_request_id(resp),
        ),
        "ec2_get_capacity_manager_metric_dimensions" => convert::capacity_manager_dimensions(
            &ec2::parse_get_capacity_manager_metric_dimensions(resp)?,
            &ec2::ec2_request_id(resp),
        ),
        "ce_get_reservation_coverage" => {
            convert::reservation_coverage(&ce::parse_get_reservation_coverage(resp)?, amounts)
        }
        "ce_get_dimension_values" => {
            convert::dimension_values(&ce::parse_get_dimension_values(resp)?)
        }
        "ce_get_reservation_utilization" => {
            convert::reservation_utilization(&ce::parse_get_reservation_utilization(resp)?, amounts)
        }
        "ce_get_savings_plans_coverage" => {
            convert::savings_plans_coverage(&ce::parse_get_savings_plans_coverage(resp)?, amounts)
        }
        "ce_get_savings_plans_utilization" => convert::savings_plans_utilization(
            &ce::parse_get_savings_plans_utilization(resp)?,
            amounts,
        ),
        "sts_get_caller_identity" => {
            convert::caller_identity(&sts::parse_get_caller_identity(resp)?)
        }
        "cw_get_metric_data" => {
            convert::metric_data(&cloudwatch::parse_get_metric_data_response(resp)?)
        }
        other => panic!("unknown operation {other}"),
    })
}

/// `{"a": {"b": [1]}}` -> `{"a.b[0]": 1}`, skipping what the generator skips.
pub fn flatten(path: &str, v: &Value, out: &mut Map<String, Value>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if ["Attributes", "TimePeriod", "ResponseMetadata"].contains(&k.as_str()) {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(&p, v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&format!("{path}[{i}]"), v, out);
            }
        }
        Value::Number(_) => {
            out.insert(path.to_owned(), v.clone());
        }
        _ => {}
    }
}

/// Whether our parse of a successful answer agrees with botocore's `output` member by member,
/// and, where botocore's Python read numbers (`numbers`: path to `float()`, or null), each of our
/// parsed values equals Python's. The first difference, when there is one.
///
/// botocore keeps Cost Explorer's amounts as text, and so do we (compared exactly above); our
/// parsed value is extra, and must be correctly rounded: equal to `float()`, bit for bit.
pub fn agree(op: &str, resp: &HttpResponse, output: &Value, numbers: &Value) -> Result<(), String> {
    let mut ours = parse(op, resp, Amounts::Text).map_err(|e| format!("we refused it: {e}"))?;
    let texts = ours.clone();
    let mut theirs = output.clone();
    normalize(&mut ours);
    normalize(&mut theirs);
    if let Some(d) = diff("", &ours, &theirs) {
        return Err(format!("differs from botocore at {d}"));
    }
    if let Some(numbers) = numbers.as_object() {
        let values = parse(op, resp, Amounts::Value).map_err(|e| e.to_string())?;
        let mut flat = Map::new();
        flatten("", &values, &mut flat);
        if flat.len() != numbers.len() {
            return Err(format!(
                "{} numbers, Python read {}",
                flat.len(),
                numbers.len()
            ));
        }
        for (path, want) in numbers {
            // Python's value as a JSON number, or as `repr()` text (read by Rust's own parser,
            // correctly rounded, where serde_json's number reader may be a unit or two off).
            let want = match want {
                Value::String(text) => text.parse::<f64>().ok(),
                other => other.as_f64(),
            };
            let (Some(got), Some(want)) = (flat.get(path).and_then(Value::as_f64), want) else {
                return Err(format!(
                    "{path}: ours {:?}, Python's float() {want:?}",
                    flat.get(path)
                ));
            };
            if got != want {
                let text = text_at(&texts, path).unwrap_or_default();
                return Err(format!(
                    "{path}: {text:?} read as {got:e}, Python's float() {want:e}"
                ));
            }
        }
    }
    Ok(())
}

/// The string at a flattened path (`a.b[0].c`) of `v`.
fn text_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    let mut at = v;
    for part in path.split('.') {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, i)| (k, i));
        at = at.get(key)?;
        for index in indexes.split('[').filter(|i| !i.is_empty()) {
            at = at.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    at.as_str()
}
