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
use sha2::{Digest, Sha256};
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

/// The SigV4 canonical request for what [`sign_request`] signs, recomputed here because
/// `aws-sigv4` keeps its own private. Useful to compare with the canonical request AWS
/// returns in a `SignatureDoesNotMatch` error; the tests check it against botocore's.
pub fn canonical_request(
    endpoint: &ResolvedEndpoint,
    headers: &[(&'static str, &str)],
    body: &str,
    credentials: &Credentials,
    time: SystemTime,
) -> String {
    let mut all: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), trim_all(v)))
        .collect();
    all.push(("host".into(), endpoint.signing_host.clone()));
    all.push(("x-amz-date".into(), amz_date(time)));
    if let Some(token) = credentials.session_token() {
        all.push(("x-amz-security-token".into(), token.to_string()));
    }
    crate::sort::sort(&mut all);
    let canonical_headers: String = all.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed_headers: Vec<&str> = all.iter().map(|(k, _)| k.as_str()).collect();
    format!(
        "POST\n{}\n\n{}\n{}\n{}",
        signing_path(&endpoint.signing_url),
        canonical_headers,
        signed_headers.join(";"),
        sha256_hex(body.as_bytes())
    )
}

/// The SigV4 string to sign for a canonical request (see [`canonical_request`]).
pub fn string_to_sign(
    endpoint: &ResolvedEndpoint,
    canonical_request: &str,
    time: SystemTime,
) -> String {
    let date = amz_date(time);
    format!(
        "AWS4-HMAC-SHA256\n{date}\n{}/{}/{}/aws4_request\n{}",
        &date[..8],
        endpoint.signing_region,
        endpoint.signing_name,
        sha256_hex(canonical_request.as_bytes())
    )
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
fn amz_date(time: SystemTime) -> String {
    let t = time::OffsetDateTime::from(time);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The path of a URL (`/` when it has none). Override paths are validated to plain
/// segments of unreserved characters, so they need no further encoding.
fn signing_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => &after_scheme[i..],
        None => "/",
    }
}

/// SigV4's Trimall: outer whitespace removed, inner runs collapsed to one space.
fn trim_all(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
    out
}
