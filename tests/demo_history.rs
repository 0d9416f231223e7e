//! The sample account's history: CloudWatch's `GetMetricData` and EC2 Capacity Manager answer
//! from the request, through the same builders and parsers as AWS's answers.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lens_core::aws::cloudwatch::{
    Dimension, GetMetricDataInput, Metric, MetricDataPage, MetricDataQuery, MetricStat, ScanBy,
};
use lens_core::aws::ec2::{
    is_capacity_manager_disabled, CapacityManagerCondition, CapacityManagerMetricDataPage,
    CapacityManagerStatus, GetCapacityManagerAttributesInput, GetCapacityManagerMetricDataInput,
    GetCapacityManagerMetricDimensionsInput, IngestionStatus,
};
use lens_core::aws::endpoint::resolve;
use lens_core::aws::error::AwsError;
use lens_core::aws::operation::Operation;
use lens_core::demo::{answer, demo_credentials, DEMO_ACCOUNT, DEMO_CAPACITY_MANAGER_REGION};
use time::OffsetDateTime;

/// 2026-11-18T07:33:20Z.
const NOW: u64 = 1_795_000_000;

fn at() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

fn call<O: Operation>(input: &O, region: &str) -> Result<O::Output, AwsError> {
    let ep = resolve(O::SERVICE, region, None).unwrap();
    let req = input.request(&ep, &demo_credentials(), at()).unwrap();
    O::parse(&answer(&req))
}

fn t(s: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(s).unwrap()
}

fn hour_now() -> i64 {
    NOW as i64 / 3600 * 3600
}

fn query(id: &str, reservation: &str, metric: &str, period: i32, stat: &str) -> MetricDataQuery {
    MetricDataQuery {
        id: id.into(),
        metric_stat: Some(MetricStat {
            metric: Metric {
                namespace: Some("AWS/EC2CapacityReservations".into()),
                metric_name: Some(metric.into()),
                dimensions: vec![Dimension {
                    name: "CapacityReservationId".into(),
                    value: reservation.into(),
                }],
            },
            period,
            stat: stat.into(),
            unit: None,
        }),
        expression: None,
        label: None,
        return_data: None,
        period: None,
        account_id: None,
    }
}

fn metric_data(queries: Vec<MetricDataQuery>, start: i64, end: i64) -> MetricDataPage {
    let input = GetMetricDataInput {
        metric_data_queries: queries,
        start_time: t(start),
        end_time: t(end),
        next_token: None,
        scan_by: Some(ScanBy::TimestampAscending),
        max_datapoints: None,
        label_options: None,
    };
    call(&input, "us-east-1").unwrap()
}

#[test]
fn cloudwatch_answers_hourly_used_total_and_utilization_of_a_week() {
    let end = hour_now();
    let start = end - 7 * 86_400;
    let id = "cr-0a1b2c3d4e5f60001";
    let page = metric_data(
        vec![
            query("used", id, "UsedInstanceCount", 3600, "Average"),
            query("total", id, "TotalInstanceCount", 3600, "Average"),
            query("utilization", id, "InstanceUtilization", 3600, "Average"),
            query("low", id, "InstanceUtilization", 3600, "Minimum"),
        ],
        start,
        end,
    );
    assert_eq!(page.next_token, None);
    let [used, total, utilization, low] = &page.metric_data_results[..] else {
        panic!("four series: {page:?}")
    };
    assert_eq!(used.id, "used");
    assert_eq!(used.timestamps.len(), 168);
    assert_eq!(used.timestamps[0], start);
    assert!(used.timestamps.windows(2).all(|w| w[1] - w[0] == 3600));
    assert!(total.values.iter().all(|v| *v == 40.0));
    for i in 0..168 {
        let expected = used.values[i] / total.values[i] * 100.0;
        assert!((utilization.values[i] - expected).abs() < 1e-9);
        assert!(low.values[i] <= utilization.values[i]);
        assert!(used.values[i] > 0.0 && used.values[i] <= 40.0);
    }
    // Busier in the day than at night: the model is not flat.
    let max = used.values.iter().copied().fold(0.0, f64::max);
    let min = used.values.iter().copied().fold(f64::MAX, f64::min);
    assert!(max - min > 5.0, "{min}..{max}");
}

#[test]
fn idle_reservations_read_zero_and_unstarted_ones_have_no_data() {
    let end = hour_now();
    let page = metric_data(
        vec![
            // 12 reserved, none used.
            query(
                "idle",
                "cr-0a1b2c3d4e5f60002",
                "InstanceUtilization",
                3600,
                "Maximum",
            ),
            // Scheduled: CloudWatch has nothing yet.
            query(
                "later",
                "cr-0a1b2c3d4e5f60006",
                "UsedInstanceCount",
                3600,
                "Average",
            ),
            // In eu-west-1: not in this region's CloudWatch.
            query(
                "elsewhere",
                "cr-0b1c2d3e4f5a60010",
                "UsedInstanceCount",
                3600,
                "Average",
            ),
            // Expired on 2026-10-01: data before, none after.
            query(
                "gone",
                "cr-0a1b2c3d4e5f60005",
                "TotalInstanceCount",
                86_400,
                "Average",
            ),
        ],
        end - 90 * 86_400,
        end,
    );
    let r = &page.metric_data_results;
    assert!(!r[0].values.is_empty() && r[0].values.iter().all(|v| *v == 0.0));
    assert!(r[1].timestamps.is_empty());
    assert!(r[2].timestamps.is_empty());
    let expired = 1_790_812_800; // 2026-10-01T00:00:00Z
    assert!(!r[3].timestamps.is_empty());
    assert!(r[3].timestamps.iter().all(|t| *t < expired));
}

#[test]
fn descending_scans_reverse_and_math_is_refused() {
    let end = hour_now();
    let input = GetMetricDataInput {
        metric_data_queries: vec![query(
            "u",
            "cr-0a1b2c3d4e5f60001",
            "UsedInstanceCount",
            3600,
            "Sum",
        )],
        start_time: t(end - 86_400),
        end_time: t(end),
        next_token: None,
        scan_by: Some(ScanBy::TimestampDescending),
        max_datapoints: None,
        label_options: None,
    };
    let page = call(&input, "us-east-1").unwrap();
    let ts = &page.metric_data_results[0].timestamps;
    assert_eq!(ts.len(), 24);
    assert!(ts.windows(2).all(|w| w[0] > w[1]));
    // Sum of twelve 5-minute samples.
    assert!(page.metric_data_results[0].values[0] > 12.0);

    let mut math = input.clone();
    math.metric_data_queries.push(MetricDataQuery {
        id: "m".into(),
        metric_stat: None,
        expression: Some("u * 2".into()),
        label: None,
        return_data: None,
        period: None,
        account_id: None,
    });
    let e = call(&math, "us-east-1").unwrap_err();
    let e = e.as_service().unwrap();
    assert_eq!(e.code, "InvalidParameterValue");
    assert!(e.message.contains("no metric math"), "{}", e.message);
}

#[test]
fn capacity_manager_is_enabled_in_the_home_region_only() {
    let input = GetCapacityManagerAttributesInput::default();
    let home = call(&input, DEMO_CAPACITY_MANAGER_REGION).unwrap();
    assert_eq!(home.status, Some(CapacityManagerStatus::Enabled));
    assert_eq!(
        home.ingestion_status,
        Some(IngestionStatus::IngestionComplete)
    );
    assert_eq!(home.organizations_access, Some(true));
    let latest = home.latest_datapoint.unwrap().unix_timestamp();
    assert_eq!(latest, hour_now() - 3600);
    let other = call(&input, "eu-west-1").unwrap();
    assert_eq!(other.status, Some(CapacityManagerStatus::Disabled));

    let start = hour_now() - 7 * 86_400;
    let data = GetCapacityManagerMetricDataInput::new(
        vec!["reservation-avg-utilization-inst".into()],
        t(start),
        t(hour_now()),
        7 * 86_400,
    );
    let e = call(&data, "eu-west-1").unwrap_err();
    let e = e.as_service().unwrap();
    assert!(is_capacity_manager_disabled(&e.code), "{}", e.code);
}

fn manager(
    group_by: &[&str],
    metrics: &[&str],
    max_results: Option<i32>,
) -> Vec<CapacityManagerMetricDataPage> {
    let end = hour_now();
    let start = end - 7 * 86_400;
    let mut input = GetCapacityManagerMetricDataInput::new(
        metrics.iter().map(|m| m.to_string()).collect(),
        t(start),
        t(end),
        7 * 86_400,
    );
    input.group_by = group_by.iter().map(|g| g.to_string()).collect();
    input.max_results = max_results;
    let mut pages = Vec::new();
    loop {
        let page = call(&input, DEMO_CAPACITY_MANAGER_REGION).unwrap();
        input.next_token = page.next_token.clone();
        pages.push(page);
        if input.next_token.is_none() {
            return pages;
        }
    }
}

fn value(row: &lens_core::aws::ec2::CapacityManagerMetricRow, metric: &str) -> f64 {
    row.metric_values
        .iter()
        .find(|v| v.metric == metric)
        .and_then(|v| v.value)
        .unwrap()
}

#[test]
fn across_accounts_the_organization_adds_up() {
    let metrics = [
        "reservation-total-capacity-hrs-inst",
        "reservation-unused-total-capacity-hrs-inst",
        "reservation-avg-utilization-inst",
        "reservation-min-utilization",
        "reservation-max-utilization",
        "reservation-unused-total-estimated-cost",
    ];
    let pages = manager(&["account-id", "account-name"], &metrics, None);
    assert_eq!(pages.len(), 1);
    let rows = &pages[0].results;
    let accounts: Vec<&str> = rows
        .iter()
        .map(|r| r.dimension.account_id.as_deref().unwrap())
        .collect();
    assert_eq!(accounts, [DEMO_ACCOUNT, "444455556666", "777788889999"]);
    assert_eq!(
        rows[1].dimension.account_name.as_deref(),
        Some("analytics-prod")
    );
    for r in rows {
        let reserved = value(r, metrics[0]);
        let unused = value(r, metrics[1]);
        let avg = value(r, metrics[2]);
        assert!(reserved > 0.0 && unused >= 0.0 && unused <= reserved);
        assert!(((reserved - unused) / reserved * 100.0 - avg).abs() < 1e-9);
        assert!(value(r, metrics[3]) <= avg && avg <= value(r, metrics[4]));
        assert!(value(r, metrics[5]) > 0.0);
    }
    // Grouped by reservation, the same hours split up and add back to each account's.
    let by_reservation = manager(&["reservation-id", "account-id"], &metrics[..2], Some(5));
    assert!(by_reservation.len() > 1, "MaxResults 5 pages");
    let all: Vec<_> = by_reservation
        .iter()
        .flat_map(|p| p.results.iter())
        .collect();
    for account in &rows[..] {
        let id = account.dimension.account_id.as_deref();
        let sum: f64 = all
            .iter()
            .filter(|r| r.dimension.account_id.as_deref() == id)
            .map(|r| value(r, metrics[0]))
            .sum();
        assert!((sum - value(account, metrics[0])).abs() < 1e-6);
    }
}

#[test]
fn capacity_manager_filters_and_lists_dimensions() {
    let end = hour_now();
    let start = end - 86_400;
    let mut input = GetCapacityManagerMetricDataInput::new(
        vec!["reservation-total-count".into()],
        t(start),
        t(end),
        3600,
    );
    input.group_by = vec!["instance-type".into()];
    input.filter_by = vec![CapacityManagerCondition {
        dimension: "resource-region".into(),
        comparison: "equals".into(),
        values: vec!["eu-west-1".into()],
    }];
    let page = call(&input, DEMO_CAPACITY_MANAGER_REGION).unwrap();
    // Hourly buckets: a day of them, each with eu-west-1's instance types that have data.
    let stamps: std::collections::BTreeSet<i64> = page
        .results
        .iter()
        .map(|r| r.timestamp.unwrap().unix_timestamp())
        .collect();
    assert_eq!(stamps.len(), 24);
    let types: std::collections::BTreeSet<&str> = page
        .results
        .iter()
        .map(|r| r.dimension.instance_type.as_deref().unwrap())
        .collect();
    assert_eq!(
        types.into_iter().collect::<Vec<_>>(),
        ["m6i.xlarge", "r7i.2xlarge"]
    );

    let dims = GetCapacityManagerMetricDimensionsInput::new(
        vec!["account-id".into()],
        t(start),
        t(end),
        vec!["reservation-total-count".into()],
    );
    let page = call(&dims, DEMO_CAPACITY_MANAGER_REGION).unwrap();
    assert_eq!(page.dimensions.len(), 3);
}
