//! EC2 Capacity Manager's read actions: its settings, metric time series, and the dimension
//! values that have data.

mod request;
mod response;

pub use request::*;
pub use response::*;
