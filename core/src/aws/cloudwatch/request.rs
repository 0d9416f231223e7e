//! `GetMetricData` requests (JSON 1.0, awsQueryCompatible).
//!
//! [`get_metric_data_body`] checks what the model (botocore 1.44.5's `cloudwatch`) and the API
//! reference rule out before anything is sent:
//! - `MetricDataQueries`: 1 to 500 items ("as many as 500 `MetricDataQuery` structures"), each
//!   `Id` unique, 1 to 255 characters, "must start with a lowercase letter", then letters,
//!   digits and `_` (`^[a-z][a-zA-Z0-9_]*$`).
//! - Each query: exactly one of `MetricStat` and `Expression` ("Within one MetricDataQuery
//!   object, you must specify either `Expression` or `MetricStat` but not both"), and at least
//!   one query of the request with `ReturnData` true or left out.
//! - `Expression` 1 to 2048 characters, `AccountId` 1 to 255; `Label` has no limit in the
//!   model or the reference.
//! - `Period` (of a query and of a `MetricStat`): at least 1 (the model), and 1, 5, 10, 20, 30,
//!   60 or a multiple of 60 (the reference).
//! - `MetricStat`: `Stat` not empty, `Unit` one of the model's `StandardUnit` values;
//!   `Metric.Namespace` 1 to 255 characters not starting with `:`, `MetricName` 1 to 255,
//!   at most 30 `Dimensions`, each `Name` 1 to 255 and `Value` 1 to 1024 characters.
//! - `StartTime` before `EndTime`, compared as sent (to the microsecond).
//! - `MaxDatapoints` at least 1; `LabelOptions.Timezone` `+` or `-` and four digits (`+0130`).
//!
//! The body is byte-identical to botocore's (`json.dumps`, see [`to_botocore_json`]):
//! members in the model's order, absent ones left out, timestamps as epoch seconds: an
//! integer, or with microseconds a float (botocore's `_timestamp_unixtimestamp`).

use crate::aws::input::{check_range, InputError};
use crate::aws::json::to_botocore_json;
use serde::{Serialize, Serializer};
use time::OffsetDateTime;

/// The `X-Amz-Target` prefix of CloudWatch operations.
pub const CLOUDWATCH_TARGET_PREFIX: &str = "GraniteServiceVersion20100801";

/// The content type of JSON 1.0 bodies.
pub const JSON_1_0_CONTENT_TYPE: &str = "application/x-amz-json-1.0";

/// The most queries one request may hold.
pub const MAX_QUERIES: usize = 500;

/// The model's `StandardUnit` values.
pub const STANDARD_UNITS: &[&str] = &[
    "Seconds",
    "Microseconds",
    "Milliseconds",
    "Bytes",
    "Kilobytes",
    "Megabytes",
    "Gigabytes",
    "Terabytes",
    "Bits",
    "Kilobits",
    "Megabits",
    "Gigabits",
    "Terabits",
    "Percent",
    "Count",
    "Bytes/Second",
    "Kilobytes/Second",
    "Megabytes/Second",
    "Gigabytes/Second",
    "Terabytes/Second",
    "Bits/Second",
    "Kilobits/Second",
    "Megabits/Second",
    "Gigabits/Second",
    "Terabits/Second",
    "Count/Second",
    "None",
];

/// `GetMetricDataInput`, every member of the model in its order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetMetricDataInput {
    /// The metrics and expressions to fetch (1 to 500).
    pub metric_data_queries: Vec<MetricDataQuery>,
    /// Inclusive start; sent as epoch seconds (to the microsecond).
    #[serde(serialize_with = "epoch_seconds")]
    pub start_time: OffsetDateTime,
    /// Exclusive end; sent as epoch seconds (to the microsecond).
    #[serde(serialize_with = "epoch_seconds")]
    pub end_time: OffsetDateTime,
    /// The previous answer's token, for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Newest first (AWS's default) or oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan_by: Option<ScanBy>,
    /// Data points per page before AWS paginates (AWS's default: 100,800).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_datapoints: Option<i32>,
    /// How labels are written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_options: Option<LabelOptions>,
}

impl GetMetricDataInput {
    /// The first page of `queries` from `start_time` to `end_time`, AWS's defaults otherwise.
    pub fn new(
        metric_data_queries: Vec<MetricDataQuery>,
        start_time: OffsetDateTime,
        end_time: OffsetDateTime,
    ) -> Self {
        GetMetricDataInput {
            metric_data_queries,
            start_time,
            end_time,
            next_token: None,
            scan_by: None,
            max_datapoints: None,
            label_options: None,
        }
    }
}

/// `MetricDataQuery`: one metric (`MetricStat`) or one math expression (`Expression`).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricDataQuery {
    /// Names the query in expressions and in the answer (`^[a-z][a-zA-Z0-9_]*$`).
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<MetricStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `false`: used by expressions only, not returned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_data: Option<bool>,
    /// The period of an expression's points, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<i32>,
    /// The account the metric is in (cross-account observability).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

/// `MetricStat`: a metric, a period and a statistic.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricStat {
    pub metric: Metric,
    /// Seconds per data point.
    pub period: i32,
    /// e.g. `Average`, `Sum`, `p99`.
    pub stat: String,
    /// One of [`STANDARD_UNITS`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// `Metric`: a namespace, a name and dimensions.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Metric {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// At most 30 (sent only when there are some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
}

/// `Dimension`: a name/value pair of a metric.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Dimension {
    pub name: String,
    pub value: String,
}

/// `ScanBy`: the order of the data points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ScanBy {
    /// Newest first (AWS's default).
    TimestampDescending,
    /// Oldest first.
    TimestampAscending,
}

/// `LabelOptions`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LabelOptions {
    /// `+` or `-` and four digits, e.g. `+0130`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// As botocore's JSON serializer writes a timestamp (default precision): whole seconds as an
/// integer, else `(seconds * 10**6 + microseconds) / 10**6`, one correctly rounded division
/// (exact here too: the dividend is below 2^53), printed shortest like Python's `repr`.
fn epoch_seconds<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    let micros = t.microsecond();
    if micros == 0 {
        s.serialize_i64(t.unix_timestamp())
    } else {
        let total = t.unix_timestamp() * 1_000_000 + i64::from(micros);
        s.serialize_f64(total as f64 / 1e6)
    }
}

/// The instant as sent: microseconds since the epoch.
fn sent_micros(t: &OffsetDateTime) -> i128 {
    t.unix_timestamp_nanos().div_euclid(1000)
}

/// The exact body AWS receives for `input`, after checking it (nothing invalid is sent).
pub fn get_metric_data_body(input: &GetMetricDataInput) -> Result<String, InputError> {
    check_input(input)?;
    Ok(to_botocore_json(input))
}

/// The headers a CloudWatch JSON 1.0 request signs besides `host` and the signer's own.
pub fn json_1_0_headers(target: &str) -> [(&'static str, &str); 3] {
    [
        ("content-type", JSON_1_0_CONTENT_TYPE),
        ("x-amz-target", target),
        ("x-amzn-query-mode", "true"),
    ]
}

fn check_input(input: &GetMetricDataInput) -> Result<(), InputError> {
    let queries = &input.metric_data_queries;
    if queries.is_empty() {
        return Err(InputError::Empty {
            field: "MetricDataQueries",
        });
    }
    if queries.len() > MAX_QUERIES {
        return Err(InputError::TooMany {
            field: "MetricDataQueries",
            count: queries.len(),
            max: MAX_QUERIES,
        });
    }
    for (index, query) in queries.iter().enumerate() {
        check_query(query).map_err(|error| InputError::Item {
            field: "MetricDataQueries",
            index,
            error: Box::new(error),
        })?;
    }
    let mut ids: Vec<&str> = queries.iter().map(|q| q.id.as_str()).collect();
    crate::sort::sort(&mut ids);
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(InputError::Duplicate {
            field: "MetricDataQueries.Id",
            value: pair[0].to_owned(),
        });
    }
    if queries.iter().all(|q| q.return_data == Some(false)) {
        return Err(InputError::NoneReturned {
            field: "MetricDataQueries",
            flag: "ReturnData",
        });
    }
    if sent_micros(&input.start_time) >= sent_micros(&input.end_time) {
        return Err(InputError::NotBefore {
            field: "StartTime",
            other: "EndTime",
        });
    }
    check_range(
        "MaxDatapoints",
        input.max_datapoints,
        1,
        i64::from(i32::MAX),
    )?;
    if let Some(zone) = input
        .label_options
        .as_ref()
        .and_then(|o| o.timezone.as_deref())
    {
        let b = zone.as_bytes();
        let ok =
            b.len() == 5 && matches!(b[0], b'+' | b'-') && b[1..].iter().all(u8::is_ascii_digit);
        if !ok {
            return Err(InputError::Malformed {
                field: "LabelOptions.Timezone",
                rule: "must be + or - and four digits, like +0130",
                value: zone.to_owned(),
            });
        }
    }
    Ok(())
}

fn check_query(query: &MetricDataQuery) -> Result<(), InputError> {
    check_text("Id", &query.id, 255)?;
    let b = query.id.as_bytes();
    if !b[0].is_ascii_lowercase() || !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        return Err(InputError::Malformed {
            field: "Id",
            rule: "must start with a lower-case letter followed by letters, digits or _",
            value: query.id.clone(),
        });
    }
    match (&query.metric_stat, &query.expression) {
        (Some(stat), None) => check_stat(stat)?,
        (None, Some(expression)) => check_text("Expression", expression, 2048)?,
        _ => {
            return Err(InputError::OneOf {
                one: "MetricStat",
                other: "Expression",
            })
        }
    }
    if let Some(period) = query.period {
        check_period("Period", period)?;
    }
    if let Some(account) = &query.account_id {
        check_text("AccountId", account, 255)?;
    }
    Ok(())
}

fn check_stat(stat: &MetricStat) -> Result<(), InputError> {
    let metric = &stat.metric;
    if let Some(namespace) = &metric.namespace {
        check_text("MetricStat.Metric.Namespace", namespace, 255)?;
        if namespace.starts_with(':') {
            return Err(InputError::Malformed {
                field: "MetricStat.Metric.Namespace",
                rule: "must not start with :",
                value: namespace.clone(),
            });
        }
    }
    if let Some(name) = &metric.metric_name {
        check_text("MetricStat.Metric.MetricName", name, 255)?;
    }
    if metric.dimensions.len() > 30 {
        return Err(InputError::TooMany {
            field: "MetricStat.Metric.Dimensions",
            count: metric.dimensions.len(),
            max: 30,
        });
    }
    for dimension in &metric.dimensions {
        check_text("MetricStat.Metric.Dimensions.Name", &dimension.name, 255)?;
        check_text("MetricStat.Metric.Dimensions.Value", &dimension.value, 1024)?;
    }
    check_period("MetricStat.Period", stat.period)?;
    if stat.stat.is_empty() {
        return Err(InputError::Missing {
            field: "MetricStat.Stat",
        });
    }
    if let Some(unit) = &stat.unit {
        if !STANDARD_UNITS.contains(&unit.as_str()) {
            return Err(InputError::Malformed {
                field: "MetricStat.Unit",
                rule: "must be one of CloudWatch's units (Seconds, Bytes, Percent, Count, Count/Second, None, ...)",
                value: unit.clone(),
            });
        }
    }
    Ok(())
}

/// A required text of 1 to `max` characters.
fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), InputError> {
    if value.is_empty() {
        return Err(InputError::Missing { field });
    }
    crate::aws::input::check_len(field, Some(value), max)
}

/// At least 1; 1, 5, 10, 20, 30, 60 or a multiple of 60 (the API reference).
fn check_period(field: &'static str, period: i32) -> Result<(), InputError> {
    check_range(field, Some(period), 1, i64::from(i32::MAX))?;
    if matches!(period, 1 | 5 | 10 | 20 | 30) || period % 60 == 0 {
        Ok(())
    } else {
        Err(InputError::Malformed {
            field,
            rule: "must be 1, 5, 10, 20, 30, 60 or a multiple of 60 seconds",
            value: period.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn cpu(id: &str) -> MetricDataQuery {
        MetricDataQuery {
            id: id.into(),
            metric_stat: Some(MetricStat {
                metric: Metric {
                    namespace: Some("AWS/EC2".into()),
                    metric_name: Some("CPUUtilization".into()),
                    dimensions: vec![Dimension {
                        name: "InstanceId".into(),
                        value: "i-1".into(),
                    }],
                },
                period: 300,
                stat: "Average".into(),
                unit: None,
            }),
            ..Default::default()
        }
    }

    fn input(queries: Vec<MetricDataQuery>) -> GetMetricDataInput {
        GetMetricDataInput::new(
            queries,
            datetime!(2026-03-01 0:00 UTC),
            datetime!(2026-03-02 0:00 UTC),
        )
    }

    fn item(index: usize, error: InputError) -> Result<String, InputError> {
        Err(InputError::Item {
            field: "MetricDataQueries",
            index,
            error: Box::new(error),
        })
    }

    #[test]
    fn a_plain_query_is_sent() {
        assert!(get_metric_data_body(&input(vec![cpu("m1")])).is_ok());
    }

    #[test]
    fn query_counts_and_ids_are_checked() {
        assert_eq!(
            get_metric_data_body(&input(vec![])),
            Err(InputError::Empty {
                field: "MetricDataQueries"
            })
        );
        let many: Vec<_> = (0..501).map(|i| cpu(&format!("m{i}"))).collect();
        assert_eq!(
            get_metric_data_body(&input(many)),
            Err(InputError::TooMany {
                field: "MetricDataQueries",
                count: 501,
                max: 500
            })
        );
        let ok: Vec<_> = (0..500).map(|i| cpu(&format!("m{i}"))).collect();
        assert!(get_metric_data_body(&input(ok)).is_ok());
        assert_eq!(
            get_metric_data_body(&input(vec![cpu("a"), cpu("b"), cpu("a")])),
            Err(InputError::Duplicate {
                field: "MetricDataQueries.Id",
                value: "a".into()
            })
        );
        for bad in ["M1", "1m", "m-1", "m 1", "é"] {
            assert!(
                matches!(
                    get_metric_data_body(&input(vec![cpu("ok"), cpu(bad)])),
                    Err(InputError::Item { index: 1, ref error, .. })
                        if matches!(**error, InputError::Malformed { field: "Id", .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(
            get_metric_data_body(&input(vec![cpu("")])),
            item(0, InputError::Missing { field: "Id" })
        );
        assert_eq!(
            get_metric_data_body(&input(vec![cpu(&"a".repeat(256))])),
            item(
                0,
                InputError::TooLong {
                    field: "Id",
                    length: 256,
                    max: 255
                }
            )
        );
        assert!(get_metric_data_body(&input(vec![cpu(&"a".repeat(255))])).is_ok());
    }

    #[test]
    fn each_query_has_one_of_stat_or_expression() {
        let mut both = cpu("m1");
        both.expression = Some("m2 * 2".into());
        let one_of = InputError::OneOf {
            one: "MetricStat",
            other: "Expression",
        };
        assert_eq!(
            get_metric_data_body(&input(vec![both])),
            item(0, one_of.clone())
        );
        let neither = MetricDataQuery {
            id: "m1".into(),
            ..Default::default()
        };
        assert_eq!(get_metric_data_body(&input(vec![neither])), item(0, one_of));
        let long = MetricDataQuery {
            id: "e1".into(),
            expression: Some("x".repeat(2049)),
            ..Default::default()
        };
        assert_eq!(
            get_metric_data_body(&input(vec![long])),
            item(
                0,
                InputError::TooLong {
                    field: "Expression",
                    length: 2049,
                    max: 2048
                }
            )
        );
    }

    #[test]
    fn periods_follow_the_reference() {
        for good in [1, 5, 10, 20, 30, 60, 120, 86400] {
            let mut q = cpu("m1");
            q.metric_stat.as_mut().unwrap().period = good;
            assert!(get_metric_data_body(&input(vec![q])).is_ok(), "{good}");
        }
        for bad in [0, -60, 2, 45, 90] {
            let mut q = cpu("m1");
            q.metric_stat.as_mut().unwrap().period = bad;
            assert!(get_metric_data_body(&input(vec![q])).is_err(), "{bad}");
            let mut e = MetricDataQuery {
                id: "e1".into(),
                expression: Some("m1".into()),
                period: Some(bad),
                ..Default::default()
            };
            assert!(get_metric_data_body(&input(vec![e.clone()])).is_err());
            e.period = Some(3600);
            assert!(get_metric_data_body(&input(vec![e])).is_ok());
        }
    }

    #[test]
    fn metric_members_are_checked() {
        let with = |f: &dyn Fn(&mut MetricStat)| {
            let mut q = cpu("m1");
            f(q.metric_stat.as_mut().unwrap());
            get_metric_data_body(&input(vec![q]))
        };
        assert_eq!(
            with(&|s| s.stat.clear()),
            item(
                0,
                InputError::Missing {
                    field: "MetricStat.Stat"
                }
            )
        );
        assert!(with(&|s| s.unit = Some("Percent".into())).is_ok());
        assert!(with(&|s| s.unit = Some("percent".into())).is_err());
        assert!(with(&|s| s.metric.namespace = Some(":x".into())).is_err());
        assert!(with(&|s| s.metric.namespace = Some(String::new())).is_err());
        assert!(with(&|s| s.metric.metric_name = Some("x".repeat(256))).is_err());
        assert_eq!(
            with(&|s| s.metric.dimensions = vec![s.metric.dimensions[0].clone(); 31]),
            item(
                0,
                InputError::TooMany {
                    field: "MetricStat.Metric.Dimensions",
                    count: 31,
                    max: 30
                }
            )
        );
        assert!(with(&|s| s.metric.dimensions = vec![s.metric.dimensions[0].clone(); 30]).is_ok());
        assert!(with(&|s| s.metric.dimensions[0].value = "v".repeat(1025)).is_err());
        assert!(with(&|s| s.metric.dimensions[0].value = "v".repeat(1024)).is_ok());
        assert!(with(&|s| s.metric.dimensions[0].name.clear()).is_err());
    }

    #[test]
    fn request_members_are_checked() {
        let mut hidden = cpu("m1");
        hidden.return_data = Some(false);
        assert_eq!(
            get_metric_data_body(&input(vec![hidden.clone()])),
            Err(InputError::NoneReturned {
                field: "MetricDataQueries",
                flag: "ReturnData"
            })
        );
        assert!(get_metric_data_body(&input(vec![hidden, cpu("m2")])).is_ok());

        let mut backwards = input(vec![cpu("m1")]);
        backwards.end_time = backwards.start_time;
        assert_eq!(
            get_metric_data_body(&backwards),
            Err(InputError::NotBefore {
                field: "StartTime",
                other: "EndTime"
            })
        );
        backwards.end_time = datetime!(2026-03-01 0:00:00.000_001 UTC);
        assert!(get_metric_data_body(&backwards).is_ok());

        let mut points = input(vec![cpu("m1")]);
        points.max_datapoints = Some(0);
        assert!(matches!(
            get_metric_data_body(&points),
            Err(InputError::OutOfRange {
                field: "MaxDatapoints",
                ..
            })
        ));
        for (zone, ok) in [
            ("+0130", true),
            ("-0800", true),
            ("0130", false),
            ("+1:30", false),
            ("UTC", false),
        ] {
            let mut labelled = input(vec![cpu("m1")]);
            labelled.label_options = Some(LabelOptions {
                timezone: Some(zone.into()),
            });
            assert_eq!(get_metric_data_body(&labelled).is_ok(), ok, "{zone}");
        }
    }

    #[test]
    fn errors_name_the_query_and_member() {
        let err = get_metric_data_body(&input(vec![cpu("ok"), cpu("Bad")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "MetricDataQueries[1] (counting from 0): Id must start with a lower-case letter \
             followed by letters, digits or _; it was \"Bad\"."
        );
    }

    #[test]
    fn timestamps_are_written_like_botocore() {
        let mut i = input(vec![cpu("m1")]);
        i.start_time = datetime!(2026-03-01 10:00:00.75 UTC);
        i.end_time = datetime!(2026-03-01 10:00:01.003691 UTC);
        let body = get_metric_data_body(&i).unwrap();
        // Python: (1772359200 * 10**6 + 750000) / 10**6, and the same for 1.003691.
        assert!(
            body.ends_with(r#""StartTime": 1772359200.75, "EndTime": 1772359201.003691}"#),
            "{body}"
        );
    }
}
