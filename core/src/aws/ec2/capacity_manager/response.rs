//! Capacity Manager answers (ec2 query protocol, XML), member for member as the EC2 model
//! (botocore 1.44.5) defines them. Absent members are `None`; an absent list is empty.

use crate::aws::ce::Amount;
use crate::aws::ec2::response::success_document;
use crate::aws::ec2::ResourceTag;
use crate::aws::error::{AwsError, BadResponse, Problem};
use crate::aws::http::HttpResponse;
use crate::aws::xml::Node;
use crate::aws::xml::{self, Reader};
use time::OffsetDateTime;

/// `CapacityManagerStatus`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CapacityManagerStatus {
    /// `enabled`.
    Enabled,
    /// `disabled`.
    Disabled,
    /// A value this version does not know yet, exactly as AWS sent it.
    Other(String),
}

impl CapacityManagerStatus {
    /// Every value the model lists, in model order.
    pub const KNOWN: &'static [&'static str] = &["enabled", "disabled"];

    /// The value for AWS's text.
    pub fn from_wire(text: &str) -> Self {
        match text {
            "enabled" => Self::Enabled,
            "disabled" => Self::Disabled,
            other => Self::Other(other.to_owned()),
        }
    }

    /// AWS's text for this value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Enabled => "enabled",
            Self::Disabled => "disabled",
            Self::Other(text) => text,
        }
    }
}

/// `IngestionStatus`: how far Capacity Manager has read the account's data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IngestionStatus {
    /// `initial-ingestion-in-progress`: enabled recently; the first hours of data are loading.
    InitialIngestionInProgress,
    /// `ingestion-complete`.
    IngestionComplete,
    /// `ingestion-failed` (the message says why).
    IngestionFailed,
    /// A value this version does not know yet, exactly as AWS sent it.
    Other(String),
}

impl IngestionStatus {
    /// Every value the model lists, in model order.
    pub const KNOWN: &'static [&'static str] = &[
        "initial-ingestion-in-progress",
        "ingestion-complete",
        "ingestion-failed",
    ];

    /// The value for AWS's text.
    pub fn from_wire(text: &str) -> Self {
        match text {
            "initial-ingestion-in-progress" => Self::InitialIngestionInProgress,
            "ingestion-complete" => Self::IngestionComplete,
            "ingestion-failed" => Self::IngestionFailed,
            other => Self::Other(other.to_owned()),
        }
    }

    /// AWS's text for this value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::InitialIngestionInProgress => "initial-ingestion-in-progress",
            Self::IngestionComplete => "ingestion-complete",
            Self::IngestionFailed => "ingestion-failed",
            Self::Other(text) => text,
        }
    }
}

/// `GetCapacityManagerAttributesResult`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CapacityManagerAttributes {
    /// `requestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `capacityManagerStatus`.
    pub status: Option<CapacityManagerStatus>,
    /// Whether data of the whole organization is aggregated.
    pub organizations_access: Option<bool>,
    /// Active data export configurations.
    pub data_export_count: Option<i32>,
    pub ingestion_status: Option<IngestionStatus>,
    pub ingestion_status_message: Option<String>,
    /// `earliestDatapointTimestamp`: how far back data goes.
    pub earliest_datapoint: Option<OffsetDateTime>,
    /// `latestDatapointTimestamp`: how current the data is.
    pub latest_datapoint: Option<OffsetDateTime>,
}

/// `CapacityManagerDimension`: the dimension values of one row (only those grouped by are
/// set). Values stay AWS's text: they go back unchanged into `FilterBy` conditions.
/// Timestamps are checked to be timestamps, and kept as sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityManagerDimension {
    pub resource_region: Option<String>,
    pub availability_zone_id: Option<String>,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub instance_family: Option<String>,
    pub instance_type: Option<String>,
    pub instance_platform: Option<String>,
    pub reservation_arn: Option<String>,
    pub reservation_id: Option<String>,
    /// `capacity-block` or `odcr` (model `ReservationType`).
    pub reservation_type: Option<String>,
    pub reservation_create_timestamp: Option<String>,
    pub reservation_start_timestamp: Option<String>,
    pub reservation_end_timestamp: Option<String>,
    /// `limited` or `unlimited`.
    pub reservation_end_date_type: Option<String>,
    /// `default` or `dedicated`.
    pub tenancy: Option<String>,
    /// Model `ReservationState` (`active`, `expired`, ...).
    pub reservation_state: Option<String>,
    pub reservation_instance_match_criteria: Option<String>,
    pub reservation_unused_financial_owner: Option<String>,
    /// `tagSet`: the reservation's monitored tags.
    pub tags: Vec<ResourceTag>,
}

/// `MetricValue`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityManagerMetricValue {
    /// The metric's name (a [`super::CAPACITY_MANAGER_METRICS`] value, or a newer one).
    pub metric: String,
    /// Absent when AWS sends no value.
    pub value: Option<f64>,
}

/// `MetricDataResult`: the metrics of one dimension combination at one time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityManagerMetricRow {
    pub dimension: CapacityManagerDimension,
    pub timestamp: Option<OffsetDateTime>,
    /// `metricValueSet`.
    pub metric_values: Vec<CapacityManagerMetricValue>,
}

/// `GetCapacityManagerMetricDataResult`: one page of rows. The request id is read with
/// [`ec2_request_id`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityManagerMetricDataPage {
    /// `metricDataResultSet`.
    pub results: Vec<CapacityManagerMetricRow>,
    /// `nextToken`: present while more pages remain.
    pub next_token: Option<String>,
}

/// `GetCapacityManagerMetricDimensionsResult`: one page of dimension combinations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapacityManagerDimensionsPage {
    /// `metricDimensionResultSet`.
    pub dimensions: Vec<CapacityManagerDimension>,
    /// `nextToken`: present while more pages remain.
    pub next_token: Option<String>,
}

/// Whether an EC2 error code means Capacity Manager is not enabled in the account (the app
/// then offers to check `GetCapacityManagerAttributes` instead of showing a failure).
///
/// Source: neither botocore 1.44.5's EC2 model (it lists no errors for EC2) nor the EC2 API
/// reference's error-code list nor the operations' pages name a Capacity Manager code, and
/// terraform-provider-aws has no Capacity Manager resource yet (issue #45827). So this
/// matches the codes EC2 uses for a feature that is switched off: a code naming Capacity
/// Manager with `NotEnabled`/`Disabled`/`NotActive`/`NotFound`, and `OperationNotPermitted`
/// / `IncorrectState` whose code names Capacity Manager. The reliable test stays
/// `GetCapacityManagerAttributes`' `capacityManagerStatus`.
pub fn is_capacity_manager_disabled(code: &str) -> bool {
    let code = code.strip_prefix("Client.").unwrap_or(code);
    let lower = code.to_ascii_lowercase();
    lower.contains("capacitymanager")
        && [
            "notenabled",
            "disabled",
            "notactive",
            "notfound",
            "incorrectstate",
            "notpermitted",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// `requestId` of an EC2 answer, for AWS Support (the pages above leave it out).
pub fn ec2_request_id(resp: &HttpResponse) -> Option<String> {
    let doc = xml::parse(&resp.body).ok()?;
    xml::child_text(doc.root_element(), "requestId")
}

/// Parse a `GetCapacityManagerAttributes` answer.
pub fn parse_get_capacity_manager_attributes(
    resp: &HttpResponse,
) -> Result<CapacityManagerAttributes, AwsError> {
    let doc = success_document(resp, "GetCapacityManagerAttributesResponse")?;
    let r = Reader::new(doc.root_element(), "", resp.status);
    let instant = |element: &str, member: &str| -> Result<Option<OffsetDateTime>, BadResponse> {
        Ok(r.timestamp(element, member)?.map(|t| t.value))
    };
    Ok(CapacityManagerAttributes {
        request_id: r.string("requestId"),
        status: r
            .string("capacityManagerStatus")
            .map(|s| CapacityManagerStatus::from_wire(&s)),
        organizations_access: r.boolean("organizationsAccess", "OrganizationsAccess")?,
        data_export_count: r
            .count("dataExportCount", "DataExportCount")?
            .map(|n| n as i32),
        ingestion_status: r
            .string("ingestionStatus")
            .map(|s| IngestionStatus::from_wire(&s)),
        ingestion_status_message: r.string("ingestionStatusMessage"),
        earliest_datapoint: instant("earliestDatapointTimestamp", "EarliestDatapointTimestamp")?,
        latest_datapoint: instant("latestDatapointTimestamp", "LatestDatapointTimestamp")?,
    })
}

/// Parse a `GetCapacityManagerMetricData` answer.
pub fn parse_get_capacity_manager_metric_data(
    resp: &HttpResponse,
) -> Result<CapacityManagerMetricDataPage, AwsError> {
    let doc = success_document(resp, "GetCapacityManagerMetricDataResponse")?;
    let root = doc.root_element();
    let mut results = Vec::new();
    for (i, item) in xml::list_items(root, "metricDataResultSet", "item").enumerate() {
        let path = format!("MetricDataResults[{i}]");
        let r = Reader::new(item, &path, resp.status);
        let dimension = match xml::child(item, "dimension") {
            Some(node) => dimension(node, &format!("{path}.Dimension"), resp.status)?,
            None => CapacityManagerDimension::default(),
        };
        let mut metric_values = Vec::new();
        for (j, v) in xml::list_items(item, "metricValueSet", "item").enumerate() {
            let value_path = format!("{path}.MetricValues[{j}]");
            metric_values.push(CapacityManagerMetricValue {
                metric: xml::child_text(v, "metric").unwrap_or_default(),
                value: double(v, "value", &format!("{value_path}.Value"), resp.status)?,
            });
        }
        results.push(CapacityManagerMetricRow {
            dimension,
            timestamp: r.timestamp("timestamp", "Timestamp")?.map(|t| t.value),
            metric_values,
        });
    }
    Ok(CapacityManagerMetricDataPage {
        results,
        next_token: xml::child_text(root, "nextToken"),
    })
}

/// Parse a `GetCapacityManagerMetricDimensions` answer.
pub fn parse_get_capacity_manager_metric_dimensions(
    resp: &HttpResponse,
) -> Result<CapacityManagerDimensionsPage, AwsError> {
    let doc = success_document(resp, "GetCapacityManagerMetricDimensionsResponse")?;
    let root = doc.root_element();
    let mut dimensions = Vec::new();
    for (i, item) in xml::list_items(root, "metricDimensionResultSet", "item").enumerate() {
        dimensions.push(dimension(
            item,
            &format!("MetricDimensionResults[{i}]"),
            resp.status,
        )?);
    }
    Ok(CapacityManagerDimensionsPage {
        dimensions,
        next_token: xml::child_text(root, "nextToken"),
    })
}

fn dimension(
    node: Node<'_, '_>,
    path: &str,
    status: u16,
) -> Result<CapacityManagerDimension, BadResponse> {
    let r = Reader::new(node, path, status);
    let stamp = |element: &str, member: &str| -> Result<Option<String>, BadResponse> {
        Ok(r.timestamp(element, member)?.map(|t| t.text))
    };
    Ok(CapacityManagerDimension {
        resource_region: r.string("resourceRegion"),
        availability_zone_id: r.string("availabilityZoneId"),
        account_id: r.string("accountId"),
        account_name: r.string("accountName"),
        instance_family: r.string("instanceFamily"),
        instance_type: r.string("instanceType"),
        instance_platform: r.string("instancePlatform"),
        reservation_arn: r.string("reservationArn"),
        reservation_id: r.string("reservationId"),
        reservation_type: r.string("reservationType"),
        reservation_create_timestamp: stamp(
            "reservationCreateTimestamp",
            "ReservationCreateTimestamp",
        )?,
        reservation_start_timestamp: stamp(
            "reservationStartTimestamp",
            "ReservationStartTimestamp",
        )?,
        reservation_end_timestamp: stamp("reservationEndTimestamp", "ReservationEndTimestamp")?,
        reservation_end_date_type: r.string("reservationEndDateType"),
        tenancy: r.string("tenancy"),
        reservation_state: r.string("reservationState"),
        reservation_instance_match_criteria: r.string("reservationInstanceMatchCriteria"),
        reservation_unused_financial_owner: r.string("reservationUnusedFinancialOwner"),
        tags: xml::list_items(node, "tagSet", "item")
            .map(|t| ResourceTag {
                key: xml::child_text(t, "key"),
                value: xml::child_text(t, "value"),
            })
            .collect(),
    })
}

/// A `Double` member, read as Python's `float()` reads it (correctly rounded).
fn double(
    node: Node<'_, '_>,
    element: &str,
    field: &str,
    status: u16,
) -> Result<Option<f64>, BadResponse> {
    let Some(text) = xml::child_text(node, element) else {
        return Ok(None);
    };
    match Amount::parse(text.trim(), false) {
        Some(a) => Ok(Some(a.value)),
        None => Err(BadResponse::new(
            status,
            Problem::NotANumber {
                field: field.to_owned(),
                text,
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_codes() {
        for code in [
            "CapacityManagerNotEnabled",
            "Client.CapacityManagerNotEnabled",
            "CapacityManager.Disabled",
            "InvalidCapacityManager.NotFound",
            "CapacityManager.IncorrectState",
        ] {
            assert!(is_capacity_manager_disabled(code), "{code}");
        }
        for code in [
            "UnauthorizedOperation",
            "InvalidParameterValue",
            "OptInRequired",
            "IncorrectState",
            "CapacityManagerThrottled",
        ] {
            assert!(!is_capacity_manager_disabled(code), "{code}");
        }
    }

    #[test]
    fn enums_keep_unknown_text() {
        assert_eq!(
            CapacityManagerStatus::from_wire("enabled"),
            CapacityManagerStatus::Enabled
        );
        assert_eq!(CapacityManagerStatus::from_wire("x").as_str(), "x");
        for text in IngestionStatus::KNOWN {
            assert_eq!(IngestionStatus::from_wire(text).as_str(), *text);
        }
        assert_eq!(
            IngestionStatus::from_wire("paused"),
            IngestionStatus::Other("paused".into())
        );
    }
}
