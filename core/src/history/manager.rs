//! EC2 Capacity Manager: AWS's own aggregation of reservation usage across every region and,
//! with Organizations access, every member account, hourly, from one home region. When it is
//! enabled and has its data, the list's history and the across-accounts view come from it in a
//! handful of calls; when not, from CloudWatch, and the page says why. Reservation Lens never
//! enables it (it stays read-only).

use std::collections::BTreeMap;

use time::{Duration, OffsetDateTime};

use crate::aws::ec2::{
    CapacityManagerAttributes, CapacityManagerCondition, CapacityManagerDimension,
    CapacityManagerDimensionsPage, CapacityManagerMetricDataPage, CapacityManagerStatus,
    GetCapacityManagerMetricDataInput, GetCapacityManagerMetricDimensionsInput, IngestionStatus,
};

use super::range::{minute_text, Window};
use super::series::{Flag, ListFigures};

/// The most metrics one `GetCapacityManagerMetricData` call asks for (the API reference's
/// limit; the model allows more, AWS's documentation says 10).
pub const METRICS_PER_CALL: usize = 10;
/// Rows a page asks for.
pub const PAGE_ROWS: i32 = 1000;

pub const AVG_UTILIZATION: &str = "reservation-avg-utilization-inst";
pub const MIN_UTILIZATION: &str = "reservation-min-utilization";
pub const MAX_UTILIZATION: &str = "reservation-max-utilization";
pub const RESERVED_HOURS: &str = "reservation-total-capacity-hrs-inst";
pub const UNUSED_HOURS: &str = "reservation-unused-total-capacity-hrs-inst";
pub const UNUSED_COST: &str = "reservation-unused-total-estimated-cost";
pub const TOTAL_COST: &str = "reservation-total-estimated-cost";
pub const COUNT: &str = "reservation-total-count";

/// Where the figures come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// Capacity Manager in its home `region`; its data reaches `latest`.
    CapacityManager {
        region: String,
        organizations: bool,
        latest: Option<OffsetDateTime>,
    },
    /// CloudWatch, one call per region (and only the signed-in account), because `why`.
    CloudWatch { why: String },
}

impl Source {
    /// The sentence the page shows above the figures.
    pub fn text(&self) -> String {
        match self {
            Source::CapacityManager {
                region,
                organizations,
                latest,
            } => format!(
                "From EC2 Capacity Manager (home region {region}){}, hourly data{}.",
                if *organizations {
                    ", every account of the organization"
                } else {
                    ", this account only (Organizations access is off)"
                },
                latest
                    .map(|t| format!(" up to {} UTC", minute_text(t)))
                    .unwrap_or_default()
            ),
            Source::CloudWatch { why } => {
                format!("From CloudWatch (AWS/EC2CapacityReservations), this account only. {why}")
            }
        }
    }
}

/// What enabling Capacity Manager means, for a page that can't use it.
pub const ENABLE_HINT: &str = "Enabling EC2 Capacity Manager (EC2 console → Capacity Manager, or \
    aws ec2 enable-capacity-manager, in one home region) makes AWS aggregate every region, and with \
    Organizations access every member account, hourly at no charge; its first data takes a few hours. \
    Reservation Lens only reads it and never enables it.";

/// Which source `attributes` (asked in `region`) allows.
pub fn source(attributes: &CapacityManagerAttributes, region: &str) -> Source {
    let enabled = matches!(attributes.status, Some(CapacityManagerStatus::Enabled));
    if !enabled {
        return Source::CloudWatch {
            why: format!(
                "EC2 Capacity Manager is not enabled in {region} (if your account enabled it in \
                 another home region, pick that region). {ENABLE_HINT}"
            ),
        };
    }
    let message = attributes
        .ingestion_status_message
        .as_deref()
        .map(|m| format!(" AWS says: {m}"))
        .unwrap_or_default();
    match &attributes.ingestion_status {
        Some(IngestionStatus::InitialIngestionInProgress) => Source::CloudWatch {
            why: format!(
                "EC2 Capacity Manager in {region} is still ingesting its first data (this takes a \
                 few hours after it is enabled).{message}"
            ),
        },
        Some(IngestionStatus::IngestionFailed) => Source::CloudWatch {
            why: format!(
                "EC2 Capacity Manager in {region} reports that ingestion failed.{message}"
            ),
        },
        _ => Source::CapacityManager {
            region: region.to_string(),
            organizations: attributes.organizations_access.unwrap_or(false),
            latest: attributes.latest_datapoint,
        },
    }
}

/// `window` as Capacity Manager takes it: whole hours, ending no later than its latest data,
/// one bucket for the whole range.
pub fn manager_window(window: &Window, latest: Option<OffsetDateTime>) -> Window {
    let hour = |t: OffsetDateTime| {
        let s = t.unix_timestamp();
        OffsetDateTime::from_unix_timestamp(s - s.rem_euclid(3600))
            .unwrap_or_else(|_| unreachable!("a time rounded down stays in range"))
    };
    let mut end = hour(window.end);
    if let Some(latest) = latest {
        // The latest datapoint is the start of the last hour with data.
        end = end.min(hour(latest) + Duration::HOUR);
    }
    let start = hour(window.start).min(end - Duration::HOUR);
    let period = ((end - start).whole_seconds() as i32).max(3600);
    Window {
        start,
        end,
        period: period as u32,
    }
}

/// The calls for `metrics` grouped by `group_by` over `window` (one bucket), at most
/// [`METRICS_PER_CALL`] metrics a call; only `account`'s reservations when one is given.
pub fn metric_calls(
    metrics: &[&str],
    group_by: &[&str],
    window: &Window,
    account: Option<&str>,
) -> Vec<GetCapacityManagerMetricDataInput> {
    let filter_by: Vec<CapacityManagerCondition> = account
        .map(|id| CapacityManagerCondition {
            dimension: "account-id".into(),
            comparison: "equals".into(),
            values: vec![id.to_string()],
        })
        .into_iter()
        .collect();
    metrics
        .chunks(METRICS_PER_CALL)
        .map(|chunk| GetCapacityManagerMetricDataInput {
            metric_names: chunk.iter().map(|m| m.to_string()).collect(),
            start_time: window.start,
            end_time: window.end,
            period: window.period as i32,
            group_by: group_by.iter().map(|g| g.to_string()).collect(),
            filter_by: filter_by.clone(),
            max_results: Some(PAGE_ROWS),
            next_token: None,
            dry_run: None,
        })
        .collect()
}

/// The call that lists the accounts with reservation data in `window`
/// (`GetCapacityManagerMetricDimensions`), for the account picker.
pub fn accounts_input(window: &Window) -> GetCapacityManagerMetricDimensionsInput {
    let mut input = GetCapacityManagerMetricDimensionsInput::new(
        ACCOUNT_GROUPS.iter().map(|g| g.to_string()).collect(),
        window.start,
        window.end,
        vec![RESERVED_HOURS.to_string()],
    );
    input.max_results = Some(1000);
    input
}

/// The accounts of `pages` as (id, name), by name then id, each once.
pub fn account_choices<'a>(
    pages: impl IntoIterator<Item = &'a CapacityManagerDimensionsPage>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pages
        .into_iter()
        .flat_map(|p| &p.dimensions)
        .filter_map(|d| {
            let id = d.account_id.clone()?;
            Some((id, d.account_name.clone().unwrap_or_default()))
        })
        .collect();
    // The app's one sort (a `slice::sort_by` here would be a copy of its own: 3 KB of wasm).
    crate::sort::sort_by(&mut out, &|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The metrics of the across-accounts table.
pub const ACCOUNT_METRICS: [&str; 6] = [
    AVG_UTILIZATION,
    RESERVED_HOURS,
    UNUSED_HOURS,
    UNUSED_COST,
    TOTAL_COST,
    COUNT,
];
/// The metrics of the per-reservation table (and the list's history).
pub const RESERVATION_METRICS: [&str; 6] = [
    AVG_UTILIZATION,
    MIN_UTILIZATION,
    MAX_UTILIZATION,
    RESERVED_HOURS,
    UNUSED_HOURS,
    UNUSED_COST,
];
pub const ACCOUNT_GROUPS: [&str; 2] = ["account-id", "account-name"];
pub const RESERVATION_GROUPS: [&str; 5] = [
    "reservation-id",
    "account-id",
    "account-name",
    "resource-region",
    "instance-type",
];

/// One group's figures over the window (buckets combined: hours and costs summed, the lowest
/// and highest kept, utilization recomputed from the hours when both are there).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    pub dimension: CapacityManagerDimension,
    pub values: BTreeMap<String, f64>,
}

impl Group {
    /// A metric's value.
    pub fn get(&self, metric: &str) -> Option<f64> {
        self.values.get(metric).copied()
    }

    /// Average utilization, percent: from the hours when known, else AWS's figure.
    pub fn utilization(&self) -> Option<f64> {
        match (self.get(RESERVED_HOURS), self.get(UNUSED_HOURS)) {
            (Some(total), Some(unused)) if total > 0.0 => Some(100.0 * (total - unused) / total),
            _ => self.get(AVG_UTILIZATION),
        }
    }

    /// The list's figures for this group (one reservation), flagged against `threshold`.
    pub fn figures(&self, threshold: f64) -> ListFigures {
        let average = self.utilization();
        let flag = match (average, self.get(MAX_UTILIZATION)) {
            (None, _) => Flag::NoData,
            (_, Some(max)) if max <= 0.0 => Flag::Idle,
            (Some(a), None) if a <= 0.0 => Flag::Idle,
            (Some(a), _) if a < threshold => Flag::Underused,
            _ => Flag::Used,
        };
        ListFigures {
            average,
            minimum: self.get(MIN_UTILIZATION),
            unused_hours: self.get(UNUSED_HOURS),
            points: usize::from(average.is_some()),
            flag,
        }
    }
}

fn key(d: &CapacityManagerDimension) -> String {
    [
        &d.account_id,
        &d.account_name,
        &d.reservation_id,
        &d.resource_region,
        &d.instance_type,
        &d.availability_zone_id,
        &d.tenancy,
        &d.reservation_unused_financial_owner,
    ]
    .iter()
    .map(|v| v.as_deref().unwrap_or(""))
    .collect::<Vec<_>>()
    .join("\u{1f}")
}

/// Every group of `pages` (of one or more calls over the same groups), buckets combined.
pub fn groups<'a>(
    pages: impl IntoIterator<Item = &'a CapacityManagerMetricDataPage>,
) -> Vec<Group> {
    let mut out: BTreeMap<String, Group> = BTreeMap::new();
    for page in pages {
        for row in &page.results {
            let group = out.entry(key(&row.dimension)).or_insert_with(|| Group {
                dimension: row.dimension.clone(),
                values: BTreeMap::new(),
            });
            for v in &row.metric_values {
                let Some(value) = v.value else { continue };
                let metric = v.metric.as_str();
                let slot = group.values.entry(v.metric.clone());
                match slot {
                    std::collections::btree_map::Entry::Vacant(e) => {
                        e.insert(value);
                    }
                    std::collections::btree_map::Entry::Occupied(mut e) => {
                        let old = *e.get();
                        *e.get_mut() = match metric {
                            MIN_UTILIZATION => old.min(value),
                            MAX_UTILIZATION | COUNT => old.max(value),
                            // Averages of several buckets: recomputed from hours by
                            // `Group::utilization`; kept as the mean otherwise.
                            AVG_UTILIZATION => (old + value) / 2.0,
                            _ => old + value,
                        };
                    }
                }
            }
        }
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ec2::{CapacityManagerMetricRow, CapacityManagerMetricValue};
    use crate::history::range::list_window;
    use time::macros::datetime;

    fn attrs(
        status: CapacityManagerStatus,
        ingestion: IngestionStatus,
    ) -> CapacityManagerAttributes {
        CapacityManagerAttributes {
            request_id: None,
            status: Some(status),
            organizations_access: Some(true),
            data_export_count: Some(0),
            ingestion_status: Some(ingestion),
            ingestion_status_message: None,
            earliest_datapoint: None,
            latest_datapoint: Some(datetime!(2026-12-03 11:00 UTC)),
        }
    }

    #[test]
    fn the_source_follows_the_attributes() {
        let on = attrs(
            CapacityManagerStatus::Enabled,
            IngestionStatus::IngestionComplete,
        );
        let s = source(&on, "us-east-1");
        assert!(matches!(
            s,
            Source::CapacityManager {
                organizations: true,
                ..
            }
        ));
        assert_eq!(
            s.text(),
            "From EC2 Capacity Manager (home region us-east-1), every account of the organization, hourly data up to 2026-12-03 11:00 UTC."
        );
        let off = attrs(
            CapacityManagerStatus::Disabled,
            IngestionStatus::IngestionComplete,
        );
        let Source::CloudWatch { why } = source(&off, "eu-west-1") else {
            panic!()
        };
        assert!(why.starts_with("EC2 Capacity Manager is not enabled in eu-west-1"));
        assert!(why.contains("never enables it"));
        let busy = attrs(
            CapacityManagerStatus::Enabled,
            IngestionStatus::InitialIngestionInProgress,
        );
        let Source::CloudWatch { why } = source(&busy, "us-east-1") else {
            panic!()
        };
        assert!(why.contains("still ingesting"));
    }

    #[test]
    fn one_bucket_ends_at_the_latest_data_and_ten_metrics_a_call() {
        let window = list_window(7, datetime!(2026-12-03 14:07 UTC));
        let w = manager_window(&window, Some(datetime!(2026-12-03 11:00 UTC)));
        assert_eq!(w.end, datetime!(2026-12-03 12:00 UTC));
        assert_eq!(w.start, datetime!(2026-11-26 14:00 UTC));
        assert_eq!(i64::from(w.period), (w.end - w.start).whole_seconds());
        let metrics: Vec<&str> = crate::aws::ec2::CAPACITY_MANAGER_METRICS[..23].to_vec();
        let calls = metric_calls(&metrics, &ACCOUNT_GROUPS, &w, None);
        let sizes: Vec<usize> = calls.iter().map(|c| c.metric_names.len()).collect();
        assert_eq!(sizes, [10, 10, 3]);
        assert!(calls.iter().all(|c| c.filter_by.is_empty()));
        let one = metric_calls(&metrics[..3], &ACCOUNT_GROUPS, &w, Some("333344445555"));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].filter_by[0].dimension, "account-id");
        assert_eq!(one[0].filter_by[0].values, ["333344445555"]);
        assert!(
            crate::aws::ec2::get_capacity_manager_metric_data_body(&one[0])
                .unwrap()
                .contains("FilterBy.1.DimensionCondition.Value.1=333344445555")
        );
        assert!(crate::aws::ec2::get_capacity_manager_metric_data_body(&calls[0]).is_ok());
    }

    #[test]
    fn accounts_are_listed_once_by_name() {
        let dim = |id: &str, name: &str| CapacityManagerDimension {
            account_id: Some(id.into()),
            account_name: Some(name.into()),
            ..Default::default()
        };
        let page = |dimensions| CapacityManagerDimensionsPage {
            dimensions,
            next_token: None,
        };
        let pages = [
            page(vec![dim("222", "b-team"), dim("111", "a-team")]),
            page(vec![
                dim("222", "b-team"),
                CapacityManagerDimension::default(),
            ]),
        ];
        let expected = vec![
            ("111".to_string(), "a-team".to_string()),
            ("222".to_string(), "b-team".to_string()),
        ];
        assert_eq!(account_choices(&pages), expected);
        let w = manager_window(
            &list_window(7, datetime!(2026-12-03 14:07 UTC)),
            Some(datetime!(2026-12-03 11:00 UTC)),
        );
        let input = accounts_input(&w);
        assert_eq!(input.group_by, ["account-id", "account-name"]);
        assert!(crate::aws::ec2::get_capacity_manager_metric_dimensions_body(&input).is_ok());
    }

    #[test]
    fn groups_combine_buckets_and_calls() {
        let dim = |account: &str| CapacityManagerDimension {
            account_id: Some(account.into()),
            ..Default::default()
        };
        let row = |account: &str, values: &[(&str, f64)]| CapacityManagerMetricRow {
            dimension: dim(account),
            timestamp: None,
            metric_values: values
                .iter()
                .map(|(m, v)| CapacityManagerMetricValue {
                    metric: m.to_string(),
                    value: Some(*v),
                })
                .collect(),
        };
        let page = |rows| CapacityManagerMetricDataPage {
            results: rows,
            next_token: None,
        };
        let pages = [
            page(vec![
                row(
                    "111",
                    &[
                        (RESERVED_HOURS, 100.0),
                        (UNUSED_HOURS, 25.0),
                        (MAX_UTILIZATION, 90.0),
                    ],
                ),
                row(
                    "222",
                    &[
                        (RESERVED_HOURS, 10.0),
                        (UNUSED_HOURS, 10.0),
                        (MAX_UTILIZATION, 0.0),
                    ],
                ),
            ]),
            page(vec![row(
                "111",
                &[
                    (RESERVED_HOURS, 100.0),
                    (UNUSED_HOURS, 75.0),
                    (MIN_UTILIZATION, 5.0),
                ],
            )]),
        ];
        let groups = groups(&pages);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].get(RESERVED_HOURS), Some(200.0));
        assert_eq!(groups[0].utilization(), Some(50.0));
        assert_eq!(groups[0].figures(20.0).flag, Flag::Used);
        assert_eq!(groups[0].figures(60.0).flag, Flag::Underused);
        assert_eq!(groups[0].figures(20.0).minimum, Some(5.0));
        assert_eq!(groups[1].figures(20.0).flag, Flag::Idle);
    }
}
