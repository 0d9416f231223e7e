//! STS query-protocol requests (API version 2011-06-15).

use crate::aws::credentials::Credentials;
use crate::aws::endpoint::ResolvedEndpoint;
use crate::aws::http::HttpRequest;
use crate::aws::input::BuildError;
use crate::aws::query::QueryWriter;
use std::time::SystemTime;

/// The STS API version every request names.
pub const STS_API_VERSION: &str = "2011-06-15";

/// The body of `GetCallerIdentity` (it takes no parameters).
pub fn get_caller_identity_body() -> String {
    QueryWriter::new("GetCallerIdentity", STS_API_VERSION).finish()
}

/// A signed `GetCallerIdentity` request: the cheapest way to learn whether credentials work
/// and which account and role they belong to (it needs no permission).
pub fn get_caller_identity(
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(
        &crate::aws::operation::GetCallerIdentity,
        endpoint,
        credentials,
        time,
    )
}
