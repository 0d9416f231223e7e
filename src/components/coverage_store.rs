use leptos::prelude::*;

use super::Session;
use crate::aws::ce::{
    self, Context, DateInterval, GetDimensionValuesInput, GetReservationCoverageInput,
    ReservationCoveragePage,
};
use crate::aws::endpoint::Service;
use crate::aws::operation::Operation;
use crate::jobs::{Cache, CallError, Cost, Pages};
use crate::shell::{Cancelled, JobHandle};

/// Pages one query may take before we call it a loop.
pub const MAX_PAGES: u32 = 50;

/// The Coverage area's link to the session: Cost Explorer bills every request (USD 0.01), so
/// the core's cache answers each exact request asked again, for the same caller.
#[derive(Clone, Copy)]
pub struct CoverageStore {
    /// Cost Explorer requests sent to AWS this session (demo answers are free and not counted).
    pub ce_requests: Signal<u32>,
}

impl CoverageStore {
    /// Creates the store and provides it to the components below.
    pub fn provide() -> CoverageStore {
        let shell = Session::get().shell;
        let store = CoverageStore {
            ce_requests: shell.spent.into(),
        };
        provide_context(store);
        store
    }

    /// The store provided by `App`.
    pub fn get() -> CoverageStore {
        expect_context::<CoverageStore>()
    }

    /// Nothing to forget here any more: the cache lives in the core's session (kept for the
    /// Forget button's symmetry with the other stores).
    pub fn clear(&self) {}

    /// Whether `input`'s first page is already answered (so running it costs nothing).
    pub fn has_answer(&self, session: Session, input: &GetReservationCoverageInput) -> bool {
        let Some(endpoint) = session.connection.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.endpoint(Service::CostExplorer).ok())
        }) else {
            return false;
        };
        let Ok(body) = input.body() else {
            return false;
        };
        session
            .shell
            .is_cached(&|who| Cache::key(who, &endpoint, GetReservationCoverageInput::NAME, &body))
    }
}

/// The values of `dimension` in `period` containing `search`, from reservation data, every
/// page (answered from the session cache when asked before).
pub async fn dimension_values(
    session: Session,
    dimension: ce::Dimension,
    period: &DateInterval,
    search: &str,
    handle: &JobHandle,
) -> Result<Result<Vec<String>, CallError>, Cancelled> {
    let Some(connection) = session.connection.get_untracked() else {
        return Err(Cancelled);
    };
    let mut input = GetDimensionValuesInput::new(period.clone(), dimension);
    input.context = Some(Context::Reservations);
    input.search_string = Some(search.trim().to_owned()).filter(|s| !s.is_empty());
    let mut job = Pages::for_connection(input, &connection, None, MAX_PAGES);
    session.shell.drive(&mut job, handle, &|_| {}).await?;
    Ok(job.into_result().map(|pages| {
        pages
            .into_iter()
            .flat_map(|p| p.dimension_values)
            .filter_map(|v| v.value)
            .collect()
    }))
}

/// Every page of `input`'s answer, and what it cost (nothing when the session had it).
pub async fn coverage(
    session: Session,
    input: GetReservationCoverageInput,
    handle: &JobHandle,
    status: &dyn Fn(Option<String>),
) -> Result<(Result<Vec<ReservationCoveragePage>, CallError>, Cost), Cancelled> {
    let Some(connection) = session.connection.get_untracked() else {
        return Err(Cancelled);
    };
    let mut job = Pages::for_connection(input, &connection, None, MAX_PAGES);
    let cost = session.shell.drive(&mut job, handle, status).await?;
    Ok((job.into_result(), cost))
}
