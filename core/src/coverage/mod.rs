//! Reservation coverage over time (issue 8): the query form's model (shared by the four
//! Commitments views), the split fan-out plan, and coverage answers turned into rows (their
//! lines, stacks and CSV are `commitments::Table`'s, like every view's). Pure Rust, tested natively.

pub mod fanout;
pub mod query;
pub mod request;
pub mod series;

pub use fanout::{cost_text, tag_values, SplitPlan, CONCURRENCY, CONFIRM_ABOVE, UNTAGGED};
pub use query::{
    day_text, CoverageQuery, Metric, Period, Preset, QueryProblem, SplitKey, ValidQuery,
    DEFAULT_TARGET, GROUP_DIMENSIONS,
};
pub use request::{cli_command, coverage_input, tag_values_input, unsendable, METRICS};
pub use series::{band, figures, Band, Series, Stack};
