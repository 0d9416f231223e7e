//! Cost Explorer JSON 1.1 requests (`AWSInsightsIndexService`).
//!
//! Bodies are byte-identical to botocore's: it writes `json.dumps(body)` with Python's
//! defaults, so `", "` and `": "` separators, non-ASCII escaped as `\uXXXX` (ensure_ascii),
//! and members in the model's order, optional ones left out when absent.

use super::{DateInterval, Dimension, Expression};
use crate::aws::credentials::Credentials;
use crate::aws::endpoint::ResolvedEndpoint;
use crate::aws::http::HttpRequest;
use crate::aws::input::{check_len, check_range, BuildError, InputError};
use serde::{Deserialize, Serialize};
use std::time::SystemTime;

mod json;

pub use json::to_botocore_json;

/// The `X-Amz-Target` prefix of Cost Explorer operations.
pub const CE_TARGET_PREFIX: &str = "AWSInsightsIndexService";

/// The content type of JSON 1.1 bodies.
pub const JSON_1_1_CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// How finely coverage is broken down over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Granularity {
    /// One value per day.
    Daily,
    /// One value per month.
    Monthly,
    /// One value per hour (needs hourly granularity enabled in the account).
    Hourly,
}

/// What a `GroupDefinition` groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GroupDefinitionType {
    /// A Cost Explorer dimension.
    Dimension,
    /// A cost allocation tag.
    Tag,
    /// A cost category.
    CostCategory,
    /// A product attribute.
    ProductAttribute,
}

/// One `GroupBy` entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupDefinition {
    /// What kind of key.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub r#type: Option<GroupDefinitionType>,
    /// The dimension, tag key or cost category name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key: Option<String>,
}

/// Sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SortOrder {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

/// `SortBy`: a key (e.g. `CoverageHoursPercentage`) and a direction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SortDefinition {
    /// The metric or attribute to sort by. Required by the API.
    pub key: String,
    /// The direction (AWS's default is ascending).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sort_order: Option<SortOrder>,
}

/// The context of `GetDimensionValues`: which data the values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Context {
    /// Cost and usage data (the default).
    CostAndUsage,
    /// Reservation data: the values coverage can be filtered and grouped by.
    Reservations,
    /// Savings Plans data.
    SavingsPlans,
}

/// `GetReservationCoverage` input, every member of the model in its order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetReservationCoverageInput {
    /// The dates covered (`End` exclusive). Required.
    pub time_period: DateInterval,
    /// Group by these (AWS refuses `GroupBy` together with `Granularity`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group_by: Option<Vec<GroupDefinition>>,
    /// Break down over time.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub granularity: Option<Granularity>,
    /// Which usage to count.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub filter: Option<Expression>,
    /// Extra metrics (only `Hour`, `Unit` and `Cost` are accepted).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub metrics: Option<Vec<String>>,
    /// The token of the next page, from the previous response.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_page_token: Option<String>,
    /// Sort order of the results.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sort_by: Option<SortDefinition>,
    /// Page size (at least 1).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_results: Option<i32>,
}

impl GetReservationCoverageInput {
    /// An input with only the required time period.
    pub fn new(time_period: DateInterval) -> Self {
        Self {
            time_period,
            group_by: None,
            granularity: None,
            filter: None,
            metrics: None,
            next_page_token: None,
            sort_by: None,
            max_results: None,
        }
    }
}

/// `GetDimensionValues` input, every member of the model in its order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetDimensionValuesInput {
    /// Only values containing this text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub search_string: Option<String>,
    /// The dates to look at (`End` exclusive). Required.
    pub time_period: DateInterval,
    /// Which dimension's values. Required.
    pub dimension: Dimension,
    /// For `PRODUCT_ATTRIBUTE`-like dimensions, the key.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dimension_key: Option<String>,
    /// Which data the values come from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub context: Option<Context>,
    /// Only values of matching usage.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub filter: Option<Expression>,
    /// Sort order of the values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sort_by: Option<Vec<SortDefinition>>,
    /// A billing view's ARN (`arn:aws:billing::...:billingview/...`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub billing_view_arn: Option<String>,
    /// Page size (at least 1).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_results: Option<i32>,
    /// The token of the next page, from the previous response.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_page_token: Option<String>,
}

impl GetDimensionValuesInput {
    /// An input with only the required members.
    pub fn new(time_period: DateInterval, dimension: Dimension) -> Self {
        Self {
            search_string: None,
            time_period,
            dimension,
            dimension_key: None,
            context: None,
            filter: None,
            sort_by: None,
            billing_view_arn: None,
            max_results: None,
            next_page_token: None,
        }
    }
}

/// The JSON body of `GetReservationCoverage`, after checking the input.
pub fn get_reservation_coverage_body(
    input: &GetReservationCoverageInput,
) -> Result<String, InputError> {
    check_interval(&input.time_period)?;
    check_range("MaxResults", input.max_results, 1, i32::MAX.into())?;
    check_len("NextPageToken", input.next_page_token.as_deref(), 8192)?;
    Ok(to_botocore_json(input))
}

/// The JSON body of `GetDimensionValues`, after checking the input.
pub fn get_dimension_values_body(input: &GetDimensionValuesInput) -> Result<String, InputError> {
    check_interval(&input.time_period)?;
    check_range("MaxResults", input.max_results, 1, i32::MAX.into())?;
    check_len("NextPageToken", input.next_page_token.as_deref(), 8192)?;
    check_len("SearchString", input.search_string.as_deref(), 1024)?;
    check_len("DimensionKey", input.dimension_key.as_deref(), 1024)?;
    Ok(to_botocore_json(input))
}

/// A signed `GetReservationCoverage` request (billed USD 0.01 by AWS, per page).
pub fn get_reservation_coverage(
    input: &GetReservationCoverageInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// A signed `GetDimensionValues` request (billed USD 0.01 by AWS, per page).
pub fn get_dimension_values(
    input: &GetDimensionValuesInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// The headers a JSON 1.1 request signs besides `host` and the signer's own.
pub fn json_headers(target: &str) -> [(&'static str, &str); 2] {
    [
        ("content-type", JSON_1_1_CONTENT_TYPE),
        ("x-amz-target", target),
    ]
}

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (the model's `YearMonthDay` pattern).
fn check_interval(interval: &DateInterval) -> Result<(), InputError> {
    for (field, value) in [
        ("TimePeriod.Start", &interval.start),
        ("TimePeriod.End", &interval.end),
    ] {
        if !is_year_month_day(value) {
            return Err(InputError::DateMalformed {
                field,
                value: value.clone(),
            });
        }
    }
    Ok(())
}

fn is_year_month_day(value: &str) -> bool {
    let shape_ok = |text: &str, pattern: &str| {
        text.len() == pattern.len()
            && text.bytes().zip(pattern.bytes()).all(|(t, p)| match p {
                b'9' => t.is_ascii_digit(),
                _ => t == p,
            })
    };
    shape_ok(value, "9999-99-99") || shape_ok(value, "9999-99-99T99:99:99Z")
}
