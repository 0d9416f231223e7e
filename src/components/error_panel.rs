use leptos::prelude::*;

use crate::jobs::CallError;

/// The panel's title for a part of the app that did not arrive (also said by the first view,
/// which does not carry this panel: `ConnectionArea`).
pub const PART_MISSING_TITLE: &str = "Not sent: part of the app did not load";

/// A failed call in words: AWS's code, message and request id when there are any, and what to
/// do next.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: CallError,
) -> impl IntoView {
    let (title, next) = match &error {
        CallError::Aws(e) => (e.kind().summary().to_owned(), Some(e.next_step())),
        CallError::Transport(crate::jobs::TransportError::TooLarge { .. }) => {
            ("Answer too large".to_owned(), None)
        }
        CallError::Transport(crate::jobs::TransportError::Blocked { .. }) => (
            "Not sent: this page's security policy blocks the endpoint".to_owned(),
            None,
        ),
        CallError::Transport(crate::jobs::TransportError::PartMissing { .. }) => {
            (PART_MISSING_TITLE.to_owned(), None)
        }
        CallError::Transport(_) => ("No answer".to_owned(), None),
        CallError::Build(_) => ("Not sent: the request is not valid".to_owned(), None),
        CallError::Endpoint(_) => ("Not sent: the endpoint is not valid".to_owned(), None),
        CallError::Pagination(_) => ("Stopped reading pages".to_owned(), None),
        CallError::CredentialsExpired { .. } => {
            ("Not sent: the credentials have expired".to_owned(), None)
        }
    };
    let service = match &error {
        CallError::Aws(e) => e.as_service().cloned(),
        _ => None,
    };
    let message = match &service {
        Some(s) if !s.message.is_empty() => s.message.clone(),
        Some(_) => "(AWS sent no message)".to_owned(),
        None => error.to_string(),
    };
    view! {
        <div class="error-panel" role="alert">
            <p class="error-title"><strong>{title}</strong></p>
            {service.as_ref().map(|s| view! {
                <p class="error-code">"Error code: " <code>{s.code.clone()}</code>
                    " (HTTP " {s.http_status} ")"</p>
            })}
            <p class="error-message">{message}</p>
            {service.and_then(|s| s.request_id).map(|id| view! {
                <p class="error-request-id">"Request ID: " <code>{id}</code></p>
            })}
            {next.map(|n| view! { <p class="error-next">{n}</p> })}
        </div>
    }
}
