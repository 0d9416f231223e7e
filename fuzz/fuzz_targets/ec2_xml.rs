//! EC2's XML answers (every operation the app calls): parsed or refused, never a panic.
#![no_main]

use lens_core::aws::ec2::{
    ec2_request_id, parse_describe_capacity_reservations, parse_get_capacity_manager_attributes,
    parse_get_capacity_manager_metric_data, parse_get_capacity_manager_metric_dimensions,
    parse_get_capacity_reservation_usage,
};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(resp) = common::response(data) {
        let _ = parse_describe_capacity_reservations(&resp);
        let _ = parse_get_capacity_reservation_usage(&resp);
        let _ = parse_get_capacity_manager_attributes(&resp);
        let _ = parse_get_capacity_manager_metric_data(&resp);
        let _ = parse_get_capacity_manager_metric_dimensions(&resp);
        let _ = ec2_request_id(&resp);
    }
});
