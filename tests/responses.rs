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
use lens_core::aws::error::{AwsError, BadResponse, ErrorKind, Problem};
use lens_core::aws::http::HttpResponse;
use lens_core::aws::operation::Paged;
use lens_core::aws::paginate::{collect_pages, PagedError};
use lens_core::aws::{ce, cloudwatch, ec2};
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
    #[allow(clippy::disallowed_methods)] // a test: std's sort as the oracle, no wasm to keep small
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

/// The problem a fixture's meta file expects (`expected_problem`): a body botocore reads without
/// complaint (it checks neither figures nor required members) and the core refuses.
fn expected_problem(meta: &Value) -> Option<Problem> {
    let want = meta.get("expected_problem")?;
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    Some(if let Some(member) = want.get("MissingMember") {
        Problem::MissingMember(text(member))
    } else if let Some(n) = want.get("NotANumber") {
        Problem::NotANumber {
            field: text(&n["field"]),
            text: text(&n["text"]),
        }
    } else {
        panic!("unknown expected_problem {want}")
    })
}

/// Runs every fixture of `op`; returns how many were compared.
fn check_operation(op: &str) -> usize {
    let all = cases(op);
    for case in &all {
        let expected = &case.botocore["output"];
        let result = compare::parse(op, &case.response, Amounts::Text);
        if let Some(problem) = expected_problem(&case.meta) {
            match result {
                Err(AwsError::BadResponse(BadResponse {
                    http_status,
                    problem: got,
                })) => {
                    assert_eq!(got, problem, "{}", case.name);
                    assert_eq!(http_status, case.response.status, "{}", case.name);
                }
                other => panic!("{}: expected {problem:?}, got {other:?}", case.name),
            }
            continue;
        }
        if case.response.status < 300 && case.meta.get("expected_kind").is_some() {
            // An error envelope with a 2xx status: botocore reads an empty answer.
            let err = match result {
                Err(AwsError::Service(e)) => e,
                other => panic!("{}: expected a service error, got {other:?}", case.name),
            };
            assert_eq!(err.code, case.meta["expected_code"], "{}: code", case.name);
            assert_eq!(
                err.message, case.meta["expected_message"],
                "{}: message",
                case.name
            );
            assert_eq!(
                err.request_id.as_deref(),
                expected["ResponseMetadata"]["RequestId"].as_str(),
                "{}: request id",
                case.name
            );
            let kind = case.meta["expected_kind"].as_str().unwrap();
            assert_eq!(err.kind, kind_named(kind), "{}: kind", case.name);
            continue;
        }
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
fn ec2_get_capacity_manager_attributes_matches_botocore() {
    assert!(check_operation("ec2_get_capacity_manager_attributes") >= 8);
}

#[test]
fn ec2_get_capacity_manager_metric_data_matches_botocore() {
    assert!(check_operation("ec2_get_capacity_manager_metric_data") >= 11);
}

#[test]
fn ec2_get_capacity_manager_metric_dimensions_matches_botocore() {
    assert!(check_operation("ec2_get_capacity_manager_metric_dimensions") >= 8);
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
fn ce_get_reservation_utilization_matches_botocore() {
    assert!(check_operation("ce_get_reservation_utilization") >= 15);
}

#[test]
fn ce_get_savings_plans_coverage_matches_botocore() {
    assert!(check_operation("ce_get_savings_plans_coverage") >= 15);
}

#[test]
fn ce_get_savings_plans_utilization_matches_botocore() {
    assert!(check_operation("ce_get_savings_plans_utilization") >= 15);
}

#[test]
fn cw_get_metric_data_matches_botocore() {
    assert!(check_operation("cw_get_metric_data") >= 20);
}

#[test]
fn metric_data_pages_are_followed_by_next_token() {
    let pages = follow::<cloudwatch::GetMetricDataInput>(
        "cw_get_metric_data",
        &[(None, "page1"), (Some("cw-page-2"), "page2")],
    );
    let stamps: Vec<i64> = pages
        .iter()
        .flat_map(|p| &p.metric_data_results)
        .flat_map(|r| r.timestamps.iter().copied())
        .collect();
    assert_eq!(stamps, [1772409300, 1772409000, 1772408700]);
    assert_eq!(
        pages[0].metric_data_results[0].status_code,
        Some(cloudwatch::StatusCode::PartialData)
    );
}

/// Fractional epoch seconds are rounded down; an unknown status is kept as AWS wrote it; the
/// body-only parser reads the same answers.
#[test]
fn metric_data_members_land_in_their_fields() {
    let at = |case: &str| {
        let resp = fixture_response("cw_get_metric_data", case);
        let page = cloudwatch::parse_get_metric_data(resp.body.as_bytes()).unwrap();
        assert_eq!(
            page,
            cloudwatch::parse_get_metric_data_response(&resp).unwrap()
        );
        page
    };
    let r = &at("fractional_timestamps").metric_data_results[0];
    assert_eq!(
        r.timestamps,
        [1772323200, 1772323201, 1772323260, 1772323200]
    );
    assert_eq!(r.values, [1.0, 2.5, -0.0, 1e300]);
    let r = &at("unknown_status").metric_data_results[0];
    assert_eq!(
        r.status_code,
        Some(cloudwatch::StatusCode::Other("Paused".into()))
    );
    let page = at("all_members");
    assert_eq!(page.next_token.as_deref(), Some("cw-page-2+/="));
    assert_eq!(
        page.messages[0].code.as_deref(),
        Some("MaxQueryTimeRangeExceed")
    );
    assert_eq!(page.metric_data_results[0].values[1], 0.1);
    assert!(matches!(
        cloudwatch::parse_get_metric_data(b"\xff"),
        Err(AwsError::BadResponse(_))
    ));
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
        "ec2_get_capacity_manager_attributes",
        "ec2_get_capacity_manager_metric_data",
        "ec2_get_capacity_manager_metric_dimensions",
        "ce_get_reservation_coverage",
        "ce_get_dimension_values",
        "ce_get_reservation_utilization",
        "ce_get_savings_plans_coverage",
        "ce_get_savings_plans_utilization",
        "sts_get_caller_identity",
        "cw_get_metric_data",
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
    assert_eq!(members, (241, 241), "output members covered / total");
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
    let pages = follow::<ec2::GetCapacityReservationUsageInput>(
        "ec2_get_capacity_reservation_usage",
        &[
            (None, "page1"),
            (Some("page-2-token"), "page2"),
            (Some("page-3-token"), "page3"),
        ],
    );
    assert_eq!(pages.len(), 3);
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

/// Follows `op`'s fixture pages with `collect_pages`: `pages` names the case that answers each
/// token, in the order the tokens must be sent (the first page's is none).
fn follow<I: Paged>(op: &str, pages: &[(Option<&str>, &str)]) -> Vec<I::Output> {
    let mut sent = Vec::new();
    let answers = collect_pages::<I, _>(10, |token| {
        sent.push(token.map(str::to_owned));
        let (_, case) = pages
            .iter()
            .find(|(t, _)| *t == token)
            .unwrap_or_else(|| panic!("{op}: unexpected token {token:?}"));
        I::parse(&fixture_response(op, case))
    })
    .unwrap();
    let want: Vec<_> = pages.iter().map(|(t, _)| t.map(str::to_owned)).collect();
    assert_eq!(sent, want, "{op}: tokens sent");
    answers
}

#[test]
fn commitment_pages_are_followed_by_their_own_tokens() {
    let pages = follow::<ce::GetReservationUtilizationInput>(
        "ce_get_reservation_utilization",
        &[(None, "page1"), (Some("ri-utilization-page-2"), "page2")],
    );
    let values: Vec<_> = pages
        .iter()
        .flat_map(|p| &p.utilizations_by_time)
        .flat_map(|u| &u.groups)
        .map(|g| g.value.as_deref().unwrap())
        .collect();
    assert_eq!(values, ["1", "2"]);
    assert!(pages[1].total.is_some());

    let pages = follow::<ce::GetSavingsPlansCoverageInput>(
        "ce_get_savings_plans_coverage",
        &[(None, "page1"), (Some("sp-coverage-page-2"), "page2")],
    );
    let regions: Vec<_> = pages
        .iter()
        .flat_map(|p| &p.savings_plans_coverages)
        .map(|c| c.attributes.get("REGION").unwrap())
        .collect();
    assert_eq!(regions, ["us-east-1", "eu-west-1"]);
}

/// Each member's figure as AWS sent it and as botocore's Python reads it, through the typed
/// fields (the comparison above goes through `figures()`; this pins the fields to the names).
#[test]
fn commitment_figures_land_in_their_fields() {
    let all = cases("ce_get_reservation_utilization");
    let case = all
        .iter()
        .find(|c| c.name.ends_with("/all_members"))
        .unwrap();
    let page = ce::parse_get_reservation_utilization(&case.response).unwrap();
    let group = &page.utilizations_by_time[0].groups[1];
    let u = group.utilization.as_ref().unwrap();
    let numbers = &case.botocore["numbers"];
    let at = |member: &str| {
        numbers[format!("UtilizationsByTime[0].Groups[1].Utilization.{member}")]
            .as_f64()
            .unwrap()
    };
    for (member, field) in [
        ("UtilizationPercentage", &u.utilization_percentage),
        (
            "UtilizationPercentageInUnits",
            &u.utilization_percentage_in_units,
        ),
        ("PurchasedHours", &u.purchased_hours),
        ("PurchasedUnits", &u.purchased_units),
        ("TotalActualHours", &u.total_actual_hours),
        ("TotalActualUnits", &u.total_actual_units),
        ("UnusedHours", &u.unused_hours),
        ("UnusedUnits", &u.unused_units),
        (
            "OnDemandCostOfRIHoursUsed",
            &u.on_demand_cost_of_ri_hours_used,
        ),
        ("NetRISavings", &u.net_ri_savings),
        ("TotalPotentialRISavings", &u.total_potential_ri_savings),
        ("AmortizedUpfrontFee", &u.amortized_upfront_fee),
        ("AmortizedRecurringFee", &u.amortized_recurring_fee),
        ("TotalAmortizedFee", &u.total_amortized_fee),
        ("RICostForUnusedHours", &u.ri_cost_for_unused_hours),
        ("RealizedSavings", &u.realized_savings),
        ("UnrealizedSavings", &u.unrealized_savings),
    ] {
        assert_eq!(field.as_ref().unwrap().value, at(member), "{member}");
    }
    assert_eq!(u.figures().count(), 17);
    assert_eq!(group.key.as_deref(), Some("SUBSCRIPTION_ID"));

    let all = cases("ce_get_savings_plans_utilization");
    let case = all
        .iter()
        .find(|c| c.name.ends_with("/all_members"))
        .unwrap();
    let answer = ce::parse_get_savings_plans_utilization(&case.response).unwrap();
    let numbers = &case.botocore["numbers"];
    let at = |path: &str| numbers[path].as_f64().unwrap();
    let total = &answer.total;
    let u = total.utilization.as_ref().unwrap();
    let s = total.savings.as_ref().unwrap();
    let a = total.amortized_commitment.as_ref().unwrap();
    for (path, field) in [
        ("Total.Utilization.TotalCommitment", &u.total_commitment),
        ("Total.Utilization.UsedCommitment", &u.used_commitment),
        ("Total.Utilization.UnusedCommitment", &u.unused_commitment),
        (
            "Total.Utilization.UtilizationPercentage",
            &u.utilization_percentage,
        ),
        ("Total.Savings.NetSavings", &s.net_savings),
        (
            "Total.Savings.OnDemandCostEquivalent",
            &s.on_demand_cost_equivalent,
        ),
        (
            "Total.AmortizedCommitment.AmortizedRecurringCommitment",
            &a.amortized_recurring_commitment,
        ),
        (
            "Total.AmortizedCommitment.AmortizedUpfrontCommitment",
            &a.amortized_upfront_commitment,
        ),
        (
            "Total.AmortizedCommitment.TotalAmortizedCommitment",
            &a.total_amortized_commitment,
        ),
    ] {
        assert_eq!(field.as_ref().unwrap().value, at(path), "{path}");
    }

    let all = cases("ce_get_savings_plans_coverage");
    let case = all
        .iter()
        .find(|c| c.name.ends_with("/all_members"))
        .unwrap();
    let page = ce::parse_get_savings_plans_coverage(&case.response).unwrap();
    let numbers = &case.botocore["numbers"];
    let d = page.savings_plans_coverages[0].coverage.as_ref().unwrap();
    for (member, field) in [
        (
            "SpendCoveredBySavingsPlans",
            &d.spend_covered_by_savings_plans,
        ),
        ("OnDemandCost", &d.on_demand_cost),
        ("TotalCost", &d.total_cost),
        ("CoveragePercentage", &d.coverage_percentage),
    ] {
        let want = numbers[format!("SavingsPlansCoverages[0].Coverage.{member}")]
            .as_f64()
            .unwrap();
        assert_eq!(field.as_ref().unwrap().value, want, "{member}");
    }
}

#[test]
fn capacity_manager_pages_are_followed_to_the_end() {
    let pages = follow::<ec2::GetCapacityManagerMetricDataInput>(
        "ec2_get_capacity_manager_metric_data",
        &[(None, "page1"), (Some("cm-data-page-2"), "page2")],
    );
    let regions: Vec<_> = pages
        .iter()
        .flat_map(|p| &p.results)
        .map(|r| r.dimension.resource_region.as_deref().unwrap())
        .collect();
    assert_eq!(regions, ["eu-west-1", "us-east-1"]);
    let pages = follow::<ec2::GetCapacityManagerMetricDimensionsInput>(
        "ec2_get_capacity_manager_metric_dimensions",
        &[(None, "page1"), (Some("cm-dims-page-2"), "page2")],
    );
    let families: Vec<_> = pages
        .iter()
        .flat_map(|p| &p.dimensions)
        .map(|d| d.instance_family.as_deref().unwrap())
        .collect();
    assert_eq!(families, ["m5", "c6g"]);
}

/// A metric value that is not a number is refused with its path (botocore's `float()` would
/// raise, so no fixture can hold one).
#[test]
fn capacity_manager_value_that_is_not_a_number_is_refused() {
    let body = "<GetCapacityManagerMetricDataResponse><metricDataResultSet><item>\
        <metricValueSet><item><metric>reservation-total-count</metric><value>1</value></item>\
        <item><metric>reservation-avg-utilization-inst</metric><value>n/a</value></item>\
        </metricValueSet></item></metricDataResultSet></GetCapacityManagerMetricDataResponse>";
    let resp = HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: body.into(),
    };
    match ec2::parse_get_capacity_manager_metric_data(&resp) {
        Err(AwsError::BadResponse(BadResponse { problem, .. })) => assert_eq!(
            problem,
            Problem::NotANumber {
                field: "MetricDataResults[0].MetricValues[1].Value".into(),
                text: "n/a".into()
            }
        ),
        other => panic!("{other:?}"),
    }
}
