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
