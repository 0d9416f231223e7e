//! Browser tests of the Coverage area: the filter builder, the query form and the charts, on
//! the built-in sample data (no network).
#![cfg(target_arch = "wasm32")]

#[path = "support/web.rs"]
mod web;

use wasm_bindgen_test::*;
use web::{by_text, choose, find, mount_app_at, texts, tick, type_into};

wasm_bindgen_test_configure!(run_in_browser);

async fn sample_data_coverage() -> web_sys::HtmlElement {
    let root = mount_app_at("#/connection");
    by_text(&root, "button", "Try with sample data").click();
    tick(50).await;
    by_text(&root, "nav a", "Commitments").click();
    tick(80).await;
    root
}

fn json_shown(root: &web_sys::HtmlElement) -> serde_json::Value {
    serde_json::from_str(&find(root, "#filter-json-out").text_content().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn a_two_condition_filter_built_in_the_form_gives_the_expected_json() {
    let root = mount_app_at("#/commitments");
    tick(50).await;
    by_text(&root, "button", "Add dimension condition").click();
    tick(20).await;
    choose(&find(&root, "#cond-0-key"), "REGION");
    type_into(&find(&root, "#cond-0-value"), "eu-west-1");
    by_text(&root, "li.condition button", "Add value").click();
    by_text(&root, "button", "Add tag condition").click();
    tick(20).await;
    type_into(&find(&root, "#cond-1-key"), "team");
    type_into(&find(&root, "#cond-1-value"), "platform");
    let add = root
        .query_selector_all("li.condition")
        .unwrap()
        .item(1)
        .unwrap();
    let add: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(add);
    by_text(&add, "button", "Add value").click();
    tick(20).await;
    assert_eq!(
        json_shown(&root),
        serde_json::json!({"And": [
            {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}},
            {"Tags": {"Key": "team", "Values": ["platform"]}}
        ]})
    );
    // The link carries the filter.
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(hash.contains("filter=%7B%22And%22"), "{hash}");
    // Not connected: the run button says why it is disabled.
    assert!(find(&root, "#run-reason")
        .text_content()
        .unwrap()
        .starts_with("Connect first"));
    root.remove();
}

#[wasm_bindgen_test]
async fn an_or_in_coverage_shows_the_rule_and_blocks_the_run() {
    let root = sample_data_coverage().await;
    type_into(
        &find(&root, "#filter-import"),
        r#"{"Or": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}, {"Tags": {"Key": "team", "Values": ["data"]}}]}"#,
    );
    by_text(&root, "button", "Import JSON").click();
    tick(30).await;
    let general = texts(&root, ".violations.general li");
    assert_eq!(general.len(), 1, "{general:?}");
    assert!(general[0].starts_with("AWS refuses Or in reservation coverage filters"));
    let run: web_sys::HtmlButtonElement =
        wasm_bindgen::JsCast::unchecked_into(find(&root, "#run-coverage"));
    assert!(run.disabled());
    assert_eq!(
        find(&root, "#run-reason").text_content().unwrap(),
        "Fix the filter's problems shown above first."
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_query_form_checks_dates_and_target_where_they_are_typed() {
    let root = sample_data_coverage().await;
    choose(&find(&root, "#cov-preset"), "custom");
    tick(20).await;
    type_into(&find(&root, "#cov-start"), "2026-02-30");
    type_into(&find(&root, "#cov-last"), "2026-11-01");
    type_into(&find(&root, "#cov-target"), "120");
    tick(20).await;
    let errors = texts(&root, ".coverage-form .field-error");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("\"2026-02-30\" is not a date")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("number from 0 to 100")),
        "{errors:?}"
    );
    assert!(find(&root, "#run-reason")
        .text_content()
        .unwrap()
        .starts_with("Fix the query first"));
    // What was typed stays as typed.
    let start: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&root, "#cov-start"));
    assert_eq!(start.value(), "2026-02-30");
    root.remove();
}

#[wasm_bindgen_test]
async fn sample_data_draws_both_charts_and_the_table() {
    let root = sample_data_coverage().await;
    find(&root, "#run-coverage").click();
    tick(300).await;
    let lines = find(&root, "svg.coverage-lines");
    assert_eq!(lines.query_selector_all("rect.hover").unwrap().length(), 30);
    assert_eq!(
        root.query_selector_all("svg.coverage-stack rect.hover")
            .unwrap()
            .length(),
        30
    );
    assert_eq!(
        root.query_selector_all("table.coverage-table tbody tr")
            .unwrap()
            .length(),
        30
    );
    assert_eq!(
        texts(&root, "ul.legend[aria-label=Lines] li"),
        ["All usage"]
    );
    assert!(find(&root, "table.coverage-table tfoot")
        .text_content()
        .unwrap()
        .starts_with("Total"));
    root.remove();
}

#[wasm_bindgen_test]
async fn switching_views_keeps_a_valid_filter_and_says_what_it_dropped() {
    let root = sample_data_coverage().await;
    // REGION is accepted by all four views; a tag only by RI coverage.
    type_into(
        &find(&root, "#filter-import"),
        r#"{"And": [{"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}}, {"Tags": {"Key": "team", "Values": ["data"]}}]}"#,
    );
    by_text(&root, "button", "Import JSON").click();
    tick(30).await;
    find(&root, "#view-sp-coverage").click();
    tick(50).await;
    assert_eq!(
        find(&root, "#view-sp-coverage")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        json_shown(&root),
        serde_json::json!({"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}})
    );
    let note = find(&root, ".switch-note").text_content().unwrap();
    assert!(
        note.contains("Switched to Savings Plans coverage"),
        "{note}"
    );
    assert!(note.contains("team"), "the dropped tag is named: {note}");
    // The view is in the link; the run button names it and works.
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(hash.contains("view=sp-coverage"), "{hash}");
    let run: web_sys::HtmlButtonElement =
        wasm_bindgen::JsCast::unchecked_into(find(&root, "#run-coverage"));
    assert_eq!(
        run.text_content().unwrap(),
        "Run Savings Plans coverage query"
    );
    assert!(!run.disabled());
    // Going back restores the form as it was, tag and all.
    find(&root, "#undo-switch").click();
    tick(50).await;
    assert_eq!(
        json_shown(&root),
        serde_json::json!({"And": [
            {"Dimensions": {"Key": "REGION", "Values": ["us-east-1"]}},
            {"Tags": {"Key": "team", "Values": ["data"]}}
        ]})
    );
    assert_eq!(
        find(&root, "#view-ri-coverage")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn each_view_draws_its_own_chart_and_table_on_sample_data() {
    let root = sample_data_coverage().await;
    for (view, first_column, lines) in [
        (
            "ri-utilization",
            "Utilization % (hours)",
            "All reservations",
        ),
        ("sp-coverage", "Coverage % (spend)", "All usage"),
        ("sp-utilization", "Utilization %", "All Savings Plans"),
    ] {
        find(&root, &format!("#view-{view}")).click();
        tick(30).await;
        find(&root, "#run-coverage").click();
        tick(400).await;
        let results = find(
            &root,
            &format!("section.coverage-results[data-view={view}]"),
        );
        assert_eq!(
            results
                .query_selector_all("table.coverage-table tbody tr")
                .unwrap()
                .length(),
            30,
            "{view}: one row per day of the last 30"
        );
        let heads = texts(&results, "table.coverage-table thead th");
        assert_eq!(heads[2], first_column, "{view}");
        assert_eq!(texts(&results, "ul.legend[aria-label=Lines] li"), [lines]);
        assert_eq!(
            results
                .query_selector_all("svg.coverage-lines rect.hover")
                .unwrap()
                .length(),
            30
        );
        // The strip now has this view's figure.
        let cell = find(
            &root,
            &format!(".summary-strip li[data-view={view}] .strip-value"),
        );
        assert!(
            cell.text_content().unwrap().ends_with('%'),
            "{view}: {}",
            cell.text_content().unwrap()
        );
    }
    // Utilization views have their own target field; coverage views theirs.
    assert!(root.query_selector("#cov-utarget").unwrap().is_some());
    assert!(root.query_selector("#cov-target").unwrap().is_none());
    root.remove();
}
