//! Helpers shared by the browser tests (`tests/web_*.rs`): mount the app, find elements the
//! way a person names them, type into fields, and let the event loop run.

// Each test binary includes this file and uses only some of it.
#![allow(dead_code)]

use reservation_lens::components::App;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Sets the URL fragment, then mounts the app into a fresh container and returns it.
pub fn mount_app_at(hash: &str) -> web_sys::HtmlElement {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), App).forget();
    container
}

/// The first element matching `selector` whose text is exactly `text`.
pub fn by_text(root: &web_sys::HtmlElement, selector: &str, text: &str) -> web_sys::HtmlElement {
    let all = root.query_selector_all(selector).unwrap();
    (0..all.length())
        .map(|i| {
            all.item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlElement>()
        })
        .find(|e| e.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no {selector} with text {text:?}"))
}

/// The text of every element matching `selector`.
pub fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let all = root.query_selector_all(selector).unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().text_content().unwrap())
        .collect()
}

/// Sets a field's value and dispatches `input`, as typing would.
pub fn type_into(field: &web_sys::HtmlElement, value: &str) {
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else {
        field
            .unchecked_ref::<web_sys::HtmlTextAreaElement>()
            .set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    field
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// Waits `ms` milliseconds: events such as `hashchange` are dispatched asynchronously.
pub async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Picks `value` in a `<select>` and dispatches `change`, as choosing would.
pub fn choose(select: &web_sys::HtmlElement, value: &str) {
    select
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

/// The element `selector` names inside `root` (panics with the selector when missing).
pub fn find(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}
