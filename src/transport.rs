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
use wasm_bindgen::JsCast;

use crate::aws::http::{HttpRequest, HttpResponse};
pub use lens_core::jobs::TransportError;

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
    /// Whether AWS bills what goes through here (the sample data bills nothing).
    fn billed(&self) -> bool;
}

/// The network, through the browser's `fetch`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fetch;

/// The sample data built into the app: answers at once, sends nothing anywhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sample;

impl Transport for Sample {
    fn send(&self, request: HttpRequest, _timeout: Duration) -> Sending {
        let answer = crate::demo::answer(&request);
        Sending {
            answer: Box::pin(async move { Ok(answer) }),
            abort: Box::new(|| {}),
        }
    }

    fn billed(&self) -> bool {
        false
    }
}

impl Transport for Fetch {
    fn send(&self, request: HttpRequest, timeout: Duration) -> Sending {
        let endpoint = origin_of(&request.url);
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
            let result = fetch(&request, &controller.signal()).await;
            if let Some(id) = timer_id {
                window().clear_timeout_with_handle(id);
            }
            drop(timer);
            result.map_err(|()| {
                if cancelled.get() {
                    TransportError::Cancelled
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

    fn billed(&self) -> bool {
        true
    }
}

async fn fetch(request: &HttpRequest, signal: &web_sys::AbortSignal) -> Result<HttpResponse, ()> {
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
        .map_err(|_| ())?
        .send()
        .await
        .map_err(|_| ())?;
    let headers = response.headers().entries().collect();
    let body = response.text().await.map_err(|_| ())?;
    Ok(HttpResponse {
        status: response.status(),
        headers,
        body,
    })
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
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    url[..end].to_owned()
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
