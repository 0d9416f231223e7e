use leptos::prelude::*;

use super::CopyButton;
use crate::filter::{parse_filter, FilterDraft, ImportError};

/// The filter as AWS's JSON, live and copyable, and a box to import one (each problem named
/// with its JSON path; the pasted text stays until it imports).
#[component]
pub fn FilterJson(
    /// The form's state.
    draft: RwSignal<FilterDraft>,
) -> impl IntoView {
    let json = Signal::derive(move || {
        draft.with(|d| {
            d.to_expression()
                .map(|e| e.to_json_pretty())
                .unwrap_or_default()
        })
    });
    let pasted = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let import = move |_| match parse_filter(&pasted.get_untracked()) {
        Ok(expression) => match FilterDraft::from_expression(&expression) {
            Ok(new) => {
                draft.set(new);
                problems.set(Vec::new());
                pasted.set(String::new());
            }
            Err(e) => problems.set(vec![e.to_string()]),
        },
        Err(ImportError::Invalid(list)) => problems.set(
            list.iter()
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect(),
        ),
        Err(e) => problems.set(vec![e.to_string()]),
    };

    view! {
        <section class="filter-json" aria-label="Filter as JSON">
            <h2>"As JSON"</h2>
            <pre id="filter-json-out" class="json">
                {move || {
                    let text = json.get();
                    if text.is_empty() { "No filter: every usage counts.".to_owned() } else { text }
                }}
            </pre>
            <CopyButton label="Copy JSON" text=json />
            <div class="field">
                <label for="filter-import">"Paste a filter as JSON"</label>
                <textarea id="filter-import" rows="4" spellcheck="false"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </div>
            <button type="button" on:click=import>"Import JSON"</button>
            <div role="alert">
                <ul class="violations">
                    {move || problems.get().into_iter().map(|p| view! { <li class="field-error">{p}</li> }).collect_view()}
                </ul>
            </div>
        </section>
    }
}
