//! Cost Explorer's answers on commitments, from the usage model of the reservation coverage
//! ([`super::coverage`]), so that the views tell one story:
//!
//! - Reservation utilization: the reserved instances are the coverage model's reserved
//!   instances: a workload's reservation held all along (zonal, 3-year Partial Upfront for
//!   Amazon EC2, regional 3-year All Upfront for the databases and caches), and its change: a
//!   regional 1-year No Upfront reservation bought that day, or the part that expired. The hours
//!   the coverage calls reserved are the hours these reservations used, the oldest first: so
//!   the m6i.xlarge reservation bought 75 days ago, there for the weekdays, is used on weekdays
//!   only (about 76%), while the others are used 82-100%.
//! - Savings Plans: an EC2 Instance Savings Plan for m7g in eu-west-1, bought 30 days ago for the
//!   new team's workload and sized for its weekdays (about half used on weekends), then a Compute
//!   Savings Plan held all year, sized for the p5 instances (used 86-95% a month: less on the
//!   days one runs instead of two). Each applies to the on-demand spend the reservations leave,
//!   day by day, in that order, in proportion to each workload's spend: the commitment a plan
//!   used is the spend it covered.
//!
//! Like Cost Explorer, these operations take `And` filters one level deep only, the dimensions
//! each documents, and DAILY or MONTHLY periods (none with GroupBy).

use super::coverage::{Workload, ACCOUNTS, EC2, WORKLOADS};
use super::{
    by_time, check_filter, daily, day_text, entry, group_keys, invalid, matches, names_service,
    numbers_json, objects_json, page, period_json, periods, ratio, sort_by, sort_rows, text_object,
    time_period, token_json, Answer, ByTime,
};
use serde_json::Value;

/// A reserved instance: `count` instances like workload `workload`'s, bought `from` days before
/// today (`None`: long before the periods Cost Explorer keeps), expired `until` days before
/// today (`None`: active).
struct Ri {
    workload: usize,
    count: u32,
    from: Option<i64>,
    until: Option<i64>,
}

/// The reserved instances of the coverage model, each workload's in the order they are used.
fn reserved_instances() -> Vec<Ri> {
    let mut ris = Vec::new();
    for (workload, w) in WORKLOADS.iter().enumerate() {
        let reserved = i64::from(w.reserved);
        // (count, from, until) of the reservation held all along, and of the change.
        let (held, change) = match w.change {
            Some((ago, n)) if n > 0 => (reserved, (i64::from(n), Some(ago), None)),
            Some((ago, n)) => {
                let kept = (reserved + i64::from(n)).max(0);
                (kept, (reserved - kept, None, Some(ago)))
            }
            None => (reserved, (0, None, None)),
        };
        for (count, from, until) in [(held, None, None), change] {
            if count > 0 {
                ris.push(Ri {
                    workload,
                    count: count as u32,
                    from,
                    until,
                });
            }
        }
    }
    ris
}

impl Ri {
    fn active(&self, day: i64, today: i64) -> bool {
        self.from.is_none_or(|ago| day >= today - ago)
            && self.until.is_none_or(|ago| day < today - ago)
    }

    fn held(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// Bought for an Availability Zone (Amazon EC2's held reservations), else for the region.
    fn zonal(&self) -> bool {
        self.held() && WORKLOADS[self.workload].service == EC2
    }

    /// Its payment option, the fees (upfront, recurring) per hour as parts of the on-demand
    /// price, and its term in days.
    fn offering(&self) -> (&'static str, f64, f64, i64) {
        match (self.held(), self.zonal()) {
            (false, _) => ("No Upfront", 0.0, 0.64, 365),
            (true, true) => ("Partial Upfront", 0.28, 0.27, 1095),
            (true, false) => ("All Upfront", 0.42, 0.0, 1095),
        }
    }

    /// The value of a Cost Explorer dimension for this reservation.
    fn attribute(&self, dimension: &str) -> &'static str {
        let w = &WORKLOADS[self.workload];
        match dimension {
            "SCOPE" if self.zonal() => "Availability Zone",
            "SCOPE" => "Region",
            "AZ" if !self.zonal() => "",
            _ => w.attribute(dimension),
        }
    }

    /// Its first day and the day after its last, given `today` (the `k`th reservation).
    fn term(&self, k: usize, today: i64) -> (i64, i64) {
        let days = self.offering().3;
        match (self.from, self.until) {
            (Some(ago), _) => (today - ago, today - ago + days),
            (_, Some(ago)) => (today - ago - days, today - ago),
            _ => {
                let start = today - 700 - 13 * k as i64;
                (start, start + days)
            }
        }
    }

    /// Cost Explorer's attributes of the `k`th reservation, and its subscription id.
    fn attributes(&self, k: usize, today: i64) -> (String, String) {
        let w = &WORKLOADS[self.workload];
        let subscription = (3_901_234_567 + 1_117 * k as u64).to_string();
        let (start, end) = self.term(k, today);
        let at = |day: i64| format!("{}T00:00:00.000Z", day_text(day));
        let account = ACCOUNTS.iter().find(|a| a.0 == w.account).map(|a| a.1);
        let mut members = vec![
            ("accountId", w.account.to_owned()),
            ("accountName", account.unwrap_or_default().to_owned()),
            ("availabilityZone", self.attribute("AZ").to_owned()),
            ("averageOnDemandHourlyRate", super::num(w.price)),
            ("endDateTime", at(end)),
            ("instanceType", w.instance_type.to_owned()),
            (
                "leaseId",
                format!(
                    "{:08x}-5c1e-4a7b-9d3f-1957fc{:06x}",
                    0x4b22_93b4 + k,
                    self.workload
                ),
            ),
            ("numberOfInstances", self.count.to_string()),
            ("platform", w.attribute("PLATFORM").to_owned()),
            ("region", w.region.to_owned()),
            ("scope", self.attribute("SCOPE").to_owned()),
            ("startDateTime", at(start)),
            ("subscriptionId", subscription.clone()),
            (
                "subscriptionStatus",
                if self.until.is_some() {
                    "Retired"
                } else {
                    "Active"
                }
                .to_owned(),
            ),
            ("subscriptionType", self.offering().0.to_owned()),
            ("tenancy", w.attribute("TENANCY").to_owned()),
        ];
        members.retain(|(_, v)| !v.is_empty());
        (text_object(&members), subscription)
    }
}

/// (purchased hours, used hours) of the `k`th reservation on `day` (`None`: not held then):
/// the workload's reserved hours of the coverage model fill its reservations in order.
fn ri_hours(ris: &[Ri], k: usize, day: i64, today: i64) -> Option<(f64, f64)> {
    let ri = &ris[k];
    if !ri.active(day, today) {
        return None;
    }
    let w = &WORKLOADS[ri.workload];
    let reserved = w.day(ri.workload, day, today).map_or(0.0, |h| h.0);
    let before: f64 = ris[..k]
        .iter()
        .filter(|r| r.workload == ri.workload && r.active(day, today))
        .map(|r| f64::from(r.count) * 24.0)
        .sum();
    let purchased = f64::from(ri.count) * 24.0;
    Some((purchased, (reserved - before).clamp(0.0, purchased)))
}

/// ReservationAggregates' members, in Cost Explorer's order (also GetReservationUtilization's
/// sort keys).
const AGGREGATES: [&str; 17] = [
    "UtilizationPercentage",
    "UtilizationPercentageInUnits",
    "PurchasedHours",
    "PurchasedUnits",
    "TotalActualHours",
    "TotalActualUnits",
    "UnusedHours",
    "UnusedUnits",
    "OnDemandCostOfRIHoursUsed",
    "NetRISavings",
    "TotalPotentialRISavings",
    "AmortizedUpfrontFee",
    "AmortizedRecurringFee",
    "TotalAmortizedFee",
    "RICostForUnusedHours",
    "RealizedSavings",
    "UnrealizedSavings",
];

/// Sums of reservation use: hours and units purchased and used, the on-demand cost of both,
/// the fees (upfront, recurring) and the part of the fees for the hours used.
#[derive(Clone, Copy, Default)]
struct RiSums([f64; 9]);

impl RiSums {
    fn add(&mut self, ri: &Ri, (purchased, used): (f64, f64)) {
        let w = &WORKLOADS[ri.workload];
        let (_, upfront, recurring, _) = ri.offering();
        let (u, price) = (w.units(), w.price);
        for (slot, v) in self.0.iter_mut().zip([
            purchased,
            used,
            purchased * u,
            used * u,
            used * price,
            purchased * price,
            purchased * price * upfront,
            purchased * price * recurring,
            used * price * (upfront + recurring),
        ]) {
            *slot += v;
        }
    }

    /// The values of [`AGGREGATES`].
    fn aggregates(&self) -> [f64; 17] {
        let [ph, ah, pu, au, od_used, od_purchased, upfront, recurring, fee_used] = self.0;
        let fee = upfront + recurring;
        let potential = od_purchased - fee;
        let realized = od_used - fee_used;
        [
            ratio(ah, ph),
            ratio(au, pu),
            ph,
            pu,
            ah,
            au,
            ph - ah,
            pu - au,
            od_used,
            od_used - fee,
            potential,
            upfront,
            recurring,
            fee,
            fee - fee_used,
            realized,
            potential - realized,
        ]
    }

    fn json(&self) -> String {
        numbers_json(&AGGREGATES, &self.aggregates())
    }
}

/// What an operation here takes, as Cost Explorer documents it.
struct Operation {
    name: &'static str,
    /// What its data is called when a granularity is refused.
    what: &'static str,
    daily_by_default: bool,
    /// The dimensions its filter takes, and whether cost categories too.
    dimensions: &'static [&'static str],
    categories: bool,
    sort_keys: &'static [&'static str],
}

/// What every operation here reads first from a request (its `body`).
struct Request<'a> {
    body: &'a Value,
    period: (i64, i64),
    daily: bool,
    filter: &'a Value,
    sort: Option<(usize, bool)>,
}

impl Operation {
    /// The answer of `compute` to the request, or Cost Explorer's refusal of it.
    fn answer(
        &self,
        body: &Value,
        today: i64,
        compute: fn(Request, i64) -> Result<Answer, Answer>,
    ) -> Answer {
        match self.read(body).and_then(|request| compute(request, today)) {
            Ok(answer) | Err(answer) => answer,
        }
    }

    /// The request's period, granularity, filter and sort, or Cost Explorer's refusal.
    fn read<'a>(&self, body: &'a Value) -> Result<Request<'a>, Answer> {
        let period = time_period(body)?;
        let daily = daily(body, self.name, self.what, self.daily_by_default)?;
        let filter = &body["Filter"];
        check_filter(filter, self.name, self.dimensions, self.categories)?;
        let sort = sort_by(body, self.name, self.sort_keys)?;
        Ok(Request {
            body,
            period,
            daily,
            filter,
            sort,
        })
    }
}

#[rustfmt::skip]
const RESERVATION_UTILIZATION: Operation = Operation {
    name: "GetReservationUtilization",
    what: "Reservation utilization",
    daily_by_default: true,
    dimensions: &["AZ", "CACHE_ENGINE", "DEPLOYMENT_OPTION", "INSTANCE_TYPE", "LINKED_ACCOUNT",
        "OPERATING_SYSTEM", "PLATFORM", "REGION", "SERVICE", "SCOPE", "TENANCY"],
    categories: false,
    sort_keys: &AGGREGATES,
};

#[rustfmt::skip]
const SAVINGS_PLANS_COVERAGE: Operation = Operation {
    name: "GetSavingsPlansCoverage",
    what: "Savings Plans coverage",
    daily_by_default: false,
    // The documented INSTANCE_FAMILY is not in the model's Dimension enum: its filter names an
    // instance family INSTANCE_TYPE_FAMILY (filter::rules), its GroupBy INSTANCE_FAMILY.
    dimensions: &["LINKED_ACCOUNT", "REGION", "SERVICE", "INSTANCE_TYPE_FAMILY"],
    categories: true,
    sort_keys: &["SpendCoveredBySavingsPlans", "OnDemandCost", "CoveragePercentage", "TotalCost",
        "InstanceFamily", "Region", "Service"],
};

#[rustfmt::skip]
const SAVINGS_PLANS_UTILIZATION: Operation = Operation {
    name: "GetSavingsPlansUtilization",
    what: "Savings Plans utilization",
    daily_by_default: false,
    dimensions: &["LINKED_ACCOUNT", "SAVINGS_PLAN_ARN", "SAVINGS_PLANS_TYPE", "REGION",
        "PAYMENT_OPTION", "INSTANCE_TYPE_FAMILY"],
    categories: false,
    sort_keys: &["UtilizationPercentage", "TotalCommitment", "UsedCommitment", "UnusedCommitment",
        "NetSavings", "AmortizedRecurringCommitment", "AmortizedUpfrontCommitment"],
};

/// GetReservationUtilization.
pub fn reservation_utilization(body: &Value, today: i64) -> Answer {
    RESERVATION_UTILIZATION.answer(body, today, reservation_utilization_of)
}

fn reservation_utilization_of(request: Request, today: i64) -> Result<Answer, Answer> {
    let ((start, end), filter, body) = (request.period, request.filter, request.body);
    let grouped = !group_keys(body, RESERVATION_UTILIZATION.name, &["SUBSCRIPTION_ID"])?.is_empty();
    // Amazon EC2's unless the filter names a service, as the coverage.
    let ec2_only = !names_service(filter);
    let ris = reserved_instances();
    let chosen: Vec<usize> = (0..ris.len())
        .filter(|&k| {
            let ri = &ris[k];
            (!ec2_only || WORKLOADS[ri.workload].service == EC2)
                && matches(filter, &|kind, key| {
                    (kind == "Dimensions").then(|| ri.attribute(key))
                })
        })
        .collect();

    let mut grand = RiSums::default();
    let mut by_period: Vec<(ByTime, RiSums)> = Vec::new();
    for (day, until) in periods(start, end, request.daily, today) {
        let mut total = RiSums::default();
        let mut groups: Vec<(usize, RiSums)> = Vec::new();
        for d in day..until.min(today + 1) {
            for &k in &chosen {
                if let Some(hours) = ri_hours(&ris, k, d, today) {
                    total.add(&ris[k], hours);
                    grand.add(&ris[k], hours);
                    if grouped {
                        entry(&mut groups, k).add(&ris[k], hours);
                    }
                }
            }
        }
        sort_rows(&mut groups, request.sort, &|(_, sums), key| {
            (sums.aggregates()[key], String::new())
        });
        let groups = groups
            .iter()
            .map(|(k, sums)| {
                let (attributes, subscription) = ris[*k].attributes(*k, today);
                format!(
                    "{{\"Key\":\"SUBSCRIPTION_ID\",\"Value\":\"{subscription}\",\
                     \"Attributes\":{attributes},\"Utilization\":{}}}",
                    sums.json()
                )
            })
            .collect();
        let period = ByTime {
            start: day,
            end: until,
            groups,
            total: total.json(),
        };
        by_period.push((period, total));
    }
    if !grouped {
        sort_rows(&mut by_period, request.sort, &|(_, sums), key| {
            (sums.aggregates()[key], String::new())
        });
    }
    let by_period = by_period.into_iter().map(|(p, _)| p).collect();
    let (rows, token) = by_time(by_period, grouped, body)?;
    Ok((
        200,
        format!(
            "{{\"UtilizationsByTime\":[{}],\"Total\":{}{}}}",
            rows.join(","),
            grand.json(),
            token_json("NextPageToken", token)
        ),
    ))
}

/// A Savings Plan of the sample: `commitment` USD an hour from `since` days before today, its
/// rates `rate` of the on-demand price, for the usage of `family` in `region` ("": any).
struct SavingsPlan {
    arn: &'static str,
    kind: &'static str,
    account: &'static str,
    payment: &'static str,
    region: &'static str,
    family: &'static str,
    commitment: f64,
    rate: f64,
    since: i64,
}

/// The sample's Savings Plans, in the order they apply (the larger discount first).
const PLANS: [SavingsPlan; 2] = [
    SavingsPlan {
        arn: "arn:aws:savingsplans::222233334444:savingsplan/3f8e2a61-7c4d-4b9e-a1f0-5d6c7e8f9a0b",
        kind: "EC2InstanceSavingsPlans",
        account: "222233334444",
        payment: "All Upfront",
        region: "eu-west-1",
        family: "m7g",
        commitment: 2.0,
        rate: 0.62,
        since: 30,
    },
    SavingsPlan {
        arn: "arn:aws:savingsplans::111122223333:savingsplan/9b1c4d7e-2a3f-4e5d-8c6b-0a1f2e3d4c5b",
        kind: "ComputeSavingsPlans",
        account: "111122223333",
        payment: "No Upfront",
        region: "",
        family: "",
        commitment: 100.0,
        rate: 0.72,
        since: 400,
    },
];

/// The instance family of a workload (`m6i` of `m6i.xlarge`).
fn family(w: &Workload) -> &'static str {
    w.instance_type.split('.').next().unwrap_or_default()
}

impl SavingsPlan {
    fn active(&self, day: i64, today: i64) -> bool {
        day >= today - self.since
    }

    fn covers(&self, w: &Workload) -> bool {
        w.service == EC2
            && (self.family.is_empty() || family(w) == self.family)
            && (self.region.is_empty() || w.region == self.region)
    }

    /// The value of a Cost Explorer dimension for this plan ("" for a plan of any region).
    fn attribute(&self, dimension: &str) -> &'static str {
        match dimension {
            "LINKED_ACCOUNT" => self.account,
            "SAVINGS_PLAN_ARN" => self.arn,
            "SAVINGS_PLANS_TYPE" => self.kind,
            "REGION" => self.region,
            "PAYMENT_OPTION" => self.payment,
            "INSTANCE_TYPE_FAMILY" => self.family,
            _ => "",
        }
    }

    fn passes(&self, filter: &Value) -> bool {
        matches(filter, &|kind, key| {
            (kind == "Dimensions").then(|| self.attribute(key))
        })
    }
}

/// A workload's value for a Savings Plans coverage filter: its dimensions, its instance family
/// (INSTANCE_TYPE_FAMILY, and INSTANCE_FAMILY as the GroupBy names it), and the cost category
/// `Team` (its `team` tag).
fn usage_value(w: &Workload, kind: &str, key: &str) -> Option<&'static str> {
    Some(match (kind, key) {
        ("Dimensions", "INSTANCE_FAMILY" | "INSTANCE_TYPE_FAMILY") => family(w),
        ("Dimensions", _) => w.attribute(key),
        ("CostCategories", "Team") => w.tag("team"),
        _ => "",
    })
}

/// One workload's day under the Savings Plans: the on-demand cost they left, and for each plan
/// the commitment it used and the on-demand cost that covered.
type Applied = (f64, [(f64, f64); PLANS.len()]);

/// The Savings Plans applied to each workload's on-demand spend on `day` (as [`WORKLOADS`]).
fn apply(day: i64, today: i64) -> Vec<Applied> {
    let mut rows: Vec<Applied> = WORKLOADS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let hours = w.day(i, day, today).filter(|_| w.service == EC2);
            (hours.map_or(0.0, |h| h.1 * w.price), Default::default())
        })
        .collect();
    for (p, plan) in PLANS.iter().enumerate() {
        if !plan.active(day, today) {
            continue;
        }
        let eligible: f64 = rows
            .iter()
            .zip(WORKLOADS)
            .filter(|(_, w)| plan.covers(w))
            .map(|(r, _)| r.0 * plan.rate)
            .sum();
        if eligible <= 0.0 {
            continue;
        }
        let share = (plan.commitment * 24.0).min(eligible) / eligible;
        for (r, w) in rows.iter_mut().zip(WORKLOADS) {
            if plan.covers(w) {
                let covered = r.0 * share;
                r.1[p] = (covered * plan.rate, covered);
                r.0 -= covered;
            }
        }
    }
    rows
}

/// SavingsPlansCoverageData's members (covered, on-demand, total, percentage).
fn coverage_json(covered: f64, on_demand: f64) -> String {
    numbers_json(
        &[
            "SpendCoveredBySavingsPlans",
            "OnDemandCost",
            "TotalCost",
            "CoveragePercentage",
        ],
        &[
            covered,
            on_demand,
            covered + on_demand,
            ratio(covered, covered + on_demand),
        ],
    )
}

/// A group's attributes (name, value).
type Attributes = Vec<(&'static str, &'static str)>;

/// Spend covered by Savings Plans, spend left on demand.
type Spend = (f64, f64);

/// GetSavingsPlansCoverage.
pub fn savings_plans_coverage(body: &Value, today: i64) -> Answer {
    SAVINGS_PLANS_COVERAGE.answer(body, today, savings_plans_coverage_of)
}

fn savings_plans_coverage_of(request: Request, today: i64) -> Result<Answer, Answer> {
    const OP: &str = SAVINGS_PLANS_COVERAGE.name;
    const GROUPS: [(&str, &str); 3] = [
        ("INSTANCE_FAMILY", "instanceFamily"),
        ("REGION", "region"),
        ("SERVICE", "service"),
    ];
    let ((start, end), filter, body) = (request.period, request.filter, request.body);
    let keys = group_keys(body, OP, &GROUPS.map(|g| g.0))?;
    let metrics = body["Metrics"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if let Some(m) = metrics.iter().find(|m| *m != "SpendCoveredBySavingsPlans") {
        return Err(invalid(&format!(
            "{OP} has the metric SpendCoveredBySavingsPlans only, not {}.",
            m.as_str().unwrap_or_default()
        )));
    }
    let chosen: Vec<usize> = (0..WORKLOADS.len())
        .filter(|&i| matches(filter, &|kind, key| usage_value(&WORKLOADS[i], kind, key)))
        .collect();

    // Each entry: its period, its group's attributes, (covered, on-demand).
    let mut entries: Vec<((i64, i64), Attributes, Spend)> = Vec::new();
    for (day, until) in periods(start, end, request.daily, today) {
        let mut groups: Vec<(Attributes, Spend)> = Vec::new();
        if keys.is_empty() {
            groups.push((Vec::new(), (0.0, 0.0)));
        }
        for d in day..until.min(today + 1) {
            let applied = apply(d, today);
            for &i in &chosen {
                let (on_demand, plans) = applied[i];
                let covered: f64 = plans.iter().map(|p| p.0).sum();
                if keys.is_empty() {
                    let sums = &mut groups[0].1;
                    *sums = (sums.0 + covered, sums.1 + on_demand);
                } else if covered + on_demand > 0.0 {
                    let w = &WORKLOADS[i];
                    let key = GROUPS
                        .iter()
                        .filter(|g| keys.contains(&g.0))
                        .map(|&(dimension, name)| {
                            (
                                name,
                                usage_value(w, "Dimensions", dimension).unwrap_or_default(),
                            )
                        })
                        .collect();
                    let sums = entry(&mut groups, key);
                    *sums = (sums.0 + covered, sums.1 + on_demand);
                }
            }
        }
        crate::sort::sort_by(&mut groups, &|a, b| a.0.cmp(&b.0));
        entries.extend(
            groups
                .into_iter()
                .map(|(key, sums)| ((day, until), key, sums)),
        );
    }
    sort_rows(
        &mut entries,
        request.sort,
        &|(_, attributes, (covered, on_demand)), key| {
            let number = [
                *covered,
                *on_demand,
                ratio(*covered, covered + on_demand),
                covered + on_demand,
            ];
            let text = ["instanceFamily", "region", "service"]
                .get(key.wrapping_sub(4))
                .and_then(|name| attributes.iter().find(|a| a.0 == *name))
                .map_or("", |a| a.1);
            (
                number.get(key).copied().unwrap_or_default(),
                text.to_owned(),
            )
        },
    );
    let rows: Vec<String> = entries
        .iter()
        .map(|((day, until), attributes, (covered, on_demand))| {
            format!(
                "{{\"Attributes\":{},\"Coverage\":{},{}}}",
                text_object(attributes),
                coverage_json(*covered, *on_demand),
                period_json(*day, *until)
            )
        })
        .collect();
    let (rows, token) = page(rows, body, "NextToken", 20)?;
    Ok((
        200,
        format!(
            "{{\"SavingsPlansCoverages\":[{}]{}}}",
            rows.join(","),
            token_json("NextToken", token)
        ),
    ))
}

/// Sums of Savings Plans use: commitment, commitment used, on-demand cost covered, the
/// commitment paid upfront and the commitment paid by the hour.
#[derive(Clone, Copy, Default)]
struct SpSums([f64; 5]);

impl SpSums {
    /// The sort keys' values: utilization, total, used, unused, net savings, recurring, upfront.
    fn values(&self) -> [f64; 7] {
        let [total, used, _, upfront, recurring] = self.0;
        [
            ratio(used, total),
            total,
            used,
            total - used,
            self.0[2] - total,
            recurring,
            upfront,
        ]
    }

    /// `"Utilization":…,"Savings":…,"AmortizedCommitment":…`.
    fn json(&self) -> String {
        let [total, used, on_demand, upfront, recurring] = self.0;
        objects_json(&[
            (
                "Utilization",
                &[
                    "TotalCommitment",
                    "UsedCommitment",
                    "UnusedCommitment",
                    "UtilizationPercentage",
                ],
                &[total, used, total - used, ratio(used, total)],
            ),
            (
                "Savings",
                &["NetSavings", "OnDemandCostEquivalent"],
                &[on_demand - total, on_demand],
            ),
            (
                "AmortizedCommitment",
                &[
                    "AmortizedRecurringCommitment",
                    "AmortizedUpfrontCommitment",
                    "TotalAmortizedCommitment",
                ],
                &[recurring, upfront, total],
            ),
        ])
    }
}

/// GetSavingsPlansUtilization.
pub fn savings_plans_utilization(body: &Value, today: i64) -> Answer {
    SAVINGS_PLANS_UTILIZATION.answer(body, today, savings_plans_utilization_of)
}

fn savings_plans_utilization_of(request: Request, today: i64) -> Result<Answer, Answer> {
    let ((start, end), filter) = (request.period, request.filter);
    let chosen: Vec<usize> = (0..PLANS.len())
        .filter(|&p| PLANS[p].passes(filter))
        .collect();
    let mut grand = SpSums::default();
    let mut by_period: Vec<((i64, i64), SpSums)> = Vec::new();
    for (day, until) in periods(start, end, request.daily, today) {
        let mut sums = SpSums::default();
        for d in day..until.min(today + 1) {
            let applied = apply(d, today);
            for &p in chosen.iter().filter(|&&p| PLANS[p].active(d, today)) {
                let plan = &PLANS[p];
                let commitment = plan.commitment * 24.0;
                let upfront = if plan.payment == "All Upfront" {
                    1.0
                } else {
                    0.0
                };
                let used: f64 = applied.iter().map(|a| a.1[p].0).sum();
                let on_demand: f64 = applied.iter().map(|a| a.1[p].1).sum();
                let day_sums = [
                    commitment,
                    used,
                    on_demand,
                    commitment * upfront,
                    commitment * (1.0 - upfront),
                ];
                for (s, v) in sums.0.iter_mut().zip(day_sums) {
                    *s += v;
                }
            }
        }
        for (g, v) in grand.0.iter_mut().zip(sums.0) {
            *g += v;
        }
        by_period.push(((day, until), sums));
    }
    sort_rows(&mut by_period, request.sort, &|(_, sums), key| {
        (sums.values()[key], String::new())
    });
    let rows: Vec<String> = by_period
        .iter()
        .map(|((day, until), sums)| format!("{{{},{}}}", period_json(*day, *until), sums.json()))
        .collect();
    Ok((
        200,
        format!(
            "{{\"SavingsPlansUtilizationsByTime\":[{}],\"Total\":{{{}}}}}",
            rows.join(","),
            grand.json()
        ),
    ))
}

/// GetDimensionValues in the `SAVINGS_PLANS` context: the values of a Savings Plans dimension
/// among the plans held in the days `[first, last]` and the usage they may cover, filtered
/// (`None`: not such a dimension).
pub(super) fn savings_plans_values(
    dimension: &str,
    filter: &Value,
    (first, last): (i64, i64),
    today: i64,
) -> Option<Vec<&'static str>> {
    const OF_PLANS: [&str; 6] = [
        "SAVINGS_PLANS_TYPE",
        "SAVINGS_PLAN_ARN",
        "PAYMENT_OPTION",
        "INSTANCE_TYPE_FAMILY",
        "REGION",
        "LINKED_ACCOUNT",
    ];
    // Families, regions and accounts of the eligible usage too: Savings Plans coverage's
    // filter values are the usage's, not only the plans'.
    const OF_USAGE: [&str; 3] = ["INSTANCE_TYPE_FAMILY", "REGION", "LINKED_ACCOUNT"];
    if !OF_PLANS.contains(&dimension) && !OF_USAGE.contains(&dimension) {
        return None;
    }
    if first > last {
        return Some(Vec::new());
    }
    // Plans and workloads only ever begin: what was there in the period was there on its last day.
    let plans = PLANS
        .iter()
        .filter(|p| OF_PLANS.contains(&dimension) && p.active(last, today) && p.passes(filter))
        .map(|p| p.attribute(dimension));
    let usage = WORKLOADS
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            OF_USAGE.contains(&dimension)
                && w.service == EC2
                && w.day(*i, last, today).is_some()
                && matches(filter, &|kind, key| usage_value(w, kind, key))
        })
        .map(|(_, w)| usage_value(w, "Dimensions", dimension).unwrap_or_default());
    Some(plans.chain(usage).filter(|v| !v.is_empty()).collect())
}
