//! One job type for every view: a view's request, every page of its answer, and the answer
//! as a [`Table`]. The shell drives it like any job (alone, or in a [`crate::jobs::Window`] of
//! split values), so paging, retries, the cache, cost and cancel are the core's for all four.

use crate::aws::ce::{
    GetReservationCoverageInput, GetReservationUtilizationInput, GetSavingsPlansCoverageInput,
    GetSavingsPlansUtilizationInput,
};
use crate::aws::endpoint::ResolvedEndpoint;
use crate::aws::operation::Operation;
use crate::connection::Connection;
use crate::jobs::{Cache, CallError, Cx, Event, Job, Pages, Single};

use super::{
    ri_coverage_table, ri_utilization_table, sp_coverage_table, sp_utilization_table, Table,
    ViewInput,
};

/// Pages one query may take before we call it a loop.
pub const MAX_PAGES: u32 = 50;

impl ViewInput {
    /// The operation's name as AWS spells it.
    pub fn name(&self) -> &'static str {
        match self {
            ViewInput::RiCoverage(_) => GetReservationCoverageInput::NAME,
            ViewInput::RiUtilization(_) => GetReservationUtilizationInput::NAME,
            ViewInput::SpCoverage(_) => GetSavingsPlansCoverageInput::NAME,
            ViewInput::SpUtilization(_) => GetSavingsPlansUtilizationInput::NAME,
        }
    }

    /// The body AWS receives for the first page (nothing invalid is sent: an error here is
    /// shown instead).
    pub fn body(&self) -> Result<String, crate::aws::input::InputError> {
        match self {
            ViewInput::RiCoverage(i) => i.body(),
            ViewInput::RiUtilization(i) => i.body(),
            ViewInput::SpCoverage(i) => i.body(),
            ViewInput::SpUtilization(i) => i.body(),
        }
    }

    /// The session cache's key of the first page's answer for `who` at `endpoint` (Cost
    /// Explorer bills every request: a cached first page means the run costs nothing).
    pub fn cache_key(
        &self,
        who: Option<&crate::jobs::Identity>,
        endpoint: &ResolvedEndpoint,
    ) -> Option<String> {
        let body = self.body().ok()?;
        Cache::key(who, endpoint, self.name(), &body)
    }
}

/// A view's request and every page of its answer.
pub enum ViewJob {
    /// GetReservationCoverage, paged by `NextPageToken`.
    RiCoverage(Pages<GetReservationCoverageInput>),
    /// GetReservationUtilization, paged by `NextPageToken`.
    RiUtilization(Pages<GetReservationUtilizationInput>),
    /// GetSavingsPlansCoverage, paged by `NextToken`.
    SpCoverage(Pages<GetSavingsPlansCoverageInput>),
    /// GetSavingsPlansUtilization: one answer, no pages.
    SpUtilization(Single<GetSavingsPlansUtilizationInput>),
}

impl ViewJob {
    /// `input` for `connection`, at most [`MAX_PAGES`] pages.
    pub fn for_connection(input: ViewInput, connection: &Connection) -> ViewJob {
        match input {
            ViewInput::RiCoverage(i) => {
                ViewJob::RiCoverage(Pages::for_connection(i, connection, None, MAX_PAGES))
            }
            ViewInput::RiUtilization(i) => {
                ViewJob::RiUtilization(Pages::for_connection(i, connection, None, MAX_PAGES))
            }
            ViewInput::SpCoverage(i) => {
                ViewJob::SpCoverage(Pages::for_connection(i, connection, None, MAX_PAGES))
            }
            ViewInput::SpUtilization(i) => {
                ViewJob::SpUtilization(Single::for_connection(&i, connection, None))
            }
        }
    }

    /// The answer as a table, its rows named `group` (a split value), or why not.
    pub fn into_table(self, group: Option<&str>) -> Result<Table, CallError> {
        Ok(match self {
            ViewJob::RiCoverage(j) => ri_coverage_table(&j.into_result()?, group),
            ViewJob::RiUtilization(j) => ri_utilization_table(&j.into_result()?, group),
            ViewJob::SpCoverage(j) => sp_coverage_table(&j.into_result()?, group),
            ViewJob::SpUtilization(j) => sp_utilization_table(&j.into_result()?, group),
        })
    }
}

impl Job for ViewJob {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        match self {
            ViewJob::RiCoverage(j) => j.step(event, cx),
            ViewJob::RiUtilization(j) => j.step(event, cx),
            ViewJob::SpCoverage(j) => j.step(event, cx),
            ViewJob::SpUtilization(j) => j.step(event, cx),
        }
    }

    fn is_done(&self) -> bool {
        match self {
            ViewJob::RiCoverage(j) => j.is_done(),
            ViewJob::RiUtilization(j) => j.is_done(),
            ViewJob::SpCoverage(j) => j.is_done(),
            ViewJob::SpUtilization(j) => j.is_done(),
        }
    }

    fn status(&self) -> Option<String> {
        match self {
            ViewJob::RiCoverage(j) => j.status(),
            ViewJob::RiUtilization(j) => j.status(),
            ViewJob::SpCoverage(j) => j.status(),
            ViewJob::SpUtilization(j) => j.status(),
        }
    }
}
