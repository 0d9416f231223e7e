//! The CloudWatch queries of a history: one reservation's detail (three metrics, one call) and
//! the list's figures (one query a reservation, 500 a call, one region a call).

use crate::aws::cloudwatch::{
    Dimension, GetMetricDataInput, Metric, MetricDataQuery, MetricStat, ScanBy,
};

use super::range::Window;

/// The namespace EC2 publishes reservation metrics in.
pub const NAMESPACE: &str = "AWS/EC2CapacityReservations";
/// The dimension naming one reservation.
pub const DIMENSION: &str = "CapacityReservationId";
/// The most queries CloudWatch takes in one `GetMetricData` call.
pub const MAX_QUERIES: usize = 500;
/// Above this many metrics in one fetch the page asks first (CloudWatch bills USD 0.01 per
/// 1,000 metrics requested).
pub const ASK_ABOVE_METRICS: usize = 1000;

/// The detail's query ids.
pub const USED: &str = "used";
pub const TOTAL: &str = "total";
pub const UTILIZATION: &str = "utilization";

fn stat_query(id: String, reservation: &str, metric: &str, window: &Window) -> MetricDataQuery {
    MetricDataQuery {
        id,
        metric_stat: Some(MetricStat {
            metric: Metric {
                namespace: Some(NAMESPACE.into()),
                metric_name: Some(metric.into()),
                dimensions: vec![Dimension {
                    name: DIMENSION.into(),
                    value: reservation.into(),
                }],
            },
            period: window.period as i32,
            stat: "Average".into(),
            unit: None,
        }),
        expression: None,
        label: None,
        return_data: None,
        period: None,
        account_id: None,
    }
}

fn input(queries: Vec<MetricDataQuery>, window: &Window) -> GetMetricDataInput {
    GetMetricDataInput {
        metric_data_queries: queries,
        start_time: window.start,
        end_time: window.end,
        next_token: None,
        scan_by: Some(ScanBy::TimestampAscending),
        max_datapoints: None,
        label_options: None,
    }
}

/// One reservation over `window`: used and total instances and AWS's utilization, averages
/// per period (three metrics, one call; more pages only past 100,800 points).
pub fn detail_input(reservation: &str, window: &Window) -> GetMetricDataInput {
    input(
        vec![
            stat_query(USED.into(), reservation, "UsedInstanceCount", window),
            stat_query(TOTAL.into(), reservation, "TotalInstanceCount", window),
            stat_query(
                UTILIZATION.into(),
                reservation,
                "InstanceUtilization",
                window,
            ),
        ],
        window,
    )
}

/// The list's calls for one region: `InstanceUtilization` of each reservation (query `r<i>`
/// for `ids[i]` of that call), at most [`MAX_QUERIES`] a call.
#[derive(Clone, Debug, PartialEq)]
pub struct ListCall {
    pub region: String,
    /// The reservations, in query order.
    pub ids: Vec<String>,
    pub input: GetMetricDataInput,
}

/// The fewest calls that ask every reservation of `reservations` (region, id) for its
/// utilization over `window`: one per region per 500 reservations, regions in first-seen order.
pub fn list_calls<'a>(
    reservations: impl IntoIterator<Item = (&'a str, &'a str)>,
    window: &Window,
) -> Vec<ListCall> {
    let mut regions: Vec<(&str, Vec<&str>)> = Vec::new();
    for (region, id) in reservations {
        match regions.iter_mut().find(|(r, _)| *r == region) {
            Some((_, ids)) => {
                if !ids.contains(&id) {
                    ids.push(id)
                }
            }
            None => regions.push((region, vec![id])),
        }
    }
    let mut calls = Vec::new();
    for (region, ids) in regions {
        for chunk in ids.chunks(MAX_QUERIES) {
            let queries = chunk
                .iter()
                .enumerate()
                .map(|(i, id)| stat_query(format!("r{i}"), id, "InstanceUtilization", window))
                .collect();
            calls.push(ListCall {
                region: region.to_string(),
                ids: chunk.iter().map(|s| s.to_string()).collect(),
                input: input(queries, window),
            });
        }
    }
    calls
}

/// How many metrics a set of calls requests (what CloudWatch bills).
pub fn metrics_in(calls: &[ListCall]) -> usize {
    calls
        .iter()
        .map(|c| c.input.metric_data_queries.len())
        .sum()
}

/// `"600 metrics in 2 calls (CloudWatch bills about USD 0.01 per 1,000 metrics)"`.
pub fn metrics_text(metrics: usize, calls: usize) -> String {
    format!(
        "{} metric{} in {} call{} (CloudWatch bills USD 0.01 per 1,000 metrics requested)",
        crate::numbers::count(metrics as u64),
        if metrics == 1 { "" } else { "s" },
        crate::numbers::count(calls as u64),
        if calls == 1 { "" } else { "s" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::range::list_window;
    use time::macros::datetime;

    #[test]
    fn six_hundred_reservations_in_one_region_take_two_calls() {
        let ids: Vec<String> = (0..600).map(|i| format!("cr-{i:017x}")).collect();
        let mut list: Vec<(&str, &str)> = ids.iter().map(|id| ("us-east-1", id.as_str())).collect();
        list.push(("eu-west-1", "cr-00000000000000abc"));
        let window = list_window(7, datetime!(2026-12-03 14:07 UTC));
        let calls = list_calls(list.iter().copied(), &window);
        let sizes: Vec<(&str, usize)> = calls
            .iter()
            .map(|c| (c.region.as_str(), c.input.metric_data_queries.len()))
            .collect();
        assert_eq!(
            sizes,
            [("us-east-1", 500), ("us-east-1", 100), ("eu-west-1", 1)]
        );
        assert_eq!(metrics_in(&calls), 601);
        let q = &calls[1].input.metric_data_queries[99];
        assert_eq!(q.id, "r99");
        assert_eq!(calls[1].ids[99], ids[599]);
        let stat = q.metric_stat.as_ref().unwrap();
        assert_eq!(stat.metric.dimensions[0].value, ids[599]);
        assert_eq!((stat.period, stat.stat.as_str()), (3600, "Average"));
        assert!(crate::aws::cloudwatch::get_metric_data_body(&calls[0].input).is_ok());
    }

    #[test]
    fn the_detail_asks_three_metrics() {
        let window = list_window(30, datetime!(2026-12-03 14:07 UTC));
        let input = detail_input("cr-0123456789abcdef0", &window);
        let names: Vec<_> = input
            .metric_data_queries
            .iter()
            .map(|q| {
                q.metric_stat
                    .as_ref()
                    .unwrap()
                    .metric
                    .metric_name
                    .clone()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            names,
            [
                "UsedInstanceCount",
                "TotalInstanceCount",
                "InstanceUtilization"
            ]
        );
        assert_eq!(input.scan_by, Some(ScanBy::TimestampAscending));
        assert_eq!(
            metrics_text(600, 2),
            "600 metrics in 2 calls (CloudWatch bills USD 0.01 per 1,000 metrics requested)"
        );
    }
}
