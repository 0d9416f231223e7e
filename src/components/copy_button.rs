use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A button that copies `text()` to the clipboard and says whether it worked.
#[component]
pub fn CopyButton(
    /// The button's words.
    label: &'static str,
    /// What to copy, read when clicked.
    text: Signal<String>,
) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let value = text.get_untracked();
        leptos::task::spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&value);
            said.set(Some(match JsFuture::from(promise).await {
                Ok(_) => "Copied.",
                Err(_) => "The browser refused the clipboard: select the text and copy it by hand.",
            }));
        });
    };
    view! {
        <button type="button" on:click=copy>{label}</button>
        <span class="copy-status" role="status">{move || said.get()}</span>
    }
}
