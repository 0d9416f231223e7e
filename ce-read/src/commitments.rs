//! How well commitments are used and how much they cover, from three Cost Explorer operations
//! (JSON 1.1, `AWSInsightsIndexService`; shapes as botocore 1.44.5's `ce` model defines them):
//!
//! - `GetReservationUtilization`: how much of the reservations bought was used, per period and
//!   (with `GroupBy SUBSCRIPTION_ID`) per reservation. Paged by `NextPageToken`.
//! - `GetSavingsPlansCoverage`: how much of the spend Savings Plans could cover they did cover,
//!   per period or group. Paged by `NextToken`.
//! - `GetSavingsPlansUtilization`: how much of the Savings Plans commitment was used, per period
//!   and in total. Not paged.
//!
//! As for coverage, every figure arrives as a JSON string and is parsed once into an
//! [`Amount`]; a figure that is not a number is an error naming its member, e.g.
//! `UtilizationsByTime[2].Groups[1].Utilization.UnusedHours`. A `%` sign is accepted on the
//! percentages (`UtilizationPercentage`, `UtilizationPercentageInUnits`, `CoveragePercentage`)
//! only. Members the model marks `required` are errors when missing
//! ([`Unreadable::MissingMember`]): `UtilizationsByTime`, `SavingsPlansCoverages`, `Total` of
//! GetSavingsPlansUtilization and its `Utilization`, each `SavingsPlansUtilizationsByTime`
//! entry's `TimePeriod` and `Utilization`, and every `TimePeriod`'s `Start` and `End`. (botocore
//! does not check them; the parsers here do, as for coverage, so that a truncated answer is not
//! shown as an empty one.)

use super::raw;
use super::{amount_into, each, optional, read, required, time_period};
use super::{Amount, Attributes, DateInterval, Unreadable};

/// Declares, from one list of members, each object of figures: its public type (every member an
/// `Option<Amount>`), its borrowing serde shape (in `raw_figures`) and the conversion between
/// them. `as percent` marks the members that may end in `%`.
macro_rules! figures {
    (@percent) => {
        false
    };
    (@percent percent) => {
        true
    };
    ($(
        $(#[$doc:meta])*
        $name:ident {
            $($(#[$member_doc:meta])* $field:ident: $json:literal $(as $percent:ident)?,)*
        }
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug, PartialEq, Default)]
            pub struct $name {
                $($(#[$member_doc])* pub $field: Option<Amount>,)*
            }

            impl $name {
                /// Every member as AWS names it, with its figure, in the model's order.
                pub fn figures(&self) -> impl Iterator<Item = (&'static str, Option<&Amount>)> + '_ {
                    [$(($json, self.$field.as_ref())),*].into_iter()
                }

                /// The figures of the object at `path`.
                fn read(raw: raw_figures::$name<'_>, path: &dyn Fn() -> String) -> Result<Self, Unreadable> {
                    let mut out = Self::default();
                    out.read_into(raw, path)?;
                    Ok(out)
                }

                /// The figures of the object at `path`, into `self` (empty), each where it is
                /// kept (an object of 20 figures is 640 bytes; see `super::convert_period`).
                fn read_into(&mut self, raw: raw_figures::$name<'_>, path: &dyn Fn() -> String) -> Result<(), Unreadable> {
                    $(amount_into(&mut self.$field, raw.$field, figures!(@percent $($percent)?), path, $json)?;)*
                    Ok(())
                }
            }
        )*

        /// The borrowing serde shapes of the objects of figures (the first pass, as in `raw`).
        pub(super) mod raw_figures {
            use super::super::raw::Text;
            $(
                #[derive(Debug, serde::Deserialize)]
                pub(in super::super) struct $name<'a> {
                    $(#[serde(rename = $json, borrow)] pub $field: Option<Text<'a>>,)*
                }
            )*
        }
    };
}

figures! {
    /// `ReservationAggregates`: how a set of reservations was used and what it saved.
    ReservationAggregates {
        /// The percentage of reservation time used.
        utilization_percentage: "UtilizationPercentage" as percent,
        /// The same in normalized units (EC2 only).
        utilization_percentage_in_units: "UtilizationPercentageInUnits" as percent,
        /// Reservation hours bought.
        purchased_hours: "PurchasedHours",
        /// Reservation hours bought, in normalized units (EC2 only).
        purchased_units: "PurchasedUnits",
        /// Reservation hours used.
        total_actual_hours: "TotalActualHours",
        /// Reservation hours used, in normalized units (EC2 only).
        total_actual_units: "TotalActualUnits",
        /// Reservation hours not used.
        unused_hours: "UnusedHours",
        /// Reservation hours not used, in normalized units (EC2 only).
        unused_units: "UnusedUnits",
        /// What the hours used would have cost On-Demand.
        on_demand_cost_of_ri_hours_used: "OnDemandCostOfRIHoursUsed",
        /// `OnDemandCostOfRIHoursUsed` less `TotalAmortizedFee`.
        net_ri_savings: "NetRISavings",
        /// What using the whole reservation might save.
        total_potential_ri_savings: "TotalPotentialRISavings",
        /// The upfront fee, amortized over the reservation's term.
        amortized_upfront_fee: "AmortizedUpfrontFee",
        /// The recurring fee, amortized over the reservation's term.
        amortized_recurring_fee: "AmortizedRecurringFee",
        /// Both fees, amortized.
        total_amortized_fee: "TotalAmortizedFee",
        /// The cost of the hours not used.
        ri_cost_for_unused_hours: "RICostForUnusedHours",
        /// The savings realized by using the reservation.
        realized_savings: "RealizedSavings",
        /// The savings not realized.
        unrealized_savings: "UnrealizedSavings",
    }

    /// `SavingsPlansCoverageData`: the spend Savings Plans covered, of all eligible spend.
    SavingsPlansCoverageData {
        /// Spend covered by Savings Plans.
        spend_covered_by_savings_plans: "SpendCoveredBySavingsPlans",
        /// The usage's cost at On-Demand rates.
        on_demand_cost: "OnDemandCost",
        /// The usage's cost, whatever the purchase option.
        total_cost: "TotalCost",
        /// Covered usage as a percentage of eligible usage.
        coverage_percentage: "CoveragePercentage" as percent,
    }

    /// `SavingsPlansUtilization`: how much of the commitment was used.
    SavingsPlansUtilization {
        /// The commitment bought.
        total_commitment: "TotalCommitment",
        /// The commitment used by eligible usage.
        used_commitment: "UsedCommitment",
        /// The commitment not used.
        unused_commitment: "UnusedCommitment",
        /// `UsedCommitment` as a percentage of `TotalCommitment`.
        utilization_percentage: "UtilizationPercentage" as percent,
    }

    /// `SavingsPlansSavings`: what Savings Plans saved against On-Demand rates.
    SavingsPlansSavings {
        /// Savings on the covered usage, against its On-Demand equivalent.
        net_savings: "NetSavings",
        /// What the usage would have cost at On-Demand rates.
        on_demand_cost_equivalent: "OnDemandCostEquivalent",
    }

    /// `SavingsPlansAmortizedCommitment`: the commitment's fees, amortized.
    SavingsPlansAmortizedCommitment {
        /// Of commitments bought `Partial` or `NoUpfront`.
        amortized_recurring_commitment: "AmortizedRecurringCommitment",
        /// Of commitments bought `Upfront` or `PartialUpfront`.
        amortized_upfront_commitment: "AmortizedUpfrontCommitment",
        /// Both, whatever the purchase option.
        total_amortized_commitment: "TotalAmortizedCommitment",
    }
}

/// `GetReservationUtilizationResponse`: one page of reservation utilization.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReservationUtilizationPage {
    /// `x-amzn-RequestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `UtilizationsByTime` (required by the model).
    pub utilizations_by_time: Vec<UtilizationByTime>,
    /// Utilization over the whole period.
    pub total: Option<ReservationAggregates>,
    /// Present while more pages remain.
    pub next_page_token: Option<String>,
}

/// `UtilizationByTime`: one day or month (or the whole period, without `Granularity`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct UtilizationByTime {
    /// `Start` inclusive, `End` exclusive.
    pub time_period: Option<DateInterval>,
    /// One per reservation (or other `GroupBy` value).
    pub groups: Vec<ReservationUtilizationGroup>,
    /// The period's utilization over all groups.
    pub total: Option<ReservationAggregates>,
}

/// `ReservationUtilizationGroup`: reservations that share a set of attributes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReservationUtilizationGroup {
    /// The attribute grouped by, e.g. `SUBSCRIPTION_ID`.
    pub key: Option<String>,
    /// Its value.
    pub value: Option<String>,
    /// e.g. `instanceType = m5.large`, `leaseId`, `numberOfInstances`.
    pub attributes: Attributes,
    /// How much the group was used.
    pub utilization: Option<ReservationAggregates>,
}

/// `GetSavingsPlansCoverageResponse`: one page of Savings Plans coverage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SavingsPlansCoveragePage {
    /// `x-amzn-RequestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `SavingsPlansCoverages` (required by the model).
    pub savings_plans_coverages: Vec<SavingsPlansCoverage>,
    /// Present while more pages remain.
    pub next_token: Option<String>,
}

/// `SavingsPlansCoverage`: one group's (or period's) coverage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SavingsPlansCoverage {
    /// e.g. `REGION = us-east-1`, `INSTANCE_FAMILY = m5`.
    pub attributes: Attributes,
    /// The figures.
    pub coverage: Option<SavingsPlansCoverageData>,
    /// `Start` inclusive, `End` exclusive.
    pub time_period: Option<DateInterval>,
}

/// `GetSavingsPlansUtilizationResponse` (one answer, not paged).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SavingsPlansUtilizationAnswer {
    /// `x-amzn-RequestId`, for AWS Support.
    pub request_id: Option<String>,
    /// One per day or month (empty when absent: the model doesn't require it).
    pub savings_plans_utilizations_by_time: Vec<SavingsPlansUtilizationByTime>,
    /// Over the whole period (required by the model).
    pub total: SavingsPlansUtilizationAggregates,
}

/// `SavingsPlansUtilizationByTime`: one day or month. The model requires `TimePeriod` and
/// `Utilization`: after a successful parse both are `Some`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SavingsPlansUtilizationByTime {
    /// `Start` inclusive, `End` exclusive.
    pub time_period: Option<DateInterval>,
    /// How much of the commitment was used.
    pub utilization: Option<SavingsPlansUtilization>,
    /// What it saved.
    pub savings: Option<SavingsPlansSavings>,
    /// The commitment's fees, amortized.
    pub amortized_commitment: Option<SavingsPlansAmortizedCommitment>,
}

/// `SavingsPlansUtilizationAggregates`: the whole period's figures. The model requires
/// `Utilization`: after a successful parse it is `Some`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SavingsPlansUtilizationAggregates {
    /// How much of the commitment was used.
    pub utilization: Option<SavingsPlansUtilization>,
    /// What it saved.
    pub savings: Option<SavingsPlansSavings>,
    /// The commitment's fees, amortized.
    pub amortized_commitment: Option<SavingsPlansAmortizedCommitment>,
}

/// Read a `GetReservationUtilization` answer's body.
pub fn reservation_utilization(
    body: &str,
    request_id: Option<String>,
) -> Result<ReservationUtilizationPage, Unreadable> {
    convert_utilization(read(body)?, request_id)
}

/// Read a `GetSavingsPlansCoverage` answer's body.
pub fn savings_plans_coverage(
    body: &str,
    request_id: Option<String>,
) -> Result<SavingsPlansCoveragePage, Unreadable> {
    convert_savings_plans_coverage(read(body)?, request_id)
}

/// Read a `GetSavingsPlansUtilization` answer's body.
pub fn savings_plans_utilization(
    body: &str,
    request_id: Option<String>,
) -> Result<SavingsPlansUtilizationAnswer, Unreadable> {
    convert_savings_plans_utilization(read(body)?, request_id)
}

fn convert_utilization(
    raw: raw::UtilizationResponse<'_>,
    request_id: Option<String>,
) -> Result<ReservationUtilizationPage, Unreadable> {
    let periods = required(raw.utilizations_by_time, || "UtilizationsByTime".into())?;
    let utilizations_by_time = each(
        periods,
        &|i| format!("UtilizationsByTime[{i}]"),
        |period, path| {
            // Each group converted where it is stored, as for coverage (`convert_period`).
            let raw_groups = period.groups.unwrap_or_default();
            let mut groups = Vec::with_capacity(raw_groups.len());
            for (j, group) in raw_groups.into_iter().enumerate() {
                let out = groups.push_mut(ReservationUtilizationGroup {
                    key: group.key.map(|t| t.0.into_owned()),
                    value: group.value.map(|t| t.0.into_owned()),
                    attributes: group.attributes.unwrap_or_default(),
                    utilization: None,
                });
                if let Some(raw) = group.utilization {
                    let upath = || format!("{}.Groups[{j}].Utilization", path());
                    out.utilization
                        .insert(ReservationAggregates::default())
                        .read_into(raw, &upath)?;
                }
            }
            let tpath = || format!("{}.Total", path());
            Ok(UtilizationByTime {
                time_period: time_period(period.time_period, path)?,
                groups,
                total: optional(period.total, ReservationAggregates::read, &tpath)?,
            })
        },
    )?;
    Ok(ReservationUtilizationPage {
        request_id,
        utilizations_by_time,
        total: optional(raw.total, ReservationAggregates::read, &|| "Total".into())?,
        next_page_token: raw.next_page_token.map(|t| t.0.into_owned()),
    })
}

fn convert_savings_plans_coverage(
    raw: raw::SavingsPlansCoverageResponse<'_>,
    request_id: Option<String>,
) -> Result<SavingsPlansCoveragePage, Unreadable> {
    let items = required(raw.savings_plans_coverages, || {
        "SavingsPlansCoverages".into()
    })?;
    let savings_plans_coverages = each(
        items,
        &|i| format!("SavingsPlansCoverages[{i}]"),
        |item, path| {
            let cpath = || format!("{}.Coverage", path());
            Ok(SavingsPlansCoverage {
                attributes: item.attributes.unwrap_or_default(),
                coverage: optional(item.coverage, SavingsPlansCoverageData::read, &cpath)?,
                time_period: time_period(item.time_period, path)?,
            })
        },
    )?;
    Ok(SavingsPlansCoveragePage {
        request_id,
        savings_plans_coverages,
        next_token: raw.next_token.map(|t| t.0.into_owned()),
    })
}

fn convert_savings_plans_utilization(
    raw: raw::SavingsPlansUtilizationResponse<'_>,
    request_id: Option<String>,
) -> Result<SavingsPlansUtilizationAnswer, Unreadable> {
    let by_time = each(
        raw.by_time.unwrap_or_default(),
        &|i| format!("SavingsPlansUtilizationsByTime[{i}]"),
        |period, path| {
            let time_period = time_period(period.time_period, path)?;
            let time_period = required(time_period, || format!("{}.TimePeriod", path()))?;
            let SavingsPlansUtilizationAggregates {
                utilization,
                savings,
                amortized_commitment,
            } = utilization_aggregates(period.aggregates, path)?;
            Ok(SavingsPlansUtilizationByTime {
                time_period: Some(time_period),
                utilization,
                savings,
                amortized_commitment,
            })
        },
    )?;
    let total = required(raw.total, || "Total".into())?;
    Ok(SavingsPlansUtilizationAnswer {
        request_id,
        savings_plans_utilizations_by_time: by_time,
        total: utilization_aggregates(total, &|| "Total".into())?,
    })
}

/// `SavingsPlansUtilizationAggregates` at `path` (also the members of each
/// `SavingsPlansUtilizationByTime`); `Utilization` is required in both.
fn utilization_aggregates(
    raw: raw::SavingsPlansUtilizationAggregates<'_>,
    path: &dyn Fn() -> String,
) -> Result<SavingsPlansUtilizationAggregates, Unreadable> {
    let upath = || format!("{}.Utilization", path());
    let spath = || format!("{}.Savings", path());
    let apath = || format!("{}.AmortizedCommitment", path());
    let utilization = required(raw.utilization, upath)?;
    Ok(SavingsPlansUtilizationAggregates {
        utilization: Some(SavingsPlansUtilization::read(utilization, &upath)?),
        savings: optional(raw.savings, SavingsPlansSavings::read, &spath)?,
        amortized_commitment: optional(
            raw.amortized_commitment,
            SavingsPlansAmortizedCommitment::read,
            &apath,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: &str = r#"{"Key":"SUBSCRIPTION_ID","Value":"123","Attributes":{"leaseId":"ri-1"},"Utilization":{"UtilizationPercentage":"75%","UnusedHours":"6"}}"#;

    fn body(second_group: &str) -> String {
        format!(
            r#"{{"UtilizationsByTime":[{{"TimePeriod":{{"Start":"2026-01-01","End":"2026-01-02"}},"Groups":[{GROUP}]}},{{"Groups":[{GROUP},{second_group}],"Total":{{"UnusedHours":"12"}}}}],"Total":{{"PurchasedHours":"48"}}}}"#
        )
    }

    #[test]
    fn utilization_groups_are_read_with_their_figures() {
        let page = reservation_utilization(&body(r#"{"Key":"SUBSCRIPTION_ID"}"#), None).unwrap();
        let [first, second] = &page.utilizations_by_time[..] else {
            panic!("two periods")
        };
        assert_eq!(first.time_period.as_ref().unwrap().end, "2026-01-02");
        let g = &second.groups[0];
        assert_eq!(
            (g.key.as_deref(), g.value.as_deref()),
            (Some("SUBSCRIPTION_ID"), Some("123"))
        );
        assert_eq!(g.attributes.get("leaseId"), Some("ri-1"));
        let u = g.utilization.as_ref().unwrap();
        assert_eq!(u.utilization_percentage.as_ref().unwrap().value, 75.0);
        assert_eq!(u.unused_hours.as_ref().unwrap().text, "6");
        assert_eq!(u.purchased_hours, None);
        assert_eq!(second.groups[1].utilization, None);
        let total = second.total.as_ref().unwrap();
        assert_eq!(total.unused_hours.as_ref().unwrap().value, 12.0);
        let total = page.total.as_ref().unwrap();
        assert_eq!(total.purchased_hours.as_ref().unwrap().value, 48.0);
    }

    #[test]
    fn a_bad_figure_in_a_group_is_named_by_its_path() {
        let bad = r#"{"Utilization":{"UtilizationPercentage":"1","UnusedHours":"6%"}}"#;
        assert_eq!(
            reservation_utilization(&body(bad), None),
            Err(Unreadable::NotANumber {
                field: "UtilizationsByTime[1].Groups[1].Utilization.UnusedHours".into(),
                text: "6%".into(),
            })
        );
    }
}
