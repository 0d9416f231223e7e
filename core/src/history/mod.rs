//! Capacity Reservation utilization over time (#16): which window and period to show, the
//! CloudWatch queries that fetch it in the fewest calls, what the answers say (average and
//! lowest utilization, unused instance-hours, idle and underused reservations, a reservation's
//! usage over time), and EC2 Capacity Manager's view across accounts and regions.

mod job;
mod manager;
mod query;
mod range;
mod rollup;
mod series;
mod table;

pub use job::{permission_note, ListJob, ListOutcome, ManagerJob, IN_FLIGHT, MAX_PAGES};
pub use manager::{
    account_choices, accounts_input, groups, manager_window, metric_calls, source, Group, Source,
    ACCOUNT_GROUPS, ACCOUNT_METRICS, ENABLE_HINT, METRICS_PER_CALL, RESERVATION_GROUPS,
    RESERVATION_METRICS,
};
pub use query::{
    detail_input, list_calls, metrics_in, metrics_text, ListCall, ASK_ABOVE_METRICS, DIMENSION,
    MAX_QUERIES, NAMESPACE,
};
pub use range::{
    list_window, minute_text, window_for, RangeError, Span, Window, FINEST_PERIOD,
    FIVE_MINUTE_RETENTION_DAYS, MAX_POINTS,
};
pub use rollup::{by_instance_type, TypeHistory};
pub use series::{
    collect, history_csv, hours_text, list_figures, time_text, usage_history, DetailPoint, Flag,
    Lifetime, ListFigures, Marker, Series, UsageHistory,
};
pub use table::{
    account_rows, accounts_csv, default_sort, history_csv_rows, history_rows, history_summary,
    organization_rows, sort_history, AccountRow, Figures, HistoryColumn, HistoryRow,
    ACCOUNT_COLUMNS,
};
