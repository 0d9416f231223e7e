//! Sorting, filtering and exporting the reservation list.

use super::order::{known_first, natural_cmp, Sort};
use super::row::{EndDate, Owner, ReservationRow};
use super::share::{count_display, count_text, share_display, share_text};
use crate::aws::ec2::CapacityReservationState;
use crate::csv::CsvTable;
use std::cmp::Ordering;
use std::collections::HashSet;

/// A column of the reservation list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ReservationColumn {
    /// Region code.
    Region,
    /// Reservation id.
    #[default]
    Id,
    /// Instance type (natural order: `2xlarge` before `12xlarge`).
    InstanceType,
    /// Platform.
    Platform,
    /// Availability Zone.
    AvailabilityZone,
    /// Tenancy.
    Tenancy,
    /// State (by AWS's text).
    State,
    /// Instances reserved.
    Total,
    /// Instances in use.
    Used,
    /// Instances free.
    Available,
    /// Used / total.
    Utilisation,
    /// End date: dated first (earliest first ascending), then "no end date", unknown last.
    EndDate,
    /// Yours first, then shared by account.
    Owner,
    /// Tags text.
    Tags,
    /// Idle reservations after busy ones ascending.
    Idle,
}

impl ReservationColumn {
    /// Every column, in the order the table and the CSV show them.
    pub const ALL: [ReservationColumn; 15] = [
        Self::Region,
        Self::Id,
        Self::InstanceType,
        Self::Platform,
        Self::AvailabilityZone,
        Self::Tenancy,
        Self::State,
        Self::Total,
        Self::Used,
        Self::Available,
        Self::Utilisation,
        Self::EndDate,
        Self::Owner,
        Self::Tags,
        Self::Idle,
    ];

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Region => "Region",
            Self::Id => "Reservation",
            Self::InstanceType => "Instance type",
            Self::Platform => "Platform",
            Self::AvailabilityZone => "Availability Zone",
            Self::Tenancy => "Tenancy",
            Self::State => "State",
            Self::Total => "Total",
            Self::Used => "Used",
            Self::Available => "Available",
            Self::Utilisation => "Utilisation %",
            Self::EndDate => "End date",
            Self::Owner => "Owner",
            Self::Tags => "Tags",
            Self::Idle => "Idle",
        }
    }

    /// Whether the column holds numbers (right-aligned, tabular figures).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Self::Total | Self::Used | Self::Available | Self::Utilisation
        )
    }

    /// The cell as people read it in the table: counts grouped (`1,008`), the utilisation as
    /// `62.50 %`; every other column as [`Self::cell`].
    pub fn display(self, row: &ReservationRow) -> String {
        match self {
            Self::Total => count_display(row.total),
            Self::Used => count_display(row.used),
            Self::Available => count_display(row.available),
            Self::Utilisation => share_display(row.utilisation),
            _ => self.cell(row),
        }
    }

    /// The cell text for `row` as the CSV holds it (plain numbers, no grouping or `%`).
    pub fn cell(self, row: &ReservationRow) -> String {
        match self {
            Self::Region => row.region.clone(),
            Self::Id => row.id.clone(),
            Self::InstanceType => row.instance_type.clone().unwrap_or_default(),
            Self::Platform => row.platform.clone().unwrap_or_default(),
            Self::AvailabilityZone => row.availability_zone.clone().unwrap_or_default(),
            Self::Tenancy => row.tenancy.clone().unwrap_or_default(),
            Self::State => row.state_text().to_owned(),
            Self::Total => count_text(row.total),
            Self::Used => count_text(row.used),
            Self::Available => count_text(row.available),
            Self::Utilisation => share_text(row.utilisation),
            Self::EndDate => row.end_date.text().to_owned(),
            Self::Owner => row.owner.to_string(),
            Self::Tags => row.tags_text(),
            Self::Idle => if row.idle { "yes" } else { "no" }.to_owned(),
        }
    }
}

/// Compares two rows on `sort`; unknown values last in either direction.
pub fn compare_rows(
    a: &ReservationRow,
    b: &ReservationRow,
    sort: Sort<ReservationColumn>,
) -> Ordering {
    use ReservationColumn as C;
    let d = sort.direction;
    let text = |x: Option<&str>, y: Option<&str>| {
        // An empty text is as unknown as a missing one.
        let x = x.filter(|s| !s.is_empty());
        let y = y.filter(|s| !s.is_empty());
        known_first(x, y, d, |x, y| natural_cmp(x, y))
    };
    match sort.column {
        C::Region => text(Some(&a.region), Some(&b.region)),
        C::Id => text(Some(&a.id), Some(&b.id)),
        C::InstanceType => text(a.instance_type.as_deref(), b.instance_type.as_deref()),
        C::Platform => text(a.platform.as_deref(), b.platform.as_deref()),
        C::AvailabilityZone => text(
            a.availability_zone.as_deref(),
            b.availability_zone.as_deref(),
        ),
        C::Tenancy => text(a.tenancy.as_deref(), b.tenancy.as_deref()),
        C::State => text(
            a.state.as_ref().map(CapacityReservationState::as_str),
            b.state.as_ref().map(CapacityReservationState::as_str),
        ),
        C::Total => known_first(a.total, b.total, d, Ord::cmp),
        C::Used => known_first(a.used, b.used, d, Ord::cmp),
        C::Available => known_first(a.available, b.available, d, Ord::cmp),
        C::Utilisation => known_first(a.utilisation, b.utilisation, d, Ord::cmp),
        C::EndDate => known_first(end_key(&a.end_date), end_key(&b.end_date), d, Ord::cmp),
        C::Owner => known_first(owner_key(&a.owner), owner_key(&b.owner), d, |x, y| {
            x.0.cmp(&y.0).then_with(|| natural_cmp(x.1, y.1))
        }),
        C::Tags => known_first(non_empty(&a.tags), non_empty(&b.tags), d, |x, y| {
            x.iter()
                .zip(y.iter())
                .map(|(p, q)| natural_cmp(p, q))
                .find(|o| o.is_ne())
                .unwrap_or_else(|| x.len().cmp(&y.len()))
        }),
        C::Idle => d.apply(a.idle.cmp(&b.idle)),
    }
}

/// Dated ends in time order, then "no end date" (it lasts longest); `Unknown` is `None`.
fn end_key(end: &EndDate) -> Option<(bool, Option<time::OffsetDateTime>)> {
    match end {
        EndDate::At(t) => Some((false, Some(t.value))),
        EndDate::Unlimited => Some((true, None)),
        EndDate::Unknown => None,
    }
}

fn non_empty(tags: &[String]) -> Option<&[String]> {
    (!tags.is_empty()).then_some(tags)
}

fn owner_key(owner: &Owner) -> Option<(u8, &str)> {
    match owner {
        Owner::Yours => Some((0, "")),
        Owner::SharedBy(account) => Some((1, account)),
        Owner::Unknown => None,
    }
}

/// Sorts rows in place; stable, so equal rows keep their previous order.
pub fn sort_rows(rows: &mut [ReservationRow], sort: Sort<ReservationColumn>) {
    crate::sort::sort_by(rows, &|a, b| compare_rows(a, b, sort));
}

/// What the list shows. Empty sets mean "no restriction".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Only these states (a row without a state never matches a non-empty set).
    pub states: HashSet<CapacityReservationState>,
    /// Only these instance types (exact, as AWS writes them).
    pub instance_types: HashSet<String>,
    /// Free text: every whitespace-separated word must appear, case-insensitively, in the id,
    /// instance type, zone, tags or owner.
    pub text: String,
}

impl RowFilter {
    /// Whether `row` passes. Lowercases the query on every call; use [`filter_and_sort`] for a
    /// whole list.
    pub fn matches(&self, row: &ReservationRow) -> bool {
        self.matches_with(row, &query_terms(&self.text))
    }

    fn matches_with(&self, row: &ReservationRow, terms: &[String]) -> bool {
        let state_ok =
            self.states.is_empty() || row.state.as_ref().is_some_and(|s| self.states.contains(s));
        let type_ok = self.instance_types.is_empty()
            || row
                .instance_type
                .as_ref()
                .is_some_and(|t| self.instance_types.contains(t));
        state_ok && type_ok && row.matches_terms(terms)
    }
}

/// A query split into lowercase words.
pub(super) fn query_terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// The rows passing `filter`, sorted by `sort` (stable: ties keep the input order).
pub fn filter_and_sort<'a>(
    rows: &'a [ReservationRow],
    filter: &RowFilter,
    sort: Sort<ReservationColumn>,
) -> Vec<&'a ReservationRow> {
    let terms = query_terms(&filter.text);
    let mut shown: Vec<&ReservationRow> = rows
        .iter()
        .filter(|r| filter.matches_with(r, &terms))
        .collect();
    crate::sort::sort_by(&mut shown, &|a, b| compare_rows(a, b, sort));
    shown
}

/// The rows as CSV, every column of [`ReservationColumn::ALL`], in the order given.
pub fn reservations_csv<'a>(rows: impl IntoIterator<Item = &'a ReservationRow>) -> String {
    let mut csv = CsvTable::new(ReservationColumn::ALL.iter().map(|c| c.title()));
    for row in rows {
        csv.push_row(ReservationColumn::ALL.iter().map(|c| c.cell(row)));
    }
    csv.finish()
}
