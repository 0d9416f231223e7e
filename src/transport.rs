//! The only code that calls `fetch`: sends what the core built and hands back what came. Two
//! transports share one trait: [`Fetch`] (the network) and [`Sample`] (the in-process sample
//! AWS of `lens_core::demo`, no network). Signing, parsing, retries and error wording live in
//! the core; this adds what only a browser has: the network, the clock and timers.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::aws::http::{HttpRequest, HttpResponse};
pub use lens_core::jobs::{TransportError, MAX_BODY_BYTES};

/// A request on its way: its answer, and how to abandon it.
pub struct Sending {
    pub answer: Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>>>>,
    /// Aborts the request; its answer then resolves as [`TransportError::Cancelled`].
    pub abort: Box<dyn Fn()>,
}

/// Where requests go.
pub trait Transport {
    /// Starts sending `request`; an attempt longer than `timeout` is abandoned.
    fn send(&self, request: HttpRequest, timeout: Duration) -> Sending;
}

/// The network, through the browser's `fetch`. Answers longer than `max_body` bytes are not
/// read to the end ([`TransportError::TooLarge`]).
#[derive(Clone, Copy, Debug)]
pub struct Fetch {
    pub max_body: usize,
}

impl Default for Fetch {
    fn default() -> Self {
        Fetch {
            max_body: MAX_BODY_BYTES,
        }
    }
}

/// The sample data built into the app: answers as soon as its code is loaded (its own file,
/// `crate::chunks`), sends nothing anywhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sample;

impl Transport for Sample {
    fn send(&self, request: HttpRequest, _timeout: Duration) -> Sending {
        Sending {
            answer: Box::pin(async move {
                crate::chunks::sample_answer(request).await.map_err(|_| {
                    TransportError::PartMissing {
                        part: "the sample data",
                    }
                })
            }),
            abort: Box::new(|| {}),
        }
    }
}

/// The page's own Content-Security-Policy (the `<meta>` the build writes), if it has one.
fn page_policy() -> Option<String> {
    let meta = window()
        .document()?
        .query_selector("meta[http-equiv='Content-Security-Policy' i]")
        .ok()??;
    meta.get_attribute("content")
}

impl Transport for Fetch {
    fn send(&self, request: HttpRequest, timeout: Duration) -> Sending {
        let endpoint = origin_of(&request.url);
        // Said in words before sending: the browser would only report a failed fetch.
        if let Some(policy) = page_policy() {
            let page = window().location().origin().unwrap_or_default();
            if !lens_core::csp::allows_connect(&policy, &page, &request.url) {
                return Sending {
                    answer: Box::pin(
                        async move { Err(TransportError::Blocked { origin: endpoint }) },
                    ),
                    abort: Box::new(|| {}),
                };
            }
        }
        let Ok(controller) = web_sys::AbortController::new() else {
            return Sending {
                answer: Box::pin(async move { Err(TransportError::NoAnswer { endpoint }) }),
                abort: Box::new(|| {}),
            };
        };
        let cancelled = Rc::new(Cell::new(false));
        let abort = {
            let (controller, cancelled) = (controller.clone(), cancelled.clone());
            Box::new(move || {
                cancelled.set(true);
                controller.abort();
            })
        };
        let max_body = self.max_body;
        let answer = Box::pin(async move {
            let timed_out = Rc::new(Cell::new(false));
            let timer = {
                let (controller, timed_out) = (controller.clone(), timed_out.clone());
                Closure::once(move || {
                    timed_out.set(true);
                    controller.abort();
                })
            };
            let timer_id = window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    timer.as_ref().unchecked_ref(),
                    i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX),
                )
                .ok();
            let result = fetch(&request, &controller.signal(), max_body).await;
            if let Some(id) = timer_id {
                window().clear_timeout_with_handle(id);
            }
            drop(timer);
            result.map_err(|failure| {
                if cancelled.get() {
                    TransportError::Cancelled
                } else if failure == Failure::TooLarge {
                    TransportError::TooLarge { endpoint }
                } else if timed_out.get() {
                    TransportError::TimedOut {
                        endpoint,
                        secs: timeout.as_secs(),
                    }
                } else {
                    TransportError::NoAnswer { endpoint }
                }
            })
        });
        Sending { answer, abort }
    }
}

/// Why `fetch` gave no answer (the caller knows whether it aborted it, and why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Failure {
    /// Rejected or aborted.
    NoAnswer,
    /// Longer than the cap.
    TooLarge,
}

async fn fetch(
    request: &HttpRequest,
    signal: &web_sys::AbortSignal,
    max_body: usize,
) -> Result<HttpResponse, Failure> {
    let mut builder = gloo_net::http::RequestBuilder::new(&request.url)
        .method(gloo_net::http::Method::POST)
        // Nothing of the page's (cookies, HTTP auth) goes to AWS, and AWS sends nothing back
        // that the page should keep.
        .credentials(web_sys::RequestCredentials::Omit)
        .cache(web_sys::RequestCache::NoStore)
        .referrer_policy(web_sys::ReferrerPolicy::NoReferrer)
        .abort_signal(Some(signal));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let response = builder
        .body(request.body.as_str())
        .map_err(|_| Failure::NoAnswer)?
        .send()
        .await
        .map_err(|_| Failure::NoAnswer)?;
    let headers: Vec<(String, String)> = response.headers().entries().collect();
    let declared = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_body as u64) {
        return Err(Failure::TooLarge);
    }
    let body = match response.body() {
        Some(stream) => read_capped(&stream, max_body).await?,
        None => String::new(),
    };
    Ok(HttpResponse {
        status: response.status(),
        headers,
        body,
    })
}

/// Reads a body stream to its end, stopping (and cancelling the stream) past `max` bytes; the
/// text decoded as `Response.text()` does ([`body_text`](crate::aws::http::body_text)).
async fn read_capped(stream: &web_sys::ReadableStream, max: usize) -> Result<String, Failure> {
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let (done_key, value_key) = (JsValue::from_str("done"), JsValue::from_str("value"));
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|_| Failure::NoAnswer)?;
        let done = js_sys::Reflect::get(&chunk, &done_key)
            .map_err(|_| Failure::NoAnswer)?
            .as_bool()
            .unwrap_or(true);
        if done {
            break;
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &value_key)
            .map_err(|_| Failure::NoAnswer)?
            .unchecked_into();
        let start = bytes.len();
        let length = value.length() as usize;
        if start + length > max {
            let _ = reader.cancel();
            return Err(Failure::TooLarge);
        }
        bytes.resize(start + length, 0);
        value.copy_to(&mut bytes[start..]);
    }
    Ok(crate::aws::http::body_text(bytes))
}

/// The browser's clock, uncorrected (`SystemTime::now` panics on wasm32).
pub fn local_now() -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(js_sys::Date::now().max(0.0) as u64)
}

/// The browser's clock as a calendar time.
pub fn local_date_time() -> time::OffsetDateTime {
    time::OffsetDateTime::from(local_now())
}

/// Waits without blocking the page (retry back-off, debouncing).
pub async fn sleep(duration: Duration) {
    let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn window() -> web_sys::Window {
    web_sys::window().expect("Reservation Lens runs in a browser window")
}

/// `scheme://host[:port]` of a URL, for messages (never the path or query).
pub fn origin_of(url: &str) -> String {
    lens_core::csp::origin_of(url).to_owned()
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origin_keeps_scheme_host_and_port_only() {
        assert_eq!(
            origin_of("https://ec2.us-east-1.amazonaws.com/"),
            "https://ec2.us-east-1.amazonaws.com"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:4566/base/path?x=1"),
            "http://127.0.0.1:4566"
        );
        assert_eq!(
            origin_of("https://proxy.example.com?x"),
            "https://proxy.example.com"
        );
        assert_eq!(
            origin_of("https://ce.us-east-1.amazonaws.com"),
            "https://ce.us-east-1.amazonaws.com"
        );
    }
}
