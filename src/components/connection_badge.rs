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
        let text = [who, connection.region.clone(), expiry.describe()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        // The accessible name starts with what is seen (WCAG 2.5.3, label in name).
        let label = format!("{text} (connection status)");
        view! {
            <a class=class href=Area::Connection.href() aria-label=label>{text}</a>
        }
        .into_any()
    }
}
