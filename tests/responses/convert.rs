//! Our parsed outputs, written in the JSON shape botocore's parser produces (member names as
//! in the model, absent members left out, timestamps as Python's `isoformat()`), so the two
//! can be compared member by member.

use lens_core::aws::ce::{
    Amount, Attributes, Coverage, DateInterval, DimensionValuesPage, ReservationAggregates,
    ReservationCoveragePage, ReservationUtilizationPage, SavingsPlansAmortizedCommitment,
    SavingsPlansCoveragePage, SavingsPlansSavings, SavingsPlansUtilization,
    SavingsPlansUtilizationAnswer,
};
use lens_core::aws::cloudwatch::{MessageData, MetricDataPage};
use lens_core::aws::ec2::{
    CapacityManagerAttributes, CapacityManagerDimension, CapacityManagerDimensionsPage,
    CapacityManagerMetricDataPage, CapacityReservation, CapacityReservationUsage,
    CapacityReservationsPage, InterruptibleCapacityAllocation, InterruptionInfo, ResourceTag,
};
use lens_core::aws::sts::CallerIdentity;
use lens_core::aws::xml::Timestamp;
use serde_json::{json, Map, Value};

/// How to write a Cost Explorer amount: as AWS's text, or as its parsed value.
#[derive(Clone, Copy, PartialEq)]
pub enum Amounts {
    Text,
    Value,
}

struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Self {
        Obj(Map::new())
    }
    fn opt<T>(mut self, key: &str, v: Option<T>, f: impl FnOnce(T) -> Value) -> Self {
        if let Some(v) = v {
            self.0.insert(key.to_owned(), f(v));
        }
        self
    }
    fn s(self, key: &str, v: &Option<String>) -> Self {
        self.opt(key, v.as_ref(), |v| json!(v))
    }
    fn list(mut self, key: &str, v: Vec<Value>) -> Self {
        self.0.insert(key.to_owned(), Value::Array(v));
        self
    }
    fn request_id(self, id: &Option<String>) -> Self {
        let meta = id.as_ref().map(|id| json!({ "RequestId": id }));
        self.opt("ResponseMetadata", meta, |m| m)
    }
    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// `datetime.isoformat()` of a UTC instant: microseconds only when not zero.
pub fn isoformat(t: &Timestamp) -> Value {
    let v = t.value.to_offset(time::UtcOffset::UTC);
    let micros = v.microsecond();
    let frac = if micros == 0 {
        String::new()
    } else {
        format!(".{micros:06}")
    };
    json!(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{frac}+00:00",
        v.year(),
        u8::from(v.month()),
        v.day(),
        v.hour(),
        v.minute(),
        v.second()
    ))
}

fn ts(t: &Option<Timestamp>) -> Option<Value> {
    t.as_ref().map(isoformat)
}

pub fn usage(u: &CapacityReservationUsage) -> Value {
    Obj::new()
        .request_id(&u.request_id)
        .s("NextToken", &u.next_token)
        .s("CapacityReservationId", &u.capacity_reservation_id)
        .s("InstanceType", &u.instance_type)
        .opt("TotalInstanceCount", u.total_instance_count, |v| json!(v))
        .opt("AvailableInstanceCount", u.available_instance_count, |v| {
            json!(v)
        })
        .opt("State", u.state.as_ref(), |v| json!(v.as_str()))
        .list(
            "InstanceUsages",
            u.instance_usages
                .iter()
                .map(|i| {
                    Obj::new()
                        .s("AccountId", &i.account_id)
                        .opt("UsedInstanceCount", i.used_instance_count, |v| json!(v))
                        .done()
                })
                .collect(),
        )
        .opt("Interruptible", u.interruptible, |v| json!(v))
        .opt(
            "InterruptibleCapacityAllocation",
            u.interruptible_capacity_allocation.as_ref(),
            allocation,
        )
        .opt(
            "InterruptionInfo",
            u.interruption_info.as_ref(),
            interruption,
        )
        .done()
}

fn allocation(a: &InterruptibleCapacityAllocation) -> Value {
    Obj::new()
        .opt("InstanceCount", a.instance_count, |v| json!(v))
        .opt("TargetInstanceCount", a.target_instance_count, |v| json!(v))
        .opt("Status", a.status.as_ref(), |v| json!(v.as_str()))
        .s(
            "InterruptibleCapacityReservationId",
            &a.interruptible_capacity_reservation_id,
        )
        .opt("InterruptionType", a.interruption_type.as_ref(), |v| {
            json!(v.as_str())
        })
        .opt("ZeroSizePreference", a.zero_size_preference.as_ref(), |v| {
            json!(v.as_str())
        })
        .done()
}

fn interruption(i: &InterruptionInfo) -> Value {
    Obj::new()
        .s(
            "SourceCapacityReservationId",
            &i.source_capacity_reservation_id,
        )
        .opt("InterruptionType", i.interruption_type.as_ref(), |v| {
            json!(v.as_str())
        })
        .done()
}

fn key_values(items: &[ResourceTag]) -> Vec<Value> {
    items
        .iter()
        .map(|t| Obj::new().s("Key", &t.key).s("Value", &t.value).done())
        .collect()
}

pub fn describe(p: &CapacityReservationsPage) -> Value {
    Obj::new()
        .request_id(&p.request_id)
        .s("NextToken", &p.next_token)
        .list(
            "CapacityReservations",
            p.capacity_reservations.iter().map(reservation).collect(),
        )
        .done()
}

fn reservation(r: &CapacityReservation) -> Value {
    let e = |v: &str| json!(v);
    Obj::new()
        .s("CapacityReservationId", &r.capacity_reservation_id)
        .s("OwnerId", &r.owner_id)
        .s("CapacityReservationArn", &r.capacity_reservation_arn)
        .s("AvailabilityZoneId", &r.availability_zone_id)
        .s("InstanceType", &r.instance_type)
        .opt("InstancePlatform", r.instance_platform.as_ref(), |v| {
            e(v.as_str())
        })
        .s("AvailabilityZone", &r.availability_zone)
        .opt("Tenancy", r.tenancy.as_ref(), |v| e(v.as_str()))
        .opt("TotalInstanceCount", r.total_instance_count, |v| json!(v))
        .opt("AvailableInstanceCount", r.available_instance_count, |v| {
            json!(v)
        })
        .opt("EbsOptimized", r.ebs_optimized, |v| json!(v))
        .opt("EphemeralStorage", r.ephemeral_storage, |v| json!(v))
        .opt("State", r.state.as_ref(), |v| e(v.as_str()))
        .opt("StartDate", ts(&r.start_date), |v| v)
        .opt("EndDate", ts(&r.end_date), |v| v)
        .opt("EndDateType", r.end_date_type.as_ref(), |v| e(v.as_str()))
        .opt(
            "InstanceMatchCriteria",
            r.instance_match_criteria.as_ref(),
            |v| e(v.as_str()),
        )
        .opt("CreateDate", ts(&r.create_date), |v| v)
        .list("Tags", key_values(&r.tags))
        .s("OutpostArn", &r.outpost_arn)
        .s(
            "CapacityReservationFleetId",
            &r.capacity_reservation_fleet_id,
        )
        .s("PlacementGroupArn", &r.placement_group_arn)
        .list(
            "CapacityAllocations",
            r.capacity_allocations
                .iter()
                .map(|a| {
                    Obj::new()
                        .opt("AllocationType", a.allocation_type.as_ref(), |v| {
                            e(v.as_str())
                        })
                        .opt("Count", a.count, |v| json!(v))
                        .list("AllocationMetadata", key_values(&a.allocation_metadata))
                        .done()
                })
                .collect(),
        )
        .opt("ReservationType", r.reservation_type.as_ref(), |v| {
            e(v.as_str())
        })
        .s(
            "UnusedReservationBillingOwnerId",
            &r.unused_reservation_billing_owner_id,
        )
        .opt("CommitmentInfo", r.commitment_info.as_ref(), |c| {
            Obj::new()
                .opt("CommittedInstanceCount", c.committed_instance_count, |v| {
                    json!(v)
                })
                .opt("CommitmentEndDate", ts(&c.commitment_end_date), |v| v)
                .opt("CommitmentDuration", c.commitment_duration, |v| json!(v))
                .done()
        })
        .opt("DeliveryPreference", r.delivery_preference.as_ref(), |v| {
            e(v.as_str())
        })
        .s("CapacityBlockId", &r.capacity_block_id)
        .opt("Interruptible", r.interruptible, |v| json!(v))
        .opt(
            "InterruptibleCapacityAllocation",
            r.interruptible_capacity_allocation.as_ref(),
            allocation,
        )
        .opt(
            "InterruptionInfo",
            r.interruption_info.as_ref(),
            interruption,
        )
        .opt("AdjustmentStatus", r.adjustment_status.as_ref(), |v| {
            e(v.as_str())
        })
        .opt("AdjustmentDetails", r.adjustment_details.as_ref(), |d| {
            Obj::new()
                .opt("StartDate", ts(&d.start_date), |v| v)
                .opt("EndDate", ts(&d.end_date), |v| v)
                .opt("CommitmentEndDate", ts(&d.commitment_end_date), |v| v)
                .s("EndDateType", &d.end_date_type)
                .opt("CommitmentDuration", d.commitment_duration, |v| json!(v))
                .done()
        })
        .opt("OriginalStartDate", ts(&r.original_start_date), |v| v)
        .opt("ZeroSizePreference", r.zero_size_preference.as_ref(), |v| {
            e(v.as_str())
        })
        .opt("LaunchStatus", r.launch_status.as_ref(), |v| e(v.as_str()))
        .done()
}

fn amount(a: &Option<Amount>, mode: Amounts) -> Option<Value> {
    a.as_ref().map(|a| figure(a, mode))
}

fn figure(a: &Amount, mode: Amounts) -> Value {
    match mode {
        Amounts::Text => json!(a.text.as_str()),
        Amounts::Value => json!(a.value),
    }
}

/// An object of figures, from its members as AWS names them (`ReservationAggregates::figures`
/// and the like).
fn figures<'a>(
    members: impl Iterator<Item = (&'static str, Option<&'a Amount>)>,
    m: Amounts,
) -> Value {
    members
        .fold(Obj::new(), |o, (name, a)| o.opt(name, a, |a| figure(a, m)))
        .done()
}

fn interval(tp: &DateInterval) -> Value {
    json!({"Start": tp.start, "End": tp.end})
}

fn coverage(c: &Coverage, m: Amounts) -> Value {
    Obj::new()
        .opt("CoverageHours", c.coverage_hours.as_ref(), |h| {
            Obj::new()
                .opt("OnDemandHours", amount(&h.on_demand_hours, m), |v| v)
                .opt("ReservedHours", amount(&h.reserved_hours, m), |v| v)
                .opt(
                    "TotalRunningHours",
                    amount(&h.total_running_hours, m),
                    |v| v,
                )
                .opt(
                    "CoverageHoursPercentage",
                    amount(&h.coverage_hours_percentage, m),
                    |v| v,
                )
                .done()
        })
        .opt(
            "CoverageNormalizedUnits",
            c.coverage_normalized_units.as_ref(),
            |u| {
                Obj::new()
                    .opt(
                        "OnDemandNormalizedUnits",
                        amount(&u.on_demand_normalized_units, m),
                        |v| v,
                    )
                    .opt(
                        "ReservedNormalizedUnits",
                        amount(&u.reserved_normalized_units, m),
                        |v| v,
                    )
                    .opt(
                        "TotalRunningNormalizedUnits",
                        amount(&u.total_running_normalized_units, m),
                        |v| v,
                    )
                    .opt(
                        "CoverageNormalizedUnitsPercentage",
                        amount(&u.coverage_normalized_units_percentage, m),
                        |v| v,
                    )
                    .done()
            },
        )
        .opt("CoverageCost", c.coverage_cost.as_ref(), |k| {
            Obj::new()
                .opt("OnDemandCost", amount(&k.on_demand_cost, m), |v| v)
                .done()
        })
        .done()
}

pub fn reservation_coverage(p: &ReservationCoveragePage, m: Amounts) -> Value {
    let periods = p
        .coverages_by_time
        .iter()
        .map(|c| {
            Obj::new()
                .opt("TimePeriod", c.time_period.as_ref(), interval)
                .list(
                    "Groups",
                    c.groups
                        .iter()
                        .map(|g| {
                            Obj::new()
                                .opt("Attributes", Some(&g.attributes), attributes)
                                .opt("Coverage", g.coverage.as_ref(), |c| coverage(c, m))
                                .done()
                        })
                        .collect(),
                )
                .opt("Total", c.total.as_ref(), |t| coverage(t, m))
                .done()
        })
        .collect();
    Obj::new()
        .request_id(&p.request_id)
        .list("CoveragesByTime", periods)
        .opt("Total", p.total.as_ref(), |t| coverage(t, m))
        .s("NextPageToken", &p.next_page_token)
        .done()
}

pub fn reservation_utilization(p: &ReservationUtilizationPage, m: Amounts) -> Value {
    let aggregates = |a: &ReservationAggregates| figures(a.figures(), m);
    let periods = p
        .utilizations_by_time
        .iter()
        .map(|u| {
            let groups = u
                .groups
                .iter()
                .map(|g| {
                    Obj::new()
                        .s("Key", &g.key)
                        .s("Value", &g.value)
                        .opt("Attributes", Some(&g.attributes), attributes)
                        .opt("Utilization", g.utilization.as_ref(), aggregates)
                        .done()
                })
                .collect();
            Obj::new()
                .opt("TimePeriod", u.time_period.as_ref(), interval)
                .list("Groups", groups)
                .opt("Total", u.total.as_ref(), aggregates)
                .done()
        })
        .collect();
    Obj::new()
        .request_id(&p.request_id)
        .list("UtilizationsByTime", periods)
        .opt("Total", p.total.as_ref(), aggregates)
        .s("NextPageToken", &p.next_page_token)
        .done()
}

pub fn savings_plans_coverage(p: &SavingsPlansCoveragePage, m: Amounts) -> Value {
    let items = p
        .savings_plans_coverages
        .iter()
        .map(|c| {
            Obj::new()
                .opt("Attributes", Some(&c.attributes), attributes)
                .opt("Coverage", c.coverage.as_ref(), |d| figures(d.figures(), m))
                .opt("TimePeriod", c.time_period.as_ref(), interval)
                .done()
        })
        .collect();
    Obj::new()
        .request_id(&p.request_id)
        .list("SavingsPlansCoverages", items)
        .s("NextToken", &p.next_token)
        .done()
}

/// The members `SavingsPlansUtilizationByTime` and `SavingsPlansUtilizationAggregates` share.
fn utilization_members(
    o: Obj,
    utilization: &Option<SavingsPlansUtilization>,
    savings: &Option<SavingsPlansSavings>,
    amortized: &Option<SavingsPlansAmortizedCommitment>,
    m: Amounts,
) -> Obj {
    o.opt("Utilization", utilization.as_ref(), |u| {
        figures(u.figures(), m)
    })
    .opt("Savings", savings.as_ref(), |s| figures(s.figures(), m))
    .opt("AmortizedCommitment", amortized.as_ref(), |a| {
        figures(a.figures(), m)
    })
}

pub fn savings_plans_utilization(a: &SavingsPlansUtilizationAnswer, m: Amounts) -> Value {
    let periods = a
        .savings_plans_utilizations_by_time
        .iter()
        .map(|u| {
            let o = Obj::new().opt("TimePeriod", u.time_period.as_ref(), interval);
            utilization_members(o, &u.utilization, &u.savings, &u.amortized_commitment, m).done()
        })
        .collect();
    let t = &a.total;
    let total = utilization_members(
        Obj::new(),
        &t.utilization,
        &t.savings,
        &t.amortized_commitment,
        m,
    );
    Obj::new()
        .request_id(&a.request_id)
        .list("SavingsPlansUtilizationsByTime", periods)
        .opt("Total", Some(total), Obj::done)
        .done()
}

pub fn dimension_values(p: &DimensionValuesPage) -> Value {
    Obj::new()
        .request_id(&p.request_id)
        .list(
            "DimensionValues",
            p.dimension_values
                .iter()
                .map(|d| {
                    Obj::new()
                        .s("Value", &d.value)
                        .opt("Attributes", Some(&d.attributes), attributes)
                        .done()
                })
                .collect(),
        )
        .opt("ReturnSize", Some(p.return_size), |v| json!(v))
        .opt("TotalSize", Some(p.total_size), |v| json!(v))
        .s("NextPageToken", &p.next_page_token)
        .done()
}

fn attributes(a: &Attributes) -> Value {
    Value::Object(a.iter().map(|(k, v)| (k.to_owned(), json!(v))).collect())
}

pub fn caller_identity(c: &CallerIdentity) -> Value {
    Obj::new()
        .request_id(&c.request_id)
        .s("UserId", &c.user_id)
        .s("Account", &c.account)
        .s("Arn", &c.arn)
        .done()
}

/// `isoformat()` of an instant.
fn instant(t: &time::OffsetDateTime) -> Value {
    isoformat(&Timestamp {
        text: String::new(),
        value: *t,
    })
}

/// `isoformat()` of a timestamp kept as AWS's text.
fn stamp(text: &Option<String>) -> Option<Value> {
    text.as_deref()
        .map(|t| isoformat(&Timestamp::parse(t).expect("the parser checked it")))
}

pub fn capacity_manager_attributes(a: &CapacityManagerAttributes) -> Value {
    Obj::new()
        .request_id(&a.request_id)
        .opt("CapacityManagerStatus", a.status.as_ref(), |v| {
            json!(v.as_str())
        })
        .opt("OrganizationsAccess", a.organizations_access, |v| json!(v))
        .opt("DataExportCount", a.data_export_count, |v| json!(v))
        .opt("IngestionStatus", a.ingestion_status.as_ref(), |v| {
            json!(v.as_str())
        })
        .s("IngestionStatusMessage", &a.ingestion_status_message)
        .opt(
            "EarliestDatapointTimestamp",
            a.earliest_datapoint.as_ref(),
            instant,
        )
        .opt(
            "LatestDatapointTimestamp",
            a.latest_datapoint.as_ref(),
            instant,
        )
        .done()
}

fn capacity_manager_dimension(d: &CapacityManagerDimension) -> Value {
    Obj::new()
        .s("ResourceRegion", &d.resource_region)
        .s("AvailabilityZoneId", &d.availability_zone_id)
        .s("AccountId", &d.account_id)
        .s("AccountName", &d.account_name)
        .s("InstanceFamily", &d.instance_family)
        .s("InstanceType", &d.instance_type)
        .s("InstancePlatform", &d.instance_platform)
        .s("ReservationArn", &d.reservation_arn)
        .s("ReservationId", &d.reservation_id)
        .s("ReservationType", &d.reservation_type)
        .opt(
            "ReservationCreateTimestamp",
            stamp(&d.reservation_create_timestamp),
            |v| v,
        )
        .opt(
            "ReservationStartTimestamp",
            stamp(&d.reservation_start_timestamp),
            |v| v,
        )
        .opt(
            "ReservationEndTimestamp",
            stamp(&d.reservation_end_timestamp),
            |v| v,
        )
        .s("ReservationEndDateType", &d.reservation_end_date_type)
        .s("Tenancy", &d.tenancy)
        .s("ReservationState", &d.reservation_state)
        .s(
            "ReservationInstanceMatchCriteria",
            &d.reservation_instance_match_criteria,
        )
        .s(
            "ReservationUnusedFinancialOwner",
            &d.reservation_unused_financial_owner,
        )
        .list("Tags", key_values(&d.tags))
        .done()
}

/// The pages carry no request id; it is read beside them (`ec2_request_id`).
pub fn capacity_manager_metric_data(
    p: &CapacityManagerMetricDataPage,
    request_id: &Option<String>,
) -> Value {
    Obj::new()
        .request_id(request_id)
        .list(
            "MetricDataResults",
            p.results
                .iter()
                .map(|r| {
                    Obj::new()
                        .opt("Dimension", Some(&r.dimension), capacity_manager_dimension)
                        .opt("Timestamp", r.timestamp.as_ref(), instant)
                        .list(
                            "MetricValues",
                            r.metric_values
                                .iter()
                                .map(|v| {
                                    Obj::new()
                                        .opt("Metric", Some(&v.metric), |m| json!(m))
                                        .opt("Value", v.value, |v| json!(v))
                                        .done()
                                })
                                .collect(),
                        )
                        .done()
                })
                .collect(),
        )
        .s("NextToken", &p.next_token)
        .done()
}

pub fn capacity_manager_dimensions(
    p: &CapacityManagerDimensionsPage,
    request_id: &Option<String>,
) -> Value {
    Obj::new()
        .request_id(request_id)
        .list(
            "MetricDimensionResults",
            p.dimensions
                .iter()
                .map(capacity_manager_dimension)
                .collect(),
        )
        .s("NextToken", &p.next_token)
        .done()
}

fn messages(list: &[MessageData]) -> Vec<Value> {
    list.iter()
        .map(|m| Obj::new().s("Code", &m.code).s("Value", &m.value).done())
        .collect()
}

/// `GetMetricData`: timestamps as `isoformat()` of whole seconds.
pub fn metric_data(page: &MetricDataPage) -> Value {
    let results = page
        .metric_data_results
        .iter()
        .map(|r| {
            let stamps = r
                .timestamps
                .iter()
                .map(|t| {
                    let t = time::OffsetDateTime::from_unix_timestamp(*t).unwrap();
                    isoformat(&Timestamp {
                        value: t,
                        text: String::new(),
                    })
                })
                .collect();
            Obj::new()
                .s("Id", &Some(r.id.clone()))
                .s("Label", &r.label)
                .list("Timestamps", stamps)
                .list("Values", r.values.iter().map(|v| json!(v)).collect())
                .opt("StatusCode", r.status_code.as_ref(), |s| json!(s.as_str()))
                .list("Messages", messages(&r.messages))
                .done()
        })
        .collect();
    Obj::new()
        .list("MetricDataResults", results)
        .s("NextToken", &page.next_token)
        .list("Messages", messages(&page.messages))
        .done()
}
