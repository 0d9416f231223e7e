//! Borrowing serde shapes of Cost Explorer answers: the first of two passes. Strings are
//! borrowed from the body where JSON allows (no escapes), so the only allocations here are the
//! vectors; the second pass (`super`) turns text into numbers and names any bad field.

use super::commitments::raw_figures::{
    ReservationAggregates, SavingsPlansAmortizedCommitment, SavingsPlansCoverageData,
    SavingsPlansSavings, SavingsPlansUtilization,
};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// An answer's raw shape, which may be an error envelope sent with a 2xx status (`__type`).
pub(super) trait Envelope {
    /// Whether it has a `__type`.
    fn is_error(&self) -> bool;
}

macro_rules! envelopes {
    ($($answer:ident),*) => {$(
        impl Envelope for $answer<'_> {
            fn is_error(&self) -> bool {
                self.error_type.is_some()
            }
        }
    )*};
}

envelopes!(
    CoverageResponse,
    DimensionValuesResponse,
    UtilizationResponse,
    SavingsPlansCoverageResponse,
    SavingsPlansUtilizationResponse
);

/// A JSON string, borrowed from the body when it has no escapes.
#[derive(Debug)]
pub(super) struct Text<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// A JSON object of strings (`Attributes`), in body order. A `null` value keeps its key with
/// an empty value: botocore keeps the key (its value `None`), and a group whose attribute is
/// unknown must still show that attribute.
#[derive(Debug, Default)]
pub(super) struct Pairs<'a>(pub Vec<(Text<'a>, Text<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Pairs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Pairs<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(2).min(64));
                while let Some((k, v)) = map.next_entry::<Text<'a>, Option<Text<'a>>>()? {
                    pairs.push((k, v.unwrap_or(Text(Cow::Borrowed("")))));
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Interval<'a> {
    #[serde(rename = "Start", borrow)]
    pub start: Option<Text<'a>>,
    #[serde(rename = "End", borrow)]
    pub end: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct CoverageResponse<'a> {
    /// Present only when a 2xx answer carries an error envelope.
    #[serde(rename = "__type", borrow)]
    pub error_type: Option<Text<'a>>,
    #[serde(rename = "CoveragesByTime", borrow)]
    pub coverages_by_time: Option<Vec<CoverageByTime<'a>>>,
    #[serde(rename = "Total", borrow)]
    pub total: Option<Coverage<'a>>,
    #[serde(rename = "NextPageToken", borrow)]
    pub next_page_token: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct CoverageByTime<'a> {
    #[serde(rename = "TimePeriod", borrow)]
    pub time_period: Option<Interval<'a>>,
    #[serde(rename = "Groups", borrow)]
    pub groups: Option<Vec<Group<'a>>>,
    #[serde(rename = "Total", borrow)]
    pub total: Option<Coverage<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Group<'a> {
    #[serde(rename = "Attributes", borrow)]
    pub attributes: Option<Pairs<'a>>,
    #[serde(rename = "Coverage", borrow)]
    pub coverage: Option<Coverage<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Coverage<'a> {
    #[serde(rename = "CoverageHours", borrow)]
    pub hours: Option<Hours<'a>>,
    #[serde(rename = "CoverageNormalizedUnits", borrow)]
    pub units: Option<Units<'a>>,
    #[serde(rename = "CoverageCost", borrow)]
    pub cost: Option<Cost<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Hours<'a> {
    #[serde(rename = "OnDemandHours", borrow)]
    pub on_demand: Option<Text<'a>>,
    #[serde(rename = "ReservedHours", borrow)]
    pub reserved: Option<Text<'a>>,
    #[serde(rename = "TotalRunningHours", borrow)]
    pub total_running: Option<Text<'a>>,
    #[serde(rename = "CoverageHoursPercentage", borrow)]
    pub percentage: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Units<'a> {
    #[serde(rename = "OnDemandNormalizedUnits", borrow)]
    pub on_demand: Option<Text<'a>>,
    #[serde(rename = "ReservedNormalizedUnits", borrow)]
    pub reserved: Option<Text<'a>>,
    #[serde(rename = "TotalRunningNormalizedUnits", borrow)]
    pub total_running: Option<Text<'a>>,
    #[serde(rename = "CoverageNormalizedUnitsPercentage", borrow)]
    pub percentage: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Cost<'a> {
    #[serde(rename = "OnDemandCost", borrow)]
    pub on_demand: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DimensionValuesResponse<'a> {
    #[serde(rename = "__type", borrow)]
    pub error_type: Option<Text<'a>>,
    #[serde(rename = "DimensionValues", borrow)]
    pub dimension_values: Option<Vec<DimensionValue<'a>>>,
    /// Kept loose so a wrong type is reported with the member's name.
    #[serde(rename = "ReturnSize")]
    pub return_size: Option<crate::aws::loose_json::Loose>,
    #[serde(rename = "TotalSize")]
    pub total_size: Option<crate::aws::loose_json::Loose>,
    #[serde(rename = "NextPageToken", borrow)]
    pub next_page_token: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DimensionValue<'a> {
    #[serde(rename = "Value", borrow)]
    pub value: Option<Text<'a>>,
    #[serde(rename = "Attributes", borrow)]
    pub attributes: Option<Pairs<'a>>,
}

// GetReservationUtilization, GetSavingsPlansCoverage, GetSavingsPlansUtilization. Their objects
// of figures (`ReservationAggregates`, `SavingsPlansCoverageData`, ...) are declared with their
// typed forms in `super::commitments`, from one member list.

#[derive(Debug, Deserialize)]
pub(super) struct UtilizationResponse<'a> {
    #[serde(rename = "__type", borrow)]
    pub error_type: Option<Text<'a>>,
    #[serde(rename = "UtilizationsByTime", borrow)]
    pub utilizations_by_time: Option<Vec<UtilizationByTime<'a>>>,
    #[serde(rename = "Total", borrow)]
    pub total: Option<ReservationAggregates<'a>>,
    #[serde(rename = "NextPageToken", borrow)]
    pub next_page_token: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct UtilizationByTime<'a> {
    #[serde(rename = "TimePeriod", borrow)]
    pub time_period: Option<Interval<'a>>,
    #[serde(rename = "Groups", borrow)]
    pub groups: Option<Vec<UtilizationGroup<'a>>>,
    #[serde(rename = "Total", borrow)]
    pub total: Option<ReservationAggregates<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct UtilizationGroup<'a> {
    #[serde(rename = "Key", borrow)]
    pub key: Option<Text<'a>>,
    #[serde(rename = "Value", borrow)]
    pub value: Option<Text<'a>>,
    #[serde(rename = "Attributes", borrow)]
    pub attributes: Option<Pairs<'a>>,
    #[serde(rename = "Utilization", borrow)]
    pub utilization: Option<ReservationAggregates<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct SavingsPlansCoverageResponse<'a> {
    #[serde(rename = "__type", borrow)]
    pub error_type: Option<Text<'a>>,
    #[serde(rename = "SavingsPlansCoverages", borrow)]
    pub savings_plans_coverages: Option<Vec<SavingsPlansCoverage<'a>>>,
    #[serde(rename = "NextToken", borrow)]
    pub next_token: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct SavingsPlansCoverage<'a> {
    #[serde(rename = "Attributes", borrow)]
    pub attributes: Option<Pairs<'a>>,
    #[serde(rename = "Coverage", borrow)]
    pub coverage: Option<SavingsPlansCoverageData<'a>>,
    #[serde(rename = "TimePeriod", borrow)]
    pub time_period: Option<Interval<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct SavingsPlansUtilizationResponse<'a> {
    #[serde(rename = "__type", borrow)]
    pub error_type: Option<Text<'a>>,
    #[serde(rename = "SavingsPlansUtilizationsByTime", borrow)]
    pub by_time: Option<Vec<SavingsPlansUtilizationByTime<'a>>>,
    #[serde(rename = "Total", borrow)]
    pub total: Option<SavingsPlansUtilizationAggregates<'a>>,
}

/// `SavingsPlansUtilizationByTime`: a `TimePeriod` beside the members of
/// `SavingsPlansUtilizationAggregates` (flattened: these answers are small, one entry a day).
#[derive(Debug, Deserialize)]
pub(super) struct SavingsPlansUtilizationByTime<'a> {
    #[serde(rename = "TimePeriod", borrow)]
    pub time_period: Option<Interval<'a>>,
    #[serde(flatten, borrow)]
    pub aggregates: SavingsPlansUtilizationAggregates<'a>,
}

#[derive(Debug, Deserialize)]
pub(super) struct SavingsPlansUtilizationAggregates<'a> {
    #[serde(rename = "Utilization", borrow)]
    pub utilization: Option<SavingsPlansUtilization<'a>>,
    #[serde(rename = "Savings", borrow)]
    pub savings: Option<SavingsPlansSavings<'a>>,
    #[serde(rename = "AmortizedCommitment", borrow)]
    pub amortized_commitment: Option<SavingsPlansAmortizedCommitment<'a>>,
}
