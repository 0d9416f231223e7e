//! Borrowing serde shapes of Cost Explorer answers: the first of two passes. [`Text`] and
//! [`Envelope`] are public for the core's own small readers (`GetDimensionValues`, with
//! [`crate::read`]). Strings are
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
pub trait Envelope {
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
    UtilizationResponse,
    SavingsPlansCoverageResponse,
    SavingsPlansUtilizationResponse
);

/// A JSON string, borrowed from the body when it has no escapes.
#[derive(Debug)]
pub struct Text<'a>(pub Cow<'a, str>);

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

/// `Attributes`, a JSON object of strings, read straight into its owned form, in body order.
/// A `null` value keeps its key with an empty value: botocore keeps the key (its value
/// `None`), and a group whose attribute is unknown must still show that attribute.
impl<'de> Deserialize<'de> for crate::Attributes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = crate::Attributes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                // Room for two attributes of the usual length (`instanceType`, `region`...)
                // at once; more grow as needed.
                let mut out = crate::Attributes::with_capacity(48, 2);
                while let Some((k, v)) = map.next_entry::<Text<'de>, Option<Text<'de>>>()? {
                    out.push(&k.0, v.as_ref().map_or("", |v| &v.0));
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// A JSON array read into a vector with room for 64 items from the start: serde_json knows no
/// length up front, and a period's 50 groups would otherwise be copied as the vector grows
/// (4, 8, 16, 32, 64). One period's raw groups are alive at a time ([`crate::Periods`]), so
/// the allocation is reused from period to period.
#[derive(Debug)]
pub(super) struct Roomy<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Roomy<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Roomy<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(64);
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Roomy(items))
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
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
    /// Converted as they are read ([`crate::Periods`]).
    #[serde(rename = "CoveragesByTime")]
    pub coverages_by_time: Option<crate::Periods>,
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
    pub groups: Option<Roomy<Group<'a>>>,
    #[serde(rename = "Total", borrow)]
    pub total: Option<Coverage<'a>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Group<'a> {
    #[serde(rename = "Attributes")]
    pub attributes: Option<crate::Attributes>,
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
    #[serde(rename = "Attributes")]
    pub attributes: Option<crate::Attributes>,
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
    #[serde(rename = "Attributes")]
    pub attributes: Option<crate::Attributes>,
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
