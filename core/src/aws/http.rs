//! The HTTP messages the wire core produces and consumes. The transport turns these into
//! `fetch` calls and back; tests compare them byte for byte.

/// A request ready to send: every header listed here was signed (the browser adds `host`).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Always `POST` for the operations we call.
    pub method: &'static str,
    /// Where to send it (an AWS endpoint, a stand-in, or a pass-through proxy).
    pub url: String,
    /// Header names in lower case, in the order they should be sent.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpRequest {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }
}

/// Debug shows the request without the `x-amz-security-token` value (the signature in
/// `authorization` is not a secret: it is valid for one request for 5 minutes).
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case("x-amz-security-token") {
                    (k.as_str(), "** redacted **")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// What came back: status, the headers the browser let us read, and the body as text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names in lower case. In a browser, only CORS-exposed headers appear here.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }
}

/// A body's bytes as text, decoded as `Response.text()` does: UTF-8, each bad sequence replaced
/// by U+FFFD, a leading byte order mark dropped. Valid UTF-8 without a mark (every AWS answer)
/// keeps its buffer: no copy.
pub fn body_text(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::body_text;

    #[test]
    fn body_text_decodes_as_response_text_does() {
        assert_eq!(body_text(b"{\"a\":1}".to_vec()), "{\"a\":1}");
        assert_eq!(
            body_text("caf\u{e9} \u{1f600}".as_bytes().to_vec()),
            "caf\u{e9} \u{1f600}"
        );
        // A leading byte order mark is dropped, a later one kept.
        assert_eq!(
            body_text(b"\xef\xbb\xbfok\xef\xbb\xbf".to_vec()),
            "ok\u{feff}"
        );
        // Bad bytes become U+FFFD, one per bad sequence, as TextDecoder does.
        assert_eq!(
            body_text(b"a\xffb\xe2\x82c".to_vec()),
            "a\u{fffd}b\u{fffd}c"
        );
        assert_eq!(body_text(Vec::new()), "");
    }

    #[test]
    fn body_text_keeps_the_buffer_of_valid_text() {
        let bytes = b"plain answer".to_vec();
        let at = bytes.as_ptr();
        let text = body_text(bytes);
        assert_eq!(text.as_ptr(), at);
    }
}
