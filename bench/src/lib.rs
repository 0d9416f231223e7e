//! The app's own Cost Explorer response parser and request signer, exported to JavaScript so
//! that one browser page can time them beside the AWS SDK for JavaScript and aws4fetch
//! (`e2e/bench/side_by_side.py`). Built with the app's release profile (opt-level "z", its
//! Cost Explorer readers and serde_json at 3), so it measures the code the app ships.

use std::time::{Duration, UNIX_EPOCH};

use lens_core::aws::ce::{self, DateInterval, GetReservationCoverageInput};
use lens_core::aws::credentials::Credentials;
use lens_core::aws::endpoint::{resolve, Service};
use lens_core::aws::http::{body_text, HttpResponse};
use wasm_bindgen::prelude::*;

/// Parses a `GetReservationCoverage` answer as the app does, from the body's bytes (the
/// transport reads a `fetch` body's bytes into wasm and decodes them there, `body_text`), and
/// keeps the page as the app keeps it; or the error's text. The page is freed when JavaScript
/// calls `free()`, timed apart (as `JSON.parse`'s objects are collected after its timing).
#[wasm_bindgen]
pub fn parse_coverage(body: Vec<u8>) -> Result<CoveragePage, String> {
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "application/x-amz-json-1.1".into())],
        body: body_text(body),
    };
    let page = ce::parse_get_reservation_coverage(&response).map_err(|e| e.to_string())?;
    Ok(CoveragePage(page))
}

/// A parsed page, held in wasm until JavaScript frees it.
#[wasm_bindgen]
pub struct CoveragePage(ce::ReservationCoveragePage);

#[wasm_bindgen]
impl CoveragePage {
    /// How many periods and groups it holds (so the runner can check the parsers agree).
    pub fn count(&self) -> u32 {
        let groups: usize = self
            .0
            .coverages_by_time
            .iter()
            .map(|p| p.groups.len())
            .sum();
        (self.0.coverages_by_time.len() + groups) as u32
    }
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

/// Parses a `GetMetricData` answer as the list's history does and summarizes every series
/// (average and lowest utilization, unused instance-hours, flags) over the 7 days before
/// `now_seconds`; returns how many points it read and how many reservations were flagged.
#[wasm_bindgen]
pub fn summarize_history(
    body: String,
    now_seconds: f64,
    instances: u32,
) -> Result<Vec<u32>, String> {
    use lens_core::history::{collect, list_figures, list_window, Flag};
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "application/x-amz-json-1.0".into())],
        body,
    };
    let page = lens_core::aws::cloudwatch::parse_get_metric_data_response(&response)
        .map_err(|e| e.to_string())?;
    let now =
        time::OffsetDateTime::from_unix_timestamp(now_seconds as i64).map_err(|e| e.to_string())?;
    let window = list_window(7, now);
    let series = collect(std::slice::from_ref(&page));
    let mut points = 0;
    let mut flagged = 0;
    for s in series.values() {
        let f = list_figures(Some(s), Some(instances), &window, 20.0);
        points += f.points as u32;
        flagged += u32::from(matches!(f.flag, Flag::Idle | Flag::Underused));
    }
    Ok(vec![points, flagged])
}
