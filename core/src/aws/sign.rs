//! SigV4 signing: `aws-sigv4`'s signing key over our [`HttpRequest`].
//!
//! The requests this app sends (a `POST` to a path of plain segments, no query, a few
//! protocol headers) have their canonical request written here, and `aws-sigv4` derives the
//! signing key (`v4::generate_signing_key`). The key is derived once per secret, day, region
//! and service and kept with the credentials as the HMAC keyed with it ([`SigningKeys`]),
//! which signs: four HMACs and two hash blocks fewer per request. Why not `aws-sigv4`'s whole
//! `http_request::sign`: it builds an `http::HeaderMap`, parses the URL and derives the key on
//! every call, and cannot take a derived key; here a request is signed in 8.7 µs in Chromium,
//! not 29.2. And the app no longer carries it: every path an endpoint may have
//! (`endpoint::validate_path`) and every header value is signed here, so `http_request::sign`
//! was reached by nothing the app accepts, and it and the `http` crate under it were 36 KB gzip
//! of the app (BENCHMARKS.md). It stays the oracle: every request vector from botocore is
//! signed here, and a differential test holds this module to `aws-sigv4`'s whole path on
//! generated requests, byte for byte, and checks that what it refuses no endpoint the app
//! accepts can make.
//!
//! Time is an argument: `SystemTime::now()` panics on wasm32, so the transport builds the
//! time from `js_sys::Date::now()` and tests pass a fixed one.

use super::credentials::Credentials;
use super::endpoint::{validate_path, ResolvedEndpoint};
use super::http::HttpRequest;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::Mutex;
use std::time::SystemTime;

/// SigV4 signing keys derived from one secret, by scope (`YYYYMMDD/region/service`), each kept
/// as the HMAC keyed with it (its inner and outer hash states: two SHA-256 blocks fewer per
/// signature than keying it anew). At most [`SigningKeys::KEEP`] are kept, the oldest dropped
/// first.
#[derive(Default)]
pub struct SigningKeys(Mutex<Vec<(String, Hmac<Sha256>)>>);

impl SigningKeys {
    /// Enough for every region of the all-regions fan-out with two services, over a day's turn.
    const KEEP: usize = 96;

    /// The HMAC keyed with `scope`'s signing key, `derive`d (the key's bytes) when not kept.
    fn get_or_derive(&self, scope: &str, derive: impl FnOnce() -> Vec<u8>) -> Hmac<Sha256> {
        let mut keys = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, mac)) = keys.iter().find(|(s, _)| s == scope) {
            return mac.clone();
        }
        let mac = keyed(&derive());
        if keys.len() >= Self::KEEP {
            keys.remove(0);
        }
        keys.push((scope.to_owned(), mac.clone()));
        mac
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().map_or(0, |k| k.len())
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

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
    let headers = sign_plain(endpoint, headers, &body, credentials, time)?;
    Ok(HttpRequest {
        method: "POST",
        url: endpoint.url.clone(),
        headers,
        body,
    })
}

/// The same through `aws-sigv4`'s whole `http_request::sign`: what the tests hold
/// [`sign_request`] to (the app does not call it, so it is not in the wasm).
pub fn sign_with_aws_sigv4(
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

/// Headers `aws-sigv4` never signs by default, and the ones it adds itself.
const NOT_PLAIN_NAMES: [&str; 7] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
    "host",
    "x-amz-date",
    "x-amz-security-token",
];

/// A header value as `aws-sigv4` signs it (`normalize_header_value`): spaces trimmed at both
/// ends and each run of them folded into one; `None` for a byte an HTTP header can't carry
/// (a control character other than tab, or DEL), which `aws-sigv4` refuses too.
fn canonical_value(value: &str) -> Option<Cow<'_, str>> {
    if is_plain_value(value) {
        return Some(Cow::Borrowed(value));
    }
    if !value.bytes().all(is_header_byte) {
        return None;
    }
    let trimmed = value.trim_matches(' ');
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    Some(Cow::Owned(out))
}

/// A byte `http::HeaderValue` accepts.
fn is_header_byte(b: u8) -> bool {
    (b >= 32 && b != 127) || b == b'\t'
}

/// A header value signed as it is: visible ASCII and single spaces inside, nothing to trim or
/// fold.
fn is_plain_value(value: &str) -> bool {
    // One pass over the bytes (the session token is about 400 of them, on every request).
    let bytes = value.as_bytes();
    let mut previous = b' ';
    for &b in bytes {
        if !(b.is_ascii_graphic() || (b == b' ' && previous != b' ')) {
            return false;
        }
        previous = b;
    }
    previous != b' '
}

/// A lower-case header name signed here (the protocol headers are).
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !NOT_PLAIN_NAMES.contains(&name)
}

/// The canonical URI of `url`: its path when it is one an endpoint override may have
/// (`endpoint::validate_path`: no query, unreserved characters in segments that are neither
/// empty nor `.` or `..`, one trailing slash allowed), for which `aws-sigv4`'s normalization
/// and encoding change nothing; `None` for any other.
fn plain_path(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let path = url[after_scheme..]
        .find('/')
        .map_or("", |i| &url[after_scheme + i..]);
    if path.is_empty() {
        return Some("/");
    }
    validate_path(path).ok().map(|()| path)
}

/// HMAC-SHA256 keyed with `key` (any length).
fn keyed(key: &[u8]) -> Hmac<Sha256> {
    Hmac::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
}

/// Appends `bytes` in lower-case hex. By hand: `hex::encode` is generic, so it is compiled
/// into its caller at the app's opt-level "z", where it took 0.9 us for a 32-byte hash in the
/// browser, three times per request (BENCHMARKS.md, signing); this takes a small fraction.
fn push_hex(out: &mut String, bytes: &[u8; 32]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 64];
    for i in 0..32 {
        buf[2 * i] = DIGITS[usize::from(bytes[i] >> 4)];
        buf[2 * i + 1] = DIGITS[usize::from(bytes[i] & 15)];
    }
    out.push_str(std::str::from_utf8(&buf).unwrap_or_else(|_| unreachable!("hex is ASCII")));
}

/// Whether [`sign_request`] signs this request: every request the app makes (what it refuses
/// no endpoint or credentials the app accepts can give).
pub fn can_sign(
    endpoint: &ResolvedEndpoint,
    headers: &[(&'static str, &str)],
    credentials: &Credentials,
) -> bool {
    plain_parts(endpoint, headers, credentials, "").is_ok()
}

/// A header the request signs: its name, the value sent and the value signed.
type Signed<'a> = (&'a str, &'a str, Cow<'a, str>);

/// A request's canonical URI and every header it signs, sorted by name (the protocol headers,
/// `host`, `x-amz-date` as `amz_date`, the session token), or why it is not signed: a path or
/// a header name outside the module's text, a value no header can carry, a name twice.
fn plain_parts<'a>(
    endpoint: &'a ResolvedEndpoint,
    headers: &[(&'static str, &'a str)],
    credentials: &'a Credentials,
    amz_date: &'a str,
) -> Result<(&'a str, Vec<Signed<'a>>), SignError> {
    let refuse = |why: &str| Err(SignError::Signer(why.to_owned()));
    let Some(path) = plain_path(&endpoint.signing_url) else {
        return refuse("its path has characters or segments this app does not sign");
    };
    let mut signed: Vec<Signed<'a>> = Vec::with_capacity(headers.len() + 3);
    for &(name, value) in headers {
        if !is_plain_name(name) {
            return refuse("a header name this app does not sign");
        }
        let Some(canonical) = canonical_value(value) else {
            return refuse("a header value with a control character");
        };
        signed.push((name, value, canonical));
    }
    let Some(host) = canonical_value(&endpoint.signing_host) else {
        return refuse("a host with a control character");
    };
    signed.push(("host", &endpoint.signing_host, host));
    signed.push(("x-amz-date", amz_date, Cow::Borrowed(amz_date)));
    if let Some(token) = credentials.session_token() {
        // `aws-sigv4` signs the token as it is, not folded.
        if !token.bytes().all(is_header_byte) {
            return refuse("a session token with a control character");
        }
        signed.push(("x-amz-security-token", token, Cow::Borrowed(token)));
    }
    crate::sort::sort_by(&mut signed, &|a, b| a.0.cmp(b.0));
    if signed.windows(2).any(|w| w[0].0 == w[1].0) {
        return refuse("a header named twice");
    }
    Ok((path, signed))
}

/// Signs a request (the module's text): the headers to send, as [`sign_with_aws_sigv4`]
/// writes them (every signed header but `host`, sorted by name, then `authorization`).
fn sign_plain(
    endpoint: &ResolvedEndpoint,
    headers: &[(&'static str, &str)],
    body: &str,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<Vec<(String, String)>, SignError> {
    let amz_date = crate::aws::datetime::compact_utc(time::OffsetDateTime::from(time));
    let (path, signed) = plain_parts(endpoint, headers, credentials, &amz_date)?;
    let mut names = String::with_capacity(80);
    let mut canonical = String::with_capacity(
        160 + path.len()
            + signed
                .iter()
                .map(|(n, _, v)| 2 * n.len() + v.len() + 2)
                .sum::<usize>(),
    );
    canonical.push_str("POST\n");
    canonical.push_str(path);
    canonical.push_str("\n\n");
    for (name, _, value) in &signed {
        if !names.is_empty() {
            names.push(';');
        }
        names.push_str(name);
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(value);
        canonical.push('\n');
    }
    canonical.push('\n');
    canonical.push_str(&names);
    canonical.push('\n');
    push_hex(&mut canonical, &Sha256::digest(body.as_bytes()).into());

    let date = &amz_date[..8];
    let region = &endpoint.signing_region;
    let service = endpoint.signing_name;
    let mut key_scope = String::with_capacity(40);
    for part in [date, "/", region, "/", service] {
        key_scope.push_str(part);
    }
    let mut string_to_sign = String::with_capacity(160);
    for part in [
        "AWS4-HMAC-SHA256\n",
        &amz_date,
        "\n",
        &key_scope,
        "/aws4_request\n",
    ] {
        string_to_sign.push_str(part);
    }
    push_hex(
        &mut string_to_sign,
        &Sha256::digest(canonical.as_bytes()).into(),
    );
    let mac = credentials.signing_keys().get_or_derive(&key_scope, || {
        v4::generate_signing_key(credentials.secret_access_key(), time, region, service)
            .as_ref()
            .to_vec()
    });
    let signature: [u8; 32] = mac
        .chain_update(string_to_sign.as_bytes())
        .finalize()
        .into_bytes()
        .into();
    let mut out: Vec<(String, String)> = signed
        .iter()
        .filter(|(name, _, _)| *name != "host")
        .map(|(name, sent, _)| (name.to_string(), sent.to_string()))
        .collect();
    let mut authorization = String::with_capacity(240);
    for part in [
        "AWS4-HMAC-SHA256 Credential=",
        credentials.access_key_id(),
        "/",
        &key_scope,
        "/aws4_request, SignedHeaders=",
        &names,
        ", Signature=",
    ] {
        authorization.push_str(part);
    }
    push_hex(&mut authorization, &signature);
    out.push(("authorization".into(), authorization));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{can_sign, sign_request, sign_with_aws_sigv4};
    use crate::aws::credentials::{Credentials, KeyChecks};
    use crate::aws::endpoint::validate_path;
    use crate::aws::endpoint::{resolve, ResolvedEndpoint, Service};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const TOKEN: &str =
        "IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==FwoGZXIvYXdzEBYaDHk0bmV4YW1wbGVkYXRh";

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[(self.next() % items.len() as u64) as usize]
        }
    }

    /// Generated requests, signed here and by `aws-sigv4`'s whole path: the same request, byte
    /// for byte, for every request signed here; what is refused here is either refused by
    /// `aws-sigv4` too or has what no request of the app has (a path `endpoint::validate_path`
    /// refuses, a header name it never sends, a name twice). The credentials are reused across requests, so keys derived for one day,
    /// region and service are reused for later ones.
    #[test]
    fn every_request_is_signed_exactly_as_aws_sigv4_signs_it() {
        const PATHS: &[&str] = &[
            "",
            "/",
            "/aws",
            "/ce/",
            "/a/b/c",
            "/x_y-z~",
            "/a.b",
            "/v1.0/ce/",
            "/.well-known",
            "/a./b",
            "/..",
            "/a/../b",
            "/a/./b",
            "/./",
            "//",
            "/a//b",
            "/%41",
            "/%2F",
            "/caf\u{e9}",
            "/a:b",
            "/a+b",
            "/a=b",
            "/@",
        ];
        const HOSTS: &[&str] = &[
            "ce.us-east-1.amazonaws.com",
            "ec2.eu-west-1.amazonaws.com",
            "127.0.0.1:4566",
            "[::1]:8080",
            "localhost",
            "proxy.corp.test",
        ];
        const VALUES: &[&str] = &[
            "application/x-amz-json-1.1",
            "application/x-www-form-urlencoded; charset=utf-8",
            "AWSInsightsIndexService.GetReservationCoverage",
            " padded",
            "padded ",
            "two  spaces",
            "tab\there",
            " many   spaces  inside ",
            "bell\u{7}",
            "caf\u{e9}",
            "a",
        ];
        const NAMES: &[&str] = &["content-type", "x-amz-target", "x-custom-1", "user-agent"];
        const REGIONS: &[&str] = &["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"];
        const SERVICES: &[&str] = &["ce", "ec2", "sts", "monitoring"];
        const BODIES: &[&str] = &[
            "",
            "{}",
            "Action=GetCallerIdentity&Version=2011-06-15",
            "\u{1f600} caf\u{e9}",
        ];
        let credentials = [
            Credentials::new("AKIAIOSFODNN7EXAMPLE", SECRET, None).unwrap(),
            Credentials::new("ASIAIOSFODNN7EXAMPLE", SECRET, Some(TOKEN)).unwrap(),
            Credentials::new_for("test", "test", Some("a token"), KeyChecks::StandIn).unwrap(),
            Credentials::new_for("test", "test", Some("two  spaces"), KeyChecks::StandIn).unwrap(),
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut signed, mut refused) = (0, 0);
        let total = 12_000;
        for _ in 0..total {
            let scheme = *rng.pick(&["https", "http"]);
            let host = *rng.pick(HOSTS);
            let path = *rng.pick(PATHS);
            let url = format!("{scheme}://{host}{path}");
            let service: &'static str = SERVICES[(rng.next() % SERVICES.len() as u64) as usize];
            let endpoint = ResolvedEndpoint {
                url: url.clone(),
                signing_url: url,
                signing_host: host.to_owned(),
                signing_region: (*rng.pick(REGIONS)).to_owned(),
                signing_name: service,
            };
            let mut headers: Vec<(&'static str, &str)> = Vec::new();
            for _ in 0..rng.next() % 4 {
                headers.push((*rng.pick(NAMES), *rng.pick(VALUES)));
            }
            let creds = rng.pick(&credentials);
            // Days from 2001 to 2098, any second and fraction of it.
            let time = UNIX_EPOCH
                + Duration::new(
                    978_307_200 + rng.next() % 3_100_000_000,
                    (rng.next() % 1_000_000_000) as u32,
                );
            let body = (*rng.pick(BODIES)).to_owned();
            let mut names: Vec<&str> = headers.iter().map(|(k, _)| *k).collect();
            crate::sort::sort(&mut names);
            let the_app_could_send = validate_path(path).is_ok()
                && names.iter().all(|n| super::is_plain_name(n))
                && names.windows(2).all(|w| w[0] != w[1]);
            let ours = sign_request(&endpoint, &headers, body.clone(), creds, time);
            assert_eq!(can_sign(&endpoint, &headers, creds), ours.is_ok());
            let theirs = sign_with_aws_sigv4(&endpoint, &headers, body, creds, time);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => {
                    signed += 1;
                    assert!(
                        a == b,
                        "{endpoint:?} {headers:?} {time:?}\n ours:      {:?}\n aws-sigv4: {:?}",
                        a.headers,
                        b.headers
                    );
                }
                (Err(_), Err(_)) => refused += 1,
                (Err(e), Ok(_)) => {
                    refused += 1;
                    assert!(
                        !the_app_could_send,
                        "{endpoint:?} {headers:?}: refused ({e}), aws-sigv4 signs it, and the app could send it"
                    );
                }
                (Ok(_), Err(e)) => {
                    panic!("{endpoint:?} {headers:?}: signed here, refused by aws-sigv4 ({e})")
                }
            }
        }
        // Both outcomes are exercised, each for a thousand requests or more.
        assert!(
            signed >= 1_000 && refused >= 1_000,
            "{signed} signed and {refused} refused of {total}"
        );
    }

    /// A key is derived once per day, region and service, shared by the credentials' clones,
    /// and the signature made with it is aws-sigv4's.
    #[test]
    fn signing_keys_are_derived_once_per_scope() {
        let creds = Credentials::new("ASIAIOSFODNN7EXAMPLE", SECRET, Some(TOKEN)).unwrap();
        let copy = creds.clone();
        let day = UNIX_EPOCH + Duration::from_secs(1_773_500_966);
        let next_day = day + Duration::from_secs(86_400);
        let ce = resolve(Service::CostExplorer, "us-east-1", None).unwrap();
        let ec2 = resolve(Service::Ec2, "eu-west-1", None).unwrap();
        let headers = [("content-type", "application/x-amz-json-1.1")];
        let sign = |endpoint: &ResolvedEndpoint, creds: &Credentials, time: SystemTime| {
            let ours = sign_request(endpoint, &headers, "{}".into(), creds, time).unwrap();
            let theirs = sign_with_aws_sigv4(endpoint, &headers, "{}".into(), creds, time).unwrap();
            assert!(ours == theirs);
        };
        assert!(creds.signing_keys().is_empty());
        sign(&ce, &creds, day);
        sign(&ce, &copy, day + Duration::from_secs(3_000));
        assert_eq!(creds.signing_keys().len(), 1);
        sign(&ec2, &creds, day);
        assert_eq!(copy.signing_keys().len(), 2);
        sign(&ce, &creds, next_day);
        assert_eq!(creds.signing_keys().len(), 3);
        // Others with the same keys are equal, and have keys of their own.
        let again = Credentials::new("ASIAIOSFODNN7EXAMPLE", SECRET, Some(TOKEN)).unwrap();
        assert!(again == creds);
        assert!(again.signing_keys().is_empty());
    }

    #[test]
    fn at_most_keep_keys_are_kept() {
        let creds = Credentials::new("AKIAIOSFODNN7EXAMPLE", SECRET, None).unwrap();
        let start = UNIX_EPOCH + Duration::from_secs(1_773_500_966);
        let endpoint = resolve(Service::Sts, "us-east-1", None).unwrap();
        for day in 0..(super::SigningKeys::KEEP as u64 + 10) {
            let time = start + Duration::from_secs(day * 86_400);
            let ours = sign_request(&endpoint, &[], String::new(), &creds, time).unwrap();
            let theirs = sign_with_aws_sigv4(&endpoint, &[], String::new(), &creds, time).unwrap();
            assert!(ours == theirs);
        }
        assert_eq!(creds.signing_keys().len(), super::SigningKeys::KEEP);
    }

    /// `push_hex` writes what `format!("{:02x}")` does, for every byte value.
    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for chunk in bytes.chunks(32) {
            let mut ours = String::from("x");
            super::push_hex(&mut ours, chunk.try_into().unwrap());
            let theirs: String = chunk.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(ours, format!("x{theirs}"));
        }
    }
}
