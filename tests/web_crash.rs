//! The crash banner in a real page: what the panic hook writes (the panic itself is provoked
//! end to end in e2e/tests/test_journey_csp.py, since a panic ends the wasm instance).
#![cfg(target_arch = "wasm32")]

use reservation_lens::crash_banner::show;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_banner_says_what_to_do_and_never_shows_a_secret() {
    let document = web_sys::window().unwrap().document().unwrap();
    show("panicked at src/x.rs:1:1: oops wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    show("a second panic adds no second banner");
    let banners = document.query_selector_all(".crash-banner").unwrap();
    assert_eq!(banners.length(), 1);
    let banner = document.get_element_by_id("crash-banner").unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(text.contains("Reload the page to start again"), "{text}");
    assert!(text.contains("src/x.rs:1:1: oops [removed]"), "{text}");
    assert!(!text.contains("EXAMPLEKEY"), "{text}");
    // First in the page, above the app.
    let first = document.body().unwrap().first_element_child().unwrap();
    assert_eq!(first.id(), "crash-banner");
}
