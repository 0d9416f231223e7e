//! Typed calls: one answer ([`Single`]) or every page of one ([`Pages`]).

use super::{CallError, Cx, Event, Exchange, Job, Target};
use crate::aws::http::HttpResponse;
use crate::aws::operation::{Operation, Paged};
use crate::aws::paginate::{Next, Pager};
use crate::connection::Connection;

/// Parses a finished exchange's answer and stores it in the session cache.
fn parse<O: Operation>(
    exchange: &mut Exchange,
    cx: &mut Cx<'_>,
) -> Option<Result<O::Output, CallError>> {
    let answer: Result<HttpResponse, CallError> = exchange.take_result()?;
    Some(answer.and_then(|response| {
        let output = O::parse(&response)?;
        if !exchange.from_cache() {
            if let Some(key) = exchange.cache_key(cx.env.identity.as_ref()) {
                cx.env.cache.insert(key, response);
            }
        }
        Ok(output)
    }))
}

/// One operation, one answer.
pub struct Single<O: Operation> {
    exchange: Exchange,
    result: Option<Result<O::Output, CallError>>,
}

impl<O: Operation> Single<O> {
    /// `op` sent to `target`.
    pub fn new(op: &O, target: Target) -> Self {
        Single {
            exchange: Exchange::new(op, target),
            result: None,
        }
    }

    /// `op` for `connection` (in `region`, or the connection's own); a region with no
    /// endpoint fails the job without sending anything.
    pub fn for_connection(op: &O, connection: &Connection, region: Option<&str>) -> Self {
        match Target::new(connection, O::SERVICE, region) {
            Ok(target) => Single::new(op, target),
            Err(e) => Single {
                exchange: Exchange::new(op, placeholder(connection)),
                result: Some(Err(e.into())),
            },
        }
    }

    /// The "retrying…" lines of the call.
    pub fn retries(&self) -> &[String] {
        self.exchange.retries()
    }

    /// The answer (`Cancelled` if the job never finished).
    pub fn into_result(self) -> Result<O::Output, CallError> {
        self.result
            .unwrap_or(Err(super::TransportError::Cancelled.into()))
    }
}

impl<O: Operation> Job for Single<O> {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        if self.result.is_some() {
            return;
        }
        self.exchange.step(event, cx);
        if self.exchange.is_done() {
            self.result = parse::<O>(&mut self.exchange, cx);
        }
    }

    fn is_done(&self) -> bool {
        self.result.is_some()
    }

    fn status(&self) -> Option<String> {
        self.exchange.status()
    }
}

/// Every page of one operation's answer: follows the page token, stops at a page cap or a
/// repeated token, and restarts the pagination once when AWS no longer accepts a token
/// (`InvalidNextTokenException`).
pub struct Pages<O: Paged + Clone> {
    first: O,
    input: O,
    target: Option<Target>,
    pager: Pager,
    max_pages: u32,
    exchange: Option<Exchange>,
    pages: Vec<O::Output>,
    restarted: bool,
    from_cache: bool,
    result: Option<Result<(), CallError>>,
    note: Option<String>,
    progress: fn(&[O::Output]) -> String,
}

impl<O: Paged + Clone> Pages<O> {
    /// Every page of `first` from `target`, at most `max_pages`.
    pub fn new(first: O, target: Target, max_pages: u32) -> Self {
        Pages {
            input: first.clone(),
            first,
            target: Some(target),
            pager: Pager::new(max_pages),
            max_pages,
            exchange: None,
            pages: Vec::new(),
            restarted: false,
            from_cache: true,
            result: None,
            note: None,
            progress: |pages| format!("Fetched {} pages; fetching more…", pages.len()),
        }
    }

    /// The same for `connection` (in `region`, or the connection's own).
    pub fn for_connection(
        first: O,
        connection: &Connection,
        region: Option<&str>,
        max_pages: u32,
    ) -> Self {
        match Target::new(connection, O::SERVICE, region) {
            Ok(target) => Pages::new(first, target, max_pages),
            Err(e) => {
                let mut job = Pages::new(first, placeholder(connection), max_pages);
                job.target = None;
                job.result = Some(Err(e.into()));
                job
            }
        }
    }

    /// What the progress line says between pages (default: "Fetched 2 pages; fetching more…").
    pub fn with_progress(mut self, progress: fn(&[O::Output]) -> String) -> Self {
        self.progress = progress;
        self
    }

    /// Pages received so far.
    pub fn pages(&self) -> &[O::Output] {
        &self.pages
    }

    /// Whether every page came from the session cache.
    pub fn from_cache(&self) -> bool {
        self.from_cache && self.result.as_ref().is_some_and(Result::is_ok)
    }

    /// Every page, or why not (`Cancelled` if the job never finished).
    pub fn into_result(self) -> Result<Vec<O::Output>, CallError> {
        match self.result {
            Some(Ok(())) => Ok(self.pages),
            Some(Err(e)) => Err(e),
            None => Err(super::TransportError::Cancelled.into()),
        }
    }

    fn fetch(&mut self, cx: &mut Cx<'_>) {
        let Some(target) = self.target.clone() else {
            return;
        };
        let mut exchange = Exchange::new(&self.input, target);
        if self.restarted {
            // The cached pages hold the tokens AWS no longer accepts.
            exchange = exchange.fresh();
        }
        exchange.step(None, cx);
        self.exchange = Some(exchange);
        self.after_exchange(cx);
    }

    fn after_exchange(&mut self, cx: &mut Cx<'_>) {
        let Some(exchange) = self.exchange.as_mut() else {
            return;
        };
        if !exchange.is_done() {
            return;
        }
        let from_cache = exchange.from_cache();
        let Some(result) = parse::<O>(exchange, cx) else {
            return;
        };
        self.exchange = None;
        self.from_cache &= from_cache;
        let page = match result {
            Ok(page) => page,
            Err(e) if self.may_restart(&e) => {
                self.restarted = true;
                self.note = Some(format!(
                    "AWS no longer accepts the page token ({}); starting this query's pages again…",
                    O::TOKEN
                ));
                self.pages.clear();
                self.pager = Pager::new(self.max_pages);
                self.input = self.first.clone();
                return self.fetch(cx);
            }
            Err(e) => {
                self.result = Some(Err(e));
                return;
            }
        };
        let next = self.pager.after_page(O::next_token(&page));
        self.pages.push(page);
        match next {
            Err(e) => self.result = Some(Err(e.into())),
            Ok(Next::Done) => self.result = Some(Ok(())),
            Ok(Next::Fetch(token)) => {
                self.note = Some((self.progress)(&self.pages));
                self.input.set_token(Some(token));
                self.fetch(cx)
            }
        }
    }

    fn may_restart(&self, e: &CallError) -> bool {
        !self.restarted
            && self.input.token().is_some()
            && matches!(
                e.aws_code(),
                Some("InvalidNextTokenException" | "InvalidNextToken")
            )
    }
}

impl<O: Paged + Clone> Job for Pages<O> {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        if self.result.is_some() {
            return;
        }
        match (event, self.exchange.as_mut()) {
            (None, None) => self.fetch(cx),
            (Some(event), Some(exchange)) => {
                exchange.step(Some(event), cx);
                self.after_exchange(cx);
            }
            _ => {}
        }
    }

    fn is_done(&self) -> bool {
        self.result.is_some()
    }

    fn status(&self) -> Option<String> {
        self.exchange
            .as_ref()
            .and_then(Exchange::status)
            .or_else(|| self.note.clone())
    }
}

/// A target for a job that failed before it could have one (it is never used to send).
fn placeholder(connection: &Connection) -> Target {
    Target {
        credentials: connection.credentials.clone(),
        endpoint: crate::aws::endpoint::ResolvedEndpoint {
            url: String::new(),
            signing_url: String::new(),
            signing_host: String::new(),
            signing_region: String::new(),
            signing_name: "",
        },
        probe: None,
    }
}
