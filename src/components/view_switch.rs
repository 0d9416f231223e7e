use leptos::prelude::*;

use crate::commitments::View;

/// The four views of the Commitments area, one button each (the pressed one is shown);
/// `on_pick` gets the view asked for.
#[component]
pub fn ViewSwitch(
    /// The view shown.
    current: Signal<View>,
    /// Called with the view the user picks (not called for the one already shown).
    on_pick: Callback<View>,
) -> impl IntoView {
    view! {
        <div class="view-switch toolbar" role="group" aria-label="Views">
            {View::ALL.into_iter().map(|v| view! {
                <button type="button" id=format!("view-{}", v.slug())
                    aria-pressed=move || if current.get() == v { "true" } else { "false" }
                    on:click=move |_| if current.get_untracked() != v { on_pick.run(v) }>
                    {v.label()}
                </button>
            }).collect_view()}
        </div>
        <p class="lead view-lead">{move || current.get().lead()}</p>
    }
}
