//! Cost Explorer answers (JSON 1.1): `GetReservationCoverage` and `GetDimensionValues` here,
//! `GetReservationUtilization`, `GetSavingsPlansCoverage` and `GetSavingsPlansUtilization` in
//! [`commitments`](self::commitments).
//!
//! Every Cost Explorer number arrives as a JSON string. It is parsed here, once, into an
//! [`Amount`] that also keeps the original text (users copy figures exactly as AWS gave them).
//! A number that is not a number is an error that names the member, e.g.
//! `CoveragesByTime[2].Groups[5].Coverage.CoverageHours.OnDemandHours`.

mod amount;
mod commitments;
mod raw;

pub use amount::{Amount, NumberText};
pub use commitments::*;

use super::DateInterval;
use crate::aws::error::{
    checked_body, parse_error_response, AwsError, BadResponse, ErrorProtocol, Problem,
};
use crate::aws::http::HttpResponse;
use crate::aws::loose_json::Loose;

/// An `Attributes` map (`AttributeType` -> `AttributeValue`), in AWS's order. A vector, not a
/// map: groups have one to three attributes, and 20,000 groups per answer make the
/// difference between one allocation and a tree node each.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Attributes(pub Vec<(String, String)>);

impl Attributes {
    /// The value for `key` (e.g. `instanceType`), if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The pairs, in AWS's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `GetReservationCoverageResponse`: one page of coverage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReservationCoveragePage {
    /// `x-amzn-RequestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `CoveragesByTime` (required by the model).
    pub coverages_by_time: Vec<CoverageByTime>,
    /// Coverage over the whole period (Cost Explorer sends it on the last page).
    pub total: Option<Coverage>,
    /// Present while more pages remain.
    pub next_page_token: Option<String>,
}

/// `CoverageByTime`: one day or month.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageByTime {
    /// `Start` inclusive, `End` exclusive.
    pub time_period: Option<DateInterval>,
    /// One per combination of the requested `GroupBy` values.
    pub groups: Vec<CoverageGroup>,
    pub total: Option<Coverage>,
}

/// `ReservationCoverageGroup`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageGroup {
    /// e.g. `instanceType = m5.large`, `region = us-east-1`.
    pub attributes: Attributes,
    pub coverage: Option<Coverage>,
}

/// `Coverage`: the three ways Cost Explorer measures it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Coverage {
    pub coverage_hours: Option<CoverageHours>,
    pub coverage_normalized_units: Option<CoverageNormalizedUnits>,
    pub coverage_cost: Option<CoverageCost>,
}

/// `CoverageHours`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageHours {
    pub on_demand_hours: Option<Amount>,
    pub reserved_hours: Option<Amount>,
    pub total_running_hours: Option<Amount>,
    pub coverage_hours_percentage: Option<Amount>,
}

/// `CoverageNormalizedUnits`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageNormalizedUnits {
    pub on_demand_normalized_units: Option<Amount>,
    pub reserved_normalized_units: Option<Amount>,
    pub total_running_normalized_units: Option<Amount>,
    pub coverage_normalized_units_percentage: Option<Amount>,
}

/// `CoverageCost`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageCost {
    pub on_demand_cost: Option<Amount>,
}

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

/// Parse a `GetReservationCoverage` answer: serde into borrowed raw shapes, then convert member
/// by member, so that a bad member is named. (A one-pass parse straight into these types was
/// tried as a fast path: in the size-tuned wasm build it was slower, 75.7 ms against 59.8 ms on
/// 10 MB, and cost code; BENCHMARKS.md.)
pub fn parse_get_reservation_coverage(
    resp: &HttpResponse,
) -> Result<ReservationCoveragePage, AwsError> {
    let raw: raw::CoverageResponse<'_> = read_answer(resp)?;
    reservation_coverage(raw, request_id(resp)).map_err(bad(resp))
}

fn reservation_coverage(
    raw: raw::CoverageResponse<'_>,
    request_id: Option<String>,
) -> Result<ReservationCoveragePage, Problem> {
    let periods = required(raw.coverages_by_time, || "CoveragesByTime".into())?;
    let coverages_by_time = each(
        periods,
        &|i| format!("CoveragesByTime[{i}]"),
        |period, path| {
            let groups = each(
                period.groups.unwrap_or_default(),
                &|j| format!("{}.Groups[{j}]", path()),
                |group, gpath| {
                    let cpath = || format!("{}.Coverage", gpath());
                    Ok(CoverageGroup {
                        attributes: pairs(group.attributes),
                        coverage: optional(group.coverage, coverage, &cpath)?,
                    })
                },
            )?;
            let tpath = || format!("{}.Total", path());
            Ok(CoverageByTime {
                time_period: time_period(period.time_period, path)?,
                groups,
                total: optional(period.total, coverage, &tpath)?,
            })
        },
    )?;
    Ok(ReservationCoveragePage {
        request_id,
        coverages_by_time,
        total: optional(raw.total, coverage, &|| "Total".into())?,
        next_page_token: raw.next_page_token.map(|t| t.0.into_owned()),
    })
}

/// Parse a `GetDimensionValues` answer.
pub fn parse_get_dimension_values(resp: &HttpResponse) -> Result<DimensionValuesPage, AwsError> {
    let raw: raw::DimensionValuesResponse<'_> = read_answer(resp)?;
    let bad = bad(resp);
    let values = required(raw.dimension_values, || "DimensionValues".into()).map_err(&bad)?;
    Ok(DimensionValuesPage {
        request_id: request_id(resp),
        dimension_values: values
            .into_iter()
            .map(|v| DimensionValue {
                value: v.value.map(|t| t.0.into_owned()),
                attributes: pairs(v.attributes),
            })
            .collect(),
        return_size: page_size(raw.return_size, "ReturnSize").map_err(&bad)?,
        total_size: page_size(raw.total_size, "TotalSize").map_err(&bad)?,
        next_page_token: raw.next_page_token.map(|t| t.0.into_owned()),
    })
}

/// A Cost Explorer answer read into its raw shape `T`. Error envelopes become the service's
/// error: any non-2xx status, and a 2xx body with `__type`.
fn read_answer<'a, T: serde::Deserialize<'a> + raw::Envelope>(
    resp: &'a HttpResponse,
) -> Result<T, AwsError> {
    let raw: T = from_json(resp, json_body(resp)?)?;
    if raw.is_error() {
        return Err(parse_error_response(resp, ErrorProtocol::Json));
    }
    Ok(raw)
}

/// Turns a problem with `resp`'s body into the error the caller gets.
fn bad(resp: &HttpResponse) -> impl Fn(Problem) -> AwsError + '_ {
    |problem| BadResponse::new(resp.status, problem).into()
}

/// Converts each item of a list; the item's path (`path(i)`, e.g. `CoveragesByTime[2]`) is
/// built only when there is an error to report.
fn each<R, T>(
    items: Vec<R>,
    path: &dyn Fn(usize) -> String,
    mut convert: impl FnMut(R, &dyn Fn() -> String) -> Result<T, Problem>,
) -> Result<Vec<T>, Problem> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        out.push(convert(item, &|| path(i))?);
    }
    Ok(out)
}

/// An optional object at `path`, read with `read`.
fn optional<R, T>(
    raw: Option<R>,
    read: fn(R, &dyn Fn() -> String) -> Result<T, Problem>,
    path: &dyn Fn() -> String,
) -> Result<Option<T>, Problem> {
    raw.map(|r| read(r, path)).transpose()
}

/// A member the model marks `required`; `member` builds its path only when it is missing.
fn required<T>(value: Option<T>, member: impl FnOnce() -> String) -> Result<T, Problem> {
    value.ok_or_else(|| Problem::MissingMember(member()))
}

fn json_body(resp: &HttpResponse) -> Result<&str, AwsError> {
    if !(200..300).contains(&resp.status) {
        return Err(parse_error_response(resp, ErrorProtocol::Json));
    }
    Ok(checked_body(resp)?)
}

fn from_json<'a, T: serde::Deserialize<'a>>(
    resp: &HttpResponse,
    body: &'a str,
) -> Result<T, AwsError> {
    serde_json::from_str(body)
        .map_err(|e| BadResponse::new(resp.status, Problem::InvalidJson(e.to_string())).into())
}

fn request_id(resp: &HttpResponse) -> Option<String> {
    resp.header("x-amzn-requestid").map(str::to_owned)
}

fn pairs(raw: Option<raw::Pairs<'_>>) -> Attributes {
    Attributes(
        raw.map(|p| {
            p.0.into_iter()
                .map(|(k, v)| (k.0.into_owned(), v.0.into_owned()))
                .collect()
        })
        .unwrap_or_default(),
    )
}

fn interval(raw: raw::Interval<'_>, path: impl Fn() -> String) -> Result<DateInterval, Problem> {
    let at = |member: &str| format!("{}.{member}", path());
    Ok(DateInterval {
        start: required(raw.start, || at("Start"))?.0.into_owned(),
        end: required(raw.end, || at("End"))?.0.into_owned(),
    })
}

/// The `TimePeriod` member of the object at `path`, if present.
fn time_period(
    raw: Option<raw::Interval<'_>>,
    path: &dyn Fn() -> String,
) -> Result<Option<DateInterval>, Problem> {
    raw.map(|tp| interval(tp, || format!("{}.TimePeriod", path())))
        .transpose()
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

/// Parse one figure; `path` builds the member's path only when there is an error to report.
fn amount(
    raw: Option<raw::Text<'_>>,
    percent: bool,
    path: &dyn Fn() -> String,
    member: &str,
) -> Result<Option<Amount>, Problem> {
    let Some(raw) = raw else { return Ok(None) };
    match Amount::parse(&raw.0, percent) {
        Some(a) => Ok(Some(a)),
        None => Err(Problem::NotANumber {
            field: format!("{}.{member}", path()),
            text: raw.0.into_owned(),
        }),
    }
}

fn coverage(raw: raw::Coverage<'_>, path: &dyn Fn() -> String) -> Result<Coverage, Problem> {
    let coverage_hours = match raw.hours {
        None => None,
        Some(h) => {
            let p = || format!("{}.CoverageHours", path());
            Some(CoverageHours {
                on_demand_hours: amount(h.on_demand, false, &p, "OnDemandHours")?,
                reserved_hours: amount(h.reserved, false, &p, "ReservedHours")?,
                total_running_hours: amount(h.total_running, false, &p, "TotalRunningHours")?,
                coverage_hours_percentage: amount(
                    h.percentage,
                    true,
                    &p,
                    "CoverageHoursPercentage",
                )?,
            })
        }
    };
    let coverage_normalized_units = match raw.units {
        None => None,
        Some(u) => {
            let p = || format!("{}.CoverageNormalizedUnits", path());
            Some(CoverageNormalizedUnits {
                on_demand_normalized_units: amount(
                    u.on_demand,
                    false,
                    &p,
                    "OnDemandNormalizedUnits",
                )?,
                reserved_normalized_units: amount(
                    u.reserved,
                    false,
                    &p,
                    "ReservedNormalizedUnits",
                )?,
                total_running_normalized_units: amount(
                    u.total_running,
                    false,
                    &p,
                    "TotalRunningNormalizedUnits",
                )?,
                coverage_normalized_units_percentage: amount(
                    u.percentage,
                    true,
                    &p,
                    "CoverageNormalizedUnitsPercentage",
                )?,
            })
        }
    };
    let coverage_cost = match raw.cost {
        None => None,
        Some(c) => {
            let p = || format!("{}.CoverageCost", path());
            Some(CoverageCost {
                on_demand_cost: amount(c.on_demand, false, &p, "OnDemandCost")?,
            })
        }
    };
    Ok(Coverage {
        coverage_hours,
        coverage_normalized_units,
        coverage_cost,
    })
}
