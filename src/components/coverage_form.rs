use leptos::prelude::*;

use crate::commitments::{Measure, View};
use crate::coverage::{CoverageQuery, Metric, Preset, QueryProblem, SplitKey};

/// The query fields: period, granularity, split (what the view can be split by), chart
/// metric (RI coverage) and the view's target (coverage and utilization have their own);
/// each field's problem shown under it. Typed text is kept as typed.
#[component]
pub fn CoverageForm(
    /// The query as typed.
    query: RwSignal<CoverageQuery>,
    /// The query's problems (from the page's check).
    problems: Signal<Vec<QueryProblem>>,
    /// "2026-11-01 to 2026-11-30 (30 days)", or nothing while invalid.
    period_text: Signal<Option<String>>,
) -> impl IntoView {
    let error_of = move |field: &'static str| {
        move || {
            problems
                .get()
                .into_iter()
                .filter(|p| p.field == field)
                .map(|p| view! { <p class="field-error" role="alert">{p.message}</p> })
                .collect_view()
        }
    };
    let custom = Memo::new(move |_| query.with(|q| q.preset == Preset::Custom));
    let split_slug = move || {
        query.with(|q| match &q.split {
            Some(SplitKey::Tag(_)) => "tag:".to_owned(),
            Some(s) => s.slug(),
            None => String::new(),
        })
    };
    let set_split = move |ev: leptos::ev::Event| {
        let slug = event_target_value(&ev);
        query.update(|q| {
            q.split = if slug == "tag:" {
                Some(SplitKey::Tag(match &q.split {
                    Some(SplitKey::Tag(k)) => k.clone(),
                    _ => String::new(),
                }))
            } else {
                SplitKey::from_slug(&slug).unwrap_or_default()
            }
        });
    };
    let is_tag = Memo::new(move |_| query.with(|q| matches!(q.split, Some(SplitKey::Tag(_)))));
    let view = Memo::new(move |_| query.with(|q| q.view));
    let utilization = Memo::new(move |_| view.get().measure() == Measure::Utilization);
    let split_options = move || {
        let v = view.get();
        let dimensions = v
            .split_dimensions()
            .iter()
            .map(|d| {
                let slug = d.as_str().to_owned();
                let label = SplitKey::Dimension(d.clone()).describe();
                let mine = slug.clone();
                view! { <option value=slug selected=move || split_slug() == mine>{label}</option> }
            })
            .collect_view();
        // A split the view can't take (from a link) stays listed, so its problem shows and
        // choosing another clears it.
        let foreign = query.with_untracked(|q| match &q.split {
            Some(SplitKey::Dimension(d)) if !v.split_dimensions().contains(d) => Some(d.clone()),
            _ => None,
        });
        let foreign = foreign.map(|d| {
            let slug = d.as_str().to_owned();
            let mine = slug.clone();
            let label = format!("{} (not for this view)", SplitKey::Dimension(d).describe());
            view! { <option value=slug selected=move || split_slug() == mine>{label}</option> }
        });
        view! {
            <option value="" selected=move || split_slug().is_empty()>{format!("Nothing ({})", v.all_name().to_lowercase())}</option>
            {dimensions}
            {foreign}
            {v.splits_by_tag().then(|| view! { <option value="tag:" selected=move || split_slug() == "tag:">"A tag…"</option> })}
        }
    };

    view! {
        <fieldset class="coverage-form">
            <legend>"Query"</legend>
            <div class="field inline">
                <label for="cov-preset">"Period"</label>
                <select id="cov-preset" on:change=move |ev| {
                    let slug = event_target_value(&ev);
                    query.update(|q| q.preset = Preset::from_slug(&slug).unwrap_or_default());
                }>
                    {Preset::ALL.into_iter().map(|p| view! {
                        <option value=p.slug() selected=move || query.with(|q| q.preset == p)>{p.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || custom.get()>
                <div class="field inline">
                    <label for="cov-start">"First day (UTC, YYYY-MM-DD)"</label>
                    <input id="cov-start" type="text" inputmode="numeric" placeholder="2026-11-01" autocomplete="off"
                        prop:value=move || query.with(|q| q.custom_start.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.custom_start = v); } />
                    {error_of("start")}
                </div>
                <div class="field inline">
                    <label for="cov-last">"Last day, included (UTC, YYYY-MM-DD)"</label>
                    <input id="cov-last" type="text" inputmode="numeric" placeholder="2026-11-30" autocomplete="off"
                        prop:value=move || query.with(|q| q.custom_last.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.custom_last = v); } />
                    {error_of("last")}
                </div>
            </Show>
            <Show when=move || !custom.get()>
                {error_of("start")}
                {error_of("last")}
            </Show>
            {move || period_text.get().map(|t| view! { <p class="hint period">{format!("Days: {t}, UTC. AWS receives the day after the last as the exclusive End.")}</p> })}
            <div class="field inline">
                <label for="cov-granularity">"Granularity"</label>
                <select id="cov-granularity" on:change=move |ev| {
                    let monthly = event_target_value(&ev) == "monthly";
                    query.update(|q| q.monthly = monthly);
                }>
                    <option value="daily" selected=move || query.with(|q| !q.monthly)>"Daily"</option>
                    <option value="monthly" selected=move || query.with(|q| q.monthly)>"Monthly"</option>
                </select>
            </div>
            <div class="field inline">
                <label for="cov-split">"Split by"</label>
                <select id="cov-split" on:change=set_split>
                    {split_options}
                </select>
            </div>
            <Show when=move || is_tag.get()>
                <div class="field inline">
                    <label for="cov-tag">"Tag key"</label>
                    <input id="cov-tag" type="text" autocomplete="off" spellcheck="false" placeholder="team"
                        prop:value=move || query.with(|q| match &q.split { Some(SplitKey::Tag(k)) => k.clone(), _ => String::new() })
                        on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.split = Some(SplitKey::Tag(v))); } />
                    <p class="hint">"The tag's values come from one request grouped by the tag; usage without the tag is its own line, \"(untagged)\"."</p>
                </div>
            </Show>
            {error_of("split")}
            <Show when=move || view.get() == View::RiCoverage>
            <div class="field inline">
                <label for="cov-metric">"Stacked chart shows"</label>
                <select id="cov-metric" on:change=move |ev| {
                    let slug = event_target_value(&ev);
                    query.update(|q| q.metric = Metric::from_slug(&slug).unwrap_or_default());
                }>
                    {Metric::ALL.into_iter().map(|m| view! {
                        <option value=m.slug() selected=move || query.with(|q| q.metric == m)>{m.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            </Show>
            // Coverage and utilization each keep their own target: the view shows its own.
            {move || {
                type Get = fn(&CoverageQuery) -> &String;
                type Set = fn(&mut CoverageQuery) -> &mut String;
                let (id, label, field, get, set): (_, _, _, Get, Set) = if utilization.get() {
                    ("cov-utarget", "Utilization target (%)", "utilization_target",
                        |q| &q.utilization_target, |q| &mut q.utilization_target)
                } else {
                    ("cov-target", "Coverage target (%)", "target", |q| &q.target, |q| &mut q.target)
                };
                view! {
                    <div class="field inline">
                        <label for=id>{label}</label>
                        <input id=id type="text" inputmode="decimal" placeholder="80" autocomplete="off"
                            prop:value=move || query.with(|q| get(q).clone())
                            on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| *set(q) = v); } />
                        {error_of(field)}
                    </div>
                }
            }}
        </fieldset>
    }
}
