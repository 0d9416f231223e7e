//! Cost Explorer's answers for the sample data, computed from the request as Cost Explorer
//! would: any period (the last 12 months and this one), daily or monthly, grouped by a dimension
//! or a tag (`(untagged)` included), the filter (dimensions, tags, SERVICE), page size and
//! tokens. The usage is a fixed model: a handful of workloads with a weekday/weekend rhythm, a
//! reservation bought 75 days ago that lifts coverage, one that expired 20 days ago, a workload
//! that began 40 days ago (so values differ by period too). "Today" is
//! the day the request was signed (its `X-Amz-Date`), so the model needs no clock of its own and
//! answers the same all day. Answers are written as text (every value is the model's own,
//! nothing to escape): building `serde_json::Value`s cost 5 KB more of the first load.

use crate::coverage::query;
use serde_json::Value;

/// One steady use of reserved-instance-eligible capacity.
struct Workload {
    service: &'static str,
    instance_type: &'static str,
    region: &'static str,
    az: &'static str,
    platform: &'static str,
    tenancy: &'static str,
    account: &'static str,
    team: Option<&'static str>,
    /// DATABASE_ENGINE or CACHE_ENGINE ("" for EC2).
    engine: &'static str,
    /// Instances running on a weekday, on a weekend day.
    running: (u32, u32),
    /// Instances reserved, and a change: `(days before today, instances)`, bought when positive,
    /// expired when negative.
    reserved: u32,
    change: Option<(i64, i32)>,
    /// On-demand USD per hour.
    price: f64,
    /// Days before today the workload began (`None`: it ran all along).
    since: Option<i64>,
}

const EC2: &str = "Amazon Elastic Compute Cloud - Compute";
const RDS: &str = "Amazon Relational Database Service";
const CACHE: &str = "Amazon ElastiCache";

#[allow(clippy::too_many_arguments)]
const fn w(
    service: &'static str,
    instance_type: &'static str,
    (region, az): (&'static str, &'static str),
    platform: &'static str,
    account: &'static str,
    team: Option<&'static str>,
    engine: &'static str,
    running: (u32, u32),
    reserved: u32,
    change: Option<(i64, i32)>,
    price: f64,
) -> Workload {
    Workload {
        service,
        instance_type,
        region,
        az,
        platform,
        tenancy: "Shared",
        account,
        team,
        engine,
        running,
        reserved,
        change,
        price,
        since: None,
    }
}

const US_A: (&str, &str) = ("us-east-1", "us-east-1a");
const US_B: (&str, &str) = ("us-east-1", "us-east-1b");
const US_C: (&str, &str) = ("us-east-1", "us-east-1c");
const EU_A: (&str, &str) = ("eu-west-1", "eu-west-1a");
const EU_B: (&str, &str) = ("eu-west-1", "eu-west-1b");
const AP_A: (&str, &str) = ("ap-southeast-2", "ap-southeast-2a");

const PROD: &str = "111122223333";
const DATA: &str = "222233334444";
const SANDBOX: &str = "444455556666";

// One line a row: the table reads as a table.
#[rustfmt::skip]
const WORKLOADS: &[Workload] = &[
    w(EC2, "m6i.xlarge", US_A, "Linux/UNIX", PROD, Some("platform"), "", (40, 26), 24, Some((75, 12)), 0.192),
    w(EC2, "m6i.xlarge", EU_B, "Linux/UNIX", PROD, Some("platform"), "", (18, 12), 12, None, 0.214),
    w(EC2, "r6g.2xlarge", US_B, "Linux/UNIX", DATA, Some("data"), "", (14, 14), 12, None, 0.4032),
    w(EC2, "c7i.4xlarge", US_A, "Windows", PROD, Some("finops"), "", (9, 3), 8, None, 1.4501),
    w(EC2, "p5.48xlarge", US_C, "Linux/UNIX", DATA, Some("data"), "", (2, 2), 0, Some((20, -2)), 98.32),
    w(EC2, "m5.large", EU_A, "Linux/UNIX", SANDBOX, None, "", (12, 4), 0, None, 0.107),
    w(EC2, "t3.medium", AP_A, "Linux/UNIX", SANDBOX, None, "", (30, 30), 10, None, 0.0528),
    w(EC2, "g6.xlarge", US_A, "Linux/UNIX", DATA, Some("data"), "", (6, 2), 4, None, 0.8048),
    w(RDS, "db.r6g.xlarge", US_B, "", PROD, Some("platform"), "Aurora PostgreSQL", (6, 6), 4, Some((75, 2)), 0.519),
    w(RDS, "db.m6g.large", EU_A, "", DATA, Some("data"), "MySQL", (4, 4), 4, None, 0.152),
    w(CACHE, "cache.r6g.large", US_A, "", PROD, Some("platform"), "Redis", (6, 6), 3, None, 0.206),
    // A new team's workload, started 40 days ago and not reserved yet: it appears in recent
    // periods only, and so do its values.
    Workload { since: Some(40), ..w(EC2, "m7g.2xlarge", EU_B, "Linux/UNIX", DATA, Some("ml"), "", (10, 6), 0, None, 0.3264) },
];

const ACCOUNTS: [(&str, &str); 3] = [
    (PROD, "Production"),
    (DATA, "Data platform"),
    (SANDBOX, "Sandbox"),
];

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
    let first = query::add_months(query::first_of_month(date_of(day)), 1);
    i64::from(first.to_julian_day()) - EPOCH_JULIAN_DAY
}

impl Workload {
    /// Whether the workload ran on `day`, given `today`.
    fn runs_on(&self, day: i64, today: i64) -> bool {
        self.since.is_none_or(|ago| day >= today - ago)
    }

    /// The value of a Cost Explorer dimension for this workload.
    fn attribute(&self, dimension: &str) -> &'static str {
        match dimension {
            "AZ" => self.az,
            "INSTANCE_TYPE" => self.instance_type,
            "LINKED_ACCOUNT" => self.account,
            "PLATFORM" => self.platform,
            "OPERATING_SYSTEM" => match self.platform {
                "Windows" => "Windows",
                "" => "",
                _ => "Linux",
            },
            "REGION" => self.region,
            "SERVICE" => self.service,
            "TENANCY" => self.tenancy,
            "DATABASE_ENGINE" if self.service == RDS => self.engine,
            "CACHE_ENGINE" if self.service == CACHE => self.engine,
            "DEPLOYMENT_OPTION" if self.service != EC2 => "Single-AZ",
            _ => "",
        }
    }

    /// (reserved hours, on-demand hours) on `day`, given `today`.
    fn hours(&self, index: usize, day: i64, today: i64) -> (f64, f64) {
        let weekday = (day + 3).rem_euclid(7) < 5;
        let base = if weekday {
            self.running.0
        } else {
            self.running.1
        };
        // A little day-to-day variation, the same for a day whichever query asks.
        let mix = (day as u64 ^ (index as u64) << 32).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40;
        let instances = (i64::from(base) + (mix % 3) as i64 - 1).max(0);
        let running = (instances * 24 - (mix >> 4) as i64 % 5).max(0) as f64;
        let reserved = match self.change {
            Some((ago, n)) if day >= today - ago => i64::from(self.reserved) + i64::from(n),
            _ => i64::from(self.reserved),
        };
        let reserved = ((reserved.max(0) * 24) as f64).min(running);
        (reserved, running - reserved)
    }

    /// Normalized units per instance hour (AWS's size table).
    fn units(&self) -> f64 {
        let size = self.instance_type.rsplit('.').next().unwrap_or_default();
        match size {
            "medium" => 2.0,
            "large" => 4.0,
            "xlarge" => 8.0,
            s => s
                .strip_suffix("xlarge")
                .and_then(|n| n.parse::<u32>().ok())
                .map_or(8.0, |n| 8.0 * f64::from(n)),
        }
    }
}

/// Whether a workload passes the filter (`Value::Null`: no filter).
fn matches(e: &Value, w: &Workload) -> bool {
    let values = |leaf: &Value, value: &str| {
        leaf["Values"]
            .as_array()
            .is_some_and(|vs| vs.iter().any(|v| v.as_str() == Some(value)))
    };
    if let Some(all) = e["And"].as_array() {
        all.iter().all(|e| matches(e, w))
    } else if let Some(any) = e["Or"].as_array() {
        any.iter().any(|e| matches(e, w))
    } else if !e["Not"].is_null() {
        !matches(&e["Not"], w)
    } else if !e["Dimensions"].is_null() {
        let d = &e["Dimensions"];
        values(d, w.attribute(d["Key"].as_str().unwrap_or_default()))
    } else if !e["Tags"].is_null() {
        let t = &e["Tags"];
        let tag = match t["Key"].as_str() {
            Some("team") => w.team.unwrap_or_default(),
            _ => "",
        };
        values(t, tag)
    } else {
        true
    }
}

/// Whether the filter names SERVICE anywhere (without it, coverage is Amazon EC2's only).
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

/// Sums of one period or group: reserved and on-demand hours, units, on-demand cost.
#[derive(Clone, Copy, Default)]
struct Sums([f64; 5]);

impl Sums {
    fn add(&mut self, w: &Workload, (reserved, on_demand): (f64, f64)) {
        let u = w.units();
        for (slot, v) in self.0.iter_mut().zip([
            reserved,
            on_demand,
            reserved * u,
            on_demand * u,
            on_demand * w.price,
        ]) {
            *slot += v;
        }
    }

    fn json(&self) -> String {
        let [rh, oh, ru, ou, cost] = self.0;
        let pct = |part: f64, whole: f64| {
            num(if whole > 0.0 {
                part * 100.0 / whole
            } else {
                0.0
            })
        };
        // Cost Explorer writes every number as a string.
        format!(
            "{{\"CoverageHours\":{{\"OnDemandHours\":\"{}\",\"ReservedHours\":\"{}\",\
             \"TotalRunningHours\":\"{}\",\"CoverageHoursPercentage\":\"{}\"}},\
             \"CoverageNormalizedUnits\":{{\"OnDemandNormalizedUnits\":\"{}\",\
             \"ReservedNormalizedUnits\":\"{}\",\"TotalRunningNormalizedUnits\":\"{}\",\
             \"CoverageNormalizedUnitsPercentage\":\"{}\"}},\
             \"CoverageCost\":{{\"OnDemandCost\":\"{}\"}}}}",
            num(oh),
            num(rh),
            num(rh + oh),
            pct(rh, rh + oh),
            num(ou),
            num(ru),
            num(ru + ou),
            pct(ru, ru + ou),
            num(cost)
        )
    }
}

/// A number as Cost Explorer writes it: text, at most ten decimals, no trailing zeros.
fn num(v: f64) -> String {
    let text = format!("{v:.10}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Cost Explorer's JSON error (`message` is the sample's own text: nothing to escape).
fn error(code: &str, message: &str) -> (u16, String) {
    (
        400,
        format!("{{\"__type\":\"com.amazon.costexplorer#{code}\",\"Message\":\"{message}\"}}"),
    )
}

fn invalid(message: &str) -> (u16, String) {
    error("ValidationException", message)
}

/// The rows of one page: `MaxResults` from the token's offset (`sample-page-N`).
fn page<T>(rows: Vec<T>, body: &Value) -> Result<(Vec<T>, Option<String>), (u16, String)> {
    let start = match body["NextPageToken"].as_str() {
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
        .map_or(usize::MAX, |n| n as usize);
    let end = start.saturating_add(size).min(rows.len());
    let token = (end < rows.len()).then(|| format!("sample-page-{end}"));
    Ok((
        rows.into_iter().skip(start).take(end - start).collect(),
        token,
    ))
}

/// The request's `TimePeriod` as days `[start, end)`, or Cost Explorer's refusal.
fn time_period(body: &Value) -> Result<(i64, i64), (u16, String)> {
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

/// GetReservationCoverage.
pub fn coverage(body: &Value, today: i64) -> (u16, String) {
    let (start, end) = match time_period(body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let group_by: Vec<(bool, &str)> = body["GroupBy"]
        .as_array()
        .map(|g| {
            g.iter()
                .map(|g| (g["Type"] == "TAG", g["Key"].as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let daily = match body["Granularity"].as_str() {
        _ if !group_by.is_empty() && !body["Granularity"].is_null() => {
            return invalid(
                "Granularity can't be set together with GroupBy for GetReservationCoverage.",
            )
        }
        Some("DAILY") => true,
        Some("MONTHLY") | None => false,
        Some(_) => return invalid("Reservation coverage is available DAILY or MONTHLY."),
    };
    let filter = &body["Filter"];
    let ec2_only = !names_service(filter);
    let workloads: Vec<(usize, &Workload)> = WORKLOADS
        .iter()
        .enumerate()
        .filter(|(_, w)| (!ec2_only || w.service == EC2) && matches(filter, w))
        .collect();

    let mut grand = Sums::default();
    let mut periods = Vec::new();
    let mut day = start;
    while day < end && day <= today {
        let until = if daily { day + 1 } else { next_month(day) }.min(end);
        let mut total = Sums::default();
        let mut groups: Vec<(Vec<(String, String)>, Sums)> = Vec::new();
        for d in day..until.min(today + 1) {
            for &(i, w) in workloads.iter().filter(|(_, w)| w.runs_on(d, today)) {
                let hours = w.hours(i, d, today);
                total.add(w, hours);
                grand.add(w, hours);
                if !group_by.is_empty() {
                    let key = group_key(&group_by, w);
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, sums)) => sums.add(w, hours),
                        None => {
                            let mut sums = Sums::default();
                            sums.add(w, hours);
                            groups.push((key, sums));
                        }
                    }
                }
            }
        }
        crate::sort::sort_by(&mut groups, &|a, b| a.0.cmp(&b.0));
        periods.push((day, until, groups, total));
        day = until;
    }

    let period = |s: i64, e: i64| {
        format!(
            "\"TimePeriod\":{{\"Start\":\"{}\",\"End\":\"{}\"}}",
            day_text(s),
            day_text(e)
        )
    };
    let (rows, token): (Vec<String>, _) = if group_by.is_empty() {
        let all = periods
            .iter()
            .map(|(s, e, _, t)| {
                format!(
                    "{{{},\"Groups\":[],\"Total\":{}}}",
                    period(*s, *e),
                    t.json()
                )
            })
            .collect();
        match page(all, body) {
            Ok(p) => p,
            Err(e) => return e,
        }
    } else {
        // Paged by group: a page holds whole groups, each under its period.
        let flat: Vec<(usize, String)> = periods
            .iter()
            .enumerate()
            .flat_map(|(i, (_, _, groups, _))| {
                groups.iter().map(move |(key, sums)| {
                    let attributes: Vec<String> = key
                        .iter()
                        .map(|(k, v)| format!("\"{k}\":\"{v}\""))
                        .collect();
                    let group = format!(
                        "{{\"Attributes\":{{{}}},\"Coverage\":{}}}",
                        attributes.join(","),
                        sums.json()
                    );
                    (i, group)
                })
            })
            .collect();
        let (page_rows, token) = match page(flat, body) {
            Ok(p) => p,
            Err(e) => return e,
        };
        let mut by_period: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, group) in page_rows {
            match by_period.last_mut() {
                Some((last, groups)) if *last == i => groups.push(group),
                _ => by_period.push((i, vec![group])),
            }
        }
        let rows = by_period
            .into_iter()
            .map(|(i, groups)| {
                let (s, e, _, t) = &periods[i];
                format!(
                    "{{{},\"Groups\":[{}],\"Total\":{}}}",
                    period(*s, *e),
                    groups.join(","),
                    t.json()
                )
            })
            .collect();
        (rows, token)
    };
    let token = token
        .map(|t| format!(",\"NextPageToken\":\"{t}\""))
        .unwrap_or_default();
    let body = format!(
        "{{\"CoveragesByTime\":[{}],\"Total\":{}{token}}}",
        rows.join(","),
        grand.json()
    );
    (200, body)
}

/// A group's attributes, as Cost Explorer names them (`instanceType`, a tag as `team$value`).
fn group_key(group_by: &[(bool, &str)], w: &Workload) -> Vec<(String, String)> {
    group_by
        .iter()
        .map(|&(tag, key)| {
            if tag {
                let value = if key == "team" {
                    w.team.unwrap_or_default()
                } else {
                    ""
                };
                (key.to_owned(), format!("{key}${value}"))
            } else {
                let name = match key {
                    "INSTANCE_TYPE" => "instanceType",
                    "REGION" => "region",
                    "PLATFORM" => "platform",
                    "TENANCY" => "tenancy",
                    "LINKED_ACCOUNT" => "linkedAccount",
                    "AZ" => "availabilityZone",
                    "OPERATING_SYSTEM" => "operatingSystem",
                    "CACHE_ENGINE" => "cacheEngine",
                    "DATABASE_ENGINE" => "databaseEngine",
                    _ => "deploymentOption",
                };
                (name.to_owned(), w.attribute(key).to_owned())
            }
        })
        .collect()
}

/// GetDimensionValues: the values of the dimension that had usage in the period (up to
/// `today`), filtered, searched and paged.
pub fn dimension_values(body: &Value, today: i64) -> (u16, String) {
    let (start, end) = match time_period(body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    // Workloads only ever begin, so one that ran in the period ran on its last day up to today.
    let last = (end - 1).min(today);
    let in_period = |w: &Workload| start <= last && w.runs_on(last, today);
    let dimension = body["Dimension"].as_str().unwrap_or_default();
    let search = body["SearchString"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    // Reservation coverage is Amazon EC2's unless the filter names a service: so are the values
    // offered for it.
    let filter = &body["Filter"];
    let ec2_only =
        body["Context"] == "RESERVATIONS" && dimension != "SERVICE" && !names_service(filter);
    let mut values: Vec<&str> = WORKLOADS
        .iter()
        .filter(|w| (!ec2_only || w.service == EC2) && matches(filter, w))
        .filter(|w| in_period(w))
        .map(|w| w.attribute(dimension))
        .filter(|v| !v.is_empty())
        .collect();
    crate::sort::sort(&mut values);
    values.dedup();
    let rows: Vec<String> = values
        .into_iter()
        .filter(|v| v.to_lowercase().contains(&search))
        .map(|v| {
            let description = match dimension {
                "LINKED_ACCOUNT" => ACCOUNTS.iter().find(|a| a.0 == v).map(|a| a.1),
                "REGION" => Some(match v {
                    "us-east-1" => "US East (N. Virginia)",
                    "eu-west-1" => "EU (Ireland)",
                    _ => "Asia Pacific (Sydney)",
                }),
                _ => None,
            };
            match description {
                Some(d) => {
                    format!("{{\"Value\":\"{v}\",\"Attributes\":{{\"description\":\"{d}\"}}}}")
                }
                None => format!("{{\"Value\":\"{v}\",\"Attributes\":{{}}}}"),
            }
        })
        .collect();
    let total = rows.len();
    let (rows, token) = match page(rows, body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let token = token
        .map(|t| format!(",\"NextPageToken\":\"{t}\""))
        .unwrap_or_default();
    let body = format!(
        "{{\"DimensionValues\":[{}],\"ReturnSize\":{},\"TotalSize\":{total}{token}}}",
        rows.join(","),
        rows.len()
    );
    (200, body)
}
