//! Cost Explorer's answers read into their types (JSON 1.1): `GetReservationCoverage` here,
//! `GetReservationUtilization`, `GetSavingsPlansCoverage` and `GetSavingsPlansUtilization` in
//! [`commitments`](self::commitments). The core (`lens_core::aws::ce`) checks the HTTP side
//! (status, empty or HTML bodies, error answers) and re-exports everything here; this crate
//! reads a body it was handed.
//!
//! A crate of its own so that it can be built for speed: `Cargo.toml` gives it opt-level 3
//! while the rest of the app is built for size (opt-level "z"). serde's and serde_json's
//! generic code is compiled into the crate that uses it, so the JSON reading of these answers
//! (the tokenizer inlined into each shape's reader) is built at opt-level 3 too, and it sits
//! only in the lazily loaded parts that read Cost Explorer. BENCHMARKS.md, "Cost Explorer's
//! answers read at opt-level 3", has the measurements.
//!
//! Every Cost Explorer number arrives as a JSON string. It is parsed here, once, into an
//! [`Amount`] that also keeps the original text (users copy figures exactly as AWS gave them).
//! A number that is not a number is an error that names the member, e.g.
//! `CoveragesByTime[2].Groups[5].Coverage.CoverageHours.OnDemandHours`.

mod amount;
mod commitments;
pub mod raw;

pub use amount::{decimal, Amount, NumberText};
pub use commitments::*;

use serde::{Deserialize, Serialize};

/// `DateInterval`: `Start` inclusive, `End` exclusive, `YYYY-MM-DD` (AWS also accepts a
/// `THH:MM:SSZ` suffix). Shared by requests and responses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateInterval {
    #[serde(rename = "Start")]
    pub start: String,
    #[serde(rename = "End")]
    pub end: String,
}

/// Why a body could not be read as the answer expected. The core turns each into its own error
/// (its `Problem`, or the service's error for an envelope).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// A 2xx body that is an error envelope (it has `__type`): the caller reads the error.
    ErrorEnvelope,
    /// Not JSON, or JSON of the wrong shape (serde_json's message).
    InvalidJson(String),
    /// A member the model marks `required` is missing: its path.
    MissingMember(String),
    /// A figure that is not a number: its path and text.
    NotANumber { field: String, text: String },
}

/// An `Attributes` map (`AttributeType` -> `AttributeValue`), in AWS's order. Not a map:
/// groups have one to three attributes, and a large answer has 20,000 groups. The keys and
/// values are kept end to end in one string, with where each ends: two allocations a group,
/// not one for the list and one for each key and value (BENCHMARKS.md, "Cost Explorer's
/// answers read at opt-level 3").
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Attributes {
    /// Every key and value, end to end.
    text: String,
    /// Where each key and each value ends in `text`: key, value, key, value...
    ends: Vec<u32>,
}

impl Attributes {
    /// The pairs given, in their order.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Attributes {
        let mut out = Attributes::default();
        for (k, v) in pairs {
            out.push(k.as_ref(), v.as_ref());
        }
        out
    }

    /// Empty, with room for `bytes` of keys and values and `pairs` pairs.
    fn with_capacity(bytes: usize, pairs: usize) -> Attributes {
        Attributes {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(2 * pairs),
        }
    }

    fn push(&mut self, key: &str, value: &str) {
        for part in [key, value] {
            self.text.push_str(part);
            // An answer is at most a few megabytes (the transport's cap), far below 4 GiB.
            self.ends
                .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        }
    }

    /// The value for `key` (e.g. `instanceType`), if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The pairs, in AWS's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.ends.chunks_exact(2).scan(0usize, |start, ends| {
            let (k, v) = (ends[0] as usize, ends[1] as usize);
            let pair = (&self.text[*start..k], &self.text[k..v]);
            *start = v;
            Some(pair)
        })
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.ends.len() / 2
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// As a list of pairs: `Attributes([("region", "us-east-1")])`.
impl std::fmt::Debug for Attributes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Attributes")
            .field(&self.iter().collect::<Vec<_>>())
            .finish()
    }
}

/// `GetReservationCoverageResponse`: one page of coverage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReservationCoveragePage {
    /// `x-amzn-RequestId`, for AWS Support.
    pub request_id: Option<String>,
    /// `CoveragesByTime` (required by the model).
    pub coverages_by_time: Vec<CoverageByTime>,
    /// Coverage over the whole period (Cost Explorer sends it on the last page).
    pub total: Option<Coverage>,
    /// Present while more pages remain.
    pub next_page_token: Option<String>,
}

/// `CoverageByTime`: one day or month.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageByTime {
    /// `Start` inclusive, `End` exclusive.
    pub time_period: Option<DateInterval>,
    /// One per combination of the requested `GroupBy` values.
    pub groups: Vec<CoverageGroup>,
    pub total: Option<Coverage>,
}

/// `ReservationCoverageGroup`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageGroup {
    /// e.g. `instanceType = m5.large`, `region = us-east-1`.
    pub attributes: Attributes,
    pub coverage: Option<Coverage>,
}

/// `Coverage`: the three ways Cost Explorer measures it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Coverage {
    pub coverage_hours: Option<CoverageHours>,
    pub coverage_normalized_units: Option<CoverageNormalizedUnits>,
    pub coverage_cost: Option<CoverageCost>,
}

/// `CoverageHours`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageHours {
    pub on_demand_hours: Option<Amount>,
    pub reserved_hours: Option<Amount>,
    pub total_running_hours: Option<Amount>,
    pub coverage_hours_percentage: Option<Amount>,
}

/// `CoverageNormalizedUnits`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageNormalizedUnits {
    pub on_demand_normalized_units: Option<Amount>,
    pub reserved_normalized_units: Option<Amount>,
    pub total_running_normalized_units: Option<Amount>,
    pub coverage_normalized_units_percentage: Option<Amount>,
}

/// `CoverageCost`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageCost {
    pub on_demand_cost: Option<Amount>,
}

/// Read a `GetReservationCoverage` answer's body: serde into borrowed raw shapes, each period
/// converted member by member as soon as it is read (`Periods`), so that a bad member is
/// named.
pub fn reservation_coverage(
    body: &str,
    request_id: Option<String>,
) -> Result<ReservationCoveragePage, Unreadable> {
    let raw: raw::CoverageResponse<'_> = read(body)?;
    convert_coverage(raw, request_id)
}

/// `body` read into its raw shape `T`; a body with `__type` is [`Unreadable::ErrorEnvelope`].
/// Public for the core's own small readers (`GetDimensionValues`).
pub fn read<'a, T: serde::Deserialize<'a> + raw::Envelope>(body: &'a str) -> Result<T, Unreadable> {
    let raw: T = serde_json::from_str(body).map_err(|e| Unreadable::InvalidJson(e.to_string()))?;
    if raw.is_error() {
        return Err(Unreadable::ErrorEnvelope);
    }
    Ok(raw)
}

fn convert_coverage(
    raw: raw::CoverageResponse<'_>,
    request_id: Option<String>,
) -> Result<ReservationCoveragePage, Unreadable> {
    let periods = required(raw.coverages_by_time, || "CoveragesByTime".into())?;
    let mut page = ReservationCoveragePage {
        request_id,
        coverages_by_time: periods.0?,
        total: None,
        next_page_token: raw.next_page_token.map(|t| t.0.into_owned()),
    };
    coverage_into(raw.total, &mut page.total, &|| "Total".into())?;
    Ok(page)
}

/// `CoveragesByTime[i]`, converted from its raw shape. Each group is converted where it is
/// stored (`push_mut`, [`coverage_into`]): a group is 312 bytes, and built then moved it was
/// copied three times on its way into the vector (BENCHMARKS.md, "Groups converted where they
/// are stored").
fn convert_period(
    period: raw::CoverageByTime<'_>,
    path: &dyn Fn() -> String,
) -> Result<CoverageByTime, Unreadable> {
    let raw_groups = period.groups.map(|g| g.0).unwrap_or_default();
    let mut groups = Vec::with_capacity(raw_groups.len());
    for (j, group) in raw_groups.into_iter().enumerate() {
        let out = groups.push_mut(CoverageGroup {
            attributes: group.attributes.unwrap_or_default(),
            coverage: None,
        });
        let cpath = || format!("{}.Groups[{j}].Coverage", path());
        coverage_into(group.coverage, &mut out.coverage, &cpath)?;
    }
    let mut out = CoverageByTime {
        time_period: time_period(period.time_period, path)?,
        groups,
        total: None,
    };
    coverage_into(period.total, &mut out.total, &|| {
        format!("{}.Total", path())
    })?;
    Ok(out)
}

/// `CoveragesByTime`, each period converted as soon as serde has read it, so that one period's
/// raw shapes are alive at a time, not the whole answer's (a 10 MB answer's raw groups are
/// 3 MB). The first period that does not convert is the answer's error, as in two passes:
/// the periods after it are still read (a JSON or shape error anywhere comes first, then an
/// error envelope), and dropped.
pub(crate) struct Periods(pub Result<Vec<CoverageByTime>, Unreadable>);

impl<'de> serde::Deserialize<'de> for Periods {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Periods;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Periods, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                let mut failed = None;
                while let Some(period) = seq.next_element::<raw::CoverageByTime<'de>>()? {
                    if failed.is_some() {
                        continue;
                    }
                    let i = out.len();
                    match convert_period(period, &|| format!("CoveragesByTime[{i}]")) {
                        Ok(p) => out.push(p),
                        Err(e) => failed = Some(e),
                    }
                }
                Ok(Periods(match failed {
                    Some(e) => Err(e),
                    None => Ok(out),
                }))
            }
        }
        d.deserialize_seq(V)
    }
}

impl std::fmt::Debug for Periods {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Ok(periods) => write!(f, "{} periods", periods.len()),
            Err(e) => write!(f, "{e:?}"),
        }
    }
}

/// Converts each item of a list; the item's path (`path(i)`, e.g. `CoveragesByTime[2]`) is
/// built only when there is an error to report.
fn each<R, T>(
    items: Vec<R>,
    path: &dyn Fn(usize) -> String,
    mut convert: impl FnMut(R, &dyn Fn() -> String) -> Result<T, Unreadable>,
) -> Result<Vec<T>, Unreadable> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        out.push(convert(item, &|| path(i))?);
    }
    Ok(out)
}

/// An optional object at `path`, read with `read`.
fn optional<R, T>(
    raw: Option<R>,
    read: fn(R, &dyn Fn() -> String) -> Result<T, Unreadable>,
    path: &dyn Fn() -> String,
) -> Result<Option<T>, Unreadable> {
    raw.map(|r| read(r, path)).transpose()
}

/// A member the model marks `required`; `member` builds its path only when it is missing.
fn required<T>(value: Option<T>, member: impl FnOnce() -> String) -> Result<T, Unreadable> {
    value.ok_or_else(|| Unreadable::MissingMember(member()))
}

fn interval(raw: raw::Interval<'_>, path: impl Fn() -> String) -> Result<DateInterval, Unreadable> {
    let at = |member: &str| format!("{}.{member}", path());
    Ok(DateInterval {
        start: required(raw.start, || at("Start"))?.0.into_owned(),
        end: required(raw.end, || at("End"))?.0.into_owned(),
    })
}

/// The `TimePeriod` member of the object at `path`, if present.
fn time_period(
    raw: Option<raw::Interval<'_>>,
    path: &dyn Fn() -> String,
) -> Result<Option<DateInterval>, Unreadable> {
    raw.map(|tp| interval(tp, || format!("{}.TimePeriod", path())))
        .transpose()
}

/// Parse one figure into `slot` (empty): where it is kept, not returned and copied there.
/// `path` builds the member's path only when there is an error to report.
fn amount_into(
    slot: &mut Option<Amount>,
    raw: Option<raw::Text<'_>>,
    percent: bool,
    path: &dyn Fn() -> String,
    member: &str,
) -> Result<(), Unreadable> {
    let Some(raw) = raw else { return Ok(()) };
    match Amount::parse(&raw.0, percent) {
        Some(a) => {
            *slot = Some(a);
            Ok(())
        }
        None => Err(Unreadable::NotANumber {
            field: format!("{}.{member}", path()),
            text: raw.0.into_owned(),
        }),
    }
}

/// Each figure of a raw object parsed into its field of `out`: `field <- raw member as AWS's
/// name`, `percent` for the members that may end in `%`.
macro_rules! figures_into {
    (@percent) => { false };
    (@percent percent) => { true };
    ($out:expr, $raw:expr, $path:expr; $($field:ident <- $member:ident as $json:literal $(, $percent:ident)?;)*) => {{
        let (out, raw) = ($out, $raw);
        $(amount_into(&mut out.$field, raw.$member, figures_into!(@percent $($percent)?), $path, $json)?;)*
    }};
}

/// A `Coverage` object, if present, converted into `slot` (empty), figure by figure where each
/// is stored (as [`amount_into`] does for one figure).
fn coverage_into(
    raw: Option<raw::Coverage<'_>>,
    slot: &mut Option<Coverage>,
    path: &dyn Fn() -> String,
) -> Result<(), Unreadable> {
    let Some(raw) = raw else { return Ok(()) };
    let out = slot.insert(Coverage::default());
    if let Some(h) = raw.hours {
        let p = || format!("{}.CoverageHours", path());
        figures_into!(out.coverage_hours.insert(CoverageHours::default()), h, &p;
            on_demand_hours <- on_demand as "OnDemandHours";
            reserved_hours <- reserved as "ReservedHours";
            total_running_hours <- total_running as "TotalRunningHours";
            coverage_hours_percentage <- percentage as "CoverageHoursPercentage", percent;
        );
    }
    if let Some(u) = raw.units {
        let p = || format!("{}.CoverageNormalizedUnits", path());
        figures_into!(out.coverage_normalized_units.insert(CoverageNormalizedUnits::default()), u, &p;
            on_demand_normalized_units <- on_demand as "OnDemandNormalizedUnits";
            reserved_normalized_units <- reserved as "ReservedNormalizedUnits";
            total_running_normalized_units <- total_running as "TotalRunningNormalizedUnits";
            coverage_normalized_units_percentage <- percentage as "CoverageNormalizedUnitsPercentage", percent;
        );
    }
    if let Some(c) = raw.cost {
        let p = || format!("{}.CoverageCost", path());
        figures_into!(out.coverage_cost.insert(CoverageCost::default()), c, &p;
            on_demand_cost <- on_demand as "OnDemandCost";
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(day: u32, hours: &str) -> String {
        format!(
            r#"{{"TimePeriod":{{"Start":"2026-01-{day:02}","End":"2026-01-{:02}"}},"Groups":[{{"Attributes":{{"region":"us-east-1"}},"Coverage":{{"CoverageHours":{{"OnDemandHours":"1.5"}}}}}},{{"Attributes":{{"region":"eu-west-1"}},"Coverage":{{"CoverageHours":{{"OnDemandHours":"{hours}"}}}}}}]}}"#,
            day + 1
        )
    }

    #[test]
    fn periods_are_read_and_converted_in_order() {
        let body = format!(
            r#"{{"CoveragesByTime":[{},{}],"NextPageToken":"t"}}"#,
            period(1, "2"),
            period(2, "3.25")
        );
        let page = reservation_coverage(&body, Some("id".into())).unwrap();
        assert_eq!(page.coverages_by_time.len(), 2);
        let last = &page.coverages_by_time[1];
        assert_eq!(last.time_period.as_ref().unwrap().start, "2026-01-02");
        assert_eq!(last.groups[1].attributes.get("region"), Some("eu-west-1"));
        let hours = last.groups[1].coverage.as_ref().unwrap();
        let hours = hours.coverage_hours.as_ref().unwrap();
        assert_eq!(hours.on_demand_hours.as_ref().unwrap().value, 3.25);
        assert_eq!(page.next_page_token.as_deref(), Some("t"));
        assert_eq!(page.request_id.as_deref(), Some("id"));
    }

    #[test]
    fn the_first_period_that_does_not_convert_is_named() {
        let body = format!(
            r#"{{"CoveragesByTime":[{},{},{}]}}"#,
            period(1, "2"),
            period(2, "two"),
            period(3, "three")
        );
        assert_eq!(
            reservation_coverage(&body, None),
            Err(Unreadable::NotANumber {
                field: "CoveragesByTime[1].Groups[1].Coverage.CoverageHours.OnDemandHours".into(),
                text: "two".into(),
            })
        );
    }

    #[test]
    fn only_the_percentages_may_end_in_a_percent_sign() {
        let body = |hours: &str, units: &str| {
            format!(
                r#"{{"CoveragesByTime":[{{"Groups":[{{"Coverage":{{"CoverageHours":{hours},"CoverageNormalizedUnits":{units},"CoverageCost":{{"OnDemandCost":"2"}}}}}}]}}]}}"#
            )
        };
        let page = reservation_coverage(
            &body(
                r#"{"CoverageHoursPercentage":"40%","OnDemandHours":"1"}"#,
                r#"{"CoverageNormalizedUnitsPercentage":"12.5%"}"#,
            ),
            None,
        )
        .unwrap();
        let c = page.coverages_by_time[0].groups[0]
            .coverage
            .as_ref()
            .unwrap();
        let hours = c.coverage_hours.as_ref().unwrap();
        assert_eq!(
            hours.coverage_hours_percentage.as_ref().unwrap().value,
            40.0
        );
        assert_eq!(hours.on_demand_hours.as_ref().unwrap().value, 1.0);
        assert_eq!(hours.reserved_hours, None);
        let units = c.coverage_normalized_units.as_ref().unwrap();
        assert_eq!(
            units
                .coverage_normalized_units_percentage
                .as_ref()
                .unwrap()
                .text,
            "12.5%"
        );
        let cost = c.coverage_cost.as_ref().unwrap();
        assert_eq!(cost.on_demand_cost.as_ref().unwrap().value, 2.0);
        for (hours, units, field) in [
            (
                r#"{"OnDemandHours":"1%"}"#,
                "{}",
                "CoverageHours.OnDemandHours",
            ),
            (
                "{}",
                r#"{"TotalRunningNormalizedUnits":"3%"}"#,
                "CoverageNormalizedUnits.TotalRunningNormalizedUnits",
            ),
        ] {
            assert_eq!(
                reservation_coverage(&body(hours, units), None),
                Err(Unreadable::NotANumber {
                    field: format!("CoveragesByTime[0].Groups[0].Coverage.{field}"),
                    text: if hours == "{}" { "3%" } else { "1%" }.into(),
                })
            );
        }
    }

    #[test]
    fn a_later_shape_error_or_envelope_comes_before_a_bad_figure() {
        // The periods after a bad one are still read: what two passes would find first is
        // found first.
        let shape = format!(
            r#"{{"CoveragesByTime":[{},{{"Groups":7}}]}}"#,
            period(1, "x")
        );
        assert!(matches!(
            reservation_coverage(&shape, None),
            Err(Unreadable::InvalidJson(m)) if m.contains("invalid type: integer `7`")
        ));
        let syntax = format!(r#"{{"CoveragesByTime":[{},{{"#, period(1, "x"));
        assert!(matches!(
            reservation_coverage(&syntax, None),
            Err(Unreadable::InvalidJson(_))
        ));
        let envelope = format!(
            r#"{{"CoveragesByTime":[{}],"__type":"DataUnavailableException"}}"#,
            period(1, "x")
        );
        assert_eq!(
            reservation_coverage(&envelope, None),
            Err(Unreadable::ErrorEnvelope)
        );
        // And the top level's own required member before any of it.
        assert_eq!(
            reservation_coverage(r#"{"CoveragesByTime":null}"#, None),
            Err(Unreadable::MissingMember("CoveragesByTime".into()))
        );
    }
}

#[cfg(test)]
mod attributes_tests {
    use super::Attributes;

    #[test]
    fn pairs_read_back_in_order_with_empty_and_unicode_parts() {
        let pairs = [
            ("instanceType", "m5.large"),
            ("", "no key"),
            ("région", ""),
            ("k", "v"),
        ];
        let a = Attributes::from_pairs(pairs);
        assert_eq!(a.len(), 4);
        assert_eq!(a.iter().collect::<Vec<_>>(), pairs);
        assert_eq!(a.get("région"), Some(""));
        assert_eq!(a.get(""), Some("no key"));
        assert_eq!(a.get("k"), Some("v"));
        assert_eq!(a.get("missing"), None);
        assert_eq!(
            format!("{a:?}"),
            r#"Attributes([("instanceType", "m5.large"), ("", "no key"), ("région", ""), ("k", "v")])"#
        );
        // The same pairs split differently are not equal.
        assert_ne!(
            Attributes::from_pairs([("ab", "c")]),
            Attributes::from_pairs([("a", "bc")])
        );
        assert!(Attributes::default().is_empty());
        assert_eq!(Attributes::default().iter().count(), 0);
    }
}
