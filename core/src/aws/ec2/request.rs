//! EC2 query-protocol requests (API version 2016-11-15).
//!
//! Parameters are written in the model's member order, as botocore does; lists are flattened
//! and numbered from 1 (`CapacityReservationId.1`, `Filter.1.Value.2`) under the member's
//! capitalised `locationName`, and an empty list writes nothing (botocore's EC2 serializer).

use crate::aws::credentials::Credentials;
use crate::aws::endpoint::ResolvedEndpoint;
use crate::aws::http::HttpRequest;
use crate::aws::input::{check_range, BuildError, InputError};
use crate::aws::query::{QueryProtocol, QueryValue, QueryWriter};
use std::time::SystemTime;

/// The EC2 API version every request names.
pub const EC2_API_VERSION: &str = "2016-11-15";

/// `GetCapacityReservationUsage`: who uses one capacity reservation, and how much of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetCapacityReservationUsageInput {
    /// The reservation (`cr-...`). Required.
    pub capacity_reservation_id: String,
    /// The token of the next page, from the previous response.
    pub next_token: Option<String>,
    /// Page size, 1 to 1000.
    pub max_results: Option<i32>,
    /// Only check permissions (AWS answers `DryRunOperation` or `UnauthorizedOperation`).
    pub dry_run: Option<bool>,
}

/// A `Filter` of `DescribeCapacityReservations`: a name and the values it matches (OR'd).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The filter name, e.g. `state` or `instance-type`.
    pub name: String,
    /// The values, any of which matches.
    pub values: Vec<String>,
}

/// `DescribeCapacityReservations`: the reservations of the account in one region.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DescribeCapacityReservationsInput {
    /// Only these reservations (`CapacityReservationId.N`).
    pub capacity_reservation_ids: Vec<String>,
    /// The token of the next page, from the previous response.
    pub next_token: Option<String>,
    /// Page size, 1 to 1000.
    pub max_results: Option<i32>,
    /// Filters (`Filter.N.Name`, `Filter.N.Value.M`), AND'ed together.
    pub filters: Vec<Filter>,
    /// Only check permissions.
    pub dry_run: Option<bool>,
}

/// The form body of `GetCapacityReservationUsage`, after checking the input.
pub fn get_capacity_reservation_usage_body(
    input: &GetCapacityReservationUsageInput,
) -> Result<String, InputError> {
    if input.capacity_reservation_id.trim().is_empty() {
        return Err(InputError::Missing {
            field: "CapacityReservationId",
        });
    }
    check_range("MaxResults", input.max_results, 1, 1000)?;
    let mut q = QueryWriter::new("GetCapacityReservationUsage", EC2_API_VERSION);
    q.param("CapacityReservationId", &input.capacity_reservation_id);
    if let Some(token) = &input.next_token {
        q.param("NextToken", token);
    }
    if let Some(n) = input.max_results {
        q.int_param("MaxResults", n.into());
    }
    if let Some(dry_run) = input.dry_run {
        q.bool_param("DryRun", dry_run);
    }
    Ok(q.finish())
}

/// The form body of `DescribeCapacityReservations`, after checking the input.
pub fn describe_capacity_reservations_body(
    input: &DescribeCapacityReservationsInput,
) -> Result<String, InputError> {
    check_range("MaxResults", input.max_results, 1, 1000)?;
    let mut q = QueryWriter::new("DescribeCapacityReservations", EC2_API_VERSION);
    // Model: CapacityReservationIds (locationName CapacityReservationId), NextToken,
    // MaxResults, Filters (locationName Filter; Filter.Values has locationName Value), DryRun.
    let ids = input
        .capacity_reservation_ids
        .iter()
        .map(|id| QueryValue::Text(id.clone()))
        .collect();
    q.value(
        "CapacityReservationId",
        &QueryValue::List(ids),
        QueryProtocol::Ec2,
    );
    if let Some(token) = &input.next_token {
        q.param("NextToken", token);
    }
    if let Some(n) = input.max_results {
        q.int_param("MaxResults", n.into());
    }
    let filters = input
        .filters
        .iter()
        .map(|f| {
            let values = f
                .values
                .iter()
                .map(|v| QueryValue::Text(v.clone()))
                .collect();
            QueryValue::Struct(vec![
                ("Name".into(), QueryValue::Text(f.name.clone())),
                ("Value".into(), QueryValue::List(values)),
            ])
        })
        .collect();
    q.value("Filter", &QueryValue::List(filters), QueryProtocol::Ec2);
    if let Some(dry_run) = input.dry_run {
        q.bool_param("DryRun", dry_run);
    }
    Ok(q.finish())
}

/// A signed `GetCapacityReservationUsage` request.
pub fn get_capacity_reservation_usage(
    input: &GetCapacityReservationUsageInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// A signed `DescribeCapacityReservations` request.
pub fn describe_capacity_reservations(
    input: &DescribeCapacityReservationsInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}
