//! Cost Explorer answers (JSON 1.1). The HTTP side is checked here (status, empty or HTML
//! bodies, error envelopes, the request id). The bodies of `GetReservationCoverage`,
//! `GetReservationUtilization`, `GetSavingsPlansCoverage` and `GetSavingsPlansUtilization` are
//! read by `lens_ce_read`, a crate of its own built for speed, whose types are re-exported
//! here; `GetDimensionValues`, small and read while a filter is built, is read here.

pub use lens_ce_read::{
    Amount, Attributes, Coverage, CoverageByTime, CoverageCost, CoverageGroup, CoverageHours,
    CoverageNormalizedUnits, NumberText, ReservationAggregates, ReservationCoveragePage,
    ReservationUtilizationGroup, ReservationUtilizationPage, SavingsPlansAmortizedCommitment,
    SavingsPlansCoverage, SavingsPlansCoverageData, SavingsPlansCoveragePage, SavingsPlansSavings,
    SavingsPlansUtilization, SavingsPlansUtilizationAggregates, SavingsPlansUtilizationAnswer,
    SavingsPlansUtilizationByTime, UtilizationByTime,
};

use crate::aws::error::{
    checked_body, parse_error_response, AwsError, BadResponse, ErrorProtocol, Problem,
};
use crate::aws::http::HttpResponse;
use crate::aws::loose_json::Loose;
use lens_ce_read::raw::{Envelope, Text};
use lens_ce_read::Unreadable;

/// `GetDimensionValuesResponse`: one page of values for a dimension.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DimensionValuesPage {
    pub request_id: Option<String>,
    pub dimension_values: Vec<DimensionValue>,
    /// How many values this page holds.
    pub return_size: u32,
    /// How many values match in all.
    pub total_size: u32,
    pub next_page_token: Option<String>,
}

/// `DimensionValuesWithAttributes`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DimensionValue {
    pub value: Option<String>,
    /// e.g. `description = Production` for `LINKED_ACCOUNT`.
    pub attributes: Attributes,
}

/// Parse a `GetReservationCoverage` answer (any status: error envelopes become [`AwsError`]).
pub fn parse_get_reservation_coverage(
    resp: &HttpResponse,
) -> Result<ReservationCoveragePage, AwsError> {
    answer(resp, lens_ce_read::reservation_coverage)
}

/// Parse a `GetReservationUtilization` answer (any status: error envelopes become
/// [`AwsError`]).
pub fn parse_get_reservation_utilization(
    resp: &HttpResponse,
) -> Result<ReservationUtilizationPage, AwsError> {
    answer(resp, lens_ce_read::reservation_utilization)
}

/// Parse a `GetSavingsPlansCoverage` answer (any status: error envelopes become [`AwsError`]).
pub fn parse_get_savings_plans_coverage(
    resp: &HttpResponse,
) -> Result<SavingsPlansCoveragePage, AwsError> {
    answer(resp, lens_ce_read::savings_plans_coverage)
}

/// Parse a `GetSavingsPlansUtilization` answer (any status: error envelopes become
/// [`AwsError`]).
pub fn parse_get_savings_plans_utilization(
    resp: &HttpResponse,
) -> Result<SavingsPlansUtilizationAnswer, AwsError> {
    answer(resp, lens_ce_read::savings_plans_utilization)
}

/// A Cost Explorer answer read by `read`: any non-2xx status, and a 2xx body with `__type`,
/// become the service's error; a body that cannot be read, a [`BadResponse`] naming why.
fn answer<T>(
    resp: &HttpResponse,
    read: fn(&str, Option<String>) -> Result<T, Unreadable>,
) -> Result<T, AwsError> {
    read(json_body(resp)?, request_id(resp)).map_err(|why| unreadable(resp, why))
}

/// Why `resp`'s body could not be read, as the caller's error: the service's error for an
/// envelope, a [`BadResponse`] naming the problem otherwise.
fn unreadable(resp: &HttpResponse, why: Unreadable) -> AwsError {
    let problem = match why {
        Unreadable::ErrorEnvelope => return parse_error_response(resp, ErrorProtocol::Json),
        Unreadable::InvalidJson(e) => Problem::InvalidJson(e),
        Unreadable::MissingMember(m) => Problem::MissingMember(m),
        Unreadable::NotANumber { field, text } => Problem::NotANumber { field, text },
    };
    BadResponse::new(resp.status, problem).into()
}

/// `GetDimensionValuesResponse`'s borrowing serde shape.
#[derive(Debug, serde::Deserialize)]
struct DimensionValuesResponse<'a> {
    /// Present only when a 2xx answer carries an error envelope.
    #[serde(rename = "__type", borrow)]
    error_type: Option<Text<'a>>,
    #[serde(rename = "DimensionValues", borrow)]
    dimension_values: Option<Vec<RawDimensionValue<'a>>>,
    /// Kept loose so a wrong type is reported with the member's name.
    #[serde(rename = "ReturnSize")]
    return_size: Option<Loose>,
    #[serde(rename = "TotalSize")]
    total_size: Option<Loose>,
    #[serde(rename = "NextPageToken", borrow)]
    next_page_token: Option<Text<'a>>,
}

impl Envelope for DimensionValuesResponse<'_> {
    fn is_error(&self) -> bool {
        self.error_type.is_some()
    }
}

#[derive(Debug, serde::Deserialize)]
struct RawDimensionValue<'a> {
    #[serde(rename = "Value", borrow)]
    value: Option<Text<'a>>,
    #[serde(rename = "Attributes")]
    attributes: Option<Attributes>,
}

/// Parse a `GetDimensionValues` answer.
pub fn parse_get_dimension_values(resp: &HttpResponse) -> Result<DimensionValuesPage, AwsError> {
    let raw: DimensionValuesResponse<'_> =
        lens_ce_read::read(json_body(resp)?).map_err(|why| unreadable(resp, why))?;
    let bad = |problem| -> AwsError { BadResponse::new(resp.status, problem).into() };
    let values = raw
        .dimension_values
        .ok_or_else(|| bad(Problem::MissingMember("DimensionValues".into())))?;
    Ok(DimensionValuesPage {
        request_id: request_id(resp),
        dimension_values: values
            .into_iter()
            .map(|v| DimensionValue {
                value: v.value.map(|t| t.0.into_owned()),
                attributes: v.attributes.unwrap_or_default(),
            })
            .collect(),
        return_size: page_size(raw.return_size, "ReturnSize").map_err(bad)?,
        total_size: page_size(raw.total_size, "TotalSize").map_err(bad)?,
        next_page_token: raw.next_page_token.map(|t| t.0.into_owned()),
    })
}

fn json_body(resp: &HttpResponse) -> Result<&str, AwsError> {
    if !(200..300).contains(&resp.status) {
        return Err(parse_error_response(resp, ErrorProtocol::Json));
    }
    Ok(checked_body(resp)?)
}

fn request_id(resp: &HttpResponse) -> Option<String> {
    resp.header("x-amzn-requestid").map(str::to_owned)
}

fn page_size(raw: Option<Loose>, member: &str) -> Result<u32, Problem> {
    let value = raw.ok_or_else(|| Problem::MissingMember(member.to_owned()))?;
    match &value {
        Loose::Integer(n) => u32::try_from(*n).ok().filter(|v| *v <= i32::MAX as u32),
        _ => None,
    }
    .ok_or_else(|| Problem::BadCount {
        field: member.to_owned(),
        text: value.to_string(),
        max: i64::from(i32::MAX),
    })
}
