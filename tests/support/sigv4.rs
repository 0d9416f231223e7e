//! The SigV4 canonical request and string to sign for what `aws::sign::sign_request` signs,
//! recomputed here (aws-sigv4 keeps its own private) so the request vectors can compare each
//! step with botocore's, not only the final `Authorization`.

use lens_core::aws::credentials::Credentials;
use lens_core::aws::endpoint::ResolvedEndpoint;
use sha2::{Digest, Sha256};
use std::time::SystemTime;

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
    #[allow(clippy::disallowed_methods)] // a native test: no wasm to keep small
    all.sort();
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
