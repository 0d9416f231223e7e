use leptos::prelude::*;

use super::filter_builder::severity_class;
use super::{focus_after_render, ValuePicker};
use crate::aws::ce::DateInterval;
use crate::filter::{
    allows_cost_categories, allows_tags, dimensions_for, ConditionKind, FilterDraft, MatchOption,
    Operation, Violation,
};

/// The match options the form offers for a kind of condition (AWS's documented sets).
pub fn offered_options(kind: ConditionKind) -> &'static [MatchOption] {
    match kind {
        ConditionKind::Dimension => &[MatchOption::Equals, MatchOption::CaseSensitive],
        ConditionKind::Tag | ConditionKind::CostCategory => &[
            MatchOption::Equals,
            MatchOption::Absent,
            MatchOption::CaseSensitive,
        ],
    }
}

fn kind_label(kind: ConditionKind) -> &'static str {
    match kind {
        ConditionKind::Dimension => "Dimension",
        ConditionKind::Tag => "Tag",
        ConditionKind::CostCategory => "Cost category",
    }
}

const KINDS: [ConditionKind; 3] = [
    ConditionKind::Dimension,
    ConditionKind::Tag,
    ConditionKind::CostCategory,
];

/// One condition of the filter form: kind, key, values, match options, and its problems.
#[component]
pub fn FilterCondition(
    /// Its position in the form.
    index: usize,
    /// The whole form.
    draft: RwSignal<FilterDraft>,
    /// Which operation the filter is for.
    operation: Signal<Operation>,
    /// The filter's problems (this row shows its own).
    violations: Signal<Vec<Violation>>,
    /// The query's period, for the value picker.
    period: Signal<Option<DateInterval>>,
) -> impl IntoView {
    let id = move |part: &str| format!("cond-{index}-{part}");
    let kind = Memo::new(move |_| {
        draft.with(|d| d.conditions.get(index).map(|c| c.kind).unwrap_or_default())
    });
    let key = move || {
        draft
            .with(|d| d.conditions.get(index).map(|c| c.key.clone()))
            .unwrap_or_default()
    };
    let edit = move |f: &dyn Fn(&mut crate::filter::DraftCondition)| {
        draft.update(|d| {
            if let Some(c) = d.conditions.get_mut(index) {
                f(c);
            }
        })
    };
    let set_kind = move |ev: leptos::ev::Event| {
        let label = event_target_value(&ev);
        if let Some(k) = KINDS.into_iter().find(|k| kind_label(*k) == label) {
            edit(&|c| {
                c.kind = k;
                c.key.clear();
                c.match_options.retain(|o| offered_options(k).contains(o));
            });
        }
    };
    let set_key = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        edit(&|c| c.key = value.clone());
    };
    let key_field = move || {
        let dimensions = dimensions_for(operation.get());
        match kind.get() {
        ConditionKind::Dimension => {
            // Read without tracking: the options only change with the kind; `selected`
            // follows the key reactively, so typing elsewhere never rebuilds this select.
            let current = draft.with_untracked(|d| {
                d.conditions.get(index).map(|c| c.key.clone()).unwrap_or_default()
            });
            let mut names: Vec<String> = dimensions.iter().map(|d| d.as_str().to_owned()).collect();
            if !current.is_empty() && !names.contains(&current) {
                names.push(current);
            }
            view! {
                <label for=id("key")>"Dimension"</label>
                <select id=id("key") on:change=set_key>
                    <option value="" selected=move || key().is_empty()>"Choose a dimension…"</option>
                    {names.into_iter().map(|n| {
                        let name = n.clone();
                        let text = n.clone();
                        view! { <option value=n selected=move || key() == name>{text}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        k => view! {
            <label for=id("key")>{if k == ConditionKind::Tag { "Tag key" } else { "Cost category name" }}</label>
            <input id=id("key") type="text" autocomplete="off" spellcheck="false"
                prop:value=key on:input=set_key />
        }
        .into_any(),
    }
    };
    let options = move || {
        offered_options(kind.get())
            .iter()
            .map(|&o| {
                let checked = move || {
                    draft.with(|d| {
                        d.conditions
                            .get(index)
                            .is_some_and(|c| c.match_options.contains(&o))
                    })
                };
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    edit(&|c| {
                        c.match_options.retain(|x| *x != o);
                        if on {
                            c.match_options.push(o);
                        }
                    });
                };
                view! {
                    <label class="option">
                        <input type="checkbox" prop:checked=checked on:change=toggle />
                        {format!(" {}", o.as_str())}
                    </label>
                }
            })
            .collect_view()
    };
    let mine = move || {
        violations
            .get()
            .into_iter()
            .filter(|v| draft.with(|d| d.condition_of(&v.path) == Some(index)))
            .map(|v| view! { <li class=severity_class(v.severity)>{v.message}</li> })
            .collect_view()
    };
    // The focus goes to the condition that takes this one's place, else the one before, else
    // the button that adds one: never lost to the page's top.
    let remove = move |_| {
        draft.update(|d| {
            if index < d.conditions.len() {
                d.conditions.remove(index);
            }
        });
        let left = draft.with_untracked(|d| d.conditions.len());
        focus_after_render(match left {
            0 => "add-dimension-condition".to_owned(),
            n => format!("cond-{}-kind", index.min(n - 1)),
        });
    };

    // The kinds the operation takes, and this row's own even when it doesn't (its problem
    // says so): a select never shows a value it doesn't list.
    let kinds = move || {
        let op = operation.get();
        let current = kind.get();
        KINDS
            .into_iter()
            .filter(|k| match k {
                ConditionKind::Dimension => true,
                ConditionKind::Tag => allows_tags(op),
                ConditionKind::CostCategory => allows_cost_categories(op),
            } || *k == current)
            .map(|k| view! {
                <option value=kind_label(k) selected=move || kind.get() == k>{kind_label(k)}</option>
            })
            .collect_view()
    };

    view! {
        <li class="condition" aria-label=format!("Condition {}", index + 1)>
            <div class="condition-head">
                <div class="field inline">
                    <label for=id("kind")>"Kind"</label>
                    <select id=id("kind") on:change=set_kind>{kinds}</select>
                </div>
                <div class="field inline">{key_field}</div>
                <button type="button" class="remove" on:click=remove>{format!("Remove condition {}", index + 1)}</button>
            </div>
            <ValuePicker index=index draft=draft operation=operation period=period />
            <fieldset class="match-options">
                <legend>"Match options (none: exact, case-sensitive)"</legend>
                {options}
            </fieldset>
            <ul class="violations">{mine}</ul>
        </li>
    }
}
