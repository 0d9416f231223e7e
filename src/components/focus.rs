//! Keeping the keyboard's place when the control that had focus goes away or a new row appears.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element with `id` once the change that adds or removes it has rendered
/// (nothing happens if there is no such element by then).
pub fn focus_after_render(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
