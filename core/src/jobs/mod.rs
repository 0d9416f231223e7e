//! Everything that takes more than one request, as pure state machines: the core decides which
//! requests to send next given the answers so far, and the app's shell only performs them.
//!
//! A [`Job`] writes [`Command`]s (send this request, wake me after this long) into its
//! [`Cx`] and is fed [`Event`]s (an answer, a timer) for the tickets it issued. A [`Run`]
//! does the bookkeeping common to every job: which tickets are outstanding, what the job cost,
//! and cancellation, after which nothing more is sent and no event reaches the job. Time and
//! randomness come in through [`Cx`]; nothing here reads a clock.
//!
//! The jobs: [`Exchange`] (one request: retries, clock correction, the session cache, cost),
//! [`Single`] and [`Pages`] (one operation, typed, one page or all of them), and [`Window`]
//! (a fan-out with at most N in flight).

mod cache;
mod clock;
mod exchange;
mod pages;
mod window;

pub use cache::{Cache, Identity};
pub use clock::{Learned, SigningClock, MAX_OFFSET};
pub use exchange::{Exchange, Target};
pub use pages::{Pages, Single};
pub use window::Window;

use std::time::{Duration, SystemTime};

use crate::aws::endpoint::EndpointError;
use crate::aws::error::AwsError;
use crate::aws::http::{HttpRequest, HttpResponse};
use crate::aws::input::BuildError;
use crate::aws::paginate::PaginationError;

/// How long one attempt may take before the shell abandons it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Names one request or timer of a job, unique for the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticket(pub u64);

/// What a job asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Send `request`; answer with [`Event::Answer`] for `ticket`.
    Send {
        ticket: Ticket,
        request: HttpRequest,
        timeout: Duration,
    },
    /// Wait `after`, then deliver [`Event::Woke`] for `ticket`.
    Sleep { ticket: Ticket, after: Duration },
    /// Abort the request (or timer) `ticket`: its answer is no longer wanted.
    Abort { ticket: Ticket },
}

/// What the shell feeds back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The request `ticket` came back (any HTTP status), or no answer came.
    Answer {
        ticket: Ticket,
        answer: Result<HttpResponse, TransportError>,
    },
    /// The timer `ticket` ran out.
    Woke { ticket: Ticket },
}

impl Event {
    /// The ticket the event is for.
    pub fn ticket(&self) -> Ticket {
        match self {
            Event::Answer { ticket, .. } | Event::Woke { ticket } => *ticket,
        }
    }
}

/// Why no HTTP answer came back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The browser's `fetch` rejected: the network is down or the browser refused the call
    /// (CORS). Browsers deliberately do not say which.
    #[error(
        "No answer from {endpoint}. Either the network is down, or the browser refused the call \
         because that endpoint does not allow calls from this page (CORS). If your network or \
         policy blocks direct calls to AWS, set a pass-through proxy under Custom endpoints."
    )]
    NoAnswer { endpoint: String },
    /// The attempt took longer than its timeout and was abandoned.
    #[error("{endpoint} did not answer within {secs} s; the request was abandoned.")]
    TimedOut { endpoint: String, secs: u64 },
    /// The answer was longer than [`MAX_BODY_BYTES`]; reading stopped there.
    #[error(
        "The answer from {endpoint} is larger than {} MB, far more than any answer of these \
         operations; Reservation Lens stopped reading it. If a proxy or stand-in sits in \
         between, check what it returns.",
        MAX_BODY_BYTES / 1_000_000
    )]
    TooLarge { endpoint: String },
    /// The page's Content-Security-Policy does not allow this origin: nothing was sent.
    #[error(
        "This deployment's Content-Security-Policy does not allow connections to {origin}, so \
         the browser would block the request: nothing was sent. Whoever deployed Reservation \
         Lens can allow it by building with LENS_CONNECT_SRC=\"{origin}\" (see the README), or \
         use an endpoint the policy allows."
    )]
    Blocked { origin: String },
    /// Part of the app itself (the sample data, in the browser a file of its own) did not
    /// arrive from the page's server: nothing was asked.
    #[error("{}", part_missing_text(.part))]
    PartMissing { part: &'static str },
    /// The job was cancelled.
    #[error("Cancelled.")]
    Cancelled,
}

/// What is said when part of the app did not arrive ([`TransportError::PartMissing`]'s words),
/// on its own so that the first view can say it without carrying every error's `Display`.
pub fn part_missing_text(part: &str) -> String {
    format!(
        "The code of {part} did not arrive from this page's server, so nothing was asked. Check \
         the network, then try again. If it keeps failing, the deployment may have changed \
         since this page was opened: reload the page."
    )
}

/// The longest answer a transport reads (64 MB). The largest real answers are a few MB: a
/// page of 1,000 reservations with tags, or coverage grouped into thousands of groups.
pub const MAX_BODY_BYTES: usize = 64_000_000;

/// Why a call produced no result.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CallError {
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// The input was refused before anything was sent.
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// AWS (or something in its place) answered with an error.
    #[error(transparent)]
    Aws(#[from] AwsError),
    /// AWS kept returning more pages than make sense.
    #[error(transparent)]
    Pagination(#[from] PaginationError),
    /// The credentials' own expiry had passed: nothing was sent.
    #[error(
        "These credentials expired at {} ({} ago): nothing was sent. Paste fresh credentials \
         (from the AWS access portal or aws sts).",
        crate::connection::utc_text(*.at),
        crate::connection::human_duration((*.now - *.at).max(time::Duration::ZERO))
    )]
    CredentialsExpired {
        /// When they expired.
        at: time::OffsetDateTime,
        /// The (corrected) time of the refusal.
        now: time::OffsetDateTime,
    },
}

impl CallError {
    /// True when the job was cancelled: nothing to report.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, CallError::Transport(TransportError::Cancelled))
    }

    /// The AWS error code, if AWS sent one.
    pub fn aws_code(&self) -> Option<&str> {
        match self {
            CallError::Aws(e) => e.as_service().map(|s| s.code.as_str()),
            _ => None,
        }
    }
}

/// Requests a job (or the session) sent to a billed service. Cost Explorer bills USD 0.01 a
/// request; the sample-data transport bills nothing, so nothing is counted there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// Cost Explorer requests sent.
    pub ce_requests: u32,
}

impl Cost {
    /// `"3 requests, USD 0.03"`.
    pub fn describe(self) -> String {
        let n = self.ce_requests;
        format!(
            "{n} request{}, USD {}.{:02}",
            if n == 1 { "" } else { "s" },
            n / 100,
            n % 100
        )
    }
}

/// What every job of the session shares: the signing clock, who is asking, the cache, and
/// the session's bill.
#[derive(Debug, Default)]
pub struct Env {
    /// The correction applied to the local clock when signing.
    pub clock: SigningClock,
    /// Who the connection belongs to (from STS): part of every cache key.
    pub identity: Option<Identity>,
    /// Answers already received this session.
    pub cache: Cache,
    /// Whether the transport's requests are billed (false for the sample data).
    pub billed: bool,
    /// Everything billed this session.
    pub spent: Cost,
    next_ticket: u64,
}

impl Env {
    /// A session whose requests are billed when `billed`.
    pub fn new(billed: bool) -> Env {
        Env {
            billed,
            ..Env::default()
        }
    }

    /// Forgets who is asking and everything learned with them (the bill stays: it is spent).
    pub fn forget(&mut self) {
        self.identity = None;
        self.cache.clear();
    }
}

/// One step's world: the session, the local time, randomness, and where commands go.
pub struct Cx<'a> {
    pub env: &'a mut Env,
    /// The local clock, uncorrected.
    pub now: SystemTime,
    random: &'a mut dyn FnMut() -> f64,
    out: Vec<Command>,
    cost: Cost,
}

impl<'a> Cx<'a> {
    /// A context for one step.
    pub fn new(env: &'a mut Env, now: SystemTime, random: &'a mut dyn FnMut() -> f64) -> Self {
        Cx {
            env,
            now,
            random,
            out: Vec::new(),
            cost: Cost::default(),
        }
    }

    /// Asks the shell to send `request`; `billed` when it goes to Cost Explorer.
    pub fn send(&mut self, request: HttpRequest, billed: bool) -> Ticket {
        let ticket = self.ticket();
        if billed && self.env.billed {
            self.cost.ce_requests += 1;
            self.env.spent.ce_requests += 1;
        }
        self.out.push(Command::Send {
            ticket,
            request,
            timeout: DEFAULT_TIMEOUT,
        });
        ticket
    }

    /// Asks the shell for a timer.
    pub fn sleep(&mut self, after: Duration) -> Ticket {
        let ticket = self.ticket();
        self.out.push(Command::Sleep { ticket, after });
        ticket
    }

    /// Uniform in `[0, 1)`, from the shell.
    pub fn random(&mut self) -> f64 {
        (self.random)()
    }

    /// How many commands were issued so far this step (see [`Cx::tickets_since`]).
    pub fn mark(&self) -> usize {
        self.out.len()
    }

    /// The tickets issued since `mark`.
    pub fn tickets_since(&self, mark: usize) -> impl Iterator<Item = Ticket> + '_ {
        self.out[mark..].iter().filter_map(|c| match c {
            Command::Send { ticket, .. } | Command::Sleep { ticket, .. } => Some(*ticket),
            Command::Abort { .. } => None,
        })
    }

    fn ticket(&mut self) -> Ticket {
        self.env.next_ticket += 1;
        Ticket(self.env.next_ticket)
    }
}

/// A multi-request piece of work, driven by events.
pub trait Job {
    /// Starts the job (`None`) or feeds it an event for one of its tickets.
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>);
    /// Whether the job has its result.
    fn is_done(&self) -> bool;
    /// What it is doing, for the page ("Throttled by AWS, retrying in 1.2 s…").
    fn status(&self) -> Option<String>;
}

/// The bookkeeping of one running job: outstanding tickets, cost, cancellation. (A job has a
/// handful of tickets out at once: plain vectors, not ordered sets, keep the bundle small.)
#[derive(Debug, Default)]
pub struct Run {
    outstanding: Vec<Ticket>,
    in_flight: Vec<Ticket>,
    peak_in_flight: usize,
    cost: Cost,
    cancelled: bool,
    started: bool,
}

impl Run {
    /// A run that has not started.
    pub fn new() -> Run {
        Run::default()
    }

    /// Starts `job`; returns what to do.
    pub fn start(&mut self, job: &mut dyn Job, cx: Cx<'_>) -> Vec<Command> {
        if self.started || self.cancelled {
            return Vec::new();
        }
        self.started = true;
        self.step(job, None, cx)
    }

    /// Feeds `event` to `job`. Events for tickets the job no longer waits for (aborted,
    /// cancelled, or unknown) are dropped.
    pub fn deliver(&mut self, job: &mut dyn Job, event: Event, cx: Cx<'_>) -> Vec<Command> {
        let ticket = event.ticket();
        if self.cancelled || job.is_done() || !remove(&mut self.outstanding, ticket) {
            return Vec::new();
        }
        remove(&mut self.in_flight, ticket);
        self.step(job, Some(event), cx)
    }

    /// Cancels the job: every outstanding request and timer is aborted, nothing more is sent,
    /// and no later event reaches the job.
    pub fn cancel(&mut self) -> Vec<Command> {
        self.cancelled = true;
        self.in_flight.clear();
        std::mem::take(&mut self.outstanding)
            .into_iter()
            .map(|ticket| Command::Abort { ticket })
            .collect()
    }

    /// Whether the job is over (done or cancelled).
    pub fn is_over(&self, job: &dyn Job) -> bool {
        self.cancelled || job.is_done()
    }

    /// Whether [`Run::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }

    /// What this job was billed.
    pub fn cost(&self) -> Cost {
        self.cost
    }

    /// Requests sent and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// The most requests this job ever had in flight at once.
    pub fn peak_in_flight(&self) -> usize {
        self.peak_in_flight
    }

    fn step(&mut self, job: &mut dyn Job, event: Option<Event>, mut cx: Cx<'_>) -> Vec<Command> {
        job.step(event, &mut cx);
        self.cost.ce_requests += cx.cost.ce_requests;
        let mut out = std::mem::take(&mut cx.out);
        for command in &out {
            match command {
                Command::Send { ticket, .. } => {
                    self.outstanding.push(*ticket);
                    self.in_flight.push(*ticket);
                }
                Command::Sleep { ticket, .. } => {
                    self.outstanding.push(*ticket);
                }
                Command::Abort { .. } => {}
            }
        }
        self.peak_in_flight = self.peak_in_flight.max(self.in_flight.len());
        // A job that is done waits for nothing: whatever is still out is not wanted.
        if job.is_done() {
            out.extend(
                std::mem::take(&mut self.outstanding)
                    .into_iter()
                    .map(|ticket| Command::Abort { ticket }),
            );
            self.in_flight.clear();
        }
        out
    }
}

/// Removes `ticket` from `tickets`; whether it was there.
fn remove(tickets: &mut Vec<Ticket>, ticket: Ticket) -> bool {
    match tickets.iter().position(|t| *t == ticket) {
        Some(i) => {
            tickets.swap_remove(i);
            true
        }
        None => false,
    }
}
