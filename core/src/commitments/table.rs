//! Every view's answer as one kind of table: rows of AWS's figures (exact text kept), which
//! column is the view's percentage, which two figures make it (so percentages over groups
//! are re-added, never averaged), and which two the stacked chart shows.
//!
//! Units differ between views (RI coverage and utilization count hours; Savings Plans count
//! dollars): a table belongs to one view, and nothing here adds one view's figures to
//! another's.

use std::collections::HashMap;

use crate::aws::ce::{
    Amount, Attributes, Coverage, ReservationAggregates, ReservationCoveragePage,
    ReservationUtilizationPage, SavingsPlansCoverageData, SavingsPlansCoveragePage,
    SavingsPlansUtilizationAggregates, SavingsPlansUtilizationAnswer,
};
use crate::coverage::{Metric, Series, Stack};
use crate::csv::CsvTable;
use crate::numbers::Kind;

use super::View;

/// One column: its title and how people read its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The heading (and the CSV's).
    pub title: &'static str,
    /// Percent, quantity or dollars.
    pub kind: Kind,
}

const fn col(title: &'static str, kind: Kind) -> Column {
    Column { title, kind }
}

const RI_COVERAGE: [Column; 9] = {
    use Kind::{Percent, Quantity, Usd};
    [
        col("Coverage % (hours)", Percent),
        col("Reserved hours", Quantity),
        col("On-demand hours", Quantity),
        col("Total running hours", Quantity),
        col("Coverage % (normalized units)", Percent),
        col("Reserved units", Quantity),
        col("On-demand units", Quantity),
        col("Total running units", Quantity),
        col("On-demand cost", Usd),
    ]
};

const RI_UTILIZATION: [Column; 17] = {
    use Kind::{Percent, Quantity, Usd};
    [
        col("Utilization % (hours)", Percent),
        col("Utilization % (normalized units)", Percent),
        col("Purchased hours", Quantity),
        col("Used hours", Quantity),
        col("Unused hours", Quantity),
        col("Purchased units", Quantity),
        col("Used units", Quantity),
        col("Unused units", Quantity),
        col("On-demand cost of RI hours used", Usd),
        col("Net RI savings", Usd),
        col("Total potential RI savings", Usd),
        col("Amortized upfront fee", Usd),
        col("Amortized recurring fee", Usd),
        col("Total amortized fee", Usd),
        col("RI cost of unused hours", Usd),
        col("Realized savings", Usd),
        col("Unrealized savings", Usd),
    ]
};

const SP_COVERAGE: [Column; 4] = {
    use Kind::{Percent, Usd};
    [
        col("Coverage % (spend)", Percent),
        col("Spend covered by Savings Plans", Usd),
        col("On-demand cost", Usd),
        col("Total cost", Usd),
    ]
};

const SP_UTILIZATION: [Column; 9] = {
    use Kind::{Percent, Usd};
    [
        col("Utilization %", Percent),
        col("Total commitment", Usd),
        col("Used commitment", Usd),
        col("Unused commitment", Usd),
        col("Net savings", Usd),
        col("On-demand cost equivalent", Usd),
        col("Amortized recurring commitment", Usd),
        col("Amortized upfront commitment", Usd),
        col("Total amortized commitment", Usd),
    ]
};

/// Where a view's figures sit among its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Every column, in table order; the first is the view's percentage.
    pub columns: &'static [Column],
    /// The figure the percentage counts (reserved hours, used hours, covered spend, used
    /// commitment).
    pub part: usize,
    /// What it counts it out of (running hours, purchased hours, total cost, commitment).
    pub whole: usize,
    /// Unused commitment in USD, for the summary strip (utilization views).
    pub unused_usd: Option<usize>,
}

impl View {
    /// The view's columns and where its figures sit.
    pub fn layout(self) -> Layout {
        match self {
            View::RiCoverage => Layout {
                columns: &RI_COVERAGE,
                part: 1,
                whole: 3,
                unused_usd: None,
            },
            View::RiUtilization => Layout {
                columns: &RI_UTILIZATION,
                part: 3,
                whole: 2,
                unused_usd: Some(14),
            },
            View::SpCoverage => Layout {
                columns: &SP_COVERAGE,
                part: 1,
                whole: 3,
                unused_usd: None,
            },
            View::SpUtilization => Layout {
                columns: &SP_UTILIZATION,
                part: 2,
                whole: 1,
                unused_usd: Some(3),
            },
        }
    }

    /// The stacked chart's two figures: (first, second). RI coverage follows the chosen
    /// metric; its cost has no reserved part (`None`).
    pub fn stack_columns(self, metric: Metric) -> (Option<usize>, usize) {
        match (self, metric) {
            (View::RiCoverage, Metric::Hours) => (Some(1), 2),
            (View::RiCoverage, Metric::NormalizedUnits) => (Some(5), 6),
            (View::RiCoverage, Metric::Cost) => (None, 8),
            (View::RiUtilization, _) => (Some(3), 4),
            (View::SpCoverage, _) => (Some(1), 2),
            (View::SpUtilization, _) => (Some(2), 3),
        }
    }
}

/// One period (and group) of a view: AWS's figures in the view's column order.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// First day, as AWS wrote it.
    pub start: String,
    /// AWS's exclusive end.
    pub end: String,
    /// The group's value, when the query is split.
    pub group: Option<String>,
    /// One per column (`None`: AWS sent nothing).
    pub figures: Vec<Option<Amount>>,
}

impl Row {
    fn value(&self, i: usize) -> f64 {
        self.figures
            .get(i)
            .and_then(Option::as_ref)
            .map_or(0.0, |a| a.value)
    }
}

/// The figures of a period's total, and whether we summed them (Savings Plans coverage has
/// no `Total` in its answer) rather than AWS.
#[derive(Clone, Debug, PartialEq)]
pub struct Total {
    /// One per column.
    pub figures: Vec<Option<Amount>>,
    /// Summed here from the rows, not sent by AWS.
    pub computed: bool,
}

/// A view's answer: its rows and its total for the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Which view (its layout).
    pub view: View,
    /// One row per period (and group).
    pub rows: Vec<Row>,
    /// The whole period (unsplit answers; computed for Savings Plans coverage).
    pub total: Option<Total>,
}

fn period_of(tp: Option<&crate::aws::ce::DateInterval>) -> (String, String) {
    tp.map(|tp| (tp.start.clone(), tp.end.clone()))
        .unwrap_or_default()
}

/// RI coverage's figures in column order.
pub fn coverage_figures(c: &Coverage) -> Vec<Option<Amount>> {
    crate::coverage::figures(c)
        .into_iter()
        .map(|a| a.cloned())
        .collect()
}

/// RI utilization's figures in column order.
pub fn utilization_figures(a: &ReservationAggregates) -> Vec<Option<Amount>> {
    [
        &a.utilization_percentage,
        &a.utilization_percentage_in_units,
        &a.purchased_hours,
        &a.total_actual_hours,
        &a.unused_hours,
        &a.purchased_units,
        &a.total_actual_units,
        &a.unused_units,
        &a.on_demand_cost_of_ri_hours_used,
        &a.net_ri_savings,
        &a.total_potential_ri_savings,
        &a.amortized_upfront_fee,
        &a.amortized_recurring_fee,
        &a.total_amortized_fee,
        &a.ri_cost_for_unused_hours,
        &a.realized_savings,
        &a.unrealized_savings,
    ]
    .into_iter()
    .cloned()
    .collect()
}

/// Savings Plans coverage's figures in column order.
pub fn sp_coverage_figures(c: &SavingsPlansCoverageData) -> Vec<Option<Amount>> {
    [
        &c.coverage_percentage,
        &c.spend_covered_by_savings_plans,
        &c.on_demand_cost,
        &c.total_cost,
    ]
    .into_iter()
    .cloned()
    .collect()
}

/// Savings Plans utilization's figures in column order.
pub fn sp_utilization_figures(a: &SavingsPlansUtilizationAggregates) -> Vec<Option<Amount>> {
    let u = a.utilization.as_ref();
    let s = a.savings.as_ref();
    let c = a.amortized_commitment.as_ref();
    vec![
        u.and_then(|u| u.utilization_percentage.clone()),
        u.and_then(|u| u.total_commitment.clone()),
        u.and_then(|u| u.used_commitment.clone()),
        u.and_then(|u| u.unused_commitment.clone()),
        s.and_then(|s| s.net_savings.clone()),
        s.and_then(|s| s.on_demand_cost_equivalent.clone()),
        c.and_then(|c| c.amortized_recurring_commitment.clone()),
        c.and_then(|c| c.amortized_upfront_commitment.clone()),
        c.and_then(|c| c.total_amortized_commitment.clone()),
    ]
}

fn blank(view: View) -> Vec<Option<Amount>> {
    vec![None; view.layout().columns.len()]
}

/// A grouped answer's group, named by its attributes' values (`m5.large / us-east-1`);
/// `None` when it has none.
fn attributes_name(attributes: &Attributes) -> Option<String> {
    let named: Vec<&str> = attributes.iter().map(|(_, v)| v).collect();
    (!named.is_empty()).then(|| named.join(" / "))
}

/// RI coverage pages (one query) as a table: a grouped period has a row per group (named by
/// its attributes), an ungrouped one its total, tagged with `group` (a split value).
pub fn ri_coverage_table(pages: &[ReservationCoveragePage], group: Option<&str>) -> Table {
    let view = View::RiCoverage;
    let mut rows = Vec::new();
    for period in pages.iter().flat_map(|p| &p.coverages_by_time) {
        let (start, end) = period_of(period.time_period.as_ref());
        if period.groups.is_empty() {
            rows.push(Row {
                start,
                end,
                group: group.map(str::to_owned),
                figures: period
                    .total
                    .as_ref()
                    .map_or_else(|| blank(view), coverage_figures),
            });
        } else {
            for g in &period.groups {
                rows.push(Row {
                    start: start.clone(),
                    end: end.clone(),
                    group: attributes_name(&g.attributes),
                    figures: g
                        .coverage
                        .as_ref()
                        .map_or_else(|| blank(view), coverage_figures),
                });
            }
        }
    }
    let total = pages
        .iter()
        .rev()
        .find_map(|p| p.total.as_ref())
        .map(|t| Total {
            figures: coverage_figures(t),
            computed: false,
        });
    Table { view, rows, total }
}

/// RI utilization pages as a table. A period grouped by subscription has one row per
/// reservation (named by its id); otherwise its total.
pub fn ri_utilization_table(pages: &[ReservationUtilizationPage], group: Option<&str>) -> Table {
    let view = View::RiUtilization;
    let mut rows = Vec::new();
    for period in pages.iter().flat_map(|p| &p.utilizations_by_time) {
        let (start, end) = period_of(period.time_period.as_ref());
        if period.groups.is_empty() {
            rows.push(Row {
                start,
                end,
                group: group.map(str::to_owned),
                figures: period
                    .total
                    .as_ref()
                    .map_or_else(|| blank(view), utilization_figures),
            });
        } else {
            for g in &period.groups {
                rows.push(Row {
                    start: start.clone(),
                    end: end.clone(),
                    group: g.value.clone().or_else(|| group.map(str::to_owned)),
                    figures: g
                        .utilization
                        .as_ref()
                        .map_or_else(|| blank(view), utilization_figures),
                });
            }
        }
    }
    let total = pages
        .iter()
        .rev()
        .find_map(|p| p.total.as_ref())
        .map(|t| Total {
            figures: utilization_figures(t),
            computed: false,
        });
    Table { view, rows, total }
}

/// Savings Plans coverage pages as a table, with a total summed from the rows (AWS sends
/// none): spend covered, on-demand and total cost added up, the percentage recomputed.
pub fn sp_coverage_table(pages: &[SavingsPlansCoveragePage], group: Option<&str>) -> Table {
    let view = View::SpCoverage;
    let rows: Vec<Row> = pages
        .iter()
        .flat_map(|p| &p.savings_plans_coverages)
        .map(|c| {
            let (start, end) = period_of(c.time_period.as_ref());
            Row {
                start,
                end,
                group: attributes_name(&c.attributes).or_else(|| group.map(str::to_owned)),
                figures: c
                    .coverage
                    .as_ref()
                    .map_or_else(|| blank(view), sp_coverage_figures),
            }
        })
        .collect();
    let total = summed_total(view, &rows);
    Table { view, rows, total }
}

/// Savings Plans utilization as a table (one answer: the operation has no pages).
pub fn sp_utilization_table(answer: &SavingsPlansUtilizationAnswer, group: Option<&str>) -> Table {
    let view = View::SpUtilization;
    let rows = answer
        .savings_plans_utilizations_by_time
        .iter()
        .map(|u| {
            let (start, end) = period_of(u.time_period.as_ref());
            Row {
                start,
                end,
                group: group.map(str::to_owned),
                figures: sp_utilization_figures(&SavingsPlansUtilizationAggregates {
                    utilization: u.utilization.clone(),
                    savings: u.savings.clone(),
                    amortized_commitment: u.amortized_commitment.clone(),
                }),
            }
        })
        .collect();
    Table {
        view,
        rows,
        total: Some(Total {
            figures: sp_utilization_figures(&answer.total),
            computed: false,
        }),
    }
}

/// A total summed from `rows` (every figure but the percentage added up, the percentage
/// recomputed from part and whole); `None` without rows.
fn summed_total(view: View, rows: &[Row]) -> Option<Total> {
    if rows.is_empty() {
        return None;
    }
    let layout = view.layout();
    let mut figures = Vec::with_capacity(layout.columns.len());
    for (i, column) in layout.columns.iter().enumerate() {
        let any = rows
            .iter()
            .any(|r| r.figures.get(i).is_some_and(Option::is_some));
        figures.push(match column.kind {
            _ if !any && i != 0 => None,
            Kind::Percent if i == 0 => {
                let whole: f64 = rows.iter().map(|r| r.value(layout.whole)).sum();
                let part: f64 = rows.iter().map(|r| r.value(layout.part)).sum();
                (whole > 0.0).then(|| computed_amount(part / whole * 100.0))
            }
            Kind::Percent => None,
            _ => Some(computed_amount(rows.iter().map(|r| r.value(i)).sum())),
        });
    }
    Some(Total {
        figures,
        computed: true,
    })
}

/// A figure we computed, written with ten decimals at most (trailing zeros dropped) so the
/// CSV holds a plain number.
fn computed_amount(value: f64) -> Amount {
    let text = format!("{value:.10}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    Amount::parse(text, false).unwrap_or_else(|| unreachable!("a formatted f64 is a number"))
}

/// Sums of one line's part and whole per period.
#[derive(Clone, Copy, Default)]
struct Ratio {
    part: f64,
    whole: f64,
}

impl Ratio {
    fn percent(self) -> Option<f64> {
        (self.whole > 0.0).then(|| self.part / self.whole * 100.0)
    }
}

/// The periods of `rows`, in order of first appearance (AWS sends them in time order).
fn periods(rows: &[Row]) -> Vec<String> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        if seen.insert(r.start.as_str(), ()).is_none() {
            out.push(r.start.clone());
        }
    }
    out
}

impl Table {
    /// The percentage lines: one per group for the `top` groups with the largest whole
    /// (hours, cost, commitment), the rest summed into "Others" (parts and wholes re-added,
    /// not percentages averaged); one line named after the view when unsplit.
    pub fn series(&self, top: usize) -> Vec<Series> {
        self.lines(top, false)
    }

    /// One line for the whole answer, whatever its split (the side-by-side chart's).
    pub fn overall(&self) -> Option<Series> {
        self.lines(1, true).into_iter().next()
    }

    fn lines(&self, top: usize, overall: bool) -> Vec<Series> {
        let layout = self.view.layout();
        let periods = periods(&self.rows);
        let mut by_group: HashMap<&str, HashMap<&str, Ratio>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for r in &self.rows {
            let g = match &r.group {
                Some(g) if !overall => g,
                _ => self.view.all_name(),
            };
            let entry = by_group.entry(g).or_insert_with(|| {
                order.push(g);
                HashMap::new()
            });
            let sums = entry.entry(r.start.as_str()).or_default();
            sums.part += r.value(layout.part);
            sums.whole += r.value(layout.whole);
        }
        let weight = |g: &str| -> f64 { by_group[g].values().map(|s| s.whole).sum() };
        crate::sort::sort_by(&mut order, &|a, b| {
            weight(b)
                .total_cmp(&weight(a))
                .then_with(|| crate::reservations::natural_cmp(a, b))
        });
        let line = |name: &str, others: bool, sums: &dyn Fn(&str) -> Option<Ratio>| Series {
            name: name.to_owned(),
            others,
            points: periods
                .iter()
                .map(|p| (p.clone(), sums(p).and_then(Ratio::percent)))
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
                let mut total = Ratio::default();
                let mut any = false;
                for g in rest {
                    if let Some(s) = by_group[g].get(p) {
                        any = true;
                        total.part += s.part;
                        total.whole += s.whole;
                    }
                }
                any.then_some(total)
            }));
        }
        out
    }

    /// The stacked chart's two figures per period, summed over groups.
    pub fn stacks(&self, metric: Metric) -> Vec<Stack> {
        let (first, second) = self.view.stack_columns(metric);
        let mut sums: HashMap<&str, (f64, f64)> = HashMap::new();
        for r in &self.rows {
            let s = sums.entry(r.start.as_str()).or_default();
            s.0 += first.map_or(0.0, |i| r.value(i));
            s.1 += r.value(second);
        }
        periods(&self.rows)
            .into_iter()
            .map(|p| {
                let (reserved, on_demand) = sums[p.as_str()];
                Stack {
                    start: p,
                    reserved,
                    on_demand,
                }
            })
            .collect()
    }

    /// The period's percentage: AWS's total when it sent one, else re-added from the rows
    /// (a split answer); `None` when nothing counts.
    pub fn period_percent(&self) -> Option<f64> {
        if let Some(p) = self
            .total
            .as_ref()
            .and_then(|t| t.figures.first().cloned().flatten())
        {
            return Some(p.value);
        }
        let layout = self.view.layout();
        let whole: f64 = self.rows.iter().map(|r| r.value(layout.whole)).sum();
        let part: f64 = self.rows.iter().map(|r| r.value(layout.part)).sum();
        (whole > 0.0).then(|| part / whole * 100.0)
    }

    /// The period's unused commitment in USD (utilization views): AWS's total, else summed.
    pub fn unused_usd(&self) -> Option<f64> {
        let i = self.view.layout().unused_usd?;
        if let Some(t) = &self.total {
            return t.figures.get(i).cloned().flatten().map(|a| a.value);
        }
        (!self.rows.is_empty()).then(|| self.rows.iter().map(|r| r.value(i)).sum())
    }

    /// The rows as CSV with AWS's exact strings (End as AWS's exclusive end); a computed
    /// total is marked as such.
    pub fn csv(&self) -> String {
        let mut header = vec!["Start", "End (exclusive)", "Group"];
        header.extend(self.view.layout().columns.iter().map(|c| c.title));
        let mut csv = CsvTable::new(header);
        let mut push = |start: &str, end: &str, group: &str, figures: &[Option<Amount>]| {
            let mut cells = vec![start.to_owned(), end.to_owned(), group.to_owned()];
            cells.extend(
                figures
                    .iter()
                    .map(|a| a.as_ref().map(|a| a.text.to_string()).unwrap_or_default()),
            );
            csv.push_row(cells);
        };
        for r in &self.rows {
            push(
                &r.start,
                &r.end,
                r.group.as_deref().unwrap_or(""),
                &r.figures,
            );
        }
        if let Some(t) = &self.total {
            let label = if t.computed {
                "Total (sum of the rows)"
            } else {
                "Total"
            };
            push(label, "", "", &t.figures);
        }
        csv.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ce::{
        Attributes, DateInterval, SavingsPlansCoverage, SavingsPlansUtilization,
        SavingsPlansUtilizationByTime, UtilizationByTime,
    };

    fn a(text: &str) -> Option<Amount> {
        Amount::parse(text, false)
    }

    fn day(d: u8) -> Option<DateInterval> {
        Some(DateInterval {
            start: format!("2026-11-{d:02}"),
            end: format!("2026-11-{:02}", d + 1),
        })
    }

    fn aggregates(purchased: &str, used: &str, unused_cost: &str) -> ReservationAggregates {
        let p = a(purchased).unwrap().value;
        let u = a(used).unwrap().value;
        ReservationAggregates {
            utilization_percentage: a(&(u / p * 100.0).to_string()),
            purchased_hours: a(purchased),
            total_actual_hours: a(used),
            unused_hours: a(&(p - u).to_string()),
            ri_cost_for_unused_hours: a(unused_cost),
            ..Default::default()
        }
    }

    #[test]
    fn reservation_utilization_rows_keep_every_figure_in_column_order() {
        let page = ReservationUtilizationPage {
            utilizations_by_time: vec![
                UtilizationByTime {
                    time_period: day(1),
                    groups: vec![],
                    total: Some(aggregates("24", "18", "1.5")),
                },
                UtilizationByTime {
                    time_period: day(2),
                    groups: vec![],
                    total: Some(aggregates("24", "6", "4.5")),
                },
            ],
            total: Some(aggregates("48", "24", "6")),
            ..Default::default()
        };
        let t = ri_utilization_table(&[page], None);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.rows[0].figures.len(),
            View::RiUtilization.layout().columns.len()
        );
        assert_eq!(t.rows[0].figures[0].as_ref().unwrap().value, 75.0);
        assert_eq!(
            t.rows[0].figures[3].as_ref().unwrap().text.to_string(),
            "18"
        );
        // The line re-adds used and purchased hours; the period's figure is AWS's total.
        let s = t.series(10);
        assert_eq!(s[0].name, "All reservations");
        assert_eq!(
            s[0].points,
            [
                ("2026-11-01".into(), Some(75.0)),
                ("2026-11-02".into(), Some(25.0))
            ]
        );
        assert_eq!(t.period_percent(), Some(50.0));
        assert_eq!(t.unused_usd(), Some(6.0));
        // Used below, unused above.
        let stacks = t.stacks(Metric::Hours);
        assert_eq!((stacks[1].reserved, stacks[1].on_demand), (6.0, 18.0));
        let csv = t.csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("Start,End (exclusive),Group,Utilization % (hours),"));
        assert!(
            lines[1].starts_with("2026-11-01,2026-11-02,,75,,24,18,6,"),
            "{}",
            lines[1]
        );
        assert!(lines[3].starts_with("Total,,,50,"), "{}", lines[3]);
    }

    #[test]
    fn grouped_reservation_utilization_names_rows_by_subscription() {
        let page = ReservationUtilizationPage {
            utilizations_by_time: vec![UtilizationByTime {
                time_period: day(1),
                groups: vec![crate::aws::ce::ReservationUtilizationGroup {
                    key: Some("SUBSCRIPTION_ID".into()),
                    value: Some("1234567890".into()),
                    attributes: Attributes::default(),
                    utilization: Some(aggregates("10", "10", "0")),
                }],
                total: None,
            }],
            ..Default::default()
        };
        let t = ri_utilization_table(&[page], None);
        assert_eq!(t.rows[0].group.as_deref(), Some("1234567890"));
    }

    fn coverage(covered: &str, on_demand: &str) -> SavingsPlansCoverageData {
        let c = a(covered).unwrap().value;
        let o = a(on_demand).unwrap().value;
        SavingsPlansCoverageData {
            spend_covered_by_savings_plans: a(covered),
            on_demand_cost: a(on_demand),
            total_cost: a(&(c + o).to_string()),
            coverage_percentage: a(&(c / (c + o) * 100.0).to_string()),
        }
    }

    #[test]
    fn savings_plans_coverage_gets_a_total_summed_from_its_rows() {
        let pages = [
            SavingsPlansCoveragePage {
                savings_plans_coverages: vec![SavingsPlansCoverage {
                    attributes: Attributes::default(),
                    coverage: Some(coverage("90", "10")),
                    time_period: day(1),
                }],
                next_token: Some("t".into()),
                ..Default::default()
            },
            SavingsPlansCoveragePage {
                savings_plans_coverages: vec![SavingsPlansCoverage {
                    attributes: Attributes::default(),
                    coverage: Some(coverage("10", "90")),
                    time_period: day(2),
                }],
                ..Default::default()
            },
        ];
        let t = sp_coverage_table(&pages, Some("eu-west-1"));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].group.as_deref(), Some("eu-west-1"));
        let total = t.total.clone().unwrap();
        assert!(total.computed);
        let texts: Vec<String> = total
            .figures
            .iter()
            .map(|f| f.as_ref().unwrap().text.to_string())
            .collect();
        // 100 covered of 200 spent: 50%, never the mean of the percentages' texts.
        assert_eq!(texts, ["50", "100", "100", "200"]);
        assert_eq!(t.period_percent(), Some(50.0));
        assert_eq!(t.unused_usd(), None, "coverage has no commitment");
        assert!(t
            .csv()
            .lines()
            .last()
            .unwrap()
            .starts_with("Total (sum of the rows),,,50,100,100,200"));
    }

    #[test]
    fn savings_plans_utilization_reads_its_three_parts() {
        let part = |total: &str, used: &str| SavingsPlansUtilization {
            total_commitment: a(total),
            used_commitment: a(used),
            unused_commitment: a(&(a(total).unwrap().value - a(used).unwrap().value).to_string()),
            utilization_percentage: a(
                &(a(used).unwrap().value / a(total).unwrap().value * 100.0).to_string()
            ),
        };
        let answer = SavingsPlansUtilizationAnswer {
            savings_plans_utilizations_by_time: vec![SavingsPlansUtilizationByTime {
                time_period: day(1),
                utilization: Some(part("10", "8")),
                savings: None,
                amortized_commitment: None,
            }],
            total: SavingsPlansUtilizationAggregates {
                utilization: Some(part("10", "8")),
                savings: None,
                amortized_commitment: None,
            },
            ..Default::default()
        };
        let t = sp_utilization_table(&answer, None);
        assert_eq!(t.rows[0].figures[0].as_ref().unwrap().value, 80.0);
        assert_eq!(t.rows[0].figures[4], None, "no savings sent: an empty cell");
        assert_eq!(t.unused_usd(), Some(2.0));
        assert_eq!(t.series(10)[0].name, "All Savings Plans");
        assert_eq!(t.series(10)[0].points[0].1, Some(80.0));
    }

    #[test]
    fn split_lines_rank_by_their_whole_and_re_add_the_others() {
        let row = |g: &str, part: &str, whole: &str| Row {
            start: "2026-11-01".into(),
            end: "2026-11-02".into(),
            group: Some(g.into()),
            figures: vec![None, a(part), None, a(whole)],
        };
        let t = Table {
            view: View::SpCoverage,
            rows: vec![
                row("a", "1", "1"),
                row("big", "50", "100"),
                row("b", "0", "9"),
            ],
            total: None,
        };
        let s = t.series(1);
        let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["big", "Others (2)"]);
        // Others: 1 covered of 10 = 10%, not the mean of 100% and 0%.
        assert_eq!(s[1].points[0].1, Some(10.0));
        assert!((t.period_percent().unwrap() - 51.0 / 110.0 * 100.0).abs() < 1e-9);
    }
}
