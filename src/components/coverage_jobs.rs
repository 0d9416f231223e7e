//! The Commitments area's Cost Explorer calls, as jobs run by the session's shell (answers
//! cached per caller by the core, so a repeated request costs nothing).

use leptos::prelude::*;

use super::Session;
use crate::aws::ce::{
    self, Context, DateInterval, GetDimensionValuesInput, GetReservationCoverageInput,
    ReservationCoveragePage,
};
use crate::aws::endpoint::Service;
use crate::commitments::{Table, ViewInput, ViewJob, MAX_PAGES};
use crate::jobs::{CallError, Cost, Pages};
use crate::shell::{Cancelled, JobHandle};

/// Whether `input`'s first page is already in the session's cache for this caller (so
/// running it costs nothing: Cost Explorer bills USD 0.01 a request).
pub fn has_answer(session: Session, input: &ViewInput) -> bool {
    let Some(endpoint) = session.connection.with_untracked(|c| {
        c.as_ref()
            .and_then(|c| c.endpoint(Service::CostExplorer).ok())
    }) else {
        return false;
    };
    session
        .shell
        .is_cached(&|who| input.cache_key(who, &endpoint))
}

/// The values of `dimension` in `period` containing `search`, from `context`'s data
/// (reservations or Savings Plans), every page (answered from the session cache when asked
/// before).
pub async fn dimension_values(
    session: Session,
    dimension: ce::Dimension,
    context: Context,
    period: &DateInterval,
    search: &str,
    handle: &JobHandle,
) -> Result<Result<Vec<String>, CallError>, Cancelled> {
    let Some(connection) = session.connection.get_untracked() else {
        return Err(Cancelled);
    };
    let mut input = GetDimensionValuesInput::new(period.clone(), dimension);
    input.context = Some(context);
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

/// Every page of an RI coverage request (the tag split's value lookup), and what it cost.
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

/// One view's answer as a table (every page), and what it cost.
pub async fn fetch(
    session: Session,
    input: ViewInput,
    handle: &JobHandle,
    status: &dyn Fn(Option<String>),
) -> Result<(Result<Table, CallError>, Cost), Cancelled> {
    let Some(connection) = session.connection.get_untracked() else {
        return Err(Cancelled);
    };
    let mut job = ViewJob::for_connection(input, &connection);
    let cost = session.shell.drive(&mut job, handle, status).await?;
    Ok((job.into_table(None), cost))
}
