use leptos::prelude::*;

use super::Session;
use crate::aws::ec2::{DescribeCapacityReservationsInput, GetCapacityReservationUsageInput};
use crate::aws::error::ErrorKind;
use crate::connection::Connection;
use crate::jobs::{CallError, Pages, Single, Window};
use crate::reservations::{FanOutPlan, ReservationRow, UsageDetail};
use crate::shell::{Cancelled, JobHandle, Shell};

/// Pages a listing may take before we call it a loop (1000 items a page).
const MAX_PAGES: u32 = 100;

/// How many regions are listed at once in "All regions".
pub const REGION_CONCURRENCY: usize = 4;

/// What the reservation list shows, kept across navigation. Answers themselves are cached by
/// the core (per caller, endpoint and request), so reopening costs no request. Made on first
/// use ([`CapacityStore::get`], by the lazily loaded Capacity Reservations part) under an
/// owner of its own that [`CapacitySlot::clear`] disposes: the first view holds only the slot,
/// not the store's types (rows, usage, errors) and their code.
#[derive(Clone, Copy)]
pub struct CapacityStore {
    /// Reservations of the regions listed, in region order.
    pub rows: RwSignal<Vec<ReservationRow>>,
    /// Regions whose listing failed, with why (the others are still shown).
    pub failed: RwSignal<Vec<(String, CallError)>>,
    /// Which caller, region and scope `rows` belong to.
    pub loaded_for: RwSignal<Option<String>>,
    /// The usage details opened so far, by `region/id`, for the account × reservation matrix
    /// (cleared with new credentials).
    pub usage: RwSignal<std::collections::HashMap<String, UsageDetail>>,
    /// The list's utilization history and its fetch, made on first use (by the lazily loaded
    /// Capacity Reservations part, so the first view carries none of it) under `root`.
    pub history: StoredValue<Option<super::list_history::ListHistoryState>>,
    /// The app's root owner, which the history's signals and job belong to.
    pub root: StoredValue<Owner>,
}

impl CapacityStore {
    /// The store, made now if this is its first use since the app started or was cleared.
    pub fn get() -> CapacityStore {
        let slot = CapacitySlot::get();
        if let Some(store) = slot.store.get_value() {
            return store;
        }
        let owner = slot.root.with_value(Owner::child);
        let store = owner.with(|| CapacityStore {
            rows: RwSignal::new(Vec::new()),
            failed: RwSignal::new(Vec::new()),
            loaded_for: RwSignal::new(None),
            usage: RwSignal::new(Default::default()),
            history: slot.history,
            root: slot.root,
        });
        slot.owner.set_value(Some(owner));
        slot.store.set_value(Some(store));
        store
    }
}

/// Where the [`CapacityStore`] is kept, provided by `App`.
#[derive(Clone, Copy)]
pub struct CapacitySlot {
    store: StoredValue<Option<CapacityStore>>,
    /// The owner of the store's signals.
    owner: StoredValue<Option<Owner>>,
    history: StoredValue<Option<super::list_history::ListHistoryState>>,
    root: StoredValue<Owner>,
}

impl CapacitySlot {
    /// Creates the slot and provides it to the components below.
    pub fn provide() {
        provide_context(CapacitySlot {
            store: StoredValue::new(None),
            owner: StoredValue::new(None),
            history: StoredValue::new(None),
            root: StoredValue::new(Owner::current().unwrap_or_default()),
        });
    }

    /// The slot provided by `App`.
    pub fn get() -> CapacitySlot {
        expect_context::<CapacitySlot>()
    }

    /// Forgets everything the list held (new credentials, or Forget): the store's signals are
    /// disposed with their owner, and the next use makes a new store.
    pub fn clear(&self) {
        self.store.set_value(None);
        if let Some(owner) = self.owner.try_update_value(Option::take).flatten() {
            owner.cleanup();
        }
    }
}

/// Every reservation in `regions` (following `NextToken` at 1000 a page), at most
/// [`REGION_CONCURRENCY`] regions at once, the connection's own region first.
pub async fn list_regions(
    session: Session,
    regions: &[&str],
    handle: &JobHandle,
    status: &dyn Fn(Option<String>),
) -> Result<(Vec<ReservationRow>, Vec<(String, CallError)>), Cancelled> {
    let Some(connection) = session.connection.get_untracked() else {
        return Err(Cancelled);
    };
    let caller = session
        .identity
        .with_untracked(|i| i.as_ref().and_then(|i| i.account.clone()))
        .unwrap_or_default();
    let plan = FanOutPlan::new(regions, REGION_CONCURRENCY, Some(&connection.region));
    let input = DescribeCapacityReservationsInput {
        max_results: Some(1000),
        ..Default::default()
    };
    let children = plan
        .order
        .iter()
        .map(|region| {
            let job = Pages::for_connection(input.clone(), &connection, Some(region), MAX_PAGES);
            (region.clone(), job)
        })
        .collect();
    let mut job = Window::new(children, plan.limit, "regions");
    session.shell.drive(&mut job, handle, status).await?;
    let results = job
        .into_children()
        .into_iter()
        .map(|(region, pages)| {
            let rows = pages.into_result().map(|pages| {
                pages
                    .iter()
                    .flat_map(|p| {
                        ReservationRow::from_page(&p.capacity_reservations, &region, &caller)
                    })
                    .collect()
            });
            (region, rows)
        })
        .collect();
    let merged = plan.merge(results);
    Ok((merged.rows, merged.failed))
}

/// The usage of one reservation, every page at MaxResults 1000 (the fewest round trips).
pub async fn load_usage(
    shell: Shell,
    connection: &Connection,
    region: &str,
    id: &str,
    handle: &JobHandle,
    status: &dyn Fn(Option<String>),
) -> Result<Result<UsageDetail, CallError>, Cancelled> {
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: id.to_owned(),
        max_results: Some(1000),
        ..Default::default()
    };
    let mut job =
        Pages::for_connection(input, connection, Some(region), MAX_PAGES).with_progress(|pages| {
            let accounts: usize = pages.iter().map(|p| p.instance_usages.len()).sum();
            format!(
                "Loaded {accounts} accounts ({} pages); fetching more…",
                pages.len()
            )
        });
    shell.drive(&mut job, handle, status).await?;
    Ok(job
        .into_result()
        .map(|pages| UsageDetail::from_pages(&pages)))
}

/// Sends the usage request with `DryRun`: `Ok(true)` allowed, `Ok(false)` denied.
pub async fn check_permission(
    shell: Shell,
    connection: &Connection,
    region: &str,
    id: &str,
    handle: &JobHandle,
) -> Result<Result<bool, CallError>, Cancelled> {
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: id.to_owned(),
        dry_run: Some(true),
        ..Default::default()
    };
    let mut job = Single::for_connection(&input, connection, Some(region));
    shell.drive(&mut job, handle, &|_| {}).await?;
    Ok(match job.into_result() {
        // AWS never answers a dry run with success; treat one as allowed all the same.
        Ok(_) => Ok(true),
        Err(CallError::Aws(e)) if e.kind() == ErrorKind::DryRunAllowed => Ok(true),
        Err(CallError::Aws(e)) if e.kind() == ErrorKind::Permission => Ok(false),
        Err(e) => Err(e),
    })
}
