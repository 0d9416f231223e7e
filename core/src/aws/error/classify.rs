//! Error code -> [`ErrorKind`]. The lists follow botocore 1.44.5 (`retries/standard.py`,
//! `data/_retry.json`), the AWS SDK for Java's clock-skew list, and the EC2, STS and
//! Cost Explorer error references.

use super::ErrorKind;

/// botocore `ThrottledRetryableChecker._THROTTLED_ERROR_CODES` (standard mode), verbatim.
/// `LimitExceededException` is Cost Explorer's "too many calls" error, and `LimitExceeded`
/// (the query-protocol code in `x-amzn-query-error`) CloudWatch's for `GetMetricData`'s
/// request and data-point rate quotas: both are retried after a wait.
const THROTTLING: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "LimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// botocore `TransientRetryableChecker._TRANSIENT_ERROR_CODES` plus the server-side codes
/// EC2, STS and Cost Explorer document.
const SERVER: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "InternalFailure",
    "InternalServerError",
    "InternalServiceError",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "Unavailable",
];

/// Codes that always mean "the request's timestamp is too far from AWS's clock".
const CLOCK_SKEW: &[&str] = &["RequestTimeTooSkewed", "RequestInTheFuture"];

const EXPIRED: &[&str] = &[
    "ExpiredToken",
    "ExpiredTokenException",
    "TokenRefreshRequired",
    // EC2: "Request has expired." Sent both for expired session credentials and for a clock more
    // than 15 minutes off; expired credentials are by far the likelier for pasted temporary keys.
    // The retry policy turns it into a clock correction when the server's time shows a skew.
    "RequestExpired",
];

const AUTH: &[&str] = &[
    "AuthFailure",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "IncompleteSignature",
    "IncompleteSignatureException",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
    "InvalidAccessKeyId",
    "InvalidSecurity",
    "InvalidToken",
];

const PERMISSION: &[&str] = &[
    "UnauthorizedOperation",
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedException",
    "OptInRequired",
    "Blocked",
    "PendingVerification",
];

const VALIDATION: &[&str] = &[
    "ValidationException",
    "ValidationError",
    "InvalidParameterValue",
    "InvalidParameterCombination",
    "InvalidParameter",
    "InvalidParameterException",
    "MissingParameter",
    "UnknownParameter",
    "InvalidNextTokenException",
    "InvalidNextToken",
    "InvalidPaginationToken",
    "InvalidAction",
    "InvalidQueryParameter",
    "MalformedQueryString",
    "InvalidInput",
    "UnsupportedOperation",
    "UnsupportedOperationException",
    "RequestChangedException",
    "SerializationException",
];

const DATA_UNAVAILABLE: &[&str] = &[
    "DataUnavailableException",
    "BillExpirationException",
    "BillingViewHealthStatusException",
];

/// Classify an AWS error code (already stripped of `namespace#` and `:suffix`).
///
/// The message matters for two codes: `SignatureDoesNotMatch` / `InvalidSignatureException`
/// whose message says "Signature expired" or "Signature not yet current" are clock skew, and an
/// auth error whose message says the token "is expired" is an expired credential.
pub fn classify(code: &str, message: &str, http_status: u16) -> ErrorKind {
    let lower = message.to_ascii_lowercase();
    if code == "DryRunOperation" {
        return ErrorKind::DryRunAllowed;
    }
    if THROTTLING.contains(&code) {
        return ErrorKind::Throttling;
    }
    if CLOCK_SKEW.contains(&code)
        || (AUTH.contains(&code)
            && (lower.contains("signature expired") || lower.contains("signature not yet current")))
    {
        return ErrorKind::ClockSkew;
    }
    if EXPIRED.contains(&code) || (AUTH.contains(&code) && lower.contains("is expired")) {
        return ErrorKind::ExpiredCredentials;
    }
    if AUTH.contains(&code) {
        return ErrorKind::Auth;
    }
    if PERMISSION.contains(&code) {
        return ErrorKind::Permission;
    }
    if code.ends_with(".NotFound") || code == "ResourceNotFoundException" {
        return ErrorKind::NotFound;
    }
    if code.ends_with(".Malformed") {
        return ErrorKind::MalformedId;
    }
    if VALIDATION.contains(&code) || code.starts_with("InvalidParameter") {
        return ErrorKind::Validation;
    }
    if DATA_UNAVAILABLE.contains(&code) {
        return ErrorKind::DataUnavailable;
    }
    if SERVER.contains(&code) || (500..600).contains(&http_status) {
        return ErrorKind::Server;
    }
    // botocore's ThrottlingStatusCodeChecker: a 429 whose code is not a modeled error.
    if http_status == 429 {
        return ErrorKind::Throttling;
    }
    ErrorKind::Other
}

/// Codes that may hide a clock skew even though the message does not say so: when the
/// server's time is known and far from ours, the retry policy corrects the clock and retries.
/// (The AWS SDK for Java's `ClockSkew` list.)
pub(crate) fn may_be_clock_skew(code: &str) -> bool {
    matches!(
        code,
        "RequestExpired"
            | "AuthFailure"
            | "SignatureDoesNotMatch"
            | "InvalidSignatureException"
            | "RequestTimeTooSkewed"
            | "RequestInTheFuture"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let cases = [
            ("RequestLimitExceeded", "", 503, ErrorKind::Throttling),
            ("LimitExceededException", "", 400, ErrorKind::Throttling),
            ("TooManyRequestsException", "", 400, ErrorKind::Throttling),
            (
                "SignatureDoesNotMatch",
                "Signature expired: a is now earlier than b (c - 5 min.)",
                403,
                ErrorKind::ClockSkew,
            ),
            (
                "InvalidSignatureException",
                "Signature not yet current: x",
                400,
                ErrorKind::ClockSkew,
            ),
            ("RequestTimeTooSkewed", "", 403, ErrorKind::ClockSkew),
            ("ExpiredToken", "", 403, ErrorKind::ExpiredCredentials),
            (
                "ExpiredTokenException",
                "",
                400,
                ErrorKind::ExpiredCredentials,
            ),
            (
                "RequestExpired",
                "Request has expired.",
                400,
                ErrorKind::ExpiredCredentials,
            ),
            (
                "UnrecognizedClientException",
                "The security token included in the request is expired",
                400,
                ErrorKind::ExpiredCredentials,
            ),
            ("AuthFailure", "", 401, ErrorKind::Auth),
            (
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match",
                403,
                ErrorKind::Auth,
            ),
            ("InvalidClientTokenId", "", 403, ErrorKind::Auth),
            ("UnauthorizedOperation", "", 403, ErrorKind::Permission),
            ("AccessDeniedException", "", 400, ErrorKind::Permission),
            ("DryRunOperation", "", 412, ErrorKind::DryRunAllowed),
            ("ValidationException", "", 400, ErrorKind::Validation),
            (
                "InvalidParameterCombination",
                "",
                400,
                ErrorKind::Validation,
            ),
            (
                "InvalidCapacityReservationId.NotFound",
                "",
                400,
                ErrorKind::NotFound,
            ),
            (
                "InvalidCapacityReservationId.Malformed",
                "",
                400,
                ErrorKind::MalformedId,
            ),
            (
                "DataUnavailableException",
                "",
                400,
                ErrorKind::DataUnavailable,
            ),
            ("InternalError", "", 500, ErrorKind::Server),
            ("Unavailable", "", 503, ErrorKind::Server),
            ("SomethingNew", "", 502, ErrorKind::Server),
            ("SomethingNew", "", 429, ErrorKind::Throttling),
            ("SomethingNew", "", 400, ErrorKind::Other),
        ];
        for (code, message, status, kind) in cases {
            assert_eq!(classify(code, message, status), kind, "{code} {message}");
            assert!(!kind.next_step().is_empty());
        }
    }
}
