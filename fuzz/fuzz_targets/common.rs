//! Shared by the targets: fuzz bytes as an HTTP answer (two bytes of status, one of header
//! choice, the rest the body).

use lens_core::aws::http::HttpResponse;

pub fn response(data: &[u8]) -> Option<HttpResponse> {
    let (head, body) = data.split_at_checked(3)?;
    let status = 100 + u16::from_le_bytes([head[0], head[1]]) % 500;
    let body = String::from_utf8_lossy(body).into_owned();
    let mut headers = Vec::new();
    if head[2] & 1 != 0 {
        headers.push(("x-amzn-requestid".into(), "fuzz-request".into()));
    }
    if head[2] & 2 != 0 {
        headers.push(("date".into(), "Wed, 02 Dec 2026 01:00:00 GMT".into()));
    }
    if head[2] & 4 != 0 {
        headers.push(("x-amzn-query-error".into(), "Throttling;Sender".into()));
    }
    if head[2] & 8 != 0 {
        headers.push(("content-type".into(), "text/html".into()));
    }
    Some(HttpResponse {
        status,
        headers,
        body,
    })
}
