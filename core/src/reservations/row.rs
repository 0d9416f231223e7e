//! One line of the reservation list, built from a `CapacityReservation` as AWS described it.

use super::share::Share;
use crate::aws::ec2::{CapacityReservation, CapacityReservationState, EndDateType};
use crate::aws::xml::Timestamp;
use std::fmt;

/// Who owns a reservation, seen from the signed-in account.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The caller's own account owns it.
    Yours,
    /// Another account owns it and shares it with the caller (through AWS RAM).
    SharedBy(String),
    /// AWS did not say (`ownerId` missing).
    Unknown,
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Yours => f.write_str("Yours"),
            Owner::SharedBy(account) => write!(f, "Shared with you by {account}"),
            Owner::Unknown => f.write_str("Owner unknown"),
        }
    }
}

/// When a reservation stops reserving capacity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndDate {
    /// It ends at this time (AWS's text is kept for display and export).
    At(Timestamp),
    /// `endDateType` `unlimited`: it runs until cancelled.
    Unlimited,
    /// `limited` but without an `endDate`: odd data, shown as unknown rather than guessed.
    Unknown,
}

impl EndDate {
    /// What the cell shows: AWS's text, `no end date`, or nothing.
    pub fn text(&self) -> &str {
        match self {
            EndDate::At(t) => &t.text,
            EndDate::Unlimited => "no end date",
            EndDate::Unknown => "",
        }
    }
}

/// A capacity reservation as the list shows it. Counts AWS left out stay `None` ("unknown"),
/// never 0, so a missing number is never mistaken for an idle reservation.
#[derive(Clone, Debug, PartialEq)]
pub struct ReservationRow {
    /// The region the reservation was listed in.
    pub region: String,
    /// `cr-…` (empty if AWS left it out).
    pub id: String,
    /// e.g. `m6i.xlarge`.
    pub instance_type: Option<String>,
    /// AWS's platform text, e.g. `Linux/UNIX`.
    pub platform: Option<String>,
    /// e.g. `us-east-1a`.
    pub availability_zone: Option<String>,
    /// `default` or `dedicated`.
    pub tenancy: Option<String>,
    /// Where the reservation is in its life (hover text: `state.meaning()`).
    pub state: Option<CapacityReservationState>,
    /// Instances reserved.
    pub total: Option<u32>,
    /// Instances that can still be launched into it.
    pub available: Option<u32>,
    /// `total − available`, floored at 0; unknown when either count is.
    pub used: Option<u32>,
    /// `used / total`; unknown when either is unknown or `total` is 0.
    pub utilisation: Option<Share>,
    /// True when AWS reported more available than total (odd data worth a warning sign).
    pub available_exceeds_total: bool,
    /// When the reservation ends.
    pub end_date: EndDate,
    /// When it started reserving capacity (`startDate`, else `createDate`).
    pub start_date: Option<Timestamp>,
    /// Yours or shared with you.
    pub owner: Owner,
    /// `key=value`, sorted by key then value.
    pub tags: Vec<String>,
    /// Active but nothing running in it: capacity paid for and unused.
    pub idle: bool,
    /// Lowercase text the free-text filter searches, built once.
    pub(super) search_key: String,
}

impl ReservationRow {
    /// Builds the row for `reservation`, listed in `region`, as seen by `caller_account` (the
    /// account the credentials belong to, from STS `GetCallerIdentity`).
    pub fn new(reservation: &CapacityReservation, region: &str, caller_account: &str) -> Self {
        let r = reservation;
        let total = r.total_instance_count;
        let available = r.available_instance_count;
        let used = match (total, available) {
            (Some(t), Some(a)) => Some(t.saturating_sub(a)),
            _ => None,
        };
        let utilisation = Share::of(used.map(u64::from), total.map(u64::from));
        let end_date = match (&r.end_date, &r.end_date_type) {
            (Some(t), _) => EndDate::At(t.clone()),
            (None, Some(EndDateType::Limited)) => EndDate::Unknown,
            (None, _) => EndDate::Unlimited,
        };
        let owner = match r.owner_id.as_deref() {
            Some(o) if o == caller_account => Owner::Yours,
            Some(o) => Owner::SharedBy(o.to_owned()),
            None => Owner::Unknown,
        };
        let mut pairs: Vec<(&str, &str)> = r
            .tags
            .iter()
            .map(|t| {
                (
                    t.key.as_deref().unwrap_or_default(),
                    t.value.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        crate::sort::sort(&mut pairs);
        let tags: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut row = ReservationRow {
            region: region.to_owned(),
            id: r.capacity_reservation_id.clone().unwrap_or_default(),
            instance_type: r.instance_type.clone(),
            platform: r.instance_platform.as_ref().map(|p| p.as_str().to_owned()),
            availability_zone: r.availability_zone.clone(),
            tenancy: r.tenancy.as_ref().map(|t| t.as_str().to_owned()),
            idle: r.state == Some(CapacityReservationState::Active) && used == Some(0),
            state: r.state.clone(),
            total,
            available,
            used,
            utilisation,
            available_exceeds_total: matches!((total, available), (Some(t), Some(a)) if a > t),
            end_date,
            start_date: r.start_date.clone().or_else(|| r.create_date.clone()),
            owner,
            tags,
            search_key: String::new(),
        };
        row.search_key = row.build_search_key();
        row
    }

    /// Rows for one page (or several pages) of `DescribeCapacityReservations`.
    pub fn from_page<'a>(
        reservations: impl IntoIterator<Item = &'a CapacityReservation>,
        region: &str,
        caller_account: &str,
    ) -> Vec<ReservationRow> {
        reservations
            .into_iter()
            .map(|r| ReservationRow::new(r, region, caller_account))
            .collect()
    }

    /// The state as AWS wrote it (empty when unknown).
    pub fn state_text(&self) -> &str {
        self.state.as_ref().map_or("", |s| s.as_str())
    }

    /// Tags as one cell: `key=value; key=value`.
    pub fn tags_text(&self) -> String {
        self.tags.join("; ")
    }

    /// Whether every term of `query` (already lowercase, split on whitespace) is found in
    /// the id, instance type, zone, tags or owner.
    pub(super) fn matches_terms(&self, terms: &[String]) -> bool {
        terms.iter().all(|t| self.search_key.contains(t.as_str()))
    }

    fn build_search_key(&self) -> String {
        // The unit separator keeps a term from matching across two fields.
        let mut parts: Vec<String> = vec![
            self.id.clone(),
            self.instance_type.clone().unwrap_or_default(),
            self.availability_zone.clone().unwrap_or_default(),
            self.owner.to_string(),
        ];
        parts.extend(self.tags.iter().cloned());
        parts.join("\u{1f}").to_lowercase()
    }
}
