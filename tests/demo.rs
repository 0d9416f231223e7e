//! Demo mode answers every operation through the same builders and parsers as real AWS, and
//! computes Cost Explorer's answers from the request.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, UNIX_EPOCH};

use lens_core::aws::ce::{
    self, Coverage, DateInterval, Dimension, Expression, GetDimensionValuesInput,
    GetReservationCoverageInput, Granularity, GroupDefinition, GroupDefinitionType,
    ReservationCoveragePage,
};
use lens_core::aws::ec2::{
    self, DescribeCapacityReservationsInput, GetCapacityReservationUsageInput,
};
use lens_core::aws::endpoint::{resolve, Service};
use lens_core::aws::error::ErrorKind;
use lens_core::aws::sts;
use lens_core::demo::{answer, demo_credentials, DEMO_ACCOUNT};

fn at() -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_000_000)
}

#[test]
fn identity_is_the_sample_account() {
    let ep = resolve(Service::Sts, "us-east-1", None).unwrap();
    let req = sts::get_caller_identity(&ep, &demo_credentials(), at()).unwrap();
    let id = sts::parse_get_caller_identity(&answer(&req)).unwrap();
    assert_eq!(id.account.as_deref(), Some(DEMO_ACCOUNT));
    assert!(id
        .arn
        .unwrap()
        .starts_with("arn:aws:sts::111122223333:assumed-role/"));
}

#[test]
fn reservations_list_and_usage_parse_and_agree() {
    let ep = resolve(Service::Ec2, "eu-west-1", None).unwrap();
    let req = ec2::describe_capacity_reservations(
        &DescribeCapacityReservationsInput::default(),
        &ep,
        &demo_credentials(),
        at(),
    )
    .unwrap();
    let page = ec2::parse_describe_capacity_reservations(&answer(&req)).unwrap();
    assert_eq!(page.capacity_reservations.len(), 6);
    let first = &page.capacity_reservations[0];
    assert_eq!(first.availability_zone.as_deref(), Some("eu-west-1a"));
    let id = first.capacity_reservation_id.clone().unwrap();

    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: id.clone(),
        max_results: Some(1000),
        ..Default::default()
    };
    let req = ec2::get_capacity_reservation_usage(&input, &ep, &demo_credentials(), at()).unwrap();
    let usage = ec2::parse_get_capacity_reservation_usage(&answer(&req)).unwrap();
    let used: i64 = usage
        .instance_usages
        .iter()
        .map(|u| i64::from(u.used_instance_count.unwrap_or(0)))
        .sum();
    let total = i64::from(usage.total_instance_count.unwrap());
    let available = i64::from(usage.available_instance_count.unwrap());
    assert_eq!(used, total - available);
    assert!(usage.instance_usages.len() > 1);
}

#[test]
fn unknown_reservation_and_dry_run_answer_as_ec2_does() {
    let ep = resolve(Service::Ec2, "us-east-1", None).unwrap();
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: "cr-0000000000000dead".into(),
        ..Default::default()
    };
    let req = ec2::get_capacity_reservation_usage(&input, &ep, &demo_credentials(), at()).unwrap();
    let err = ec2::parse_get_capacity_reservation_usage(&answer(&req)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: "cr-0a1b2c3d4e5f60001".into(),
        dry_run: Some(true),
        ..Default::default()
    };
    let req = ec2::get_capacity_reservation_usage(&input, &ep, &demo_credentials(), at()).unwrap();
    let err = ec2::parse_get_capacity_reservation_usage(&answer(&req)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DryRunAllowed);
}

fn ce_endpoint() -> lens_core::aws::endpoint::ResolvedEndpoint {
    resolve(Service::CostExplorer, "us-east-1", None).unwrap()
}

/// The sample's answer to `input` (signed at `at()`: "today" is 2026-11-18).
fn coverage(input: &GetReservationCoverageInput) -> Result<ReservationCoveragePage, String> {
    let req =
        ce::get_reservation_coverage(input, &ce_endpoint(), &demo_credentials(), at()).unwrap();
    ce::parse_get_reservation_coverage(&answer(&req)).map_err(|e| e.to_string())
}

fn query(start: &str, end: &str, granularity: Granularity) -> GetReservationCoverageInput {
    let mut input = GetReservationCoverageInput::new(DateInterval {
        start: start.into(),
        end: end.into(),
    });
    input.granularity = Some(granularity);
    input
}

fn hours(c: &Option<Coverage>) -> (f64, f64) {
    let h = c.as_ref().unwrap().coverage_hours.as_ref().unwrap();
    (
        h.reserved_hours.as_ref().unwrap().value,
        h.total_running_hours.as_ref().unwrap().value,
    )
}

#[test]
fn daily_coverage_follows_the_period_up_to_the_day_it_is_asked() {
    let page = coverage(&query("2026-11-01", "2026-12-01", Granularity::Daily)).unwrap();
    // Signed on 2026-11-18: no data after that day, as Cost Explorer.
    assert_eq!(page.coverages_by_time.len(), 18);
    let first = page.coverages_by_time[0].time_period.as_ref().unwrap();
    assert_eq!(
        (first.start.as_str(), first.end.as_str()),
        ("2026-11-01", "2026-11-02")
    );
    let last = page.coverages_by_time[17].time_period.as_ref().unwrap();
    assert_eq!(last.end, "2026-11-19");
    // The grand total is the sum of the days.
    let sum: f64 = page
        .coverages_by_time
        .iter()
        .map(|p| hours(&p.total).1)
        .sum();
    assert!((sum - hours(&page.total).1).abs() < 1e-6);
    // Another period gives other numbers (the old sample answered one fixed month).
    let other = coverage(&query("2026-10-01", "2026-10-19", Granularity::Daily)).unwrap();
    assert_eq!(other.coverages_by_time.len(), 18);
    assert_ne!(hours(&other.total), hours(&page.total));
}

#[test]
fn six_whole_months_monthly_split_by_instance_type() {
    let mut input = GetReservationCoverageInput::new(DateInterval {
        start: "2026-05-01".into(),
        end: "2026-11-01".into(),
    });
    input.group_by = Some(vec![GroupDefinition {
        r#type: Some(GroupDefinitionType::Dimension),
        key: Some("INSTANCE_TYPE".into()),
    }]);
    let page = coverage(&input).unwrap();
    assert_eq!(page.coverages_by_time.len(), 6);
    for (month, p) in page.coverages_by_time.iter().enumerate() {
        let tp = p.time_period.as_ref().unwrap();
        assert_eq!(tp.start, format!("2026-{:02}-01", month + 5));
        let types: Vec<&str> = p
            .groups
            .iter()
            .map(|g| g.attributes.get("instanceType").unwrap())
            .collect();
        assert!(types.len() >= 5, "{types:?}");
        assert!(types.contains(&"m6i.xlarge"));
        // The new team's workload began 2026-10-09: in October's group only.
        assert_eq!(types.contains(&"m7g.2xlarge"), month == 5, "{types:?}");
        // Amazon EC2 only without a SERVICE filter, as Cost Explorer.
        assert!(types
            .iter()
            .all(|t| !t.starts_with("db.") && !t.starts_with("cache.")));
    }
    // One type's own query (how the app splits over time) is that type's group.
    let mut one = query("2026-05-01", "2026-11-01", Granularity::Monthly);
    one.filter = Some(Expression::dimension(
        Dimension::InstanceType,
        ["m6i.xlarge"],
    ));
    let alone = coverage(&one).unwrap();
    let group = page.coverages_by_time[2]
        .groups
        .iter()
        .find(|g| g.attributes.get("instanceType") == Some("m6i.xlarge"))
        .unwrap();
    assert_eq!(
        hours(&group.coverage),
        hours(&alone.coverages_by_time[2].total)
    );
}

#[test]
fn a_service_filter_changes_the_numbers() {
    let base = query("2026-10-01", "2026-11-01", Granularity::Monthly);
    let ec2_only = coverage(&base).unwrap();
    let mut rds = base.clone();
    rds.filter = Some(Expression::dimension(
        Dimension::Service,
        ["Amazon Relational Database Service"],
    ));
    let rds = coverage(&rds).unwrap();
    assert!(hours(&rds.total).1 > 0.0);
    assert_ne!(hours(&rds.total), hours(&ec2_only.total));
    let mut ec2 = base.clone();
    ec2.filter = Some(Expression::dimension(
        Dimension::Service,
        ["Amazon Elastic Compute Cloud - Compute"],
    ));
    assert_eq!(
        hours(&coverage(&ec2).unwrap().total),
        hours(&ec2_only.total)
    );
    // A tag filter narrows it too.
    let mut team = base.clone();
    team.filter = Some(Expression::tag("team", ["data"]));
    let team = hours(&coverage(&team).unwrap().total).1;
    assert!(team > 0.0 && team < hours(&ec2_only.total).1);
}

#[test]
fn tag_groups_name_the_untagged() {
    let mut input = GetReservationCoverageInput::new(DateInterval {
        start: "2026-11-01".into(),
        end: "2026-11-08".into(),
    });
    input.group_by = Some(vec![GroupDefinition {
        r#type: Some(GroupDefinitionType::Tag),
        key: Some("team".into()),
    }]);
    let page = coverage(&input).unwrap();
    let values: Vec<&str> = page.coverages_by_time[0]
        .groups
        .iter()
        .map(|g| g.attributes.get("team").unwrap())
        .collect();
    assert!(values.contains(&"team$"), "{values:?}");
    assert!(values.contains(&"team$platform"), "{values:?}");
}

#[test]
fn weekends_run_less_and_the_purchase_lifts_coverage() {
    let mut input = query("2026-08-01", "2026-11-19", Granularity::Daily);
    input.filter = Some(Expression::dimension(
        Dimension::InstanceType,
        ["m6i.xlarge"],
    ));
    let page = coverage(&input).unwrap();
    let day = |date: &str| {
        let p = page
            .coverages_by_time
            .iter()
            .find(|p| p.time_period.as_ref().unwrap().start == date)
            .unwrap();
        hours(&p.total)
    };
    // 2026-11-14 is a Saturday, 2026-11-11 a Wednesday.
    assert!(day("2026-11-14").1 < day("2026-11-11").1 * 0.8);
    // Bought 75 days before 2026-11-18 (2026-09-04): more reserved hours after than before.
    assert!(day("2026-09-09").0 > day("2026-08-26").0 + 200.0);
}

#[test]
fn pages_follow_max_results_and_tokens() {
    let mut input = query("2026-11-01", "2026-12-01", Granularity::Daily);
    input.max_results = Some(5);
    let mut days = Vec::new();
    let mut pages = 0;
    loop {
        let page = coverage(&input).unwrap();
        pages += 1;
        days.extend(
            page.coverages_by_time
                .iter()
                .map(|p| p.time_period.clone().unwrap().start),
        );
        match page.next_page_token {
            Some(t) => input.next_page_token = Some(t),
            None => break,
        }
    }
    assert_eq!((pages, days.len()), (4, 18));
    input.next_page_token = Some("not-a-token".into());
    let err = coverage(&input).unwrap_err();
    assert!(err.contains("InvalidNextTokenException"), "{err}");
}

#[test]
fn dimension_values_come_from_the_same_model() {
    let ask_in = |(start, end): (&str, &str), dimension: Dimension, search: Option<&str>| {
        let mut input = GetDimensionValuesInput::new(
            DateInterval {
                start: start.into(),
                end: end.into(),
            },
            dimension,
        );
        input.context = Some(ce::Context::Reservations);
        input.search_string = search.map(str::to_owned);
        let req =
            ce::get_dimension_values(&input, &ce_endpoint(), &demo_credentials(), at()).unwrap();
        ce::parse_get_dimension_values(&answer(&req))
    };
    let ask = |dimension, search| ask_in(("2026-11-01", "2026-11-19"), dimension, search).unwrap();
    let types = ask(Dimension::InstanceType, None);
    assert_eq!(
        types.dimension_values.len(),
        8,
        "Amazon EC2's instance types"
    );
    // The values follow the period: the workload begun on 2026-10-09 is not in May's, a period
    // after today has none, and a period that is not one is refused as Cost Explorer does.
    let names = |page: ce::DimensionValuesPage| -> Vec<String> {
        page.dimension_values
            .into_iter()
            .filter_map(|v| v.value)
            .collect()
    };
    let may = names(ask_in(("2026-05-01", "2026-06-01"), Dimension::InstanceType, None).unwrap());
    assert_eq!(may.len(), 7, "{may:?}");
    assert!(!may.iter().any(|v| v == "m7g.2xlarge"), "{may:?}");
    let october =
        names(ask_in(("2026-10-01", "2026-11-01"), Dimension::InstanceType, None).unwrap());
    assert!(october.iter().any(|v| v == "m7g.2xlarge"), "{october:?}");
    let teams = |period| names(ask_in(period, Dimension::LinkedAccount, None).unwrap()).len();
    assert_eq!(teams(("2026-12-01", "2027-01-01")), 0);
    let refused = ask_in(("2026-11-19", "2026-11-01"), Dimension::InstanceType, None).unwrap_err();
    assert_eq!(
        refused.as_service().map(|e| e.code.as_str()),
        Some("ValidationException"),
        "{refused:?}"
    );
    assert_eq!(
        ask(Dimension::InstanceType, Some("M6"))
            .dimension_values
            .len(),
        1
    );
    assert_eq!(ask(Dimension::Service, None).dimension_values.len(), 3);
    let accounts = ask(Dimension::LinkedAccount, None);
    assert!(accounts
        .dimension_values
        .iter()
        .all(|v| v.attributes.get("description").is_some()));
}

fn reservations_in(region: &str) -> Vec<ec2::CapacityReservation> {
    let ep = resolve(Service::Ec2, region, None).unwrap();
    let req = ec2::describe_capacity_reservations(
        &DescribeCapacityReservationsInput::default(),
        &ep,
        &demo_credentials(),
        at(),
    )
    .unwrap();
    ec2::parse_describe_capacity_reservations(&answer(&req))
        .unwrap()
        .capacity_reservations
}

fn usage_of(region: &str, id: &str) -> ec2::CapacityReservationUsage {
    let ep = resolve(Service::Ec2, region, None).unwrap();
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: id.into(),
        max_results: Some(1000),
        ..Default::default()
    };
    let req = ec2::get_capacity_reservation_usage(&input, &ep, &demo_credentials(), at()).unwrap();
    ec2::parse_get_capacity_reservation_usage(&answer(&req)).unwrap()
}

#[test]
fn three_regions_hold_every_state() {
    let mut states = Vec::new();
    for region in ["us-east-1", "eu-west-1", "ap-southeast-2"] {
        let list = reservations_in(region);
        assert!(!list.is_empty(), "{region}");
        assert!(list
            .iter()
            .all(|r| r.availability_zone.as_deref().unwrap().starts_with(region)));
        states.extend(list.iter().map(|r| r.state.clone().unwrap()));
    }
    for known in ec2::CapacityReservationState::KNOWN {
        assert!(
            states.iter().any(|s| s.as_str() == *known),
            "no sample reservation is {known}"
        );
    }
    assert!(reservations_in("sa-east-1").is_empty());
}

#[test]
fn a_reservation_shared_with_hundreds_of_accounts_and_an_interruptible_pair() {
    let shared = usage_of("us-east-1", "cr-0a1b2c3d4e5f60007");
    assert_eq!(shared.instance_usages.len(), 320);
    let used: u32 = shared
        .instance_usages
        .iter()
        .map(|u| u.used_instance_count.unwrap())
        .sum();
    assert_eq!(
        used,
        shared.total_instance_count.unwrap() - shared.available_instance_count.unwrap()
    );

    let list = reservations_in("us-east-1");
    let source = list
        .iter()
        .find(|r| r.capacity_reservation_id.as_deref() == Some("cr-0a1b2c3d4e5f60008"))
        .unwrap();
    let lent = source.interruptible_capacity_allocation.as_ref().unwrap();
    assert_eq!(
        lent.interruptible_capacity_reservation_id.as_deref(),
        Some("cr-0a1b2c3d4e5f60009")
    );
    let interruptible = usage_of("us-east-1", "cr-0a1b2c3d4e5f60009");
    assert_eq!(interruptible.interruptible, Some(true));
    assert_eq!(
        interruptible
            .interruption_info
            .unwrap()
            .source_capacity_reservation_id
            .as_deref(),
        Some("cr-0a1b2c3d4e5f60008")
    );
}

// Reservation utilization and Savings Plans: the answers are read as JSON (their parsers are
// not in this tree yet), every member checked, the parts against the wholes and the views
// against each other.

/// The sample's answer to Cost Explorer's `operation` with `body` (signed at `at()`).
fn ce_json(operation: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
    let req = lens_core::aws::operation::sign_body(
        Service::CostExplorer,
        operation,
        body.to_string(),
        &ce_endpoint(),
        &demo_credentials(),
        at(),
    )
    .unwrap();
    let resp = answer(&req);
    let json = serde_json::from_str(&resp.body).unwrap_or_else(|e| panic!("{e}: {}", resp.body));
    (resp.status, json)
}

/// The successful answer to `operation`.
fn ce_ok(operation: &str, body: serde_json::Value) -> serde_json::Value {
    let (status, json) = ce_json(operation, body);
    assert_eq!(status, 200, "{json}");
    json
}

/// Asserts that `operation` refuses `body` as Cost Explorer does.
fn refused(operation: &str, body: serde_json::Value) {
    let (status, json) = ce_json(operation, body.clone());
    assert_eq!(status, 400, "{body} -> {json}");
    assert_eq!(
        json["__type"], "com.amazon.costexplorer#ValidationException",
        "{body} -> {json}"
    );
    assert!(!json["Message"].as_str().unwrap().is_empty());
}

/// A member written as Cost Explorer writes numbers: a string (it must be there).
fn n(object: &serde_json::Value, member: &str) -> f64 {
    object[member]
        .as_str()
        .unwrap_or_else(|| panic!("no {member} in {object}"))
        .parse()
        .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn period(start: &str, end: &str) -> serde_json::Value {
    serde_json::json!({ "Start": start, "End": end })
}

fn starts(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["TimePeriod"]["Start"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts that ReservationAggregates `a` has every member and that they agree.
fn check_aggregates(a: &serde_json::Value) {
    let purchased = n(a, "PurchasedHours");
    let actual = n(a, "TotalActualHours");
    let fee = n(a, "TotalAmortizedFee");
    assert!(actual <= purchased + 1e-9, "{a}");
    assert!(close(n(a, "UnusedHours"), purchased - actual), "{a}");
    assert!(
        close(
            n(a, "UnusedUnits"),
            n(a, "PurchasedUnits") - n(a, "TotalActualUnits")
        ),
        "{a}"
    );
    if purchased > 0.0 {
        assert!(
            close(n(a, "UtilizationPercentage"), actual * 100.0 / purchased),
            "{a}"
        );
        assert!(
            close(
                n(a, "UtilizationPercentageInUnits"),
                n(a, "TotalActualUnits") * 100.0 / n(a, "PurchasedUnits")
            ),
            "{a}"
        );
    }
    assert!(
        close(
            fee,
            n(a, "AmortizedUpfrontFee") + n(a, "AmortizedRecurringFee")
        ),
        "{a}"
    );
    assert!(
        close(
            n(a, "NetRISavings"),
            n(a, "OnDemandCostOfRIHoursUsed") - fee
        ),
        "{a}"
    );
    assert!(
        close(
            n(a, "TotalPotentialRISavings"),
            n(a, "RealizedSavings") + n(a, "UnrealizedSavings")
        ),
        "{a}"
    );
    assert!(
        close(
            n(a, "NetRISavings"),
            n(a, "RealizedSavings") - n(a, "RICostForUnusedHours")
        ),
        "{a}"
    );
    assert_eq!(a.as_object().unwrap().len(), 17, "{a}");
}

#[test]
fn reservation_utilization_adds_up_and_matches_the_coverage() {
    let october = period("2026-10-01", "2026-11-01");
    let grouped = ce_ok(
        "GetReservationUtilization",
        serde_json::json!({
            "TimePeriod": october,
            "GroupBy": [{ "Type": "DIMENSION", "Key": "SUBSCRIPTION_ID" }],
        }),
    );
    let months = grouped["UtilizationsByTime"].as_array().unwrap();
    assert_eq!(months.len(), 1);
    let month = &months[0];
    check_aggregates(&month["Total"]);
    check_aggregates(&grouped["Total"]);
    let groups = month["Groups"].as_array().unwrap();
    assert!(groups.len() >= 5, "{groups:?}");
    let mut sum = 0.0;
    for g in groups {
        assert_eq!(g["Key"], "SUBSCRIPTION_ID");
        assert_eq!(g["Value"], g["Attributes"]["subscriptionId"]);
        for member in [
            "leaseId",
            "instanceType",
            "region",
            "scope",
            "subscriptionType",
        ] {
            assert!(g["Attributes"][member].is_string(), "{member}: {g}");
        }
        check_aggregates(&g["Utilization"]);
        sum += n(&g["Utilization"], "PurchasedHours");
    }
    assert!(close(sum, n(&month["Total"], "PurchasedHours")));
    // Most are well used; the m6i.xlarge reservation bought 75 days ago is not: used on
    // weekdays only, it is below an 80% target.
    let low: Vec<&serde_json::Value> = groups
        .iter()
        .filter(|g| n(&g["Utilization"], "UtilizationPercentage") < 80.0)
        .collect();
    assert_eq!(low.len(), 1, "{low:?}");
    assert_eq!(low[0]["Attributes"]["instanceType"], "m6i.xlarge");
    assert_eq!(low[0]["Attributes"]["scope"], "Region");
    assert!(n(&grouped["Total"], "UtilizationPercentage") > 80.0);

    // The hours the reservations used are the hours the coverage calls reserved.
    let used = |filter: Option<Expression>| {
        let mut body = serde_json::json!({ "TimePeriod": october, "Granularity": "MONTHLY" });
        let mut input = query("2026-10-01", "2026-11-01", Granularity::Monthly);
        if let Some(f) = filter {
            body["Filter"] = serde_json::to_value(&f).unwrap();
            input.filter = Some(f);
        }
        let utilization = ce_ok("GetReservationUtilization", body);
        let reserved = hours(&coverage(&input).unwrap().total).0;
        (n(&utilization["Total"], "TotalActualHours"), reserved)
    };
    let (all, reserved) = used(None);
    assert!(all > 0.0 && close(all, reserved), "{all} {reserved}");
    let (eu, reserved_eu) = used(Some(Expression::dimension(
        Dimension::Region,
        ["eu-west-1"],
    )));
    assert!(
        eu > 0.0 && eu < all && close(eu, reserved_eu),
        "{eu} {reserved_eu}"
    );
    let (rds, reserved_rds) = used(Some(Expression::dimension(
        Dimension::Service,
        ["Amazon Relational Database Service"],
    )));
    assert!(
        rds > 0.0 && close(rds, reserved_rds),
        "{rds} {reserved_rds}"
    );
}

#[test]
fn reservation_utilization_pages_filters_and_refusals() {
    const OP: &str = "GetReservationUtilization";
    let november = period("2026-11-01", "2026-12-01");
    // DAILY without Granularity or GroupBy, up to the day it is asked (2026-11-18).
    let daily = ce_ok(OP, serde_json::json!({ "TimePeriod": november }));
    let days = starts(&daily["UtilizationsByTime"]);
    assert_eq!(days.len(), 18);
    for p in daily["UtilizationsByTime"].as_array().unwrap() {
        check_aggregates(&p["Total"]);
        assert_eq!(p["Groups"], serde_json::json!([]));
    }
    // A weekend day (2026-11-14) uses less than a weekday (2026-11-11).
    let day = |date: &str| {
        let at = days.iter().position(|d| d == date).unwrap();
        n(
            &daily["UtilizationsByTime"][at]["Total"],
            "UtilizationPercentage",
        )
    };
    assert!(day("2026-11-14") < day("2026-11-11"));

    // Pages of periods, then pages of groups, reach all without overlap.
    let mut paged = Vec::new();
    let mut body = serde_json::json!({ "TimePeriod": november, "MaxResults": 5 });
    loop {
        let page = ce_ok(OP, body.clone());
        paged.extend(starts(&page["UtilizationsByTime"]));
        match page["NextPageToken"].as_str() {
            Some(t) => body["NextPageToken"] = t.into(),
            None => break,
        }
    }
    assert_eq!(paged, days);
    let six_months = period("2026-06-01", "2026-12-01");
    let by_ri = serde_json::json!([{ "Type": "DIMENSION", "Key": "SUBSCRIPTION_ID" }]);
    let groups_of = |answer: &serde_json::Value| -> Vec<(String, String)> {
        answer["UtilizationsByTime"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                let start = p["TimePeriod"]["Start"].as_str().unwrap().to_owned();
                p["Groups"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |g| (start.clone(), g["Value"].as_str().unwrap().to_owned()))
            })
            .collect()
    };
    let whole = groups_of(&ce_ok(
        OP,
        serde_json::json!({ "TimePeriod": six_months, "GroupBy": by_ri }),
    ));
    assert!(whole.len() > 30, "{}", whole.len());
    let mut paged = Vec::new();
    let mut body =
        serde_json::json!({ "TimePeriod": six_months, "GroupBy": by_ri, "MaxResults": 4 });
    let mut pages = 0;
    loop {
        let page = ce_ok(OP, body.clone());
        pages += 1;
        paged.extend(groups_of(&page));
        match page["NextPageToken"].as_str() {
            Some(t) => body["NextPageToken"] = t.into(),
            None => break,
        }
    }
    assert_eq!(paged, whole);
    assert_eq!(pages, whole.len().div_ceil(4));

    // Filters narrow the numbers; SCOPE and And are taken.
    let purchased = |filter: serde_json::Value| {
        let body = serde_json::json!({ "TimePeriod": november, "Granularity": "MONTHLY", "Filter": filter });
        n(&ce_ok(OP, body)["Total"], "PurchasedHours")
    };
    let all = purchased(serde_json::Value::Null);
    let regional =
        purchased(serde_json::json!({ "Dimensions": { "Key": "SCOPE", "Values": ["Region"] } }));
    let us_linux = purchased(serde_json::json!({ "And": [
        { "Dimensions": { "Key": "REGION", "Values": ["us-east-1"] } },
        { "Dimensions": { "Key": "PLATFORM", "Values": ["Linux/UNIX"] } },
    ] }));
    assert!(0.0 < regional && regional < all, "{regional} {all}");
    assert!(0.0 < us_linux && us_linux < all, "{us_linux} {all}");
    // Sorted by a member, descending.
    let sorted = ce_ok(
        OP,
        serde_json::json!({ "TimePeriod": period("2026-10-01", "2026-11-01"), "GroupBy": by_ri,
            "SortBy": { "Key": "UtilizationPercentage", "SortOrder": "DESCENDING" } }),
    );
    let percents: Vec<f64> = sorted["UtilizationsByTime"][0]["Groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| n(&g["Utilization"], "UtilizationPercentage"))
        .collect();
    assert!(percents.windows(2).all(|w| w[0] >= w[1]), "{percents:?}");

    let region = serde_json::json!({ "Dimensions": { "Key": "REGION", "Values": ["us-east-1"] } });
    for body in [
        serde_json::json!({ "TimePeriod": november, "Filter": { "Or": [region, region] } }),
        serde_json::json!({ "TimePeriod": november, "Filter": { "Not": region } }),
        serde_json::json!({ "TimePeriod": november, "Filter": { "And": [{ "And": [region] }] } }),
        serde_json::json!({ "TimePeriod": november, "Filter": { "Dimensions": { "Key": "USAGE_TYPE", "Values": ["x"] } } }),
        serde_json::json!({ "TimePeriod": november, "Filter": { "Tags": { "Key": "team", "Values": ["data"] } } }),
        serde_json::json!({ "TimePeriod": november, "GroupBy": by_ri, "Granularity": "DAILY" }),
        serde_json::json!({ "TimePeriod": november, "GroupBy": [{ "Type": "DIMENSION", "Key": "INSTANCE_TYPE" }] }),
        serde_json::json!({ "TimePeriod": november, "Granularity": "HOURLY" }),
        serde_json::json!({ "TimePeriod": november, "SortBy": { "Key": "Region" } }),
        // The request's words in the message are escaped.
        serde_json::json!({ "TimePeriod": november, "SortBy": { "Key": "a \"quoted\\ key" } }),
        serde_json::json!({ "TimePeriod": period("2026-11-19", "2026-11-01") }),
    ] {
        refused(OP, body);
    }
}

/// Asserts that SavingsPlansCoverageData `c` has every member and that they agree.
fn check_sp_coverage(c: &serde_json::Value) -> (f64, f64) {
    let covered = n(c, "SpendCoveredBySavingsPlans");
    let on_demand = n(c, "OnDemandCost");
    let total = n(c, "TotalCost");
    assert!(close(total, covered + on_demand), "{c}");
    if total > 0.0 {
        assert!(
            close(n(c, "CoveragePercentage"), covered * 100.0 / total),
            "{c}"
        );
    }
    (covered, on_demand)
}

#[test]
fn savings_plans_coverage_pages_a_year_and_agrees_with_the_rest() {
    const OP: &str = "GetSavingsPlansCoverage";
    // A year of days: 20 a page by default, by NextToken.
    let year = period("2025-11-19", "2026-11-19");
    let mut body = serde_json::json!({ "TimePeriod": year, "Granularity": "DAILY" });
    let (mut days, mut pages, mut covered) = (Vec::new(), 0, 0.0);
    loop {
        let page = ce_ok(OP, body.clone());
        assert!(page.get("NextPageToken").is_none());
        pages += 1;
        let entries = page["SavingsPlansCoverages"].as_array().unwrap();
        assert!(entries.len() <= 20);
        for e in entries {
            assert_eq!(e["Attributes"], serde_json::json!({}));
            covered += check_sp_coverage(&e["Coverage"]).0;
        }
        days.extend(starts(&page["SavingsPlansCoverages"]));
        match page["NextToken"].as_str() {
            Some(t) => body["NextToken"] = t.into(),
            None => break,
        }
    }
    assert_eq!((pages, days.len()), (19, 365));
    let mut unique = days.clone();
    unique.dedup();
    assert_eq!(unique, days);
    assert_eq!(
        (days[0].as_str(), days[364].as_str()),
        ("2025-11-19", "2026-11-18")
    );

    // The commitment the plans used is the spend they covered.
    let utilization = ce_ok(
        "GetSavingsPlansUtilization",
        serde_json::json!({ "TimePeriod": year, "Granularity": "MONTHLY" }),
    );
    let used = n(&utilization["Total"]["Utilization"], "UsedCommitment");
    assert!(covered > 0.0 && close(covered, used), "{covered} {used}");

    // What the plans left on demand, and what they covered at on-demand rates, is the on-demand
    // cost of the reservation coverage.
    let october = period("2026-10-01", "2026-11-01");
    let month = ce_ok(
        OP,
        serde_json::json!({ "TimePeriod": october, "Granularity": "MONTHLY" }),
    );
    let (covered, left) = check_sp_coverage(&month["SavingsPlansCoverages"][0]["Coverage"]);
    let sp = ce_ok(
        "GetSavingsPlansUtilization",
        serde_json::json!({ "TimePeriod": october, "Granularity": "MONTHLY" }),
    );
    assert!(close(
        covered,
        n(&sp["Total"]["Utilization"], "UsedCommitment")
    ));
    let equivalent = n(&sp["Total"]["Savings"], "OnDemandCostEquivalent");
    let ri = coverage(&query("2026-10-01", "2026-11-01", Granularity::Monthly)).unwrap();
    let ri_on_demand = ri
        .total
        .unwrap()
        .coverage_cost
        .unwrap()
        .on_demand_cost
        .unwrap()
        .value;
    assert!(
        close(left + equivalent, ri_on_demand),
        "{left} + {equivalent} vs {ri_on_demand}"
    );

    // Groups split each month's total; filters narrow it.
    let grouped = ce_ok(
        OP,
        serde_json::json!({ "TimePeriod": october,
            "GroupBy": [{ "Type": "DIMENSION", "Key": "INSTANCE_FAMILY" }] }),
    );
    let families = grouped["SavingsPlansCoverages"].as_array().unwrap();
    assert!(families.len() >= 5);
    let total: f64 = families
        .iter()
        .map(|e| n(&e["Coverage"], "TotalCost"))
        .sum();
    assert!(close(total, covered + left));
    assert!(families
        .iter()
        .all(|e| e["Attributes"]["instanceFamily"].is_string()));
    let m7g = families
        .iter()
        .find(|e| e["Attributes"]["instanceFamily"] == "m7g")
        .unwrap();
    assert!(
        n(&m7g["Coverage"], "CoveragePercentage")
            > n(
                &month["SavingsPlansCoverages"][0]["Coverage"],
                "CoveragePercentage"
            )
    );
    let total_of = |filter: serde_json::Value| {
        let body = serde_json::json!({ "TimePeriod": october, "Granularity": "MONTHLY", "Filter": filter });
        n(
            &ce_ok(OP, body)["SavingsPlansCoverages"][0]["Coverage"],
            "TotalCost",
        )
    };
    let eu =
        total_of(serde_json::json!({ "Dimensions": { "Key": "REGION", "Values": ["eu-west-1"] } }));
    let data = total_of(serde_json::json!({ "And": [
        { "Dimensions": { "Key": "LINKED_ACCOUNT", "Values": ["222233334444"] } },
        { "CostCategories": { "Key": "Team", "Values": ["data", "ml"] } },
    ] }));
    assert!(0.0 < eu && eu < total, "{eu} {total}");
    assert!(0.0 < data && data < total, "{data} {total}");

    let region = serde_json::json!({ "Dimensions": { "Key": "REGION", "Values": ["us-east-1"] } });
    for body in [
        serde_json::json!({ "TimePeriod": october, "Filter": { "Or": [region, region] } }),
        serde_json::json!({ "TimePeriod": october, "Filter": { "Not": region } }),
        serde_json::json!({ "TimePeriod": october, "Filter": { "Dimensions": { "Key": "INSTANCE_TYPE", "Values": ["m6i.xlarge"] } } }),
        serde_json::json!({ "TimePeriod": october, "Filter": { "Tags": { "Key": "team", "Values": ["data"] } } }),
        serde_json::json!({ "TimePeriod": october, "Granularity": "MONTHLY",
            "GroupBy": [{ "Type": "DIMENSION", "Key": "REGION" }] }),
        serde_json::json!({ "TimePeriod": october, "GroupBy": [{ "Type": "DIMENSION", "Key": "LINKED_ACCOUNT" }] }),
        serde_json::json!({ "TimePeriod": october, "Granularity": "HOURLY" }),
        serde_json::json!({ "TimePeriod": october, "Metrics": ["UnblendedCost"] }),
    ] {
        refused(OP, body);
    }
}

#[test]
fn savings_plans_utilization_adds_up_per_plan() {
    const OP: &str = "GetSavingsPlansUtilization";
    let check = |u: &serde_json::Value| {
        let utilization = &u["Utilization"];
        let total = n(utilization, "TotalCommitment");
        let used = n(utilization, "UsedCommitment");
        assert!(used <= total + 1e-9, "{u}");
        assert!(
            close(n(utilization, "UnusedCommitment"), total - used),
            "{u}"
        );
        if total > 0.0 {
            assert!(
                close(
                    n(utilization, "UtilizationPercentage"),
                    used * 100.0 / total
                ),
                "{u}"
            );
        }
        let amortized = &u["AmortizedCommitment"];
        assert!(close(
            n(amortized, "TotalAmortizedCommitment"),
            n(amortized, "AmortizedRecurringCommitment")
                + n(amortized, "AmortizedUpfrontCommitment")
        ));
        assert!(close(n(amortized, "TotalAmortizedCommitment"), total));
        let savings = &u["Savings"];
        assert!(close(
            n(savings, "NetSavings"),
            n(savings, "OnDemandCostEquivalent") - n(amortized, "TotalAmortizedCommitment")
        ));
        (total, used)
    };
    let november = period("2026-11-01", "2026-11-19");
    let ask = |filter: serde_json::Value| {
        let answer = ce_ok(
            OP,
            serde_json::json!({ "TimePeriod": november, "Granularity": "DAILY", "Filter": filter }),
        );
        assert!(answer.get("NextToken").is_none() && answer.get("NextPageToken").is_none());
        let by_day = answer["SavingsPlansUtilizationsByTime"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(by_day.len(), 18);
        let sum = by_day
            .iter()
            .map(check)
            .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
        let total = check(&answer["Total"]);
        assert!(close(sum.0, total.0) && close(sum.1, total.1));
        (total, by_day)
    };
    let ((all, all_used), _) = ask(serde_json::Value::Null);

    // Each plan's own numbers, by the ARNs GetDimensionValues offers.
    let values = |dimension: &str, period: serde_json::Value| -> Vec<String> {
        let answer = ce_ok(
            "GetDimensionValues",
            serde_json::json!({ "TimePeriod": period, "Dimension": dimension, "Context": "SAVINGS_PLANS" }),
        );
        assert_eq!(
            answer["TotalSize"],
            answer["DimensionValues"].as_array().unwrap().len()
        );
        answer["DimensionValues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["Value"].as_str().unwrap().to_owned())
            .collect()
    };
    let arns = values("SAVINGS_PLAN_ARN", november.clone());
    assert_eq!(arns.len(), 2, "{arns:?}");
    assert!(arns
        .iter()
        .all(|a| a.starts_with("arn:aws:savingsplans::") && a.contains(":savingsplan/")));
    let (mut total, mut used) = (0.0, 0.0);
    for arn in &arns {
        let ((t, u), _) = ask(
            serde_json::json!({ "Dimensions": { "Key": "SAVINGS_PLAN_ARN", "Values": [arn] } }),
        );
        assert!(0.0 < t && t < all);
        total += t;
        used += u;
    }
    assert!(close(total, all) && close(used, all_used));
    // The EC2 Instance Savings Plan, sized for the weekdays of m7g, is used less on weekends.
    let instance = serde_json::json!({ "And": [
        { "Dimensions": { "Key": "SAVINGS_PLANS_TYPE", "Values": ["EC2InstanceSavingsPlans"] } },
        { "Dimensions": { "Key": "INSTANCE_TYPE_FAMILY", "Values": ["m7g"] } },
    ] });
    let (_, by_day) = ask(instance);
    let percent = |i: usize| n(&by_day[i]["Utilization"], "UtilizationPercentage");
    // 2026-11-14 is a Saturday, 2026-11-11 a Wednesday.
    assert!(
        percent(13) < 80.0 && percent(10) > percent(13),
        "{} {}",
        percent(10),
        percent(13)
    );

    // The Savings Plans' dimensions.
    assert_eq!(
        values("SAVINGS_PLANS_TYPE", november.clone()),
        ["ComputeSavingsPlans", "EC2InstanceSavingsPlans"]
    );
    assert_eq!(
        values("PAYMENT_OPTION", november.clone()),
        ["All Upfront", "No Upfront"]
    );
    assert!(
        values("INSTANCE_TYPE_FAMILY", november.clone()).len() > 1,
        "the usage's families too"
    );
    assert!(values("INSTANCE_TYPE_FAMILY", november.clone()).contains(&"m7g".to_owned()));
    assert_eq!(values("REGION", november.clone()).len(), 3);
    assert_eq!(values("LINKED_ACCOUNT", november.clone()).len(), 3);
    // The EC2 Instance Savings Plan was bought 30 days before 2026-11-18.
    assert_eq!(
        values("SAVINGS_PLAN_ARN", period("2026-05-01", "2026-06-01")).len(),
        1
    );

    let arn =
        serde_json::json!({ "Dimensions": { "Key": "SAVINGS_PLAN_ARN", "Values": [arns[0]] } });
    for body in [
        serde_json::json!({ "TimePeriod": november, "Filter": { "Or": [arn, arn] } }),
        serde_json::json!({ "TimePeriod": november, "Filter": { "Not": arn } }),
        serde_json::json!({ "TimePeriod": november, "Filter": { "Dimensions": { "Key": "SERVICE", "Values": ["x"] } } }),
        serde_json::json!({ "TimePeriod": november, "Granularity": "HOURLY" }),
        serde_json::json!({ "TimePeriod": november, "SortBy": { "Key": "OnDemandCost" } }),
        serde_json::json!({ "TimePeriod": { "Start": "2026-11", "End": "2026-12" } }),
    ] {
        refused(OP, body);
    }
}

/// Each Commitments view's sample answer, through the same request builders, parsers and
/// tables as real AWS answers: every period of the last 30 days, every figure a number.
#[test]
fn every_commitments_view_parses_and_fills_its_table() {
    use lens_core::aws::operation::Operation;
    use lens_core::commitments::{
        ri_utilization_table, sp_coverage_table, sp_utilization_table, view_input, View, ViewInput,
    };
    let today = time::OffsetDateTime::from(at()).date();
    let ep = ce_endpoint();
    for view in View::ALL {
        let query = lens_core::coverage::CoverageQuery {
            view,
            ..Default::default()
        }
        .validate(today)
        .unwrap();
        let table = match view_input(&query, None).unwrap() {
            ViewInput::RiCoverage(_) => continue,
            ViewInput::RiUtilization(i) => {
                let req = i.request(&ep, &demo_credentials(), at()).unwrap();
                ri_utilization_table(
                    &[ce::parse_get_reservation_utilization(&answer(&req)).unwrap()],
                    None,
                )
            }
            ViewInput::SpCoverage(mut i) => {
                let mut pages = Vec::new();
                loop {
                    let req = i.request(&ep, &demo_credentials(), at()).unwrap();
                    let page = ce::parse_get_savings_plans_coverage(&answer(&req)).unwrap();
                    i.next_token = page.next_token.clone();
                    pages.push(page);
                    if i.next_token.is_none() {
                        break;
                    }
                }
                assert_eq!(pages.len(), 2, "30 days, 20 a page");
                sp_coverage_table(&pages, None)
            }
            ViewInput::SpUtilization(i) => {
                let req = i.request(&ep, &demo_credentials(), at()).unwrap();
                sp_utilization_table(
                    &ce::parse_get_savings_plans_utilization(&answer(&req)).unwrap(),
                    None,
                )
            }
        };
        assert_eq!(table.rows.len(), 30, "{view:?}");
        assert!(
            table
                .rows
                .iter()
                .all(|r| r.figures.iter().all(Option::is_some)),
            "{view:?}: every figure sent"
        );
        let percent = table.period_percent().unwrap();
        assert!(
            (0.0..=100.0).contains(&percent) && percent > 0.0,
            "{view:?}: {percent}"
        );
    }
}
