//! The three error envelopes our services use, and the checks that tell an AWS answer from
//! someone else's.

use super::{classify, AwsError, BadResponse, Problem, ServiceError};
use crate::aws::http::HttpResponse;
use crate::aws::xml;
use std::time::Duration;
use time::OffsetDateTime;

/// Which envelope to expect. Both XML envelopes are accepted for either XML protocol
/// (EC2's front end answers some authentication failures in the query shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorProtocol {
    /// `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`
    Ec2,
    /// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` (STS)
    Query,
    /// `{"__type": "ns#Code", "message": "..."}` with `x-amzn-RequestId` (Cost Explorer)
    Json,
}

/// Turn a non-2xx answer (or a 2xx that carries an error envelope) into an [`AwsError`].
pub fn parse_error_response(resp: &HttpResponse, protocol: ErrorProtocol) -> AwsError {
    let body = match checked_body(resp) {
        Ok(body) => body,
        Err(bad) => return bad.into(),
    };
    let parsed = match protocol {
        ErrorProtocol::Ec2 | ErrorProtocol::Query => xml_error(resp, body),
        ErrorProtocol::Json => json_error(resp, body),
    };
    match parsed {
        Ok(e) => e.into(),
        Err(problem) => BadResponse::new(resp.status, problem).into(),
    }
}

/// The body with any byte-order mark removed, or why it is not an AWS answer at all.
pub(crate) fn checked_body(resp: &HttpResponse) -> Result<&str, BadResponse> {
    let body = resp.body.strip_prefix('\u{feff}').unwrap_or(&resp.body);
    let trimmed = body.trim_start();
    if trimmed.is_empty() {
        return Err(BadResponse::new(resp.status, Problem::Empty));
    }
    let content_type = resp.header("content-type").unwrap_or("");
    let head: String = trimmed
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if content_type.to_ascii_lowercase().starts_with("text/html")
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
    {
        return Err(BadResponse::new(resp.status, Problem::Html));
    }
    Ok(body)
}

fn xml_error(resp: &HttpResponse, body: &str) -> Result<ServiceError, Problem> {
    let doc = xml::parse(body).map_err(Problem::InvalidXml)?;
    let root = doc.root_element();
    let (error, request_id) = match root.name() {
        "Response" => (
            xml::child(root, "Errors").and_then(|e| xml::child(e, "Error")),
            xml::child_text(root, "RequestID").or_else(|| xml::child_text(root, "RequestId")),
        ),
        "ErrorResponse" => (
            xml::child(root, "Error"),
            xml::child_text(root, "RequestId").or_else(|| xml::child_text(root, "RequestID")),
        ),
        other => {
            return Err(Problem::WrongRoot {
                expected: "Response or ErrorResponse".into(),
                found: other.into(),
            })
        }
    };
    let error = error.ok_or(Problem::ErrorWithoutCode)?;
    let code = xml::child_text(error, "Code")
        .filter(|c| !c.is_empty())
        .ok_or(Problem::ErrorWithoutCode)?;
    let message = xml::child_text(error, "Message").unwrap_or_default();
    Ok(service_error(resp, code, message, request_id))
}

fn json_error(resp: &HttpResponse, body: &str) -> Result<ServiceError, Problem> {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| Problem::InvalidJson(e.to_string()))?;
    let obj = value
        .as_object()
        .ok_or_else(|| Problem::InvalidJson("expected a JSON object".into()))?;
    let text = |key: &str| obj.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let raw_code = text("__type")
        .or_else(|| text("code"))
        .or_else(|| resp.header("x-amzn-errortype").map(str::to_owned))
        .filter(|c| !c.is_empty())
        .ok_or(Problem::ErrorWithoutCode)?;
    let mut code = strip_json_error_code(&raw_code).to_owned();
    // awsQueryCompatible services (CloudWatch) name the query-protocol code in a header:
    // "Code;Sender". Like botocore, only exactly two parts with a code count.
    if let Some(header) = resp.header("x-amzn-query-error") {
        let parts: Vec<&str> = header.split(';').collect();
        if let [query_code, _fault] = parts[..] {
            if !query_code.is_empty() {
                code = query_code.to_owned();
            }
        }
    }
    let message = text("message")
        .or_else(|| text("Message"))
        .unwrap_or_default();
    let request_id = resp.header("x-amzn-requestid").map(str::to_owned);
    Ok(service_error(resp, code, message, request_id))
}

/// botocore's rule for JSON error codes: drop everything from the first `:`
/// (`Code:http://internal.amazon.com/...`), then everything up to the last `#`
/// (`com.amazonaws.ce#LimitExceededException`).
pub fn strip_json_error_code(raw: &str) -> &str {
    let code = raw.split(':').next().unwrap_or(raw);
    code.rsplit('#').next().unwrap_or(code)
}

fn service_error(
    resp: &HttpResponse,
    code: String,
    message: String,
    request_id: Option<String>,
) -> ServiceError {
    let kind = classify(&code, &message, resp.status);
    let server_time = resp
        .header("date")
        .and_then(parse_http_date)
        .or_else(|| server_time_from_message(&message));
    let retry_after = resp
        .header("x-amz-retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis);
    ServiceError {
        code,
        message,
        request_id,
        http_status: resp.status,
        kind,
        server_time,
        retry_after,
    }
}

/// An HTTP `Date` header (`Mon, 23 Nov 2026 10:30:10 GMT`).
pub fn parse_http_date(value: &str) -> Option<OffsetDateTime> {
    crate::aws::datetime::parse_http_date(value)
}

/// The server's time inside a SigV4 clock error message. STS and Cost Explorer say
/// `Signature expired: 20261123T101010Z is now earlier than 20261123T102510Z (20261123T103010Z - 5 min.)`
/// or `Signature not yet current: A is still later than B (C + 5 min.)`; in both, the time in
/// parentheses (C) is the server's clock.
pub fn server_time_from_message(message: &str) -> Option<OffsetDateTime> {
    let start = message.find('(')? + 1;
    let stamp = message.get(start..start + 16)?;
    crate::aws::datetime::parse_compact(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn json_codes_are_stripped_like_botocore() {
        assert_eq!(
            strip_json_error_code("com.amazonaws.ce#LimitExceededException"),
            "LimitExceededException"
        );
        assert_eq!(
            strip_json_error_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "FooError"
        );
        assert_eq!(
            strip_json_error_code("ValidationException"),
            "ValidationException"
        );
    }

    #[test]
    fn server_time_from_clock_messages() {
        let expired = "Signature expired: 20261123T101010Z is now earlier than 20261123T102510Z (20261123T103010Z - 5 min.)";
        assert_eq!(
            server_time_from_message(expired),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        let early = "Signature not yet current: 20181120T211543Z is still later than 20181120T211529Z (20181120T211029Z + 5 min.)";
        assert_eq!(
            server_time_from_message(early),
            Some(datetime!(2018-11-20 21:10:29 UTC))
        );
        assert_eq!(server_time_from_message("Request has expired."), None);
        assert_eq!(server_time_from_message("(é"), None);
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Mon, 23 Nov 2026 10:30:10 GMT"),
            Some(datetime!(2026-11-23 10:30:10 UTC))
        );
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn query_compatible_header_and_errortype_header() {
        let resp = HttpResponse {
            status: 400,
            headers: vec![
                (
                    "x-amzn-query-error".into(),
                    "AWS.SimpleQueueService.NonExistentQueue;Sender".into(),
                ),
                ("x-amzn-requestid".into(), "rid".into()),
            ],
            body: r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#.into(),
        };
        let e = parse_error_response(&resp, ErrorProtocol::Json);
        assert_eq!(
            e.as_service().unwrap().code,
            "AWS.SimpleQueueService.NonExistentQueue"
        );
        let resp = HttpResponse {
            status: 400,
            headers: vec![(
                "x-amzn-ErrorType".into(),
                "ValidationException:http://x/".into(),
            )],
            body: "{}".into(),
        };
        let e = parse_error_response(&resp, ErrorProtocol::Json);
        assert_eq!(e.as_service().unwrap().code, "ValidationException");
    }
}
