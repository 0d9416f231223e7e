//! The filter form's state: a flat list of conditions and how they combine.
//!
//! The form covers what people build by hand: "all of", "any of" or "none of" a list of
//! conditions. Trees beyond that (an `Or` inside an `And`, a `Not` of an `And`, …) stay JSON
//! only; [`FilterDraft::from_expression`] says which node the form can't show.
//!
//! Shapes the form accepts round-trip exactly, except three normalisations: an `And`/`Or` with
//! one child becomes that child, an empty `Values`/`MatchOptions` list becomes absent, and an
//! empty key becomes absent.

use super::rules::{self, Operation};
use crate::aws::ce::{Condition, Dimension, Expression, MatchOption};

/// How the form's conditions combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    /// All of them (`And`).
    #[default]
    AllOf,
    /// Any of them (`Or`).
    AnyOf,
    /// None of them (`Not` of `Or`).
    NoneOf,
}

impl Grouping {
    /// The groupings the form offers for `operation`: the reservation and Savings Plans views
    /// refuse `Or` and `Not`.
    pub fn allowed_for(operation: Operation) -> &'static [Grouping] {
        if rules::only_and(operation) {
            &[Grouping::AllOf]
        } else {
            &[Grouping::AllOf, Grouping::AnyOf, Grouping::NoneOf]
        }
    }

    /// The words on the form.
    pub fn label(self) -> &'static str {
        match self {
            Grouping::AllOf => "All of",
            Grouping::AnyOf => "Any of",
            Grouping::NoneOf => "None of",
        }
    }
}

/// What a condition filters on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ConditionKind {
    /// A Cost Explorer dimension (`Dimensions`).
    #[default]
    Dimension,
    /// A cost allocation tag (`Tags`).
    Tag,
    /// A cost category (`CostCategories`).
    CostCategory,
}

/// One row of the form. Text fields stay text while the user types; the rules judge them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DraftCondition {
    /// Dimension, tag or cost category.
    pub kind: ConditionKind,
    /// Dimension name (`REGION`), tag key or cost category name.
    pub key: String,
    /// Values, any of which matches.
    pub values: Vec<String>,
    /// Match options; empty means AWS's default (`EQUALS`, `CASE_SENSITIVE`).
    pub match_options: Vec<MatchOption>,
}

impl DraftCondition {
    /// The condition alone as a filter.
    pub fn to_expression(&self) -> Expression {
        to_leaf(self)
    }

    /// The condition in words: "INSTANCE_TYPE is m5.large, c5.xlarge", "tag team is absent".
    pub fn describe(&self) -> String {
        let kind = match self.kind {
            ConditionKind::Dimension => "",
            ConditionKind::Tag => "tag ",
            ConditionKind::CostCategory => "cost category ",
        };
        let key = if self.key.is_empty() {
            "(no key)"
        } else {
            &self.key
        };
        let what = if self.match_options.contains(&MatchOption::Absent) {
            " is absent".to_string()
        } else if self.values.is_empty() {
            " (no values)".to_string()
        } else {
            format!(" is {}", self.values.join(", "))
        };
        format!("{kind}{key}{what}")
    }
}

/// The whole form.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FilterDraft {
    /// How the conditions combine.
    pub grouping: Grouping,
    /// The conditions, in the order shown.
    pub conditions: Vec<DraftCondition>,
}

/// A filter the form can't show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The form can't show this filter ({path}: {reason}). Edit it as JSON instead.")]
pub struct DraftError {
    /// JSON path of the node the form can't represent.
    pub path: String,
    /// Why, in plain words.
    pub reason: String,
}

impl FilterDraft {
    /// The filter the form describes; `None` when there are no conditions (no filter at all).
    pub fn to_expression(&self) -> Option<Expression> {
        let mut leaves: Vec<Expression> = self.conditions.iter().map(to_leaf).collect();
        let combined = match (leaves.len(), self.grouping) {
            (0, _) => return None,
            (1, Grouping::AllOf | Grouping::AnyOf) => leaves.remove(0),
            (1, Grouping::NoneOf) => Expression::Not(Box::new(leaves.remove(0))),
            (_, Grouping::AllOf) => Expression::And(leaves),
            (_, Grouping::AnyOf) => Expression::Or(leaves),
            (_, Grouping::NoneOf) => Expression::Not(Box::new(Expression::Or(leaves))),
        };
        Some(combined)
    }

    /// The form for `expression`, or which node the form can't show.
    pub fn from_expression(expression: &Expression) -> Result<FilterDraft, DraftError> {
        let (grouping, children, path) = match expression {
            Expression::And(children) => (Grouping::AllOf, children.as_slice(), "$.And"),
            Expression::Or(children) => (Grouping::AnyOf, children.as_slice(), "$.Or"),
            Expression::Not(inner) => match inner.as_ref() {
                Expression::Or(children) => (Grouping::NoneOf, children.as_slice(), "$.Not.Or"),
                leaf if leaf.is_leaf() => (Grouping::NoneOf, std::slice::from_ref(leaf), "$.Not"),
                other => {
                    return Err(DraftError {
                        path: "$.Not".into(),
                        reason: format!(
                            "the form's \"None of\" works on a list of conditions, not on {}",
                            other.operator_name()
                        ),
                    })
                }
            },
            leaf => (Grouping::AllOf, std::slice::from_ref(leaf), "$"),
        };
        let mut conditions = Vec::with_capacity(children.len());
        for (i, child) in children.iter().enumerate() {
            // Only list members can fail here: the single-leaf shapes above are leaves.
            let at = format!("{path}[{i}]");
            conditions.push(from_leaf(child).ok_or_else(|| DraftError {
                path: at,
                reason: format!(
                    "{} inside a group; the form only lists conditions",
                    child.operator_name()
                ),
            })?);
        }
        Ok(FilterDraft {
            grouping,
            conditions,
        })
    }

    /// Where [`super::rules::check`] reports problems with condition `index` of this draft
    /// (after [`FilterDraft::to_expression`]), so the form can show them on that row.
    pub fn condition_path(&self, index: usize) -> String {
        match (self.conditions.len(), self.grouping) {
            (1, Grouping::AllOf | Grouping::AnyOf) => "$".into(),
            (1, Grouping::NoneOf) => "$.Not".into(),
            (_, Grouping::AllOf) => format!("$.And[{index}]"),
            (_, Grouping::AnyOf) => format!("$.Or[{index}]"),
            (_, Grouping::NoneOf) => format!("$.Not.Or[{index}]"),
        }
    }
}

impl FilterDraft {
    /// Which condition a violation at `path` concerns (`None`: the filter as a whole, e.g.
    /// an `Or` where the operation refuses it).
    pub fn condition_of(&self, path: &str) -> Option<usize> {
        (0..self.conditions.len()).find(|&i| {
            let p = self.condition_path(i);
            path == p
                || path
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

fn non_empty<T: Clone>(items: &[T]) -> Option<Vec<T>> {
    (!items.is_empty()).then(|| items.to_vec())
}

fn to_leaf(c: &DraftCondition) -> Expression {
    let key = (!c.key.is_empty()).then(|| c.key.clone());
    let values = non_empty(&c.values);
    let match_options = non_empty(&c.match_options);
    match c.kind {
        ConditionKind::Dimension => Expression::Dimensions(Condition {
            key: key.map(|k| Dimension::parse(&k)),
            values,
            match_options,
        }),
        ConditionKind::Tag => Expression::Tags(Condition {
            key,
            values,
            match_options,
        }),
        ConditionKind::CostCategory => Expression::CostCategories(Condition {
            key,
            values,
            match_options,
        }),
    }
}

fn from_leaf(expression: &Expression) -> Option<DraftCondition> {
    let (kind, key, values, options) = match expression {
        Expression::Dimensions(c) => (
            ConditionKind::Dimension,
            c.key.as_ref().map(|k| k.as_str().to_string()),
            &c.values,
            &c.match_options,
        ),
        Expression::Tags(c) => (
            ConditionKind::Tag,
            c.key.clone(),
            &c.values,
            &c.match_options,
        ),
        Expression::CostCategories(c) => (
            ConditionKind::CostCategory,
            c.key.clone(),
            &c.values,
            &c.match_options,
        ),
        _ => return None,
    };
    Some(DraftCondition {
        kind,
        key: key.unwrap_or_default(),
        values: values.clone().unwrap_or_default(),
        match_options: options.clone().unwrap_or_default(),
    })
}
