//! Cost Explorer's answers for the sample data, computed from the request as Cost Explorer
//! would: any period (the last 12 months and this one), daily or monthly, grouped by a dimension
//! or a tag (`(untagged)` included), the filter (dimensions, tags, SERVICE), page size and
//! tokens. The usage is a fixed model: a handful of workloads with a weekday/weekend rhythm, a
//! reservation bought 75 days ago that lifts coverage, one that expired 20 days ago, a workload
//! that began 40 days ago (so values differ by period too). "Today" is
//! the day the request was signed (its `X-Amz-Date`), so the model needs no clock of its own and
//! answers the same all day. Answers are written as text (every value is the model's own,
//! nothing to escape): building `serde_json::Value`s cost 5 KB more of the first load.

use super::{
    by_time, daily, matches, names_service, objects_json, page, periods, ratio, text_object,
    time_period, token_json, Answer, ByTime,
};
use serde_json::Value;

/// One steady use of reserved-instance-eligible capacity.
pub(super) struct Workload {
    pub(super) service: &'static str,
    pub(super) instance_type: &'static str,
    pub(super) region: &'static str,
    pub(super) az: &'static str,
    platform: &'static str,
    tenancy: &'static str,
    pub(super) account: &'static str,
    team: Option<&'static str>,
    /// DATABASE_ENGINE or CACHE_ENGINE ("" for EC2).
    engine: &'static str,
    /// Instances running on a weekday, on a weekend day.
    running: (u32, u32),
    /// Instances reserved, and a change: `(days before today, instances)`, bought when positive,
    /// expired when negative.
    pub(super) reserved: u32,
    pub(super) change: Option<(i64, i32)>,
    /// On-demand USD per hour.
    pub(super) price: f64,
    /// Days before today the workload began (`None`: it ran all along).
    since: Option<i64>,
}

pub(super) const EC2: &str = "Amazon Elastic Compute Cloud - Compute";
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
pub(super) const WORKLOADS: &[Workload] = &[
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

pub(super) const ACCOUNTS: [(&str, &str); 3] = [
    (PROD, "Production"),
    (DATA, "Data platform"),
    (SANDBOX, "Sandbox"),
];

impl Workload {
    /// Whether the workload ran on `day`, given `today`.
    fn runs_on(&self, day: i64, today: i64) -> bool {
        self.since.is_none_or(|ago| day >= today - ago)
    }

    /// The value of a Cost Explorer dimension for this workload.
    pub(super) fn attribute(&self, dimension: &str) -> &'static str {
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

    /// Its value for a filter's leaf: dimensions, and the `team` tag.
    pub(super) fn value_of(&self, kind: &str, key: &str) -> Option<&'static str> {
        match kind {
            "Dimensions" => Some(self.attribute(key)),
            "Tags" => Some(self.tag(key)),
            _ => None,
        }
    }

    /// The value of its tag `key` ("" when it has none).
    pub(super) fn tag(&self, key: &str) -> &'static str {
        match key {
            "team" => self.team.unwrap_or_default(),
            _ => "",
        }
    }

    /// (reserved hours, on-demand hours) on `day`, given `today` (`None`: it did not run yet).
    pub(super) fn day(&self, index: usize, day: i64, today: i64) -> Option<(f64, f64)> {
        self.runs_on(day, today)
            .then(|| self.hours(index, day, today))
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
    pub(super) fn units(&self) -> f64 {
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
fn passes(e: &Value, w: &Workload) -> bool {
    matches(e, &|kind, key| w.value_of(kind, key))
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
        // Cost Explorer writes every number as a string.
        let members = objects_json(&[
            (
                "CoverageHours",
                &[
                    "OnDemandHours",
                    "ReservedHours",
                    "TotalRunningHours",
                    "CoverageHoursPercentage",
                ],
                &[oh, rh, rh + oh, ratio(rh, rh + oh)],
            ),
            (
                "CoverageNormalizedUnits",
                &[
                    "OnDemandNormalizedUnits",
                    "ReservedNormalizedUnits",
                    "TotalRunningNormalizedUnits",
                    "CoverageNormalizedUnitsPercentage",
                ],
                &[ou, ru, ru + ou, ratio(ru, ru + ou)],
            ),
            ("CoverageCost", &["OnDemandCost"], &[cost]),
        ]);
        format!("{{{members}}}")
    }
}

/// GetReservationCoverage.
pub fn coverage(body: &Value, today: i64) -> Answer {
    match coverage_of(body, today) {
        Ok(answer) | Err(answer) => answer,
    }
}

fn coverage_of(body: &Value, today: i64) -> Result<Answer, Answer> {
    let (start, end) = time_period(body)?;
    let group_by: Vec<(bool, &str)> = body["GroupBy"]
        .as_array()
        .map(|g| {
            g.iter()
                .map(|g| (g["Type"] == "TAG", g["Key"].as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let daily = daily(
        body,
        "GetReservationCoverage",
        "Reservation coverage",
        false,
    )?;
    let filter = &body["Filter"];
    let ec2_only = !names_service(filter);
    let workloads: Vec<(usize, &Workload)> = WORKLOADS
        .iter()
        .enumerate()
        .filter(|(_, w)| (!ec2_only || w.service == EC2) && passes(filter, w))
        .collect();

    let mut grand = Sums::default();
    let mut by_period = Vec::new();
    for (day, until) in periods(start, end, daily, today) {
        let mut total = Sums::default();
        let mut groups: Vec<(Vec<(String, String)>, Sums)> = Vec::new();
        for d in day..until.min(today + 1) {
            for &(i, w) in &workloads {
                let Some(hours) = w.day(i, d, today) else {
                    continue;
                };
                total.add(w, hours);
                grand.add(w, hours);
                if !group_by.is_empty() {
                    super::entry(&mut groups, group_key(&group_by, w)).add(w, hours);
                }
            }
        }
        crate::sort::sort_by(&mut groups, &|a, b| a.0.cmp(&b.0));
        let groups = groups
            .iter()
            .map(|(key, sums)| {
                format!(
                    "{{\"Attributes\":{},\"Coverage\":{}}}",
                    text_object(key),
                    sums.json()
                )
            })
            .collect();
        by_period.push(ByTime {
            start: day,
            end: until,
            groups,
            total: total.json(),
        });
    }
    let (rows, token) = by_time(by_period, !group_by.is_empty(), body)?;
    Ok((
        200,
        format!(
            "{{\"CoveragesByTime\":[{}],\"Total\":{}{}}}",
            rows.join(","),
            grand.json(),
            token_json("NextPageToken", token)
        ),
    ))
}

/// A group's attributes, as Cost Explorer names them (`instanceType`, a tag as `team$value`).
fn group_key(group_by: &[(bool, &str)], w: &Workload) -> Vec<(String, String)> {
    group_by
        .iter()
        .map(|&(tag, key)| {
            if tag {
                (key.to_owned(), format!("{key}${}", w.tag(key)))
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
/// `today`), filtered, searched and paged; in the `SAVINGS_PLANS` context, the Savings Plans'
/// own dimensions from the sample's plans.
pub fn dimension_values(body: &Value, today: i64) -> Answer {
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
    let plans = (body["Context"] == "SAVINGS_PLANS")
        .then(|| super::commitments::savings_plans_values(dimension, filter, (start, last), today))
        .flatten();
    let mut values: Vec<&str> = plans.unwrap_or_else(|| {
        WORKLOADS
            .iter()
            .filter(|w| (!ec2_only || w.service == EC2) && passes(filter, w))
            .filter(|w| in_period(w))
            .map(|w| w.attribute(dimension))
            .filter(|v| !v.is_empty())
            .collect()
    });
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
    let (rows, token) = match page(rows, body, "NextPageToken", usize::MAX) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let body = format!(
        "{{\"DimensionValues\":[{}],\"ReturnSize\":{},\"TotalSize\":{total}{}}}",
        rows.join(","),
        rows.len(),
        token_json("NextPageToken", token)
    );
    (200, body)
}
