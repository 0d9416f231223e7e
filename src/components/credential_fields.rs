use leptos::prelude::*;

use super::Session;
use crate::connection::{utc_text, Expiry};

/// The paste box and the three credential fields it fills, with expiry and key-type warnings.
#[component]
pub fn CredentialFields() -> impl IntoView {
    let session = Session::get();
    let form = session.form;
    let recognised = RwSignal::new(None::<String>);
    let paste_error = RwSignal::new(None::<String>);

    // Reads the paste box (the form's `paste`, so Forget clears it) into the three fields.
    let apply = move || {
        let mut updated = form.get_untracked();
        let text = updated.paste.clone();
        if text.trim().is_empty() {
            paste_error.set(None);
            return;
        }
        match updated.apply_paste(&text) {
            Ok(result) => {
                // The fields now hold the values; the secrets need not linger in the paste box.
                updated.paste.clear();
                form.set(updated);
                recognised.set(Some(result.summary));
                paste_error.set(None);
            }
            Err(e) => {
                recognised.set(None);
                paste_error.set(Some(e.to_string()));
            }
        }
    };
    let on_paste = move |ev| {
        let text = event_target_value(&ev);
        form.update(|f| f.paste = text);
        apply();
    };
    // A paste refused before the endpoints were set (stand-in keys such as `test`) is checked
    // again when the checks that apply change.
    Effect::new(
        move |previous: Option<crate::aws::credentials::KeyChecks>| {
            let checks = form.with(|f| f.key_checks());
            if previous.is_some_and(|p| p != checks) && paste_error.get_untracked().is_some() {
                apply();
            }
            checks
        },
    );
    // Forget empties the paste box: its error goes with it.
    Effect::new(move |_| {
        if form.with(|f| f.paste.is_empty()) {
            paste_error.set(None);
        }
    });

    let field = move |get: fn(&crate::connection::ConnectionForm) -> String,
                      set: fn(&mut crate::connection::ConnectionForm, String)| {
        (
            move || form.with(get),
            move |ev| {
                let v = event_target_value(&ev);
                form.update(|f| set(f, v));
                recognised.set(None);
            },
        )
    };
    let (key, on_key) = field(|f| f.access_key_id.clone(), |f, v| f.access_key_id = v);
    let (secret, on_secret) = field(
        |f| f.secret_access_key.clone(),
        |f, v| f.secret_access_key = v,
    );
    let (token, on_token) = field(
        |f| f.session_token.clone(),
        |f, v| {
            f.session_token = v;
            // A token typed by hand says nothing about when it expires.
            f.expiration = None;
        },
    );

    let expiry = move || {
        let expiration = form.with(|f| f.expiration)?;
        let state = Expiry::at(Some(expiration), session.now.get());
        let (class, warning) = match state {
            Expiry::Soon { .. } => (
                "expiry warn",
                " Less than 10 minutes left: get fresh credentials soon.",
            ),
            Expiry::Expired { .. } => (
                "expiry bad",
                " These credentials have expired: paste fresh ones.",
            ),
            _ => ("expiry", ""),
        };
        Some(view! {
            <p class=class role="status">
                "Expires " {utc_text(expiration)} " (" {state.describe()} ")." {warning}
            </p>
        })
    };
    let long_term = move || {
        form.with(|f| f.access_key_id.trim().starts_with("AKIA") && f.session_token.trim().is_empty())
            .then(|| view! {
                <p class="warn" role="status">
                    "These are long-term access keys (AKIA…, no session token). Prefer the temporary \
                     credentials your SSO portal or `aws sts` gives: they expire on their own."
                </p>
            })
    };

    view! {
        <div class="field">
            <label for="paste">"Paste credentials"</label>
            <textarea
                id="paste"
                rows="5"
                spellcheck="false"
                autocomplete="off"
                placeholder="export AWS_ACCESS_KEY_ID=…  ·  $Env:AWS_ACCESS_KEY_ID=…  ·  set AWS_ACCESS_KEY_ID=…  ·  JSON from aws sts / aws configure export-credentials  ·  [profile] block"
                prop:value=move || form.with(|f| f.paste.clone())
                on:input=on_paste
            ></textarea>
            <p class="hint">
                "From the IAM Identity Center portal (bash, PowerShell or Windows), the AWS CLI's JSON, or a credentials file. \
                 It fills the fields below; nothing is sent until you press Connect."
            </p>
            {move || recognised.get().map(|s| view! { <p class="ok" role="status">{s}</p> })}
            {move || paste_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
        <div class="field-row">
            <div class="field">
                <label for="access-key-id">"Access key ID"</label>
                <input id="access-key-id" type="text" autocomplete="off" spellcheck="false"
                    prop:value=key on:input=on_key />
            </div>
            // Masked text fields, not password fields: password managers offer to save what a
            // password field holds, whatever `autocomplete` says (the data-* attributes ask the
            // common managers to leave these fields alone).
            <div class="field">
                <label for="secret-access-key">"Secret access key"</label>
                <input id="secret-access-key" type="text" class="secret" autocomplete="off"
                    spellcheck="false" autocapitalize="off" data-1p-ignore="" data-lpignore="true"
                    data-bwignore="" data-form-type="other"
                    prop:value=secret on:input=on_secret />
            </div>
            <div class="field">
                <label for="session-token">"Session token"</label>
                <input id="session-token" type="text" class="secret" autocomplete="off"
                    spellcheck="false" autocapitalize="off" data-1p-ignore="" data-lpignore="true"
                    data-bwignore="" data-form-type="other"
                    prop:value=token on:input=on_token />
            </div>
        </div>
        {expiry}
        {long_term}
        {move || form.with(|f| f.key_note()).map(|note| view! { <p class="warn" role="status">{note}</p> })}
    }
}
