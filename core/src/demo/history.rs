//! The sample account's usage over time: CloudWatch's `AWS/EC2CapacityReservations` metrics
//! (`GetMetricData`, JSON 1.0) and EC2 Capacity Manager (its attributes, metric data and
//! dimensions, EC2 query XML), both computed from one model of each reservation's used
//! instances every 5 minutes, so the list, the detail and the across-accounts view agree.
//!
//! Capacity Manager is enabled in the sample's home region (us-east-1) with Organizations
//! access: it also sees two member accounts' reservations, which EC2 in the sample account
//! doesn't list.

use super::{ec2_error, request_id, Sample, DEMO_ACCOUNT, EC2_NS, RESERVATIONS};
use serde_json::Value;

/// Where the sample's Capacity Manager is enabled.
pub const HOME_REGION: &str = "us-east-1";
/// When the sample's reservations started (2026-01-05T09:00:00Z), as their listing says.
const START: i64 = 1_767_603_600;
const FIVE_MINUTES: i64 = 300;
const HOUR: i64 = 3600;
/// The most datapoints one `GetMetricData` answer holds (CloudWatch's documented limit).
const MAX_DATAPOINTS: usize = 100_800;
/// The rows of one Capacity Manager page when the request names no `MaxResults`.
const DEFAULT_ROWS: usize = 1000;

/// A reservation as the history model sees it.
#[derive(Clone, Copy)]
struct Usage {
    account: &'static str,
    account_name: &'static str,
    region: &'static str,
    id: &'static str,
    instance_type: &'static str,
    platform: &'static str,
    tenancy: &'static str,
    zone: &'static str,
    total: u32,
    /// The level of use it swings around.
    level: u32,
    state: &'static str,
    /// Data from `START` until this time (`None`: until now).
    until: Option<i64>,
}

/// Member accounts' reservations, visible only through Capacity Manager's organization view.
#[rustfmt::skip]
const MEMBERS: &[Usage] = &[
    member(("444455556666", "analytics-prod"), ("us-east-1", "cr-0d1e2f3a4b5c60101"), ("r6i.2xlarge", 24, 21)),
    member(("444455556666", "analytics-prod"), ("eu-west-1", "cr-0d1e2f3a4b5c60102"), ("m6i.xlarge", 10, 0)),
    member(("777788889999", "ml-research"), ("us-east-1", "cr-0e1f2a3b4c5d60103"), ("p5.48xlarge", 4, 1)),
    member(("777788889999", "ml-research"), ("ap-southeast-2", "cr-0e1f2a3b4c5d60104"), ("g5.xlarge", 8, 7)),
];

const fn member(
    (account, account_name): (&'static str, &'static str),
    (region, id): (&'static str, &'static str),
    (instance_type, total, level): (&'static str, u32, u32),
) -> Usage {
    Usage {
        account,
        account_name,
        region,
        id,
        instance_type,
        platform: "Linux/UNIX",
        tenancy: "default",
        zone: "a",
        total,
        level,
        state: "active",
        until: None,
    }
}

fn of_sample(s: &Sample) -> Usage {
    let until = match s.state {
        "active" | "cancelling" => None,
        _ => s
            .end_date
            .and_then(|e| crate::aws::datetime::parse_rfc3339(e).map(|t| t.unix_timestamp())),
    };
    Usage {
        account: DEMO_ACCOUNT,
        account_name: "finops-demo",
        region: s.region,
        id: s.id,
        instance_type: s.instance_type,
        platform: s.platform,
        tenancy: s.tenancy,
        zone: s.az_letter,
        total: s.total,
        level: s.total - s.available,
        state: s.state,
        until,
    }
}

/// Whether CloudWatch has data for a reservation in this state (it publishes while a
/// reservation is active; expired and cancelled ones keep their past).
fn has_data(state: &str) -> bool {
    matches!(state, "active" | "expired" | "cancelled" | "cancelling")
}

fn all_usages() -> impl Iterator<Item = Usage> {
    RESERVATIONS
        .iter()
        .map(of_sample)
        .chain(MEMBERS.iter().copied())
        .filter(|u| has_data(u.state))
}

/// A small deterministic hash (FNV-1a) for the 5-minute jitter.
fn hash(id: &str, n: i64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes().chain(n.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Usage {
    /// Instances in use at `t` (a 5-minute sample time), or `None` outside its data.
    fn used_at(&self, t: i64, now: i64) -> Option<u32> {
        if t < START || t > now || self.until.is_some_and(|u| t >= u) {
            return None;
        }
        if self.level == 0 {
            return Some(0);
        }
        // Busy in the day (UTC 08-20), lighter at night and on weekends, plus a jitter.
        let hour = t.rem_euclid(86_400) / HOUR;
        let weekday = (t.div_euclid(86_400) + 3).rem_euclid(7); // 0 = Monday
        let mut factor = if (8..20).contains(&hour) { 1.0 } else { 0.8 };
        if weekday >= 5 {
            factor *= 0.75;
        }
        let jitter = (hash(self.id, t / FIVE_MINUTES) % 3) as i64 - 1;
        let used = (f64::from(self.level) * factor).round() as i64 + jitter;
        Some(used.clamp(0, i64::from(self.total)) as u32)
    }

    fn price(&self) -> f64 {
        hourly_price(self.instance_type)
    }
}

/// On-demand hourly prices (us-east-1, Linux) the sample's estimated costs use.
fn hourly_price(instance_type: &str) -> f64 {
    match instance_type {
        "m6i.large" => 0.096,
        "m6i.xlarge" => 0.192,
        "m6i.2xlarge" => 0.384,
        "m5.large" => 0.096,
        "m7g.large" => 0.0816,
        "r6g.xlarge" => 0.2016,
        "r6g.2xlarge" => 0.4032,
        "r6i.2xlarge" => 0.504,
        "r7i.2xlarge" => 0.5292,
        "c6i.large" => 0.085,
        "c7i.large" => 0.08925,
        "c7i.4xlarge" => 0.714,
        "t3.large" => 0.0832,
        "g5.xlarge" => 1.006,
        "g6.xlarge" => 0.8048,
        "p4d.24xlarge" => 32.7726,
        "p5.48xlarge" => 98.32,
        "trn1.32xlarge" => 21.50,
        "inf2.xlarge" => 0.7582,
        "x2idn.16xlarge" => 6.669,
        _ => 0.1,
    }
}

fn num(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

fn epoch(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_f64().map(|f| f.floor() as i64),
        Value::String(s) => crate::aws::datetime::parse_rfc3339(s).map(|t| t.unix_timestamp()),
        _ => None,
    }
}

/// A CloudWatch (awsQueryCompatible JSON 1.0) error: the body and the query-protocol code.
fn cw_error(status: u16, code: &str, message: &str) -> (u16, Vec<(String, String)>, String) {
    let body = serde_json::json!({ "__type": code, "message": message }).to_string();
    let fault = if status >= 500 { "Receiver" } else { "Sender" };
    (
        status,
        vec![
            ("x-amzn-query-error".into(), format!("{code};{fault}")),
            ("x-amzn-requestid".into(), request_id(11)),
        ],
        body,
    )
}

/// `GetMetricData` for the sample account's reservations in `region`.
pub fn metric_data(body: &Value, region: &str, now: i64) -> (u16, Vec<(String, String)>, String) {
    let (Some(start), Some(end)) = (epoch(&body["StartTime"]), epoch(&body["EndTime"])) else {
        return cw_error(
            400,
            "MissingParameter",
            "StartTime and EndTime are required.",
        );
    };
    if start >= end {
        return cw_error(
            400,
            "InvalidParameterValue",
            "The parameter StartTime must be less than the parameter EndTime.",
        );
    }
    let Some(queries) = body["MetricDataQueries"].as_array() else {
        return cw_error(400, "MissingParameter", "MetricDataQueries is required.");
    };
    if queries.is_empty() || queries.len() > 500 {
        return cw_error(
            400,
            "InvalidParameterValue",
            "MetricDataQueries must have between 1 and 500 queries.",
        );
    }
    let descending = body["ScanBy"].as_str() == Some("TimestampDescending");
    let first = match body["NextToken"].as_str() {
        None => 0,
        Some(t) => match t.strip_prefix("sample-query-").and_then(|n| n.parse().ok()) {
            Some(n) if n < queries.len() => n,
            _ => return cw_error(400, "InvalidNextToken", "The NextToken is not valid."),
        },
    };
    let usages: Vec<Usage> = all_usages()
        .filter(|u| u.region == region && u.account == DEMO_ACCOUNT)
        .collect();
    let mut results = Vec::new();
    let mut points = 0;
    let mut next = None;
    for (i, q) in queries.iter().enumerate().skip(first) {
        let stat = &q["MetricStat"];
        if stat.is_null() {
            return cw_error(
                400,
                "InvalidParameterValue",
                "The sample data answers MetricStat queries only (no metric math).",
            );
        }
        let metric = &stat["Metric"];
        let name = metric["MetricName"].as_str().unwrap_or_default();
        let period = stat["Period"].as_i64().unwrap_or(0);
        if period < 60 || period % 60 != 0 {
            return cw_error(
                400,
                "InvalidParameterValue",
                "The parameter MetricStat.Period must be a multiple of 60.",
            );
        }
        let reservation = metric["Dimensions"].as_array().and_then(|d| {
            d.iter()
                .find(|d| d["Name"] == "CapacityReservationId")
                .and_then(|d| d["Value"].as_str())
        });
        let usage = if metric["Namespace"] == "AWS/EC2CapacityReservations" {
            reservation.and_then(|id| usages.iter().find(|u| u.id == id))
        } else {
            None
        };
        let mut series = match usage {
            Some(u) => aggregate(
                u,
                name,
                stat["Stat"].as_str().unwrap_or(""),
                start,
                end,
                period,
                now,
            ),
            None => Vec::new(),
        };
        if points + series.len() > MAX_DATAPOINTS && !results.is_empty() {
            next = Some(format!("sample-query-{i}"));
            break;
        }
        points += series.len();
        if descending {
            series.reverse();
        }
        if q["ReturnData"] == Value::Bool(false) {
            continue;
        }
        let id = q["Id"].as_str().unwrap_or_default();
        results.push(serde_json::json!({
            "Id": id,
            "Label": q["Label"].as_str().unwrap_or(name),
            "Timestamps": series.iter().map(|p| Value::from(p.0)).collect::<Vec<_>>(),
            "Values": series.iter().map(|p| num(p.1)).collect::<Vec<_>>(),
            "StatusCode": "Complete",
        }));
    }
    let mut answer = serde_json::json!({ "MetricDataResults": results, "Messages": [] });
    if let Some(token) = next {
        answer["NextToken"] = Value::String(token);
    }
    (
        200,
        vec![("x-amzn-requestid".into(), request_id(10))],
        answer.to_string(),
    )
}

/// The datapoints of `metric` with `stat` per `period` from `start`: CloudWatch's aggregate
/// of the 5-minute samples (periods without samples are absent).
fn aggregate(
    u: &Usage,
    metric: &str,
    stat: &str,
    start: i64,
    end: i64,
    period: i64,
    now: i64,
) -> Vec<(i64, f64)> {
    let value = |used: u32| -> Option<f64> {
        let total = f64::from(u.total);
        Some(match metric {
            "UsedInstanceCount" => f64::from(used),
            "AvailableInstanceCount" => total - f64::from(used),
            "TotalInstanceCount" => total,
            "InstanceUtilization" => f64::from(used) / total * 100.0,
            _ => return None,
        })
    };
    let mut out = Vec::new();
    let mut bucket = start;
    while bucket < end {
        let top = (bucket + period).min(end);
        let mut t = bucket + (FIVE_MINUTES - bucket.rem_euclid(FIVE_MINUTES)) % FIVE_MINUTES;
        let (mut n, mut sum, mut min, mut max) = (0u32, 0.0, f64::MAX, f64::MIN);
        while t < top {
            if let Some(v) = u.used_at(t, now).and_then(value) {
                n += 1;
                sum += v;
                min = min.min(v);
                max = max.max(v);
            }
            t += FIVE_MINUTES;
        }
        if n > 0 {
            let v = match stat {
                "Minimum" => min,
                "Maximum" => max,
                "Sum" => sum,
                "SampleCount" => f64::from(n),
                _ => sum / f64::from(n),
            };
            out.push((bucket, v));
        }
        bucket += period;
    }
    out
}

fn iso(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .map_or_else(|_| String::new(), crate::aws::datetime::rfc3339_utc)
}

/// The start of the last whole hour with data (Capacity Manager lags by about an hour).
fn latest(now: i64) -> i64 {
    now.div_euclid(HOUR) * HOUR - HOUR
}

/// `GetCapacityManagerAttributes`: enabled in the home region only.
pub fn attributes(region: &str, now: i64) -> (u16, String) {
    let members = if region == HOME_REGION {
        format!(
            "<capacityManagerStatus>enabled</capacityManagerStatus>\
             <organizationsAccess>true</organizationsAccess><dataExportCount>0</dataExportCount>\
             <ingestionStatus>ingestion-complete</ingestionStatus>\
             <earliestDatapointTimestamp>{}</earliestDatapointTimestamp>\
             <latestDatapointTimestamp>{}</latestDatapointTimestamp>",
            iso(START),
            iso(latest(now))
        )
    } else {
        "<capacityManagerStatus>disabled</capacityManagerStatus>\
         <organizationsAccess>false</organizationsAccess><dataExportCount>0</dataExportCount>"
            .to_owned()
    };
    (
        200,
        format!(
            "<GetCapacityManagerAttributesResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
             {members}</GetCapacityManagerAttributesResponse>",
            request_id(12)
        ),
    )
}

/// A form parameter list's members `Prefix.1`, `Prefix.2`, … in order.
fn list(params: &[(String, String)], prefix: &str) -> Vec<String> {
    (1..)
        .map_while(|i| {
            let key = format!("{prefix}.{i}");
            params
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
        })
        .collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A dimension's value for a reservation (`None`: the sample doesn't group by it).
fn dimension(u: &Usage, name: &str) -> Option<String> {
    Some(match name {
        "account-id" => u.account.into(),
        "account-name" => u.account_name.into(),
        "reservation-id" => u.id.into(),
        "reservation-arn" => format!(
            "arn:aws:ec2:{}:{}:capacity-reservation/{}",
            u.region, u.account, u.id
        ),
        "resource-region" => u.region.into(),
        "instance-type" => u.instance_type.into(),
        "instance-family" => u.instance_type.split('.').next().unwrap_or_default().into(),
        "instance-platform" => u.platform.into(),
        "tenancy" => u.tenancy.into(),
        "reservation-state" => u.state.into(),
        "reservation-type" => "odcr".into(),
        "reservation-unused-financial-owner" => u.account.into(),
        "availability-zone-id" => format!("{}-az{}", u.region, u.zone),
        "reservation-instance-match-criteria" => "open".into(),
        _ => return None,
    })
}

/// The XML element `dimension` names, as `CapacityManagerDimension` spells it.
fn element(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Hourly figures of one group in one bucket.
#[derive(Default)]
struct Totals {
    reserved_hours: f64,
    used_hours: f64,
    cost: f64,
    unused_cost: f64,
    min_utilization: Option<f64>,
    max_utilization: Option<f64>,
    reservations: Vec<&'static str>,
}

impl Totals {
    fn metric(&self, name: &str) -> f64 {
        let unused = self.reserved_hours - self.used_hours;
        let utilization = if self.reserved_hours > 0.0 {
            self.used_hours / self.reserved_hours * 100.0
        } else {
            0.0
        };
        match name {
            "reservation-total-capacity-hrs-inst" => self.reserved_hours,
            "reservation-unused-total-capacity-hrs-inst" => unused,
            "reservation-avg-utilization-inst" => utilization,
            "reservation-min-utilization" => self.min_utilization.unwrap_or(0.0),
            "reservation-max-utilization" => self.max_utilization.unwrap_or(0.0),
            "reservation-total-estimated-cost" => self.cost,
            "reservation-unused-total-estimated-cost" => self.unused_cost,
            "reservation-total-count" => self.reservations.len() as f64,
            "reserved-total-usage-hrs-inst" => self.used_hours,
            "reserved-total-estimated-cost" => self.cost - self.unused_cost,
            // vCPU-based, future, committed, unreserved and Spot figures: the sample has none.
            _ => 0.0,
        }
    }
}

struct Query {
    metrics: Vec<String>,
    group_by: Vec<String>,
    start: i64,
    end: i64,
    period: i64,
    filters: Vec<(String, Vec<String>)>,
}

fn read_query(params: &[(String, String)], needs_period: bool) -> Result<Query, (u16, String)> {
    let invalid = |m: &str| ec2_error(400, "InvalidParameterValue", m);
    let time = |name: &str| {
        param(params, name)
            .and_then(crate::aws::datetime::parse_rfc3339)
            .map(|t| t.unix_timestamp())
            .ok_or_else(|| ec2_error(400, "MissingParameter", &format!("{name} is required.")))
    };
    let (start, end) = (time("StartTime")?, time("EndTime")?);
    if start >= end {
        return Err(invalid("StartTime must be before EndTime."));
    }
    let period = if needs_period {
        let p: i64 = param(params, "Period")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        if p < HOUR || p % HOUR != 0 || (end - start) % p != 0 {
            return Err(invalid(
                "Period must be a whole number of hours that divides EndTime - StartTime.",
            ));
        }
        p
    } else {
        end - start
    };
    let mut filters = Vec::new();
    for i in 1.. {
        let prefix = format!("FilterBy.{i}.DimensionCondition");
        let Some(dim) = param(params, &format!("{prefix}.Dimension")) else {
            break;
        };
        filters.push((dim.to_owned(), list(params, &format!("{prefix}.Value"))));
    }
    Ok(Query {
        metrics: list(params, "MetricName"),
        group_by: list(params, "GroupBy"),
        start,
        end,
        period,
        filters,
    })
}

/// The reservations Capacity Manager sees from `region` (its home region only).
fn scope(region: &str, q: &Query) -> Result<Vec<Usage>, (u16, String)> {
    if region != HOME_REGION {
        return Err(ec2_error(
            400,
            "CapacityManagerNotEnabled",
            &format!("EC2 Capacity Manager is not enabled in {region}; the sample's home region is {HOME_REGION}."),
        ));
    }
    for (dim, _) in &q.filters {
        if dimension(&MEMBERS[0], dim).is_none() {
            return Err(ec2_error(
                400,
                "InvalidParameterValue",
                &format!("The sample data does not filter by {dim}."),
            ));
        }
    }
    Ok(all_usages()
        .filter(|u| {
            q.filters
                .iter()
                .all(|(dim, values)| dimension(u, dim).is_some_and(|v| values.contains(&v)))
        })
        .collect())
}

fn dimension_xml(u: &Usage, group_by: &[String]) -> String {
    let mut xml = String::from("<dimension>");
    for g in group_by {
        if let Some(v) = dimension(u, g) {
            let e = element(g);
            xml.push_str(&format!("<{e}>{v}</{e}>"));
        }
    }
    xml.push_str("</dimension>");
    xml
}

fn page_of<T>(
    rows: Vec<T>,
    params: &[(String, String)],
) -> Result<(Vec<T>, Option<String>), (u16, String)> {
    let size = param(params, "MaxResults")
        .and_then(|m| m.parse().ok())
        .unwrap_or(DEFAULT_ROWS)
        .max(1);
    let from = match param(params, "NextToken") {
        None => 0,
        Some(t) => match t.strip_prefix("sample-row-").and_then(|n| n.parse().ok()) {
            Some(n) if n < rows.len() => n,
            _ => {
                return Err(ec2_error(
                    400,
                    "InvalidNextToken",
                    "The NextToken is not valid.",
                ))
            }
        },
    };
    let next = (from + size < rows.len()).then(|| format!("sample-row-{}", from + size));
    Ok((rows.into_iter().skip(from).take(size).collect(), next))
}

/// `GetCapacityManagerMetricData`: each group's figures per period, hourly samples.
pub fn manager_metric_data(params: &[(String, String)], region: &str, now: i64) -> (u16, String) {
    match manager_rows(params, region, now) {
        Ok(body) => (200, body),
        Err(e) => e,
    }
}

fn manager_rows(
    params: &[(String, String)],
    region: &str,
    now: i64,
) -> Result<String, (u16, String)> {
    let q = read_query(params, true)?;
    let usages = scope(region, &q)?;
    let end = q.end.min(latest(now) + HOUR);
    let mut rows: Vec<(i64, String, Totals, Usage)> = Vec::new();
    let mut bucket = q.start;
    while bucket < end {
        let top = (bucket + q.period).min(end);
        for u in &usages {
            let key = q
                .group_by
                .iter()
                .map(|g| dimension(u, g).unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\u{1f}");
            let mut t = bucket;
            let mut seen = false;
            let at = match rows.iter().position(|r| r.0 == bucket && r.1 == key) {
                Some(i) => i,
                None => {
                    rows.push((bucket, key, Totals::default(), *u));
                    rows.len() - 1
                }
            };
            let totals = &mut rows[at].2;
            while t < top {
                if let Some(used) = u.used_at(t, now) {
                    seen = true;
                    let total = f64::from(u.total);
                    let used = f64::from(used);
                    let utilization = used / total * 100.0;
                    totals.reserved_hours += total;
                    totals.used_hours += used;
                    totals.cost += total * u.price();
                    totals.unused_cost += (total - used) * u.price();
                    totals.min_utilization = Some(
                        totals
                            .min_utilization
                            .map_or(utilization, |m| m.min(utilization)),
                    );
                    totals.max_utilization = Some(
                        totals
                            .max_utilization
                            .map_or(utilization, |m| m.max(utilization)),
                    );
                }
                t += HOUR;
            }
            if seen && !totals.reservations.contains(&u.id) {
                totals.reservations.push(u.id);
            }
        }
        bucket += q.period;
    }
    rows.retain(|r| !r.2.reservations.is_empty());
    let (rows, next) = page_of(rows, params)?;
    let mut items = String::new();
    for (bucket, _, totals, u) in &rows {
        items.push_str(&format!(
            "<item>{}<timestamp>{}</timestamp><metricValueSet>",
            dimension_xml(u, &q.group_by),
            iso(*bucket)
        ));
        for m in &q.metrics {
            items.push_str(&format!(
                "<item><metric>{m}</metric><value>{}</value></item>",
                totals.metric(m)
            ));
        }
        items.push_str("</metricValueSet></item>");
    }
    let token = next
        .map(|t| format!("<nextToken>{t}</nextToken>"))
        .unwrap_or_default();
    Ok(format!(
        "<GetCapacityManagerMetricDataResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
         <metricDataResultSet>{items}</metricDataResultSet>{token}\
         </GetCapacityManagerMetricDataResponse>",
        request_id(13)
    ))
}

/// `GetCapacityManagerMetricDimensions`: the groups that have data in the range.
pub fn manager_dimensions(params: &[(String, String)], region: &str, now: i64) -> (u16, String) {
    let answer = (|| {
        let q = read_query(params, false)?;
        let usages = scope(region, &q)?;
        let mut seen: Vec<(String, Usage)> = Vec::new();
        for u in usages {
            let has = (q.start..q.end.min(now))
                .step_by(HOUR as usize)
                .any(|t| u.used_at(t, now).is_some());
            let key = dimension_xml(&u, &q.group_by);
            if has && !seen.iter().any(|(k, _)| *k == key) {
                seen.push((key, u));
            }
        }
        let (rows, next) = page_of(seen, params)?;
        let items: String = rows
            .iter()
            .map(|(k, _)| {
                format!(
                    "<item>{}</item>",
                    &k["<dimension>".len()..k.len() - "</dimension>".len()]
                )
            })
            .collect();
        let token = next
            .map(|t| format!("<nextToken>{t}</nextToken>"))
            .unwrap_or_default();
        Ok(format!(
            "<GetCapacityManagerMetricDimensionsResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
             <metricDimensionResultSet>{items}</metricDimensionResultSet>{token}\
             </GetCapacityManagerMetricDimensionsResponse>",
            request_id(14)
        ))
    })();
    match answer {
        Ok(body) => (200, body),
        Err(e) => e,
    }
}
