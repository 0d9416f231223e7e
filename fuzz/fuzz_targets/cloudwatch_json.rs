//! CloudWatch's `GetMetricData` answers: never a panic, and a page that parses reads the same
//! when parsed again, from the response and from the body alone (compared through `Debug`:
//! a `NaN` value is not equal to itself).
#![no_main]

use lens_core::aws::cloudwatch::{parse_get_metric_data, parse_get_metric_data_response};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(resp) = common::response(data) else {
        return;
    };
    if let Ok(page) = parse_get_metric_data_response(&resp) {
        let again = parse_get_metric_data_response(&resp).map(|p| format!("{p:?}"));
        assert_eq!(again.ok(), Some(format!("{page:?}")));
        if resp.status == 200 && resp.headers.is_empty() {
            let body = parse_get_metric_data(resp.body.as_bytes()).map(|p| format!("{p:?}"));
            assert_eq!(body.ok(), Some(format!("{page:?}")));
        }
    }
    let _ = parse_get_metric_data(data);
});
