//! EC2 answers (ec2 query protocol, XML): `GetCapacityReservationUsage` and
//! `DescribeCapacityReservations`, member for member as the EC2 model (botocore 1.44.5)
//! defines them. Absent members are `None`; an absent list is empty.

mod enums;
mod reservation;

pub use enums::*;
pub use reservation::*;

use crate::aws::error::{AwsError, BadResponse, ErrorProtocol};
use crate::aws::http::HttpResponse;
use crate::aws::xml::{self, Reader};
use crate::aws::xml::{Document, Node};

/// `GetCapacityReservationUsageResult`: one page of who uses a reservation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CapacityReservationUsage {
    /// `requestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `nextToken`: present (and non-empty) while more pages remain.
    pub next_token: Option<String>,
    pub capacity_reservation_id: Option<String>,
    pub instance_type: Option<String>,
    /// Instances the reservation reserves capacity for.
    pub total_instance_count: Option<u32>,
    /// Instances that can still be launched into it.
    pub available_instance_count: Option<u32>,
    pub state: Option<CapacityReservationState>,
    /// `instanceUsageSet`: one entry per account using the capacity.
    pub instance_usages: Vec<InstanceUsage>,
    pub interruptible: Option<bool>,
    pub interruptible_capacity_allocation: Option<InterruptibleCapacityAllocation>,
    pub interruption_info: Option<InterruptionInfo>,
}

/// `InstanceUsage`: one account's instances in the reservation.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct InstanceUsage {
    pub account_id: Option<String>,
    pub used_instance_count: Option<u32>,
}

/// `InterruptibleCapacityAllocation`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct InterruptibleCapacityAllocation {
    pub instance_count: Option<u32>,
    pub target_instance_count: Option<u32>,
    pub status: Option<InterruptibleAllocationStatus>,
    pub interruptible_capacity_reservation_id: Option<String>,
    pub interruption_type: Option<InterruptionType>,
    pub zero_size_preference: Option<ZeroSizePreference>,
}

/// `InterruptionInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct InterruptionInfo {
    pub source_capacity_reservation_id: Option<String>,
    pub interruption_type: Option<InterruptionType>,
}

/// Parse a `GetCapacityReservationUsage` answer.
pub fn parse_get_capacity_reservation_usage(
    resp: &HttpResponse,
) -> Result<CapacityReservationUsage, AwsError> {
    let doc = success_document(resp, "GetCapacityReservationUsageResponse")?;
    let root = doc.root_element();
    let r = Reader::new(root, "", resp.status);
    let mut instance_usages = Vec::new();
    for (i, item) in xml::list_items(root, "instanceUsageSet", "item").enumerate() {
        let path = format!("InstanceUsages[{i}]");
        let u = Reader::new(item, &path, resp.status);
        instance_usages.push(InstanceUsage {
            account_id: u.string("accountId"),
            used_instance_count: u.count("usedInstanceCount", "UsedInstanceCount")?,
        });
    }
    Ok(CapacityReservationUsage {
        request_id: r.string("requestId"),
        next_token: r.string("nextToken"),
        capacity_reservation_id: r.string("capacityReservationId"),
        instance_type: r.string("instanceType"),
        total_instance_count: r.count("totalInstanceCount", "TotalInstanceCount")?,
        available_instance_count: r.count("availableInstanceCount", "AvailableInstanceCount")?,
        state: r
            .string("state")
            .map(|s| CapacityReservationState::from_wire(&s)),
        instance_usages,
        interruptible: r.boolean("interruptible", "Interruptible")?,
        interruptible_capacity_allocation: interruptible_allocation(root, "", resp.status)?,
        interruption_info: interruption_info(root, ""),
    })
}

pub(super) fn success_document<'i>(
    resp: &'i HttpResponse,
    root: &str,
) -> Result<Document<'i>, AwsError> {
    xml::success_document(resp, root, ErrorProtocol::Ec2)
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_owned()
    } else {
        format!("{path}.{member}")
    }
}

pub(super) fn interruptible_allocation(
    parent: Node<'_, '_>,
    path: &str,
    status: u16,
) -> Result<Option<InterruptibleCapacityAllocation>, BadResponse> {
    let Some(node) = xml::child(parent, "interruptibleCapacityAllocation") else {
        return Ok(None);
    };
    let path = join(path, "InterruptibleCapacityAllocation");
    let r = Reader::new(node, &path, status);
    Ok(Some(InterruptibleCapacityAllocation {
        instance_count: r.count("instanceCount", "InstanceCount")?,
        target_instance_count: r.count("targetInstanceCount", "TargetInstanceCount")?,
        status: r
            .string("status")
            .map(|s| InterruptibleAllocationStatus::from_wire(&s)),
        interruptible_capacity_reservation_id: r.string("interruptibleCapacityReservationId"),
        interruption_type: r
            .string("interruptionType")
            .map(|s| InterruptionType::from_wire(&s)),
        zero_size_preference: r
            .string("zeroSizePreference")
            .map(|s| ZeroSizePreference::from_wire(&s)),
    }))
}

pub(super) fn interruption_info(parent: Node<'_, '_>, _path: &str) -> Option<InterruptionInfo> {
    let node = xml::child(parent, "interruptionInfo")?;
    Some(InterruptionInfo {
        source_capacity_reservation_id: xml::child_text(node, "sourceCapacityReservationId"),
        interruption_type: xml::child_text(node, "interruptionType")
            .map(|s| InterruptionType::from_wire(&s)),
    })
}
