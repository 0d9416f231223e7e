#![cfg(not(target_arch = "wasm32"))]
//! Our request builders and signer against botocore 1.44.5, byte for byte.
//!
//! `tests/vectors/requests.json` is written by `scripts/gen_request_vectors.py` with botocore's
//! own serializers, endpoint resolution and SigV4 signer at a fixed time; nothing in it comes
//! from our code.

use lens_core::aws::ce::{
    GetReservationCoverageInput, GetReservationUtilizationInput, GetSavingsPlansCoverageInput,
    GetSavingsPlansUtilizationInput,
};
use lens_core::aws::cloudwatch::{
    Dimension, GetMetricDataInput, LabelOptions, Metric, MetricDataQuery, MetricStat, ScanBy,
};
use lens_core::aws::credentials::Credentials;
use lens_core::aws::ec2::{
    CapacityManagerCondition, DescribeCapacityReservationsInput, Filter,
    GetCapacityManagerAttributesInput, GetCapacityManagerMetricDataInput,
    GetCapacityManagerMetricDimensionsInput, GetCapacityReservationUsageInput,
};
use lens_core::aws::endpoint::{
    resolve, EndpointOverride, OverrideMode, ResolvedEndpoint, Service,
};
use lens_core::aws::http::HttpRequest;
use lens_core::aws::input::BuildError;
use lens_core::aws::operation::Operation;
use lens_core::aws::{ce, ec2, sts};

#[path = "support/sigv4.rs"]
mod sigv4;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/requests.json");
    let text = std::fs::read_to_string(path).expect("read tests/vectors/requests.json");
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn vector_time(doc: &Value) -> SystemTime {
    let text = doc["time"].as_str().unwrap();
    let t =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap();
    UNIX_EPOCH + Duration::from_secs(t.unix_timestamp() as u64)
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn usage_input(p: &Value) -> GetCapacityReservationUsageInput {
    GetCapacityReservationUsageInput {
        capacity_reservation_id: text(&p["CapacityReservationId"]).unwrap(),
        next_token: text(&p["NextToken"]),
        max_results: p["MaxResults"].as_i64().map(|n| n as i32),
        dry_run: p["DryRun"].as_bool(),
    }
}

fn describe_input(p: &Value) -> DescribeCapacityReservationsInput {
    DescribeCapacityReservationsInput {
        capacity_reservation_ids: texts(&p["CapacityReservationIds"]),
        next_token: text(&p["NextToken"]),
        max_results: p["MaxResults"].as_i64().map(|n| n as i32),
        filters: p["Filters"]
            .as_array()
            .map(|fs| {
                fs.iter()
                    .map(|f| Filter {
                        name: text(&f["Name"]).unwrap(),
                        values: texts(&f["Values"]),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        dry_run: p["DryRun"].as_bool(),
    }
}

fn instant(v: &Value) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(
        v.as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
}

fn conditions(v: &Value) -> Vec<CapacityManagerCondition> {
    v.as_array()
        .map(|cs| {
            cs.iter()
                .map(|c| {
                    let d = &c["DimensionCondition"];
                    CapacityManagerCondition {
                        dimension: text(&d["Dimension"]).unwrap(),
                        comparison: text(&d["Comparison"]).unwrap(),
                        values: texts(&d["Values"]),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

fn metric_data_input(p: &Value) -> GetCapacityManagerMetricDataInput {
    let mut input = GetCapacityManagerMetricDataInput::new(
        texts(&p["MetricNames"]),
        instant(&p["StartTime"]),
        instant(&p["EndTime"]),
        p["Period"].as_i64().unwrap() as i32,
    );
    input.group_by = texts(&p["GroupBy"]);
    input.filter_by = conditions(&p["FilterBy"]);
    input.max_results = p["MaxResults"].as_i64().map(|n| n as i32);
    input.next_token = text(&p["NextToken"]);
    input.dry_run = p["DryRun"].as_bool();
    input
}

fn metric_dimensions_input(p: &Value) -> GetCapacityManagerMetricDimensionsInput {
    GetCapacityManagerMetricDimensionsInput {
        group_by: texts(&p["GroupBy"]),
        filter_by: conditions(&p["FilterBy"]),
        start_time: instant(&p["StartTime"]),
        end_time: instant(&p["EndTime"]),
        metric_names: texts(&p["MetricNames"]),
        max_results: p["MaxResults"].as_i64().map(|n| n as i32),
        next_token: text(&p["NextToken"]),
        dry_run: p["DryRun"].as_bool(),
    }
}

/// One of `ce`'s signed-request builders (`ce::get_reservation_coverage` and the like).
type CeBuilder<I> =
    fn(&I, &ResolvedEndpoint, &Credentials, SystemTime) -> Result<HttpRequest, BuildError>;

/// A Cost Explorer vector's request: its input is the params as they are (serde, PascalCase
/// members), signed by `sign`.
fn ce_request<I: serde::de::DeserializeOwned>(
    v: &Value,
    sign: CeBuilder<I>,
    (endpoint, creds, time): (&ResolvedEndpoint, &Credentials, SystemTime),
) -> (HttpRequest, Vec<(&'static str, String)>) {
    let input = serde_json::from_value(v["params"].clone()).unwrap();
    let target = format!(
        "AWSInsightsIndexService.{}",
        v["operation"].as_str().unwrap()
    );
    (
        sign(&input, endpoint, creds, time).unwrap(),
        vec![
            ("content-type", "application/x-amz-json-1.1".to_string()),
            ("x-amz-target", target),
        ],
    )
}

fn cw_metric_data_input(p: &Value) -> GetMetricDataInput {
    let int = |v: &Value| v.as_i64().map(|n| n as i32);
    let queries = p["MetricDataQueries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| MetricDataQuery {
            id: text(&q["Id"]).unwrap(),
            metric_stat: q.get("MetricStat").map(|s| MetricStat {
                metric: Metric {
                    namespace: text(&s["Metric"]["Namespace"]),
                    metric_name: text(&s["Metric"]["MetricName"]),
                    dimensions: s["Metric"]["Dimensions"]
                        .as_array()
                        .map(|ds| {
                            ds.iter()
                                .map(|d| Dimension {
                                    name: text(&d["Name"]).unwrap(),
                                    value: text(&d["Value"]).unwrap(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                },
                period: int(&s["Period"]).unwrap(),
                stat: text(&s["Stat"]).unwrap(),
                unit: text(&s["Unit"]),
            }),
            expression: text(&q["Expression"]),
            label: text(&q["Label"]),
            return_data: q["ReturnData"].as_bool(),
            period: int(&q["Period"]),
            account_id: text(&q["AccountId"]),
        })
        .collect();
    GetMetricDataInput {
        metric_data_queries: queries,
        start_time: instant(&p["StartTime"]),
        end_time: instant(&p["EndTime"]),
        next_token: text(&p["NextToken"]),
        scan_by: p["ScanBy"].as_str().map(|s| match s {
            "TimestampDescending" => ScanBy::TimestampDescending,
            "TimestampAscending" => ScanBy::TimestampAscending,
            other => panic!("unknown ScanBy {other}"),
        }),
        max_datapoints: int(&p["MaxDatapoints"]),
        label_options: p.get("LabelOptions").map(|o| LabelOptions {
            timezone: text(&o["Timezone"]),
        }),
    }
}

fn service_of(v: &Value) -> Service {
    match v["service"].as_str().unwrap() {
        "ec2" => Service::Ec2,
        "ce" => Service::CostExplorer,
        "sts" => Service::Sts,
        "cloudwatch" => Service::CloudWatch,
        other => panic!("unknown service {other}"),
    }
}

/// Builds our request for a vector; also returns the protocol headers given to the signer.
fn build(v: &Value, time: SystemTime) -> (HttpRequest, Vec<(&'static str, String)>) {
    let service = service_of(v);
    let over = match v["mode"].as_str().unwrap() {
        "default" => None,
        "aws_compatible" => Some(OverrideMode::AwsCompatible),
        "pass_through" => Some(OverrideMode::PassThroughProxy),
        other => panic!("unknown mode {other}"),
    }
    .map(|mode| EndpointOverride::parse(v["override_url"].as_str().unwrap(), mode).unwrap());
    let endpoint = resolve(service, v["region"].as_str().unwrap(), over.as_ref()).unwrap();
    let c = &v["credentials"];
    let creds = Credentials::new(
        c["access_key_id"].as_str().unwrap(),
        c["secret_access_key"].as_str().unwrap(),
        c["session_token"].as_str(),
    )
    .unwrap();
    let p = &v["params"];
    let op = v["operation"].as_str().unwrap();
    let query = vec![("content-type", ec2_content_type())];
    match op {
        "GetCapacityReservationUsage" => (
            ec2::get_capacity_reservation_usage(&usage_input(p), &endpoint, &creds, time).unwrap(),
            query,
        ),
        "DescribeCapacityReservations" => (
            ec2::describe_capacity_reservations(&describe_input(p), &endpoint, &creds, time)
                .unwrap(),
            query,
        ),
        "GetCapacityManagerAttributes" => (
            ec2::get_capacity_manager_attributes(
                &GetCapacityManagerAttributesInput {
                    dry_run: p["DryRun"].as_bool(),
                },
                &endpoint,
                &creds,
                time,
            )
            .unwrap(),
            query,
        ),
        "GetCapacityManagerMetricData" => (
            ec2::get_capacity_manager_metric_data(&metric_data_input(p), &endpoint, &creds, time)
                .unwrap(),
            query,
        ),
        "GetCapacityManagerMetricDimensions" => (
            ec2::get_capacity_manager_metric_dimensions(
                &metric_dimensions_input(p),
                &endpoint,
                &creds,
                time,
            )
            .unwrap(),
            query,
        ),
        "GetCallerIdentity" => (
            sts::get_caller_identity(&endpoint, &creds, time).unwrap(),
            query,
        ),
        "GetReservationCoverage" => {
            ce_request(v, ce::get_reservation_coverage, (&endpoint, &creds, time))
        }
        "GetDimensionValues" => ce_request(v, ce::get_dimension_values, (&endpoint, &creds, time)),
        "GetReservationUtilization" => ce_request(
            v,
            ce::get_reservation_utilization,
            (&endpoint, &creds, time),
        ),
        "GetSavingsPlansCoverage" => {
            ce_request(v, ce::get_savings_plans_coverage, (&endpoint, &creds, time))
        }
        "GetSavingsPlansUtilization" => ce_request(
            v,
            ce::get_savings_plans_utilization,
            (&endpoint, &creds, time),
        ),
        "GetMetricData" => (
            cw_metric_data_input(p)
                .request(&endpoint, &creds, time)
                .unwrap(),
            vec![
                ("content-type", "application/x-amz-json-1.0".to_string()),
                (
                    "x-amz-target",
                    "GraniteServiceVersion20100801.GetMetricData".to_string(),
                ),
                ("x-amzn-query-mode", "true".to_string()),
            ],
        ),
        other => panic!("unknown operation {other}"),
    }
}

fn ec2_content_type() -> String {
    "application/x-www-form-urlencoded; charset=utf-8".to_string()
}

#[test]
fn requests_match_botocore_byte_for_byte() {
    let doc = vectors();
    assert_eq!(doc["botocore_version"], "1.44.5");
    let time = vector_time(&doc);
    let all = doc["vectors"].as_array().unwrap();
    assert!(all.len() >= 200, "expected the full vector table");
    let mut failures = Vec::new();
    // The vectors aws::sign refuses to sign (none may be).
    let mut refused = Vec::new();
    for v in all {
        let name = v["name"].as_str().unwrap();
        let (request, protocol_headers) = build(v, time);
        let mut check = |what: &str, ours: &str, theirs: &str| {
            if ours != theirs {
                failures.push(format!(
                    "{name}: {what}\n  ours:     {ours:?}\n  botocore: {theirs:?}"
                ));
            }
        };
        check("url", &request.url, v["url"].as_str().unwrap());
        check("body", &request.body, v["body"].as_str().unwrap());
        let mut ours: Vec<(String, String)> = request.headers.clone();
        #[allow(clippy::disallowed_methods)] // a native test: no wasm to keep small
        ours.sort();
        let theirs: Vec<(String, String)> = v["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (text(&h[0]).unwrap(), text(&h[1]).unwrap()))
            .collect();
        check("headers", &format!("{ours:?}"), &format!("{theirs:?}"));
        assert_eq!(
            request.headers.last().map(|h| h.0.as_str()),
            Some("authorization"),
            "{name}: authorization comes last"
        );

        // The canonical request and string to sign we show for debugging.
        let endpoint = {
            let service = service_of(v);
            let mode = match v["mode"].as_str().unwrap() {
                "aws_compatible" => Some(OverrideMode::AwsCompatible),
                "pass_through" => Some(OverrideMode::PassThroughProxy),
                _ => None,
            };
            let over = mode
                .map(|m| EndpointOverride::parse(v["override_url"].as_str().unwrap(), m).unwrap());
            resolve(service, v["region"].as_str().unwrap(), over.as_ref()).unwrap()
        };
        check(
            "signing region",
            &endpoint.signing_region,
            v["signing_region"].as_str().unwrap(),
        );
        check(
            "signing name",
            endpoint.signing_name,
            v["signing_name"].as_str().unwrap(),
        );
        let c = &v["credentials"];
        let creds = Credentials::new(
            c["access_key_id"].as_str().unwrap(),
            c["secret_access_key"].as_str().unwrap(),
            c["session_token"].as_str(),
        )
        .unwrap();
        let headers: Vec<(&'static str, &str)> = protocol_headers
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect();
        if !lens_core::aws::sign::can_sign(&endpoint, &headers, &creds) {
            refused.push(name.to_owned());
        }
        let creq = sigv4::canonical_request(&endpoint, &headers, &request.body, &creds, time);
        check(
            "canonical request",
            &creq,
            v["canonical_request"].as_str().unwrap(),
        );
        let sts = sigv4::string_to_sign(&endpoint, &creq, time);
        check(
            "string to sign",
            &sts,
            v["string_to_sign"].as_str().unwrap(),
        );
    }
    // Every vector is signed by aws::sign's own canonical request; aws-sigv4's whole path is
    // held to it by the differential test in core/src/aws/sign.rs.
    assert!(refused.is_empty(), "aws::sign refuses to sign: {refused:?}");
    assert!(
        failures.is_empty(),
        "{} of {} vectors differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn vector_table_covers_each_operation_and_mode() {
    let doc = vectors();
    let mut inputs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for v in doc["vectors"].as_array().unwrap() {
        let key = (
            v["operation"].as_str().unwrap().to_string(),
            v["mode"].as_str().unwrap().to_string(),
        );
        *inputs.entry(key).or_default() += 1;
    }
    for op in [
        "GetCapacityReservationUsage",
        "DescribeCapacityReservations",
        "GetReservationCoverage",
        "GetDimensionValues",
        "GetReservationUtilization",
        "GetSavingsPlansCoverage",
        "GetSavingsPlansUtilization",
        "GetCallerIdentity",
        "GetCapacityManagerAttributes",
        "GetCapacityManagerMetricData",
        "GetCapacityManagerMetricDimensions",
        "GetMetricData",
    ] {
        for mode in ["default", "aws_compatible", "pass_through"] {
            assert!(
                inputs.contains_key(&(op.to_string(), mode.to_string())),
                "no {mode} vector for {op}"
            );
        }
        let defaults = inputs[&(op.to_string(), "default".to_string())];
        // GetCapacityManagerAttributes has one member (DryRun): absent, true, false.
        if op == "GetCapacityManagerAttributes" {
            assert!(defaults >= 6, "{op}: 3 inputs x 2 credentials");
        } else if op != "GetCallerIdentity" {
            assert!(defaults >= 16, "{op}: at least 8 inputs x 2 credentials");
        }
    }
}

#[test]
fn invalid_inputs_are_refused_before_signing() {
    use lens_core::aws::ce::DateInterval;
    use lens_core::aws::ce::{Dimension, GetDimensionValuesInput};
    use lens_core::aws::input::{BuildError, InputError};
    let endpoint = resolve(Service::Ec2, "eu-west-1", None).unwrap();
    let creds = Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        None,
    )
    .unwrap();
    let time = UNIX_EPOCH + Duration::from_secs(1_773_500_966);
    let usage = |id: &str, max: Option<i32>| GetCapacityReservationUsageInput {
        capacity_reservation_id: id.into(),
        max_results: max,
        ..Default::default()
    };
    let range = |value| {
        Err(BuildError::Input(InputError::OutOfRange {
            field: "MaxResults",
            value,
            min: 1,
            max: 1000,
        }))
    };
    assert_eq!(
        ec2::get_capacity_reservation_usage(&usage("cr-1", Some(0)), &endpoint, &creds, time),
        range(0)
    );
    assert_eq!(
        ec2::get_capacity_reservation_usage(&usage("cr-1", Some(1001)), &endpoint, &creds, time),
        range(1001)
    );
    assert_eq!(
        ec2::get_capacity_reservation_usage(&usage(" ", None), &endpoint, &creds, time),
        Err(BuildError::Input(InputError::Missing {
            field: "CapacityReservationId"
        }))
    );
    let describe = DescribeCapacityReservationsInput {
        max_results: Some(-5),
        ..Default::default()
    };
    assert_eq!(
        ec2::describe_capacity_reservations(&describe, &endpoint, &creds, time),
        range(-5)
    );

    let ce_endpoint = resolve(Service::CostExplorer, "eu-west-1", None).unwrap();
    let period = |start: &str, end: &str| DateInterval {
        start: start.into(),
        end: end.into(),
    };
    let mut coverage = GetReservationCoverageInput::new(period("2026-01-01", "2026/02/01"));
    assert_eq!(
        ce::get_reservation_coverage(&coverage, &ce_endpoint, &creds, time),
        Err(BuildError::Input(InputError::DateMalformed {
            field: "TimePeriod.End",
            value: "2026/02/01".into()
        }))
    );
    coverage.time_period = period("2026-01-01", "2026-02-01");
    coverage.max_results = Some(0);
    assert!(matches!(
        ce::get_reservation_coverage(&coverage, &ce_endpoint, &creds, time),
        Err(BuildError::Input(InputError::OutOfRange {
            field: "MaxResults",
            ..
        }))
    ));
    // The commitment operations: HOURLY and GroupBy with Granularity are refused by the
    // builders (their own unit tests cover every check), so no vector could hold them.
    let mut utilization = GetReservationUtilizationInput::new(period("2026-01-01", "2026-02-01"));
    utilization.granularity = Some(ce::Granularity::Hourly);
    assert!(matches!(
        ce::get_reservation_utilization(&utilization, &ce_endpoint, &creds, time),
        Err(BuildError::Input(InputError::NotAccepted {
            field: "Granularity",
            ..
        }))
    ));
    let mut sp_coverage = GetSavingsPlansCoverageInput::new(period("2026-01-01", "2026-02-01"));
    sp_coverage.max_results = Some(0);
    assert!(matches!(
        ce::get_savings_plans_coverage(&sp_coverage, &ce_endpoint, &creds, time),
        Err(BuildError::Input(InputError::OutOfRange {
            field: "MaxResults",
            min: 1,
            ..
        }))
    ));
    let sp_utilization = GetSavingsPlansUtilizationInput::new(period("2026-1-01", "2026-02-01"));
    assert!(matches!(
        ce::get_savings_plans_utilization(&sp_utilization, &ce_endpoint, &creds, time),
        Err(BuildError::Input(InputError::DateMalformed {
            field: "TimePeriod.Start",
            ..
        }))
    ));
    let mut values =
        GetDimensionValuesInput::new(period("2026-01-01", "2026-02-01"), Dimension::Region);
    values.search_string = Some("x".repeat(1025));
    assert_eq!(
        ce::get_dimension_values(&values, &ce_endpoint, &creds, time),
        Err(BuildError::Input(InputError::TooLong {
            field: "SearchString",
            length: 1025,
            max: 1024
        }))
    );
}

#[test]
fn signed_headers_are_exactly_what_a_browser_may_send() {
    let doc = vectors();
    let time = vector_time(&doc);
    for v in doc["vectors"].as_array().unwrap() {
        let (request, _) = build(v, time);
        let names: Vec<&str> = request.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert!(!names.contains(&"host"), "browsers refuse to set Host");
        let auth = request.header("authorization").unwrap();
        let signed = auth
            .split("SignedHeaders=")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        let mut expected: Vec<&str> = signed.split(';').filter(|h| *h != "host").collect();
        expected.push("authorization");
        assert_eq!(names, expected, "{}", v["name"]);
    }
}
