use std::sync::Arc;

use leptos::prelude::*;

use super::{
    CredentialFields, EndpointFields, IdentityCard, RegionSelect, Session, PART_MISSING_TITLE,
};
use crate::aws::endpoint::Overrides;
use crate::chunks::{self, PartMissing};
use crate::connection::{human_duration, Connection};
use crate::demo::demo_credentials;
use crate::jobs::{part_missing_text, CallError, Identity, TransportError};
use crate::shell::JobHandle;

/// A failed check, and how to show it: the error panel comes with the check's part
/// (`chunks::IdentityAnswer::show_error`), so the first view shows only the part's own absence.
/// Shared, not cloned, when shown: `CallError`'s clone (with every error type's) then stays out
/// of the first view.
struct Failure {
    error: CallError,
    show: fn(&CallError) -> AnyView,
}

/// The Connection area: paste credentials, pick region and endpoints, check who you are.
#[component]
pub fn ConnectionArea() -> impl IntoView {
    let session = Session::get();
    let shell = session.shell;
    let capacity = super::CapacitySlot::get();
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Arc<Failure>>);
    let form_error = RwSignal::new(None::<String>);
    let clock_note = RwSignal::new(None::<String>);
    // Every "retrying…" line of the last call, kept so a slow success explains itself.
    let retries = RwSignal::new(Vec::<String>::new());
    let cancel = StoredValue::new_local(JobHandle::new());

    let connect = Action::new_local(move |demo: &bool| {
        let demo = *demo;
        async move {
            error.set(None);
            retries.set(Vec::new());
            let connection = if demo {
                Connection {
                    credentials: demo_credentials(),
                    region: session.form.with_untracked(|f| f.region.clone()),
                    overrides: Overrides::default(),
                    demo: true,
                }
            } else {
                match session.form.with_untracked(|f| f.connection()) {
                    Ok(c) => c,
                    Err(e) => {
                        form_error.set(Some(e.to_string()));
                        return;
                    }
                }
            };
            form_error.set(None);
            // Other credentials: every job of the previous ones stops, and nothing learned
            // with them (answers, clock) is reused.
            shell.reset(demo);
            capacity.clear();
            session.identity.set(None);
            session.connection.set(None);
            let handle = JobHandle::new();
            cancel.set_value(handle.clone());
            // The check, its signing and its parser are a part of their own (crate::chunks).
            let answer = match chunks::ask_identity(shell, connection.clone(), handle, status).await
            {
                Ok(asking) => asking.await,
                Err(PartMissing) => {
                    error.set(Some(Arc::new(Failure {
                        error: CallError::Transport(TransportError::PartMissing {
                            part: CHECK_PART,
                        }),
                        show: check_part_missing,
                    })));
                    return;
                }
            };
            clock_note.set(clock_text(shell.clock_offset_ms.get_untracked()));
            retries.set(answer.retries);
            if !answer.finished {
                return;
            }
            match answer.result {
                Ok(identity) => {
                    shell.set_identity(Some(Identity {
                        account: identity.account.clone().unwrap_or_default(),
                        arn: identity.arn.clone().unwrap_or_default(),
                    }));
                    session.identity.set(Some(identity));
                    session.connection.set(Some(connection));
                }
                Err(e) => {
                    if !e.is_cancelled() {
                        error.set(Some(Arc::new(Failure {
                            error: e,
                            show: answer.show_error,
                        })));
                    }
                }
            }
        }
    });
    let pending = connect.pending();

    let forget = move |_| {
        session.forget();
        capacity.clear();
        error.set(None);
        form_error.set(None);
        status.set(None);
    };

    view! {
        <h1 class="area-title">"Connection"</h1>
        <p class="lead">
            "Paste the temporary credentials your SSO portal or the AWS CLI printed, pick a region, \
             and check who you are connected as. Credentials are kept in this tab's memory only: \
             reloading the page forgets them."
        </p>
        <form class="connection-form" on:submit=move |ev| { ev.prevent_default(); connect.dispatch(false); }>
            <CredentialFields />
            <RegionSelect />
            <EndpointFields />
            <div class="actions">
                <button type="submit" class="primary" disabled=pending>"Connect"</button>
                <button type="button" disabled=pending on:click=move |_| { connect.dispatch(true); }>
                    "Try with sample data"
                </button>
                <button type="button" on:click=forget>"Forget credentials"</button>
                <Show when=move || pending.get()>
                    <button type="button" on:click=move |_| cancel.with_value(JobHandle::cancel)>"Cancel"</button>
                </Show>
            </div>
        </form>
        {move || form_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        {move || pending.get().then(|| view! {
            <p class="progress" role="status">{move || status.get().unwrap_or_else(|| "Asking STS who these credentials belong to…".into())}</p>
        })}
        {move || (!pending.get() && !retries.with(Vec::is_empty)).then(|| view! {
            <details class="retries">
                <summary>{move || format!("Retried {} time(s)", retries.with(Vec::len))}</summary>
                <ul>{move || retries.get().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            </details>
        })}
        {move || clock_note.get().map(|n| view! { <p class="warn" role="status">{n}</p> })}
        {move || error.get().map(|f| (f.show)(&f.error))}
        {move || {
            let connection = session.connection.get()?;
            let identity = session.identity.get()?;
            Some(view! { <IdentityCard identity=identity region=connection.region.clone() demo=connection.demo /> })
        }}
    }
}

/// What the connection check's part is called when it does not arrive.
const CHECK_PART: &str = "the connection check";

/// The error panel for the connection check's own part not arriving, as the panel itself (in
/// that part) would show `TransportError::PartMissing`.
fn check_part_missing(_: &CallError) -> AnyView {
    view! {
        <div class="error-panel" role="alert">
            <p class="error-title"><strong>{PART_MISSING_TITLE}</strong></p>
            <p class="error-message">{part_missing_text(CHECK_PART)}</p>
        </div>
    }
    .into_any()
}

fn clock_text(offset_ms: i64) -> Option<String> {
    (offset_ms.abs() >= 1000).then(|| {
        format!(
            "Your computer's clock is {} {} AWS's. Requests are signed with AWS's time; \
             correcting your clock is still a good idea.",
            human_duration(time::Duration::milliseconds(offset_ms.abs())),
            if offset_ms > 0 { "behind" } else { "ahead of" },
        )
    })
}
