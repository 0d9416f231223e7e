//! When to try a failed call again, and after how long: the AWS SDKs' "standard" retry mode
//! (botocore 1.44.5 `retries/standard.py`), as pure functions. The transport supplies the
//! attempt number, a random number and the clock; nothing here sleeps or reads time.
//!
//! - At most 3 attempts in all (`DEFAULT_MAX_ATTEMPTS = 3`).
//! - Delay before retry `i` (1-based attempt that failed): `random * min(base * 2^(i-1), 20 s)`,
//!   full jitter, with `base` 1 s for throttling and 50 ms for other transient errors (botocore's
//!   `throttling_base_scale` / `non_throttling_base_scale`). An `x-amz-retry-after` header
//!   raises the delay to at most `t + 5 s`, as botocore does.
//! - Retried: throttling codes and 429, transient codes and HTTP 500/502/503/504, and
//!   failures with no HTTP answer at all (standard mode retries `ConnectionError`). In a
//!   browser a CORS refusal looks the same as a dropped connection; two quick retries cost
//!   little and cure the dropped connections.
//! - Never retried: validation, permission, auth, not-found errors, and 2xx answers we could not
//!   read (standard mode does not retry parse errors either).
//! - Clock skew is not decided here: `jobs::Exchange` corrects the signing clock and retries
//!   once. Botocore's token-bucket retry quota is not modelled: a browser tab makes a handful
//!   of calls, not thousands.

use crate::aws::error::{AwsError, ErrorKind};
use std::time::Duration;

/// What happened to one attempt.
#[derive(Clone, Copy, Debug)]
pub enum Failure<'a> {
    /// An answer came back and could not be used.
    Answer(&'a AwsError),
    /// No HTTP answer: the connection failed, timed out, or the browser refused it.
    Network,
}

/// Why a retry is scheduled (for progress text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    Throttled,
    Transient,
    Network,
}

/// What to do after a failed attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait, then send the same request again (signed afresh).
    Retry {
        after: Duration,
        reason: RetryReason,
    },
    /// Show the error.
    GiveUp,
}

/// The standard-mode limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub max_backoff: Duration,
    pub throttling_base: Duration,
    pub transient_base: Duration,
    /// A skew smaller than this is not what made AWS refuse the request (AWS allows 5
    /// minutes; the Java SDK uses 4 as its threshold).
    pub skew_threshold: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_backoff: Duration::from_secs(20),
            throttling_base: Duration::from_secs(1),
            transient_base: Duration::from_millis(50),
            skew_threshold: Duration::from_secs(4 * 60),
        }
    }
}

/// The inputs the transport supplies for one decision.
#[derive(Clone, Copy, Debug)]
pub struct Attempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// Uniform in `[0, 1)`.
    pub random: f64,
}

impl RetryPolicy {
    /// Decide what to do after `attempt` failed with `failure`.
    pub fn decide(&self, failure: Failure<'_>, attempt: Attempt) -> RetryDecision {
        if attempt.number >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        let (reason, retry_after) = match failure {
            Failure::Network => (RetryReason::Network, None),
            Failure::Answer(error) => match retry_reason(error) {
                Some(reason) => (reason, error.as_service().and_then(|e| e.retry_after)),
                None => return RetryDecision::GiveUp,
            },
        };
        let base = if reason == RetryReason::Throttled {
            self.throttling_base
        } else {
            self.transient_base
        };
        RetryDecision::Retry {
            after: self.backoff(base, attempt.number, attempt.random, retry_after),
            reason,
        }
    }

    /// `random * min(base * 2^(attempt-1), max)`, raised towards `retry_after` (at most +5 s).
    pub fn backoff(
        &self,
        base: Duration,
        attempt: u32,
        random: f64,
        retry_after: Option<Duration>,
    ) -> Duration {
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let exp = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
        let cap = (base.as_secs_f64() * exp).min(self.max_backoff.as_secs_f64());
        let t = random * cap;
        let t = match retry_after {
            Some(ra) => t.max(ra.as_secs_f64().min(t + 5.0)),
            None => t,
        };
        Duration::from_secs_f64(t)
    }
}

/// Whether an error is worth retrying, and why.
pub fn retry_reason(error: &AwsError) -> Option<RetryReason> {
    match error.kind() {
        ErrorKind::Throttling => return Some(RetryReason::Throttled),
        ErrorKind::Server => return Some(RetryReason::Transient),
        ErrorKind::NotAws | ErrorKind::Other => {}
        _ => return None,
    }
    match error.http_status() {
        429 => Some(RetryReason::Throttled),
        500 | 502 | 503 | 504 => Some(RetryReason::Transient),
        _ => None,
    }
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
    use crate::aws::error::{parse_error_response, ErrorProtocol};
    use crate::aws::http::HttpResponse;

    fn attempt(number: u32, random: f64) -> Attempt {
        Attempt { number, random }
    }

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

    fn error(
        status: u16,
        headers: &[(&str, &str)],
        body: &str,
        protocol: ErrorProtocol,
    ) -> AwsError {
        let resp = HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
        };
        parse_error_response(&resp, protocol)
    }

    fn ce(status: u16, code: &str, message: &str) -> AwsError {
        let body = format!(r#"{{"__type":"{code}","message":"{message}"}}"#);
        error(status, &[], &body, ErrorProtocol::Json)
    }

    fn ec2(status: u16, code: &str, headers: &[(&str, &str)]) -> AwsError {
        let body = format!("<Response><Errors><Error><Code>{code}</Code><Message>m</Message></Error></Errors></Response>");
        error(status, headers, &body, ErrorProtocol::Ec2)
    }

    #[test]
    fn backoff_is_botocore_standard() {
        let p = RetryPolicy::default();
        let throttle = p.throttling_base;
        // t_i = rand * min(base * 2^(i-1), 20)
        assert_eq!(
            p.backoff(throttle, 1, 0.5, None),
            Duration::from_millis(500)
        );
        assert_eq!(p.backoff(throttle, 2, 0.5, None), Duration::from_secs(1));
        assert_eq!(p.backoff(throttle, 3, 0.25, None), Duration::from_secs(1));
        assert_eq!(p.backoff(throttle, 10, 0.5, None), Duration::from_secs(10));
        assert_eq!(
            p.backoff(p.transient_base, 2, 1.0, None),
            Duration::from_millis(100)
        );
        assert_eq!(p.backoff(throttle, 1, f64::NAN, None), Duration::ZERO);
        // x-amz-retry-after raises the delay, to at most t + 5 s.
        let ra = Some(Duration::from_secs(3));
        assert_eq!(p.backoff(throttle, 1, 0.5, ra), Duration::from_secs(3));
        let ra = Some(Duration::from_secs(60));
        assert_eq!(p.backoff(throttle, 1, 0.5, ra), Duration::from_millis(5500));
    }

    #[test]
    fn throttling_and_server_errors_retry_until_the_third_attempt() {
        let p = RetryPolicy::default();
        let limit = ce(400, "LimitExceededException", "slow down");
        assert_eq!(
            p.decide(Failure::Answer(&limit), attempt(1, 0.5)),
            RetryDecision::Retry {
                after: Duration::from_millis(500),
                reason: RetryReason::Throttled
            }
        );
        assert_eq!(
            p.decide(Failure::Answer(&limit), attempt(3, 0.5)),
            RetryDecision::GiveUp
        );
        let internal = ec2(500, "InternalError", &[]);
        assert_eq!(
            p.decide(Failure::Answer(&internal), attempt(2, 1.0)),
            RetryDecision::Retry {
                after: Duration::from_millis(100),
                reason: RetryReason::Transient
            }
        );
        assert_eq!(
            p.decide(Failure::Network, attempt(1, 1.0)),
            RetryDecision::Retry {
                after: Duration::from_millis(50),
                reason: RetryReason::Network
            }
        );
        let unknown_429 = ce(429, "SomethingNew", "x");
        assert!(matches!(
            p.decide(Failure::Answer(&unknown_429), attempt(1, 0.0)),
            RetryDecision::Retry {
                reason: RetryReason::Throttled,
                ..
            }
        ));
    }

    #[test]
    fn client_errors_never_retry() {
        let p = RetryPolicy::default();
        for e in [
            ce(400, "ValidationException", "bad"),
            ce(400, "AccessDeniedException", "no"),
            ce(400, "InvalidNextTokenException", "no"),
            ec2(403, "UnauthorizedOperation", &[]),
            ec2(400, "InvalidCapacityReservationId.NotFound", &[]),
            ec2(412, "DryRunOperation", &[]),
        ] {
            assert_eq!(
                p.decide(Failure::Answer(&e), attempt(1, 0.5)),
                RetryDecision::GiveUp,
                "{e}"
            );
        }
    }
}
