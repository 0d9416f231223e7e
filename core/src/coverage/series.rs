//! Coverage figures in column order, bands against a target, and the chart's line and stack
//! shapes; the rows, lines and CSV of every view are `commitments::Table`'s.

use crate::aws::ce::{Amount, Coverage};

/// The nine figures of `c` in RI coverage's column order (`commitments::View::layout`;
/// `None` where AWS sent nothing).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ce::{
        CoverageByTime, CoverageCost, CoverageGroup, CoverageHours, DateInterval,
        ReservationCoveragePage,
    };
    use crate::commitments::{coverage_figures, ri_coverage_table, Row, Table, View};
    use crate::coverage::Metric;

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
        let table = ri_coverage_table(&pages, None);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].start, "2026-11-02");
        assert_eq!(table.period_percent(), Some(40.0));
        let series = table.series(10);
        assert_eq!(series.len(), 1);
        assert_eq!(series[0].name, "All usage");
        assert_eq!(
            series[0].points,
            [
                ("2026-11-01".into(), Some(60.0)),
                ("2026-11-02".into(), Some(0.0))
            ]
        );
        let csv = table.csv();
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
                    attributes: crate::aws::ce::Attributes::from_pairs([(
                        "instanceType",
                        "=m5.large",
                    )]),
                    coverage: Some(cov("1", "1")),
                }],
                total: None,
            }],
            ..Default::default()
        };
        let table = ri_coverage_table(&[page], None);
        assert_eq!(table.rows[0].group.as_deref(), Some("=m5.large"));
        // Formula-looking names from other accounts are neutralised in the CSV.
        assert!(table.csv().contains(",'=m5.large,"));
    }

    fn table(rows: &[(&str, &str, &str)]) -> Table {
        Table {
            view: View::RiCoverage,
            rows: rows
                .iter()
                .map(|(g, r, o)| Row {
                    start: "2026-11-01".into(),
                    end: "2026-11-02".into(),
                    group: Some((*g).into()),
                    figures: coverage_figures(&cov(r, o)),
                })
                .collect(),
            total: None,
        }
    }

    #[test]
    fn others_re_add_hours_instead_of_averaging_percentages() {
        // Weights: big 100 h, mid 10 h, a 1 h, b 9 h.
        let t = table(&[
            ("a", "1", "0"),
            ("big", "50", "50"),
            ("b", "0", "9"),
            ("mid", "10", "0"),
        ]);
        let s = t.series(2);
        let names: Vec<_> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["big", "mid", "Others (2)"]);
        // Others: 1 reserved of 10 running = 10%, not the mean of 100% and 0%.
        assert_eq!(s[2].points[0].1, Some(10.0));
    }

    #[test]
    fn stacks_per_metric() {
        let t = table(&[("a", "6", "4")]);
        assert_eq!(
            t.stacks(Metric::Hours),
            [Stack {
                start: "2026-11-01".into(),
                reserved: 6.0,
                on_demand: 4.0
            }]
        );
        assert_eq!(t.stacks(Metric::Cost)[0].reserved, 0.0);
        assert!((t.stacks(Metric::Cost)[0].on_demand - 0.4).abs() < 1e-12);
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
