//! A panic shows a banner instead of a silently dead page. With `panic = "abort"` nothing runs
//! after the hook, and Leptos may be mid-update, so the banner is plain DOM written by the hook
//! itself (text only, styled by a class: the page's Content-Security-Policy allows no inline
//! style).

use wasm_bindgen::prelude::*;

/// Installs the panic hook: the message to the console (as before), then the banner.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Puts the banner for a panic with `message` at the top of the page (once).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("crash-banner").is_some() {
        return;
    }
    let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    banner.set_id("crash-banner");
    banner.set_class_name("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(&lens_core::crash::banner_text(message)));
    let _ = body.prepend_with_node_1(&banner);
}

/// Panics on purpose, to see (and test end to end) what a crash looks like: call
/// `wasmBindings.provokePanic("…")` from the browser console. The message goes through the
/// same redaction as any other.
#[wasm_bindgen(js_name = provokePanic)]
pub fn provoke_panic(message: String) {
    panic!("provoked from the console: {message}");
}
