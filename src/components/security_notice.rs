use leptos::prelude::*;

use super::Session;

/// The promise every user needs before pasting credentials, said exactly: what each request
/// carries, and, while custom endpoints are set, who receives it instead of AWS.
#[component]
pub fn SecurityNotice() -> impl IntoView {
    let session = Session::get();
    let custom = move || session.form.with(|f| f.custom_endpoints_notice());
    view! {
        <aside class="security-notice" aria-label="How your credentials are handled">
            <strong>"Your credentials never leave this page"</strong>
            " except in the requests your browser signs and sends straight to AWS. Each carries "
            "your access key ID, a signature valid for minutes and, for temporary credentials, "
            "your session token itself; never the secret access key. There is no server of ours: "
            "they are kept in memory only, never stored, and forgotten when you reload."
            {move || custom().map(|text| view! { <p class="warn" role="status">{text}</p> })}
        </aside>
    }
}
