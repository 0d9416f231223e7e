//! Reservation coverage over time (issue 8): the query form's model, the split fan-out plan,
//! and the answers turned into rows, chart series and CSV. Pure Rust, tested natively.

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
pub use series::{
    band, coverage_csv, coverage_series, figures, hours_percent, rows_from_pages, stacks, Band,
    CoverageRow, Series, Stack, COLUMNS, KINDS,
};
