use std::collections::HashMap;

use leptos::prelude::*;

use super::Session;
use crate::aws::ec2::{self, DescribeCapacityReservationsInput, GetCapacityReservationUsageInput};
use crate::aws::endpoint::Service;
use crate::aws::paginate::{Next, Pager};
use crate::client::{call, CallError, Operation};
use crate::reservations::{ReservationRow, UsageDetail};
use crate::transport::CancelToken;

/// Pages a listing may take before we call it a loop (1000 items a page).
const MAX_PAGES: u32 = 100;

/// What the Capacity Reservations area has loaded this session, kept across navigation so
/// going back to the list or reopening a reservation costs no request.
#[derive(Clone, Copy)]
pub struct CapacityStore {
    /// Reservations of the regions listed, in region order.
    pub rows: RwSignal<Vec<ReservationRow>>,
    /// Regions whose listing failed, with why (the others are still shown).
    pub failed: RwSignal<Vec<(String, CallError)>>,
    /// Which connection and scope `rows` belong to.
    pub loaded_for: RwSignal<Option<String>>,
    /// Usage details loaded, by `region/id`.
    pub usage: RwSignal<HashMap<String, UsageDetail>>,
}

impl CapacityStore {
    /// Creates the store and provides it to the components below.
    pub fn provide() -> CapacityStore {
        let store = CapacityStore {
            rows: RwSignal::new(Vec::new()),
            failed: RwSignal::new(Vec::new()),
            loaded_for: RwSignal::new(None),
            usage: RwSignal::new(HashMap::new()),
        };
        provide_context(store);
        store
    }

    /// The store provided by `App`.
    pub fn get() -> CapacityStore {
        expect_context::<CapacityStore>()
    }

    /// Forgets everything (new credentials, or Forget).
    pub fn clear(&self) {
        self.rows.set(Vec::new());
        self.failed.set(Vec::new());
        self.loaded_for.set(None);
        self.usage.set(HashMap::new());
    }
}

/// Every reservation in `region`, following `NextToken` at 1000 a page.
pub async fn list_region(
    session: Session,
    region: &str,
    progress: &dyn Fn(Option<String>),
    cancel: &CancelToken,
) -> Result<Vec<ReservationRow>, CallError> {
    let Some(connection) = session.connection.get_untracked() else {
        return Ok(Vec::new());
    };
    let clock = session.clock.get_value();
    let caller = session
        .identity
        .with_untracked(|i| i.as_ref().and_then(|i| i.account.clone()));
    let mut pager = Pager::new(MAX_PAGES);
    let mut input = DescribeCapacityReservationsInput {
        max_results: Some(1000),
        ..Default::default()
    };
    let mut rows = Vec::new();
    loop {
        let build = |ep: &_, cr: &_, t| ec2::describe_capacity_reservations(&input, ep, cr, t);
        let op = Operation::new(
            Service::Ec2,
            Some(region),
            &build,
            &ec2::parse_describe_capacity_reservations,
        );
        let page = call(&connection, &clock, op, progress, cancel).await?;
        rows.extend(ReservationRow::from_page(
            &page.capacity_reservations,
            region,
            caller.as_deref().unwrap_or_default(),
        ));
        match pager.after_page(page.next_token.as_deref())? {
            Next::Fetch(token) => input.next_token = Some(token),
            Next::Done => return Ok(rows),
        }
    }
}

/// The usage of one reservation, every page at MaxResults 1000 (the fewest round trips).
pub async fn load_usage(
    session: Session,
    region: &str,
    id: &str,
    progress: &dyn Fn(Option<String>),
    cancel: &CancelToken,
) -> Result<UsageDetail, CallError> {
    let Some(connection) = session.connection.get_untracked() else {
        return Err(CallError::Transport(
            crate::transport::TransportError::Cancelled,
        ));
    };
    let clock = session.clock.get_value();
    let mut pager = Pager::new(MAX_PAGES);
    let mut input = GetCapacityReservationUsageInput {
        capacity_reservation_id: id.to_owned(),
        max_results: Some(1000),
        ..Default::default()
    };
    let mut pages = Vec::new();
    loop {
        let build = |ep: &_, cr: &_, t| ec2::get_capacity_reservation_usage(&input, ep, cr, t);
        let op = Operation::new(
            Service::Ec2,
            Some(region),
            &build,
            &ec2::parse_get_capacity_reservation_usage,
        );
        let page = call(&connection, &clock, op, progress, cancel).await?;
        let accounts: usize = pages
            .iter()
            .map(|p: &ec2::CapacityReservationUsage| p.instance_usages.len())
            .sum::<usize>()
            + page.instance_usages.len();
        let next = pager.after_page(page.next_token.as_deref())?;
        pages.push(page);
        match next {
            Next::Fetch(token) => {
                progress(Some(format!(
                    "Loaded {accounts} accounts ({} pages); fetching more…",
                    pages.len()
                )));
                input.next_token = Some(token);
            }
            Next::Done => return Ok(UsageDetail::from_pages(&pages)),
        }
    }
}

/// Sends the usage request with `DryRun`: `Ok(true)` allowed, `Ok(false)` denied.
pub async fn check_permission(
    session: Session,
    region: &str,
    id: &str,
    cancel: &CancelToken,
) -> Result<bool, CallError> {
    use crate::aws::error::ErrorKind;
    let Some(connection) = session.connection.get_untracked() else {
        return Err(CallError::Transport(
            crate::transport::TransportError::Cancelled,
        ));
    };
    let clock = session.clock.get_value();
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: id.to_owned(),
        dry_run: Some(true),
        ..Default::default()
    };
    let build = |ep: &_, cr: &_, t| ec2::get_capacity_reservation_usage(&input, ep, cr, t);
    let op = Operation::new(
        Service::Ec2,
        Some(region),
        &build,
        &ec2::parse_get_capacity_reservation_usage,
    );
    match call(&connection, &clock, op, &|_| {}, cancel).await {
        // AWS never answers a dry run with success; treat one as allowed all the same.
        Ok(_) => Ok(true),
        Err(CallError::Aws(e)) if e.kind() == ErrorKind::DryRunAllowed => Ok(true),
        Err(CallError::Aws(e)) if e.kind() == ErrorKind::Permission => Ok(false),
        Err(e) => Err(e),
    }
}
