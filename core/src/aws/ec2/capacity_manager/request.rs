//! Capacity Manager requests: `GetCapacityManagerAttributes`, `GetCapacityManagerMetricData`
//! and `GetCapacityManagerMetricDimensions`, written as botocore 1.44.5's EC2 serializer
//! writes them (model member order, lists as `Name.N`, timestamps ISO 8601 in UTC).
//!
//! Checked before sending, so a request AWS would refuse is never sent: the limits are the
//! model's (`MetricSet` and `GroupBySet` sizes, `Period` min 3600, `ConditionValue` max 300)
//! and the operations' documentation (at most 10 metrics for metric data and 1 for
//! dimensions; MaxResults 1..=100000 and 1..=1000; the range a whole number of periods).

use crate::aws::credentials::Credentials;
use crate::aws::ec2::EC2_API_VERSION;
use crate::aws::endpoint::ResolvedEndpoint;
use crate::aws::http::HttpRequest;
use crate::aws::input::{check_count, check_len, check_range, BuildError, InputError};
use crate::aws::query::{QueryProtocol, QueryValue, QueryWriter};
use std::time::SystemTime;
use time::{OffsetDateTime, UtcOffset};

/// The `Comparison` values of a condition, in model order.
pub const CAPACITY_MANAGER_COMPARISONS: &[&str] = &["equals", "in"];

/// Every `Metric` value of the EC2 model (botocore 1.44.5), in model order.
pub const CAPACITY_MANAGER_METRICS: &[&str] = &[
    "reservation-total-capacity-hrs-vcpu",
    "reservation-total-capacity-hrs-inst",
    "reservation-max-size-vcpu",
    "reservation-max-size-inst",
    "reservation-min-size-vcpu",
    "reservation-min-size-inst",
    "reservation-unused-total-capacity-hrs-vcpu",
    "reservation-unused-total-capacity-hrs-inst",
    "reservation-unused-total-estimated-cost",
    "reservation-max-unused-size-vcpu",
    "reservation-max-unused-size-inst",
    "reservation-min-unused-size-vcpu",
    "reservation-min-unused-size-inst",
    "reservation-max-utilization",
    "reservation-min-utilization",
    "reservation-avg-utilization-vcpu",
    "reservation-avg-utilization-inst",
    "reservation-total-count",
    "reservation-total-estimated-cost",
    "reservation-avg-future-size-vcpu",
    "reservation-avg-future-size-inst",
    "reservation-min-future-size-vcpu",
    "reservation-min-future-size-inst",
    "reservation-max-future-size-vcpu",
    "reservation-max-future-size-inst",
    "reservation-avg-committed-size-vcpu",
    "reservation-avg-committed-size-inst",
    "reservation-max-committed-size-vcpu",
    "reservation-max-committed-size-inst",
    "reservation-min-committed-size-vcpu",
    "reservation-min-committed-size-inst",
    "reserved-total-usage-hrs-vcpu",
    "reserved-total-usage-hrs-inst",
    "reserved-total-estimated-cost",
    "unreserved-total-usage-hrs-vcpu",
    "unreserved-total-usage-hrs-inst",
    "unreserved-total-estimated-cost",
    "spot-total-usage-hrs-vcpu",
    "spot-total-usage-hrs-inst",
    "spot-total-estimated-cost",
    "spot-avg-run-time-before-interruption-inst",
    "spot-max-run-time-before-interruption-inst",
    "spot-min-run-time-before-interruption-inst",
    "spot-total-interruptions-inst",
    "spot-total-interruptions-vcpu",
    "spot-total-count-inst",
    "spot-total-count-vcpu",
    "spot-interruption-rate-inst",
    "spot-interruption-rate-vcpu",
    "capacity-total-requested-vcpu",
    "capacity-total-fulfilled-vcpu",
    "spot-capacity-total-requested-vcpu",
    "spot-capacity-total-fulfilled-vcpu",
    "capacity-request-fulfillment-rate",
    "avg-inst-az-count-per-requested-vcpu",
    "inst-az-fulfillment-rate",
    "spot-capacity-request-fulfillment-rate",
    "spot-avg-inst-az-count-per-requested-vcpu",
    "spot-inst-az-fulfillment-rate",
];

/// Every `GroupBy` value of the EC2 model, in model order (`FilterByDimension` lists the same
/// values, so these are also the dimensions a condition may name).
pub const CAPACITY_MANAGER_DIMENSIONS: &[&str] = &[
    "resource-region",
    "availability-zone-id",
    "account-id",
    "account-name",
    "instance-family",
    "instance-type",
    "instance-platform",
    "reservation-arn",
    "reservation-id",
    "reservation-type",
    "reservation-create-timestamp",
    "reservation-start-timestamp",
    "reservation-end-timestamp",
    "reservation-end-date-type",
    "tenancy",
    "reservation-state",
    "reservation-instance-match-criteria",
    "reservation-unused-financial-owner",
];

/// `GetCapacityManagerAttributes`: whether Capacity Manager is on, and how far its data goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetCapacityManagerAttributesInput {
    /// Only check permissions (AWS answers `DryRunOperation` or `UnauthorizedOperation`).
    pub dry_run: Option<bool>,
}

/// A `CapacityManagerCondition` of `FilterBy`. On the wire it is the model's
/// `DimensionCondition` inside it: `FilterBy.N.DimensionCondition.Dimension`,
/// `.Comparison` and `.Value.M`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CapacityManagerCondition {
    /// A dimension name (one of [`CAPACITY_MANAGER_DIMENSIONS`]).
    pub dimension: String,
    /// `equals` (only the first value counts, says the API reference) or `in`.
    pub comparison: String,
    /// The values to match, at most 10, each at most 300 characters.
    pub values: Vec<String>,
}

/// `GetCapacityManagerMetricData`: metric time series, grouped and filtered by dimensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetCapacityManagerMetricDataInput {
    /// 1 to 10 metric names (`MetricName.N`), each one of [`CAPACITY_MANAGER_METRICS`].
    pub metric_names: Vec<String>,
    /// The start of the range.
    pub start_time: OffsetDateTime,
    /// The end of the range; the range must be a whole number of periods.
    pub end_time: OffsetDateTime,
    /// Seconds per data point: a whole number of hours.
    pub period: i32,
    /// Up to 20 dimensions (`GroupBy.N`).
    pub group_by: Vec<String>,
    /// Up to 20 conditions (`FilterBy.N`), AND'ed.
    pub filter_by: Vec<CapacityManagerCondition>,
    /// Data points per page, 1 to 100000.
    pub max_results: Option<i32>,
    /// The token of the next page, from the previous answer.
    pub next_token: Option<String>,
    /// Only check permissions.
    pub dry_run: Option<bool>,
}

impl GetCapacityManagerMetricDataInput {
    /// The required members; the rest empty.
    pub fn new(
        metric_names: Vec<String>,
        start_time: OffsetDateTime,
        end_time: OffsetDateTime,
        period: i32,
    ) -> Self {
        Self {
            metric_names,
            start_time,
            end_time,
            period,
            group_by: Vec::new(),
            filter_by: Vec::new(),
            max_results: None,
            next_token: None,
            dry_run: None,
        }
    }
}

/// `GetCapacityManagerMetricDimensions`: which dimension values have data in a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetCapacityManagerMetricDimensionsInput {
    /// 1 to 20 dimensions whose value combinations are listed (`GroupBy.N`). Required.
    pub group_by: Vec<String>,
    /// Up to 20 conditions (`FilterBy.N`).
    pub filter_by: Vec<CapacityManagerCondition>,
    /// The start of the range.
    pub start_time: OffsetDateTime,
    /// The end of the range.
    pub end_time: OffsetDateTime,
    /// Exactly one metric name for now ("maximum size of 1 for v1", says the model).
    pub metric_names: Vec<String>,
    /// Combinations per page, 1 to 1000.
    pub max_results: Option<i32>,
    /// The token of the next page, from the previous answer.
    pub next_token: Option<String>,
    /// Only check permissions.
    pub dry_run: Option<bool>,
}

impl GetCapacityManagerMetricDimensionsInput {
    /// The required members; the rest empty.
    pub fn new(
        group_by: Vec<String>,
        start_time: OffsetDateTime,
        end_time: OffsetDateTime,
        metric_names: Vec<String>,
    ) -> Self {
        Self {
            group_by,
            filter_by: Vec::new(),
            start_time,
            end_time,
            metric_names,
            max_results: None,
            next_token: None,
            dry_run: None,
        }
    }
}

/// The form body of `GetCapacityManagerAttributes`.
pub fn get_capacity_manager_attributes_body(
    input: &GetCapacityManagerAttributesInput,
) -> Result<String, InputError> {
    let mut q = QueryWriter::new("GetCapacityManagerAttributes", EC2_API_VERSION);
    if let Some(dry_run) = input.dry_run {
        q.bool_param("DryRun", dry_run);
    }
    Ok(q.finish())
}

/// The form body of `GetCapacityManagerMetricData`, after checking the input.
pub fn get_capacity_manager_metric_data_body(
    input: &GetCapacityManagerMetricDataInput,
) -> Result<String, InputError> {
    check_names(
        "MetricNames",
        &input.metric_names,
        10,
        CAPACITY_MANAGER_METRICS,
    )?;
    check_range_of_times(input.start_time, input.end_time)?;
    if input.period < 3600 || input.period % 3600 != 0 {
        return Err(InputError::NotWholeHours {
            field: "Period",
            value: input.period,
        });
    }
    let nanos = (input.end_time - input.start_time).whole_nanoseconds();
    if nanos % (i128::from(input.period) * 1_000_000_000) != 0 {
        return Err(InputError::NotWholePeriods {
            seconds: (input.end_time - input.start_time).whole_seconds(),
            period: input.period,
        });
    }
    check_group_by(&input.group_by, false)?;
    check_conditions(&input.filter_by)?;
    check_range("MaxResults", input.max_results, 1, 100_000)?;
    // Model order: MetricNames (locationName MetricName), StartTime, EndTime, Period, GroupBy,
    // FilterBy, MaxResults, NextToken, DryRun.
    let mut q = QueryWriter::new("GetCapacityManagerMetricData", EC2_API_VERSION);
    q.value(
        "MetricName",
        &texts(&input.metric_names),
        QueryProtocol::Ec2,
    );
    q.param("StartTime", &iso8601(input.start_time));
    q.param("EndTime", &iso8601(input.end_time));
    q.int_param("Period", input.period.into());
    q.value("GroupBy", &texts(&input.group_by), QueryProtocol::Ec2);
    q.value(
        "FilterBy",
        &conditions(&input.filter_by),
        QueryProtocol::Ec2,
    );
    if let Some(n) = input.max_results {
        q.int_param("MaxResults", n.into());
    }
    if let Some(token) = &input.next_token {
        q.param("NextToken", token);
    }
    if let Some(dry_run) = input.dry_run {
        q.bool_param("DryRun", dry_run);
    }
    Ok(q.finish())
}

/// The form body of `GetCapacityManagerMetricDimensions`, after checking the input.
pub fn get_capacity_manager_metric_dimensions_body(
    input: &GetCapacityManagerMetricDimensionsInput,
) -> Result<String, InputError> {
    check_group_by(&input.group_by, true)?;
    check_conditions(&input.filter_by)?;
    check_range_of_times(input.start_time, input.end_time)?;
    check_names(
        "MetricNames",
        &input.metric_names,
        1,
        CAPACITY_MANAGER_METRICS,
    )?;
    check_range("MaxResults", input.max_results, 1, 1000)?;
    // Model order: GroupBy, FilterBy, StartTime, EndTime, MetricNames (locationName
    // MetricName), MaxResults, NextToken, DryRun.
    let mut q = QueryWriter::new("GetCapacityManagerMetricDimensions", EC2_API_VERSION);
    q.value("GroupBy", &texts(&input.group_by), QueryProtocol::Ec2);
    q.value(
        "FilterBy",
        &conditions(&input.filter_by),
        QueryProtocol::Ec2,
    );
    q.param("StartTime", &iso8601(input.start_time));
    q.param("EndTime", &iso8601(input.end_time));
    q.value(
        "MetricName",
        &texts(&input.metric_names),
        QueryProtocol::Ec2,
    );
    if let Some(n) = input.max_results {
        q.int_param("MaxResults", n.into());
    }
    if let Some(token) = &input.next_token {
        q.param("NextToken", token);
    }
    if let Some(dry_run) = input.dry_run {
        q.bool_param("DryRun", dry_run);
    }
    Ok(q.finish())
}

/// 1 to `max` names, each one of `known`.
fn check_names(
    field: &'static str,
    names: &[String],
    max: usize,
    known: &[&str],
) -> Result<(), InputError> {
    if names.is_empty() {
        return Err(InputError::Missing { field });
    }
    check_count(field, names.len(), max)?;
    check_known(field, names, known)
}

fn check_known(field: &'static str, names: &[String], known: &[&str]) -> Result<(), InputError> {
    match names.iter().find(|n| !known.contains(&n.as_str())) {
        Some(unknown) => Err(InputError::UnknownValue {
            field,
            value: unknown.clone(),
        }),
        None => Ok(()),
    }
}

fn check_group_by(group_by: &[String], required: bool) -> Result<(), InputError> {
    if required && group_by.is_empty() {
        return Err(InputError::Missing { field: "GroupBy" });
    }
    check_count("GroupBy", group_by.len(), 20)?;
    check_known("GroupBy", group_by, CAPACITY_MANAGER_DIMENSIONS)
}

fn check_conditions(conditions: &[CapacityManagerCondition]) -> Result<(), InputError> {
    check_count("FilterBy", conditions.len(), 20)?;
    for c in conditions {
        check_known(
            "FilterBy.DimensionCondition.Dimension",
            std::slice::from_ref(&c.dimension),
            CAPACITY_MANAGER_DIMENSIONS,
        )?;
        check_known(
            "FilterBy.DimensionCondition.Comparison",
            std::slice::from_ref(&c.comparison),
            CAPACITY_MANAGER_COMPARISONS,
        )?;
        if c.values.is_empty() {
            return Err(InputError::Missing {
                field: "FilterBy.DimensionCondition.Values",
            });
        }
        check_count("FilterBy.DimensionCondition.Values", c.values.len(), 10)?;
        for v in &c.values {
            check_len("FilterBy.DimensionCondition.Values", Some(v), 300)?;
        }
    }
    Ok(())
}

fn check_range_of_times(start: OffsetDateTime, end: OffsetDateTime) -> Result<(), InputError> {
    if start >= end {
        return Err(InputError::NotBefore {
            field: "StartTime",
            other: "EndTime",
        });
    }
    Ok(())
}

fn texts(items: &[String]) -> QueryValue {
    QueryValue::List(items.iter().map(|s| QueryValue::Text(s.clone())).collect())
}

fn conditions(items: &[CapacityManagerCondition]) -> QueryValue {
    QueryValue::List(
        items
            .iter()
            .map(|c| {
                QueryValue::Struct(vec![(
                    "DimensionCondition".into(),
                    QueryValue::Struct(vec![
                        ("Dimension".into(), QueryValue::Text(c.dimension.clone())),
                        ("Comparison".into(), QueryValue::Text(c.comparison.clone())),
                        ("Value".into(), texts(&c.values)),
                    ]),
                )])
            })
            .collect(),
    )
}

/// botocore's `_timestamp_iso8601`: UTC, `%Y-%m-%dT%H:%M:%SZ`, with `.%f` (microseconds,
/// the rest truncated) when the instant has a fraction of a second.
pub(crate) fn iso8601(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let micros = t.microsecond();
    let fraction = if micros == 0 {
        String::new()
    } else {
        format!(".{micros:06}")
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A signed `GetCapacityManagerAttributes` request.
pub fn get_capacity_manager_attributes(
    input: &GetCapacityManagerAttributesInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// A signed `GetCapacityManagerMetricData` request.
pub fn get_capacity_manager_metric_data(
    input: &GetCapacityManagerMetricDataInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

/// A signed `GetCapacityManagerMetricDimensions` request.
pub fn get_capacity_manager_metric_dimensions(
    input: &GetCapacityManagerMetricDimensionsInput,
    endpoint: &ResolvedEndpoint,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, BuildError> {
    crate::aws::operation::Operation::request(input, endpoint, credentials, time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn data() -> GetCapacityManagerMetricDataInput {
        GetCapacityManagerMetricDataInput::new(
            vec!["reservation-avg-utilization-inst".into()],
            datetime!(2026-03-01 00:00 UTC),
            datetime!(2026-03-02 00:00 UTC),
            3600,
        )
    }

    fn dimensions() -> GetCapacityManagerMetricDimensionsInput {
        GetCapacityManagerMetricDimensionsInput::new(
            vec!["resource-region".into()],
            datetime!(2026-03-01 00:00 UTC),
            datetime!(2026-03-02 00:00 UTC),
            vec!["reservation-avg-utilization-inst".into()],
        )
    }

    fn condition(dimension: &str, comparison: &str, n: usize) -> CapacityManagerCondition {
        CapacityManagerCondition {
            dimension: dimension.into(),
            comparison: comparison.into(),
            values: (0..n).map(|i| format!("v{i}")).collect(),
        }
    }

    #[test]
    fn the_model_lists_are_complete() {
        assert_eq!(CAPACITY_MANAGER_METRICS.len(), 59);
        assert_eq!(CAPACITY_MANAGER_DIMENSIONS.len(), 18);
        assert_eq!(
            CAPACITY_MANAGER_METRICS[0],
            "reservation-total-capacity-hrs-vcpu"
        );
    }

    #[test]
    fn metric_names_are_checked() {
        let body = get_capacity_manager_metric_data_body;
        let mut i = data();
        i.metric_names.clear();
        assert_eq!(
            body(&i),
            Err(InputError::Missing {
                field: "MetricNames"
            })
        );
        i.metric_names = CAPACITY_MANAGER_METRICS[..11]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            body(&i),
            Err(InputError::TooMany {
                field: "MetricNames",
                count: 11,
                max: 10
            })
        );
        i.metric_names = vec!["reservation-avg-utilization-inst".into(), "cpu".into()];
        assert_eq!(
            body(&i),
            Err(InputError::UnknownValue {
                field: "MetricNames",
                value: "cpu".into()
            })
        );
        let mut d = dimensions();
        d.metric_names.push("reservation-total-count".into());
        assert_eq!(
            get_capacity_manager_metric_dimensions_body(&d),
            Err(InputError::TooMany {
                field: "MetricNames",
                count: 2,
                max: 1
            })
        );
    }

    #[test]
    fn times_and_periods_are_checked() {
        let body = get_capacity_manager_metric_data_body;
        let mut i = data();
        i.end_time = i.start_time;
        assert_eq!(
            body(&i),
            Err(InputError::NotBefore {
                field: "StartTime",
                other: "EndTime"
            })
        );
        let mut i = data();
        for period in [0, 1800, 5400, -3600] {
            i.period = period;
            assert_eq!(
                body(&i),
                Err(InputError::NotWholeHours {
                    field: "Period",
                    value: period
                })
            );
        }
        i.period = 7 * 3600;
        assert_eq!(
            body(&i),
            Err(InputError::NotWholePeriods {
                seconds: 86_400,
                period: 25_200
            })
        );
        i.period = 86_400;
        assert!(body(&i).is_ok());
        let mut d = dimensions();
        d.start_time = d.end_time + time::Duration::SECOND;
        assert!(matches!(
            get_capacity_manager_metric_dimensions_body(&d),
            Err(InputError::NotBefore { .. })
        ));
    }

    #[test]
    fn group_by_and_conditions_are_checked() {
        let body = get_capacity_manager_metric_data_body;
        let mut i = data();
        i.group_by = vec!["region".into()];
        assert_eq!(
            body(&i),
            Err(InputError::UnknownValue {
                field: "GroupBy",
                value: "region".into()
            })
        );
        i.group_by = vec!["tenancy".into(); 21];
        assert_eq!(
            body(&i),
            Err(InputError::TooMany {
                field: "GroupBy",
                count: 21,
                max: 20
            })
        );
        let mut d = dimensions();
        d.group_by.clear();
        assert_eq!(
            get_capacity_manager_metric_dimensions_body(&d),
            Err(InputError::Missing { field: "GroupBy" })
        );
        let mut i = data();
        i.filter_by = vec![condition("tenancy", "in", 1); 21];
        assert!(matches!(
            body(&i),
            Err(InputError::TooMany {
                field: "FilterBy",
                ..
            })
        ));
        i.filter_by = vec![condition("tenancy", "like", 1)];
        assert!(matches!(
            body(&i),
            Err(InputError::UnknownValue {
                field: "FilterBy.DimensionCondition.Comparison",
                ..
            })
        ));
        i.filter_by = vec![condition("az", "in", 1)];
        assert!(matches!(
            body(&i),
            Err(InputError::UnknownValue {
                field: "FilterBy.DimensionCondition.Dimension",
                ..
            })
        ));
        i.filter_by = vec![condition("tenancy", "in", 11)];
        assert!(matches!(
            body(&i),
            Err(InputError::TooMany { count: 11, .. })
        ));
        i.filter_by = vec![condition("tenancy", "in", 0)];
        assert!(matches!(body(&i), Err(InputError::Missing { .. })));
        i.filter_by = vec![CapacityManagerCondition {
            values: vec!["x".repeat(301)],
            ..condition("account-name", "equals", 0)
        }];
        assert!(matches!(
            body(&i),
            Err(InputError::TooLong { length: 301, .. })
        ));
    }

    #[test]
    fn max_results_ranges_differ_per_action() {
        let mut i = data();
        i.max_results = Some(100_000);
        assert!(get_capacity_manager_metric_data_body(&i).is_ok());
        i.max_results = Some(100_001);
        assert!(matches!(
            get_capacity_manager_metric_data_body(&i),
            Err(InputError::OutOfRange { max: 100_000, .. })
        ));
        i.max_results = Some(0);
        assert!(get_capacity_manager_metric_data_body(&i).is_err());
        let mut d = dimensions();
        d.max_results = Some(1001);
        assert!(matches!(
            get_capacity_manager_metric_dimensions_body(&d),
            Err(InputError::OutOfRange { max: 1000, .. })
        ));
    }

    #[test]
    fn timestamps_are_written_as_botocore_writes_them() {
        assert_eq!(
            iso8601(datetime!(2026-03-01 01:00 +01:00)),
            "2026-03-01T00:00:00Z"
        );
        assert_eq!(
            iso8601(datetime!(2026-03-01 00:00:00.250_000_999 UTC)),
            "2026-03-01T00:00:00.250000Z"
        );
    }
}
