//! SigV4 signing: a thin wrapper over `aws-sigv4` that returns our [`HttpRequest`].
//!
//! Time is an argument: `SystemTime::now()` panics on wasm32, so the transport builds the
//! time from `js_sys::Date::now()` and tests pass a fixed one.

use super::credentials::Credentials;
use super::endpoint::ResolvedEndpoint;
use super::http::HttpRequest;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use std::time::SystemTime;

/// Why a request could not be signed. With endpoints from
/// [`resolve`](super::endpoint::resolve) this does not happen; it is kept typed rather
/// than a panic because the URL is user input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The signer rejected the request (e.g. a URL it can't parse).
    #[error("The request could not be signed ({0}). Check the endpoint override URL.")]
    Signer(String),
}

/// Signs a `POST` with `body` for `endpoint` at `time`.
///
/// `headers` are the protocol headers (`content-type`, and `x-amz-target` for JSON 1.1), names
/// in lower case. The result carries exactly the signed headers except `host` (browsers set
/// it themselves and refuse to let scripts set it), sorted by name, then `authorization`.
pub fn sign_request(
    endpoint: &ResolvedEndpoint,
    headers: &[(&'static str, &str)],
    body: String,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<HttpRequest, SignError> {
    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_string),
        None,
        "reservation-lens",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&endpoint.signing_region)
        .name(endpoint.signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| SignError::Signer(e.to_string()))?
        .into();
    // `host` is passed explicitly so that what is signed is exactly `signing_host`.
    let signable_headers = std::iter::once(("host", endpoint.signing_host.as_str()))
        .chain(headers.iter().map(|(k, v)| (*k, *v)));
    let signable = SignableRequest::new(
        "POST",
        endpoint.signing_url.as_str(),
        signable_headers,
        SignableBody::Bytes(body.as_bytes()),
    )
    .map_err(|e| SignError::Signer(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| SignError::Signer(e.to_string()))?
        .into_parts();
    let (signing_headers, _) = instructions.into_parts();

    let mut out: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut authorization = None;
    for h in signing_headers {
        if h.name() == "authorization" {
            authorization = Some(h.value().to_string());
        } else {
            out.push((h.name().to_string(), h.value().to_string()));
        }
    }
    crate::sort::sort_by(&mut out, &|a, b| a.0.cmp(&b.0));
    if let Some(value) = authorization {
        out.push(("authorization".into(), value));
    }
    Ok(HttpRequest {
        method: "POST",
        url: endpoint.url.clone(),
        headers: out,
        body,
    })
}
