//! Coverage answers → table rows, chart series and CSV.
//!
//! Rows keep AWS's exact text for every figure (tables and CSV show it unchanged); the parsed
//! values only feed charts, sums and colours.

use std::collections::HashMap;

use crate::aws::ce::{Amount, Coverage, ReservationCoveragePage};
use crate::csv::CsvTable;

use super::query::Metric;

/// One period (and group) of coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageRow {
    /// First day, as AWS wrote it.
    pub start: String,
    /// AWS's exclusive end.
    pub end: String,
    /// The group's value, when the query is split.
    pub group: Option<String>,
    /// Every figure AWS returned.
    pub coverage: Coverage,
}

/// The figures of one row as (column title, text), in table order.
pub const COLUMNS: [&str; 9] = [
    "Coverage % (hours)",
    "Reserved hours",
    "On-demand hours",
    "Total running hours",
    "Coverage % (normalized units)",
    "Reserved units",
    "On-demand units",
    "Total running units",
    "On-demand cost",
];

/// How each of [`COLUMNS`] reads for people.
pub const KINDS: [crate::numbers::Kind; 9] = {
    use crate::numbers::Kind::{Percent, Quantity, Usd};
    [
        Percent, Quantity, Quantity, Quantity, Percent, Quantity, Quantity, Quantity, Usd,
    ]
};

/// The texts of [`COLUMNS`] for `c` (empty where AWS sent nothing).
pub fn figures(c: &Coverage) -> [Option<&Amount>; 9] {
    let h = c.coverage_hours.as_ref();
    let u = c.coverage_normalized_units.as_ref();
    [
        h.and_then(|h| h.coverage_hours_percentage.as_ref()),
        h.and_then(|h| h.reserved_hours.as_ref()),
        h.and_then(|h| h.on_demand_hours.as_ref()),
        h.and_then(|h| h.total_running_hours.as_ref()),
        u.and_then(|u| u.coverage_normalized_units_percentage.as_ref()),
        u.and_then(|u| u.reserved_normalized_units.as_ref()),
        u.and_then(|u| u.on_demand_normalized_units.as_ref()),
        u.and_then(|u| u.total_running_normalized_units.as_ref()),
        c.coverage_cost
            .as_ref()
            .and_then(|c| c.on_demand_cost.as_ref()),
    ]
}

/// The value of one figure of `c` (0 when absent).
fn value(c: &Coverage, column: usize) -> f64 {
    figures(c)[column].map_or(0.0, |a| a.value)
}

/// Coverage in percent of running hours: AWS's own figure, or reserved / running when AWS
/// sent none; `None` when nothing ran.
pub fn hours_percent(c: &Coverage) -> Option<f64> {
    let total = value(c, 3);
    if total <= 0.0 {
        return None;
    }
    Some(figures(c)[0].map_or(value(c, 1) / total * 100.0, |a| a.value))
}

/// Where a coverage figure stands against the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// Nothing covered (or nothing ran).
    None,
    /// Some coverage, under the target.
    Below,
    /// At or above the target.
    Met,
}

impl Band {
    /// The CSS class for the cell.
    pub fn class(self) -> &'static str {
        match self {
            Band::None => "band-none",
            Band::Below => "band-below",
            Band::Met => "band-met",
        }
    }

    /// Words for screen readers and the cell's title.
    pub fn words(self) -> &'static str {
        match self {
            Band::None => "no coverage",
            Band::Below => "below target",
            Band::Met => "at or above target",
        }
    }
}

/// The band of `percent` against `target`.
pub fn band(percent: Option<f64>, target: f64) -> Band {
    match percent {
        None => Band::None,
        Some(p) if p <= 0.0 => Band::None,
        Some(p) if p + 1e-9 < target => Band::Below,
        Some(_) => Band::Met,
    }
}

/// Every period of `pages` (one query, all its pages) as rows, tagged with `group`; and the
/// response's `Total` (sent on the last page).
pub fn rows_from_pages(
    pages: &[ReservationCoveragePage],
    group: Option<&str>,
) -> (Vec<CoverageRow>, Option<Coverage>) {
    let mut rows = Vec::new();
    for page in pages {
        for period in &page.coverages_by_time {
            let (start, end) = period
                .time_period
                .as_ref()
                .map(|tp| (tp.start.clone(), tp.end.clone()))
                .unwrap_or_default();
            if period.groups.is_empty() {
                rows.push(CoverageRow {
                    start,
                    end,
                    group: group.map(str::to_owned),
                    coverage: period.total.clone().unwrap_or_default(),
                });
            } else {
                for g in &period.groups {
                    let name: Vec<&str> = g.attributes.iter().map(|(_, v)| v).collect();
                    rows.push(CoverageRow {
                        start: start.clone(),
                        end: end.clone(),
                        group: Some(name.join(" / ")),
                        coverage: g.coverage.clone().unwrap_or_default(),
                    });
                }
            }
        }
    }
    let total = pages.iter().rev().find_map(|p| p.total.clone());
    (rows, total)
}

/// One line of the coverage chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The group's value, "All usage", or "Others (n)".
    pub name: String,
    /// Whether this line sums the groups past the top ones (a group's own name may well
    /// start with "Others": a tag value is anything).
    pub others: bool,
    /// Coverage % per period start (`None`: nothing ran).
    pub points: Vec<(String, Option<f64>)>,
}

/// The stacked chart's numbers for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    /// Period start.
    pub start: String,
    /// Reserved (hours or units; 0 for cost, which coverage does not report).
    pub reserved: f64,
    /// On demand.
    pub on_demand: f64,
}

/// Sums of the figures needed for coverage and stacks.
#[derive(Clone, Copy, Default)]
struct Sums {
    reserved_hours: f64,
    total_hours: f64,
    reserved_units: f64,
    on_demand_units: f64,
    on_demand_hours: f64,
    on_demand_cost: f64,
}

impl Sums {
    fn add(&mut self, c: &Coverage) {
        self.reserved_hours += value(c, 1);
        self.on_demand_hours += value(c, 2);
        self.total_hours += value(c, 3);
        self.reserved_units += value(c, 5);
        self.on_demand_units += value(c, 6);
        self.on_demand_cost += value(c, 8);
    }

    fn percent(&self) -> Option<f64> {
        (self.total_hours > 0.0).then(|| self.reserved_hours / self.total_hours * 100.0)
    }
}

/// The periods of `rows`, in order of first appearance (AWS sends them in time order).
fn periods(rows: &[CoverageRow]) -> Vec<String> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        if seen.insert(r.start.as_str(), ()).is_none() {
            out.push(r.start.clone());
        }
    }
    out
}

/// Coverage lines: one per group for the `top` groups with the most running hours, the rest
/// summed into "Others" (hours re-added, not percentages averaged); "All usage" when unsplit.
pub fn coverage_series(rows: &[CoverageRow], top: usize) -> Vec<Series> {
    let periods = periods(rows);
    let mut by_group: HashMap<&str, HashMap<&str, Sums>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for r in rows {
        let g = r.group.as_deref().unwrap_or("All usage");
        let entry = by_group.entry(g).or_insert_with(|| {
            order.push(g);
            HashMap::new()
        });
        entry.entry(r.start.as_str()).or_default().add(&r.coverage);
    }
    let weight = |g: &str| -> f64 { by_group[g].values().map(|s| s.total_hours).sum() };
    crate::sort::sort_by(&mut order, &|a, b| {
        weight(b)
            .total_cmp(&weight(a))
            .then_with(|| crate::reservations::natural_cmp(a, b))
    });
    let line = |name: &str, others: bool, sums: &dyn Fn(&str) -> Option<Sums>| Series {
        name: name.to_owned(),
        others,
        points: periods
            .iter()
            .map(|p| (p.clone(), sums(p).and_then(|s| s.percent())))
            .collect(),
    };
    let mut out: Vec<Series> = order
        .iter()
        .take(top)
        .map(|g| line(g, false, &|p| by_group[g].get(p).copied()))
        .collect();
    if order.len() > top {
        let rest = &order[top..];
        out.push(line(&format!("Others ({})", rest.len()), true, &|p| {
            let mut total = Sums::default();
            let mut any = false;
            for g in rest {
                if let Some(s) = by_group[g].get(p) {
                    any = true;
                    total.reserved_hours += s.reserved_hours;
                    total.total_hours += s.total_hours;
                }
            }
            any.then_some(total)
        }));
    }
    out
}

/// Reserved vs on-demand per period, summed over groups, in `metric`.
pub fn stacks(rows: &[CoverageRow], metric: Metric) -> Vec<Stack> {
    let mut sums: HashMap<&str, Sums> = HashMap::new();
    for r in rows {
        sums.entry(r.start.as_str()).or_default().add(&r.coverage);
    }
    periods(rows)
        .into_iter()
        .map(|p| {
            let s = sums[p.as_str()];
            let (reserved, on_demand) = match metric {
                Metric::Hours => (s.reserved_hours, s.on_demand_hours),
                Metric::NormalizedUnits => (s.reserved_units, s.on_demand_units),
                Metric::Cost => (0.0, s.on_demand_cost),
            };
            Stack {
                start: p,
                reserved,
                on_demand,
            }
        })
        .collect()
}

/// The rows as CSV with AWS's exact strings (End as AWS's exclusive end).
pub fn coverage_csv(rows: &[CoverageRow], total: Option<&Coverage>) -> String {
    let mut header = vec!["Start", "End (exclusive)", "Group"];
    header.extend(COLUMNS);
    let mut csv = CsvTable::new(header);
    let mut push = |start: &str, end: &str, group: &str, c: &Coverage| {
        let mut cells = vec![start.to_owned(), end.to_owned(), group.to_owned()];
        cells.extend(
            figures(c)
                .iter()
                .map(|a| a.map(|a| a.text.to_string()).unwrap_or_default()),
        );
        csv.push_row(cells);
    };
    for r in rows {
        push(
            &r.start,
            &r.end,
            r.group.as_deref().unwrap_or(""),
            &r.coverage,
        );
    }
    if let Some(t) = total {
        push("Total", "", "", t);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ce::{
        CoverageByTime, CoverageCost, CoverageGroup, CoverageHours, DateInterval,
    };

    fn amount(t: &str) -> Option<Amount> {
        Amount::parse(t, false)
    }

    fn cov(reserved: &str, on_demand: &str) -> Coverage {
        let r: f64 = Amount::parse(reserved, false).unwrap().value;
        let o: f64 = Amount::parse(on_demand, false).unwrap().value;
        let total = r + o;
        Coverage {
            coverage_hours: Some(CoverageHours {
                reserved_hours: amount(reserved),
                on_demand_hours: amount(on_demand),
                total_running_hours: amount(&total.to_string()),
                coverage_hours_percentage: if total > 0.0 {
                    amount(&(r / total * 100.0).to_string())
                } else {
                    amount("0")
                },
            }),
            coverage_normalized_units: None,
            coverage_cost: Some(CoverageCost {
                on_demand_cost: amount(&(o * 0.1).to_string()),
            }),
        }
    }

    fn period(start: &str, end: &str, total: Coverage) -> CoverageByTime {
        CoverageByTime {
            time_period: Some(DateInterval {
                start: start.into(),
                end: end.into(),
            }),
            groups: vec![],
            total: Some(total),
        }
    }

    #[test]
    fn pages_become_rows_and_the_last_total_wins() {
        let pages = vec![
            ReservationCoveragePage {
                coverages_by_time: vec![period("2026-11-01", "2026-11-02", cov("6", "4"))],
                next_page_token: Some("t".into()),
                ..Default::default()
            },
            ReservationCoveragePage {
                coverages_by_time: vec![period("2026-11-02", "2026-11-03", cov("0", "5"))],
                total: Some(cov("6", "9")),
                ..Default::default()
            },
        ];
        let (rows, total) = rows_from_pages(&pages, None);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].start, "2026-11-02");
        assert_eq!(hours_percent(&rows[0].coverage), Some(60.0));
        assert_eq!(hours_percent(&total.clone().unwrap()), Some(40.0));
        let series = coverage_series(&rows, 10);
        assert_eq!(series.len(), 1);
        assert_eq!(series[0].name, "All usage");
        assert_eq!(
            series[0].points,
            [
                ("2026-11-01".into(), Some(60.0)),
                ("2026-11-02".into(), Some(0.0))
            ]
        );
        let csv = coverage_csv(&rows, total.as_ref());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1], "2026-11-01,2026-11-02,,60,6,4,10,,,,,0.4");
        assert!(lines[3].starts_with("Total,,,40,6,9,15,"), "{}", lines[3]);
    }

    #[test]
    fn grouped_answers_name_the_group_by_its_attributes() {
        let page = ReservationCoveragePage {
            coverages_by_time: vec![CoverageByTime {
                time_period: Some(DateInterval {
                    start: "2026-11-01".into(),
                    end: "2026-12-01".into(),
                }),
                groups: vec![CoverageGroup {
                    attributes: crate::aws::ce::Attributes(vec![(
                        "instanceType".into(),
                        "=m5.large".into(),
                    )]),
                    coverage: Some(cov("1", "1")),
                }],
                total: None,
            }],
            ..Default::default()
        };
        let (rows, _) = rows_from_pages(&[page], None);
        assert_eq!(rows[0].group.as_deref(), Some("=m5.large"));
        // Formula-looking names from other accounts are neutralised in the CSV.
        assert!(coverage_csv(&rows, None).contains(",'=m5.large,"));
    }

    #[test]
    fn others_re_add_hours_instead_of_averaging_percentages() {
        let row = |g: &str, r: &str, o: &str| CoverageRow {
            start: "2026-11-01".into(),
            end: "2026-11-02".into(),
            group: Some(g.into()),
            coverage: cov(r, o),
        };
        // Weights: big 100 h, mid 10 h, a 1 h, b 9 h.
        let rows = vec![
            row("a", "1", "0"),
            row("big", "50", "50"),
            row("b", "0", "9"),
            row("mid", "10", "0"),
        ];
        let s = coverage_series(&rows, 2);
        let names: Vec<_> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["big", "mid", "Others (2)"]);
        // Others: 1 reserved of 10 running = 10%, not the mean of 100% and 0%.
        assert_eq!(s[2].points[0].1, Some(10.0));
    }

    #[test]
    fn stacks_per_metric() {
        let rows = vec![CoverageRow {
            start: "2026-11-01".into(),
            end: "2026-11-02".into(),
            group: None,
            coverage: cov("6", "4"),
        }];
        assert_eq!(
            stacks(&rows, Metric::Hours),
            [Stack {
                start: "2026-11-01".into(),
                reserved: 6.0,
                on_demand: 4.0
            }]
        );
        assert_eq!(stacks(&rows, Metric::Cost)[0].reserved, 0.0);
        assert!((stacks(&rows, Metric::Cost)[0].on_demand - 0.4).abs() < 1e-12);
    }

    #[test]
    fn bands_against_target() {
        assert_eq!(band(None, 80.0), Band::None);
        assert_eq!(band(Some(0.0), 80.0), Band::None);
        assert_eq!(band(Some(79.99), 80.0), Band::Below);
        assert_eq!(band(Some(80.0), 80.0), Band::Met);
        assert_eq!(band(Some(100.0), 100.0), Band::Met);
    }
}
