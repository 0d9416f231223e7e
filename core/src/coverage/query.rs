//! The coverage query as the form holds it, its checks, and its place in the URL.
//!
//! Dates are UTC calendar days. People think in inclusive ranges ("1 to 30 November"); AWS's
//! `TimePeriod.End` is exclusive, so [`Period::end_exclusive`] adds the day back when the request
//! is built. Cost Explorer keeps the last 12 months plus the current month.

use time::{Date, Duration, Month};

use crate::aws::ce::{DateInterval, Granularity};
use crate::commitments::{Measure, View};
use crate::filter::{filter_from_url, filter_to_url, Dimension, Expression};
use crate::route::query_param;

/// The period presets, relative to today (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Preset {
    /// The last 7 days, today included.
    Last7Days,
    /// The last 30 days, today included.
    #[default]
    Last30Days,
    /// The last 90 days, today included.
    Last90Days,
    /// From the 1st of this month to today.
    MonthToDate,
    /// The 3 whole months before this one.
    Last3Months,
    /// The 6 whole months before this one.
    Last6Months,
    /// The 12 whole months before this one.
    Last12Months,
    /// Dates typed by the user.
    Custom,
}

impl Preset {
    /// Every preset, in the order the form lists them.
    pub const ALL: [Preset; 8] = [
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::Last90Days,
        Preset::MonthToDate,
        Preset::Last3Months,
        Preset::Last6Months,
        Preset::Last12Months,
        Preset::Custom,
    ];

    /// The value in the URL and in the form's `<select>`.
    pub fn slug(self) -> &'static str {
        match self {
            Preset::Last7Days => "7d",
            Preset::Last30Days => "30d",
            Preset::Last90Days => "90d",
            Preset::MonthToDate => "mtd",
            Preset::Last3Months => "3m",
            Preset::Last6Months => "6m",
            Preset::Last12Months => "12m",
            Preset::Custom => "custom",
        }
    }

    /// The words on the form.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Last7Days => "Last 7 days",
            Preset::Last30Days => "Last 30 days",
            Preset::Last90Days => "Last 90 days",
            Preset::MonthToDate => "Month to date",
            Preset::Last3Months => "Last 3 months (whole months)",
            Preset::Last6Months => "Last 6 months (whole months)",
            Preset::Last12Months => "Last 12 months (whole months)",
            Preset::Custom => "Custom dates",
        }
    }

    /// The preset a slug names.
    pub fn from_slug(slug: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// Which numbers the second chart stacks (the table shows all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Metric {
    /// Running hours.
    #[default]
    Hours,
    /// Normalized units (instance size weighted).
    NormalizedUnits,
    /// On-demand cost (Cost Explorer reports no reserved cost here).
    Cost,
}

impl Metric {
    /// Every metric, in form order.
    pub const ALL: [Metric; 3] = [Metric::Hours, Metric::NormalizedUnits, Metric::Cost];

    /// The value in the URL.
    pub fn slug(self) -> &'static str {
        match self {
            Metric::Hours => "hours",
            Metric::NormalizedUnits => "units",
            Metric::Cost => "cost",
        }
    }

    /// The words on the form.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Hours => "Hours",
            Metric::NormalizedUnits => "Normalized units",
            Metric::Cost => "Cost",
        }
    }

    /// The metric a slug names.
    pub fn from_slug(slug: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.slug() == slug)
    }
}

/// The dimensions coverage can be grouped by (GetReservationCoverage's `GroupBy` list).
pub const GROUP_DIMENSIONS: [Dimension; 6] = [
    Dimension::Az,
    Dimension::InstanceType,
    Dimension::LinkedAccount,
    Dimension::Platform,
    Dimension::Region,
    Dimension::Tenancy,
];

/// A URL's `split=` names nothing coverage can be split by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotASplit;

/// What coverage over time is split by (the query holds `Option<SplitKey>`: `None` is one
/// series, the whole filtered usage), and what each split request pins in its filter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SplitKey {
    /// One series per value of a dimension (`Dimensions` leaf).
    Dimension(Dimension),
    /// One series per value of a tag key (`Tags` leaf).
    Tag(String),
}

impl SplitKey {
    /// The value in the URL: `INSTANCE_TYPE` or `tag:team`.
    pub fn slug(&self) -> String {
        match self {
            SplitKey::Dimension(d) => d.as_str().to_owned(),
            SplitKey::Tag(key) => format!("tag:{key}"),
        }
    }

    /// What a slug names: `Ok(None)` for empty (no split), an error for a dimension no view
    /// can be split by (which views take which split: [`SplitKey::allowed_in`]).
    pub fn from_slug(slug: &str) -> Result<Option<SplitKey>, NotASplit> {
        if slug.is_empty() {
            return Ok(None);
        }
        if let Some(key) = slug.strip_prefix("tag:") {
            return Ok(Some(SplitKey::Tag(key.to_owned())));
        }
        let d = Dimension::parse(slug);
        if View::ALL.iter().any(|v| v.split_dimensions().contains(&d)) {
            Ok(Some(SplitKey::Dimension(d)))
        } else {
            Err(NotASplit)
        }
    }

    /// Whether `view` can be split by this.
    pub fn allowed_in(&self, view: View) -> bool {
        match self {
            SplitKey::Dimension(d) => view.split_dimensions().contains(d),
            SplitKey::Tag(_) => view.splits_by_tag(),
        }
    }

    /// "instance type", "tag team": for sentences.
    pub fn describe(&self) -> String {
        match self {
            SplitKey::Dimension(d) => d.as_str().to_ascii_lowercase().replace('_', " "),
            SplitKey::Tag(key) => format!("tag {key}"),
        }
    }
}

/// The query as the form holds it: text stays text until checked, so nothing typed is lost.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageQuery {
    /// Which of the four views (RI coverage unless the link says otherwise).
    pub view: View,
    /// Which period.
    pub preset: Preset,
    /// First day, `YYYY-MM-DD`, when `preset` is custom.
    pub custom_start: String,
    /// Last day (inclusive), `YYYY-MM-DD`, when `preset` is custom.
    pub custom_last: String,
    /// Monthly instead of daily.
    pub monthly: bool,
    /// One series per value of this.
    pub split: Option<SplitKey>,
    /// What the second chart stacks.
    pub metric: Metric,
    /// Coverage target in percent, as typed (empty means 80).
    pub target: String,
    /// Utilization target in percent, as typed (empty means 80).
    pub utilization_target: String,
    /// The filter from the filter builder.
    pub filter: Option<Expression>,
}

/// A period of whole UTC days, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    /// The first day.
    pub start: Date,
    /// The last day.
    pub last: Date,
}

impl Period {
    /// The day after the last: AWS's exclusive `End`.
    pub fn end_exclusive(&self) -> Date {
        self.last + Duration::days(1)
    }

    /// The `TimePeriod` AWS expects.
    pub fn interval(&self) -> DateInterval {
        DateInterval {
            start: day_text(self.start),
            end: day_text(self.end_exclusive()),
        }
    }

    /// "2026-11-01 to 2026-11-30 (30 days)".
    pub fn describe(&self) -> String {
        let days = (self.last - self.start).whole_days() + 1;
        format!(
            "{} to {} ({days} day{})",
            day_text(self.start),
            day_text(self.last),
            if days == 1 { "" } else { "s" }
        )
    }
}

/// A problem with one field of the query form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryProblem {
    /// The field (`start`, `last`, `target`, `split`).
    pub field: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// A query ready to send.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidQuery {
    /// The view asked for.
    pub view: View,
    /// The days.
    pub period: Period,
    /// DAILY or MONTHLY.
    pub granularity: Granularity,
    /// One series per value of this.
    pub split: Option<SplitKey>,
    /// The view's target (coverage or utilization), 0–100.
    pub target: f64,
    /// The filter.
    pub filter: Option<Expression>,
}

/// The default coverage target, in percent.
pub const DEFAULT_TARGET: f64 = 80.0;

impl CoverageQuery {
    /// The period the preset or the typed dates name, checked against what Cost Explorer keeps.
    pub fn period(&self, today: Date) -> Result<Period, Vec<QueryProblem>> {
        let first_kept = add_months(first_of_month(today), -12);
        let last_allowed = add_months(first_of_month(today), 1) - Duration::days(1);
        let days = |n: i64| Period {
            start: today - Duration::days(n - 1),
            last: today,
        };
        let whole_months = |n: i32| Period {
            start: add_months(first_of_month(today), -n),
            last: first_of_month(today) - Duration::days(1),
        };
        let period = match self.preset {
            Preset::Last7Days => days(7),
            Preset::Last30Days => days(30),
            Preset::Last90Days => days(90),
            Preset::MonthToDate => Period {
                start: first_of_month(today),
                last: today,
            },
            Preset::Last3Months => whole_months(3),
            Preset::Last6Months => whole_months(6),
            Preset::Last12Months => whole_months(12),
            Preset::Custom => {
                let start = parse_day(&self.custom_start, "start", "first day");
                let last = parse_day(&self.custom_last, "last", "last day");
                match (start, last) {
                    (Ok(start), Ok(last)) => Period { start, last },
                    (a, b) => {
                        return Err([a.err(), b.err()].into_iter().flatten().collect());
                    }
                }
            }
        };
        let mut problems = Vec::new();
        if period.last < period.start {
            problems.push(QueryProblem {
                field: "last",
                message: format!(
                    "The last day ({}) is before the first day ({}).",
                    day_text(period.last),
                    day_text(period.start)
                ),
            });
        }
        if period.start < first_kept {
            problems.push(QueryProblem {
                field: "start",
                message: format!(
                    "Cost Explorer keeps the last 12 months and the current month: start on {} or later.",
                    day_text(first_kept)
                ),
            });
        }
        if period.last > last_allowed {
            problems.push(QueryProblem {
                field: "last",
                message: format!(
                    "Cost Explorer has no data after the current month: end on {} or earlier.",
                    day_text(last_allowed)
                ),
            });
        }
        if problems.is_empty() {
            Ok(period)
        } else {
            Err(problems)
        }
    }

    /// The coverage target in percent (empty text is the default, 80).
    pub fn target_value(&self) -> Result<f64, QueryProblem> {
        parse_target(&self.target, "target", "coverage")
    }

    /// The target of `measure` in percent (each defaults to 80).
    pub fn target_for(&self, measure: Measure) -> Result<f64, QueryProblem> {
        match measure {
            Measure::Coverage => self.target_value(),
            Measure::Utilization => parse_target(
                &self.utilization_target,
                "utilization_target",
                "utilization",
            ),
        }
    }

    /// The query moved to `view`: a split the view can't take is dropped, with the reason
    /// (the filter is the filter builder's: `filter::keep_valid`).
    pub fn switched_to(&self, view: View) -> (CoverageQuery, Option<String>) {
        let mut q = self.clone();
        q.view = view;
        let dropped = match &q.split {
            Some(key) if !key.allowed_in(view) => {
                let why = format!(
                    "{} can't be split by {}, so the split was dropped.",
                    view.label(),
                    key.describe()
                );
                q.split = None;
                Some(why)
            }
            _ => None,
        };
        (q, dropped)
    }

    /// Everything checked; every problem at once, each tied to its field.
    pub fn validate(&self, today: Date) -> Result<ValidQuery, Vec<QueryProblem>> {
        let mut problems = Vec::new();
        let period = self.period(today).map_err(|p| problems.extend(p)).ok();
        let target = self
            .target_for(self.view.measure())
            .map_err(|p| problems.push(p))
            .ok();
        if let Some(key) = self.split.as_ref().filter(|k| !k.allowed_in(self.view)) {
            problems.push(QueryProblem {
                field: "split",
                message: format!(
                    "{} can't be split by {}: choose another split, or none.",
                    self.view.label(),
                    key.describe()
                ),
            });
        }
        if let Some(SplitKey::Tag(key)) = &self.split {
            if key.trim().is_empty() {
                problems.push(QueryProblem {
                    field: "split",
                    message:
                        "Name the tag key to split by (for example team), or split by nothing."
                            .into(),
                });
            }
        }
        match (period, target) {
            (Some(period), Some(target)) if problems.is_empty() => Ok(ValidQuery {
                view: self.view,
                period,
                granularity: if self.monthly {
                    Granularity::Monthly
                } else {
                    Granularity::Daily
                },
                split: self.split.clone(),
                target,
                filter: self.filter.clone(),
            }),
            _ => Err(problems),
        }
    }

    /// The query as a fragment query string (`preset=30d&granularity=daily&…`).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if self.view != View::default() {
            parts.push(format!("view={}", self.view.slug()));
        }
        parts.push(format!("preset={}", self.preset.slug()));
        if self.preset == Preset::Custom {
            parts.push(format!("start={}", encode(&self.custom_start)));
            parts.push(format!("last={}", encode(&self.custom_last)));
        }
        parts.push(format!(
            "granularity={}",
            if self.monthly { "monthly" } else { "daily" }
        ));
        if let Some(split) = &self.split {
            parts.push(format!("split={}", encode(&split.slug())));
        }
        parts.push(format!("metric={}", self.metric.slug()));
        if !self.target.trim().is_empty() {
            parts.push(format!("target={}", encode(self.target.trim())));
        }
        if !self.utilization_target.trim().is_empty() {
            parts.push(format!(
                "utarget={}",
                encode(self.utilization_target.trim())
            ));
        }
        if let Some(filter) = &self.filter {
            parts.push(format!("filter={}", filter_to_url(filter)));
        }
        parts.join("&")
    }

    /// Reads a fragment query string; anything unreadable is reported and left at its default,
    /// so a damaged link still opens the page.
    pub fn from_query_string(query: &str) -> (CoverageQuery, Vec<String>) {
        let mut q = CoverageQuery::default();
        let mut problems = Vec::new();
        let param = |name: &str| query_param(query, name);
        if let Some(slug) = param("view") {
            match View::from_slug(&slug) {
                Some(v) => q.view = v,
                None => problems.push(format!(
                    "The link's view \"{slug}\" is not one we know; showing RI coverage."
                )),
            }
        }
        if let Some(slug) = param("preset") {
            match Preset::from_slug(&slug) {
                Some(p) => q.preset = p,
                None => problems.push(format!(
                    "The link's period \"{slug}\" is not one we know; showing the last 30 days."
                )),
            }
        }
        q.custom_start = param("start").unwrap_or_default();
        q.custom_last = param("last").unwrap_or_default();
        q.monthly = param("granularity").as_deref() == Some("monthly");
        if let Some(slug) = param("split") {
            match SplitKey::from_slug(&slug) {
                Ok(s) => q.split = s,
                Err(NotASplit) => problems.push(format!(
                    "The link splits by \"{slug}\", which no view can be split by."
                )),
            }
        }
        if let Some(slug) = param("metric") {
            q.metric = Metric::from_slug(&slug).unwrap_or_default();
        }
        q.target = param("target").unwrap_or_default();
        q.utilization_target = param("utarget").unwrap_or_default();
        if let Some(raw) = raw_param(query, "filter") {
            match filter_from_url(raw) {
                Ok(f) => q.filter = Some(f),
                Err(e) => problems.push(e.to_string()),
            }
        }
        (q, problems)
    }
}

/// A target as typed: empty is the default (80), else a number from 0 to 100 (a `%` allowed).
fn parse_target(typed: &str, field: &'static str, what: &str) -> Result<f64, QueryProblem> {
    let text = typed.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(DEFAULT_TARGET);
    }
    let value = crate::aws::ce::Amount::parse(text, false).map(|a| a.value);
    match value {
        Some(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(QueryProblem {
            field,
            message: format!(
                "The {what} target must be a number from 0 to 100, not \"{}\".",
                typed.trim()
            ),
        }),
    }
}

/// `YYYY-MM-DD`.
pub fn day_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Reads `YYYY-MM-DD` (surrounding spaces ignored).
pub fn parse_day_text(text: &str) -> Option<Date> {
    crate::aws::datetime::parse_day(text.trim())
}

fn parse_day(text: &str, field: &'static str, what: &str) -> Result<Date, QueryProblem> {
    if text.trim().is_empty() {
        return Err(QueryProblem {
            field,
            message: format!("Enter the {what} as YYYY-MM-DD."),
        });
    }
    parse_day_text(text).ok_or_else(|| QueryProblem {
        field,
        message: format!(
            "\"{}\" is not a date: enter the {what} as YYYY-MM-DD, for example 2026-11-01.",
            text.trim()
        ),
    })
}

pub(crate) fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

/// The 1st of the month `n` months from `d`'s month (`d` must be a 1st).
pub(crate) fn add_months(d: Date, n: i32) -> Date {
    let index = d.year() * 12 + i32::from(u8::from(d.month())) - 1 + n;
    let month = Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    Date::from_calendar_date(index.div_euclid(12), month, 1).unwrap_or(d)
}

fn encode(text: &str) -> String {
    crate::percent::encode(text, crate::percent::Set::Fragment)
}

/// A parameter's raw (still percent-encoded) value.
fn raw_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 23);

    fn with(preset: Preset) -> CoverageQuery {
        CoverageQuery {
            preset,
            ..Default::default()
        }
    }

    #[test]
    fn presets() {
        let p = |preset| with(preset).period(TODAY).unwrap();
        assert_eq!(
            p(Preset::Last7Days),
            Period {
                start: date!(2026 - 11 - 17),
                last: TODAY
            }
        );
        assert_eq!(p(Preset::Last30Days).start, date!(2026 - 10 - 25));
        assert_eq!(p(Preset::Last90Days).start, date!(2026 - 08 - 26));
        assert_eq!(p(Preset::MonthToDate).start, date!(2026 - 11 - 01));
        assert_eq!(
            p(Preset::Last3Months),
            Period {
                start: date!(2026 - 08 - 01),
                last: date!(2026 - 10 - 31)
            }
        );
        assert_eq!(p(Preset::Last12Months).start, date!(2025 - 11 - 01));
        assert_eq!(p(Preset::Last6Months).start, date!(2026 - 05 - 01));
    }

    #[test]
    fn aws_gets_the_exclusive_end() {
        let p = with(Preset::MonthToDate).period(TODAY).unwrap();
        assert_eq!(
            p.interval(),
            DateInterval {
                start: "2026-11-01".into(),
                end: "2026-11-24".into()
            }
        );
        assert_eq!(p.describe(), "2026-11-01 to 2026-11-23 (23 days)");
        let december = Period {
            start: date!(2026 - 12 - 31),
            last: date!(2026 - 12 - 31),
        };
        assert_eq!(december.interval().end, "2027-01-01");
        assert_eq!(december.describe(), "2026-12-31 to 2026-12-31 (1 day)");
    }

    #[test]
    fn custom_dates_are_checked() {
        let custom = |s: &str, l: &str| CoverageQuery {
            preset: Preset::Custom,
            custom_start: s.into(),
            custom_last: l.into(),
            ..Default::default()
        };
        assert_eq!(
            custom("2025-11-01", "2026-11-30").period(TODAY).unwrap(),
            Period {
                start: date!(2025 - 11 - 01),
                last: date!(2026 - 11 - 30)
            }
        );
        let fields = |q: CoverageQuery| -> Vec<(&'static str, String)> {
            q.period(TODAY)
                .unwrap_err()
                .into_iter()
                .map(|p| (p.field, p.message))
                .collect()
        };
        assert_eq!(
            fields(custom("2025-10-31", "2026-11-01")),
            [(
                "start",
                "Cost Explorer keeps the last 12 months and the current month: start on 2025-11-01 or later.".into()
            )]
        );
        assert_eq!(fields(custom("2026-11-01", "2026-12-01"))[0].0, "last");
        assert_eq!(
            fields(custom("2026-11-10", "2026-11-09"))[0].1,
            "The last day (2026-11-09) is before the first day (2026-11-10)."
        );
        let both = fields(custom("", "2026-02-30"));
        assert_eq!(both.len(), 2);
        assert_eq!(
            both[0],
            ("start", "Enter the first day as YYYY-MM-DD.".into())
        );
        assert!(both[1].1.contains("\"2026-02-30\" is not a date"));
    }

    #[test]
    fn target() {
        let t = |text: &str| {
            CoverageQuery {
                target: text.into(),
                ..Default::default()
            }
            .target_value()
        };
        assert_eq!(t(""), Ok(80.0));
        assert_eq!(t("95"), Ok(95.0));
        assert_eq!(t(" 72.5 % "), Ok(72.5));
        assert!(t("101").is_err());
        assert!(t("-1").is_err());
        assert_eq!(
            t("eighty").unwrap_err().message,
            "The coverage target must be a number from 0 to 100, not \"eighty\"."
        );
    }

    #[test]
    fn validate_collects_every_problem() {
        let q = CoverageQuery {
            preset: Preset::Custom,
            custom_start: "x".into(),
            custom_last: "2026-11-01".into(),
            target: "200".into(),
            split: Some(SplitKey::Tag(" ".into())),
            ..Default::default()
        };
        let fields: Vec<_> = q
            .validate(TODAY)
            .unwrap_err()
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["start", "target", "split"]);
        let ok = with(Preset::Last7Days).validate(TODAY).unwrap();
        assert_eq!(ok.granularity, Granularity::Daily);
        assert_eq!(ok.target, 80.0);
    }

    #[test]
    fn a_view_and_its_target_live_in_the_url() {
        let q = CoverageQuery {
            view: View::SpUtilization,
            split: Some(SplitKey::Dimension(Dimension::SavingsPlanArn)),
            target: "75".into(),
            utilization_target: "90".into(),
            ..Default::default()
        };
        let text = q.to_query_string();
        assert!(
            text.starts_with("view=sp-utilization&preset=30d&"),
            "{text}"
        );
        assert!(text.contains("&split=SAVINGS_PLAN_ARN&"), "{text}");
        assert!(text.ends_with("&target=75&utarget=90"), "{text}");
        assert_eq!(CoverageQuery::from_query_string(&text), (q.clone(), vec![]));
        // The view's own target counts: utilization here.
        assert_eq!(q.validate(TODAY).unwrap().target, 90.0);
        let (_, problems) = CoverageQuery::from_query_string("view=everything");
        assert_eq!(
            problems,
            ["The link's view \"everything\" is not one we know; showing RI coverage."]
        );
    }

    #[test]
    fn a_split_the_view_cannot_take_is_refused_and_dropped_on_switching() {
        let q = CoverageQuery {
            split: Some(SplitKey::Tag("team".into())),
            utilization_target: "200".into(),
            ..Default::default()
        };
        assert!(q.validate(TODAY).is_ok(), "RI coverage splits by tag");
        let mut sp = q.clone();
        sp.view = View::SpCoverage;
        let problems = sp.validate(TODAY).unwrap_err();
        assert_eq!(problems[0].field, "split");
        assert_eq!(
            problems[0].message,
            "Savings Plans coverage can't be split by tag team: choose another split, or none."
        );
        let (moved, why) = q.switched_to(View::SpCoverage);
        assert_eq!(moved.split, None);
        assert_eq!(
            why.as_deref(),
            Some("Savings Plans coverage can't be split by tag team, so the split was dropped.")
        );
        // A utilization view checks the utilization target, with its own words.
        let (ri, _) = q.switched_to(View::RiUtilization);
        let problems = ri.validate(TODAY).unwrap_err();
        assert!(problems.iter().any(|p| p.field == "utilization_target"
            && p.message == "The utilization target must be a number from 0 to 100, not \"200\"."));
        // A split every view takes survives the switch.
        let by_region = CoverageQuery {
            split: Some(SplitKey::Dimension(Dimension::Region)),
            ..Default::default()
        };
        assert_eq!(by_region.switched_to(View::SpUtilization).1, None);
    }

    #[test]
    fn url_round_trip() {
        let q = CoverageQuery {
            view: View::RiCoverage,
            preset: Preset::Custom,
            custom_start: "2026-01-01".into(),
            custom_last: "2026-06-30".into(),
            monthly: true,
            split: Some(SplitKey::Tag("cost center".into())),
            metric: Metric::Cost,
            target: "90".into(),
            utilization_target: String::new(),
            filter: Some(Expression::dimension(Dimension::Region, ["eu-west-1"])),
        };
        let text = q.to_query_string();
        // RI coverage is the default view: links from before the views read the same.
        assert!(text.starts_with("preset=custom&start=2026-01-01&last=2026-06-30&granularity=monthly&split=tag:cost%20center&metric=cost&target=90&filter=%7B"), "{text}");
        assert_eq!(CoverageQuery::from_query_string(&text), (q, vec![]));
        let plain = with(Preset::Last7Days);
        assert_eq!(
            CoverageQuery::from_query_string(&plain.to_query_string()),
            (plain, vec![])
        );
    }

    #[test]
    fn damaged_links_open_with_a_message() {
        let (q, problems) =
            CoverageQuery::from_query_string("preset=2w&split=OPERATION&filter=%7B%22Or%22");
        assert_eq!(q.preset, Preset::Last30Days);
        assert_eq!(q.split, None);
        assert_eq!(q.filter, None);
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
