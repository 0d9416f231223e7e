use std::sync::Arc;

use leptos::prelude::*;

use super::download_text;
use super::table_html::{push_row, Cell};
use crate::aws::ce::Coverage;
use crate::chart::{
    coverage_lines_svg, coverage_stack_svg, css_colour, series_colour, ON_DEMAND, RESERVED,
};
use crate::coverage::{
    band, coverage_csv, coverage_series, figures, hours_percent, stacks, CoverageRow, Metric,
    SplitKey, COLUMNS, KINDS,
};
use crate::numbers;

/// How many groups get their own line; the rest are "Others".
const TOP_GROUPS: usize = 10;

/// Table rows shown at once (a split over a year is tens of thousands of rows; the CSV has all).
const PAGE_ROWS: usize = 500;

/// A finished coverage query, as the results show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// One row per period (and group); shared, so passing the result around copies nothing.
    pub rows: Arc<Vec<CoverageRow>>,
    /// AWS's `Total` for the whole query (unsplit queries).
    pub total: Option<Coverage>,
    /// Target, percent.
    pub target: f64,
    /// What the stacked chart shows.
    pub metric: Metric,
    /// How the query was split.
    pub split: Option<SplitKey>,
    /// Requests sent to AWS for this result (0: all from the session's cache or demo data).
    pub sent: u32,
}

/// Charts, table and CSV of a coverage result, sized to `width` pixels.
#[component]
pub fn CoverageResults(outcome: Outcome, width: Signal<u32>) -> impl IntoView {
    let series = coverage_series(&outcome.rows, TOP_GROUPS);
    let stack = stacks(&outcome.rows, outcome.metric);
    let target = outcome.target;
    let unit = match outcome.metric {
        Metric::Hours => "hours",
        Metric::NormalizedUnits => "normalized units",
        Metric::Cost => "USD on demand",
    };
    let legend: Vec<(String, String)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (css_colour(series_colour(&series, i)), s.name.clone()))
        .collect();
    let lines = {
        let series = series.clone();
        move || coverage_lines_svg(&series, target, width.get(), 320)
    };
    let stacked = move || coverage_stack_svg(&stack, unit, width.get(), 260);
    let all = outcome.rows.clone();
    let count = all.len();
    let first = RwSignal::new(0usize);
    let table = {
        let all = all.clone();
        let total = outcome.total.clone();
        Memo::new(move |_| {
            let start = first.get().min(count.saturating_sub(1));
            let end = (start + PAGE_ROWS).min(count);
            table_html(&all[start..end], total.as_ref(), target)
        })
    };
    let pager = move || {
        (count > PAGE_ROWS).then(|| {
            let start = first.get();
            let end = (start + PAGE_ROWS).min(count);
            view! {
                <div class="toolbar pager">
                    <button type="button" disabled=move || first.get() == 0
                        on:click=move |_| first.update(|f| *f = f.saturating_sub(PAGE_ROWS))>"Previous rows"</button>
                    <span role="status">{format!(
                        "Rows {}–{} of {}",
                        numbers::count(start as u64 + 1),
                        numbers::count(end as u64),
                        numbers::count(count as u64)
                    )}</span>
                    <button type="button" disabled=move || first.get() + PAGE_ROWS >= count
                        on:click=move |_| first.update(|f| *f += PAGE_ROWS)>"Next rows"</button>
                </div>
            }
        })
    };
    let csv_rows = all;
    let csv_total = outcome.total.clone();
    let export = move |_| {
        download_text(
            "reservation-coverage.csv",
            "text/csv",
            &coverage_csv(&csv_rows, csv_total.as_ref()),
        )
    };
    let groups = series.len();
    let rows = outcome.rows.len();
    let summary = format!(
        "{} row{} · {} · {}",
        numbers::count(rows as u64),
        if rows == 1 { "" } else { "s" },
        match &outcome.split {
            None => "all usage".to_owned(),
            Some(s) => format!(
                "split by {} ({groups} line{})",
                s.describe(),
                if groups == 1 { "" } else { "s" }
            ),
        },
        match outcome.sent {
            0 =>
                "no request sent: answered from this session's cache or the sample data".to_owned(),
            n => format!("{n} request{} sent", if n == 1 { "" } else { "s" }),
        }
    );

    // Swatch colours go through `style:` (CSSOM), which the page's Content-Security-Policy
    // allows; a `style="…"` attribute would need 'unsafe-inline'.
    view! {
        <section class="coverage-results" aria-label="Coverage results">
            <p class="count" role="status">{summary}</p>
            <figure class="chart" aria-describedby="coverage-table-caption">
                <figcaption>"Coverage of running hours over time (UTC dates); the dashed line is the target. Hover a day for exact values."</figcaption>
                <div inner_html=lines></div>
                <ul class="legend" aria-label="Lines">
                    {legend.into_iter().map(|(colour, name)| view! {
                        <li><span class="swatch" style:background=colour></span>{name}</li>
                    }).collect_view()}
                </ul>
            </figure>
            <figure class="chart" aria-describedby="coverage-table-caption">
                <figcaption>{format!("Reserved and on-demand {unit} per period (UTC dates).")}</figcaption>
                <div inner_html=stacked></div>
                <ul class="legend" aria-label="Stacks">
                    <li><span class="swatch" style:background=css_colour(RESERVED)></span>"Reserved"</li>
                    <li><span class="swatch" style:background=css_colour(ON_DEMAND)></span>"On demand"</li>
                </ul>
                {(outcome.metric == Metric::Cost).then(|| view! {
                    <p class="hint">"Cost Explorer's coverage reports on-demand cost only; reserved cost is not part of this answer."</p>
                })}
            </figure>
            <div class="toolbar">
                <button type="button" on:click=export>"Export CSV"</button>
            </div>
            {pager}
            <div class="table-wrap" tabindex="0" role="region" aria-label="Coverage table (scrolls sideways)">
                <table class="data coverage-table">
                    <caption id="coverage-table-caption">"Every figure of the charts, per period: rounded for reading; hover one for AWS's exact text, which the CSV keeps."</caption>
                    <thead inner_html=move || table.with(|t| t.0.clone())></thead>
                    <tbody inner_html=move || table.with(|t| t.1.clone())></tbody>
                    <tfoot inner_html=move || table.with(|t| t.2.clone())></tfoot>
                </table>
            </div>
        </section>
    }
}

/// The table as HTML: AWS's exact strings, coverage coloured against the target.
fn table_html(
    rows: &[CoverageRow],
    total: Option<&Coverage>,
    target: f64,
) -> (String, String, String) {
    let grouped = rows.iter().any(|r| r.group.is_some());
    let mut head =
        String::from("<tr><th scope=\"col\">Start</th><th scope=\"col\">End (exclusive)</th>");
    if grouped {
        head.push_str("<th scope=\"col\">Group</th>");
    }
    for c in COLUMNS {
        head.push_str(&format!("<th scope=\"col\" class=\"num\">{c}</th>"));
    }
    head.push_str("</tr>");
    let mut body = String::new();
    for r in rows {
        push(
            &mut body,
            &r.start,
            &r.end,
            grouped.then(|| r.group.as_deref().unwrap_or("")),
            &r.coverage,
            target,
        );
    }
    let mut foot = String::new();
    if let Some(t) = total {
        push(&mut foot, "Total", "", grouped.then_some(""), t, target);
    }
    (head, body, foot)
}

fn push(html: &mut String, start: &str, end: &str, group: Option<&str>, c: &Coverage, target: f64) {
    let b = band(hours_percent(c), target);
    let class = format!("band {}", b.class());
    let figures = figures(c);
    // People read rounded, grouped figures; AWS's exact text is on hover (and in the CSV).
    let texts: Vec<(String, String)> = figures
        .iter()
        .zip(KINDS)
        .map(|(a, kind)| {
            a.map(|a| (numbers::format(a.value, kind), format!("AWS: {}", a.text)))
                .unwrap_or_default()
        })
        .collect();
    let first_title = match figures[0] {
        Some(_) => format!("{} · {}", b.words(), texts[0].1),
        None => b.words().to_owned(),
    };
    let mut cells = vec![Cell::Heading(start), Cell::Text(end)];
    if let Some(g) = group {
        cells.push(Cell::Text(g));
    }
    cells.push(Cell::Number {
        text: &texts[0].0,
        title: Some(&first_title),
        class: Some(&class),
    });
    cells.extend(texts[1..].iter().map(|(text, title)| Cell::Number {
        text,
        title: (!title.is_empty()).then_some(title.as_str()),
        class: None,
    }));
    push_row(html, None, None, &cells);
}
