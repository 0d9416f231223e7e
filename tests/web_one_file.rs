//! Browser tests: the footer's "Download this app as one file" for each kind of build (the
//! hosted app, the one file itself, a debug build with neither), and the one file writing nothing
//! to the browser's storage.
#![cfg(target_arch = "wasm32")]

#[path = "support/web.rs"]
mod web;

use reservation_lens::one_file::{self, OneFile};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web::{document, mount_app_at, tick};

wasm_bindgen_test_configure!(run_in_browser);

/// Puts `<link id=lens-one-file>` in the head as the build (or the one file's start script) does.
fn name_the_file(href: &str, size: &str, this_page: bool) -> web_sys::Element {
    let link = document().create_element("link").unwrap();
    for (name, value) in [
        ("rel", "alternate"),
        ("id", "lens-one-file"),
        ("href", href),
        ("data-size", size),
    ] {
        link.set_attribute(name, value).unwrap();
    }
    if this_page {
        link.set_attribute("data-this-page", "").unwrap();
    }
    document().head().unwrap().append_child(&link).unwrap();
    link
}

fn open_notice_details(root: &web_sys::HtmlElement) {
    let summary: web_sys::HtmlElement = root
        .query_selector(".security-notice summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    summary.click();
}

fn session_storage() -> web_sys::Storage {
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage.clear().unwrap();
    storage
}

fn footer_of(root: &web_sys::HtmlElement) -> Option<web_sys::Element> {
    root.query_selector("footer").unwrap()
}

#[wasm_bindgen_test]
async fn a_build_without_the_file_has_no_footer() {
    assert_eq!(one_file::find(), None);
    let root = mount_app_at("#/connection");
    tick(10).await;
    assert!(footer_of(&root).is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_hosted_app_links_to_the_file_beside_it() {
    let link = name_the_file("./reservation-lens-0123456789abcdef.html", "678 KB", false);
    assert_eq!(
        one_file::find(),
        Some(OneFile {
            href: "./reservation-lens-0123456789abcdef.html".into(),
            size: Some("678 KB".into()),
            this_page: false,
        })
    );
    let root = mount_app_at("#/connection");
    tick(10).await;
    let footer = footer_of(&root).expect("a footer");
    let a = footer.query_selector("a").unwrap().expect("a link");
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("./reservation-lens-0123456789abcdef.html")
    );
    assert_eq!(
        a.get_attribute("download").as_deref(),
        Some("reservation-lens.html")
    );
    let text = footer.text_content().unwrap();
    assert!(
        text.starts_with(
            "Download this app as one file (678 KB): one HTML file that runs opened from disk"
        ),
        "{text}"
    );
    // The hosted app remembers the notice's details for the tab (what the one file does not).
    let storage = session_storage();
    open_notice_details(&root);
    tick(10).await;
    assert_eq!(storage.length().unwrap(), 1);
    root.remove();
    link.remove();
}

#[wasm_bindgen_test]
async fn the_one_file_offers_a_copy_of_itself_and_stores_nothing() {
    let storage = session_storage();
    let link = name_the_file("blob:null/1f6b", "1,024 KB", true);
    assert!(one_file::is_this_page());
    let root = mount_app_at("#/connection");
    tick(10).await;
    let footer = footer_of(&root).expect("a footer");
    assert_eq!(
        footer
            .query_selector("a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("blob:null/1f6b")
    );
    assert!(footer
        .text_content()
        .unwrap()
        .contains("(1,024 KB): a copy of the file you opened"));
    // Opening the notice's details is remembered by the hosted app, not by the one file.
    open_notice_details(&root);
    tick(10).await;
    assert_eq!(storage.length().unwrap(), 0);
    root.remove();
    link.remove();
}
