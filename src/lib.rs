//! Reservation Lens: EC2 Capacity Reservation usage and reservation coverage, in the browser.
//!
//! Data flows one way: form state → validated request → signed request (`aws`, pure) →
//! transport → parsed model (pure) → views. Everything but the components and the transport is
//! plain Rust tested natively.

pub mod aws;
pub mod chart;
pub mod client;
pub mod components;
pub mod connection;
pub mod coverage;
pub mod csv;
pub mod demo;
pub mod filter;
pub mod html;
pub mod reservations;
pub mod route;
pub mod sort;
pub mod transport;

/// Mounts the app on the page body (the binary's only job).
pub fn mount() {
    leptos::mount::mount_to_body(components::App);
}
