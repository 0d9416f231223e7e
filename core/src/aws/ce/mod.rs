//! Cost Explorer (JSON 1.1, `AWSInsightsIndexService`): GetReservationCoverage, GetDimensionValues.

pub mod expression;
mod request;
mod response;

pub use expression::{Condition, Dimension, Expression, MatchOption};
pub use request::*;
pub use response::*;

use serde::{Deserialize, Serialize};

/// `DateInterval`: `Start` inclusive, `End` exclusive, `YYYY-MM-DD` (AWS also accepts a
/// `THH:MM:SSZ` suffix). Shared by requests and responses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateInterval {
    #[serde(rename = "Start")]
    pub start: String,
    #[serde(rename = "End")]
    pub end: String,
}
