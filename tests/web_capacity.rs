//! Browser tests of the Capacity Reservations list and usage detail, on the built-in sample
//! data (no network).
#![cfg(target_arch = "wasm32")]

#[path = "support/web.rs"]
mod web;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web::{by_text, mount_app_at, texts, tick, type_into};

wasm_bindgen_test_configure!(run_in_browser);

async fn sample_data_app() -> web_sys::HtmlElement {
    let root = mount_app_at("#/connection");
    by_text(&root, "button", "Try with sample data").click();
    tick(50).await;
    by_text(&root, "nav a", "Capacity Reservations").click();
    tick(100).await;
    root
}

#[wasm_bindgen_test]
async fn the_list_shows_sorts_and_filters_the_sample_reservations() {
    let root = sample_data_app().await;
    assert!(root.text_content().unwrap().contains("9 of 9 reservations"));
    assert_eq!(root.query_selector_all("tr.idle").unwrap().length(), 1);
    let ids = texts(
        &root,
        "section.reservations table.data tbody td:nth-child(2)",
    );
    assert_eq!(ids.len(), 9);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "sorted by ID by default");

    by_text(&root, "button.sort", "Total").click();
    tick(20).await;
    let headers = texts(&root, "section.reservations table.data thead th");
    let column = headers.iter().position(|h| h == "Total").unwrap() + 1;
    let totals: Vec<u32> = texts(
        &root,
        &format!("section.reservations table.data tbody td:nth-child({column})"),
    )
    .iter()
    .map(|t| t.replace(',', "").parse().unwrap())
    .collect();
    let mut ascending = totals.clone();
    ascending.sort();
    assert_eq!(totals, ascending, "sorted by total; headers {headers:?}");

    type_into(
        &root
            .query_selector("#text-filter")
            .unwrap()
            .unwrap()
            .unchecked_into(),
        "p5.48xlarge",
    );
    tick(20).await;
    assert!(root.text_content().unwrap().contains("1 of 9 reservations"));
    assert!(root
        .text_content()
        .unwrap()
        .contains("Totals per instance type"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_reservation_link_opens_its_usage() {
    let root = sample_data_app().await;
    by_text(&root, "a", "cr-0a1b2c3d4e5f60001").click();
    tick(100).await;
    assert_eq!(texts(&root, ".usage-used"), vec!["34"]);
    assert_eq!(texts(&root, ".usage-total"), vec!["40"]);
    let used: u32 = texts(&root, "table.usage tbody td:nth-child(2)")
        .iter()
        .map(|t| t.parse::<u32>().unwrap())
        .sum();
    assert_eq!(
        used, 34,
        "the accounts add up to the reservation's used count"
    );
    assert!(
        root.query_selector("figure.chart svg").unwrap().is_some(),
        "a usage chart"
    );
    root.remove();
}
