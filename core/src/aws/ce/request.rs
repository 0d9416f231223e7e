//! Cost Explorer JSON 1.1 requests (`AWSInsightsIndexService`).
//!
//! Each body function checks what the service model (botocore 1.44.5's `ce` model) and its
//! documentation rule out before anything is sent (AWS bills rejected requests too):
//! - `TimePeriod.Start` / `End`: the `YearMonthDay` pattern `(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}Z)?`.
//! - `MaxResults`: the `MaxResults` shape's `min: 1` (no maximum in the model).
//! - `NextPageToken` / `NextToken`: the `NextPageToken` shape's `max: 8192`.
//! - `GetReservationUtilization`, `GetSavingsPlansCoverage`, `GetSavingsPlansUtilization`: the
//!   `Granularity` member's documentation, "supports only `DAILY` and `MONTHLY` granularities"
//!   (the `Granularity` enum, shared with coverage, also has `HOURLY`).
//! - `GetReservationUtilization` ("If `GroupBy` is set, `Granularity` can't be set") and
//!   `GetSavingsPlansCoverage` ("`Granularity` can't be set if `GroupBy` is set"): not both.
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

pub use crate::aws::json::to_botocore_json;

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

/// `GetReservationUtilization` input (how much of the reservations bought was used), every
/// member of the model in its order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetReservationUtilizationInput {
    /// The dates covered (`End` exclusive). Required.
    pub time_period: DateInterval,
    /// Group by these (the API groups only by `SUBSCRIPTION_ID`; not with `Granularity`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group_by: Option<Vec<GroupDefinition>>,
    /// Break down over time: `DAILY` or `MONTHLY` only (AWS's default is `DAILY`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub granularity: Option<Granularity>,
    /// Which reservations to count.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub filter: Option<Expression>,
    /// Sort order of the results (e.g. `UtilizationPercentage`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sort_by: Option<SortDefinition>,
    /// The token of the next page, from the previous response.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_page_token: Option<String>,
    /// Page size (at least 1).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_results: Option<i32>,
}

impl GetReservationUtilizationInput {
    /// An input with only the required time period.
    pub fn new(time_period: DateInterval) -> Self {
        Self {
            time_period,
            group_by: None,
            granularity: None,
            filter: None,
            sort_by: None,
            next_page_token: None,
            max_results: None,
        }
    }
}

/// `GetSavingsPlansCoverage` input (how much eligible spend Savings Plans covered), every
/// member of the model in its order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetSavingsPlansCoverageInput {
    /// The dates covered (`End` exclusive, not in the future). Required.
    pub time_period: DateInterval,
    /// Group by these (`INSTANCE_FAMILY`, `REGION` or `SERVICE`; not with `Granularity`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group_by: Option<Vec<GroupDefinition>>,
    /// Break down over time: `DAILY` or `MONTHLY` only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub granularity: Option<Granularity>,
    /// Which usage to count.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub filter: Option<Expression>,
    /// The metrics (the only valid one is `SpendCoveredBySavingsPlans`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub metrics: Option<Vec<String>>,
    /// The token of the next page, from the previous response.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_token: Option<String>,
    /// Page size (at least 1; AWS's default is 20).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_results: Option<i32>,
    /// Sort order of the results (e.g. `CoveragePercentage`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sort_by: Option<SortDefinition>,
}

impl GetSavingsPlansCoverageInput {
    /// An input with only the required time period.
    pub fn new(time_period: DateInterval) -> Self {
        Self {
            time_period,
            group_by: None,
            granularity: None,
            filter: None,
            metrics: None,
            next_token: None,
            max_results: None,
            sort_by: None,
        }
    }
}

/// `GetSavingsPlansUtilization` input (how much of the Savings Plans commitment was used),
/// every member of the model in its order. Not paged, and it can't be grouped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetSavingsPlansUtilizationInput {
    /// The dates covered (`End` exclusive, not in the future). Required.
    pub time_period: DateInterval,
    /// Break down over time: `DAILY` or `MONTHLY` only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub granularity: Option<Granularity>,
    /// Which Savings Plans to count.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub filter: Option<Expression>,
    /// Sort order of the results (e.g. `UtilizationPercentage`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sort_by: Option<SortDefinition>,
}

impl GetSavingsPlansUtilizationInput {
    /// An input with only the required time period.
    pub fn new(time_period: DateInterval) -> Self {
        Self {
            time_period,
            granularity: None,
            filter: None,
            sort_by: None,
        }
    }
}

/// The JSON body of `GetReservationCoverage`, after checking the input.
pub fn get_reservation_coverage_body(
    input: &GetReservationCoverageInput,
) -> Result<String, InputError> {
    check_interval(&input.time_period)?;
    check_page(
        "NextPageToken",
        input.next_page_token.as_deref(),
        input.max_results,
    )?;
    Ok(to_botocore_json(input))
}

/// The JSON body of `GetDimensionValues`, after checking the input.
pub fn get_dimension_values_body(input: &GetDimensionValuesInput) -> Result<String, InputError> {
    check_interval(&input.time_period)?;
    check_page(
        "NextPageToken",
        input.next_page_token.as_deref(),
        input.max_results,
    )?;
    check_len("SearchString", input.search_string.as_deref(), 1024)?;
    check_len("DimensionKey", input.dimension_key.as_deref(), 1024)?;
    Ok(to_botocore_json(input))
}

/// The JSON body of `GetReservationUtilization`, after checking the input.
pub fn get_reservation_utilization_body(
    input: &GetReservationUtilizationInput,
) -> Result<String, InputError> {
    const OPERATION: &str = "GetReservationUtilization";
    check_interval(&input.time_period)?;
    check_daily_or_monthly(OPERATION, input.granularity)?;
    check_group_by_alone(OPERATION, input.group_by.as_deref(), input.granularity)?;
    check_page(
        "NextPageToken",
        input.next_page_token.as_deref(),
        input.max_results,
    )?;
    Ok(to_botocore_json(input))
}

/// The JSON body of `GetSavingsPlansCoverage`, after checking the input.
pub fn get_savings_plans_coverage_body(
    input: &GetSavingsPlansCoverageInput,
) -> Result<String, InputError> {
    const OPERATION: &str = "GetSavingsPlansCoverage";
    check_interval(&input.time_period)?;
    check_daily_or_monthly(OPERATION, input.granularity)?;
    check_group_by_alone(OPERATION, input.group_by.as_deref(), input.granularity)?;
    check_page("NextToken", input.next_token.as_deref(), input.max_results)?;
    Ok(to_botocore_json(input))
}

/// The JSON body of `GetSavingsPlansUtilization`, after checking the input.
pub fn get_savings_plans_utilization_body(
    input: &GetSavingsPlansUtilizationInput,
) -> Result<String, InputError> {
    check_interval(&input.time_period)?;
    check_daily_or_monthly("GetSavingsPlansUtilization", input.granularity)?;
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

/// A signed `GetReservationUtilization` request (billed USD 0.01 by AWS, per page).
pub fn get_reservation_utilization(
    input: &GetReservationUtilizationInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// A signed `GetSavingsPlansCoverage` request (billed USD 0.01 by AWS, per page).
pub fn get_savings_plans_coverage(
    input: &GetSavingsPlansCoverageInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// A signed `GetSavingsPlansUtilization` request (billed USD 0.01 by AWS).
pub fn get_savings_plans_utilization(
    input: &GetSavingsPlansUtilizationInput,
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

/// A page request's `MaxResults` (the model's `min: 1`) and token (`max: 8192`), the token
/// member named as the operation names it.
fn check_page(
    token_member: &'static str,
    token: Option<&str>,
    max_results: Option<i32>,
) -> Result<(), InputError> {
    check_range("MaxResults", max_results, 1, i32::MAX.into())?;
    check_len(token_member, token, 8192)
}

/// The utilization and Savings Plans operations' `Granularity` documentation: "supports only
/// `DAILY` and `MONTHLY` granularities".
fn check_daily_or_monthly(
    operation: &'static str,
    granularity: Option<Granularity>,
) -> Result<(), InputError> {
    match granularity {
        Some(Granularity::Hourly) => Err(InputError::NotAccepted {
            operation,
            field: "Granularity",
            value: "HOURLY",
            accepted: "DAILY or MONTHLY",
        }),
        _ => Ok(()),
    }
}

/// "If `GroupBy` is set, `Granularity` can't be set" (the `Granularity` documentation of
/// GetReservationUtilization and GetSavingsPlansCoverage). An empty `GroupBy` is still sent
/// (as `[]`), so it counts as set.
fn check_group_by_alone(
    operation: &'static str,
    group_by: Option<&[GroupDefinition]>,
    granularity: Option<Granularity>,
) -> Result<(), InputError> {
    if group_by.is_some() && granularity.is_some() {
        return Err(InputError::Exclusive {
            operation,
            field: "Granularity",
            other: "GroupBy",
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn period(start: &str, end: &str) -> DateInterval {
        DateInterval {
            start: start.into(),
            end: end.into(),
        }
    }

    fn march() -> DateInterval {
        period("2026-03-01", "2026-04-01")
    }

    #[test]
    fn bad_dates_are_refused() {
        let bad = period("2026-03-01", "2026-4-01");
        let refused = Err(InputError::DateMalformed {
            field: "TimePeriod.End",
            value: "2026-4-01".into(),
        });
        assert_eq!(
            get_reservation_utilization_body(&GetReservationUtilizationInput::new(bad.clone())),
            refused
        );
        assert_eq!(
            get_savings_plans_coverage_body(&GetSavingsPlansCoverageInput::new(bad.clone())),
            refused
        );
        assert_eq!(
            get_savings_plans_utilization_body(&GetSavingsPlansUtilizationInput::new(bad)),
            refused
        );
        let with_time = period("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
        assert!(
            get_savings_plans_utilization_body(&GetSavingsPlansUtilizationInput::new(with_time))
                .is_ok()
        );
        let start = period("01-03-2026", "2026-04-01");
        assert!(matches!(
            get_reservation_utilization_body(&GetReservationUtilizationInput::new(start)),
            Err(InputError::DateMalformed {
                field: "TimePeriod.Start",
                ..
            })
        ));
    }

    #[test]
    fn max_results_must_be_at_least_one() {
        let range = |value| {
            Err(InputError::OutOfRange {
                field: "MaxResults",
                value,
                min: 1,
                max: i32::MAX.into(),
            })
        };
        for max in [0, -1] {
            let mut utilization = GetReservationUtilizationInput::new(march());
            utilization.max_results = Some(max);
            assert_eq!(
                get_reservation_utilization_body(&utilization),
                range(max.into())
            );
            let mut coverage = GetSavingsPlansCoverageInput::new(march());
            coverage.max_results = Some(max);
            assert_eq!(
                get_savings_plans_coverage_body(&coverage),
                range(max.into())
            );
        }
        let mut coverage = GetSavingsPlansCoverageInput::new(march());
        coverage.max_results = Some(1);
        assert!(get_savings_plans_coverage_body(&coverage).is_ok());
    }

    #[test]
    fn tokens_longer_than_the_model_allows_are_refused() {
        let mut utilization = GetReservationUtilizationInput::new(march());
        utilization.next_page_token = Some("t".repeat(8192));
        assert!(get_reservation_utilization_body(&utilization).is_ok());
        utilization.next_page_token = Some("t".repeat(8193));
        assert_eq!(
            get_reservation_utilization_body(&utilization),
            Err(InputError::TooLong {
                field: "NextPageToken",
                length: 8193,
                max: 8192
            })
        );
        let mut coverage = GetSavingsPlansCoverageInput::new(march());
        coverage.next_token = Some("é".repeat(8193));
        assert_eq!(
            get_savings_plans_coverage_body(&coverage),
            Err(InputError::TooLong {
                field: "NextToken",
                length: 8193,
                max: 8192
            })
        );
    }

    #[test]
    fn hourly_granularity_is_refused() {
        let refused = |operation| {
            Err(InputError::NotAccepted {
                operation,
                field: "Granularity",
                value: "HOURLY",
                accepted: "DAILY or MONTHLY",
            })
        };
        let mut utilization = GetReservationUtilizationInput::new(march());
        utilization.granularity = Some(Granularity::Hourly);
        assert_eq!(
            get_reservation_utilization_body(&utilization),
            refused("GetReservationUtilization")
        );
        let mut coverage = GetSavingsPlansCoverageInput::new(march());
        coverage.granularity = Some(Granularity::Hourly);
        assert_eq!(
            get_savings_plans_coverage_body(&coverage),
            refused("GetSavingsPlansCoverage")
        );
        let mut sp = GetSavingsPlansUtilizationInput::new(march());
        sp.granularity = Some(Granularity::Hourly);
        assert_eq!(
            get_savings_plans_utilization_body(&sp),
            refused("GetSavingsPlansUtilization")
        );
        assert_eq!(
            refused("GetSavingsPlansUtilization")
                .unwrap_err()
                .to_string(),
            "GetSavingsPlansUtilization accepts Granularity DAILY or MONTHLY only; it was HOURLY."
        );
        for granularity in [Granularity::Daily, Granularity::Monthly] {
            sp.granularity = Some(granularity);
            assert!(get_savings_plans_utilization_body(&sp).is_ok());
        }
    }

    #[test]
    fn group_by_and_granularity_are_refused_together() {
        let group = vec![GroupDefinition {
            r#type: Some(GroupDefinitionType::Dimension),
            key: Some("SUBSCRIPTION_ID".into()),
        }];
        let mut utilization = GetReservationUtilizationInput::new(march());
        utilization.group_by = Some(group.clone());
        assert!(get_reservation_utilization_body(&utilization).is_ok());
        utilization.granularity = Some(Granularity::Monthly);
        let refused = |operation| {
            Err(InputError::Exclusive {
                operation,
                field: "Granularity",
                other: "GroupBy",
            })
        };
        assert_eq!(
            get_reservation_utilization_body(&utilization),
            refused("GetReservationUtilization")
        );
        let mut coverage = GetSavingsPlansCoverageInput::new(march());
        coverage.granularity = Some(Granularity::Daily);
        assert!(get_savings_plans_coverage_body(&coverage).is_ok());
        coverage.group_by = Some(Vec::new());
        assert_eq!(
            get_savings_plans_coverage_body(&coverage),
            refused("GetSavingsPlansCoverage")
        );
    }
}
