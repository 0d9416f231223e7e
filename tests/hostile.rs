#![cfg(not(target_arch = "wasm32"))]
//! Bodies that are not what AWS sends: each must give its own specific error (or, where noted,
//! be accepted on purpose), never a panic.

use lens_core::aws::ce::{parse_get_dimension_values, parse_get_reservation_coverage};
use lens_core::aws::ec2::{
    parse_describe_capacity_reservations, parse_get_capacity_reservation_usage,
    CapacityReservationState,
};
use lens_core::aws::error::{AwsError, BadResponse, ErrorKind, Problem};
use lens_core::aws::http::HttpResponse;
use lens_core::aws::sts::parse_get_caller_identity;

fn resp(status: u16, content_type: &str, body: impl Into<String>) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("content-type".into(), content_type.into())],
        body: body.into(),
    }
}

fn xml(status: u16, body: impl Into<String>) -> HttpResponse {
    resp(status, "text/xml;charset=UTF-8", body)
}

fn json(status: u16, body: impl Into<String>) -> HttpResponse {
    resp(status, "application/x-amz-json-1.1", body)
}

/// The problem inside a `BadResponse`, checking the status was kept and the message renders.
fn problem<T: std::fmt::Debug>(result: Result<T, AwsError>, status: u16) -> Problem {
    match result {
        Err(AwsError::BadResponse(BadResponse {
            http_status,
            problem,
        })) => {
            assert_eq!(http_status, status);
            let err = AwsError::BadResponse(BadResponse::new(http_status, problem.clone()));
            assert!(!err.to_string().is_empty());
            assert_eq!(err.kind(), ErrorKind::NotAws);
            problem
        }
        other => panic!("expected a BadResponse, got {other:?}"),
    }
}

const USAGE_OPEN: &str = r#"<GetCapacityReservationUsageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>"#;
const USAGE_CLOSE: &str = "</GetCapacityReservationUsageResponse>";

fn usage_with(inner: &str) -> HttpResponse {
    xml(200, format!("{USAGE_OPEN}{inner}{USAGE_CLOSE}"))
}

fn coverage_hours(field: &str, value: &str) -> HttpResponse {
    json(
        200,
        format!(
            r#"{{"CoveragesByTime":[{{"TimePeriod":{{"Start":"2026-11-01","End":"2026-11-02"}},"Groups":[{{"Attributes":{{}},"Coverage":{{"CoverageHours":{{"{field}":"{value}"}}}}}}]}}]}}"#
        ),
    )
}

#[test]
fn html_proxy_page_with_200() {
    let r = resp(
        200,
        "text/html; charset=utf-8",
        "<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>",
    );
    assert_eq!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::Html
    );
}

#[test]
fn html_error_page_without_content_type() {
    let r = HttpResponse {
        status: 403,
        headers: vec![],
        body: "\n  <HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Blocked by proxy</BODY></HTML>".into(),
    };
    assert_eq!(
        problem(parse_get_reservation_coverage(&r), 403),
        Problem::Html
    );
}

#[test]
fn html_gateway_error_keeps_its_status_for_retry() {
    let r = resp(
        502,
        "text/html",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    );
    let err = parse_get_caller_identity(&r).unwrap_err();
    assert_eq!(err.http_status(), 502);
    assert!(lens_core::aws::retry::retry_reason(&err).is_some());
}

#[test]
fn empty_body_with_200() {
    assert_eq!(
        problem(parse_describe_capacity_reservations(&xml(200, "")), 200),
        Problem::Empty
    );
}

#[test]
fn whitespace_body_with_503() {
    assert_eq!(
        problem(parse_get_dimension_values(&json(503, " \r\n ")), 503),
        Problem::Empty
    );
}

#[test]
fn truncated_xml() {
    let r = xml(200, format!("{USAGE_OPEN}<capacityReservationId>cr-0123"));
    assert!(matches!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::InvalidXml(_)
    ));
}

#[test]
fn truncated_json() {
    let r = json(
        200,
        r#"{"CoveragesByTime":[{"TimePeriod":{"Start":"2026-11-01","#,
    );
    match problem(parse_get_reservation_coverage(&r), 200) {
        Problem::InvalidJson(msg) => assert!(msg.contains("EOF"), "{msg}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn wrong_root_element() {
    let r = xml(
        200,
        r#"<DescribeCapacityReservationsResponse><requestId>r</requestId></DescribeCapacityReservationsResponse>"#,
    );
    assert_eq!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::WrongRoot {
            expected: "GetCapacityReservationUsageResponse".into(),
            found: "DescribeCapacityReservationsResponse".into()
        }
    );
}

#[test]
fn billion_laughs_entity_bomb_is_refused() {
    let body = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><GetCallerIdentityResponse><GetCallerIdentityResult><Arn>&lol3;</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>"#;
    match problem(parse_get_caller_identity(&xml(200, body)), 200) {
        Problem::InvalidXml(msg) => assert!(msg.to_lowercase().contains("dtd"), "{msg}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn external_entity_is_refused() {
    let body = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Response><Errors><Error><Code>&xxe;</Code></Error></Errors></Response>"#;
    assert!(matches!(
        problem(parse_get_capacity_reservation_usage(&xml(400, body)), 400),
        Problem::InvalidXml(_)
    ));
}

#[test]
fn deeply_nested_json() {
    // In an unknown key, serde_json skips the value without recursion: accepted.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let body = format!(r#"{{"CoveragesByTime":[],"Future":{deep}}}"#);
    assert!(parse_get_reservation_coverage(&json(200, body)).is_ok());
    // Where a member is expected, the first unexpected bracket is the error.
    let body = format!(r#"{{"CoveragesByTime":[{{"Groups":{deep}}}]}}"#);
    assert!(matches!(
        problem(parse_get_reservation_coverage(&json(200, body)), 200),
        Problem::InvalidJson(_)
    ));
    let body = format!(r#"{{"DimensionValues":[{{"Attributes":{{"k":{deep}}}}}]}}"#);
    assert!(matches!(
        problem(parse_get_dimension_values(&json(200, body)), 200),
        Problem::InvalidJson(_)
    ));
}

#[test]
fn deeply_nested_xml_in_an_unknown_element_is_skipped() {
    // The XML reader builds the tree without recursion and we only look at known members, so depth
    // costs memory (bounded by the node limit), not stack.
    let inner = format!("{}{}", "<a>".repeat(20_000), "</a>".repeat(20_000));
    let r = usage_with(&format!("<future>{inner}</future><state>active</state>"));
    let usage = parse_get_capacity_reservation_usage(&r).unwrap();
    assert_eq!(usage.state, Some(CapacityReservationState::Active));
}

#[test]
fn non_numeric_amount_names_the_field() {
    let r = coverage_hours("OnDemandHours", "12,5");
    assert_eq!(
        problem(parse_get_reservation_coverage(&r), 200),
        Problem::NotANumber {
            field: "CoveragesByTime[0].Groups[0].Coverage.CoverageHours.OnDemandHours".into(),
            text: "12,5".into()
        }
    );
}

#[test]
fn nan_and_infinity_are_not_amounts() {
    for text in ["NaN", "inf", "-Infinity", ""] {
        let r = coverage_hours("ReservedHours", text);
        assert!(
            matches!(
                problem(parse_get_reservation_coverage(&r), 200),
                Problem::NotANumber { .. }
            ),
            "{text}"
        );
    }
}

#[test]
fn percent_sign_only_on_percentages() {
    let ok = coverage_hours("CoverageHoursPercentage", "40%");
    let page = parse_get_reservation_coverage(&ok).unwrap();
    let hours = page.coverages_by_time[0].groups[0]
        .coverage
        .as_ref()
        .unwrap()
        .coverage_hours
        .as_ref()
        .unwrap();
    assert_eq!(
        hours.coverage_hours_percentage.as_ref().unwrap().value,
        40.0
    );
    let bad = coverage_hours("TotalRunningHours", "40%");
    assert!(matches!(
        problem(parse_get_reservation_coverage(&bad), 200),
        Problem::NotANumber { .. }
    ));
}

#[test]
fn count_that_overflows_i32() {
    let r = usage_with("<totalInstanceCount>3000000000</totalInstanceCount>");
    assert_eq!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::BadCount {
            field: "TotalInstanceCount".into(),
            text: "3000000000".into(),
            max: i32::MAX.into()
        }
    );
}

#[test]
fn negative_count() {
    let r = usage_with("<instanceUsageSet><item><accountId>1</accountId><usedInstanceCount>-1</usedInstanceCount></item></instanceUsageSet>");
    assert_eq!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::BadCount {
            field: "InstanceUsages[0].UsedInstanceCount".into(),
            text: "-1".into(),
            max: i32::MAX.into()
        }
    );
}

#[test]
fn missing_required_coverages_by_time() {
    let r = json(200, r#"{"Total":{}}"#);
    assert_eq!(
        problem(parse_get_reservation_coverage(&r), 200),
        Problem::MissingMember("CoveragesByTime".into())
    );
}

#[test]
fn missing_end_of_a_time_period() {
    let r = json(
        200,
        r#"{"CoveragesByTime":[{"TimePeriod":{"Start":"2026-11-01"}}]}"#,
    );
    assert_eq!(
        problem(parse_get_reservation_coverage(&r), 200),
        Problem::MissingMember("CoveragesByTime[0].TimePeriod.End".into())
    );
}

#[test]
fn page_size_missing_or_mistyped() {
    let missing = json(200, r#"{"DimensionValues":[],"TotalSize":0}"#);
    assert_eq!(
        problem(parse_get_dimension_values(&missing), 200),
        Problem::MissingMember("ReturnSize".into())
    );
    let text = json(
        200,
        r#"{"DimensionValues":[],"ReturnSize":"3","TotalSize":-4}"#,
    );
    assert!(
        matches!(problem(parse_get_dimension_values(&text), 200), Problem::BadCount { field, .. } if field == "ReturnSize")
    );
}

#[test]
fn replacement_characters_from_invalid_utf8() {
    // The transport decodes bytes lossily: a broken byte inside a number becomes U+FFFD.
    let r = usage_with("<availableInstanceCount>1\u{FFFD}5</availableInstanceCount>");
    assert!(matches!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::BadCount { .. }
    ));
    // Inside an enum value it is just an unknown value, kept as text.
    let r = usage_with("<state>act\u{FFFD}ve</state>");
    let state = parse_get_capacity_reservation_usage(&r)
        .unwrap()
        .state
        .unwrap();
    assert_eq!(
        state,
        CapacityReservationState::Unknown("act\u{FFFD}ve".into())
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let r = xml(200, format!("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>{USAGE_OPEN}<state>active</state>{USAGE_CLOSE}"));
    assert!(parse_get_capacity_reservation_usage(&r).is_ok());
    let r = json(200, "\u{FEFF}{\"CoveragesByTime\":[]}");
    assert!(parse_get_reservation_coverage(&r).is_ok());
}

#[test]
fn status_200_with_an_ec2_error_envelope() {
    let r = xml(200, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>abc</RequestID></Response>");
    let err = parse_describe_capacity_reservations(&r).unwrap_err();
    let e = err.as_service().expect("a service error");
    assert_eq!(
        (e.code.as_str(), e.kind, e.request_id.as_deref()),
        ("RequestLimitExceeded", ErrorKind::Throttling, Some("abc"))
    );
}

#[test]
fn status_200_with_a_json_error_envelope() {
    let r = json(
        200,
        r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
    );
    let err = parse_get_reservation_coverage(&r).unwrap_err();
    assert_eq!(
        err.as_service().map(|e| e.kind),
        Some(ErrorKind::Throttling)
    );
}

#[test]
fn client_error_with_non_aws_json() {
    let r = json(403, r#"{"error":"blocked by corporate policy"}"#);
    assert_eq!(
        problem(parse_get_dimension_values(&r), 403),
        Problem::ErrorWithoutCode
    );
}

#[test]
fn client_error_with_plain_text() {
    let r = resp(403, "text/plain", "Forbidden");
    assert!(matches!(
        problem(parse_get_reservation_coverage(&r), 403),
        Problem::InvalidJson(_)
    ));
    assert!(matches!(
        problem(parse_get_caller_identity(&r), 403),
        Problem::InvalidXml(_)
    ));
}

#[test]
fn error_envelope_without_a_code() {
    let r = xml(400, "<Response><Errors><Error><Message>no code</Message></Error></Errors><RequestID>x</RequestID></Response>");
    assert_eq!(
        problem(parse_get_capacity_reservation_usage(&r), 400),
        Problem::ErrorWithoutCode
    );
    let r = xml(400, "<Oops/>");
    assert!(matches!(
        problem(parse_get_caller_identity(&r), 400),
        Problem::WrongRoot { .. }
    ));
}

#[test]
fn garbled_boolean_and_timestamp() {
    let r = usage_with("<interruptible>yes</interruptible>");
    assert_eq!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::NotABoolean {
            field: "Interruptible".into(),
            text: "yes".into()
        }
    );
    let r = xml(
        200,
        r#"<DescribeCapacityReservationsResponse><capacityReservationSet><item><startDate>yesterday</startDate></item></capacityReservationSet></DescribeCapacityReservationsResponse>"#,
    );
    assert_eq!(
        problem(parse_describe_capacity_reservations(&r), 200),
        Problem::NotATimestamp {
            field: "CapacityReservations[0].StartDate".into(),
            text: "yesterday".into()
        }
    );
}

#[test]
fn json_of_the_wrong_shape() {
    for body in [
        r#"[]"#,
        r#""text""#,
        r#"{"CoveragesByTime":{}}"#,
        r#"{"CoveragesByTime":[{"Groups":[{"Attributes":{"a":1}}]}]}"#,
    ] {
        assert!(
            matches!(
                problem(parse_get_reservation_coverage(&json(200, body)), 200),
                Problem::InvalidJson(_)
            ),
            "{body}"
        );
    }
}

#[test]
fn caller_identity_without_its_result() {
    let r = xml(200, "<GetCallerIdentityResponse><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
    assert_eq!(
        problem(parse_get_caller_identity(&r), 200),
        Problem::MissingMember("GetCallerIdentityResult".into())
    );
}

#[test]
fn too_many_xml_nodes() {
    // 2.1 million empty elements: over the node cap, refused instead of filling memory.
    let r = usage_with(&"<x/>".repeat(2_100_000));
    assert!(matches!(
        problem(parse_get_capacity_reservation_usage(&r), 200),
        Problem::InvalidXml(_)
    ));
}
