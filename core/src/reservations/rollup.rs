//! Totals across reservations: per instance type, and accounts × reservations.

use super::order::natural_cmp;
use super::row::ReservationRow;
use super::share::Share;
use super::usage::UsageDetail;
use crate::aws::ec2::InstanceUsage;
use crate::csv::CsvTable;
use std::collections::{BTreeMap, HashMap};

/// The reservations of one instance type added up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceTypeRollup {
    /// e.g. `m6i.xlarge` (empty for reservations without an instance type).
    pub instance_type: String,
    /// How many reservations.
    pub reservations: usize,
    /// Instances reserved (rows with a known total).
    pub total: u64,
    /// Instances in use (rows with a known used count).
    pub used: u64,
    /// Instances free (rows with a known available count).
    pub available: u64,
    /// Reservations left out of some sum because AWS did not give a count.
    pub incomplete: usize,
    /// Used / total over the rows where both are known, so one missing count cannot push
    /// the percentage up or down.
    pub utilisation: Option<Share>,
}

/// Adds `rows` up per instance type, in natural instance-type order, then a grand total with
/// `instance_type` "All". Rows are taken as given: pass the filtered list (e.g. only `active`
/// reservations) that the totals should describe.
pub fn rollup_by_instance_type<'a>(
    rows: impl IntoIterator<Item = &'a ReservationRow>,
) -> (Vec<InstanceTypeRollup>, InstanceTypeRollup) {
    let mut groups: BTreeMap<String, Acc> = BTreeMap::new();
    let mut all = Acc::default();
    for row in rows {
        let key = row.instance_type.clone().unwrap_or_default();
        groups.entry(key).or_default().add(row);
        all.add(row);
    }
    let mut out: Vec<InstanceTypeRollup> = groups
        .into_iter()
        .map(|(instance_type, acc)| acc.finish(instance_type))
        .collect();
    crate::sort::sort_by(&mut out, &|a, b| {
        natural_cmp(&a.instance_type, &b.instance_type)
    });
    (out, all.finish("All".to_owned()))
}

#[derive(Default)]
struct Acc {
    reservations: usize,
    total: u64,
    used: u64,
    available: u64,
    incomplete: usize,
    complete_used: u64,
    complete_total: u64,
}

impl Acc {
    fn add(&mut self, row: &ReservationRow) {
        self.reservations += 1;
        self.total += row.total.map_or(0, u64::from);
        self.used += row.used.map_or(0, u64::from);
        self.available += row.available.map_or(0, u64::from);
        match (row.total, row.used) {
            (Some(t), Some(u)) => {
                self.complete_total += u64::from(t);
                self.complete_used += u64::from(u);
            }
            _ => self.incomplete += 1,
        }
    }

    fn finish(self, instance_type: String) -> InstanceTypeRollup {
        InstanceTypeRollup {
            instance_type,
            reservations: self.reservations,
            total: self.total,
            used: self.used,
            available: self.available,
            incomplete: self.incomplete,
            utilisation: Share::new(self.complete_used, self.complete_total),
        }
    }
}

/// Accounts (rows) × reservations (columns): instances each account runs in each reservation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageMatrix {
    /// Reservation ids, in the order given.
    pub reservations: Vec<String>,
    /// Account ids, most instances first (ties: account id order).
    pub accounts: Vec<String>,
    /// `cells[account][reservation]`: `None` when the account does not appear in that
    /// reservation's usage, so "not using it" differs from "using 0".
    pub cells: Vec<Vec<Option<u64>>>,
    /// Per account (row) totals.
    pub account_totals: Vec<u64>,
    /// Per reservation (column) totals.
    pub reservation_totals: Vec<u64>,
    /// Sum of every cell.
    pub grand_total: u64,
    /// Usage entries without an account id or a count, left out of the cells.
    pub skipped_entries: usize,
}

impl UsageMatrix {
    /// Builds the matrix from each reservation's id and its usage entries (all pages).
    /// An account listed twice for one reservation is added up.
    pub fn new<'a, U>(usages: impl IntoIterator<Item = (&'a str, U)>) -> Self
    where
        U: IntoIterator<Item = &'a InstanceUsage>,
    {
        Self::build(usages.into_iter().map(|(id, entries)| {
            let entries = entries
                .into_iter()
                .map(|u| (u.account_id.as_deref(), u.used_instance_count));
            (id, entries)
        }))
    }

    /// Builds the matrix from loaded usage details (columns in the order given; a detail
    /// without a reservation id gets an empty column title).
    pub fn from_details<'a>(details: impl IntoIterator<Item = &'a UsageDetail>) -> Self {
        Self::build(details.into_iter().map(|d| {
            let entries = d.rows.iter().map(|r| {
                (
                    Some(r.account_id.as_str()).filter(|a| !a.is_empty()),
                    r.used,
                )
            });
            (
                d.header.reservation_id.as_deref().unwrap_or_default(),
                entries,
            )
        }))
    }

    fn build<'a, E>(columns: impl IntoIterator<Item = (&'a str, E)>) -> Self
    where
        E: IntoIterator<Item = (Option<&'a str>, Option<u32>)>,
    {
        let mut reservations = Vec::new();
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        let mut accounts: Vec<&'a str> = Vec::new();
        let mut sparse: Vec<Vec<(usize, u64)>> = Vec::new();
        let mut skipped_entries = 0;
        for (col, (reservation, entries)) in columns.into_iter().enumerate() {
            reservations.push(reservation.to_owned());
            for entry in entries {
                let (Some(account), Some(used)) = entry else {
                    skipped_entries += 1;
                    continue;
                };
                let row = *index.entry(account).or_insert_with(|| {
                    accounts.push(account);
                    sparse.push(Vec::new());
                    accounts.len() - 1
                });
                sparse[row].push((col, u64::from(used)));
            }
        }
        let width = reservations.len();
        let mut dense: Vec<(u64, &str, Vec<Option<u64>>)> = accounts
            .iter()
            .zip(sparse)
            .map(|(account, entries)| {
                let mut cells = vec![None; width];
                for (col, used) in entries {
                    *cells[col].get_or_insert(0) += used;
                }
                let total = cells.iter().flatten().sum();
                (total, *account, cells)
            })
            .collect();
        crate::sort::sort_by(&mut dense, &|a, b| {
            b.0.cmp(&a.0).then_with(|| natural_cmp(a.1, b.1))
        });
        let mut reservation_totals = vec![0; width];
        for (_, _, cells) in &dense {
            for (sum, cell) in reservation_totals.iter_mut().zip(cells) {
                *sum += cell.unwrap_or(0);
            }
        }
        UsageMatrix {
            reservations,
            accounts: dense.iter().map(|d| d.1.to_owned()).collect(),
            account_totals: dense.iter().map(|d| d.0).collect(),
            grand_total: reservation_totals.iter().sum(),
            cells: dense.into_iter().map(|d| d.2).collect(),
            reservation_totals,
            skipped_entries,
        }
    }

    /// The matrix as CSV: a column per reservation and a `Total` column, a row per account
    /// and a closing `Total` row. An account not in a reservation has an empty cell.
    pub fn to_csv(&self) -> String {
        let header = std::iter::once("Account")
            .chain(self.reservations.iter().map(String::as_str))
            .chain(std::iter::once("Total"));
        let mut csv = CsvTable::new(header);
        for ((account, cells), total) in self
            .accounts
            .iter()
            .zip(&self.cells)
            .zip(&self.account_totals)
        {
            let cells = cells
                .iter()
                .map(|c| c.map(|n| n.to_string()).unwrap_or_default());
            csv.push_row(
                std::iter::once(account.clone())
                    .chain(cells)
                    .chain(std::iter::once(total.to_string())),
            );
        }
        let totals = self.reservation_totals.iter().map(u64::to_string);
        csv.push_row(
            std::iter::once("Total".to_owned())
                .chain(totals)
                .chain(std::iter::once(self.grand_total.to_string())),
        );
        csv.finish()
    }
}
