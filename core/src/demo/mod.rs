//! "Try with sample data": answers every operation from a sample account built into the app,
//! as AWS would word them, so they go through the very same parsers as real answers. Pure: a
//! request in, a response out, no network. Cost Explorer's answers are computed from the
//! request ([`coverage`] for reservation coverage, [`commitments`] for reservation utilization and
//! Savings Plans, both from one model of usage); the capacity reservations span three regions and
//! every state, with a reservation shared by hundreds of accounts and an interruptible pair.
//! "Today" is the day the request was signed.

mod commitments;
mod coverage;
mod history;

pub use history::HOME_REGION as DEMO_CAPACITY_MANAGER_REGION;

use crate::aws::credentials::Credentials;
use crate::aws::http::{HttpRequest, HttpResponse};
use serde_json::Value;

/// The account the sample data belongs to.
pub const DEMO_ACCOUNT: &str = "111122223333";

/// AWS's documented example keys: they sign demo requests, which never leave the page.
pub fn demo_credentials() -> Credentials {
    Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        None,
    )
    .unwrap_or_else(|_| unreachable!("AWS's documented example keys are well formed"))
}

/// How a reservation takes part in interruptible capacity.
#[derive(Clone, Copy, PartialEq)]
enum Lending {
    None,
    /// Lends this many of its instances to the interruptible reservation `to`.
    Source {
        to: &'static str,
        count: u32,
    },
    /// Interruptible capacity lent by `from`.
    Interruptible {
        from: &'static str,
    },
}

/// A reservation of the sample account.
#[derive(Clone, Copy)]
struct Sample {
    region: &'static str,
    id: &'static str,
    instance_type: &'static str,
    platform: &'static str,
    az_letter: &'static str,
    tenancy: &'static str,
    total: u32,
    available: u32,
    state: &'static str,
    end_date: Option<&'static str>,
    /// Accounts its usage is shared with (0: a handful).
    shared_with: u32,
    lending: Lending,
    team: &'static str,
}

const fn r(
    (region, id): (&'static str, &'static str),
    (instance_type, platform): (&'static str, &'static str),
    (az_letter, tenancy): (&'static str, &'static str),
    (total, available): (u32, u32),
    (state, end_date): (&'static str, Option<&'static str>),
    team: &'static str,
) -> Sample {
    Sample {
        region,
        id,
        instance_type,
        platform,
        az_letter,
        tenancy,
        total,
        available,
        state,
        end_date,
        shared_with: 0,
        lending: Lending::None,
        team,
    }
}

const fn shared(mut s: Sample, accounts: u32) -> Sample {
    s.shared_with = accounts;
    s
}

const fn lending(mut s: Sample, lending: Lending) -> Sample {
    s.lending = lending;
    s
}

const LINUX: &str = "Linux/UNIX";
const US: &str = "us-east-1";
const EU: &str = "eu-west-1";
const AP: &str = "ap-southeast-2";

// One line a row: the table reads as a table.
#[rustfmt::skip]
const RESERVATIONS: &[Sample] = &[
    r((US, "cr-0a1b2c3d4e5f60001"), ("m6i.xlarge", LINUX), ("a", "default"), (40, 6), ("active", None), "platform"),
    r((US, "cr-0a1b2c3d4e5f60002"), ("r6g.2xlarge", LINUX), ("b", "default"), (12, 12), ("active", Some("2027-03-31T23:59:59.000Z")), "data"),
    r((US, "cr-0a1b2c3d4e5f60003"), ("c7i.4xlarge", "Windows"), ("a", "default"), (8, 1), ("active", None), "finops"),
    r((US, "cr-0a1b2c3d4e5f60004"), ("p5.48xlarge", LINUX), ("c", "dedicated"), (2, 0), ("active", Some("2026-12-15T12:00:00.000Z")), "data"),
    r((US, "cr-0a1b2c3d4e5f60005"), ("m5.large", LINUX), ("b", "default"), (10, 10), ("expired", Some("2026-10-01T00:00:00.000Z")), "sandbox"),
    r((US, "cr-0a1b2c3d4e5f60006"), ("g6.xlarge", LINUX), ("a", "default"), (4, 4), ("scheduled", None), "data"),
    shared(r((US, "cr-0a1b2c3d4e5f60007"), ("m6i.2xlarge", LINUX), ("b", "default"), (400, 38), ("active", None), "platform"), 320),
    lending(
        r((US, "cr-0a1b2c3d4e5f60008"), ("c6i.large", LINUX), ("a", "default"), (20, 2), ("active", None), "platform"),
        Lending::Source { to: "cr-0a1b2c3d4e5f60009", count: 6 },
    ),
    lending(
        r((US, "cr-0a1b2c3d4e5f60009"), ("c6i.large", LINUX), ("a", "default"), (6, 1), ("active", None), "data"),
        Lending::Interruptible { from: "cr-0a1b2c3d4e5f60008" },
    ),
    r((EU, "cr-0b1c2d3e4f5a60010"), ("m6i.xlarge", LINUX), ("a", "default"), (16, 3), ("active", None), "platform"),
    r((EU, "cr-0b1c2d3e4f5a60011"), ("r6g.xlarge", LINUX), ("b", "default"), (8, 8), ("pending", None), "data"),
    r((EU, "cr-0b1c2d3e4f5a60012"), ("c7i.large", LINUX), ("a", "default"), (6, 6), ("cancelled", Some("2026-09-30T00:00:00.000Z")), "sandbox"),
    r((EU, "cr-0b1c2d3e4f5a60013"), ("m7g.large", LINUX), ("c", "default"), (10, 10), ("payment-pending", None), "platform"),
    r((EU, "cr-0b1c2d3e4f5a60014"), ("t3.large", LINUX), ("b", "default"), (4, 4), ("failed", None), "sandbox"),
    r((EU, "cr-0b1c2d3e4f5a60015"), ("r7i.2xlarge", LINUX), ("a", "default"), (6, 6), ("cancelling", Some("2026-12-31T00:00:00.000Z")), "data"),
    r((AP, "cr-0c1d2e3f4a5b60016"), ("m6i.large", LINUX), ("a", "default"), (12, 4), ("active", None), "platform"),
    r((AP, "cr-0c1d2e3f4a5b60017"), ("p4d.24xlarge", LINUX), ("b", "default"), (1, 1), ("payment-failed", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60018"), ("g5.xlarge", LINUX), ("a", "default"), (4, 4), ("assessing", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60019"), ("trn1.32xlarge", LINUX), ("c", "default"), (2, 2), ("delayed", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60020"), ("inf2.xlarge", LINUX), ("b", "default"), (2, 2), ("unsupported", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60021"), ("x2idn.16xlarge", LINUX), ("a", "default"), (1, 1), ("unavailable", None), "finops"),
];

/// Answers `request` as the sample account would.
pub fn answer(request: &HttpRequest) -> HttpResponse {
    let region = region_of(request);
    let now = now(request);
    let mut headers = Vec::new();
    let (status, body) = if let Some(target) = request.header("x-amz-target") {
        let body: Value = serde_json::from_str(&request.body).unwrap_or(Value::Null);
        let today = today(request);
        match target.rsplit('.').next().unwrap_or_default() {
            "GetMetricData" => {
                let (status, h, body) = history::metric_data(&body, &region, now);
                headers = h;
                (status, body)
            }
            "GetReservationCoverage" => coverage::coverage(&body, today),
            "GetDimensionValues" => coverage::dimension_values(&body, today),
            "GetReservationUtilization" => commitments::reservation_utilization(&body, today),
            "GetSavingsPlansCoverage" => commitments::savings_plans_coverage(&body, today),
            "GetSavingsPlansUtilization" => commitments::savings_plans_utilization(&body, today),
            other => unknown(other),
        }
    } else {
        let params = form_params(&request.body);
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        match get("Action").unwrap_or_default() {
            "GetCallerIdentity" => (200, caller_identity()),
            "DescribeCapacityReservations" => (200, describe(&region)),
            "GetCapacityReservationUsage" if get("DryRun") == Some("true") => dry_run(),
            "GetCapacityReservationUsage" => usage(&region, get("CapacityReservationId")),
            "GetCapacityManagerAttributes" => history::attributes(&region, now),
            "GetCapacityManagerMetricData" => history::manager_metric_data(&params, &region, now),
            "GetCapacityManagerMetricDimensions" => {
                history::manager_dimensions(&params, &region, now)
            }
            other => unknown(other),
        }
    };
    HttpResponse {
        status,
        headers,
        body,
    }
}

fn region_of(request: &HttpRequest) -> String {
    // The credential scope names the region: `Credential=AKID/20261123/eu-west-1/ec2/aws4_request`.
    request
        .header("authorization")
        .and_then(|a| a.split("Credential=").nth(1))
        .and_then(|c| c.split('/').nth(2))
        .unwrap_or("us-east-1")
        .to_owned()
}

/// When the request was signed, in seconds since 1970 (the sample's "now").
fn now(request: &HttpRequest) -> i64 {
    request
        .header("x-amz-date")
        .and_then(crate::aws::datetime::parse_compact)
        .map_or(20_775 * 86_400, |t| t.unix_timestamp())
}

/// The day the request was signed (`X-Amz-Date: 20261118T...`), in days since 1970-01-01.
fn today(request: &HttpRequest) -> i64 {
    request
        .header("x-amz-date")
        .and_then(crate::aws::datetime::parse_compact)
        .map_or(20_775, |t| t.unix_timestamp().div_euclid(86_400))
}

// Cost Explorer's answers, shared by `coverage` and `commitments`: days, periods, numbers,
// errors, filters and pages as Cost Explorer words them.

/// What a Cost Explorer answer is: its status and JSON body.
type Answer = (u16, String);

/// The sample counts days from 1970-01-01 (its day-to-day variation hashes that number).
const EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// Days since 1970-01-01 of `YYYY-MM-DD` (`None` when it is not such a date).
fn day_number(text: &str) -> Option<i64> {
    crate::aws::datetime::parse_day(text).map(|d| i64::from(d.to_julian_day()) - EPOCH_JULIAN_DAY)
}

fn date_of(day: i64) -> time::Date {
    time::Date::from_julian_day((day + EPOCH_JULIAN_DAY) as i32)
        .unwrap_or_else(|_| unreachable!("days of the sample's range are dates"))
}

fn day_text(day: i64) -> String {
    crate::coverage::day_text(date_of(day))
}

/// The first day of the month after `day`'s.
fn next_month(day: i64) -> i64 {
    use crate::coverage::query;
    let first = query::add_months(query::first_of_month(date_of(day)), 1);
    i64::from(first.to_julian_day()) - EPOCH_JULIAN_DAY
}

/// `"TimePeriod":{"Start":…,"End":…}` of the days `[start, end)`.
fn period_json(start: i64, end: i64) -> String {
    format!(
        "\"TimePeriod\":{{\"Start\":\"{}\",\"End\":\"{}\"}}",
        day_text(start),
        day_text(end)
    )
}

/// A number as Cost Explorer writes it: text, at most ten decimals, no trailing zeros.
fn num(v: f64) -> String {
    let text = format!("{v:.10}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `part` as a percentage of `whole` (0 of nothing).
fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part * 100.0 / whole
    } else {
        0.0
    }
}

/// `{"Name":"value",…}` of numbers written as [`num`].
fn numbers_json(names: &[&str], values: &[f64]) -> String {
    let members: Vec<String> = names
        .iter()
        .zip(values)
        .map(|(name, v)| format!("\"{name}\":\"{}\"", num(*v)))
        .collect();
    format!("{{{}}}", members.join(","))
}

/// Cost Explorer's JSON error (`message` may quote the request: it is escaped).
fn error(code: &str, message: &str) -> Answer {
    let message = serde_json::to_string(message).unwrap_or_default();
    (
        400,
        format!("{{\"__type\":\"com.amazon.costexplorer#{code}\",\"Message\":{message}}}"),
    )
}

fn invalid(message: &str) -> Answer {
    error("ValidationException", message)
}

/// The rows of one page: `MaxResults` (else `default_size`) from the offset of the token in
/// `member` (`sample-page-N`).
fn page<T>(
    rows: Vec<T>,
    body: &Value,
    member: &str,
    default_size: usize,
) -> Result<(Vec<T>, Option<String>), Answer> {
    let start = match body[member].as_str() {
        None => 0,
        Some(t) => match t.strip_prefix("sample-page-").and_then(|n| n.parse().ok()) {
            Some(n) if n <= rows.len() => n,
            _ => {
                return Err(error(
                    "InvalidNextTokenException",
                    "Invalid pagination token",
                ))
            }
        },
    };
    let size = body["MaxResults"]
        .as_u64()
        .map_or(default_size, |n| n as usize);
    let end = start.saturating_add(size).min(rows.len());
    let token = (end < rows.len()).then(|| format!("sample-page-{end}"));
    Ok((
        rows.into_iter().skip(start).take(end - start).collect(),
        token,
    ))
}

/// `,"member":"token"` when there is a next page.
fn token_json(member: &str, token: Option<String>) -> String {
    token
        .map(|t| format!(",\"{member}\":\"{t}\""))
        .unwrap_or_default()
}

/// The request's `TimePeriod` as days `[start, end)`, or Cost Explorer's refusal.
fn time_period(body: &Value) -> Result<(i64, i64), Answer> {
    let (Some(start), Some(end)) = (
        day_number(body["TimePeriod"]["Start"].as_str().unwrap_or_default()),
        day_number(body["TimePeriod"]["End"].as_str().unwrap_or_default()),
    ) else {
        return Err(invalid(
            "TimePeriod Start and End must be dates (yyyy-MM-dd).",
        ));
    };
    if end <= start {
        return Err(invalid(
            "Start date must be before end date, and end is exclusive.",
        ));
    }
    Ok((start, end))
}

/// `{"name":"value",…}` of text (the sample's own: nothing to escape).
fn text_object<K: AsRef<str>, V: AsRef<str>>(members: &[(K, V)]) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("\"{}\":\"{}\"", k.as_ref(), v.as_ref()))
        .collect();
    format!("{{{}}}", members.join(","))
}

/// `"Name":{…},…`: objects of numbers, each its name, its members' names and their values.
fn objects_json(objects: &[(&str, &[&str], &[f64])]) -> String {
    let objects: Vec<String> = objects
        .iter()
        .map(|(name, names, values)| format!("\"{name}\":{}", numbers_json(names, values)))
        .collect();
    objects.join(",")
}

/// The request's `GroupBy` keys, refused unless each is a `DIMENSION` among `allowed`.
fn group_keys<'a>(
    body: &'a Value,
    operation: &str,
    allowed: &[&str],
) -> Result<Vec<&'a str>, Answer> {
    let groups = body["GroupBy"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    groups
        .iter()
        .map(|g| {
            let key = g["Key"].as_str().unwrap_or_default();
            if g["Type"] == "DIMENSION" && allowed.contains(&key) {
                Ok(key)
            } else {
                Err(invalid(&format!(
                    "{operation} groups by the dimension {}, not '{key}'.",
                    allowed.join(", ")
                )))
            }
        })
        .collect()
}

/// Whether the periods are days (else months): `Granularity`, refused with `GroupBy` (`what`
/// names the data in the refusal of other granularities); `daily_by_default` without either.
fn daily(
    body: &Value,
    operation: &str,
    what: &str,
    daily_by_default: bool,
) -> Result<bool, Answer> {
    let grouped = body["GroupBy"].as_array().is_some_and(|g| !g.is_empty());
    match body["Granularity"].as_str() {
        _ if grouped && !body["Granularity"].is_null() => Err(invalid(&format!(
            "Granularity can't be set together with GroupBy for {operation}."
        ))),
        Some("DAILY") => Ok(true),
        Some("MONTHLY") => Ok(false),
        None => Ok(daily_by_default && !grouped),
        Some(_) => Err(invalid(&format!("{what} is available DAILY or MONTHLY."))),
    }
}

/// The periods `[start, end)` of days or months within `[start, end)` that have data: none
/// after `today`, as Cost Explorer.
fn periods(start: i64, end: i64, daily: bool, today: i64) -> Vec<(i64, i64)> {
    let mut periods = Vec::new();
    let mut day = start;
    while day < end && day <= today {
        let until = if daily { day + 1 } else { next_month(day) }.min(end);
        periods.push((day, until));
        day = until;
    }
    periods
}

/// Whether something passes the filter (`Value::Null`: no filter). `value_of(kind, key)` is its
/// value for a `Dimensions`, `Tags` or `CostCategories` leaf (`None`: the leaf passes all).
fn matches(e: &Value, value_of: &dyn Fn(&str, &str) -> Option<&'static str>) -> bool {
    if let Some(all) = e["And"].as_array() {
        return all.iter().all(|e| matches(e, value_of));
    }
    if let Some(any) = e["Or"].as_array() {
        return any.iter().any(|e| matches(e, value_of));
    }
    if !e["Not"].is_null() {
        return !matches(&e["Not"], value_of);
    }
    for kind in ["Dimensions", "Tags", "CostCategories"] {
        let leaf = &e[kind];
        if !leaf.is_null() {
            return value_of(kind, leaf["Key"].as_str().unwrap_or_default()).is_none_or(|value| {
                leaf["Values"]
                    .as_array()
                    .is_some_and(|vs| vs.iter().any(|v| v.as_str() == Some(value)))
            });
        }
    }
    true
}

/// Whether the filter names SERVICE anywhere (without it, reservations are Amazon EC2's only).
fn names_service(e: &Value) -> bool {
    match e {
        Value::Object(map) => {
            map.get("Dimensions").is_some_and(|d| d["Key"] == "SERVICE")
                || map.values().any(names_service)
        }
        Value::Array(items) => items.iter().any(names_service),
        _ => false,
    }
}

/// Refuses a filter `operation` does not take: it takes `And` one level deep (no `Or`, no
/// `Not`), the dimensions `dimensions`, cost categories when `categories`, no tags.
fn check_filter(
    e: &Value,
    operation: &str,
    dimensions: &[&str],
    categories: bool,
) -> Result<(), Answer> {
    fn check(
        e: &Value,
        op: &str,
        dims: &[&str],
        categories: bool,
        nested: bool,
    ) -> Result<(), Answer> {
        let Some(map) = e.as_object() else {
            return Err(invalid("Filter must be an Expression object."));
        };
        const ROOTS: [&str; 6] = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"];
        if ROOTS.iter().filter(|r| map.contains_key(**r)).count() > 1 {
            return Err(invalid(
                "Expression has more than one roots. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories",
            ));
        }
        if map.contains_key("Or") || map.contains_key("Not") {
            return Err(invalid(&format!(
                "{op} supports only And in a filter expression, not Or or Not."
            )));
        }
        if let Some(all) = map.get("And") {
            if nested {
                return Err(invalid(&format!(
                    "{op} supports And nested only one level deep."
                )));
            }
            let all = all.as_array().map(Vec::as_slice).unwrap_or_default();
            return all
                .iter()
                .try_for_each(|e| check(e, op, dims, categories, true));
        }
        if map.contains_key("Tags") {
            return Err(invalid(&format!("{op} can't filter by tags.")));
        }
        if map.contains_key("CostCategories") && !categories {
            return Err(invalid(&format!("{op} can't filter by cost categories.")));
        }
        match map
            .get("Dimensions")
            .map(|d| d["Key"].as_str().unwrap_or_default())
        {
            Some(key) if !dims.contains(&key) => Err(invalid(&format!(
                "{op} can't filter by {key}: its dimensions are {}.",
                dims.join(", ")
            ))),
            _ => Ok(()),
        }
    }
    if e.is_null() {
        Ok(())
    } else {
        check(e, operation, dimensions, categories, false)
    }
}

/// The request's `SortBy`: the position of its key among `keys`, and whether DESCENDING.
fn sort_by(body: &Value, operation: &str, keys: &[&str]) -> Result<Option<(usize, bool)>, Answer> {
    let sort = &body["SortBy"];
    if sort.is_null() {
        return Ok(None);
    }
    let key = sort["Key"].as_str().unwrap_or_default();
    let Some(position) = keys.iter().position(|k| *k == key) else {
        return Err(invalid(&format!(
            "{operation} sorts by {}, not '{key}'.",
            keys.join(", ")
        )));
    };
    match sort["SortOrder"].as_str() {
        None | Some("ASCENDING") => Ok(Some((position, false))),
        Some("DESCENDING") => Ok(Some((position, true))),
        Some(other) => Err(invalid(&format!(
            "SortOrder is ASCENDING or DESCENDING, not '{other}'."
        ))),
    }
}

/// Sorts `rows` stably by the value `value(row, key)` of the sort key (numbers, then text).
fn sort_rows<T>(
    rows: &mut [T],
    sort: Option<(usize, bool)>,
    value: &dyn Fn(&T, usize) -> (f64, String),
) {
    if let Some((key, descending)) = sort {
        crate::sort::sort_by(rows, &|a, b| {
            let ((x, s), (y, t)) = (value(a, key), value(b, key));
            let order = x.total_cmp(&y).then_with(|| s.cmp(&t));
            if descending {
                order.reverse()
            } else {
                order
            }
        });
    }
}

/// The value kept under `key` in `groups`, added (as its default) when there is none yet.
fn entry<K: PartialEq, S: Default>(groups: &mut Vec<(K, S)>, key: K) -> &mut S {
    let at = match groups.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            groups.push((key, S::default()));
            groups.len() - 1
        }
    };
    &mut groups[at].1
}

/// One period of a `…ByTime` answer: its days, its groups' JSON objects and its total's.
struct ByTime {
    start: i64,
    end: i64,
    groups: Vec<String>,
    total: String,
}

/// The rows `{"TimePeriod":…,"Groups":[…],"Total":…}` of one page (`NextPageToken`) and the
/// next token: paged by period, or when `grouped` by group (a page holds whole groups, each
/// under its period; periods without groups are left out).
fn by_time(
    periods: Vec<ByTime>,
    grouped: bool,
    body: &Value,
) -> Result<(Vec<String>, Option<String>), Answer> {
    let row = |p: &ByTime, groups: &[String]| {
        format!(
            "{{{},\"Groups\":[{}],\"Total\":{}}}",
            period_json(p.start, p.end),
            groups.join(","),
            p.total
        )
    };
    if !grouped {
        let all = periods.iter().map(|p| row(p, &[])).collect();
        return page(all, body, "NextPageToken", usize::MAX);
    }
    let flat: Vec<(usize, &String)> = periods
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.groups.iter().map(move |g| (i, g)))
        .collect();
    let (page_rows, token) = page(flat, body, "NextPageToken", usize::MAX)?;
    let mut by_period: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, group) in page_rows {
        match by_period.last_mut() {
            Some((last, groups)) if *last == i => groups.push(group.clone()),
            _ => by_period.push((i, vec![group.clone()])),
        }
    }
    let rows = by_period
        .into_iter()
        .map(|(i, groups)| row(&periods[i], &groups))
        .collect();
    Ok((rows, token))
}

fn form_params(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            (
                crate::route::percent_decode(k),
                crate::route::percent_decode(v),
            )
        })
        .collect()
}

const EC2_NS: &str = "http://ec2.amazonaws.com/doc/2016-11-15/";

fn request_id(n: u32) -> String {
    format!("d3m0d3m0-0000-4000-8000-{n:012}")
}

fn caller_identity() -> String {
    format!(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <GetCallerIdentityResult>\
         <Arn>arn:aws:sts::{DEMO_ACCOUNT}:assumed-role/FinOpsReadOnly/demo-user</Arn>\
         <UserId>AROAEXAMPLEDEMO0ROLE01:demo-user</UserId>\
         <Account>{DEMO_ACCOUNT}</Account>\
         </GetCallerIdentityResult>\
         <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>\
         </GetCallerIdentityResponse>",
        request_id(1)
    )
}

/// The interruptible-capacity members of a reservation, as both operations write them.
fn lending_xml(s: &Sample) -> String {
    match s.lending {
        Lending::None => String::new(),
        Lending::Source { to, count } => format!(
            "<interruptible>false</interruptible><interruptibleCapacityAllocation>\
             <instanceCount>{count}</instanceCount><targetInstanceCount>{count}</targetInstanceCount>\
             <status>active</status><interruptibleCapacityReservationId>{to}</interruptibleCapacityReservationId>\
             <interruptionType>adhoc</interruptionType></interruptibleCapacityAllocation>"
        ),
        Lending::Interruptible { from } => format!(
            "<interruptible>true</interruptible><interruptionInfo>\
             <sourceCapacityReservationId>{from}</sourceCapacityReservationId>\
             <interruptionType>adhoc</interruptionType></interruptionInfo>"
        ),
    }
}

fn describe(region: &str) -> String {
    let mut items = String::new();
    for s in RESERVATIONS.iter().filter(|s| s.region == region) {
        let Sample {
            id,
            instance_type: itype,
            platform,
            az_letter: az,
            tenancy,
            total,
            available,
            state,
            end_date: end,
            team,
            ..
        } = *s;
        let end_xml = match end {
            Some(e) => format!("<endDate>{e}</endDate><endDateType>limited</endDateType>"),
            None => "<endDateType>unlimited</endDateType>".to_owned(),
        };
        let zone_id = match region {
            "us-east-1" => "use1-az",
            "eu-west-1" => "euw1-az",
            _ => "apse2-az",
        };
        items.push_str(&format!(
            "<item><capacityReservationId>{id}</capacityReservationId>\
             <ownerId>{DEMO_ACCOUNT}</ownerId>\
             <capacityReservationArn>arn:aws:ec2:{region}:{DEMO_ACCOUNT}:capacity-reservation/{id}</capacityReservationArn>\
             <availabilityZoneId>{zone_id}{n}</availabilityZoneId>\
             <instanceType>{itype}</instanceType><instancePlatform>{platform}</instancePlatform>\
             <availabilityZone>{region}{az}</availabilityZone><tenancy>{tenancy}</tenancy>\
             <totalInstanceCount>{total}</totalInstanceCount>\
             <availableInstanceCount>{available}</availableInstanceCount>\
             <ebsOptimized>true</ebsOptimized><ephemeralStorage>false</ephemeralStorage>\
             <state>{state}</state><startDate>2026-01-05T09:00:00.000Z</startDate>{end_xml}\
             <instanceMatchCriteria>open</instanceMatchCriteria>\
             <createDate>2026-01-05T08:58:12.000Z</createDate>\
             <tagSet><item><key>team</key><value>{team}</value></item></tagSet>\
             <reservationType>default</reservationType>{lending}</item>",
            n = az.as_bytes()[0] - b'a' + 1,
            lending = lending_xml(s),
        ));
    }
    format!(
        "<DescribeCapacityReservationsResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
         <capacityReservationSet>{items}</capacityReservationSet>\
         </DescribeCapacityReservationsResponse>",
        request_id(2)
    )
}

fn usage(region: &str, id: Option<&str>) -> (u16, String) {
    let Some(s) = RESERVATIONS
        .iter()
        .find(|r| r.region == region && Some(r.id) == id)
    else {
        return ec2_error(
            400,
            "InvalidCapacityReservationId.NotFound",
            &format!(
                "The capacity reservation ID '{}' does not exist in the sample data for {region}.",
                id.unwrap_or_default()
            ),
        );
    };
    let Sample {
        id,
        instance_type: itype,
        total,
        available,
        state,
        shared_with,
        ..
    } = *s;
    let mut left = total - available;
    let mut items = String::new();
    if shared_with > 0 {
        // Shared with many accounts: one or two instances each, the rest on the first.
        for k in 0..shared_with {
            let n = if k == 0 { left - (shared_with - 1) } else { 1 };
            let account = 300_000_000_000u64 + u64::from(k) * 7_919;
            items.push_str(&format!(
                "<item><accountId>{account}</accountId><usedInstanceCount>{n}</usedInstanceCount></item>"
            ));
        }
    } else {
        // Spread the used instances over a handful of accounts, biggest first.
        let mut account = 210_987_654_321u64;
        while left > 0 {
            let n = (left / 2).max(1);
            items.push_str(&format!(
                "<item><accountId>{account}</accountId><usedInstanceCount>{n}</usedInstanceCount></item>"
            ));
            left -= n;
            account += 1_111_111;
        }
    }
    let body = format!(
        "<GetCapacityReservationUsageResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
         <capacityReservationId>{id}</capacityReservationId><instanceType>{itype}</instanceType>\
         <totalInstanceCount>{total}</totalInstanceCount>\
         <availableInstanceCount>{available}</availableInstanceCount><state>{state}</state>\
         <instanceUsageSet>{items}</instanceUsageSet>{}</GetCapacityReservationUsageResponse>",
        request_id(3),
        lending_xml(s),
    );
    (200, body)
}

fn dry_run() -> (u16, String) {
    ec2_error(
        412,
        "DryRunOperation",
        "Request would have succeeded, but DryRun flag is set.",
    )
}

fn ec2_error(status: u16, code: &str, message: &str) -> (u16, String) {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code>\
         <Message>{message}</Message></Error></Errors><RequestID>{}</RequestID></Response>",
        request_id(9)
    );
    (status, body)
}

fn unknown(operation: &str) -> (u16, String) {
    ec2_error(
        400,
        "InvalidAction",
        &format!("The sample data has no answer for {operation}."),
    )
}
