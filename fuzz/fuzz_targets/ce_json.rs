//! Cost Explorer's JSON answers: never a panic, and a page that parses reads the same when its
//! body is parsed again (nothing depends on state left from before). Every operation's parser
//! reads every input: the coverage seeds reach the utilization parsers' shared shapes too.
#![no_main]

use lens_core::aws::ce::{
    parse_get_dimension_values, parse_get_reservation_coverage, parse_get_reservation_utilization,
    parse_get_savings_plans_coverage, parse_get_savings_plans_utilization,
};
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
    if let Ok(page) = parse_get_reservation_utilization(&resp) {
        assert_eq!(parse_get_reservation_utilization(&resp).ok(), Some(page));
    }
    if let Ok(page) = parse_get_savings_plans_coverage(&resp) {
        assert_eq!(parse_get_savings_plans_coverage(&resp).ok(), Some(page));
    }
    if let Ok(answer) = parse_get_savings_plans_utilization(&resp) {
        assert_eq!(parse_get_savings_plans_utilization(&resp).ok(), Some(answer));
    }
});
