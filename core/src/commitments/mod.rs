//! Commitments side by side (issue 17): Reserved Instance coverage and utilization, Savings
//! Plans coverage and utilization over one query form and one filter. Which operation answers
//! each view, its requests, its answers as one kind of table (rows, lines, stacks, CSV), and
//! the summary strip. Pure Rust, tested natively.

mod job;
mod request;
mod summary;
mod table;
mod view;

pub use job::{ViewJob, MAX_PAGES};
pub use request::{
    granularity_text, requests_at_least, sp_coverage_values_input, unsendable_for,
    view_cli_command, view_input, ViewInput, SP_COVERAGE_METRICS, SP_COVERAGE_PAGE,
};
pub use summary::{answer_key, side_by_side, strip, Cell};
pub use table::{
    coverage_figures, ri_coverage_table, ri_utilization_table, sp_coverage_table,
    sp_utilization_figures, sp_utilization_table, utilization_figures, Column, Layout, Row, Table,
    Total,
};
pub use view::{Measure, StackNames, View};
