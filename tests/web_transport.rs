//! Browser tests of the transports: real `fetch` calls from headless Chromium, and the
//! sample AWS behind the same trait.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use reservation_lens::aws::http::HttpRequest;
use reservation_lens::transport::{Fetch, Sample, Transport, TransportError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn post(url: &str) -> HttpRequest {
    HttpRequest {
        method: "POST",
        url: url.to_owned(),
        headers: vec![("content-type".into(), "application/x-amz-json-1.1".into())],
        body: "{}".into(),
    }
}

#[wasm_bindgen_test]
async fn an_http_answer_of_any_status_is_an_answer() {
    // The test runner's own server answers a POST it does not know with an HTTP error status.
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let response = Fetch::default()
        .send(
            post(&format!("{origin}/no-such-endpoint")),
            Duration::from_secs(10),
        )
        .answer
        .await
        .expect("an HTTP answer");
    assert!(response.status >= 400, "status {}", response.status);
}

#[wasm_bindgen_test]
async fn an_answer_longer_than_the_cap_is_not_read() {
    // A data: URL answers any method with its own 100 bytes, no server needed.
    let body = "a".repeat(100);
    let url = format!("data:text/plain,{body}");
    let full = Fetch::default()
        .send(post(&url), Duration::from_secs(10))
        .answer
        .await
        .expect("an answer");
    assert_eq!(full.body, body);
    let err = Fetch { max_body: 16 }
        .send(post(&url), Duration::from_secs(10))
        .answer
        .await
        .unwrap_err();
    assert!(matches!(err, TransportError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("larger than 64 MB"), "{err}");
    // Exactly at the cap is still read whole.
    let exact = Fetch { max_body: 100 }
        .send(post(&url), Duration::from_secs(10))
        .answer
        .await
        .expect("an answer of exactly the cap");
    assert_eq!(exact.body, body);
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_no_answer_naming_the_endpoint() {
    // Port 9 (discard) is closed on loopback: fetch rejects without an HTTP answer.
    let err = Fetch::default()
        .send(post("http://127.0.0.1:9/x?y"), Duration::from_secs(10))
        .answer
        .await
        .unwrap_err();
    assert_eq!(
        err,
        TransportError::NoAnswer {
            endpoint: "http://127.0.0.1:9".into()
        }
    );
    assert!(err.to_string().contains("Custom endpoints"), "{err}");
}

#[wasm_bindgen_test]
async fn an_aborted_request_is_cancelled_not_a_network_failure() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let sending = Fetch::default().send(post(&format!("{origin}/slow")), Duration::from_secs(10));
    (sending.abort)();
    assert_eq!(sending.answer.await.unwrap_err(), TransportError::Cancelled);
}

#[wasm_bindgen_test]
async fn the_sample_transport_answers_without_the_network_and_bills_nothing() {
    let request = HttpRequest {
        method: "POST",
        url: "https://sts.us-east-1.amazonaws.com/".into(),
        headers: vec![],
        body: "Action=GetCallerIdentity&Version=2011-06-15".into(),
    };
    let answer = Sample
        .send(request, Duration::from_secs(1))
        .answer
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("<Account>111122223333</Account>"));
}
