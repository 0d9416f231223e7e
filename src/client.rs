//! Runs one AWS operation for the UI: sign with the corrected clock, send (or answer from the
//! built-in sample data in demo mode), parse, and retry per the wire core's policy with the
//! status shown while waiting. Everything it decides comes from `crate::aws`; this is the loop.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, SystemTime};

use time::OffsetDateTime;

use crate::aws::credentials::Credentials;
use crate::aws::endpoint::{EndpointError, ResolvedEndpoint, Service};
use crate::aws::error::AwsError;
use crate::aws::http::{HttpRequest, HttpResponse};
use crate::aws::input::BuildError;
use crate::aws::retry::{Attempt, Failure, RetryDecision, RetryPolicy, RetryReason};
use crate::connection::Connection;
use crate::transport::{self, CancelToken, TransportError};

/// Why a call produced no result.
#[derive(Clone, Debug, thiserror::Error)]
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
    Pagination(#[from] crate::aws::paginate::PaginationError),
}

impl CallError {
    /// True when the user cancelled: nothing to report.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, CallError::Transport(TransportError::Cancelled))
    }
}

/// The correction applied to the browser's clock when signing: AWS's time minus ours, learned
/// from a clock-skew answer. Shared by every call of the session.
#[derive(Clone, Debug, Default)]
pub struct Clock(Rc<Cell<i64>>);

impl Clock {
    /// Milliseconds to add to the browser's clock.
    pub fn offset_ms(&self) -> i64 {
        self.0.get()
    }

    /// The time to sign with.
    pub fn signing_time(&self) -> SystemTime {
        transport::aws_now(self.offset_ms())
    }

    fn set_offset_secs(&self, secs: i64) {
        self.0.set(self.0.get() + secs * 1000);
    }
}

/// The browser's own clock, uncorrected, as a calendar time.
pub fn local_now() -> OffsetDateTime {
    OffsetDateTime::from(transport::aws_now(0))
}

/// One operation: how to build its request and parse its answer.
pub struct Operation<'a, T> {
    pub service: Service,
    /// The region to call; `None` is the connection's own.
    pub region: Option<&'a str>,
    /// Builds the signed request at the given time (called again for every attempt: a retry
    /// is signed afresh).
    pub build:
        &'a dyn Fn(&ResolvedEndpoint, &Credentials, SystemTime) -> Result<HttpRequest, BuildError>,
    pub parse: &'a dyn Fn(&HttpResponse) -> Result<T, AwsError>,
    /// Called each time a request goes to AWS (not in demo mode): Cost Explorer's are paid.
    pub sent: &'a dyn Fn(),
}

impl<'a, T> Operation<'a, T> {
    /// An operation whose sends nobody counts (`sent` does nothing).
    pub fn new(
        service: Service,
        region: Option<&'a str>,
        build: &'a dyn Fn(
            &ResolvedEndpoint,
            &Credentials,
            SystemTime,
        ) -> Result<HttpRequest, BuildError>,
        parse: &'a dyn Fn(&HttpResponse) -> Result<T, AwsError>,
    ) -> Self {
        fn nothing() {}
        Operation {
            service,
            region,
            build,
            parse,
            sent: &nothing,
        }
    }
}

/// Runs `op` for `connection`. `status` receives "retrying…" lines while waiting, and `None`
/// when the call ends.
pub async fn call<T: 'static>(
    connection: &Connection,
    clock: &Clock,
    op: Operation<'_, T>,
    status: &dyn Fn(Option<String>),
    cancel: &CancelToken,
) -> Result<T, CallError> {
    // The loop below is the same for every operation: it sees the parsed value only as
    // `Box<dyn Any>`, so the retrying, the transport and their futures are compiled once
    // rather than once per result type (bundle size).
    let parse = op.parse;
    let erased = |response: &HttpResponse| parse(response).map(|v| Box::new(v) as Box<dyn Any>);
    let target = Target {
        service: op.service,
        region: op.region,
        build: op.build,
        parse: &erased,
        sent: op.sent,
    };
    let result = run(connection, clock, target, status, cancel).await;
    status(None);
    result.map(|value| {
        *value
            .downcast::<T>()
            .expect("run returns what parse produced")
    })
}

type Erased = Box<dyn Any>;

struct Target<'a> {
    service: Service,
    region: Option<&'a str>,
    build:
        &'a dyn Fn(&ResolvedEndpoint, &Credentials, SystemTime) -> Result<HttpRequest, BuildError>,
    parse: &'a dyn Fn(&HttpResponse) -> Result<Erased, AwsError>,
    sent: &'a dyn Fn(),
}

async fn run(
    connection: &Connection,
    clock: &Clock,
    op: Target<'_>,
    status: &dyn Fn(Option<String>),
    cancel: &CancelToken,
) -> Result<Erased, CallError> {
    let endpoint = match op.region {
        Some(region) => connection.endpoint_in(op.service, region)?,
        None => connection.endpoint(op.service)?,
    };
    let policy = RetryPolicy::default();
    let mut clock_offset_applied = false;
    for number in 1.. {
        let request = (op.build)(&endpoint, &connection.credentials, clock.signing_time())?;
        let answer = if connection.demo {
            Ok(crate::demo::answer(&request))
        } else {
            (op.sent)();
            transport::send(&request, transport::DEFAULT_TIMEOUT, cancel).await
        };
        let attempt = Attempt {
            number,
            random: js_sys::Math::random(),
            local_now: local_now(),
            clock_offset_applied,
        };
        let (decision, error) = match answer {
            Ok(response) => match (op.parse)(&response) {
                Ok(value) => return Ok(value),
                Err(e) => (
                    policy.decide(Failure::Answer(&e), attempt),
                    CallError::Aws(e),
                ),
            },
            Err(TransportError::Cancelled) => return Err(TransportError::Cancelled.into()),
            Err(e) => (
                policy.decide(Failure::Network, attempt),
                CallError::Transport(e),
            ),
        };
        match decision {
            RetryDecision::GiveUp => return Err(error),
            RetryDecision::Retry { after, reason } => {
                status(Some(retry_text(
                    reason,
                    after,
                    number + 1,
                    policy.max_attempts,
                )));
                transport::sleep(after).await;
                if cancel.is_cancelled() {
                    return Err(TransportError::Cancelled.into());
                }
            }
            RetryDecision::RetryWithClockOffset { offset_secs } => {
                clock.set_offset_secs(offset_secs);
                clock_offset_applied = true;
                status(Some(format!(
                    "Your computer's clock is {} AWS's; correcting by {} and retrying \
                     (attempt {} of {}).",
                    if offset_secs > 0 {
                        "behind"
                    } else {
                        "ahead of"
                    },
                    crate::connection::human_duration(time::Duration::seconds(offset_secs.abs())),
                    number + 1,
                    policy.max_attempts
                )));
            }
        }
    }
    unreachable!("the retry policy gives up after max_attempts")
}

/// "Throttled by AWS, retrying in 2.0 s (attempt 2 of 3)".
pub fn retry_text(reason: RetryReason, after: Duration, next: u32, max: u32) -> String {
    let why = match reason {
        RetryReason::Throttled => "Throttled by AWS",
        RetryReason::Transient => "AWS had a temporary problem",
        RetryReason::Network => "No answer from AWS",
    };
    format!(
        "{why}, retrying in {:.1} s (attempt {next} of {max})",
        after.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_text_names_reason_wait_and_attempt() {
        assert_eq!(
            retry_text(RetryReason::Throttled, Duration::from_millis(2000), 2, 3),
            "Throttled by AWS, retrying in 2.0 s (attempt 2 of 3)"
        );
        assert_eq!(
            retry_text(RetryReason::Network, Duration::from_millis(45), 3, 3),
            "No answer from AWS, retrying in 0.0 s (attempt 3 of 3)"
        );
    }
}
