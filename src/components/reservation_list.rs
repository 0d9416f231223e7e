use leptos::prelude::*;

use super::table_html::{push_row, Cell};
use super::{download_text, CapacityStore};
use crate::aws::ec2::CapacityReservationState;
use crate::numbers;
use crate::reservations::{
    filter_and_sort, reservations_csv, Direction, ReservationColumn, RowFilter, Sort,
};
use crate::route::reservation_href;

/// The reservation list: sortable by any column, filtered by state, instance type and text;
/// idle reservations stand out; CSV export of what is shown.
#[component]
pub fn ReservationList() -> impl IntoView {
    let store = CapacityStore::get();
    let sort = RwSignal::new(Sort::new(ReservationColumn::Id, Direction::Ascending));
    let state = RwSignal::new(String::new());
    let instance_type = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());

    let filter = move || RowFilter {
        states: match state.get() {
            s if s.is_empty() => Default::default(),
            s => [CapacityReservationState::from_wire(&s)]
                .into_iter()
                .collect(),
        },
        instance_types: match instance_type.get() {
            t if t.is_empty() => Default::default(),
            t => [t].into_iter().collect(),
        },
        text: text.get(),
    };
    let types = move || {
        let mut t: Vec<String> = store.rows.with(|rows| {
            rows.iter()
                .filter_map(|r| r.instance_type.clone())
                .collect()
        });
        crate::sort::sort(&mut t);
        t.dedup();
        t
    };
    let export = move |_| {
        let f = filter();
        let csv = store
            .rows
            .with(|rows| reservations_csv(filter_and_sort(rows, &f, sort.get_untracked())));
        download_text("capacity-reservations.csv", "text/csv", &csv);
    };
    let header = move |column: ReservationColumn| {
        let aria = move || {
            let s = sort.get();
            (s.column == column).then_some(match s.direction {
                Direction::Ascending => "ascending",
                Direction::Descending => "descending",
            })
        };
        view! {
            <th scope="col" aria-sort=aria class:num=column.numeric()>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                    *s = if s.column == column { Sort::new(column, s.direction.flipped()) } else { Sort::new(column, Direction::Ascending) };
                })>{column.title()}</button>
            </th>
        }
    };
    let shown_columns = || {
        ReservationColumn::ALL
            .into_iter()
            .filter(|c| *c != ReservationColumn::Idle)
    };

    view! {
        <section class="reservations" aria-label="Reservations">
            <div class="toolbar">
                <div class="field inline">
                    <label for="state-filter">"State"</label>
                    <select id="state-filter" on:change=move |ev| state.set(event_target_value(&ev))>
                        <option value="">"All states"</option>
                        {CapacityReservationState::KNOWN.iter().map(|s| view! { <option value=*s>{*s}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field inline">
                    <label for="type-filter">"Instance type"</label>
                    <select id="type-filter" on:change=move |ev| instance_type.set(event_target_value(&ev))>
                        <option value="">"All types"</option>
                        {move || types().into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field inline">
                    <label for="text-filter">"Search"</label>
                    <input id="text-filter" type="search" placeholder="id, type, zone, tag, owner"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                </div>
                <button type="button" on:click=export>"Export CSV"</button>
            </div>
            {move || {
                let f = filter();
                // Until a listing has answered there is nothing to count ("0 of 0" would read
                // as "you have none"); the toolbar says what is happening.
                if store.loaded_for.with(Option::is_none) {
                    return None;
                }
                Some(store.rows.with(|rows| {
                    let shown = filter_and_sort(rows, &f, sort.get());
                    let count = format!(
                        "{} of {} reservations",
                        numbers::count(shown.len() as u64),
                        numbers::count(rows.len() as u64)
                    );
                    let mut body = String::new();
                    for row in shown {
                        let state_title = row.state.as_ref().map(|s| s.meaning()).unwrap_or("");
                        let state_class = format!("state state-{}", row.state_text());
                        let href = reservation_href(&row.region, &row.id);
                        let texts: Vec<String> = shown_columns().map(|c| c.display(row)).collect();
                        let cells: Vec<Cell> = shown_columns()
                            .zip(&texts)
                            .map(|(c, text)| match c {
                                ReservationColumn::Id => Cell::Link { href: &href, text },
                                ReservationColumn::State => Cell::Badge { class: &state_class, title: state_title, text },
                                c if c.numeric() => Cell::Number { text, title: None, class: None },
                                ReservationColumn::Tags => Cell::Wrap(text),
                                _ => Cell::Text(text),
                            })
                            .collect();
                        let (class, title) = if row.idle {
                            (Some("idle"), Some("Idle: active with no instances running"))
                        } else {
                            (None, None)
                        };
                        push_row(&mut body, class, title, &cells);
                    }
                    view! {
                        <p class="count" role="status">{count}</p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label="Reservations table (scrolls sideways)">
                            <table class="data">
                                <thead><tr>{shown_columns().map(header).collect_view()}</tr></thead>
                                <tbody inner_html=body></tbody>
                            </table>
                        </div>
                    }
                }))
            }}
        </section>
    }
}
