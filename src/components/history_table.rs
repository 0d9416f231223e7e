use leptos::prelude::*;

use super::download_text;
use super::table_html::{push_row, Cell};
use crate::history::{
    by_instance_type, default_sort, history_csv_rows, sort_history, Flag, HistoryColumn,
    HistoryRow, Window,
};
use crate::reservations::{Direction, Sort};

/// A sortable table of reservations with their history (the list's, or the organization's from
/// Capacity Manager), idle and underused ones flagged, with its totals per instance type and a
/// CSV of what is shown.
#[component]
pub fn HistoryTable(
    /// The rows, flagged.
    rows: Signal<Vec<HistoryRow>>,
    /// The columns shown.
    columns: &'static [HistoryColumn],
    /// What the table is, for its caption and file name.
    caption: &'static str,
    file: &'static str,
    /// The window the figures cover (for the roll-up's reserved hours).
    window: Window,
    /// Whether the totals per instance type follow (the list's own reservations). The rows
    /// don't link: the reservations list above links each one already.
    rollup: bool,
) -> impl IntoView {
    let sort = RwSignal::new(default_sort());
    let flagged_only = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        let mut rows: Vec<HistoryRow> = rows.get();
        if flagged_only.get() {
            rows.retain(|r| matches!(r.figures.flag, Flag::Idle | Flag::Underused));
        }
        sort_history(&mut rows, sort.get());
        rows
    });
    let export = move |_| {
        let csv = shown.with_untracked(|rows| history_csv_rows(rows, columns));
        download_text(file, "text/csv", &csv);
    };
    let header = move |column: HistoryColumn| {
        let aria = move || {
            let s = sort.get();
            (s.column == column).then_some(match s.direction {
                Direction::Ascending => "ascending",
                Direction::Descending => "descending",
            })
        };
        view! {
            <th scope="col" class:num=column.numeric() aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                    *s = if s.column == column { Sort::new(column, s.direction.flipped()) } else { Sort::new(column, Direction::Descending) };
                })>{column.title()}</button>
            </th>
        }
    };
    let body = move || {
        shown.with(|rows| {
            let mut html = String::new();
            for r in rows {
                let texts: Vec<String> = columns.iter().map(|c| c.display(r)).collect();
                let class = match r.figures.flag {
                    Flag::Idle => Some("flag-idle"),
                    Flag::Underused => Some("flag-underused"),
                    _ => None,
                };
                let cells: Vec<Cell<'_>> = columns
                    .iter()
                    .zip(&texts)
                    .map(|(c, text)| match c {
                        HistoryColumn::Reservation => Cell::Heading(text),
                        HistoryColumn::Flag if !text.is_empty() => Cell::Badge {
                            class: "flag",
                            title: text,
                            text,
                        },
                        c if c.numeric() => Cell::Number {
                            text,
                            title: None,
                            class: None,
                        },
                        _ => Cell::Text(text),
                    })
                    .collect();
                push_row(&mut html, class, None, &cells);
            }
            html
        })
    };
    let rollup_view = move || {
        rows.with(|rows| {
            let types = by_instance_type(
                rows.iter().map(|r| {
                    (r.instance_type.as_deref().unwrap_or(""), r.instances, &r.figures)
                }),
                &window,
            );
            let mut html = String::new();
            for t in &types {
                let texts = [
                    crate::numbers::count(t.reservations as u64),
                    crate::history::hours_text(t.reserved_hours),
                    crate::history::hours_text(t.unused_hours),
                    t.utilization().map(crate::numbers::percent).unwrap_or_default(),
                    crate::numbers::count(t.idle as u64),
                    crate::numbers::count(t.underused as u64),
                ];
                let mut cells = vec![Cell::Heading(&t.instance_type)];
                cells.extend(texts.iter().map(|text| Cell::Number { text, title: None, class: None }));
                push_row(&mut html, None, None, &cells);
            }
            (!types.is_empty()).then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="History per instance type (scrolls sideways)">
                    <table class="data history-rollup">
                        <caption>"Per instance type, over the same range"</caption>
                        <thead><tr><th scope="col">"Instance type"</th><th scope="col" class="num">"Reservations"</th><th scope="col" class="num">"Reserved instance-hours"</th><th scope="col" class="num">"Unused instance-hours"</th><th scope="col" class="num">"Utilization"</th><th scope="col" class="num">"Idle"</th><th scope="col" class="num">"Underused"</th></tr></thead>
                        <tbody inner_html=html></tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        <div class="toolbar">
            <label><input type="checkbox" prop:checked=move || flagged_only.get()
                on:change=move |ev| flagged_only.set(event_target_checked(&ev)) />" Only idle and underused"</label>
            <button type="button" on:click=export>"Export CSV"</button>
        </div>
        <div class="table-wrap" tabindex="0" role="region" aria-label=format!("{caption} (scrolls sideways)")>
            <table class="data history-list">
                <caption>{caption}</caption>
                <thead><tr>{columns.iter().map(|c| header(*c)).collect_view()}</tr></thead>
                <tbody inner_html=body></tbody>
            </table>
        </div>
        {rollup.then_some(rollup_view)}
    }
}
