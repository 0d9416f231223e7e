//! Error answers of all three protocols, and the clock refusals' server times: never a panic.
#![no_main]

use lens_core::aws::error::{parse_error_response, server_time_from_message, ErrorProtocol};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(resp) = common::response(data) {
        for protocol in [
            ErrorProtocol::Ec2,
            ErrorProtocol::Query,
            ErrorProtocol::Json,
        ] {
            let e = parse_error_response(&resp, protocol);
            let _ = (e.to_string(), e.next_step(), e.kind());
        }
        let _ = server_time_from_message(&resp.body);
    }
});
