//! The history's multi-request work: the list's CloudWatch calls (one per region per 500
//! reservations, two at a time, each followed through its pages) and Capacity Manager's
//! metric calls, as jobs the shell drives.

use std::collections::BTreeMap;

use crate::aws::cloudwatch::GetMetricDataInput;
use crate::aws::ec2::{CapacityManagerMetricDataPage, GetCapacityManagerMetricDataInput};
use crate::connection::Connection;
use crate::jobs::{CallError, Cx, Event, Job, Pages, Window};

use super::query::ListCall;
use super::series::{collect, Series};

/// Pages one call may take: 100,800 points a page, so 500 hourly series of 30 days (360,000
/// points) take four.
pub const MAX_PAGES: u32 = 50;
/// Calls in flight at once.
pub const IN_FLIGHT: usize = 2;

/// The list's history: every call of [`super::list_calls`].
pub struct ListJob {
    ids: Vec<(String, Vec<String>)>,
    window: Window<Pages<GetMetricDataInput>>,
}

/// What the list's calls gave.
#[derive(Debug, Default)]
pub struct ListOutcome {
    /// Utilization series by reservation id.
    pub series: BTreeMap<String, Series>,
    /// Calls that failed: the region and why (their reservations have no figures).
    pub failed: Vec<(String, CallError)>,
}

impl ListJob {
    /// The job for `calls` with `connection`'s credentials, each call in its region.
    pub fn new(calls: Vec<ListCall>, connection: &Connection) -> ListJob {
        let mut ids = Vec::new();
        let children = calls
            .into_iter()
            .map(|call| {
                let job =
                    Pages::for_connection(call.input, connection, Some(&call.region), MAX_PAGES);
                ids.push((call.region.clone(), call.ids));
                (call.region, job)
            })
            .collect();
        ListJob {
            ids,
            window: Window::new(children, IN_FLIGHT, "CloudWatch calls"),
        }
    }

    /// The series by reservation, and the failed calls (`Cancelled` ones included).
    pub fn into_outcome(self) -> ListOutcome {
        let mut outcome = ListOutcome::default();
        for ((region, ids), (_, job)) in self.ids.into_iter().zip(self.window.into_children()) {
            match job.into_result() {
                Ok(pages) => {
                    for (query, series) in collect(&pages) {
                        let index = query
                            .strip_prefix('r')
                            .and_then(|i| i.parse::<usize>().ok());
                        if let Some(id) = index.and_then(|i| ids.get(i)) {
                            outcome.series.insert(id.clone(), series);
                        }
                    }
                }
                Err(e) => {
                    if !outcome.failed.iter().any(|(r, _)| *r == region) {
                        outcome.failed.push((region, e));
                    }
                }
            }
        }
        outcome
    }
}

impl Job for ListJob {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        self.window.step(event, cx)
    }
    fn is_done(&self) -> bool {
        self.window.is_done()
    }
    fn status(&self) -> Option<String> {
        self.window.status()
    }
}

/// Capacity Manager's calls (one per 10 metrics), each through its pages, in the home region.
pub struct ManagerJob {
    window: Window<Pages<GetCapacityManagerMetricDataInput>>,
}

impl ManagerJob {
    /// The job for `calls` in `region`.
    pub fn new(
        calls: Vec<GetCapacityManagerMetricDataInput>,
        connection: &Connection,
        region: &str,
    ) -> ManagerJob {
        let children = calls
            .into_iter()
            .map(|c| {
                (
                    region.to_string(),
                    Pages::for_connection(c, connection, Some(region), MAX_PAGES),
                )
            })
            .collect();
        ManagerJob {
            window: Window::new(children, IN_FLIGHT, "Capacity Manager calls"),
        }
    }

    /// Every page of every call, or the first failure.
    pub fn into_result(self) -> Result<Vec<CapacityManagerMetricDataPage>, CallError> {
        let mut pages = Vec::new();
        for (_, job) in self.window.into_children() {
            pages.extend(job.into_result()?);
        }
        Ok(pages)
    }
}

impl Job for ManagerJob {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        self.window.step(event, cx)
    }
    fn is_done(&self) -> bool {
        self.window.is_done()
    }
    fn status(&self) -> Option<String> {
        self.window.status()
    }
}

/// What to ask for when `error` is a refused permission for `action` (`cloudwatch:GetMetricData`),
/// and what works without it.
pub fn permission_note(error: &CallError, action: &str, without: &str) -> Option<String> {
    match error {
        CallError::Aws(e) if e.kind() == crate::aws::error::ErrorKind::Permission => Some(format!(
            "These credentials may not call {action}. Ask your AWS administrator to allow {action} \
             (read-only) for your role to see this; {without}"
        )),
        _ => None,
    }
}
