//! STS answers (query protocol, XML): `GetCallerIdentity`, used to check pasted credentials.

use crate::aws::error::{AwsError, BadResponse, ErrorProtocol, Problem};
use crate::aws::http::HttpResponse;
use crate::aws::xml;

/// `GetCallerIdentityResult`: who the pasted credentials belong to.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CallerIdentity {
    /// `ResponseMetadata/RequestId`, for AWS Support.
    pub request_id: Option<String>,
    /// The unique id of the calling entity (e.g. `AROA...:session-name` for a role session).
    pub user_id: Option<String>,
    /// The 12-digit account number.
    pub account: Option<String>,
    /// The ARN of the caller (e.g. `arn:aws:sts::123456789012:assumed-role/Role/session`).
    pub arn: Option<String>,
}

/// Parse a `GetCallerIdentity` answer.
pub fn parse_get_caller_identity(resp: &HttpResponse) -> Result<CallerIdentity, AwsError> {
    let doc = xml::success_document(resp, "GetCallerIdentityResponse", ErrorProtocol::Query)?;
    let root = doc.root_element();
    // botocore looks the result wrapper up by name and fails without it; so do we.
    let result = xml::child(root, "GetCallerIdentityResult").ok_or_else(|| {
        BadResponse::new(
            resp.status,
            Problem::MissingMember("GetCallerIdentityResult".into()),
        )
    })?;
    Ok(CallerIdentity {
        request_id: xml::child(root, "ResponseMetadata")
            .and_then(|m| xml::child_text(m, "RequestId")),
        user_id: xml::child_text(result, "UserId"),
        account: xml::child_text(result, "Account"),
        arn: xml::child_text(result, "Arn"),
    })
}
