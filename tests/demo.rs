//! Demo mode answers every operation through the same builders and parsers as real AWS.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, UNIX_EPOCH};

use lens_core::aws::ce::{
    self, DateInterval, GetDimensionValuesInput, GetReservationCoverageInput,
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

#[test]
fn coverage_and_dimension_values_parse() {
    let ep = resolve(Service::CostExplorer, "us-east-1", None).unwrap();
    let period = DateInterval {
        start: "2026-11-01".into(),
        end: "2026-12-01".into(),
    };
    let req = ce::get_reservation_coverage(
        &GetReservationCoverageInput::new(period.clone()),
        &ep,
        &demo_credentials(),
        at(),
    )
    .unwrap();
    let coverage = ce::parse_get_reservation_coverage(&answer(&req)).unwrap();
    assert_eq!(coverage.coverages_by_time.len(), 30);
    let req = ce::get_dimension_values(
        &GetDimensionValuesInput::new(period, ce::Dimension::InstanceType),
        &ep,
        &demo_credentials(),
        at(),
    )
    .unwrap();
    let values = ce::parse_get_dimension_values(&answer(&req)).unwrap();
    assert_eq!(values.dimension_values.len(), 6);
}
