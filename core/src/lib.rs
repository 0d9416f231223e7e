//! Reservation Lens's core: everything that is not the browser.
//!
//! Data flows one way: form state → validated request → job (which requests to send next,
//! given the answers so far) → signed request → (the app's transport) → parsed model →
//! series and tables → charts. Every arrow is plain Rust tested natively; this crate depends
//! on no browser crate, so a layering slip is a compile error, not a review comment.

pub mod aws;
pub mod chart;
pub mod commitments;
pub mod connection;
pub mod coverage;
pub mod crash;
pub mod csp;
pub mod csv;
pub mod demo;
pub mod filter;
pub mod history;
pub mod html;
pub mod jobs;
pub mod numbers;
pub mod percent;
pub mod reservations;
pub mod route;
pub mod sort;
mod suggest;
