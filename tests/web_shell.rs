//! Browser tests: the shell mounts, shows the three areas and navigates between them.
#![cfg(target_arch = "wasm32")]

#[path = "support/web.rs"]
mod web;

use wasm_bindgen_test::*;
use web::{by_text, mount_app_at, tick};

wasm_bindgen_test_configure!(run_in_browser);

fn link(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    by_text(root, "nav a", name)
}

fn heading(root: &web_sys::HtmlElement) -> String {
    root.query_selector("h1")
        .unwrap()
        .expect("an area heading")
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn shell_mounts_and_navigates_between_the_three_areas() {
    let root = mount_app_at("");

    assert!(root.text_content().unwrap().contains("Reservation Lens"));
    assert!(root
        .text_content()
        .unwrap()
        .contains("never leave this page"));
    assert_eq!(heading(&root), "Connection");
    assert_eq!(
        link(&root, "Connection")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );

    for (name, hash) in [
        ("Capacity Reservations", "#/capacity"),
        ("Commitments", "#/commitments"),
        ("Connection", "#/connection"),
    ] {
        link(&root, name).click();
        tick(20).await;
        assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), hash);
        assert_eq!(heading(&root), name);
        assert_eq!(
            link(&root, name).get_attribute("aria-current").as_deref(),
            Some("page")
        );
        assert!(
            !root.text_content().unwrap().contains("not built yet"),
            "{name} is built"
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn unknown_fragment_says_so_and_offers_the_areas() {
    let root = mount_app_at("#/nowhere");
    assert_eq!(heading(&root), "No such page");
    assert!(root.text_content().unwrap().contains("#/nowhere"));
    link(&root, "Commitments").click();
    tick(20).await;
    assert_eq!(heading(&root), "Commitments");
    root.remove();
}
