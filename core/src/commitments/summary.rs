//! The summary strip: the four figures for the period side by side, each in its own terms
//! (hours for Reserved Instances, dollars for Savings Plans: never added up), and the unused
//! commitment in dollars, which both kinds of commitment waste in the same currency.

use crate::coverage::{band, Band, ValidQuery};
use crate::numbers;

use super::{Measure, Table, View};

/// One cell of the strip.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// "RI coverage", …, "Unused commitment".
    pub title: &'static str,
    /// The figure as people read it; `None`: not fetched for this query yet.
    pub text: Option<String>,
    /// Against the view's target (`Band::None` for the dollar cell).
    pub band: Band,
    /// What the figure counts, or how it was worked out.
    pub note: String,
    /// The view this cell comes from (`None`: the unused-commitment cell).
    pub view: Option<View>,
}

/// What identifies an answer for the strip: the view's period, granularity, filter and split.
/// A stored table counts for the strip only while the form still asks the same.
pub fn answer_key(query: &ValidQuery) -> String {
    format!(
        "{}|{:?}|{:?}|{}",
        query.view.slug(),
        query.period,
        query.granularity,
        query
            .filter
            .as_ref()
            .map(|f| f.to_json())
            .unwrap_or_default(),
    ) + &query.split.as_ref().map(|s| s.slug()).unwrap_or_default()
}

/// The strip for the tables fetched so far (`tables[i]` answers `View::ALL[i]`, or `None`),
/// against the coverage and utilization targets.
pub fn strip(
    tables: [Option<&Table>; 4],
    coverage_target: f64,
    utilization_target: f64,
) -> Vec<Cell> {
    let mut cells: Vec<Cell> = View::ALL
        .iter()
        .zip(tables)
        .map(|(view, table)| {
            let target = match view.measure() {
                Measure::Coverage => coverage_target,
                Measure::Utilization => utilization_target,
            };
            let percent = table.and_then(Table::period_percent);
            let unit = match view {
                View::RiCoverage => "of running hours",
                View::RiUtilization => "of purchased hours",
                View::SpCoverage => "of eligible spend",
                View::SpUtilization => "of the commitment",
            };
            Cell {
                title: view.label(),
                text: table.map(|_| {
                    percent.map_or_else(|| view.empty_words().to_owned(), numbers::percent)
                }),
                band: band(percent, target),
                // The colour's meaning in words too.
                note: match (table, percent) {
                    (None, _) => "Not fetched for this query".to_owned(),
                    (Some(_), None) => format!("{unit}; target {}", numbers::percent(target)),
                    (Some(_), Some(_)) => format!(
                        "{unit}; target {}: {}",
                        numbers::percent(target),
                        view.band_words(band(percent, target))
                    ),
                },
                view: Some(*view),
            }
        })
        .collect();
    let ri = tables[1].and_then(Table::unused_usd);
    let sp = tables[3].and_then(Table::unused_usd);
    let parts: Vec<String> = [("Reserved Instances", ri), ("Savings Plans", sp)]
        .iter()
        .filter_map(|(name, v)| v.map(|v| format!("{name} {}", numbers::usd(v))))
        .collect();
    cells.push(Cell {
        title: "Unused commitment",
        text: (ri.is_some() || sp.is_some())
            .then(|| numbers::usd(ri.unwrap_or(0.0) + sp.unwrap_or(0.0))),
        band: Band::None,
        note: match (ri.is_some(), sp.is_some()) {
            (false, false) => "Fetch RI or Savings Plans utilization".to_owned(),
            (true, true) => parts.join(" + "),
            (true, false) => format!("{}; Savings Plans not fetched", parts.join("")),
            (false, true) => format!("{}; Reserved Instances not fetched", parts.join("")),
        },
        view: None,
    });
    cells
}

/// The fetched views' percentages over time, one line each, named by the view, on one time
/// axis (every period any of them has, in order; a view without a period has a gap there).
/// Percentages of different things side by side, never summed.
pub fn side_by_side(tables: [Option<&Table>; 4]) -> Vec<crate::coverage::Series> {
    let lines: Vec<(View, crate::coverage::Series)> = View::ALL
        .iter()
        .zip(tables)
        .filter_map(|(v, t)| t?.overall().map(|s| (*v, s)))
        .collect();
    let mut dates: Vec<String> = lines
        .iter()
        .flat_map(|(_, s)| s.points.iter().map(|(d, _)| d.clone()))
        .collect();
    crate::sort::sort(&mut dates);
    dates.dedup();
    lines
        .into_iter()
        .map(|(v, s)| crate::coverage::Series {
            name: v.label().to_owned(),
            others: false,
            points: dates
                .iter()
                .map(|d| {
                    let p = s.points.iter().find(|(x, _)| x == d).and_then(|(_, p)| *p);
                    (d.clone(), p)
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ce::Amount;
    use crate::commitments::{Row, Total};

    fn table(view: View, figures: &[(usize, &str)]) -> Table {
        let mut all = vec![None; view.layout().columns.len()];
        for (i, t) in figures {
            all[*i] = Amount::parse(t, false);
        }
        Table {
            view,
            rows: vec![Row {
                start: "2026-11-01".into(),
                end: "2026-11-02".into(),
                group: None,
                figures: all.clone(),
            }],
            total: Some(Total {
                figures: all,
                computed: false,
            }),
        }
    }

    #[test]
    fn each_figure_appears_only_once_fetched_and_dollars_add_up_across_kinds() {
        let cells = strip([None, None, None, None], 80.0, 80.0);
        assert_eq!(cells.len(), 5);
        assert!(cells.iter().all(|c| c.text.is_none()), "{cells:?}");
        let ri = table(
            View::RiUtilization,
            &[(0, "75"), (2, "8"), (3, "6"), (14, "12.5")],
        );
        let sp = table(View::SpUtilization, &[(0, "90"), (3, "7.5")]);
        let cells = strip([None, Some(&ri), None, Some(&sp)], 80.0, 85.0);
        assert_eq!(cells[1].text.as_deref(), Some("75.00\u{a0}%"));
        assert!(
            cells[1].note.ends_with(": below target"),
            "{}",
            cells[1].note
        );
        assert!(
            cells[3].note.ends_with(": at or above target"),
            "{}",
            cells[3].note
        );
        // Side by side: one line per fetched view, named by it, on one time axis.
        let lines = side_by_side([None, Some(&ri), None, Some(&sp)]);
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["RI utilization", "Savings Plans utilization"]);
        assert_eq!(lines[0].points, [("2026-11-01".to_owned(), Some(75.0))]);
        // A view with nothing to count has a gap, not a zero.
        assert_eq!(lines[1].points, [("2026-11-01".to_owned(), None)]);
        assert_eq!(cells[1].band, Band::Below);
        assert_eq!(cells[3].band, Band::Met);
        assert!(cells[0].text.is_none() && cells[2].text.is_none());
        assert_eq!(cells[4].text.as_deref(), Some("$20.00"));
        assert_eq!(
            cells[4].note,
            "Reserved Instances $12.50 + Savings Plans $7.50"
        );
    }
}
