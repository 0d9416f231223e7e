//! The history tables: the list's reservations with their figures (from CloudWatch or Capacity
//! Manager), the organization's reservations and accounts from Capacity Manager; sorting, CSV
//! and the summary sentence.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::numbers;
use crate::reservations::{natural_cmp, Direction, ReservationRow, Sort};

use super::manager::{Group, COUNT, RESERVED_HOURS, TOTAL_COST, UNUSED_COST, UNUSED_HOURS};
use super::range::Window;
use super::series::{hours_text, list_figures, Flag, ListFigures, Series};

/// What a history fetch brought back, before any threshold is applied (changing the threshold
/// re-flags without asking AWS again).
#[derive(Clone, Debug, PartialEq)]
pub enum Figures {
    /// CloudWatch's utilization series by reservation id.
    CloudWatch {
        window: Window,
        series: BTreeMap<String, Series>,
    },
    /// Capacity Manager's groups by reservation (reservation id, account, region, type).
    Manager { window: Window, groups: Vec<Group> },
}

impl Figures {
    /// The window the figures cover.
    pub fn window(&self) -> &Window {
        match self {
            Figures::CloudWatch { window, .. } | Figures::Manager { window, .. } => window,
        }
    }
}

/// One reservation's line in a history table.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRow {
    pub region: String,
    pub id: String,
    /// `123456789012 (Data Platform)` when known (Capacity Manager).
    pub account: Option<String>,
    pub instance_type: Option<String>,
    /// AWS's state word (empty when unknown).
    pub state: String,
    /// Instances reserved today.
    pub instances: Option<u32>,
    pub figures: ListFigures,
    /// What the unused capacity cost (Capacity Manager's estimate, USD).
    pub unused_cost: Option<f64>,
}

/// The list's rows with their figures, flagged against `threshold` percent.
pub fn history_rows(rows: &[ReservationRow], figures: &Figures, threshold: f64) -> Vec<HistoryRow> {
    // Inserted one by one, not `collect`ed: a map collected from an iterator sorts its
    // entries first, one more copy of the stable sort in the wasm (BENCHMARKS.md).
    let mut by_id: BTreeMap<&str, &Group> = BTreeMap::new();
    if let Figures::Manager { groups, .. } = figures {
        for g in groups {
            if let Some(id) = g.dimension.reservation_id.as_deref() {
                by_id.insert(id, g);
            }
        }
    }
    rows.iter()
        .map(|r| {
            let (f, cost) = match figures {
                Figures::CloudWatch { window, series } => (
                    list_figures(series.get(&r.id), r.total, window, threshold),
                    None,
                ),
                Figures::Manager { .. } => match by_id.get(r.id.as_str()) {
                    Some(g) => (g.figures(threshold), g.get(UNUSED_COST)),
                    None => (
                        list_figures(None, r.total, figures.window(), threshold),
                        None,
                    ),
                },
            };
            HistoryRow {
                region: r.region.clone(),
                id: r.id.clone(),
                account: None,
                instance_type: r.instance_type.clone(),
                state: r.state_text().to_string(),
                instances: r.total,
                figures: f,
                unused_cost: cost,
            }
        })
        .collect()
}

/// Every reservation Capacity Manager reported (all accounts and regions).
pub fn organization_rows(groups: &[Group], threshold: f64) -> Vec<HistoryRow> {
    groups
        .iter()
        .map(|g| {
            let d = &g.dimension;
            HistoryRow {
                region: d.resource_region.clone().unwrap_or_default(),
                id: d.reservation_id.clone().unwrap_or_default(),
                account: account_text(d.account_id.as_deref(), d.account_name.as_deref()),
                instance_type: d.instance_type.clone(),
                state: d.reservation_state.clone().unwrap_or_default(),
                instances: None,
                figures: g.figures(threshold),
                unused_cost: g.get(UNUSED_COST),
            }
        })
        .collect()
}

fn account_text(id: Option<&str>, name: Option<&str>) -> Option<String> {
    match (id, name) {
        (Some(id), Some(name)) if !name.is_empty() => Some(format!("{id} ({name})")),
        (Some(id), _) => Some(id.to_string()),
        (None, Some(name)) => Some(name.to_string()),
        (None, None) => None,
    }
}

/// A column of the history tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HistoryColumn {
    Reservation,
    Account,
    Region,
    InstanceType,
    State,
    Instances,
    Average,
    Minimum,
    Unused,
    UnusedCost,
    Flag,
}

impl HistoryColumn {
    /// The list's columns (CloudWatch: no cost).
    pub const LIST: [HistoryColumn; 9] = [
        HistoryColumn::Reservation,
        HistoryColumn::Region,
        HistoryColumn::InstanceType,
        HistoryColumn::State,
        HistoryColumn::Instances,
        HistoryColumn::Average,
        HistoryColumn::Minimum,
        HistoryColumn::Unused,
        HistoryColumn::Flag,
    ];
    /// The organization's reservations (Capacity Manager).
    pub const ORGANIZATION: [HistoryColumn; 9] = [
        HistoryColumn::Reservation,
        HistoryColumn::Account,
        HistoryColumn::Region,
        HistoryColumn::InstanceType,
        HistoryColumn::Average,
        HistoryColumn::Minimum,
        HistoryColumn::Unused,
        HistoryColumn::UnusedCost,
        HistoryColumn::Flag,
    ];

    /// The header.
    pub fn title(self) -> &'static str {
        match self {
            HistoryColumn::Reservation => "Reservation",
            HistoryColumn::Account => "Account",
            HistoryColumn::Region => "Region",
            HistoryColumn::InstanceType => "Instance type",
            HistoryColumn::State => "State",
            HistoryColumn::Instances => "Instances",
            HistoryColumn::Average => "Average utilization",
            HistoryColumn::Minimum => "Lowest",
            HistoryColumn::Unused => "Unused instance-hours",
            HistoryColumn::UnusedCost => "Unused cost (estimate)",
            HistoryColumn::Flag => "Flag",
        }
    }

    /// Right-aligned figures.
    pub fn numeric(self) -> bool {
        matches!(
            self,
            HistoryColumn::Instances
                | HistoryColumn::Average
                | HistoryColumn::Minimum
                | HistoryColumn::Unused
                | HistoryColumn::UnusedCost
        )
    }

    /// The cell as people read it.
    pub fn display(self, row: &HistoryRow) -> String {
        let percent = |v: Option<f64>| v.map(numbers::percent).unwrap_or_default();
        match self {
            HistoryColumn::Reservation => row.id.clone(),
            HistoryColumn::Account => row.account.clone().unwrap_or_default(),
            HistoryColumn::Region => row.region.clone(),
            HistoryColumn::InstanceType => row.instance_type.clone().unwrap_or_default(),
            HistoryColumn::State => row.state.clone(),
            HistoryColumn::Instances => row
                .instances
                .map(|n| numbers::count(n.into()))
                .unwrap_or_default(),
            HistoryColumn::Average => percent(row.figures.average),
            HistoryColumn::Minimum => percent(row.figures.minimum),
            HistoryColumn::Unused => row.figures.unused_hours.map(hours_text).unwrap_or_default(),
            HistoryColumn::UnusedCost => row.unused_cost.map(numbers::usd).unwrap_or_default(),
            HistoryColumn::Flag => row.figures.flag.text().to_string(),
        }
    }

    /// The cell in CSV: full precision, no grouping.
    pub fn cell(self, row: &HistoryRow) -> String {
        let raw = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        match self {
            HistoryColumn::Average => raw(row.figures.average),
            HistoryColumn::Minimum => raw(row.figures.minimum),
            HistoryColumn::Unused => raw(row.figures.unused_hours),
            HistoryColumn::UnusedCost => raw(row.unused_cost),
            HistoryColumn::Instances => row.instances.map(|n| n.to_string()).unwrap_or_default(),
            _ => self.display(row),
        }
    }

    fn compare(self, a: &HistoryRow, b: &HistoryRow) -> Ordering {
        let num = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Greater,
            (None, Some(_)) => Ordering::Less,
            (None, None) => Ordering::Equal,
        };
        match self {
            HistoryColumn::Instances => a.instances.cmp(&b.instances),
            HistoryColumn::Average => num(a.figures.average, b.figures.average),
            HistoryColumn::Minimum => num(a.figures.minimum, b.figures.minimum),
            HistoryColumn::Unused => num(a.figures.unused_hours, b.figures.unused_hours),
            HistoryColumn::UnusedCost => num(a.unused_cost, b.unused_cost),
            HistoryColumn::Flag => a.figures.flag.cmp(&b.figures.flag),
            _ => natural_cmp(&self.display(a), &self.display(b)),
        }
    }
}

/// Sorts `rows` by `sort`, ties by reservation id.
pub fn sort_history(rows: &mut [HistoryRow], sort: Sort<HistoryColumn>) {
    crate::sort::sort_by(rows, &|a, b| {
        sort.direction
            .apply(sort.column.compare(a, b))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
}

/// `rows` as CSV with `columns`.
pub fn history_csv_rows(rows: &[HistoryRow], columns: &[HistoryColumn]) -> String {
    let header: Vec<&str> = columns.iter().map(|c| c.title()).collect();
    crate::csv::to_csv(
        &header,
        rows.iter()
            .map(|r| columns.iter().map(|c| c.cell(r)).collect::<Vec<_>>()),
    )
}

/// `"2 idle and 3 underused (average below 20 %) of 11 reservations; 1,234.5 unused
/// instance-hours."`
pub fn history_summary(rows: &[HistoryRow], threshold: f64) -> String {
    let idle = rows.iter().filter(|r| r.figures.flag == Flag::Idle).count();
    let under = rows
        .iter()
        .filter(|r| r.figures.flag == Flag::Underused)
        .count();
    let with = rows
        .iter()
        .filter(|r| r.figures.flag != Flag::NoData)
        .count();
    let unused: f64 = rows.iter().filter_map(|r| r.figures.unused_hours).sum();
    format!(
        "{} idle and {} underused (average below {}) of {} reservation{} with data ({} in the list); {} unused instance-hours.",
        numbers::count(idle as u64),
        numbers::count(under as u64),
        numbers::percent(threshold),
        numbers::count(with as u64),
        if with == 1 { "" } else { "s" },
        numbers::count(rows.len() as u64),
        hours_text(unused),
    )
}

/// One account's line in the across-accounts table.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountRow {
    pub account_id: String,
    pub account_name: String,
    pub reservations: Option<f64>,
    pub reserved_hours: Option<f64>,
    pub unused_hours: Option<f64>,
    pub utilization: Option<f64>,
    pub unused_cost: Option<f64>,
    pub total_cost: Option<f64>,
}

/// The accounts of Capacity Manager's account groups, most unused cost first.
pub fn account_rows(groups: &[Group]) -> Vec<AccountRow> {
    let mut rows: Vec<AccountRow> = groups
        .iter()
        .map(|g| AccountRow {
            account_id: g.dimension.account_id.clone().unwrap_or_default(),
            account_name: g.dimension.account_name.clone().unwrap_or_default(),
            reservations: g.get(COUNT),
            reserved_hours: g.get(RESERVED_HOURS),
            unused_hours: g.get(UNUSED_HOURS),
            utilization: g.utilization(),
            unused_cost: g.get(UNUSED_COST),
            total_cost: g.get(TOTAL_COST),
        })
        .collect();
    crate::sort::sort_by(&mut rows, &|a, b| {
        b.unused_cost
            .unwrap_or(0.0)
            .total_cmp(&a.unused_cost.unwrap_or(0.0))
            .then_with(|| a.account_id.cmp(&b.account_id))
    });
    rows
}

/// The across-accounts table's header.
pub const ACCOUNT_COLUMNS: [&str; 8] = [
    "Account",
    "Name",
    "Reservations",
    "Reserved instance-hours",
    "Unused instance-hours",
    "Utilization",
    "Unused cost (estimate)",
    "Total cost (estimate)",
];

impl AccountRow {
    /// The cells as people read them, in [`ACCOUNT_COLUMNS`] order.
    pub fn display(&self) -> [String; 8] {
        let f = |v: Option<f64>, g: fn(f64) -> String| v.map(g).unwrap_or_default();
        [
            self.account_id.clone(),
            self.account_name.clone(),
            f(self.reservations, numbers::quantity),
            f(self.reserved_hours, hours_text),
            f(self.unused_hours, hours_text),
            f(self.utilization, numbers::percent),
            f(self.unused_cost, numbers::usd),
            f(self.total_cost, numbers::usd),
        ]
    }
}

/// The across-accounts table as CSV (full precision).
pub fn accounts_csv(rows: &[AccountRow]) -> String {
    let raw = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    crate::csv::to_csv(
        &ACCOUNT_COLUMNS,
        rows.iter().map(|r| {
            [
                r.account_id.clone(),
                r.account_name.clone(),
                raw(r.reservations),
                raw(r.reserved_hours),
                raw(r.unused_hours),
                raw(r.utilization),
                raw(r.unused_cost),
                raw(r.total_cost),
            ]
        }),
    )
}

/// The default sort: most unused hours first.
pub fn default_sort() -> Sort<HistoryColumn> {
    Sort::new(HistoryColumn::Unused, Direction::Descending)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ec2::CapacityManagerDimension;
    use crate::history::range::list_window;
    use time::macros::datetime;

    fn group(account: &str, name: &str, values: &[(&str, f64)]) -> Group {
        Group {
            dimension: CapacityManagerDimension {
                account_id: Some(account.into()),
                account_name: Some(name.into()),
                reservation_id: Some(format!("cr-{account}")),
                resource_region: Some("us-east-1".into()),
                ..Default::default()
            },
            values: values.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }

    #[test]
    fn accounts_sort_by_unused_cost() {
        let groups = [
            group(
                "111",
                "Payer",
                &[
                    (UNUSED_COST, 5.0),
                    (RESERVED_HOURS, 10.0),
                    (UNUSED_HOURS, 5.0),
                ],
            ),
            group(
                "222",
                "Data",
                &[
                    (UNUSED_COST, 50.0),
                    (RESERVED_HOURS, 100.0),
                    (UNUSED_HOURS, 10.0),
                ],
            ),
        ];
        let rows = account_rows(&groups);
        assert_eq!(rows[0].account_id, "222");
        assert_eq!(rows[0].utilization, Some(90.0));
        assert_eq!(rows[0].display()[6], "$50.00");
        let csv = accounts_csv(&rows);
        assert!(csv
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("222,Data,,100,10,90,50,"));
        let org = organization_rows(&groups, 20.0);
        assert_eq!(org[0].account.as_deref(), Some("111 (Payer)"));
        assert_eq!(org[0].figures.flag, Flag::Used);
    }

    #[test]
    fn summary_and_sorting() {
        let window = list_window(7, datetime!(2026-12-03 14:07 UTC));
        let row = |id: &str, values: &[f64]| HistoryRow {
            region: "us-east-1".into(),
            id: id.into(),
            account: None,
            instance_type: Some("m5.large".into()),
            state: "active".into(),
            instances: Some(2),
            figures: list_figures(
                (!values.is_empty())
                    .then(|| Series {
                        timestamps: (0..values.len() as i64).collect(),
                        values: values.to_vec(),
                        problem: None,
                    })
                    .as_ref(),
                Some(2),
                &window,
                20.0,
            ),
            unused_cost: None,
        };
        let mut rows = vec![
            row("cr-a", &[50.0]),
            row("cr-b", &[0.0]),
            row("cr-c", &[10.0]),
            row("cr-d", &[]),
        ];
        assert_eq!(
            history_summary(&rows, 20.0),
            "1 idle and 1 underused (average below 20.00\u{a0}%) of 3 reservations with data (4 in the list); 4.8 unused instance-hours."
        );
        sort_history(&mut rows, default_sort());
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["cr-b", "cr-c", "cr-a", "cr-d"]);
        let csv = history_csv_rows(&rows, &HistoryColumn::LIST);
        assert!(csv.lines().nth(1).unwrap().ends_with(",2,0,0,2,Idle"));
    }
}
