use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Session;

/// Where the tab remembers whether the notice's details are open (`sessionStorage`: the tab's
/// life, reloads included, nothing shared with other tabs, nothing about credentials).
const OPEN_KEY: &str = "lens.notice.open";

/// The promise every user needs before pasting credentials, said exactly: what each request
/// carries, and, while custom endpoints are set, who receives it instead of AWS. One line with
/// "Details" (the essential promise is in the line itself); the details stay as the user left
/// them for the tab's life. The custom-endpoint warning is never folded away.
#[component]
pub fn SecurityNotice() -> impl IntoView {
    let session = Session::get();
    let custom = move || session.form.with(|f| f.custom_endpoints_notice());
    let open = remembered_open();
    let toggled = move |ev: leptos::ev::Event| {
        if let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            remember_open(details.open());
        }
    };
    view! {
        <aside class="security-notice" aria-label="How your credentials are handled">
            <details prop:open=open on:toggle=toggled>
                <summary>
                    <strong>"Your credentials never leave this page"</strong>
                    " except in requests your browser signs and sends straight to AWS; nothing is stored. "
                    <span class="details-link"><span class="when-closed">"Details"</span><span class="when-open">"Hide details"</span></span>
                </summary>
                <p>
                    "Each request carries your access key ID, a signature valid for minutes and, "
                    "for temporary credentials, your session token itself; never the secret access "
                    "key. There is no server of ours: credentials are kept in memory only, never "
                    "stored, and forgotten when you reload."
                </p>
            </details>
            {move || custom().map(|text| view! { <p class="warn" role="status">{text}</p> })}
        </aside>
    }
}

/// None in the one file (opened from disk, it writes nothing to the browser's storage).
fn storage() -> Option<web_sys::Storage> {
    if crate::one_file::is_this_page() {
        return None;
    }
    window().session_storage().ok().flatten()
}

fn remembered_open() -> bool {
    storage()
        .and_then(|s| s.get_item(OPEN_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

fn remember_open(open: bool) {
    if let Some(s) = storage() {
        // A full or refused storage only means the choice is not remembered.
        let _ = s.set_item(OPEN_KEY, if open { "1" } else { "0" });
    }
}
