//! Browser tests of the Connection area: each paste format fills the three fields and says
//! which format it found; Forget wipes them; demo mode connects without the network.
#![cfg(target_arch = "wasm32")]

#[path = "support/web.rs"]
mod web;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web::{by_text, mount_app_at, tick, type_into};

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "ASIAQWERTYUIOPASDFGH";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEK1";
const TOKEN: &str =
    "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6example0token0value0AAAA==";

fn mount_app() -> web_sys::HtmlElement {
    mount_app_at("#/connection")
}

fn input(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn paste(root: &web_sys::HtmlElement, text: &str) {
    type_into(
        &root
            .query_selector("#paste")
            .unwrap()
            .unwrap()
            .unchecked_into(),
        text,
    );
}

fn button(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    by_text(root, "button", name)
}

fn formats() -> Vec<(&'static str, String)> {
    vec![
        (
            "IAM Identity Center (bash)",
            format!("export AWS_ACCESS_KEY_ID=\"{KEY}\"\nexport AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\nexport AWS_SESSION_TOKEN=\"{TOKEN}\"\n"),
        ),
        (
            "IAM Identity Center (PowerShell)",
            format!("$Env:AWS_ACCESS_KEY_ID=\"{KEY}\"\r\n$Env:AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\r\n$Env:AWS_SESSION_TOKEN=\"{TOKEN}\"\r\n"),
        ),
        (
            "IAM Identity Center (Windows cmd)",
            format!("set AWS_ACCESS_KEY_ID={KEY}\r\nset AWS_SECRET_ACCESS_KEY={SECRET}\r\nset AWS_SESSION_TOKEN={TOKEN}\r\n"),
        ),
        (
            "AWS CLI sts assume-role / get-session-token (JSON)",
            format!("{{\"Credentials\": {{\"AccessKeyId\": \"{KEY}\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\", \"Expiration\": \"2099-01-01T00:00:00Z\"}}}}"),
        ),
        (
            "AWS CLI configure export-credentials (JSON)",
            format!("{{\"Version\": 1, \"AccessKeyId\": \"{KEY}\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\"}}"),
        ),
        (
            "AWS credentials file profile",
            format!("[default]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n"),
        ),
    ]
}

#[wasm_bindgen_test]
async fn each_paste_format_fills_the_three_fields_and_names_the_format() {
    let root = mount_app();
    for (label, text) in formats() {
        button(&root, "Forget credentials").click();
        tick(10).await;
        paste(&root, &text);
        tick(10).await;
        assert_eq!(input(&root, "access-key-id").value(), KEY, "{label}");
        assert_eq!(input(&root, "secret-access-key").value(), SECRET, "{label}");
        assert_eq!(input(&root, "session-token").value(), TOKEN, "{label}");
        // A masked text field, not a password field: password managers offer to save those.
        let secret = input(&root, "secret-access-key");
        assert_eq!(secret.type_(), "text");
        assert!(secret
            .class_name()
            .split_whitespace()
            .any(|c| c == "secret"));
        assert_eq!(
            secret.get_attribute("data-lpignore").as_deref(),
            Some("true")
        );
        let text = root.text_content().unwrap();
        assert!(
            text.contains(&format!("Recognised: {label}")),
            "{label}: {text}"
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_paste_says_why_and_keeps_what_was_typed() {
    let root = mount_app();
    paste(&root, "export AWS_ACCESS_KEY_ID=\"AKIA123\"");
    tick(10).await;
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("#paste")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(area.value(), "export AWS_ACCESS_KEY_ID=\"AKIA123\"");
    assert!(
        root.query_selector("[role=alert]").unwrap().is_some(),
        "an error is shown"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn forget_wipes_the_fields() {
    let root = mount_app();
    paste(&root, &formats()[0].1);
    tick(10).await;
    assert_eq!(input(&root, "access-key-id").value(), KEY);
    button(&root, "Forget credentials").click();
    tick(10).await;
    for id in ["access-key-id", "secret-access-key", "session-token"] {
        assert_eq!(input(&root, id).value(), "", "{id}");
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn sample_data_connects_without_the_network() {
    let root = mount_app();
    button(&root, "Try with sample data").click();
    tick(50).await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("arn:aws:sts::111122223333:assumed-role/FinOpsReadOnly/demo-user"),
        "{text}"
    );
    assert!(text.contains("Sample data · us-east-1"), "{text}");
    root.remove();
}
