//! The parts of the app that load when first used, each its own WebAssembly file in the
//! release build: the identity check behind Connect (with it the signing, the retries and the
//! STS parser), the Capacity Reservations area, the Coverage area, and the sample data. The
//! first view (the Connection form) needs none of them; `scripts/post_build.py` splits them
//! off with wasm-split and the page fetches each on first use (and all of them once the first
//! view is up, while the user reads it).
//!
//! Under the `split` feature (the release build) each function here is a split point of
//! `wasm_split` (re-exported by Leptos): its body and everything only it reaches go to a
//! separate module, and calling it first loads that module. Without the feature (debug
//! builds, `trunk serve`, the browser tests) the same functions are plain `async fn`s in the
//! one module. A module that fails to load (the network dropped, or the deployment changed
//! under an open page) is an `Err(PartMissing)`, never a panic: the caller says so and offers
//! to try again, and the next call starts a fresh load.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::aws::http::{HttpRequest, HttpResponse};
use crate::aws::operation::GetCallerIdentity;
use crate::aws::sts::CallerIdentity;
use crate::components::{CapacityArea, CoverageArea, ErrorPanel};
use crate::connection::Connection;
use crate::jobs::{CallError, Single};
use crate::shell::{JobHandle, Shell};

/// A part of the app did not arrive from the page's server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartMissing;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// Declares a part: a function whose body is loaded on first call.
macro_rules! part {
    ($part:ident, $preload:ident, $(#[$doc:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $part,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] $preload),
            fallible
        )]
        pub fn $name($($arg: $ty),*) -> Result<$ret, PartMissing> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, PartMissing> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        #[doc(hidden)]
        pub async fn $preload() -> Result<(), PartMissing> {
            Ok(())
        }
    };
}

/// What asking STS who the credentials belong to gave.
pub struct IdentityAnswer {
    /// Whether the job ran to its end (it was not cancelled).
    pub finished: bool,
    /// Each retry's line, for a slow success to explain itself.
    pub retries: Vec<String>,
    pub result: Result<CallerIdentity, CallError>,
    /// How a failed check is shown: the error panel and every error's words come with this
    /// part, so the first view does not carry them.
    pub show_error: fn(&CallError) -> AnyView,
}

part!(
    connect,
    preload_connect,
    /// Asks STS who `connection`'s credentials belong to (GetCallerIdentity) through the
    /// shell, `status` kept at the job's progress line.
    pub fn ask_identity(
        shell: Shell,
        connection: Connection,
        handle: JobHandle,
        status: RwSignal<Option<String>>,
    ) -> Pin<Box<dyn Future<Output = IdentityAnswer>>> {
        Box::pin(async move {
            let mut job = Single::for_connection(&GetCallerIdentity, &connection, None);
            let outcome = shell
                .drive(&mut job, &handle, &|line| status.set(line))
                .await;
            IdentityAnswer {
                finished: outcome.is_ok(),
                retries: job.retries().to_vec(),
                result: job.into_result(),
                show_error: |error| view! { <ErrorPanel error=error.clone() /> }.into_any(),
            }
        })
    }
);

part!(
    capacity,
    preload_capacity,
    /// The Capacity Reservations area for the fragment's query.
    pub fn capacity_area(query: String) -> AnyView {
        view! { <CapacityArea query=query /> }.into_any()
    }
);

part!(
    coverage,
    preload_coverage,
    /// The Coverage area for the fragment's query.
    pub fn coverage_area(query: String) -> AnyView {
        view! { <CoverageArea query=query /> }.into_any()
    }
);

part!(
    sample,
    preload_sample,
    /// The sample AWS's answer to a request (`lens_core::demo`).
    pub fn sample_answer(request: HttpRequest) -> HttpResponse {
        crate::demo::answer(&request)
    }
);

/// Loads every part in the background (once the first view is up), so that a click later
/// finds it ready. A part that fails here is loaded again when it is used.
pub fn preload_all() {
    leptos::task::spawn_local(async {
        let _ = preload_connect().await;
        let _ = preload_sample().await;
        let _ = preload_capacity().await;
        let _ = preload_coverage().await;
    });
}
