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

fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
