//! `GetMetricData` answers (JSON 1.0).
//!
//! Timestamps arrive as epoch seconds, possibly fractional (`1772323200.5`); they are kept as
//! whole seconds, rounded down (CloudWatch's periods are whole seconds). botocore also reads
//! ISO 8601 text there, and so do we. Values are read from their JSON text with Rust's
//! correctly rounded `f64` parser, so each equals Python's `float()` of the same text; the
//! Smithy JSON protocol's `"NaN"`, `"Infinity"` and `"-Infinity"` are read too.

use crate::aws::error::{
    checked_body, parse_error_response, AwsError, BadResponse, ErrorProtocol, Problem,
};
use crate::aws::http::HttpResponse;
use serde::Deserialize;
use serde_json::value::RawValue;

/// One page of `GetMetricData`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MetricDataPage {
    /// One per query with `ReturnData` not false, in the order asked.
    pub metric_data_results: Vec<MetricDataResult>,
    /// Present while more data points remain.
    pub next_token: Option<String>,
    /// Messages about the whole request (e.g. too many data points asked for).
    pub messages: Vec<MessageData>,
}

/// `MetricDataResult`: one query's points on this page.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MetricDataResult {
    /// The query's `Id`.
    pub id: String,
    pub label: Option<String>,
    /// Epoch seconds, in the order `ScanBy` asked; `values[i]` belongs to `timestamps[i]`.
    pub timestamps: Vec<i64>,
    pub values: Vec<f64>,
    /// `PartialData`: more points on the next page (or the period was cut short).
    pub status_code: Option<StatusCode>,
    pub messages: Vec<MessageData>,
}

/// `StatusCode` of a result.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StatusCode {
    Complete,
    InternalError,
    PartialData,
    Forbidden,
    /// A value the model does not list (yet), as AWS wrote it.
    Other(String),
}

impl StatusCode {
    /// The status as AWS writes it.
    pub fn as_str(&self) -> &str {
        match self {
            StatusCode::Complete => "Complete",
            StatusCode::InternalError => "InternalError",
            StatusCode::PartialData => "PartialData",
            StatusCode::Forbidden => "Forbidden",
            StatusCode::Other(s) => s,
        }
    }

    fn from_wire(text: String) -> Self {
        match text.as_str() {
            "Complete" => StatusCode::Complete,
            "InternalError" => StatusCode::InternalError,
            "PartialData" => StatusCode::PartialData,
            "Forbidden" => StatusCode::Forbidden,
            _ => StatusCode::Other(text),
        }
    }
}

/// `MessageData`: a code and a text about a result or the request.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, Deserialize)]
pub struct MessageData {
    #[serde(rename = "Code")]
    pub code: Option<String>,
    #[serde(rename = "Value")]
    pub value: Option<String>,
}

#[derive(Deserialize)]
struct RawPage<'a> {
    #[serde(rename = "MetricDataResults", borrow)]
    results: Option<Vec<RawResult<'a>>>,
    #[serde(rename = "NextToken")]
    next_token: Option<String>,
    #[serde(rename = "Messages")]
    messages: Option<Vec<MessageData>>,
    /// An error envelope sent with a 2xx status.
    #[serde(rename = "__type")]
    error_type: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct RawResult<'a> {
    #[serde(rename = "Id")]
    id: Option<String>,
    #[serde(rename = "Label")]
    label: Option<String>,
    #[serde(rename = "Timestamps", borrow)]
    timestamps: Option<Vec<&'a RawValue>>,
    #[serde(rename = "Values", borrow)]
    values: Option<Vec<&'a RawValue>>,
    #[serde(rename = "StatusCode")]
    status_code: Option<String>,
    #[serde(rename = "Messages")]
    messages: Option<Vec<MessageData>>,
}

/// Parses a successful `GetMetricData` body (status 200; an error envelope in it, `__type`,
/// becomes the service error it is).
pub fn parse_get_metric_data(body: &[u8]) -> Result<MetricDataPage, AwsError> {
    let body = std::str::from_utf8(body)
        .map_err(|e| BadResponse::new(200, Problem::InvalidJson(format!("not UTF-8: {e}"))))?;
    parse_get_metric_data_response(&HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: body.to_owned(),
    })
}

/// Parses AWS's answer to `GetMetricData` (any status: error envelopes become [`AwsError`]).
pub fn parse_get_metric_data_response(resp: &HttpResponse) -> Result<MetricDataPage, AwsError> {
    if !(200..300).contains(&resp.status) {
        return Err(parse_error_response(resp, ErrorProtocol::Json));
    }
    let body = checked_body(resp)?;
    let raw: RawPage<'_> = serde_json::from_str(body)
        .map_err(|e| BadResponse::new(resp.status, Problem::InvalidJson(e.to_string())))?;
    if raw.error_type.is_some() {
        return Err(parse_error_response(resp, ErrorProtocol::Json));
    }
    page(raw).map_err(|problem| BadResponse::new(resp.status, problem).into())
}

fn page(raw: RawPage<'_>) -> Result<MetricDataPage, Problem> {
    let results = raw.results.unwrap_or_default();
    let mut metric_data_results = Vec::with_capacity(results.len());
    for (i, r) in results.into_iter().enumerate() {
        let at = |member: &str| format!("MetricDataResults[{i}].{member}");
        let timestamps = r
            .timestamps
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(j, t)| {
                timestamp(t.get()).ok_or_else(|| Problem::NotATimestamp {
                    field: at(&format!("Timestamps[{j}]")),
                    text: t.get().to_owned(),
                })
            })
            .collect::<Result<_, _>>()?;
        let values = r
            .values
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(j, v)| {
                number(v.get()).ok_or_else(|| Problem::NotANumber {
                    field: at(&format!("Values[{j}]")),
                    text: v.get().to_owned(),
                })
            })
            .collect::<Result<_, _>>()?;
        metric_data_results.push(MetricDataResult {
            id: r.id.ok_or_else(|| Problem::MissingMember(at("Id")))?,
            label: r.label,
            timestamps,
            values,
            status_code: r.status_code.map(StatusCode::from_wire),
            messages: r.messages.unwrap_or_default(),
        });
    }
    Ok(MetricDataPage {
        metric_data_results,
        next_token: raw.next_token,
        messages: raw.messages.unwrap_or_default(),
    })
}

/// Seconds of year 9999's last second: botocore's `datetime` goes no further.
const MAX_SECONDS: f64 = 253_402_300_799.0;

/// Epoch seconds (a number, or text botocore reads: digits or ISO 8601), rounded down.
fn timestamp(json: &str) -> Option<i64> {
    if json.starts_with('"') {
        let text: String = serde_json::from_str(json).ok()?;
        return crate::aws::datetime::parse_rfc3339(&text)
            .map(|t| t.unix_timestamp())
            .or_else(|| seconds(&text));
    }
    seconds(json)
}

fn seconds(text: &str) -> Option<i64> {
    let value = crate::numbers::read_decimal(text)?;
    (value.is_finite() && value.abs() <= MAX_SECONDS).then(|| value.floor() as i64)
}

/// A JSON number as Python's `float()` reads its text, or one of the Smithy JSON protocol's
/// strings for the values JSON can't write.
fn number(json: &str) -> Option<f64> {
    match json {
        "\"NaN\"" => Some(f64::NAN),
        "\"Infinity\"" => Some(f64::INFINITY),
        "\"-Infinity\"" => Some(f64::NEG_INFINITY),
        // A JSON number's text is a decimal `numbers::read_decimal` reads (correctly rounded,
        // as Python does; past the largest double it is refused, where Python reads infinity:
        // CloudWatch writes finite doubles); `null`, `true` and text are not numbers.
        _ if json.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
            crate::numbers::read_decimal(json)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(json: &str) -> Result<Vec<f64>, AwsError> {
        let body =
            format!(r#"{{"MetricDataResults":[{{"Id":"u","Timestamps":[],"Values":[{json}]}}]}}"#);
        parse_get_metric_data(body.as_bytes()).map(|p| p.metric_data_results[0].values.clone())
    }

    #[test]
    fn values_are_read_correctly_rounded_in_every_json_number_form() {
        let read = values(r#"0, 12.5, -3, 1.5E2, 2.5e-3, 0.1000000000000000055511151231257827, 4.9406564584124654E-324, "NaN", "Infinity", "-Infinity""#).unwrap();
        assert_eq!(read[..7], [0.0, 12.5, -3.0, 150.0, 0.0025, 0.1, 5e-324]);
        assert!(read[7].is_nan());
        assert_eq!(read[8..], [f64::INFINITY, f64::NEG_INFINITY]);
    }

    #[test]
    fn a_value_past_the_largest_double_is_named_as_not_a_number() {
        let err = values("1, 1e400").unwrap_err().to_string();
        assert!(err.contains("MetricDataResults[0].Values[1]"), "{err}");
        assert!(err.contains("1e400"), "{err}");
    }

    #[test]
    fn timestamps_written_as_numbers_are_rounded_down_to_seconds() {
        let body = r#"{"MetricDataResults":[{"Id":"u","Timestamps":[1.6977600005E9, 1697763600, 1.697767200999e9],"Values":[1,2,3]}]}"#;
        let page = parse_get_metric_data(body.as_bytes()).unwrap();
        assert_eq!(
            page.metric_data_results[0].timestamps,
            [1_697_760_000, 1_697_763_600, 1_697_767_200]
        );
    }
}
