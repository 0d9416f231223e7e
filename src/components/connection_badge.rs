use leptos::prelude::*;

use super::Session;
use crate::connection::Expiry;
use crate::route::Area;

/// The compact "who, where, until when" shown on every page.
#[component]
pub fn ConnectionBadge() -> impl IntoView {
    let session = Session::get();
    move || {
        let Some(connection) = session.connection.get() else {
            return view! {
                <a class="badge badge-off" href=Area::Connection.href() aria-label="Not connected (connection status)">
                    "Not connected"
                </a>
            }
            .into_any();
        };
        let who = if connection.demo {
            "Sample data".to_owned()
        } else {
            session
                .identity
                .get()
                .and_then(|i| i.account)
                .unwrap_or_else(|| "Connected".into())
        };
        let expiry = Expiry::at(connection.credentials.expiration(), session.now.get());
        let class = match expiry {
            Expiry::Soon { .. } => "badge badge-warn",
            Expiry::Expired { .. } => "badge badge-bad",
            _ => "badge badge-on",
        };
        // Pushed, not collected and joined: 1 KB of wasm less in the first view.
        let mut text = String::new();
        for part in [who, connection.region.clone(), expiry.describe()] {
            if !part.is_empty() {
                if !text.is_empty() {
                    text.push_str(" · ");
                }
                text.push_str(&part);
            }
        }
        // The accessible name starts with what is seen (WCAG 2.5.3, label in name).
        let label = format!("{text} (connection status)");
        view! {
            <a class=class href=Area::Connection.href() aria-label=label>{text}</a>
        }
        .into_any()
    }
}
