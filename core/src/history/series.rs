//! CloudWatch's answers as series, and what people read off them: average and lowest
//! utilization, unused instance-hours, idle and underused reservations, a reservation's usage
//! over time with its start, end and size changes marked.

use std::collections::BTreeMap;

use crate::aws::cloudwatch::{MetricDataPage, StatusCode};

use super::range::Window;

/// One metric's points, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Epoch seconds, ascending, each once.
    pub timestamps: Vec<i64>,
    pub values: Vec<f64>,
    /// What CloudWatch said about the series (e.g. `Forbidden`, `InternalError`), if not
    /// `Complete`/`PartialData` on its last page, with its messages.
    pub problem: Option<String>,
}

/// Every series of `pages` (one call's pages, in order) by query id: pages continue each
/// other's series; whatever order CloudWatch scanned in, points come out oldest first, and a
/// point sent twice is kept once.
pub fn collect(pages: &[MetricDataPage]) -> BTreeMap<String, Series> {
    // Per query id: its points and the first problem AWS reported for it.
    type Raw = (Vec<(i64, f64)>, Option<String>);
    let mut raw: BTreeMap<String, Raw> = BTreeMap::new();
    for page in pages {
        for result in &page.metric_data_results {
            let entry = raw.entry(result.id.clone()).or_default();
            entry.0.extend(
                result
                    .timestamps
                    .iter()
                    .copied()
                    .zip(result.values.iter().copied()),
            );
            entry.1 = match &result.status_code {
                Some(StatusCode::Complete | StatusCode::PartialData) | None => None,
                Some(other) => {
                    let code = match other {
                        StatusCode::InternalError => "InternalError".to_string(),
                        StatusCode::Forbidden => "Forbidden".to_string(),
                        StatusCode::Other(s) => s.clone(),
                        _ => unreachable!("handled above"),
                    };
                    let words: Vec<&str> = result
                        .messages
                        .iter()
                        .filter_map(|m| m.value.as_deref())
                        .collect();
                    Some(if words.is_empty() {
                        code
                    } else {
                        format!("{code}: {}", words.join("; "))
                    })
                }
            };
        }
    }
    // Inserted one by one, not `collect`ed: a map collected from an iterator sorts its
    // entries first, one more copy of the stable sort in the wasm (BENCHMARKS.md).
    let mut out = BTreeMap::new();
    for (id, (mut points, problem)) in raw {
        crate::sort::sort_by_key(&mut points, &|p| p.0);
        points.dedup_by_key(|p| p.0);
        let (timestamps, values) = points.into_iter().unzip();
        out.insert(
            id,
            Series {
                timestamps,
                values,
                problem,
            },
        );
    }
    out
}

/// How a reservation did over the list's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    /// Nothing used at any point of the window.
    Idle,
    /// Average utilization under the threshold.
    Underused,
    /// At or above the threshold.
    Used,
    /// CloudWatch has no point in the window (not yet started, ended before, or no metrics).
    NoData,
}

impl Flag {
    /// The cell's word.
    pub fn text(self) -> &'static str {
        match self {
            Flag::Idle => "Idle",
            Flag::Underused => "Underused",
            Flag::Used => "",
            Flag::NoData => "No data",
        }
    }
}

/// One reservation's figures over the list's window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListFigures {
    /// Mean of the period averages of `InstanceUtilization`, in percent.
    pub average: Option<f64>,
    /// The lowest period average, in percent.
    pub minimum: Option<f64>,
    /// Σ (1 − utilization) × instances × hours per point, at the reservation's size today.
    pub unused_hours: Option<f64>,
    /// Points with data.
    pub points: usize,
    pub flag: Flag,
}

/// What `series` (utilization in percent) says of a reservation of `instances` instances,
/// flagged against `threshold` percent.
pub fn list_figures(
    series: Option<&Series>,
    instances: Option<u32>,
    window: &Window,
    threshold: f64,
) -> ListFigures {
    let values = series.map(|s| s.values.as_slice()).unwrap_or_default();
    if values.is_empty() {
        return ListFigures {
            average: None,
            minimum: None,
            unused_hours: None,
            points: 0,
            flag: Flag::NoData,
        };
    }
    let n = values.len() as f64;
    let average = values.iter().sum::<f64>() / n;
    let minimum = values.iter().copied().fold(f64::INFINITY, f64::min);
    let maximum = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let unused_hours = instances.map(|total| {
        values
            .iter()
            .map(|u| (1.0 - u.clamp(0.0, 100.0) / 100.0) * f64::from(total))
            .sum::<f64>()
            * window.hours_per_point()
    });
    let flag = if maximum <= 0.0 {
        Flag::Idle
    } else if average < threshold {
        Flag::Underused
    } else {
        Flag::Used
    };
    ListFigures {
        average: Some(average),
        minimum: Some(minimum),
        unused_hours,
        points: values.len(),
        flag,
    }
}

/// One point of a reservation's usage over time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DetailPoint {
    /// Epoch seconds, the start of the period.
    pub t: i64,
    /// Average instances in use.
    pub used: Option<f64>,
    /// Average instances reserved.
    pub total: Option<f64>,
    /// AWS's `InstanceUtilization`, percent.
    pub utilization: Option<f64>,
}

/// Something that happened to the reservation in the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Epoch seconds.
    pub t: i64,
    pub text: String,
}

/// One reservation's usage over a window.
#[derive(Clone, Debug, PartialEq)]
pub struct UsageHistory {
    pub window: Window,
    pub points: Vec<DetailPoint>,
    /// Σ (total − used) × hours per point.
    pub unused_hours: f64,
    /// Σ total × hours per point.
    pub reserved_hours: f64,
    /// Σ used / Σ total of the points with both, percent (the mean of AWS's percentages when
    /// the counts are missing).
    pub average_utilization: Option<f64>,
    pub markers: Vec<Marker>,
    /// Series CloudWatch did not answer in full, with its words.
    pub problems: Vec<String>,
}

/// When the reservation started and ended, as far as the list knows (epoch seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lifetime {
    pub start: Option<i64>,
    pub end: Option<i64>,
}

/// The detail's three series as one history, with the reservation's start and end marked and
/// every change of its size (total instances) called out.
pub fn usage_history(
    window: Window,
    series: &BTreeMap<String, Series>,
    lifetime: Lifetime,
) -> UsageHistory {
    use super::query::{TOTAL, USED, UTILIZATION};
    let empty = Series::default();
    let get = |id: &str| series.get(id).unwrap_or(&empty);
    let (used, total, utilization) = (get(USED), get(TOTAL), get(UTILIZATION));
    let mut times: Vec<i64> = used
        .timestamps
        .iter()
        .chain(&total.timestamps)
        .chain(&utilization.timestamps)
        .copied()
        .collect();
    crate::sort::sort(&mut times);
    times.dedup();
    let at = |s: &Series, t: i64| s.timestamps.binary_search(&t).ok().map(|i| s.values[i]);
    let points: Vec<DetailPoint> = times
        .iter()
        .map(|&t| DetailPoint {
            t,
            used: at(used, t),
            total: at(total, t),
            utilization: at(utilization, t),
        })
        .collect();
    let hours = window.hours_per_point();
    let reserved_hours = points.iter().filter_map(|p| p.total).sum::<f64>() * hours;
    let unused_hours = points
        .iter()
        .filter_map(|p| Some((p.total? - p.used?).max(0.0)))
        .sum::<f64>()
        * hours;
    // Instance-hours used over instance-hours reserved (weighted by size, so a resize or a
    // partial first period counts for what it reserved); AWS's own percentages when the counts
    // are missing.
    let (used_sum, total_sum) = points
        .iter()
        .filter_map(|p| Some((p.used?, p.total?)))
        .fold((0.0, 0.0), |(u, t), (pu, pt)| (u + pu, t + pt));
    let utils: Vec<f64> = points.iter().filter_map(|p| p.utilization).collect();
    let average_utilization = if total_sum > 0.0 {
        Some(used_sum / total_sum * 100.0)
    } else {
        (!utils.is_empty()).then(|| utils.iter().sum::<f64>() / utils.len() as f64)
    };

    let mut markers = Vec::new();
    if let Some(start) = lifetime.start.filter(|s| window.contains(*s)) {
        markers.push(Marker {
            t: start,
            text: "Reservation started".into(),
        });
    }
    let mut size: Option<f64> = None;
    for p in &points {
        if let (Some(before), Some(now)) = (size, p.total) {
            if (before - now).abs() >= 0.5 {
                markers.push(Marker {
                    t: p.t,
                    text: format!(
                        "Size changed from {} to {} instances",
                        crate::numbers::quantity(before),
                        crate::numbers::quantity(now)
                    ),
                });
            }
        }
        if p.total.is_some() {
            size = p.total;
        }
    }
    if let Some(end) = lifetime.end.filter(|e| window.contains(*e)) {
        markers.push(Marker {
            t: end,
            text: "Reservation ended".into(),
        });
    }
    crate::sort::sort_by_key(&mut markers, &|m| m.t);
    let problems = [USED, TOTAL, UTILIZATION]
        .iter()
        .filter_map(|id| get(id).problem.clone())
        .collect();
    UsageHistory {
        window,
        points,
        unused_hours,
        reserved_hours,
        average_utilization,
        markers,
        problems,
    }
}

/// The history as CSV: one row a point, numbers as CloudWatch gave them.
pub fn history_csv(history: &UsageHistory) -> String {
    let cell = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    crate::csv::to_csv(
        &[
            "Period start (UTC)",
            "Used instances (average)",
            "Total instances (average)",
            "Utilization % (InstanceUtilization)",
        ],
        history.points.iter().map(|p| {
            [
                time_text(p.t),
                cell(p.used),
                cell(p.total),
                cell(p.utilization),
            ]
        }),
    )
}

/// `2026-12-03T14:00:00Z`.
pub fn time_text(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .map(crate::aws::datetime::rfc3339_utc)
        .unwrap_or_default()
}

/// Instance-hours as people read them: `1,234.5`.
pub fn hours_text(hours: f64) -> String {
    crate::numbers::quantity((hours * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::cloudwatch::{MessageData, MetricDataResult};
    use crate::history::range::list_window;
    use time::macros::datetime;

    fn result(id: &str, points: &[(i64, f64)], status: StatusCode) -> MetricDataResult {
        MetricDataResult {
            id: id.into(),
            label: None,
            timestamps: points.iter().map(|p| p.0).collect(),
            values: points.iter().map(|p| p.1).collect(),
            status_code: Some(status),
            messages: vec![],
        }
    }

    fn page(results: Vec<MetricDataResult>) -> MetricDataPage {
        MetricDataPage {
            metric_data_results: results,
            next_token: None,
            messages: vec![],
        }
    }

    #[test]
    fn pages_continue_series_in_any_scan_order() {
        let pages = [
            page(vec![result(
                "r0",
                &[(300, 2.0), (200, 1.0)],
                StatusCode::PartialData,
            )]),
            page(vec![
                result("r0", &[(100, 0.0), (200, 1.0)], StatusCode::Complete),
                result("r1", &[], StatusCode::Complete),
            ]),
        ];
        let series = collect(&pages);
        assert_eq!(series["r0"].timestamps, [100, 200, 300]);
        assert_eq!(series["r0"].values, [0.0, 1.0, 2.0]);
        assert!(series["r1"].timestamps.is_empty());
        assert_eq!(series["r0"].problem, None);
        let mut denied = result("r2", &[], StatusCode::Forbidden);
        denied.messages.push(MessageData {
            code: Some("Forbidden".into()),
            value: Some("Access to account 4444 denied".into()),
        });
        let series = collect(&[page(vec![denied])]);
        assert_eq!(
            series["r2"].problem.as_deref(),
            Some("Forbidden: Access to account 4444 denied")
        );
    }

    #[test]
    fn list_figures_flag_idle_and_underused() {
        let window = list_window(7, datetime!(2026-12-03 14:07 UTC));
        let s = |values: &[f64]| Series {
            timestamps: (0..values.len() as i64).collect(),
            values: values.to_vec(),
            problem: None,
        };
        let idle = list_figures(Some(&s(&[0.0, 0.0])), Some(4), &window, 20.0);
        assert_eq!(idle.flag, Flag::Idle);
        assert_eq!(idle.unused_hours, Some(8.0));
        let low = list_figures(Some(&s(&[10.0, 20.0, 15.0])), Some(10), &window, 20.0);
        assert_eq!(low.flag, Flag::Underused);
        assert_eq!(low.average, Some(15.0));
        assert_eq!(low.minimum, Some(10.0));
        assert_eq!(low.unused_hours, Some(9.0 + 8.0 + 8.5));
        let fine = list_figures(Some(&s(&[20.0])), None, &window, 20.0);
        assert_eq!((fine.flag, fine.unused_hours), (Flag::Used, None));
        let none = list_figures(None, Some(3), &window, 20.0);
        assert_eq!(
            (none.flag, none.points, none.average),
            (Flag::NoData, 0, None)
        );
        // A threshold of 50 % makes 20 % underused.
        assert_eq!(
            list_figures(Some(&s(&[20.0])), None, &window, 50.0).flag,
            Flag::Underused
        );
    }

    #[test]
    fn detail_sums_unused_hours_and_marks_changes() {
        let window = list_window(7, datetime!(2026-12-03 14:07 UTC));
        let t0 = window.start.unix_timestamp();
        let h = 3600;
        let mut series = BTreeMap::new();
        let s = |points: &[(i64, f64)]| Series {
            timestamps: points.iter().map(|p| p.0).collect(),
            values: points.iter().map(|p| p.1).collect(),
            problem: None,
        };
        series.insert(
            "used".to_string(),
            s(&[(t0 + h, 1.0), (t0 + 2 * h, 3.0), (t0 + 3 * h, 6.0)]),
        );
        series.insert(
            "total".to_string(),
            s(&[(t0 + h, 4.0), (t0 + 2 * h, 4.0), (t0 + 3 * h, 8.0)]),
        );
        series.insert(
            "utilization".to_string(),
            s(&[(t0 + h, 25.0), (t0 + 2 * h, 75.0), (t0 + 3 * h, 75.0)]),
        );
        let history = usage_history(
            window,
            &series,
            Lifetime {
                start: Some(t0 + h - 600),
                end: None,
            },
        );
        assert_eq!(history.points.len(), 3);
        assert_eq!(history.unused_hours, 3.0 + 1.0 + 2.0);
        assert_eq!(history.reserved_hours, 16.0);
        // Weighted by size: 10 of 16 instance-hours, not the mean of 25, 75 and 75 %.
        assert_eq!(history.average_utilization, Some(62.5));
        let texts: Vec<&str> = history.markers.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Reservation started", "Size changed from 4 to 8 instances"]
        );
        let csv = history_csv(&history);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("Period start (UTC),Used instances (average),Total instances (average),Utilization % (InstanceUtilization)")
        );
        assert_eq!(
            lines.next(),
            Some(format!("{},1,4,25", time_text(t0 + h)).as_str())
        );
    }
}
