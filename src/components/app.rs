use leptos::prelude::*;

use super::{
    one_file_footer, CapacitySlot, ConnectionArea, ConnectionBadge, LazyArea, Nav, NotFound,
    SecurityNotice, Session,
};
use crate::route::{Area, Route};

/// The whole app: header with navigation, the security notice, the area the URL names, and a
/// footer offering the app as one file.
#[component]
pub fn App() -> impl IntoView {
    Session::provide(crate::shell::Shell::provide());
    CapacitySlot::provide();
    let route = RwSignal::new(current_route());
    // The fragment is the single source of truth: links change it, and so do back/forward
    // and hand-edited URLs; all of them fire `hashchange`.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
    });
    on_cleanup(move || listener.remove());
    // Each view names itself in the tab and the history list.
    Effect::new(move |_| {
        let title = route.with(Route::page_title);
        if let Some(document) = window().document() {
            document.set_title(&title);
        }
    });

    view! {
        <header class="app-header">
            <a class="brand" href=Area::Connection.href()>
                <span class="brand-mark" aria-hidden="true">"◎"</span>
                " Reservation Lens"
            </a>
            <Nav current=Signal::derive(move || route.with(Route::area)) />
            <ConnectionBadge />
        </header>
        <SecurityNotice />
        <main class="area" id="main">
            {move || match route.get() {
                Route::Area { area: Area::Connection, .. } => view! { <ConnectionArea /> }.into_any(),
                // Each of the other areas is its own file, loaded on first use.
                Route::Area { area, query } => view! { <LazyArea area=area query=query /> }.into_any(),
                Route::NotFound { path } => view! { <NotFound path=path /> }.into_any(),
            }}
        </main>
        {one_file_footer()}
    }
}

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    Route::from_hash(&hash)
}
