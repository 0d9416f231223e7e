//! STS's XML answer to GetCallerIdentity: parsed or refused, never a panic.
#![no_main]

use lens_core::aws::sts::parse_get_caller_identity;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(resp) = common::response(data) {
        let _ = parse_get_caller_identity(&resp);
    }
});
