//! Taking the form's filter along when the user switches to another view.
//!
//! The principle: drop only what the new view can never accept, and say so. A dimension the
//! view doesn't list, a tag or cost category condition where it takes none, an "Any of" or
//! "None of" of several conditions where it takes only "All of": these are dropped, each with
//! its reason. Everything else is kept as typed, even when [`check`] still reports it, because
//! the user can fix it in place and dropping would lose their typing: an empty value list, a
//! missing key, an unknown dimension name, or two SERVICE values in Reserved Instance
//! utilization (one value fewer makes it valid, so the rule's error shows instead).
//!
//! Nothing changes what a filter means without a [`Dropped`] to tell: "Any of" one condition is
//! that condition alone, so it becomes "All of"; "None of" one condition means its opposite, so
//! it is dropped where `Not` is refused.

use super::draft::{FilterDraft, Grouping};
use super::rules::{check, view_name, Operation, Rule, Severity};

/// A part of the filter the new view can't take, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// What was dropped: "INSTANCE_TYPE is m5.large, c5.xlarge", or "Any of (3 conditions)".
    pub condition: String,
    /// Why, naming the view, and what to do instead.
    pub reason: String,
}

/// The part of `draft` that `operation` accepts, and what had to go.
pub fn keep_valid(draft: &FilterDraft, operation: Operation) -> (FilterDraft, Vec<Dropped>) {
    let mut dropped = Vec::new();
    let mut conditions = Vec::new();
    for condition in &draft.conditions {
        match refusal(&condition.to_expression(), operation) {
            Some(reason) => dropped.push(Dropped {
                condition: condition.describe(),
                reason,
            }),
            None => conditions.push(condition.clone()),
        }
    }
    let allowed = Grouping::allowed_for(operation);
    let grouping = draft.grouping;
    let same_alone = conditions.len() <= 1 && grouping != Grouping::NoneOf;
    if allowed.contains(&grouping) || conditions.is_empty() || same_alone {
        let grouping = if allowed.contains(&grouping) {
            grouping
        } else {
            Grouping::AllOf
        };
        return (
            FilterDraft {
                grouping,
                conditions,
            },
            dropped,
        );
    }
    let condition = match conditions.as_slice() {
        [one] => format!("{}: {}", grouping.label(), one.describe()),
        many => format!("{} ({} conditions)", grouping.label(), many.len()),
    };
    dropped.push(Dropped {
        condition,
        reason: grouping_reason(grouping, operation),
    });
    (FilterDraft::default(), dropped)
}

/// Why `operation` can never accept this one condition, if it can't (its rule's message).
fn refusal(condition: &super::Expression, operation: Operation) -> Option<String> {
    check(condition, operation)
        .into_iter()
        .find(|v| {
            v.severity == Severity::Error
                && matches!(v.rule, Rule::DimensionNotAllowed | Rule::KindNotAllowed)
        })
        .map(|v| v.message)
}

fn grouping_reason(grouping: Grouping, operation: Operation) -> String {
    let view = view_name(operation);
    if grouping == Grouping::NoneOf {
        format!(
            "AWS refuses Not in {view} filters, and keeping these conditions as \"All of\" \
             would match the opposite. Add conditions for the values you want instead."
        )
    } else {
        format!(
            "Only \"All of\" works in {view} filters, and keeping these conditions that way \
             would match less than \"Any of\" did. Add back the ones you need; for several \
             values of one dimension, put them all in one condition (values are OR'd)."
        )
    }
}
