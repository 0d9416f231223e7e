//! Reservation Lens in the browser: the transport, the one driver that runs the core's jobs,
//! and the Leptos components. Everything else is `lens_core`, re-exported here under its own
//! module names.

pub use lens_core::{
    aws, chart, commitments, connection, coverage, crash, csp, csv, demo, filter, history, html,
    jobs, numbers, reservations, route, sort,
};

pub mod chunks;
pub mod components;
pub mod crash_banner;
pub mod one_file;
pub mod shell;
pub mod transport;

/// Mounts the app on the page body (the binary's only job), then loads the parts of the app
/// the first view does not need (`chunks`).
pub fn mount() {
    leptos::mount::mount_to_body(components::App);
    chunks::preload_all();
}
