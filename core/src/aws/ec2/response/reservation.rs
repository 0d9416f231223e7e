//! `DescribeCapacityReservations`: every `CapacityReservation` member of the EC2 model.

use super::enums::*;
use super::{interruptible_allocation, interruption_info, success_document};
use super::{InterruptibleCapacityAllocation, InterruptionInfo};
use crate::aws::error::{AwsError, BadResponse};
use crate::aws::http::HttpResponse;
use crate::aws::xml::Node;
use crate::aws::xml::{self, Reader, Timestamp};

/// `DescribeCapacityReservationsResult`: one page of reservations.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CapacityReservationsPage {
    /// `requestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `nextToken`: present (and non-empty) while more pages remain.
    pub next_token: Option<String>,
    /// `capacityReservationSet`.
    pub capacity_reservations: Vec<CapacityReservation>,
}

/// `CapacityReservation`, all 37 members. Timestamps keep AWS's text beside the instant.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CapacityReservation {
    pub capacity_reservation_id: Option<String>,
    /// The account that owns the reservation.
    pub owner_id: Option<String>,
    pub capacity_reservation_arn: Option<String>,
    pub availability_zone_id: Option<String>,
    pub instance_type: Option<String>,
    pub instance_platform: Option<InstancePlatform>,
    pub availability_zone: Option<String>,
    pub tenancy: Option<Tenancy>,
    pub total_instance_count: Option<u32>,
    pub available_instance_count: Option<u32>,
    pub ebs_optimized: Option<bool>,
    /// Deprecated by AWS; still on the wire.
    pub ephemeral_storage: Option<bool>,
    pub state: Option<CapacityReservationState>,
    pub start_date: Option<Timestamp>,
    /// When it ends (only with `end_date_type` `limited`).
    pub end_date: Option<Timestamp>,
    pub end_date_type: Option<EndDateType>,
    pub instance_match_criteria: Option<InstanceMatchCriteria>,
    pub create_date: Option<Timestamp>,
    /// `tagSet`.
    pub tags: Vec<ResourceTag>,
    pub outpost_arn: Option<String>,
    pub capacity_reservation_fleet_id: Option<String>,
    pub placement_group_arn: Option<String>,
    /// `capacityAllocationSet`.
    pub capacity_allocations: Vec<CapacityAllocation>,
    pub reservation_type: Option<ReservationType>,
    /// The account billed for unused capacity, when not the owner.
    pub unused_reservation_billing_owner_id: Option<String>,
    pub commitment_info: Option<CommitmentInfo>,
    pub delivery_preference: Option<DeliveryPreference>,
    pub capacity_block_id: Option<String>,
    pub interruptible: Option<bool>,
    pub interruptible_capacity_allocation: Option<InterruptibleCapacityAllocation>,
    pub interruption_info: Option<InterruptionInfo>,
    pub adjustment_status: Option<AdjustmentStatus>,
    pub adjustment_details: Option<AdjustmentDetails>,
    pub original_start_date: Option<Timestamp>,
    pub zero_size_preference: Option<ZeroSizePreference>,
    pub launch_status: Option<LaunchStatus>,
}

impl CapacityReservation {
    /// The value of tag `key`, if the reservation has it.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.key.as_deref() == Some(key))
            .and_then(|t| t.value.as_deref())
    }
}

/// `Tag` (and `CapacityAllocationMetadataEntry`, which has the same two members).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ResourceTag {
    pub key: Option<String>,
    pub value: Option<String>,
}

/// `CapacityAllocation`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CapacityAllocation {
    pub allocation_type: Option<AllocationType>,
    pub count: Option<u32>,
    /// `allocationMetadataList`.
    pub allocation_metadata: Vec<ResourceTag>,
}

/// `CapacityReservationCommitmentInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CommitmentInfo {
    pub committed_instance_count: Option<u32>,
    pub commitment_end_date: Option<Timestamp>,
    /// Seconds (`BoxedLong`).
    pub commitment_duration: Option<i64>,
}

/// `CapacityReservationAdjustmentDetails`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AdjustmentDetails {
    pub start_date: Option<Timestamp>,
    pub end_date: Option<Timestamp>,
    pub commitment_end_date: Option<Timestamp>,
    /// A plain string in the model (not the `EndDateType` enum).
    pub end_date_type: Option<String>,
    pub commitment_duration: Option<i64>,
}

/// Parse a `DescribeCapacityReservations` answer.
pub fn parse_describe_capacity_reservations(
    resp: &HttpResponse,
) -> Result<CapacityReservationsPage, AwsError> {
    let doc = success_document(resp, "DescribeCapacityReservationsResponse")?;
    let root = doc.root_element();
    let r = Reader::new(root, "", resp.status);
    let mut capacity_reservations = Vec::new();
    for (i, item) in xml::list_items(root, "capacityReservationSet", "item").enumerate() {
        let path = format!("CapacityReservations[{i}]");
        capacity_reservations.push(reservation(item, &path, resp.status)?);
    }
    Ok(CapacityReservationsPage {
        request_id: r.string("requestId"),
        next_token: r.string("nextToken"),
        capacity_reservations,
    })
}

fn reservation(
    node: Node<'_, '_>,
    path: &str,
    status: u16,
) -> Result<CapacityReservation, BadResponse> {
    let r = Reader::new(node, path, status);
    let enum_of = |element: &str| r.string(element);
    let mut capacity_allocations = Vec::new();
    for (i, item) in xml::list_items(node, "capacityAllocationSet", "item").enumerate() {
        let path = format!("{path}.CapacityAllocations[{i}]");
        let a = Reader::new(item, &path, status);
        capacity_allocations.push(CapacityAllocation {
            allocation_type: a
                .string("allocationType")
                .map(|s| AllocationType::from_wire(&s)),
            count: a.count("count", "Count")?,
            allocation_metadata: key_values(item, "allocationMetadataList"),
        });
    }
    Ok(CapacityReservation {
        capacity_reservation_id: r.string("capacityReservationId"),
        owner_id: r.string("ownerId"),
        capacity_reservation_arn: r.string("capacityReservationArn"),
        availability_zone_id: r.string("availabilityZoneId"),
        instance_type: r.string("instanceType"),
        instance_platform: enum_of("instancePlatform").map(|s| InstancePlatform::from_wire(&s)),
        availability_zone: r.string("availabilityZone"),
        tenancy: enum_of("tenancy").map(|s| Tenancy::from_wire(&s)),
        total_instance_count: r.count("totalInstanceCount", "TotalInstanceCount")?,
        available_instance_count: r.count("availableInstanceCount", "AvailableInstanceCount")?,
        ebs_optimized: r.boolean("ebsOptimized", "EbsOptimized")?,
        ephemeral_storage: r.boolean("ephemeralStorage", "EphemeralStorage")?,
        state: enum_of("state").map(|s| CapacityReservationState::from_wire(&s)),
        start_date: r.timestamp("startDate", "StartDate")?,
        end_date: r.timestamp("endDate", "EndDate")?,
        end_date_type: enum_of("endDateType").map(|s| EndDateType::from_wire(&s)),
        instance_match_criteria: enum_of("instanceMatchCriteria")
            .map(|s| InstanceMatchCriteria::from_wire(&s)),
        create_date: r.timestamp("createDate", "CreateDate")?,
        tags: key_values(node, "tagSet"),
        outpost_arn: r.string("outpostArn"),
        capacity_reservation_fleet_id: r.string("capacityReservationFleetId"),
        placement_group_arn: r.string("placementGroupArn"),
        capacity_allocations,
        reservation_type: enum_of("reservationType").map(|s| ReservationType::from_wire(&s)),
        unused_reservation_billing_owner_id: r.string("unusedReservationBillingOwnerId"),
        commitment_info: commitment_info(node, path, status)?,
        delivery_preference: enum_of("deliveryPreference")
            .map(|s| DeliveryPreference::from_wire(&s)),
        capacity_block_id: r.string("capacityBlockId"),
        interruptible: r.boolean("interruptible", "Interruptible")?,
        interruptible_capacity_allocation: interruptible_allocation(node, path, status)?,
        interruption_info: interruption_info(node, path),
        adjustment_status: enum_of("adjustmentStatus").map(|s| AdjustmentStatus::from_wire(&s)),
        adjustment_details: adjustment_details(node, path, status)?,
        original_start_date: r.timestamp("originalStartDate", "OriginalStartDate")?,
        zero_size_preference: enum_of("zeroSizePreference")
            .map(|s| ZeroSizePreference::from_wire(&s)),
        launch_status: enum_of("launchStatus").map(|s| LaunchStatus::from_wire(&s)),
    })
}

/// `<wrapper><item><key/><value/></item>...</wrapper>` (tags, allocation metadata).
fn key_values(node: Node<'_, '_>, wrapper: &str) -> Vec<ResourceTag> {
    xml::list_items(node, wrapper, "item")
        .map(|item| ResourceTag {
            key: xml::child_text(item, "key"),
            value: xml::child_text(item, "value"),
        })
        .collect()
}

fn commitment_info(
    parent: Node<'_, '_>,
    path: &str,
    status: u16,
) -> Result<Option<CommitmentInfo>, BadResponse> {
    let Some(node) = xml::child(parent, "commitmentInfo") else {
        return Ok(None);
    };
    let path = format!("{path}.CommitmentInfo");
    let r = Reader::new(node, &path, status);
    Ok(Some(CommitmentInfo {
        committed_instance_count: r.count("committedInstanceCount", "CommittedInstanceCount")?,
        commitment_end_date: r.timestamp("commitmentEndDate", "CommitmentEndDate")?,
        commitment_duration: r.long("commitmentDuration", "CommitmentDuration")?,
    }))
}

fn adjustment_details(
    parent: Node<'_, '_>,
    path: &str,
    status: u16,
) -> Result<Option<AdjustmentDetails>, BadResponse> {
    let Some(node) = xml::child(parent, "adjustmentDetails") else {
        return Ok(None);
    };
    let path = format!("{path}.AdjustmentDetails");
    let r = Reader::new(node, &path, status);
    Ok(Some(AdjustmentDetails {
        start_date: r.timestamp("startDate", "StartDate")?,
        end_date: r.timestamp("endDate", "EndDate")?,
        commitment_end_date: r.timestamp("commitmentEndDate", "CommitmentEndDate")?,
        end_date_type: r.string("endDateType"),
        commitment_duration: r.long("commitmentDuration", "CommitmentDuration")?,
    }))
}
