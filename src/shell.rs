//! The one driver: runs any of the core's jobs through the session's transport. It performs
//! the commands a job returns (send, sleep, abort) and feeds the answers back; every decision
//! is the job's. Components start jobs and render their state; they hold no loops.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

use crate::jobs::{Command, Cost, Cx, Env, Event, Identity, Job, Run, Ticket};
use crate::transport::{self, Fetch, Sample, Transport};

/// One job's Cancel button: cancelling aborts every request the job has in flight, sends
/// nothing more, and its result never reaches the page.
#[derive(Clone, Default)]
pub struct JobHandle(Rc<HandleState>);

#[derive(Default)]
struct HandleState {
    cancelled: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl JobHandle {
    /// A handle nobody has cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels the job.
    pub fn cancel(&self) {
        self.0.cancelled.set(true);
        if let Some(waker) = self.0.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Whether [`JobHandle::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.get()
    }
}

impl std::fmt::Debug for JobHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobHandle")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

/// Where a job's answers and timers land: each request and timer runs as its own task and
/// posts its event here (smaller than a `FuturesUnordered` plus `select`, and the same thing
/// for a handful of requests).
#[derive(Default)]
struct Mailbox {
    events: RefCell<VecDeque<Event>>,
    waker: RefCell<Option<Waker>>,
}

impl Mailbox {
    fn post(&self, event: Event) {
        self.events.borrow_mut().push_back(event);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }
}

/// A view's place for the job it runs: leaving the view (the slot's owner is cleaned up)
/// cancels the job, and starting a new one cancels the one before.
#[derive(Clone, Copy)]
pub struct JobSlot(StoredValue<JobHandle, LocalStorage>);

impl Default for JobSlot {
    fn default() -> Self {
        JobSlot::new()
    }
}

impl JobSlot {
    /// A slot whose job is cancelled when the current reactive owner (the view) goes away.
    pub fn new() -> JobSlot {
        let slot = JobSlot(StoredValue::new_local(JobHandle::new()));
        on_cleanup(move || slot.cancel());
        slot
    }

    /// Cancels the job in the slot (a Cancel button).
    pub fn cancel(&self) {
        if let Some(handle) = self.0.try_get_value() {
            handle.cancel();
        }
    }

    /// The handle for a new job, the previous one cancelled; `None` once the view is gone.
    pub fn start(&self) -> Option<JobHandle> {
        self.cancel();
        let handle = JobHandle::new();
        self.0
            .try_set_value(handle.clone())
            .is_none()
            .then_some(handle)
    }
}

/// The next event, or `None` once the job is cancelled.
struct NextEvent<'a>(&'a Mailbox, &'a JobHandle);

impl Future for NextEvent<'_> {
    type Output = Option<Event>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        if self.1.is_cancelled() {
            return Poll::Ready(None);
        }
        if let Some(event) = self.0.events.borrow_mut().pop_front() {
            return Poll::Ready(Some(event));
        }
        *self.0.waker.borrow_mut() = Some(cx.waker().clone());
        *self.1 .0.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// The job was cancelled: there is nothing to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

/// The session's side of every job: the core's [`Env`], the transport, and the running jobs.
#[derive(Clone, Copy)]
pub struct Shell {
    env: StoredValue<Env, LocalStorage>,
    /// Whether jobs go to the sample AWS (else the network). The transport itself is made
    /// where jobs run ([`Shell::drive`]), so that its code loads with the parts of the app that
    /// run jobs, not with the first view (`crate::chunks`).
    sample: StoredValue<bool, LocalStorage>,
    running: StoredValue<Vec<Weak<HandleState>>, LocalStorage>,
    /// Cost Explorer requests sent to AWS this session (the sample data is free, not counted).
    pub spent: RwSignal<u32>,
    /// The signing clock's correction, in milliseconds, once AWS taught it.
    pub clock_offset_ms: RwSignal<i64>,
}

impl Shell {
    /// Creates the shell (network transport) and provides it to the components below.
    pub fn provide() -> Shell {
        let shell = Shell {
            env: StoredValue::new_local(Env::new(true)),
            sample: StoredValue::new_local(false),
            running: StoredValue::new_local(Vec::new()),
            spent: RwSignal::new(0),
            clock_offset_ms: RwSignal::new(0),
        };
        provide_context(shell);
        shell
    }

    /// The shell provided by `App`.
    pub fn get() -> Shell {
        expect_context::<Shell>()
    }

    /// New credentials: every job of the old ones is cancelled and the clock and identity
    /// they taught are dropped (answers stay cached under the identity that received them, so
    /// another caller never sees them). `sample` switches to the in-process sample AWS.
    pub fn reset(&self, sample: bool) {
        self.cancel_all();
        self.sample.set_value(sample);
        self.env.update_value(|env| {
            env.identity = None;
            env.clock.reset();
            // AWS bills what goes over the network; the sample data bills nothing.
            env.billed = !sample;
        });
        self.clock_offset_ms.set(0);
    }

    /// Forget: [`Shell::reset`], and every cached answer goes too.
    pub fn forget(&self) {
        self.reset(false);
        self.env.update_value(Env::forget);
    }

    /// Who the connection belongs to: part of every cache key from now on.
    pub fn set_identity(&self, identity: Option<Identity>) {
        self.env.update_value(|env| env.identity = identity);
    }

    /// Cancels every running job.
    pub fn cancel_all(&self) {
        let running = self
            .running
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for state in running.iter().filter_map(Weak::upgrade) {
            JobHandle(state).cancel();
        }
    }

    /// Whether `key` (see `jobs::Cache::key`) has an answer already.
    pub fn is_cached(&self, key: &dyn Fn(Option<&Identity>) -> Option<String>) -> bool {
        self.env
            .with_value(|env| key(env.identity.as_ref()).is_some_and(|k| env.cache.contains(&k)))
    }

    /// Who is asking, as far as the session knows.
    pub fn identity(&self) -> Option<Identity> {
        self.env.with_value(|env| env.identity.clone())
    }

    /// Runs `job` to its end. `status` gets its progress line after every step (`None` at the
    /// end). Returns what the job was billed, or [`Cancelled`].
    pub async fn drive(
        &self,
        job: &mut dyn Job,
        handle: &JobHandle,
        status: &dyn Fn(Option<String>),
    ) -> Result<Cost, Cancelled> {
        if handle.is_cancelled() {
            return Err(Cancelled);
        }
        self.running
            .update_value(|r| r.push(Rc::downgrade(&handle.0)));
        let transport: Box<dyn Transport> = if self.sample.get_value() {
            Box::new(Sample)
        } else {
            Box::new(Fetch::default())
        };
        let mut run = Run::new();
        let mailbox = Rc::new(Mailbox::default());
        let mut aborts: Aborts = Vec::new();
        let mut commands = self.step(|env, now, random| run.start(job, Cx::new(env, now, random)));
        let outcome = loop {
            for command in commands.drain(..) {
                perform(command, transport.as_ref(), &mailbox, &mut aborts);
            }
            status(job.status());
            if run.is_over(job) {
                break Ok(run.cost());
            }
            match NextEvent(&mailbox, handle).await {
                Some(event) => {
                    let ticket = event.ticket();
                    aborts.retain(|(t, _)| *t != ticket);
                    commands = self.step(|env, now, random| {
                        run.deliver(job, event, Cx::new(env, now, random))
                    });
                }
                None => {
                    for command in run.cancel() {
                        perform(command, transport.as_ref(), &mailbox, &mut aborts);
                    }
                    break Err(Cancelled);
                }
            }
        };
        status(None);
        self.running.try_update_value(|r| {
            r.retain(|w| w.upgrade().is_some_and(|s| !Rc::ptr_eq(&s, &handle.0)))
        });
        outcome
    }

    fn step(
        &self,
        f: impl FnOnce(&mut Env, std::time::SystemTime, &mut dyn FnMut() -> f64) -> Vec<Command>,
    ) -> Vec<Command> {
        let mut random = js_sys::Math::random;
        let now = transport::local_now();
        let (commands, spent, offset) = self
            .env
            .try_update_value(|env| {
                let commands = f(env, now, &mut random);
                (commands, env.spent.ce_requests, env.clock.offset_ms())
            })
            .unwrap_or_default();
        if self.spent.get_untracked() != spent {
            self.spent.set(spent);
        }
        if self.clock_offset_ms.get_untracked() != offset {
            self.clock_offset_ms.set(offset);
        }
        commands
    }
}

/// How to abandon each request still out, by ticket.
type Aborts = Vec<(Ticket, Box<dyn Fn()>)>;

fn perform(
    command: Command,
    transport: &dyn Transport,
    mailbox: &Rc<Mailbox>,
    aborts: &mut Aborts,
) {
    match command {
        Command::Send {
            ticket,
            request,
            timeout,
        } => {
            let sending = transport.send(request, timeout);
            aborts.push((ticket, sending.abort));
            let (answer, mailbox) = (sending.answer, mailbox.clone());
            leptos::task::spawn_local(async move {
                let answer = answer.await;
                mailbox.post(Event::Answer { ticket, answer });
            });
        }
        Command::Sleep { ticket, after } => {
            let mailbox = mailbox.clone();
            leptos::task::spawn_local(async move {
                transport::sleep(after).await;
                mailbox.post(Event::Woke { ticket });
            });
        }
        Command::Abort { ticket } => {
            if let Some(i) = aborts.iter().position(|(t, _)| *t == ticket) {
                let (_, abort) = aborts.swap_remove(i);
                abort();
            }
        }
    }
}
