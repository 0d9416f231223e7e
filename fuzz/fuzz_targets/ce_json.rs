//! Cost Explorer's JSON answers: never a panic, and whenever the fast coverage parser accepts a
//! body (the public parser then returns its page), the precise two-pass parser reads the same
//! page from it.
#![no_main]

use lens_core::aws::ce::{
    parse_get_dimension_values, parse_get_reservation_coverage, two_pass_coverage_page,
};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(resp) = common::response(data) else {
        return;
    };
    let _ = parse_get_dimension_values(&resp);
    let either = parse_get_reservation_coverage(&resp);
    let precise = two_pass_coverage_page(&resp);
    match (&either, &precise) {
        (Ok(page), Ok(precise)) => assert_eq!(page, precise, "the two coverage parsers disagree"),
        (Ok(_), Err(e)) => panic!("the fast path read a page the precise one refuses: {e}"),
        _ => {}
    }
});
