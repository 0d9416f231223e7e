//! The app's own Cost Explorer response parser and request signer, exported to JavaScript so
//! that one browser page can time them beside the AWS SDK for JavaScript and aws4fetch
//! (`e2e/bench/side_by_side.py`). Built with the app's release profile (opt-level "z"), so it
//! measures the code the app ships.

use std::time::{Duration, UNIX_EPOCH};

use lens_core::aws::ce::{self, DateInterval, GetReservationCoverageInput};
use lens_core::aws::credentials::Credentials;
use lens_core::aws::endpoint::{resolve, Service};
use lens_core::aws::http::HttpResponse;
use wasm_bindgen::prelude::*;

/// Parses a `GetReservationCoverage` answer as the app does; returns how many periods and
/// groups it read (so the work cannot be skipped), or the error's text.
#[wasm_bindgen]
pub fn parse_coverage(body: String) -> Result<u32, String> {
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "application/x-amz-json-1.1".into())],
        body,
    };
    let page = ce::parse_get_reservation_coverage(&response).map_err(|e| e.to_string())?;
    let groups: usize = page.coverages_by_time.iter().map(|p| p.groups.len()).sum();
    Ok((page.coverages_by_time.len() + groups) as u32)
}

/// Serializes and signs one `GetReservationCoverage` request (13 months) with the given
/// credentials at `seconds` since the epoch, `times` times; returns the last Authorization.
#[wasm_bindgen]
pub fn sign_coverage(
    times: u32,
    seconds: f64,
    access_key_id: &str,
    secret_access_key: &str,
    session_token: &str,
) -> Result<String, String> {
    let credentials = Credentials::new(access_key_id, secret_access_key, Some(session_token))
        .map_err(|e| e.to_string())?;
    let endpoint = resolve(Service::CostExplorer, "us-east-1", None).map_err(|e| e.to_string())?;
    let input = GetReservationCoverageInput::new(DateInterval {
        start: "2025-11-01".into(),
        end: "2026-12-01".into(),
    });
    let at = UNIX_EPOCH + Duration::from_secs_f64(seconds);
    let mut last = String::new();
    for _ in 0..times {
        let request = ce::get_reservation_coverage(&input, &endpoint, &credentials, at)
            .map_err(|e| e.to_string())?;
        last = request
            .headers
            .into_iter()
            .find(|(name, _)| name == "authorization")
            .map(|(_, value)| value)
            .unwrap_or_default();
    }
    Ok(last)
}
