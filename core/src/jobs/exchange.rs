//! One request, seen through: the session cache, signing with the corrected clock, AWS
//! standard-mode retries, and clock correction.
//!
//! Clock correction: a refusal that names AWS's time ("Signature expired: … earlier than …",
//! or a readable `Date` header) sets the signing clock from it. EC2's `RequestExpired` names
//! no time and browsers can't read EC2's `Date` header, so the clock is measured with STS
//! `GetCallerIdentity` (free, and its refusal does name the time), then the request is sent
//! once more. A request signed before another request corrected the clock is simply sent
//! again with the new time. Each request gets one clock retry.

use time::OffsetDateTime;

use super::{CallError, Cx, Event, Job, Learned, Ticket, TransportError};
use crate::aws::credentials::Credentials;
use crate::aws::endpoint::{EndpointError, ResolvedEndpoint, Service};
use crate::aws::error::{parse_error_response, AwsError, ErrorKind, ServiceError};
use crate::aws::http::HttpResponse;
use crate::aws::operation::{error_protocol, sign_body, GetCallerIdentity, Operation};
use crate::aws::retry::{retry_text, Failure, RetryDecision, RetryPolicy};
use crate::aws::sts;
use crate::connection::{human_duration, Connection};

/// Who signs and where the request goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub credentials: Credentials,
    pub endpoint: ResolvedEndpoint,
    /// Where to measure the clock when AWS refuses a request without saying its time (STS in
    /// the connection's region); `None` for STS itself.
    pub probe: Option<ResolvedEndpoint>,
}

impl Target {
    /// `service` for `connection`, in `region` (`None`: the connection's own).
    pub fn new(
        connection: &Connection,
        service: Service,
        region: Option<&str>,
    ) -> Result<Target, EndpointError> {
        let region = region.unwrap_or(&connection.region);
        let endpoint = connection.overrides.resolve(service, region)?;
        let probe = match service {
            Service::Sts => None,
            _ => connection
                .overrides
                .resolve(Service::Sts, &connection.region)
                .ok(),
        };
        Ok(Target {
            credentials: connection.credentials.clone(),
            endpoint,
            probe,
        })
    }
}

#[derive(Clone, Debug)]
enum State {
    Ready,
    InFlight {
        ticket: Ticket,
        offset_ms: i64,
    },
    Backoff {
        ticket: Ticket,
    },
    Probing {
        ticket: Ticket,
        refusal: AwsError,
        offset_ms: i64,
    },
    Done(Result<HttpResponse, CallError>),
}

/// One request and its retries. The answer is a 2xx response (the typed layer parses it) or
/// why there is none.
#[derive(Clone, Debug)]
pub struct Exchange {
    service: Service,
    operation: &'static str,
    body: String,
    target: Target,
    /// Whether the operation's answers may be cached (`Operation::CACHED`).
    cached: bool,
    policy: RetryPolicy,
    attempt: u32,
    clock_retry_used: bool,
    state: State,
    status: Option<String>,
    retries: Vec<String>,
    from_cache: bool,
    lookup: bool,
}

impl Exchange {
    /// The exchange for `op` (its body is checked now: an invalid input sends nothing).
    pub fn new<O: Operation>(op: &O, target: Target) -> Exchange {
        let (body, state) = match op.body() {
            Ok(body) => (body, State::Ready),
            Err(e) => (String::new(), State::Done(Err(CallError::Build(e.into())))),
        };
        Exchange {
            service: O::SERVICE,
            operation: O::NAME,
            body,
            cached: O::CACHED,
            target,
            policy: RetryPolicy::default(),
            attempt: 0,
            clock_retry_used: false,
            state,
            status: None,
            retries: Vec::new(),
            from_cache: false,
            lookup: true,
        }
    }

    /// Asks AWS even when the cache has an answer (which is then replaced).
    pub fn fresh(mut self) -> Self {
        self.lookup = false;
        self
    }

    /// The key this exchange's answer is cached under, for `env`'s identity.
    pub fn cache_key(&self, identity: Option<&super::Identity>) -> Option<String> {
        if !self.cached {
            return None;
        }
        super::Cache::key(identity, &self.target.endpoint, self.operation, &self.body)
    }

    /// Whether the answer came from the session cache.
    pub fn from_cache(&self) -> bool {
        self.from_cache
    }

    /// Every "retrying…" line so far.
    pub fn retries(&self) -> &[String] {
        &self.retries
    }

    /// The result, once done.
    pub fn result(&self) -> Option<&Result<HttpResponse, CallError>> {
        match &self.state {
            State::Done(r) => Some(r),
            _ => None,
        }
    }

    /// Takes the result, once done.
    pub fn take_result(&mut self) -> Option<Result<HttpResponse, CallError>> {
        match std::mem::replace(&mut self.state, State::Ready) {
            State::Done(r) => Some(r),
            other => {
                self.state = other;
                None
            }
        }
    }

    fn finish(&mut self, result: Result<HttpResponse, CallError>) {
        self.status = None;
        self.state = State::Done(result);
    }

    fn send(&mut self, cx: &mut Cx<'_>) {
        let offset_ms = cx.env.clock.offset_ms();
        let time = cx.env.clock.signing_time(cx.now);
        // Known to have expired (by the clock as corrected): AWS would refuse it, so it is not
        // sent at all.
        if let Some(at) = self.target.credentials.expiration() {
            let now = OffsetDateTime::from(time);
            if at <= now {
                return self.finish(Err(CallError::CredentialsExpired { at, now }));
            }
        }
        self.attempt += 1;
        match sign_body(
            self.service,
            self.operation,
            self.body.clone(),
            &self.target.endpoint,
            &self.target.credentials,
            time,
        ) {
            Ok(request) => {
                let billed = self.service == Service::CostExplorer;
                let ticket = cx.send(request, billed);
                self.state = State::InFlight { ticket, offset_ms };
            }
            Err(e) => self.finish(Err(e.into())),
        }
    }

    fn on_answer(
        &mut self,
        answer: Result<HttpResponse, TransportError>,
        offset_ms: i64,
        cx: &mut Cx<'_>,
    ) {
        let response = match answer {
            Ok(r) if (200..300).contains(&r.status) => return self.finish(Ok(r)),
            Ok(r) => r,
            Err(
                e @ (TransportError::Cancelled
                | TransportError::TooLarge { .. }
                | TransportError::Blocked { .. }
                | TransportError::PartMissing { .. }),
            ) => return self.finish(Err(e.into())),
            // AWS may have answered (and billed USD 0.01) although the page saw nothing (a
            // proxy that drops CORS headers, a timeout): no automatic retry; the page offers
            // one, with its cost.
            Err(e) if self.service == Service::CostExplorer => {
                return self.finish(Err(CallError::Transport(e)))
            }
            Err(e) => return self.retry_or_fail(Failure::Network, CallError::Transport(e), cx),
        };
        let error = parse_error_response(&response, error_protocol(self.service));
        if let Some(service_error) = error.as_service().filter(|e| is_clock_refusal(e)) {
            if !self.clock_retry_used {
                // Another request corrected the clock after this one was signed.
                if cx.env.clock.offset_ms() != offset_ms {
                    self.clock_retry_used = true;
                    return self.send(cx);
                }
                if let Some(server) = service_error.server_time {
                    let threshold = threshold(service_error, &self.policy);
                    match cx.env.clock.learn(server, cx.now, threshold) {
                        Learned::Set { offset_secs } => {
                            self.clock_retry_used = true;
                            self.note(clock_text(offset_secs, self.attempt + 1, &self.policy));
                            return self.send(cx);
                        }
                        Learned::InStep | Learned::Implausible => {}
                    }
                } else if let Some(probe) = self.target.probe.clone() {
                    self.clock_retry_used = true;
                    return self.probe(probe, error, offset_ms, cx);
                }
            }
            let error = self.explain(error, cx);
            return self.finish(Err(CallError::Aws(error)));
        }
        self.retry_or_fail(Failure::Answer(&error), CallError::Aws(error.clone()), cx);
    }

    fn probe(
        &mut self,
        probe: ResolvedEndpoint,
        refusal: AwsError,
        offset_ms: i64,
        cx: &mut Cx<'_>,
    ) {
        let time = cx.env.clock.signing_time(cx.now);
        match GetCallerIdentity.request(&probe, &self.target.credentials, time) {
            Ok(request) => {
                self.status = Some(
                    "AWS refused the request as expired; checking your computer's clock with STS…"
                        .into(),
                );
                let ticket = cx.send(request, false);
                self.state = State::Probing {
                    ticket,
                    refusal,
                    offset_ms,
                };
            }
            Err(_) => self.finish(Err(CallError::Aws(refusal))),
        }
    }

    fn on_probe(
        &mut self,
        answer: Result<HttpResponse, TransportError>,
        refusal: AwsError,
        offset_ms: i64,
        cx: &mut Cx<'_>,
    ) {
        let probe = answer.ok().map(|r| sts::parse_get_caller_identity(&r));
        // STS accepted the same clock: the refusal was not about the clock.
        if matches!(probe, Some(Ok(_))) {
            return self.finish(Err(CallError::Aws(refusal)));
        }
        let measured = probe.and_then(|r| {
            let e = r.err()?;
            e.as_service()
                .filter(|s| s.kind == ErrorKind::ClockSkew)
                .and_then(|s| s.server_time)
        });
        if let Some(server) = measured {
            let threshold = self.policy.skew_threshold;
            // Another request's probe may have set the clock already (InStep then): what
            // matters is that it differs from the one this request was signed with.
            cx.env.clock.learn(server, cx.now, threshold);
            let now_ms = cx.env.clock.offset_ms();
            if now_ms != offset_ms {
                let secs = now_ms / 1000;
                self.note(clock_text(secs, self.attempt + 1, &self.policy));
                return self.send(cx);
            }
        }
        let error = self.explain(refusal, cx);
        self.finish(Err(CallError::Aws(error)));
    }

    /// EC2 says `RequestExpired` both for expired credentials and for a clock far off; when
    /// the credentials' own expiry is still ahead (and STS did not vouch for the clock), it is
    /// the clock.
    fn explain(&self, mut error: AwsError, cx: &Cx<'_>) -> AwsError {
        if let AwsError::Service(e) = &mut error {
            let ahead = self
                .target
                .credentials
                .expiration()
                .is_some_and(|t| t > OffsetDateTime::from(cx.env.clock.signing_time(cx.now)));
            if e.kind == ErrorKind::ExpiredCredentials && e.code == "RequestExpired" && ahead {
                e.kind = ErrorKind::ClockSkew;
            }
        }
        error
    }

    fn retry_or_fail(&mut self, failure: Failure<'_>, error: CallError, cx: &mut Cx<'_>) {
        let attempt = crate::aws::retry::Attempt {
            number: self.attempt,
            random: cx.random(),
        };
        match self.policy.decide(failure, attempt) {
            RetryDecision::Retry { after, reason } => {
                self.note(retry_text(
                    reason,
                    after,
                    self.attempt + 1,
                    self.policy.max_attempts,
                ));
                let ticket = cx.sleep(after);
                self.state = State::Backoff { ticket };
            }
            RetryDecision::GiveUp => self.finish(Err(error)),
        }
    }

    fn note(&mut self, line: String) {
        self.retries.push(line.clone());
        self.status = Some(line);
    }
}

impl Job for Exchange {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        match (std::mem::replace(&mut self.state, State::Ready), event) {
            (State::Ready, None) => {
                if let Some(key) = self
                    .cache_key(cx.env.identity.as_ref())
                    .filter(|_| self.lookup)
                {
                    if let Some(hit) = cx.env.cache.get(&key) {
                        self.from_cache = true;
                        return self.finish(Ok(hit.clone()));
                    }
                }
                self.send(cx)
            }
            (State::InFlight { ticket, offset_ms }, Some(Event::Answer { ticket: t, answer }))
                if t == ticket =>
            {
                self.on_answer(answer, offset_ms, cx)
            }
            (State::Backoff { ticket }, Some(Event::Woke { ticket: t })) if t == ticket => {
                self.status = None;
                self.send(cx)
            }
            (
                State::Probing {
                    ticket,
                    refusal,
                    offset_ms,
                },
                Some(Event::Answer { ticket: t, answer }),
            ) if t == ticket => self.on_probe(answer, refusal, offset_ms, cx),
            // Not this exchange's event (or already done): nothing changes.
            (state, _) => self.state = state,
        }
    }

    fn is_done(&self) -> bool {
        matches!(self.state, State::Done(_))
    }

    fn status(&self) -> Option<String> {
        self.status.clone()
    }
}

/// Refusals that may mean the signing time is off.
fn is_clock_refusal(e: &ServiceError) -> bool {
    e.kind == ErrorKind::ClockSkew || crate::aws::error::may_be_clock_skew(&e.code)
}

/// A code that always means skew takes any measured difference; one that only may mean skew
/// (`RequestExpired`, `AuthFailure`) counts only past the policy's threshold.
fn threshold(e: &ServiceError, policy: &RetryPolicy) -> std::time::Duration {
    if e.kind == ErrorKind::ClockSkew {
        std::time::Duration::from_secs(1)
    } else {
        policy.skew_threshold
    }
}

fn clock_text(offset_secs: i64, next: u32, policy: &RetryPolicy) -> String {
    format!(
        "Your computer's clock is {} AWS's; correcting by {} and retrying (attempt {next} of {}).",
        if offset_secs > 0 {
            "behind"
        } else {
            "ahead of"
        },
        human_duration(time::Duration::seconds(offset_secs.abs())),
        policy.max_attempts
    )
}
