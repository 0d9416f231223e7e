//! Capacity reservations as the app shows them: the list (one [`ReservationRow`] per
//! reservation, sortable and filterable), roll-ups per instance type, the accounts ×
//! reservations matrix, one reservation's usage by account, and the all-regions fan-out.
//!
//! Pure: AWS's parsed answers in, view models out; no browser APIs, tested natively.

mod fanout;
mod id;
mod order;
mod rollup;
mod row;
mod share;
mod table;
mod usage;

pub use fanout::{FanOutPlan, RegionMerge};
pub use id::{parse_reservation_id, ReservationIdError};
pub use order::{known_first, natural_cmp, Direction, Sort};
pub use rollup::{rollup_by_instance_type, InstanceTypeRollup, UsageMatrix};
pub use row::{EndDate, Owner, ReservationRow};
pub use share::{count_display, count_text, share_display, share_text, Share};
pub use table::{
    compare_rows, filter_and_sort, reservations_csv, sort_rows, ReservationColumn, RowFilter,
};
pub use usage::{
    compare_usage, usage_csv, AccountUsage, InterruptibleSection, UsageColumn, UsageDetail,
    UsageHeader,
};
