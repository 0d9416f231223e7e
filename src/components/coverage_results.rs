use std::sync::Arc;

use leptos::prelude::*;

use super::download_text;
use super::table_html::{push_row, Cell};
use crate::aws::ce::Amount;
use crate::chart::{
    css_colour, parts_stack_svg, percent_lines_svg, series_colour, LineWords, StackWords,
    ON_DEMAND, RESERVED,
};
use crate::commitments::{Table, View};
use crate::coverage::{band, Metric, SplitKey};
use crate::numbers;

/// How many groups get their own line; the rest are "Others".
const TOP_GROUPS: usize = 10;

/// Table rows shown at once (a split over a year is tens of thousands of rows; the CSV has all).
const PAGE_ROWS: usize = 500;

/// A finished query of one view, as the results show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The rows and total; shared, so passing the result around copies nothing.
    pub table: Arc<Table>,
    /// The view's target, percent.
    pub target: f64,
    /// What the stacked chart shows (RI coverage: hours, units or cost).
    pub metric: Metric,
    /// How the query was split.
    pub split: Option<SplitKey>,
    /// Requests sent to AWS for this result (0: all from the session's cache or demo data).
    pub sent: u32,
}

/// Charts, table and CSV of one view's result, sized to `width` pixels.
#[component]
pub fn CoverageResults(outcome: Outcome, width: Signal<u32>) -> impl IntoView {
    let table = outcome.table.clone();
    let view = table.view;
    let series = table.series(TOP_GROUPS);
    let stack = table.stacks(outcome.metric);
    let target = outcome.target;
    let names = view.stack_names(outcome.metric);
    let (first, second, unit) = (names.first, names.legend, names.unit);
    let legend: Vec<(String, String)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (css_colour(series_colour(&series, i)), s.name.clone()))
        .collect();
    let lines = {
        let series = series.clone();
        let words = LineWords {
            what: view.line_words(),
            empty: view.empty_words(),
        };
        move || percent_lines_svg(&series, Some(target), &words, width.get(), 320)
    };
    let words = StackWords {
        first,
        second: names.hover,
        unit,
        money: unit.starts_with("USD"),
        summary: format!(
            "{} and {} {unit} per period, stacked",
            first.unwrap_or("no reserved"),
            second.to_lowercase()
        ),
    };
    let stacked = move || parts_stack_svg(&stack, &words, width.get(), 260);
    let count = table.rows.len();
    let start_row = RwSignal::new(0usize);
    let html = {
        let table = table.clone();
        Memo::new(move |_| {
            let start = start_row.get().min(count.saturating_sub(1));
            let end = (start + PAGE_ROWS).min(count);
            table_html(&table, start..end, target)
        })
    };
    let pager = move || {
        (count > PAGE_ROWS).then(|| {
            let start = start_row.get();
            let end = (start + PAGE_ROWS).min(count);
            view! {
                <div class="toolbar pager">
                    <button type="button" disabled=move || start_row.get() == 0
                        on:click=move |_| start_row.update(|f| *f = f.saturating_sub(PAGE_ROWS))>"Previous rows"</button>
                    <span role="status">{format!(
                        "Rows {}–{} of {}",
                        numbers::count(start as u64 + 1),
                        numbers::count(end as u64),
                        numbers::count(count as u64)
                    )}</span>
                    <button type="button" disabled=move || start_row.get() + PAGE_ROWS >= count
                        on:click=move |_| start_row.update(|f| *f += PAGE_ROWS)>"Next rows"</button>
                </div>
            }
        })
    };
    let csv_table = table.clone();
    let export = move |_| download_text(view.csv_name(), "text/csv", &csv_table.csv());
    let groups = series.len();
    let summary = format!(
        "{} · {} row{} · {} · {}",
        view.label(),
        numbers::count(count as u64),
        if count == 1 { "" } else { "s" },
        match &outcome.split {
            None => view.all_name().to_lowercase(),
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
    let computed = table.total.as_ref().is_some_and(|t| t.computed);

    // Swatch colours go through `style:` (CSSOM), which the page's Content-Security-Policy
    // allows; a `style="…"` attribute would need 'unsafe-inline'.
    view! {
        <section class="coverage-results" aria-label=format!("{} results", view.label()) data-view=view.slug()>
            <p class="count" role="status">{summary}</p>
            <figure class="chart" aria-describedby="coverage-table-caption">
                <figcaption>{format!("{} over time (UTC dates); the dashed line is the target. Hover a period for exact values.", view.line_words())}</figcaption>
                <div inner_html=lines></div>
                <ul class="legend" aria-label="Lines">
                    {legend.into_iter().map(|(colour, name)| view! {
                        <li><span class="swatch" style:background=colour></span>{name}</li>
                    }).collect_view()}
                </ul>
            </figure>
            <figure class="chart" aria-describedby="coverage-table-caption">
                <figcaption>{format!("{} and {} {unit} per period (UTC dates).", first.unwrap_or("Reserved"), second.to_lowercase())}</figcaption>
                <div inner_html=stacked></div>
                <ul class="legend" aria-label="Stacks">
                    <li><span class="swatch" style:background=css_colour(RESERVED)></span>{first.unwrap_or("Reserved")}</li>
                    <li><span class="swatch" style:background=css_colour(ON_DEMAND)></span>{second}</li>
                </ul>
                {(view == View::RiCoverage && outcome.metric == Metric::Cost).then(|| view! {
                    <p class="hint">"Cost Explorer's coverage reports on-demand cost only; reserved cost is not part of this answer."</p>
                })}
            </figure>
            <div class="toolbar">
                <button type="button" on:click=export>"Export CSV"</button>
            </div>
            {pager}
            <div class="table-wrap" tabindex="0" role="region" aria-label=format!("{} table (scrolls sideways)", view.label())>
                <table class="data coverage-table">
                    <caption id="coverage-table-caption">"Every figure of the charts, per period: rounded for reading; hover one for AWS's exact text, which the CSV keeps."
                        {computed.then_some(" Cost Explorer sends no total for Savings Plans coverage: the total row adds up the rows and recomputes the percentage.")}</caption>
                    <thead inner_html=move || html.with(|t| t.0.clone())></thead>
                    <tbody inner_html=move || html.with(|t| t.1.clone())></tbody>
                    <tfoot inner_html=move || html.with(|t| t.2.clone())></tfoot>
                </table>
            </div>
        </section>
    }
}

/// The table as HTML: AWS's exact strings on hover, the percentage coloured against the
/// target.
fn table_html(
    table: &Table,
    range: std::ops::Range<usize>,
    target: f64,
) -> (String, String, String) {
    let columns = table.view.layout().columns;
    let grouped = table.rows.iter().any(|r| r.group.is_some());
    let mut head =
        String::from("<tr><th scope=\"col\">Start</th><th scope=\"col\">End (exclusive)</th>");
    if grouped {
        head.push_str("<th scope=\"col\">Group</th>");
    }
    for c in columns {
        head.push_str(&format!("<th scope=\"col\" class=\"num\">{}</th>", c.title));
    }
    head.push_str("</tr>");
    let mut body = String::new();
    for r in &table.rows[range] {
        push(
            &mut body,
            table.view,
            [&r.start, &r.end],
            grouped.then(|| r.group.as_deref().unwrap_or("")),
            &r.figures,
            target,
            false,
        );
    }
    let mut foot = String::new();
    if let Some(t) = &table.total {
        let label = if t.computed { "Total (sum)" } else { "Total" };
        push(
            &mut foot,
            table.view,
            [label, ""],
            grouped.then_some(""),
            &t.figures,
            target,
            t.computed,
        );
    }
    (head, body, foot)
}

fn push(
    html: &mut String,
    view: View,
    [start, end]: [&str; 2],
    group: Option<&str>,
    figures: &[Option<Amount>],
    target: f64,
    computed: bool,
) {
    let columns = view.layout().columns;
    let percent = figures.first().cloned().flatten();
    let b = band(percent.as_ref().map(|a| a.value), target);
    let class = format!("band {}", b.class());
    // People read rounded, grouped figures; AWS's exact text is on hover (and in the CSV).
    let texts: Vec<(String, String)> = figures
        .iter()
        .zip(columns)
        .map(|(a, c)| {
            a.as_ref()
                .map(|a| {
                    let source = if computed { "Summed here" } else { "AWS" };
                    (
                        numbers::format(a.value, c.kind),
                        format!("{source}: {}", a.text),
                    )
                })
                .unwrap_or_default()
        })
        .collect();
    let words = view.band_words(b);
    let first_title = match &percent {
        Some(_) => format!("{words} · {}", texts[0].1),
        None => words.to_owned(),
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
