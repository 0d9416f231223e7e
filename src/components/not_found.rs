use leptos::prelude::*;

use crate::route::Area;

/// Shown when the URL names no area, with a way out to each.
#[component]
pub fn NotFound(
    /// The path part of the fragment that matched nothing.
    path: String,
) -> impl IntoView {
    view! {
        <h1 class="area-title">"No such page"</h1>
        <p>"There is no page at " <code>{format!("#{path}")}</code> ". Go to:"</p>
        <ul>
            {Area::ALL
                .into_iter()
                .map(|area| view! { <li><a href=area.href()>{area.title()}</a></li> })
                .collect_view()}
        </ul>
    }
}
