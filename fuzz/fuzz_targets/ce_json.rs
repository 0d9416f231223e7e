//! Cost Explorer's JSON answers: never a panic, and a coverage page that parses reads the same
//! when its body is parsed again (nothing depends on state left from before).
#![no_main]

use lens_core::aws::ce::{parse_get_dimension_values, parse_get_reservation_coverage};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(resp) = common::response(data) else {
        return;
    };
    let _ = parse_get_dimension_values(&resp);
    if let Ok(page) = parse_get_reservation_coverage(&resp) {
        assert_eq!(parse_get_reservation_coverage(&resp).ok(), Some(page));
    }
});
