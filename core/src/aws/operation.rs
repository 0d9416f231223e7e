//! One trait ties each operation's request, answer and page token together, so a call returns
//! its own output type and no call site pairs a builder with a parser by hand.

use crate::aws::ce::{
    self, GetDimensionValuesInput, GetReservationCoverageInput, GetReservationUtilizationInput,
    GetSavingsPlansCoverageInput, GetSavingsPlansUtilizationInput,
};
use crate::aws::cloudwatch::{self, GetMetricDataInput};
use crate::aws::credentials::Credentials;
use crate::aws::ec2::{
    self, DescribeCapacityReservationsInput, GetCapacityManagerAttributesInput,
    GetCapacityManagerMetricDataInput, GetCapacityManagerMetricDimensionsInput,
    GetCapacityReservationUsageInput,
};
use crate::aws::endpoint::{ResolvedEndpoint, Service};
use crate::aws::error::{AwsError, ErrorProtocol};
use crate::aws::http::{HttpRequest, HttpResponse};
use crate::aws::input::{BuildError, InputError};
use crate::aws::query::query_headers;
use crate::aws::sign::sign_request;
use crate::aws::sts;
use std::time::SystemTime;

/// An AWS operation: its input is `Self`.
pub trait Operation {
    /// What a successful answer parses to.
    type Output;
    /// The service that answers it.
    const SERVICE: Service;
    /// The operation's name as AWS spells it.
    const NAME: &'static str;
    /// Whether a successful answer may be served again from the session's cache (Cost
    /// Explorer bills every request; EC2 listings are free but slow across regions).
    const CACHED: bool;

    /// The exact body AWS receives, after checking the input (nothing invalid is sent).
    fn body(&self) -> Result<String, InputError>;

    /// Parses AWS's answer (any status: error envelopes become [`AwsError`]).
    fn parse(response: &HttpResponse) -> Result<Self::Output, AwsError>;

    /// The signed request for `endpoint` at `time`.
    fn request(
        &self,
        endpoint: &ResolvedEndpoint,
        credentials: &Credentials,
        time: SystemTime,
    ) -> Result<HttpRequest, BuildError> {
        sign_body(
            Self::SERVICE,
            Self::NAME,
            self.body()?,
            endpoint,
            credentials,
            time,
        )
    }
}

/// An operation whose answer may continue on another page.
pub trait Paged: Operation {
    /// The member AWS names the token in (`NextToken`, `NextPageToken`), for messages.
    const TOKEN: &'static str;
    /// The input for the page after `token` (`None`: the first page).
    fn set_token(&mut self, token: Option<String>);
    /// The input's current token.
    fn token(&self) -> Option<&str>;
    /// The answer's token for the next page.
    fn next_token(output: &Self::Output) -> Option<&str>;
}

/// Signs a body with the headers of `service`'s protocol.
pub fn sign_body(
    service: Service,
    operation: &str,
    body: String,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    Ok(match service {
        Service::CostExplorer => {
            let target = target(ce::CE_TARGET_PREFIX, operation);
            sign_request(
                endpoint,
                &ce::json_headers(&target),
                body,
                credentials,
                time,
            )?
        }
        Service::CloudWatch => {
            let target = target(cloudwatch::CLOUDWATCH_TARGET_PREFIX, operation);
            sign_request(
                endpoint,
                &cloudwatch::json_1_0_headers(&target),
                body,
                credentials,
                time,
            )?
        }
        Service::Ec2 | Service::Sts => {
            sign_request(endpoint, &query_headers(), body, credentials, time)?
        }
    })
}

/// `prefix.operation`, the `x-amz-target` header of the JSON protocols. Pushed, not
/// `format!`ted: the formatting machinery was 4 % of signing a request in the browser.
fn target(prefix: &str, operation: &str) -> String {
    let mut target = String::with_capacity(prefix.len() + 1 + operation.len());
    target.push_str(prefix);
    target.push('.');
    target.push_str(operation);
    target
}

/// The error envelope `service` answers with.
pub fn error_protocol(service: Service) -> ErrorProtocol {
    match service {
        Service::Ec2 => ErrorProtocol::Ec2,
        Service::Sts => ErrorProtocol::Query,
        Service::CostExplorer | Service::CloudWatch => ErrorProtocol::Json,
    }
}

/// STS `GetCallerIdentity` (no parameters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GetCallerIdentity;

impl Operation for GetCallerIdentity {
    type Output = sts::CallerIdentity;
    const SERVICE: Service = Service::Sts;
    const NAME: &'static str = "GetCallerIdentity";
    const CACHED: bool = false;
    fn body(&self) -> Result<String, InputError> {
        Ok(sts::get_caller_identity_body())
    }
    fn parse(response: &HttpResponse) -> Result<Self::Output, AwsError> {
        sts::parse_get_caller_identity(response)
    }
}

/// `Operation` for inputs whose service module has a `*_body(&input)` checker and a
/// `parse_*(&response)` parser: `Input => module::Output, Service, "Name", cached, body, parse;`.
macro_rules! operations {
    ($($input:ty => $module:ident::$output:ident, $service:ident, $name:literal, $cached:literal,
       $body:ident, $parse:ident;)*) => {$(
        impl Operation for $input {
            type Output = $module::$output;
            const SERVICE: Service = Service::$service;
            const NAME: &'static str = $name;
            const CACHED: bool = $cached;
            fn body(&self) -> Result<String, InputError> {
                $module::$body(self)
            }
            fn parse(response: &HttpResponse) -> Result<Self::Output, AwsError> {
                $module::$parse(response)
            }
        }
    )*};
}

operations! {
    DescribeCapacityReservationsInput => ec2::CapacityReservationsPage, Ec2,
        "DescribeCapacityReservations", true,
        describe_capacity_reservations_body, parse_describe_capacity_reservations;
    GetCapacityReservationUsageInput => ec2::CapacityReservationUsage, Ec2,
        "GetCapacityReservationUsage", true,
        get_capacity_reservation_usage_body, parse_get_capacity_reservation_usage;
    // Capacity Manager's status is asked afresh (a user may enable it meanwhile); its metric
    // reads are cached like the other EC2 reads.
    GetCapacityManagerAttributesInput => ec2::CapacityManagerAttributes, Ec2,
        "GetCapacityManagerAttributes", false,
        get_capacity_manager_attributes_body, parse_get_capacity_manager_attributes;
    GetCapacityManagerMetricDataInput => ec2::CapacityManagerMetricDataPage, Ec2,
        "GetCapacityManagerMetricData", true,
        get_capacity_manager_metric_data_body, parse_get_capacity_manager_metric_data;
    GetCapacityManagerMetricDimensionsInput => ec2::CapacityManagerDimensionsPage, Ec2,
        "GetCapacityManagerMetricDimensions", true,
        get_capacity_manager_metric_dimensions_body, parse_get_capacity_manager_metric_dimensions;
    GetReservationCoverageInput => ce::ReservationCoveragePage, CostExplorer,
        "GetReservationCoverage", true,
        get_reservation_coverage_body, parse_get_reservation_coverage;
    GetDimensionValuesInput => ce::DimensionValuesPage, CostExplorer,
        "GetDimensionValues", true,
        get_dimension_values_body, parse_get_dimension_values;
    GetReservationUtilizationInput => ce::ReservationUtilizationPage, CostExplorer,
        "GetReservationUtilization", true,
        get_reservation_utilization_body, parse_get_reservation_utilization;
    GetSavingsPlansCoverageInput => ce::SavingsPlansCoveragePage, CostExplorer,
        "GetSavingsPlansCoverage", true,
        get_savings_plans_coverage_body, parse_get_savings_plans_coverage;
    GetSavingsPlansUtilizationInput => ce::SavingsPlansUtilizationAnswer, CostExplorer,
        "GetSavingsPlansUtilization", true,
        get_savings_plans_utilization_body, parse_get_savings_plans_utilization;
    GetMetricDataInput => cloudwatch::MetricDataPage, CloudWatch,
        "GetMetricData", false,
        get_metric_data_body, parse_get_metric_data_response;
}

/// `Paged` for an input whose token member is `$input` and whose answer's is `$output`.
macro_rules! paged {
    ($($op:ty: $token:literal, $input:ident -> $output:ident;)*) => {$(
        impl Paged for $op {
            const TOKEN: &'static str = $token;
            fn set_token(&mut self, token: Option<String>) {
                self.$input = token;
            }
            fn token(&self) -> Option<&str> {
                self.$input.as_deref()
            }
            fn next_token(output: &Self::Output) -> Option<&str> {
                output.$output.as_deref()
            }
        }
    )*};
}

paged! {
    DescribeCapacityReservationsInput: "NextToken", next_token -> next_token;
    GetCapacityReservationUsageInput: "NextToken", next_token -> next_token;
    GetCapacityManagerMetricDataInput: "NextToken", next_token -> next_token;
    GetCapacityManagerMetricDimensionsInput: "NextToken", next_token -> next_token;
    GetReservationCoverageInput: "NextPageToken", next_page_token -> next_page_token;
    GetDimensionValuesInput: "NextPageToken", next_page_token -> next_page_token;
    GetReservationUtilizationInput: "NextPageToken", next_page_token -> next_page_token;
    GetSavingsPlansCoverageInput: "NextToken", next_token -> next_token;
    GetMetricDataInput: "NextToken", next_token -> next_token;
}
