//! What went wrong with an AWS call, in words people can act on.
//!
//! Two families: AWS answered and said no ([`ServiceError`], parsed from the EC2, query/STS and
//! JSON 1.1 error envelopes), or what came back is not an AWS answer we can read
//! ([`BadResponse`]: a proxy's HTML page, an empty or truncated body, a number that is not a
//! number). Parsing is total: every input gives a value or one of these, never a panic.

mod classify;
mod envelope;

pub use classify::classify;
pub(crate) use classify::may_be_clock_skew;
pub(crate) use envelope::checked_body;
pub use envelope::{
    parse_error_response, parse_http_date, server_time_from_message, strip_json_error_code,
    ErrorProtocol,
};

use std::time::Duration;
use time::OffsetDateTime;

/// Everything a response parser can fail with.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AwsError {
    /// AWS answered with an error envelope.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The answer is not something AWS sends (or not for this operation).
    #[error(transparent)]
    BadResponse(#[from] BadResponse),
}

impl AwsError {
    /// The kind of failure, for choosing what to tell the user and whether to retry.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AwsError::Service(e) => e.kind,
            AwsError::BadResponse(_) => ErrorKind::NotAws,
        }
    }

    /// The HTTP status the answer came with.
    pub fn http_status(&self) -> u16 {
        match self {
            AwsError::Service(e) => e.http_status,
            AwsError::BadResponse(e) => e.http_status,
        }
    }

    /// One sentence on what the user should do next.
    pub fn next_step(&self) -> &'static str {
        self.kind().next_step()
    }

    /// The service error, if AWS sent one.
    pub fn as_service(&self) -> Option<&ServiceError> {
        match self {
            AwsError::Service(e) => Some(e),
            AwsError::BadResponse(_) => None,
        }
    }
}

/// An error AWS sent in one of its envelopes.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{} ({code}: {message}){}", kind.summary(), request_id_suffix(request_id.as_deref()))]
pub struct ServiceError {
    /// AWS's error code with any `namespace#` prefix and `:` suffix removed, e.g. `ExpiredToken`.
    pub code: String,
    /// AWS's own message (may be empty).
    pub message: String,
    /// The request id to quote to AWS Support (`RequestID`, `RequestId` or `x-amzn-RequestId`).
    pub request_id: Option<String>,
    pub http_status: u16,
    pub kind: ErrorKind,
    /// The server's clock when it answered, if the answer says so: the `Date` header when the
    /// browser lets us read it, else the time inside a "Signature expired" message.
    pub server_time: Option<OffsetDateTime>,
    /// How long AWS asks us to wait (`x-amz-retry-after`, milliseconds), if it says.
    pub retry_after: Option<Duration>,
}

fn request_id_suffix(id: Option<&str>) -> String {
    id.map(|id| format!(" [request id {id}]"))
        .unwrap_or_default()
}

/// A body that is not an AWS answer, or an AWS-shaped answer with a member we cannot read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("The answer (HTTP {http_status}) could not be read: {problem}")]
pub struct BadResponse {
    pub http_status: u16,
    pub problem: Problem,
}

impl BadResponse {
    /// A `BadResponse` for the given status.
    pub fn new(http_status: u16, problem: Problem) -> Self {
        BadResponse {
            http_status,
            problem,
        }
    }
}

/// What exactly is wrong with an unreadable answer. Field names use AWS's member paths, e.g.
/// `CoveragesByTime[2].Total.CoverageHours.OnDemandHours`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the body is empty")]
    Empty,
    #[error("it is a web page (HTML), probably from a proxy, firewall or login portal, not AWS")]
    Html,
    #[error("it is not valid XML ({0})")]
    InvalidXml(String),
    #[error("it is not valid JSON ({0})")]
    InvalidJson(String),
    #[error("expected a <{expected}> document but got <{found}>")]
    WrongRoot { expected: String, found: String },
    #[error("it has no {0}, which AWS always sends")]
    MissingMember(String),
    #[error("{field} should be a number but is {text:?}")]
    NotANumber { field: String, text: String },
    #[error("{field} should be a whole number between 0 and {max} but is {text:?}")]
    BadCount {
        field: String,
        text: String,
        max: i64,
    },
    #[error("{field} should be true or false but is {text:?}")]
    NotABoolean { field: String, text: String },
    #[error("{field} should be a date and time but is {text:?}")]
    NotATimestamp { field: String, text: String },
    #[error("it is an error answer that names no error code")]
    ErrorWithoutCode,
}

/// What kind of failure this is: decides the advice shown and whether to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Too many requests; retried with backoff.
    Throttling,
    /// The request's timestamp and AWS's clock disagree by more than AWS allows.
    ClockSkew,
    /// The session token (or the whole temporary credential) has expired.
    ExpiredCredentials,
    /// AWS does not recognise or accept the credentials or signature.
    Auth,
    /// The credentials are fine but the policy does not allow this call.
    Permission,
    /// A `DryRun` permission check passed: the call *would* be allowed.
    DryRunAllowed,
    /// AWS rejected the request's parameters.
    Validation,
    /// The ID is well formed but no such resource exists (for this account, in this region).
    NotFound,
    /// The ID is not in the form AWS expects.
    MalformedId,
    /// Cost Explorer has no data for this request (yet).
    DataUnavailable,
    /// AWS had a problem of its own (5xx, InternalError, ServiceUnavailable); retried.
    Server,
    /// The answer was not AWS's (see [`BadResponse`]).
    NotAws,
    /// An error code we do not know; AWS's message is the best guide.
    Other,
}

impl ErrorKind {
    /// A short label.
    pub fn summary(self) -> &'static str {
        match self {
            ErrorKind::Throttling => "AWS is limiting the request rate",
            ErrorKind::ClockSkew => "Your computer's clock is out of step with AWS",
            ErrorKind::ExpiredCredentials => "The credentials have expired",
            ErrorKind::Auth => "AWS did not accept the credentials",
            ErrorKind::Permission => "The credentials are not allowed to do this",
            ErrorKind::DryRunAllowed => "Permission check passed",
            ErrorKind::Validation => "AWS rejected the request",
            ErrorKind::NotFound => "Not found",
            ErrorKind::MalformedId => "The ID is malformed",
            ErrorKind::DataUnavailable => "Cost Explorer has no data for this request",
            ErrorKind::Server => "AWS had an internal problem",
            ErrorKind::NotAws => "The answer did not come from AWS",
            ErrorKind::Other => "AWS returned an error",
        }
    }

    /// One sentence on what the user should do next.
    pub fn next_step(self) -> &'static str {
        match self {
            ErrorKind::Throttling => {
                "Wait a minute and try again; if it keeps happening, ask for fewer days or groups."
            }
            ErrorKind::ClockSkew => {
                "Set your computer's clock to the correct time (turn on automatic time), then try again."
            }
            ErrorKind::ExpiredCredentials => {
                "Paste fresh temporary credentials (if they are fresh, check your computer's clock)."
            }
            ErrorKind::Auth => {
                "Check that the access key, secret key and session token were pasted whole and belong together."
            }
            ErrorKind::Permission => {
                "Ask your AWS administrator to allow this action for your role, or use credentials that have it."
            }
            ErrorKind::DryRunAllowed => "Nothing to do: these credentials may make this call.",
            ErrorKind::Validation => "Change the request (dates, filters, grouping) as AWS's message says.",
            ErrorKind::NotFound => {
                "Check the ID and the region: the reservation may be in another region or account, or gone."
            }
            ErrorKind::MalformedId => {
                "Check the ID: capacity reservation IDs look like cr-0123456789abcdef0."
            }
            ErrorKind::DataUnavailable => {
                "Choose a more recent period, or wait: Cost Explorer data can take up to 24 hours to appear."
            }
            ErrorKind::Server => "Try again in a few minutes; if it persists, check the AWS Health Dashboard.",
            ErrorKind::NotAws => {
                "Check your network: a proxy, firewall or captive portal may be answering instead of AWS."
            }
            ErrorKind::Other => "Read AWS's message above; it usually names the problem.",
        }
    }
}
