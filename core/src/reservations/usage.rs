//! Who uses one reservation: the pages of `GetCapacityReservationUsage` as one table.
//!
//! Built for large shared reservations (thousands of accounts): search keys are lowercased
//! once, a view filters then sorts references (O(n log n)), nothing is quadratic.

use super::order::{known_first, natural_cmp, Direction, Sort};
use super::share::{count_display, count_text, share_display, share_text, Share};
use crate::aws::ec2::{
    CapacityReservationState, CapacityReservationUsage, InterruptibleAllocationStatus,
    InterruptibleCapacityAllocation, InterruptionInfo, InterruptionType,
};
use crate::csv::CsvTable;
use std::cmp::Ordering;

/// The reservation the usage belongs to, as the usage pages describe it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsageHeader {
    /// `cr-…`.
    pub reservation_id: Option<String>,
    /// e.g. `m6i.xlarge`.
    pub instance_type: Option<String>,
    /// Its state.
    pub state: Option<CapacityReservationState>,
    /// Instances reserved.
    pub total: Option<u32>,
    /// Instances free.
    pub available: Option<u32>,
    /// `total − available`, floored at 0.
    pub used: Option<u32>,
    /// Used / total.
    pub utilisation: Option<Share>,
}

/// One account's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountUsage {
    /// The account id (empty if AWS left it out).
    pub account_id: String,
    /// Instances it runs in the reservation.
    pub used: Option<u32>,
    /// `used` / the reservation's total.
    pub share: Option<Share>,
    search_key: String,
}

/// A column of the usage table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum UsageColumn {
    /// Account id.
    Account,
    /// Instances in use.
    #[default]
    InUse,
    /// Share of the reservation's total (same order as `InUse`, one total for all rows).
    Share,
}

impl UsageColumn {
    /// Every column, in table and CSV order.
    pub const ALL: [UsageColumn; 3] = [Self::Account, Self::InUse, Self::Share];

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Account => "Account",
            Self::InUse => "Instances in use",
            Self::Share => "Share of reservation %",
        }
    }

    /// Whether the column holds numbers (right-aligned, tabular figures).
    pub fn numeric(self) -> bool {
        self != Self::Account
    }

    /// The cell as people read it in the table: `1,008`, `62.50 %`.
    pub fn display(self, row: &AccountUsage) -> String {
        match self {
            Self::Account => row.account_id.clone(),
            Self::InUse => count_display(row.used),
            Self::Share => share_display(row.share),
        }
    }

    /// The cell text for `row` as the CSV holds it.
    pub fn cell(self, row: &AccountUsage) -> String {
        match self {
            Self::Account => row.account_id.clone(),
            Self::InUse => count_text(row.used),
            Self::Share => share_text(row.share),
        }
    }
}

/// The interruptible-capacity part of a reservation, when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterruptibleSection {
    /// Whether AWS flags the reservation itself as interruptible.
    pub interruptible: Option<bool>,
    /// On a source reservation: the capacity lent out as interruptible.
    pub allocation: Option<InterruptibleCapacityAllocation>,
    /// On an interruptible reservation: where its capacity comes from.
    pub interruption: Option<InterruptionInfo>,
}

impl InterruptibleSection {
    /// The section for this data, or `None` when there is nothing interruptible to show.
    pub fn new(
        interruptible: Option<bool>,
        allocation: Option<&InterruptibleCapacityAllocation>,
        interruption: Option<&InterruptionInfo>,
    ) -> Option<Self> {
        if interruptible != Some(true) && allocation.is_none() && interruption.is_none() {
            return None;
        }
        Some(InterruptibleSection {
            interruptible,
            allocation: allocation.cloned(),
            interruption: interruption.cloned(),
        })
    }

    /// Allocation status as AWS wrote it (`active`, `updating`, …).
    pub fn status(&self) -> Option<&InterruptibleAllocationStatus> {
        self.allocation.as_ref()?.status.as_ref()
    }

    /// `"3 of 5 instances"` (instance count vs target), or what is known of it.
    pub fn progress_text(&self) -> Option<String> {
        let a = self.allocation.as_ref()?;
        Some(match (a.instance_count, a.target_instance_count) {
            (Some(n), Some(t)) => format!("{n} of {t} instances"),
            (Some(n), None) => format!("{n} instances (target unknown)"),
            (None, Some(t)) => format!("target {t} instances"),
            (None, None) => return None,
        })
    }

    /// The interruptible reservation created from this one.
    pub fn interruptible_reservation_id(&self) -> Option<&str> {
        self.allocation
            .as_ref()?
            .interruptible_capacity_reservation_id
            .as_deref()
    }

    /// How instances are reclaimed (from whichever part says).
    pub fn interruption_type(&self) -> Option<&InterruptionType> {
        let from_allocation = self
            .allocation
            .as_ref()
            .and_then(|a| a.interruption_type.as_ref());
        from_allocation.or_else(|| self.interruption.as_ref()?.interruption_type.as_ref())
    }

    /// The reservation this interruptible capacity was taken from.
    pub fn source_reservation_id(&self) -> Option<&str> {
        self.interruption
            .as_ref()?
            .source_capacity_reservation_id
            .as_deref()
    }
}

/// The usage detail of one reservation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageDetail {
    /// The reservation's numbers.
    pub header: UsageHeader,
    /// One line per usage entry, in AWS's order across pages.
    pub rows: Vec<AccountUsage>,
    /// Sum of the known per-account counts.
    pub accounted: u64,
    /// The interruptible section, if any.
    pub interruptible: Option<InterruptibleSection>,
}

impl UsageDetail {
    /// Joins the pages (in the order fetched). Header values come from the first page that
    /// has each one: every page repeats them.
    pub fn from_pages<'a>(pages: impl IntoIterator<Item = &'a CapacityReservationUsage>) -> Self {
        let mut header = UsageHeader::default();
        let mut rows = Vec::new();
        let (mut interruptible, mut allocation, mut interruption) = (None, None, None);
        for page in pages {
            fill(&mut header.reservation_id, &page.capacity_reservation_id);
            fill(&mut header.instance_type, &page.instance_type);
            fill(&mut header.state, &page.state);
            fill(&mut header.total, &page.total_instance_count);
            fill(&mut header.available, &page.available_instance_count);
            fill(&mut interruptible, &page.interruptible);
            if allocation.is_none() {
                allocation = page.interruptible_capacity_allocation.as_ref();
            }
            if interruption.is_none() {
                interruption = page.interruption_info.as_ref();
            }
            rows.extend(page.instance_usages.iter().map(|u| {
                let account_id = u.account_id.clone().unwrap_or_default();
                AccountUsage {
                    search_key: account_id.to_lowercase(),
                    account_id,
                    used: u.used_instance_count,
                    share: None,
                }
            }));
        }
        header.used = match (header.total, header.available) {
            (Some(t), Some(a)) => Some(t.saturating_sub(a)),
            _ => None,
        };
        let total = header.total.map(u64::from);
        header.utilisation = Share::of(header.used.map(u64::from), total);
        for row in &mut rows {
            row.share = Share::of(row.used.map(u64::from), total);
        }
        UsageDetail {
            accounted: rows.iter().filter_map(|r| r.used).map(u64::from).sum(),
            header,
            rows,
            interruptible: InterruptibleSection::new(interruptible, allocation, interruption),
        }
    }

    /// The rows whose account contains every word of `query` (case-insensitive), sorted by
    /// `sort` (stable; unknown counts last).
    pub fn view(&self, query: &str, sort: Sort<UsageColumn>) -> Vec<&AccountUsage> {
        let terms = super::table::query_terms(query);
        let mut shown: Vec<&AccountUsage> = self
            .rows
            .iter()
            .filter(|r| terms.iter().all(|t| r.search_key.contains(t.as_str())))
            .collect();
        crate::sort::sort_by(&mut shown, &|a, b| compare_usage(a, b, sort));
        shown
    }

    /// The `n` accounts running the most instances, then one "Others (k accounts)" bar for the
    /// rest, ready for the usage chart. Accounts with 0 or unknown instances are left out: a
    /// bar of nothing says nothing. Ties keep account order, so the chart is stable.
    pub fn top_accounts(&self, n: usize) -> Vec<(String, u32)> {
        let mut using: Vec<(&str, u32)> = self
            .rows
            .iter()
            .filter_map(|r| {
                r.used
                    .filter(|&u| u > 0)
                    .map(|u| (r.account_id.as_str(), u))
            })
            .collect();
        crate::sort::sort_by(&mut using, &|a, b| {
            b.1.cmp(&a.1).then_with(|| natural_cmp(a.0, b.0))
        });
        let rest = using.split_off(n.min(using.len()));
        let mut bars: Vec<(String, u32)> =
            using.into_iter().map(|(a, u)| (a.to_owned(), u)).collect();
        if !rest.is_empty() {
            let sum: u64 = rest.iter().map(|r| u64::from(r.1)).sum();
            let label = match rest.len() {
                1 => "Others (1 account)".to_owned(),
                k => format!("Others ({k} accounts)"),
            };
            bars.push((label, u32::try_from(sum).unwrap_or(u32::MAX)));
        }
        bars
    }
}

/// Usage rows (e.g. a [`UsageDetail::view`]) as CSV, in the order given.
pub fn usage_csv<'a>(rows: impl IntoIterator<Item = &'a AccountUsage>) -> String {
    let mut csv = CsvTable::new(UsageColumn::ALL.iter().map(|c| c.title()));
    for row in rows {
        csv.push_row(UsageColumn::ALL.iter().map(|c| c.cell(row)));
    }
    csv.finish()
}

fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

/// Compares two usage rows on `sort`; unknown values last in either direction.
pub fn compare_usage(a: &AccountUsage, b: &AccountUsage, sort: Sort<UsageColumn>) -> Ordering {
    let d: Direction = sort.direction;
    match sort.column {
        UsageColumn::Account => {
            let x = Some(a.account_id.as_str()).filter(|s| !s.is_empty());
            let y = Some(b.account_id.as_str()).filter(|s| !s.is_empty());
            known_first(x, y, d, |x, y| natural_cmp(x, y))
        }
        UsageColumn::InUse => known_first(a.used, b.used, d, Ord::cmp),
        UsageColumn::Share => known_first(a.share, b.share, d, Ord::cmp),
    }
}
