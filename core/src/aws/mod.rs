//! AWS on the wire: typed inputs -> signed HTTP requests, raw HTTP responses -> typed results.
//!
//! Pure Rust: nothing here may import leptos, web-sys or js-sys, and nothing reads the clock.
//! The app's transport is the only code that sends what this module builds.

pub mod ce;
pub mod cloudwatch;
pub mod credentials;
pub mod datetime;
pub mod ec2;
pub mod endpoint;
pub mod error;
pub mod http;
pub mod input;
pub mod json;
pub mod loose_json;
pub mod operation;
pub mod paginate;
pub mod query;
pub mod retry;
pub mod sign;
pub mod sts;
pub mod xml;
