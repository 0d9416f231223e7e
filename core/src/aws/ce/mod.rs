//! Cost Explorer (JSON 1.1, `AWSInsightsIndexService`), as botocore 1.44.5's `ce` model defines it:
//!
//! - `GetReservationCoverage`: how much usage reservations covered (paged, `NextPageToken`).
//! - `GetDimensionValues`: the values a dimension takes, for filters (paged, `NextPageToken`).
//! - `GetReservationUtilization`: how much of the reservations bought was used (paged,
//!   `NextPageToken`).
//! - `GetSavingsPlansCoverage`: how much eligible spend Savings Plans covered (paged,
//!   `NextToken`).
//! - `GetSavingsPlansUtilization`: how much of the Savings Plans commitment was used (one
//!   answer).
//!
//! Requests are built and checked in `request` (which rule comes from where is said there),
//! answers parsed in `response`. Every request, a rejected one or a further page included, is
//! billed USD 0.01.

pub mod expression;
mod request;
mod response;

pub use expression::{Condition, Dimension, Expression, MatchOption};
pub use lens_ce_read::DateInterval;
pub use request::*;
pub use response::*;
