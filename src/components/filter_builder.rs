use leptos::prelude::*;

use super::{focus_after_render, FilterCondition, FilterJson};
use crate::aws::ce::DateInterval;
use crate::filter::{
    allows_cost_categories, allows_tags, check, coverage_note, ConditionKind, DraftCondition,
    FilterDraft, Grouping, Operation, Severity, Violation,
};

/// The checks of the form's filter for `operation` (empty when there is no filter).
pub fn violations_of(draft: &FilterDraft, operation: Operation) -> Vec<Violation> {
    draft
        .to_expression()
        .map(|e| check(&e, operation))
        .unwrap_or_default()
}

/// The Cost Explorer filter form: conditions (dimension, tag or cost category), how they
/// combine, live checks against `operation`'s rules, and the JSON panel. It offers only what
/// the operation accepts (its dimensions, tags and cost categories where it takes them, its
/// ways to combine); what the form holds beyond that (a link, an import) is shown with its
/// problem, never hidden.
#[component]
pub fn FilterBuilder(
    /// The form's state, owned by the page (it is also in the URL).
    draft: RwSignal<FilterDraft>,
    /// Which operation the filter is for (the Commitments area's view).
    #[prop(into)]
    operation: Signal<Operation>,
    /// The query's period, for the value picker (`None` while the dates are invalid).
    period: Signal<Option<DateInterval>>,
) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| d.conditions.len()));
    let violations = Signal::derive(move || draft.with(|d| violations_of(d, operation.get())));
    // A new condition takes the focus (its first control), so the keyboard goes on from there.
    let add = move |kind: ConditionKind| {
        let index = draft.with_untracked(|d| d.conditions.len());
        draft.update(|d| {
            d.conditions.push(DraftCondition {
                kind,
                ..Default::default()
            })
        });
        focus_after_render(format!("cond-{index}-kind"));
    };
    let groupings = move || {
        let current = draft.with(|d| d.grouping);
        let mut all = Grouping::allowed_for(operation.get()).to_vec();
        if !all.contains(&current) {
            all.push(current);
        }
        all.into_iter()
            .map(|g| {
                view! { <option value=g.label() selected=move || draft.with(|d| d.grouping == g)>{g.label()}</option> }
            })
            .collect_view()
    };
    let set_grouping = move |ev: leptos::ev::Event| {
        let label = event_target_value(&ev);
        if let Some(g) = [Grouping::AllOf, Grouping::AnyOf, Grouping::NoneOf]
            .into_iter()
            .find(|g| g.label() == label)
        {
            draft.update(|d| d.grouping = g);
        }
    };
    // Problems about the whole filter (how conditions combine), not about one condition.
    let general = move || {
        violations
            .get()
            .into_iter()
            .filter(|v| draft.with(|d| d.condition_of(&v.path).is_none()))
            .map(|v| view! { <li class=severity_class(v.severity)>{v.message}</li> })
            .collect_view()
    };
    let note = move || {
        (operation.get() == Operation::GetReservationCoverage)
            .then(|| draft.with(|d| coverage_note(d.to_expression().as_ref())))
            .flatten()
    };

    view! {
        <fieldset class="filter-builder">
            <legend>"Filter"</legend>
            {move || note().map(|n| view! { <p class="hint service-note">{n}</p> })}
            <div class="field inline">
                <label for="filter-grouping">"Conditions that must hold"</label>
                <select id="filter-grouping" on:change=set_grouping>{groupings}</select>
            </div>
            <ol class="conditions">
                // Keyed by position: adding a condition keeps the rows above as they are (their
                // search text, their pending lookups); removing one re-reads the rows after it.
                <For each=move || 0..count.get() key=|index| *index let(index)>
                    <FilterCondition index=index draft=draft operation=operation violations=violations period=period />
                </For>
            </ol>
            <ul class="violations general">{general}</ul>
            <div class="toolbar">
                <button type="button" id="add-dimension-condition" on:click=move |_| add(ConditionKind::Dimension)>"Add dimension condition"</button>
                <Show when=move || allows_tags(operation.get())>
                    <button type="button" on:click=move |_| add(ConditionKind::Tag)>"Add tag condition"</button>
                </Show>
                <Show when=move || allows_cost_categories(operation.get())>
                    <button type="button" on:click=move |_| add(ConditionKind::CostCategory)>"Add cost category condition"</button>
                </Show>
            </div>
            <FilterJson draft=draft />
        </fieldset>
    }
}

/// The CSS class for a message of this severity.
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "field-error",
        Severity::Warning => "field-warning",
    }
}
