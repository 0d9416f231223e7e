#![cfg(not(target_arch = "wasm32"))]
//! Our response parsers against botocore's: every fixture under tests/fixtures/responses is
//! parsed by us and compared member by member with what botocore 1.44.5 parsed from the same
//! bytes (`<case>.botocore.json`, written by scripts/gen_response_fixtures.py). Expected values
//! come only from botocore's output and the fixtures' meta files, never from our own output.

#[path = "responses/compare.rs"]
mod compare;
#[path = "responses/convert.rs"]
mod convert;

use convert::Amounts;
use lens_core::aws::error::{AwsError, ErrorKind};
use lens_core::aws::http::HttpResponse;
use lens_core::aws::paginate::{collect_pages, PagedError};
use lens_core::aws::{ce, ec2};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/responses")
}

struct Case {
    name: String,
    response: HttpResponse,
    meta: Value,
    botocore: Value,
}

/// Every fixture body of one operation, with its meta and botocore's output.
fn cases(op: &str) -> Vec<Case> {
    let dir = fixtures().join(op);
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            (n.ends_with(".xml") || n.ends_with(".json"))
                && !n.ends_with(".meta.json")
                && !n.ends_with(".botocore.json")
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {dir:?}");
    names
        .into_iter()
        .map(|body_path| {
            let stem = body_path.file_stem().unwrap().to_str().unwrap().to_owned();
            let read_json = |suffix: &str| -> Option<Value> {
                let p = dir.join(format!("{stem}{suffix}"));
                p.exists()
                    .then(|| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            };
            let meta = read_json(".meta.json").unwrap_or(Value::Object(Map::new()));
            let botocore = read_json(".botocore.json").unwrap_or_else(|| {
                panic!("{op}/{stem}: no .botocore.json; run scripts/gen_response_fixtures.py")
            });
            let status = meta["status"].as_u64().unwrap_or(200) as u16;
            assert_eq!(
                botocore["status"], status,
                "{op}/{stem}: stale botocore output"
            );
            let headers = meta["headers"]
                .as_object()
                .map(|h| {
                    h.iter()
                        .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str().unwrap().to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            Case {
                name: format!("{op}/{stem}"),
                response: HttpResponse {
                    status,
                    headers,
                    body: std::fs::read_to_string(&body_path).unwrap(),
                },
                meta,
                botocore,
            }
        })
        .collect()
}

fn kind_named(name: &str) -> ErrorKind {
    use ErrorKind::*;
    let all = [
        Throttling,
        ClockSkew,
        ExpiredCredentials,
        Auth,
        Permission,
        DryRunAllowed,
        Validation,
        NotFound,
        MalformedId,
        DataUnavailable,
        Server,
        NotAws,
        Other,
    ];
    *all.iter()
        .find(|k| format!("{k:?}") == name)
        .unwrap_or_else(|| panic!("no ErrorKind {name}"))
}

/// Runs every fixture of `op`; returns how many were compared.
fn check_operation(op: &str) -> usize {
    let all = cases(op);
    for case in &all {
        let expected = &case.botocore["output"];
        let result = compare::parse(op, &case.response, Amounts::Text);
        if case.response.status >= 300 {
            let err = match result {
                Err(AwsError::Service(e)) => e,
                other => panic!("{}: expected a service error, got {other:?}", case.name),
            };
            assert_eq!(err.code, expected["Error"]["Code"], "{}: code", case.name);
            assert_eq!(
                err.message, expected["Error"]["Message"],
                "{}: message",
                case.name
            );
            assert_eq!(
                err.request_id.as_deref(),
                expected["ResponseMetadata"]["RequestId"].as_str(),
                "{}: request id",
                case.name
            );
            assert_eq!(err.http_status, case.response.status);
            let kind = case.meta["expected_kind"]
                .as_str()
                .expect("error fixtures name a kind");
            assert_eq!(err.kind, kind_named(kind), "{}: kind", case.name);
            continue;
        }
        result.unwrap_or_else(|e| panic!("{}: {e}", case.name));
        if let Err(d) = compare::agree(op, &case.response, expected, &case.botocore["numbers"]) {
            panic!("{}: {d}", case.name);
        }
    }
    all.len()
}

#[test]
fn ec2_get_capacity_reservation_usage_matches_botocore() {
    assert!(check_operation("ec2_get_capacity_reservation_usage") >= 30);
}

#[test]
fn ec2_describe_capacity_reservations_matches_botocore() {
    assert!(check_operation("ec2_describe_capacity_reservations") >= 10);
}

#[test]
fn ce_get_reservation_coverage_matches_botocore() {
    assert!(check_operation("ce_get_reservation_coverage") >= 20);
}

#[test]
fn ce_get_dimension_values_matches_botocore() {
    assert!(check_operation("ce_get_dimension_values") >= 8);
}

#[test]
fn sts_get_caller_identity_matches_botocore() {
    assert!(check_operation("sts_get_caller_identity") >= 10);
}

/// The fixtures exercise every output member and enum value the models define, and the
/// recorded figures match the fixtures on disk (a fixture added without re-running the
/// generator fails here).
#[test]
fn fixtures_cover_every_model_member() {
    let text = std::fs::read_to_string(fixtures().join("coverage.json")).unwrap();
    let coverage: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(coverage["botocore"], "1.44.5");
    let mut members = (0, 0);
    for op in [
        "ec2_get_capacity_reservation_usage",
        "ec2_describe_capacity_reservations",
        "ce_get_reservation_coverage",
        "ce_get_dimension_values",
        "sts_get_caller_identity",
    ] {
        let c = &coverage[op];
        assert_eq!(
            c["fixtures"].as_u64().unwrap() as usize,
            cases(op).len(),
            "{op}: stale"
        );
        assert_eq!(
            c["members_covered"], c["members_total"],
            "{op}: {}",
            c["members_missing"]
        );
        assert_eq!(c["enum_values_covered"], c["enum_values_total"], "{op}");
        members.0 += c["members_covered"].as_u64().unwrap();
        members.1 += c["members_total"].as_u64().unwrap();
    }
    assert_eq!(members, (112, 112), "output members covered / total");
}

fn fixture_response(op: &str, case: &str) -> HttpResponse {
    cases(op)
        .into_iter()
        .find(|c| c.name == format!("{op}/{case}"))
        .unwrap()
        .response
}

#[test]
fn usage_pages_are_followed_to_the_end() {
    let op = "ec2_get_capacity_reservation_usage";
    let mut sent = Vec::new();
    let pages = collect_pages::<ec2::GetCapacityReservationUsageInput, _>(10, |token| {
        sent.push(token.map(str::to_owned));
        let case = match token {
            None => "page1",
            Some("page-2-token") => "page2",
            Some("page-3-token") => "page3",
            Some(other) => panic!("unexpected token {other}"),
        };
        ec2::parse_get_capacity_reservation_usage(&fixture_response(op, case))
    })
    .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(
        sent,
        [
            None,
            Some("page-2-token".to_owned()),
            Some("page-3-token".to_owned())
        ]
    );
    let used: u32 = pages
        .iter()
        .flat_map(|p| &p.instance_usages)
        .filter_map(|u| u.used_instance_count)
        .sum();
    assert_eq!(used, 50 + 30 + 100 + 60 + 150 + 90);
}

#[test]
fn coverage_pages_stop_at_the_page_cap() {
    let op = "ce_get_reservation_coverage";
    let result = collect_pages::<ce::GetReservationCoverageInput, _>(2, |token| {
        let case = match token {
            None => "page1",
            Some("coverage-page-2") => "page2",
            Some(_) => "page3",
        };
        ce::parse_get_reservation_coverage(&fixture_response(op, case))
    });
    assert!(
        matches!(result, Err(PagedError::Pagination(_))),
        "{result:?}"
    );
    let all = collect_pages::<ce::GetReservationCoverageInput, _>(3, |token| {
        let case = match token {
            None => "page1",
            Some("coverage-page-2") => "page2",
            Some(_) => "page3",
        };
        ce::parse_get_reservation_coverage(&fixture_response(op, case))
    })
    .unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[2].total.is_some());
}
