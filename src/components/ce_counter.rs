use leptos::prelude::*;

use super::Session;
use crate::coverage::cost_text;

/// How many Cost Explorer requests this session sent to AWS, and what they cost.
#[component]
pub fn CeCounter() -> impl IntoView {
    let shell = Session::get().shell;
    view! {
        <p class="ce-counter" role="status" aria-label="Cost Explorer requests this session">
            {move || {
                let n = shell.spent.get();
                format!(
                    "Cost Explorer requests this session: {n} ({}; AWS bills USD 0.01 each)",
                    cost_text(u64::from(n))
                )
            }}
        </p>
    }
}
