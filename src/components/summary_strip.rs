use leptos::prelude::*;

use crate::commitments::Cell;

/// The period's four figures and the unused commitment, each in its own terms; a figure
/// not fetched for this query says so. `fetch_all` (with its cost in its words) asks for the
/// missing ones.
#[component]
pub fn SummaryStrip(
    /// The cells, in order.
    cells: Signal<Vec<Cell>>,
    /// "Fetch all four (3 requests, USD 0.03)", or why it can't run.
    fetch_label: Signal<String>,
    /// Whether the button works now.
    fetch_enabled: Signal<bool>,
    /// Runs the missing views.
    on_fetch_all: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="summary-strip" aria-label="Summary: the four figures and unused commitment">
            <ul>
                {move || cells.get().into_iter().map(|c| {
                    // Colour only a fetched percentage against its target.
                    let class = match (&c.text, c.view) {
                        (Some(_), Some(_)) => format!("strip-cell {}", c.band.class()),
                        (Some(_), None) => "strip-cell".to_owned(),
                        (None, _) => "strip-cell not-fetched".to_owned(),
                    };
                    view! {
                        <li class=class data-view=c.view.map(|v| v.slug()).unwrap_or("unused")>
                            <span class="strip-title">{c.title}</span>
                            <strong class="strip-value">{c.text.unwrap_or_else(|| "—".into())}</strong>
                            <span class="strip-note">{c.note}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="toolbar">
                <button type="button" id="fetch-all-four" disabled=move || !fetch_enabled.get()
                    on:click=move |_| on_fetch_all.run(())>{move || fetch_label.get()}</button>
            </div>
        </section>
    }
}
