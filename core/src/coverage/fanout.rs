//! Coverage over time, split by a dimension or a tag.
//!
//! GetReservationCoverage refuses `Granularity` together with `GroupBy`, so a series per
//! instance type (say) takes one filtered time-series request per value: the user's filter
//! `And` `{Dimensions: {Key: INSTANCE_TYPE, Values: [value]}}`. A dimension's values come from
//! GetDimensionValues; a tag's from one coverage request grouped by the tag (Cost Explorer names
//! each group `key$value`, `key$` being "untagged", matched with `ABSENT`). Each Cost Explorer
//! request costs USD 0.01, so the plan is shown, with its price, before anything is sent.

use super::SplitKey;
use crate::filter::{Condition, Expression, MatchOption};

/// How the table and legend name the untagged group of a tag split.
pub const UNTAGGED: &str = "(untagged)";

/// The tag values of a coverage answer grouped by tag `key`: Cost Explorer writes `key$value`
/// (`key$` for usage without the tag, returned here as the empty string). In first-seen order.
pub fn tag_values<'a>(
    key: &str,
    attribute_values: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let prefix = format!("{key}$");
    let mut out: Vec<String> = Vec::new();
    for v in attribute_values {
        let value = v.strip_prefix(&prefix).unwrap_or(v).to_owned();
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// Above this many requests the user confirms first.
pub const CONFIRM_ABOVE: usize = 10;

/// How many split requests run at once (Cost Explorer's rate limit is low).
pub const CONCURRENCY: usize = 2;

/// What a Cost Explorer request costs, in US cents.
pub const CENTS_PER_REQUEST: u64 = 1;

/// "USD 0.12" for `requests` Cost Explorer requests.
pub fn cost_text(requests: u64) -> String {
    let cents = requests * CENTS_PER_REQUEST;
    format!("USD {}.{:02}", cents / 100, cents % 100)
}

/// The requests a split needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitPlan {
    /// The dimension or tag split by.
    pub key: SplitKey,
    /// One request (at least: more when a value's answer has pages) per value.
    pub values: Vec<String>,
    /// Requests each value takes at least (a view whose answers come in pages of fewer
    /// periods than the query has: Savings Plans coverage, 20 a page).
    pub requests_per_value: usize,
}

impl SplitPlan {
    /// The plan for `values` (as Cost Explorer listed them), narrowed to the values the
    /// user's filter already allows for that key, if it names it.
    pub fn new(key: SplitKey, values: Vec<String>, filter: Option<&Expression>) -> Self {
        let allowed = filter.and_then(|f| allowed_values(f, &key));
        let values = match allowed {
            Some(allowed) => values.into_iter().filter(|v| allowed.contains(v)).collect(),
            None => values,
        };
        SplitPlan {
            key,
            values,
            requests_per_value: 1,
        }
    }

    /// The same plan when each value's answer takes `n` requests at least.
    pub fn with_requests_per_value(mut self, n: usize) -> Self {
        self.requests_per_value = n.max(1);
        self
    }

    /// The name of `value`'s group in the table and legend.
    pub fn group_name(&self, value: &str) -> String {
        match (&self.key, value) {
            (SplitKey::Tag(_), "") => UNTAGGED.to_owned(),
            _ => value.to_owned(),
        }
    }

    /// Requests to send (one per value, or the pages each value is known to take; more
    /// pages may add more).
    pub fn requests(&self) -> usize {
        self.values.len() * self.requests_per_value
    }

    /// Whether the user must confirm before they are sent.
    pub fn needs_confirmation(&self) -> bool {
        self.requests() > CONFIRM_ABOVE
    }

    /// "12 requests, USD 0.12".
    pub fn describe(&self) -> String {
        let n = self.requests();
        format!(
            "{n} request{} to Cost Explorer, {} (at least: values with more than one page of answers take more)",
            if n == 1 { "" } else { "s" },
            cost_text(n as u64)
        )
    }

    /// The filter for one value: the user's filter with this key pinned to `value` (for a
    /// tag's empty value, "the tag is absent").
    pub fn filter_for(&self, base: Option<&Expression>, value: &str) -> Expression {
        let pin = match &self.key {
            SplitKey::Dimension(d) => Expression::Dimensions(Condition::new(d.clone(), [value])),
            SplitKey::Tag(k) if value.is_empty() => Expression::Tags(Condition {
                key: Some(k.clone()),
                values: None,
                match_options: Some(vec![MatchOption::Absent]),
            }),
            SplitKey::Tag(k) => Expression::Tags(Condition::new(k.clone(), [value])),
        };
        let same_key = |e: &Expression| same_key(e, &self.key);
        match base {
            None => pin,
            Some(e) if same_key(e) => pin,
            Some(Expression::And(children)) => {
                let mut kept: Vec<Expression> =
                    children.iter().filter(|c| !same_key(c)).cloned().collect();
                kept.push(pin);
                if kept.len() == 1 {
                    kept.remove(0)
                } else {
                    Expression::And(kept)
                }
            }
            Some(other) => Expression::And(vec![other.clone(), pin]),
        }
    }
}

/// Whether `e` is a leaf on the split's key.
fn same_key(e: &Expression, key: &SplitKey) -> bool {
    match (e, key) {
        (Expression::Dimensions(c), SplitKey::Dimension(d)) => c.key.as_ref() == Some(d),
        (Expression::Tags(c), SplitKey::Tag(k)) => c.key.as_ref() == Some(k),
        _ => false,
    }
}

/// The values a coverage filter (a leaf or an `And` of leaves) allows for `key`.
fn allowed_values(filter: &Expression, key: &SplitKey) -> Option<Vec<String>> {
    let leaf = |e: &Expression| {
        if !same_key(e, key) {
            return None;
        }
        match e {
            Expression::Dimensions(c) => c.values.clone(),
            Expression::Tags(c) => c.values.clone(),
            _ => None,
        }
    };
    match filter {
        Expression::And(children) => children.iter().find_map(leaf),
        other => leaf(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Dimension;

    fn values(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("m{i}.large")).collect()
    }

    #[test]
    fn cost_and_confirmation() {
        assert_eq!(cost_text(0), "USD 0.00");
        assert_eq!(cost_text(12), "USD 0.12");
        assert_eq!(cost_text(250), "USD 2.50");
        let ten = SplitPlan::new(
            SplitKey::Dimension(Dimension::InstanceType),
            values(10),
            None,
        );
        assert!(!ten.needs_confirmation());
        let eleven = SplitPlan::new(
            SplitKey::Dimension(Dimension::InstanceType),
            values(11),
            None,
        );
        assert!(eleven.needs_confirmation());
        assert!(eleven
            .describe()
            .starts_with("11 requests to Cost Explorer, USD 0.11"));
    }

    #[test]
    fn filters_pin_the_split_value() {
        let plan = SplitPlan::new(
            SplitKey::Dimension(Dimension::InstanceType),
            values(2),
            None,
        );
        let region = Expression::dimension(Dimension::Region, ["eu-west-1"]);
        let pin = Expression::dimension(Dimension::InstanceType, ["m1.large"]);
        assert_eq!(plan.filter_for(None, "m1.large"), pin);
        assert_eq!(
            plan.filter_for(Some(&region), "m1.large"),
            Expression::And(vec![region.clone(), pin.clone()])
        );
        let tag = Expression::tag("team", ["data"]);
        let both = Expression::And(vec![region.clone(), tag.clone()]);
        assert_eq!(
            plan.filter_for(Some(&both), "m1.large"),
            Expression::And(vec![region.clone(), tag, pin.clone()])
        );
        // A filter on the split dimension itself is replaced, never doubled.
        let types = Expression::dimension(Dimension::InstanceType, ["m0.large", "m1.large"]);
        assert_eq!(plan.filter_for(Some(&types), "m1.large"), pin);
        let and = Expression::And(vec![types.clone(), region.clone()]);
        assert_eq!(
            plan.filter_for(Some(&and), "m1.large"),
            Expression::And(vec![region, pin])
        );
    }

    #[test]
    fn the_filter_narrows_the_values() {
        let types = Expression::dimension(Dimension::InstanceType, ["m1.large", "x9.huge"]);
        let plan = SplitPlan::new(
            SplitKey::Dimension(Dimension::InstanceType),
            values(5),
            Some(&types),
        );
        assert_eq!(plan.values, ["m1.large"]);
        let other = Expression::dimension(Dimension::Region, ["eu-west-1"]);
        assert_eq!(
            SplitPlan::new(
                SplitKey::Dimension(Dimension::InstanceType),
                values(5),
                Some(&other)
            )
            .requests(),
            5
        );
    }

    #[test]
    fn tag_splits_pin_the_tag_and_read_untagged_as_absent() {
        assert_eq!(
            tag_values("team", ["team$data", "team$", "team$data", "team$platform"]),
            ["data", "", "platform"]
        );
        let plan = SplitPlan::new(
            SplitKey::Tag("team".into()),
            vec!["data".into(), "".into()],
            None,
        );
        assert_eq!(plan.group_name(""), UNTAGGED);
        assert_eq!(
            plan.filter_for(None, "data"),
            Expression::tag("team", ["data"])
        );
        assert_eq!(
            plan.filter_for(None, "").to_json(),
            r#"{"Tags":{"Key":"team","MatchOptions":["ABSENT"]}}"#
        );
        let base = Expression::And(vec![
            Expression::tag("team", ["data", "x"]),
            Expression::dimension(Dimension::Region, ["eu-west-1"]),
        ]);
        let narrowed = SplitPlan::new(
            SplitKey::Tag("team".into()),
            vec!["data".into(), "".into(), "platform".into()],
            Some(&base),
        );
        assert_eq!(narrowed.values, ["data"]);
        assert_eq!(
            narrowed.filter_for(Some(&base), "data"),
            Expression::And(vec![
                Expression::dimension(Dimension::Region, ["eu-west-1"]),
                Expression::tag("team", ["data"])
            ])
        );
    }
}
