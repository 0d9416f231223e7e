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
    #[allow(clippy::disallowed_methods)] // a test: std's sort as the oracle, no wasm to keep small
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
    #[allow(clippy::disallowed_methods)] // a test: std's sort as the oracle, no wasm to keep small
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

#[wasm_bindgen_test]
async fn a_reservation_s_utilization_over_time_is_charted_and_tabled() {
    let root = sample_data_app().await;
    by_text(&root, "a", "cr-0a1b2c3d4e5f60001").click();
    tick(200).await;
    let section = web::find(&root, "section.history");
    // The week by default: 15-minute averages (the finest within 720 points), every one with data.
    assert_eq!(texts(&section, ".history-points"), vec!["672 of 672"]);
    by_text(&section, "button.span", "30 days").click();
    tick(300).await;
    assert_eq!(texts(&section, ".history-points"), vec!["720 of 720"]);
    assert!(
        texts(&section, ".history-range")[0].starts_with("Hourly averages"),
        "{:?}",
        texts(&section, ".history-range")
    );
    let svg = web::find(&section, "figure.chart svg");
    // Instances in use filled, reserved as a line, and a hover column per period.
    assert!(svg.query_selector_all("polygon, path").unwrap().length() > 0);
    let hovers = svg.query_selector_all("title").unwrap().length();
    assert!(hovers >= 720, "{hovers} hover titles");
    let rows = section
        .query_selector_all("details.history-table tbody tr")
        .unwrap()
        .length();
    assert_eq!(rows, 720);
    let used: Vec<f64> = texts(&section, "details.history-table tbody td:nth-child(2)")
        .iter()
        .map(|t| t.replace(',', "").parse().unwrap())
        .collect();
    assert!(used.iter().all(|u| (0.0..=40.0).contains(u)));
    // Custom dates: a last day before the first is refused, and what was typed stays.
    by_text(&section, "button.span", "Custom dates").click();
    tick(20).await;
    type_into(&web::find(&section, "#history-from"), "2026-11-10");
    type_into(&web::find(&section, "#history-to"), "2026-11-01");
    by_text(&section, "button", "Show").click();
    tick(50).await;
    let alert = texts(&section, "p.field-error[role=alert]");
    assert_eq!(alert.len(), 1, "{alert:?}");
    let from: web_sys::HtmlInputElement = web::find(&section, "#history-from").dyn_into().unwrap();
    assert_eq!(from.value(), "2026-11-10");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_list_s_history_comes_from_capacity_manager_on_sample_data() {
    let root = sample_data_app().await;
    tick(300).await;
    let history = web::find(&root, "section.list-history");
    let source = texts(&history, ".history-source");
    assert!(
        source[0].starts_with("From EC2 Capacity Manager"),
        "{source:?}"
    );
    // cr-0a1b2c3d4e5f60002 reserves 12 and uses none: called out as idle.
    assert!(history.query_selector_all("tr.flag-idle").unwrap().length() >= 1);
    let accounts = texts(&root, "section.across-accounts table.accounts tbody th");
    assert_eq!(accounts.len(), 3, "{accounts:?}");
    root.remove();
}

/// Forget, then the area, then sample data again: the area shows no list while not
/// connected, and lists again afterwards from the store made anew; nothing on the way reads
/// the disposed one (a read would panic and fail the test).
#[wasm_bindgen_test]
async fn forget_disposes_the_list_s_state_and_the_next_connection_lists_again() {
    let root = sample_data_app().await;
    assert!(root.text_content().unwrap().contains("9 of 9 reservations"));
    by_text(&root, "nav a", "Connection").click();
    tick(50).await;
    by_text(&root, "button", "Forget credentials").click();
    tick(50).await;
    by_text(&root, "nav a", "Capacity Reservations").click();
    tick(100).await;
    assert!(
        !root.text_content().unwrap().contains("9 of 9 reservations"),
        "no list while not connected"
    );
    by_text(&root, "nav a", "Connection").click();
    tick(50).await;
    by_text(&root, "button", "Try with sample data").click();
    tick(50).await;
    by_text(&root, "nav a", "Capacity Reservations").click();
    tick(100).await;
    assert!(root.text_content().unwrap().contains("9 of 9 reservations"));
    assert_eq!(root.query_selector_all("tr.idle").unwrap().length(), 1);
}

/// Clearing the slot disposes the store's signals with their owner, and the next use makes a
/// new, empty store.
#[wasm_bindgen_test]
fn clearing_the_slot_disposes_the_store_and_the_next_use_makes_a_new_one() {
    use leptos::prelude::*;
    use reservation_lens::components::{CapacitySlot, CapacityStore};
    let owner = Owner::new();
    owner.with(|| {
        CapacitySlot::provide();
        let first = CapacityStore::get();
        first.loaded_for.set(Some("123456789012/us-east-1".into()));
        assert_eq!(
            CapacityStore::get().loaded_for.get_untracked().as_deref(),
            Some("123456789012/us-east-1"),
            "the same store until cleared"
        );
        CapacitySlot::get().clear();
        assert_eq!(first.loaded_for.try_get_untracked(), None, "disposed");
        let second = CapacityStore::get();
        assert_eq!(second.loaded_for.get_untracked(), None);
        assert!(second.rows.with_untracked(Vec::is_empty));
    });
}
