#![cfg(not(target_arch = "wasm32"))]
//! All-regions fan-out: plan order, and a merge that keeps failures per region.

use lens_core::aws::endpoint::REGIONS;
use lens_core::reservations::{FanOutPlan, RegionMerge};

#[test]
fn plan_orders_and_dedupes() {
    let plan = FanOutPlan::new(
        &[
            "us-east-1",
            "eu-west-1",
            " ",
            "us-east-1",
            "ap-south-1",
            "eu-west-1",
            "sa-east-1",
        ],
        2,
        Some("ap-south-1"),
    );
    assert_eq!(
        plan.order,
        ["ap-south-1", "us-east-1", "eu-west-1", "sa-east-1"]
    );
    assert_eq!(plan.position("eu-west-1"), Some(2));

    // A limit of 0 would never start anything: it means 1. A first region not in the list is ignored.
    let plan = FanOutPlan::new(&["a", "b", "c"], 0, Some("zz"));
    assert_eq!(plan.limit, 1);
    assert_eq!(plan.order, ["a", "b", "c"]);

    // Every known region, 4 at a time.
    let codes: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
    let plan = FanOutPlan::new(&codes, 4, None);
    assert_eq!(plan.order.len(), codes.len());
    assert!(FanOutPlan::new::<&str>(&[], 3, None).order.is_empty());
}

#[derive(Debug, PartialEq, Eq)]
enum Failure {
    Denied,
    NotEnabled,
}

#[test]
fn merge_keeps_errors_and_every_other_region() {
    let plan = FanOutPlan::new(
        &[
            "us-east-1",
            "eu-west-1",
            "ap-south-1",
            "me-south-1",
            "sa-east-1",
        ],
        3,
        None,
    );
    // Completion order differs from the plan.
    let results: Vec<(String, Result<Vec<&str>, Failure>)> = vec![
        ("ap-south-1".into(), Ok(vec!["cr-ap1"])),
        ("me-south-1".into(), Err(Failure::NotEnabled)),
        ("us-east-1".into(), Ok(vec!["cr-use1", "cr-use2"])),
        ("eu-west-1".into(), Err(Failure::Denied)),
        ("xx-extra-1".into(), Ok(vec!["cr-x"])),
    ];
    let merged: RegionMerge<&str, Failure> = plan.merge(results);
    assert_eq!(
        merged.rows,
        ["cr-use1", "cr-use2", "cr-ap1", "cr-x"],
        "plan order, rows kept in order"
    );
    assert_eq!(merged.succeeded, ["us-east-1", "ap-south-1", "xx-extra-1"]);
    assert_eq!(
        merged.failed,
        [
            ("eu-west-1".to_string(), Failure::Denied),
            ("me-south-1".to_string(), Failure::NotEnabled)
        ]
    );
    assert_eq!(merged.missing, ["sa-east-1"], "not answered yet");

    let all_ok =
        FanOutPlan::new(&["a"], 1, None).merge::<u8, String>(vec![("a".into(), Ok(vec![1, 2]))]);
    assert!(all_ok.failed.is_empty() && all_ok.missing.is_empty());
    assert_eq!(all_ok.rows, [1, 2]);
}
