use std::collections::HashMap;

use leptos::prelude::*;

use super::Session;
use crate::aws::ce::{
    self, Context, DateInterval, GetDimensionValuesInput, GetReservationCoverageInput,
    ReservationCoveragePage,
};
use crate::aws::endpoint::Service;
use crate::aws::paginate::{Next, Pager};
use crate::client::{call, CallError, Operation};
use crate::transport::CancelToken;

/// Pages one query may take before we call it a loop.
const MAX_PAGES: u32 = 50;

/// What the Coverage area fetched this session, and what it cost. Every Cost Explorer request
/// is billed (USD 0.01), so each exact request is answered from here when asked again.
#[derive(Clone, Copy)]
pub struct CoverageStore {
    /// Cost Explorer requests sent to AWS this session (demo answers are free and not counted).
    pub ce_requests: RwSignal<u32>,
    /// GetDimensionValues answers by dimension, period and search text.
    values: StoredValue<HashMap<String, Vec<String>>, LocalStorage>,
    /// GetReservationCoverage answers (all pages) by exact first request.
    answers: StoredValue<HashMap<String, Vec<ReservationCoveragePage>>, LocalStorage>,
}

impl CoverageStore {
    /// Creates the store and provides it to the components below.
    pub fn provide() -> CoverageStore {
        let store = CoverageStore {
            ce_requests: RwSignal::new(0),
            values: StoredValue::new_local(HashMap::new()),
            answers: StoredValue::new_local(HashMap::new()),
        };
        provide_context(store);
        store
    }

    /// The store provided by `App`.
    pub fn get() -> CoverageStore {
        expect_context::<CoverageStore>()
    }

    /// Forgets cached answers (new credentials, or Forget); the request count stays, as the
    /// money is spent.
    pub fn clear(&self) {
        self.values.update_value(HashMap::clear);
        self.answers.update_value(HashMap::clear);
    }

    /// Whether `input`'s answer is already here (so running it costs nothing).
    pub fn has_answer(&self, session: Session, input: &GetReservationCoverageInput) -> bool {
        let key = answer_key(session, input);
        self.answers.with_value(|a| a.contains_key(&key))
    }

    /// The values of `dimension` in `period` containing `search`, from reservation data,
    /// every page; cached per dimension + period + search for the session.
    pub async fn dimension_values(
        &self,
        session: Session,
        dimension: ce::Dimension,
        period: &DateInterval,
        search: &str,
        cancel: &CancelToken,
    ) -> Result<Vec<String>, CallError> {
        let key = format!(
            "{}|{:?}|{}|{}|{}",
            connection_key(session),
            dimension,
            period.start,
            period.end,
            search.trim()
        );
        if let Some(hit) = self.values.with_value(|v| v.get(&key).cloned()) {
            return Ok(hit);
        }
        let Some(connection) = session.connection.get_untracked() else {
            return Ok(Vec::new());
        };
        let clock = session.clock.get_value();
        let mut input = GetDimensionValuesInput::new(period.clone(), dimension);
        input.context = Some(Context::Reservations);
        input.search_string = Some(search.trim().to_owned()).filter(|s| !s.is_empty());
        let mut pager = Pager::new(MAX_PAGES);
        let mut out = Vec::new();
        let store = *self;
        loop {
            let build = |ep: &_, cr: &_, t| ce::get_dimension_values(&input, ep, cr, t);
            let op = Operation {
                service: Service::CostExplorer,
                region: None,
                build: &build,
                parse: &ce::parse_get_dimension_values,
                sent: &|| store.ce_requests.update(|n| *n += 1),
            };
            let page = call(&connection, &clock, op, &|_| {}, cancel).await?;
            out.extend(page.dimension_values.into_iter().filter_map(|v| v.value));
            match pager.after_page(page.next_page_token.as_deref())? {
                Next::Fetch(token) => input.next_page_token = Some(token),
                Next::Done => break,
            }
        }
        self.values.update_value(|v| {
            v.insert(key, out.clone());
        });
        Ok(out)
    }

    /// Every page of `input`'s answer, from the cache when this exact request was answered
    /// before (`true` then). An `InvalidNextTokenException` restarts the pagination once.
    pub async fn coverage(
        &self,
        session: Session,
        input: GetReservationCoverageInput,
        progress: &dyn Fn(Option<String>),
        cancel: &CancelToken,
    ) -> Result<(Vec<ReservationCoveragePage>, bool), CallError> {
        let key = answer_key(session, &input);
        if let Some(hit) = self.answers.with_value(|a| a.get(&key).cloned()) {
            return Ok((hit, true));
        }
        let Some(connection) = session.connection.get_untracked() else {
            return Ok((Vec::new(), false));
        };
        let clock = session.clock.get_value();
        let store = *self;
        let mut restarted = false;
        'query: loop {
            let mut input = input.clone();
            let mut pager = Pager::new(MAX_PAGES);
            let mut pages: Vec<ReservationCoveragePage> = Vec::new();
            loop {
                let build = |ep: &_, cr: &_, t| ce::get_reservation_coverage(&input, ep, cr, t);
                let op = Operation {
                    service: Service::CostExplorer,
                    region: None,
                    build: &build,
                    parse: &ce::parse_get_reservation_coverage,
                    sent: &|| store.ce_requests.update(|n| *n += 1),
                };
                let page = match call(&connection, &clock, op, progress, cancel).await {
                    Ok(page) => page,
                    Err(CallError::Aws(e))
                        if !restarted
                            && input.next_page_token.is_some()
                            && e.as_service()
                                .is_some_and(|s| s.code == "InvalidNextTokenException") =>
                    {
                        restarted = true;
                        progress(Some(
                            "Cost Explorer no longer accepts the page token; starting this query's pages again…"
                                .into(),
                        ));
                        continue 'query;
                    }
                    Err(e) => return Err(e),
                };
                let next = pager.after_page(page.next_page_token.as_deref())?;
                pages.push(page);
                match next {
                    Next::Fetch(token) => {
                        progress(Some(format!(
                            "Fetched {} pages; fetching more…",
                            pages.len()
                        )));
                        input.next_page_token = Some(token);
                    }
                    Next::Done => break 'query Ok(self.remember(key, pages)),
                }
            }
        }
    }

    fn remember(
        &self,
        key: String,
        pages: Vec<ReservationCoveragePage>,
    ) -> (Vec<ReservationCoveragePage>, bool) {
        self.answers.update_value(|a| {
            a.insert(key, pages.clone());
        });
        (pages, false)
    }
}

/// Which credentials and endpoint an answer belongs to (never the secret).
fn connection_key(session: Session) -> String {
    session
        .connection
        .with_untracked(|c| {
            c.as_ref().map(|c| {
                let endpoint = c
                    .endpoint(Service::CostExplorer)
                    .map(|e| e.url.clone())
                    .unwrap_or_default();
                format!("{}|{endpoint}", c.credentials.access_key_id())
            })
        })
        .unwrap_or_default()
}

fn answer_key(session: Session, input: &GetReservationCoverageInput) -> String {
    let body = ce::get_reservation_coverage_body(input).unwrap_or_default();
    format!("{}|{body}", connection_key(session))
}
