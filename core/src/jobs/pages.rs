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
        keep(exchange, cx, response);
        Ok(output)
    }))
}

/// Stores a parsed answer in the session cache (unless it came from there).
fn keep(exchange: &Exchange, cx: &mut Cx<'_>, response: HttpResponse) {
    if !exchange.from_cache() {
        if let Some(key) = exchange.cache_key(cx.env.identity.as_ref()) {
            cx.env.cache.insert(key, response);
        }
    }
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
///
/// The typed part is only what needs the operation's types (the input, its token, the parsed
/// pages); the loop itself is [`Walk`], compiled once for every operation.
pub struct Pages<O: Paged + Clone> {
    first: O,
    input: O,
    pages: Vec<O::Output>,
    /// The progress line between pages (`None`: [`Walk::after`]'s "Fetched 2 pages…").
    progress: Option<Progress<O::Output>>,
    walk: Walk,
}

/// Writes the progress line from the pages so far.
pub type Progress<T> = fn(&[T]) -> String;

/// What the paging loop does after a page.
enum Turn {
    /// Nothing more to send (done, failed, or waiting for the exchange).
    Stop,
    /// Start again from the first page (the pages so far are dropped).
    Restart,
    /// Ask for the page with this token.
    Next(String),
}

/// The paging loop without the operation's types.
struct Walk {
    target: Option<Target>,
    token_name: &'static str,
    pager: Pager,
    max_pages: u32,
    exchange: Option<Exchange>,
    restarted: bool,
    from_cache: bool,
    result: Option<Result<(), CallError>>,
    note: Option<String>,
}

impl Walk {
    /// Starts `exchange` (bypassing the cache after a restart: the cached pages hold the
    /// tokens AWS no longer accepts).
    fn start(&mut self, exchange: Exchange, cx: &mut Cx<'_>) {
        let mut exchange = if self.restarted {
            exchange.fresh()
        } else {
            exchange
        };
        exchange.step(None, cx);
        self.exchange = Some(exchange);
    }

    /// The exchange, once it has its answer.
    fn finished(&mut self) -> Option<&mut Exchange> {
        self.exchange.as_mut().filter(|e| e.is_done())
    }

    /// After a page: its next token (`Ok`), or why there is none; `token_sent`: whether the
    /// request carried a token (only then may an invalid token restart the pagination).
    fn after(
        &mut self,
        answer: Result<Option<String>, CallError>,
        token_sent: bool,
        pages: usize,
    ) -> Turn {
        if let Some(exchange) = self.exchange.take() {
            self.from_cache &= exchange.from_cache();
        }
        let token = match answer {
            Ok(token) => token,
            Err(e) if !self.restarted && token_sent && is_invalid_token(&e) => {
                self.restarted = true;
                self.note = Some(format!(
                    "AWS no longer accepts the page token ({}); starting this query's pages again…",
                    self.token_name
                ));
                self.pager = Pager::new(self.max_pages);
                return Turn::Restart;
            }
            Err(e) => {
                self.result = Some(Err(e));
                return Turn::Stop;
            }
        };
        match self.pager.after_page(token.as_deref()) {
            Err(e) => self.result = Some(Err(e.into())),
            Ok(Next::Done) => self.result = Some(Ok(())),
            Ok(Next::Fetch(token)) => {
                self.note = Some(format!("Fetched {pages} pages; fetching more…"));
                return Turn::Next(token);
            }
        }
        Turn::Stop
    }

    fn status(&self) -> Option<String> {
        self.exchange
            .as_ref()
            .and_then(Exchange::status)
            .or_else(|| self.note.clone())
    }
}

fn is_invalid_token(e: &CallError) -> bool {
    matches!(
        e.aws_code(),
        Some("InvalidNextTokenException" | "InvalidNextToken")
    )
}

impl<O: Paged + Clone> Pages<O> {
    /// Every page of `first` from `target`, at most `max_pages`.
    pub fn new(first: O, target: Target, max_pages: u32) -> Self {
        Pages {
            input: first.clone(),
            first,
            pages: Vec::new(),
            progress: None,
            walk: Walk {
                target: Some(target),
                token_name: O::TOKEN,
                pager: Pager::new(max_pages),
                max_pages,
                exchange: None,
                restarted: false,
                from_cache: true,
                result: None,
                note: None,
            },
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
                job.walk.target = None;
                job.walk.result = Some(Err(e.into()));
                job
            }
        }
    }

    /// What the progress line says between pages (default: "Fetched 2 pages; fetching more…").
    pub fn with_progress(mut self, progress: Progress<O::Output>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Pages received so far.
    pub fn pages(&self) -> &[O::Output] {
        &self.pages
    }

    /// Whether every page came from the session cache.
    pub fn from_cache(&self) -> bool {
        self.walk.from_cache && self.walk.result.as_ref().is_some_and(Result::is_ok)
    }

    /// Every page, or why not (`Cancelled` if the job never finished).
    pub fn into_result(self) -> Result<Vec<O::Output>, CallError> {
        match self.walk.result {
            Some(Ok(())) => Ok(self.pages),
            Some(Err(e)) => Err(e),
            None => Err(super::TransportError::Cancelled.into()),
        }
    }

    /// Sends the current input, and goes on for as long as answers come at once (cached).
    fn fetch(&mut self, cx: &mut Cx<'_>) {
        loop {
            let Some(target) = self.walk.target.clone() else {
                return;
            };
            self.walk.start(Exchange::new(&self.input, target), cx);
            if !self.after_exchange(cx) {
                return;
            }
        }
    }

    /// Takes a finished exchange's page; whether to send the next request now.
    fn after_exchange(&mut self, cx: &mut Cx<'_>) -> bool {
        let Some(result) = self.walk.finished().and_then(|e| parse::<O>(e, cx)) else {
            return false;
        };
        let answer = result.map(|page| {
            let token = O::next_token(&page).map(str::to_owned);
            self.pages.push(page);
            token
        });
        let token_sent = self.input.token().is_some();
        match self.walk.after(answer, token_sent, self.pages.len()) {
            Turn::Stop => false,
            Turn::Restart => {
                self.pages.clear();
                self.input = self.first.clone();
                true
            }
            Turn::Next(token) => {
                if let Some(progress) = self.progress {
                    self.walk.note = Some(progress(&self.pages));
                }
                self.input.set_token(Some(token));
                true
            }
        }
    }
}

impl<O: Paged + Clone> Job for Pages<O> {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        if self.walk.result.is_some() {
            return;
        }
        match (event, self.walk.exchange.as_mut()) {
            (None, None) => self.fetch(cx),
            (Some(event), Some(exchange)) => {
                exchange.step(Some(event), cx);
                if self.after_exchange(cx) {
                    self.fetch(cx);
                }
            }
            _ => {}
        }
    }

    fn is_done(&self) -> bool {
        self.walk.result.is_some()
    }

    fn status(&self) -> Option<String> {
        self.walk.status()
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
