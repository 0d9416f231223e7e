use std::time::Duration;

use leptos::prelude::*;

use super::coverage_jobs::dimension_values;
use super::{focus_after_render, ErrorPanel, Session};
use crate::aws::ce::DateInterval;
use crate::filter::{
    values_context, values_dimension, ConditionKind, Dimension, DraftCondition, FilterDraft,
    Operation,
};
use crate::jobs::CallError;
use crate::shell::JobSlot;

/// How long typing must pause before Cost Explorer is asked (each request costs USD 0.01).
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The values of one condition: chosen values as removable chips, free text, and for a
/// dimension a searchable list fed by GetDimensionValues (the context of the operation's data:
/// reservations or Savings Plans; the query's period), asked only once the field is used,
/// debounced, and cached for the session.
#[component]
pub fn ValuePicker(
    /// The condition's position in the form.
    index: usize,
    /// The whole form.
    draft: RwSignal<FilterDraft>,
    /// The operation the filter is for (which data the values come from).
    operation: Signal<Operation>,
    /// The query's period (`None` while the dates are invalid: no suggestions then).
    period: Signal<Option<DateInterval>>,
) -> impl IntoView {
    let session = Session::get();
    let input_id = format!("cond-{index}-value");
    let search = RwSignal::new(String::new());
    let used = RwSignal::new(false);
    let suggestions = RwSignal::new(None::<Result<Vec<String>, CallError>>);
    let loading = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let sequence = StoredValue::new(0u32);
    // The lookup in flight: a newer search, removing the row, or leaving the view cancels it.
    let lookup = JobSlot::new();

    let edit = move |f: &dyn Fn(&mut DraftCondition)| {
        draft.update(|d| {
            if let Some(c) = d.conditions.get_mut(index) {
                f(c);
            }
        })
    };
    let values = move || {
        draft.with(|d| {
            d.conditions
                .get(index)
                .map(|c| c.values.clone())
                .unwrap_or_default()
        })
    };
    let add = move |value: String| {
        let value = value.trim().to_owned();
        if !value.is_empty() {
            edit(&|c| {
                if !c.values.contains(&value) {
                    c.values.push(value.clone());
                }
            });
        }
    };
    let remove = move |value: String| edit(&|c| c.values.retain(|v| *v != value));
    let dimension = Memo::new(move |_| {
        draft.with(|d| {
            d.conditions
                .get(index)
                .filter(|c| c.kind == ConditionKind::Dimension && !c.key.is_empty())
                .map(|c| c.key.clone())
        })
    });

    // Ask Cost Explorer once typing pauses; a later answer never overwrites a newer one.
    Effect::new(move |_| {
        let text = search.get();
        let wanted = (
            used.get(),
            dimension.get(),
            period.get(),
            session.connection.with(Option::is_some),
        );
        // The view's context when asked; switching views alone sends nothing (each lookup is
        // billed), the next search uses the new view's.
        let context = values_context(operation.get_untracked());
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let (true, Some(name), Some(period), true) = wanted else {
            suggestions.set(None);
            return;
        };
        // A dimension this build does not know is never sent (the rules flag it).
        let wire = values_dimension(&Dimension::parse(&name));
        if matches!(wire, Dimension::Unknown(_)) {
            suggestions.set(Some(Ok(Vec::new())));
            return;
        }
        sequence.update_value(|n| *n += 1);
        let mine = sequence.get_value();
        // The row may be gone (removed, or the form re-read from a link) when the timer fires
        // or the answer arrives: `try_` accessors then do nothing instead of panicking.
        let handle = set_timeout_with_handle(
            move || {
                if loading.try_set(true).is_some() {
                    return;
                }
                let Some(handle) = lookup.start() else {
                    return;
                };
                leptos::task::spawn_local(async move {
                    let result =
                        dimension_values(session, wire, context, &period, &text, &handle).await;
                    if sequence.try_get_value() == Some(mine) {
                        let _ = loading.try_set(false);
                        if let Ok(result) = result {
                            let _ = suggestions.try_set(Some(result));
                        }
                    }
                });
            },
            DEBOUNCE,
        )
        .ok();
        timer.set_value(handle);
    });

    on_cleanup(move || {
        if let Some(Some(handle)) = timer.try_get_value() {
            handle.clear();
        }
    });

    let chip_focus = input_id.clone();
    let chips = move || {
        values()
            .into_iter()
            .map(|v| {
                let label = format!("Remove value {v}");
                let value = v.clone();
                let input = chip_focus.clone();
                view! {
                    <li class="chip">{v}" "
                        <button type="button" aria-label=label on:click=move |_| {
                            remove(value.clone());
                            // The chip goes; the keyboard goes on from the value field.
                            focus_after_render(input.clone());
                        }>"×"</button>
                    </li>
                }
            })
            .collect_view()
    };
    let list = move || {
        let chosen = values();
        let text = search.get().trim().to_ascii_lowercase();
        match suggestions.get() {
            None => None,
            Some(Err(e)) => Some(view! { <ErrorPanel error=e /> }.into_any()),
            Some(Ok(all)) => {
                let shown: Vec<String> = all
                    .into_iter()
                    .filter(|v| text.is_empty() || v.to_ascii_lowercase().contains(&text))
                    .collect();
                if shown.is_empty() {
                    return Some(
                        view! { <p class="hint">"Cost Explorer lists no matching values for this period; type one and press Enter."</p> }
                            .into_any(),
                    );
                }
                Some(
                    view! {
                        <ul class="suggestions" aria-label="Values Cost Explorer knows">
                            {shown.into_iter().map(|v| {
                                let on = chosen.contains(&v);
                                let value = v.clone();
                                view! {
                                    <li><label>
                                        <input type="checkbox" prop:checked=on on:change=move |ev| {
                                            if event_target_checked(&ev) { add(value.clone()) } else { remove(value.clone()) }
                                        } />
                                        {format!(" {v}")}
                                    </label></li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                )
            }
        }
    };
    let hint = move || {
        let is_dimension = dimension.get().is_some();
        let connected = session.connection.with(Option::is_some);
        match (is_dimension, connected) {
            (true, false) => Some("Connect to pick from the values Cost Explorer knows; you can type values meanwhile."),
            (true, true) if period.get().is_none() => Some("Fix the period to see the values Cost Explorer knows."),
            _ => None,
        }
    };

    view! {
        <div class="value-picker">
            <label for=input_id.clone()>"Values (any of them matches)"</label>
            <ul class="chips" aria-label="Chosen values">{chips}</ul>
            <div class="picker-input">
                <input id=input_id type="text" autocomplete="off" spellcheck="false"
                    placeholder="Search, or type a value and press Enter"
                    prop:value=move || search.get()
                    on:focus=move |_| used.set(true)
                    on:input=move |ev| { used.set(true); search.set(event_target_value(&ev)); }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add(search.get_untracked());
                            search.set(String::new());
                        }
                    } />
                <button type="button" on:click=move |_| { add(search.get_untracked()); search.set(String::new()); }>"Add value"</button>
            </div>
            {move || hint().map(|h| view! { <p class="hint">{h}</p> })}
            <Show when=move || loading.get()>
                <p class="progress" role="status">"Asking Cost Explorer for values…"</p>
            </Show>
            {list}
        </div>
    }
}
