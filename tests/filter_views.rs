#![cfg(not(target_arch = "wasm32"))]
//! The Reserved Instance utilization and Savings Plans views' rules, what each view's form
//! offers, and what a filter keeps when the user switches views.

use lens_core::aws::ce::Context;
use lens_core::filter::{
    allows_cost_categories, allows_tags, check, dimensions_for, keep_valid, parse_filter,
    values_context, values_dimension, view_name, ConditionKind, Dimension, DraftCondition, Dropped,
    Expression, FilterDraft, Grouping, Operation, Rule, Severity,
};

#[path = "support/filter.rs"]
mod support;
use support::{clean, draft, one, row};

const COVERAGE: Operation = Operation::GetReservationCoverage;
const VALUES: Operation = Operation::GetDimensionValues;
const RI_UTIL: Operation = Operation::GetReservationUtilization;
const SP_COV: Operation = Operation::GetSavingsPlansCoverage;
const SP_UTIL: Operation = Operation::GetSavingsPlansUtilization;
const NEW: [Operation; 3] = [RI_UTIL, SP_COV, SP_UTIL];

fn dim(key: &str, values: &[&str]) -> String {
    let values: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    format!(
        r#"{{"Dimensions":{{"Key":"{key}","Values":[{}]}}}}"#,
        values.join(",")
    )
}

fn and(children: &[&str]) -> String {
    format!(r#"{{"And":[{}]}}"#, children.join(","))
}

const TAG: &str = r#"{"Tags":{"Key":"team","Values":["payments"]}}"#;
const CATEGORY: &str = r#"{"CostCategories":{"Key":"Env","Values":["prod"]}}"#;

/// A dimension each new view accepts, and a second one for an `And` of two.
fn two_allowed(op: Operation) -> (String, String) {
    let offered = dimensions_for(op);
    (
        dim(offered[0].as_str(), &["a"]),
        dim(offered[1].as_str(), &["b"]),
    )
}

#[test]
fn each_view_accepts_a_leaf_and_an_and_of_two() {
    for op in NEW {
        let (a, b) = two_allowed(op);
        clean(&a, op);
        clean(&and(&[&a, &b]), op);
    }
    clean(&dim("SCOPE", &["Regional"]), RI_UTIL);
    clean(&dim("INSTANCE_TYPE_FAMILY", &["m5"]), SP_COV);
    clean(
        &dim("SAVINGS_PLANS_TYPE", &["ComputeSavingsPlans"]),
        SP_UTIL,
    );
    clean(&dim("INSTANCE_TYPE_FAMILY", &["m5"]), SP_UTIL);
}

/// The message of the one `DimensionNotAllowed` error `key` gets in `op`.
fn refused(key: &str, op: Operation) -> String {
    let text = dim(key, &["x"]);
    one(&text, op, "$", Rule::DimensionNotAllowed, Severity::Error)
}

#[test]
fn each_view_refuses_dimensions_it_does_not_list() {
    let m = refused("DATABASE_ENGINE", RI_UTIL);
    assert!(
        m.starts_with("AWS can't filter Reserved Instance utilization by DATABASE_ENGINE: use one of AZ, CACHE_ENGINE,"),
        "{m}"
    );
    assert!(m.ends_with("SCOPE or TENANCY."), "{m}");
    assert_eq!(refused("AZ", SP_COV), "AWS can't filter Savings Plans coverage by AZ: use one of LINKED_ACCOUNT, REGION, SERVICE, INSTANCE_TYPE_FAMILY or a cost category.");
    let m = refused("SERVICE", SP_UTIL);
    assert!(m.contains("Savings Plans utilization by SERVICE"), "{m}");
    assert!(refused("INSTANCE_FAMILY", COVERAGE).contains("reservation coverage"));
    // Each list is closed: unknown text is an error there, with a suggestion.
    let m = one(
        &dim("INSTANCE_FAMILLY", &["m5"]),
        SP_COV,
        "$",
        Rule::UnknownDimension,
        Severity::Error,
    );
    assert!(m.contains("did you mean INSTANCE_FAMILY?"), "{m}");
    // The documented INSTANCE_FAMILY is not a model value: refused with the name to use.
    let m = refused("INSTANCE_FAMILY", SP_COV);
    assert!(m.contains("use INSTANCE_TYPE_FAMILY"), "{m}");
}

#[test]
fn tags_and_cost_categories_follow_each_views_documents() {
    for op in [RI_UTIL, SP_COV, SP_UTIL] {
        assert!(!allows_tags(op), "{op:?}");
        let m = one(TAG, op, "$", Rule::KindNotAllowed, Severity::Error);
        assert!(
            m.starts_with(&format!(
                "AWS can't filter {} by tags: remove this condition, or use one of",
                view_name(op)
            )),
            "{m}"
        );
        assert!(!m.contains("a tag"), "{m}");
        // One message for the node: a refused tag without values is not also "add a value".
        one(
            r#"{"Tags":{"Key":"team"}}"#,
            op,
            "$",
            Rule::KindNotAllowed,
            Severity::Error,
        );
    }
    assert!(allows_cost_categories(SP_COV));
    clean(CATEGORY, SP_COV);
    let (a, _) = two_allowed(SP_COV);
    clean(&and(&[&a, CATEGORY]), SP_COV);
    for op in [RI_UTIL, SP_UTIL] {
        assert!(!allows_cost_categories(op), "{op:?}");
        let m = one(CATEGORY, op, "$", Rule::KindNotAllowed, Severity::Error);
        assert!(m.contains("by cost categories"), "{m}");
    }
    for op in [COVERAGE, VALUES] {
        assert!(allows_tags(op) && allows_cost_categories(op), "{op:?}");
    }
    // TAG as a dimension key points to a Tags condition only where tags are accepted.
    let tag_dim = dim("TAG", &["x"]);
    let m = one(
        &tag_dim,
        COVERAGE,
        "$",
        Rule::UnknownDimension,
        Severity::Error,
    );
    assert!(m.contains("use a Tags condition"), "{m}");
    let m = one(
        &tag_dim,
        RI_UTIL,
        "$",
        Rule::UnknownDimension,
        Severity::Error,
    );
    assert!(!m.contains("Tags condition"), "{m}");
}

#[test]
fn or_not_and_nesting_are_refused() {
    for op in NEW {
        let (a, b) = two_allowed(op);
        let name = view_name(op);
        let or = format!(r#"{{"Or":[{a},{b}]}}"#);
        let m = one(&or, op, "$", Rule::OperatorNotAllowed, Severity::Error);
        assert!(
            m.contains(&format!("AWS refuses Or in {name} filters")),
            "{m}"
        );
        let not = format!(r#"{{"Not":{a}}}"#);
        let m = one(&not, op, "$", Rule::OperatorNotAllowed, Severity::Error);
        assert!(
            m.contains(&format!("AWS refuses Not in {name} filters")),
            "{m}"
        );
        let nested = and(&[
            &a,
            &and(&[&b, &dim(dimensions_for(op)[2].as_str(), &["c"])]),
        ]);
        // Documented one level deep for RI utilization; the Savings Plans documents give no
        // depth, and a nested And means the same as its conditions in the outer one.
        let severity = if op == RI_UTIL {
            Severity::Error
        } else {
            Severity::Warning
        };
        let m = one(&nested, op, "$.And[1]", Rule::TooDeep, severity);
        assert!(m.contains("move"), "{m}");
        clean(&or, VALUES);
    }
    let nested = and(&[
        &dim("AZ", &["a"]),
        &and(&[&dim("REGION", &["b"]), &dim("SCOPE", &["c"])]),
    ]);
    let m = one(&nested, RI_UTIL, "$.And[1]", Rule::TooDeep, Severity::Error);
    assert_eq!(
        m,
        "Reserved Instance utilization filters nest only one level deep: move these conditions into the outer And."
    );
}

#[test]
fn ri_utilization_takes_one_service() {
    let two = dim(
        "SERVICE",
        &["Amazon ElastiCache", "Amazon Relational Database Service"],
    );
    let m = one(&two, RI_UTIL, "$", Rule::TooManyValues, Severity::Error);
    assert_eq!(m, "Reserved Instance utilization takes one SERVICE at a time (AWS refuses 2 values): keep one, and look at the others one after another.");
    clean(&dim("SERVICE", &["Amazon ElastiCache"]), RI_UTIL);
    // Only there, and only SERVICE.
    clean(&two, COVERAGE);
    clean(&dim("REGION", &["us-east-1", "eu-west-1"]), RI_UTIL);
}

#[test]
fn the_same_key_twice_is_an_error_in_every_and_only_view() {
    for op in NEW {
        let (a, b) = two_allowed(op);
        one(
            &and(&[&a, &b, &a]),
            op,
            "$.And[2]",
            Rule::DuplicateKey,
            Severity::Error,
        );
    }
}

#[test]
fn instance_family_is_a_documented_name_outside_the_model_enum() {
    assert!(!Dimension::KNOWN.contains(&Dimension::InstanceFamily));
    assert_eq!(Dimension::DOCUMENTED_ONLY, [Dimension::InstanceFamily]);
    assert_eq!(
        Dimension::parse("INSTANCE_FAMILY"),
        Dimension::InstanceFamily
    );
    let text = dim("INSTANCE_FAMILY", &["m5"]);
    assert_eq!(parse_filter(&text).unwrap().to_json(), text);
    // Elsewhere AWS documents no such dimension.
    let m = one(
        &text,
        VALUES,
        "$",
        Rule::UnknownDimension,
        Severity::Warning,
    );
    assert!(
        m.contains("only the Savings Plans coverage documentation names it"),
        "{m}"
    );
    // Its values are looked up under the model's name for the same thing.
    assert_eq!(
        values_dimension(&Dimension::InstanceFamily),
        Dimension::InstanceTypeFamily
    );
    assert_eq!(values_dimension(&Dimension::Region), Dimension::Region);
}

#[test]
fn every_dimension_offered_passes_and_every_other_is_refused() {
    let all: Vec<&Dimension> = Dimension::KNOWN
        .iter()
        .chain(Dimension::DOCUMENTED_ONLY)
        .collect();
    for op in Operation::ALL {
        let offered = dimensions_for(op);
        assert!(!offered.is_empty(), "{op:?}");
        for d in &all {
            let v = check(&Expression::dimension((*d).clone(), ["x"]), op);
            if offered.contains(d) {
                assert!(v.is_empty(), "{op:?} offers {d} but: {v:?}");
            } else if op == VALUES && Dimension::DOCUMENTED_ONLY.contains(d) {
                // A warning: GetDimensionValues' list is open.
                assert_eq!(v[0].rule, Rule::UnknownDimension, "{op:?} {d}: {v:?}");
            } else {
                assert_eq!(v.len(), 1, "{op:?} {d}: {v:?}");
                assert_eq!(
                    (v[0].rule, v[0].severity),
                    (Rule::DimensionNotAllowed, Severity::Error),
                    "{op:?} {d}"
                );
            }
        }
    }
    assert_eq!(dimensions_for(COVERAGE).len(), 11);
    assert_eq!(dimensions_for(RI_UTIL).len(), 11);
    assert_eq!(dimensions_for(SP_COV).len(), 4);
    assert_eq!(dimensions_for(SP_UTIL).len(), 6);
    // GetDimensionValues' own filter: the model's enum but the rule-only dimensions.
    assert_eq!(dimensions_for(VALUES).len(), Dimension::KNOWN.len() - 4);
}

#[test]
fn groupings_and_value_contexts_per_view() {
    for op in NEW {
        assert_eq!(Grouping::allowed_for(op), [Grouping::AllOf], "{op:?}");
    }
    assert_eq!(values_context(COVERAGE), Context::Reservations);
    assert_eq!(values_context(RI_UTIL), Context::Reservations);
    assert_eq!(values_context(SP_COV), Context::SavingsPlans);
    assert_eq!(values_context(SP_UTIL), Context::SavingsPlans);
    assert_eq!(values_context(VALUES), Context::CostAndUsage);
    assert_eq!(view_name(COVERAGE), "reservation coverage");
    assert_eq!(view_name(RI_UTIL), "Reserved Instance utilization");
    assert_eq!(view_name(SP_COV), "Savings Plans coverage");
    assert_eq!(view_name(SP_UTIL), "Savings Plans utilization");
}

fn dimension_row(key: &str, values: &[&str]) -> DraftCondition {
    row(ConditionKind::Dimension, key, values)
}

/// A condition every view accepts.
fn region() -> DraftCondition {
    dimension_row("REGION", &["us-east-1"])
}

#[test]
fn switching_keeps_what_the_new_view_accepts() {
    let d = draft(
        Grouping::AllOf,
        vec![region(), dimension_row("LINKED_ACCOUNT", &["123456789012"])],
    );
    for op in Operation::ALL {
        assert_eq!(keep_valid(&d, op), (d.clone(), vec![]), "{op:?}");
    }
}

#[test]
fn switching_drops_what_the_new_view_refuses_with_the_reason() {
    let d = draft(
        Grouping::AllOf,
        vec![
            region(),
            dimension_row("INSTANCE_TYPE", &["m5.large", "c5.xlarge"]),
            row(ConditionKind::Tag, "team", &["payments"]),
        ],
    );
    let (kept, dropped) = keep_valid(&d, SP_COV);
    assert_eq!(kept, draft(Grouping::AllOf, vec![d.conditions[0].clone()]));
    assert_eq!(
        dropped,
        [
            Dropped {
                condition: "INSTANCE_TYPE is m5.large, c5.xlarge".into(),
                reason: "AWS can't filter Savings Plans coverage by INSTANCE_TYPE: use one of \
                         LINKED_ACCOUNT, REGION, SERVICE, INSTANCE_TYPE_FAMILY or a cost category."
                    .into(),
            },
            Dropped {
                condition: "tag team is payments".into(),
                reason: "AWS can't filter Savings Plans coverage by tags: remove this condition, \
                         or use one of LINKED_ACCOUNT, REGION, SERVICE, INSTANCE_TYPE_FAMILY or a \
                         cost category."
                    .into(),
            },
        ]
    );
    // What is kept passes the new view's checks.
    assert!(check(&kept.to_expression().unwrap(), SP_COV).is_empty());
}

#[test]
fn any_of_several_is_dropped_whole_and_any_of_one_becomes_all_of() {
    let region = region();
    let account = dimension_row("LINKED_ACCOUNT", &["1"]);
    let az = dimension_row("AZ", &["us-east-1a"]);
    let several = draft(Grouping::AnyOf, vec![region.clone(), account.clone(), az]);
    let (kept, dropped) = keep_valid(&several, RI_UTIL);
    assert_eq!(kept, FilterDraft::default());
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert_eq!(dropped[0].condition, "Any of (3 conditions)");
    assert!(
        dropped[0]
            .reason
            .starts_with("Only \"All of\" works in Reserved Instance utilization filters"),
        "{}",
        dropped[0].reason
    );
    // Kept as they are where "Any of" works.
    assert_eq!(keep_valid(&several, VALUES), (several.clone(), vec![]));

    let single = draft(Grouping::AnyOf, vec![region.clone()]);
    assert_eq!(
        keep_valid(&single, SP_UTIL),
        (draft(Grouping::AllOf, vec![region.clone()]), vec![])
    );
    // A refused condition goes first; what is left of the "Any of" is one condition alone.
    let with_tag = draft(
        Grouping::AnyOf,
        vec![row(ConditionKind::Tag, "team", &["a"]), region.clone()],
    );
    let (kept, dropped) = keep_valid(&with_tag, SP_UTIL);
    assert_eq!(kept, draft(Grouping::AllOf, vec![region.clone()]));
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].condition, "tag team is a");
}

#[test]
fn none_of_is_never_turned_into_its_opposite() {
    let region = region();
    let (kept, dropped) = keep_valid(&draft(Grouping::NoneOf, vec![region.clone()]), SP_COV);
    assert_eq!(kept, FilterDraft::default());
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].condition, "None of: REGION is us-east-1");
    assert!(
        dropped[0]
            .reason
            .contains("AWS refuses Not in Savings Plans coverage filters"),
        "{}",
        dropped[0].reason
    );
    // No conditions: nothing to drop, the grouping just becomes one the view offers.
    assert_eq!(
        keep_valid(&draft(Grouping::NoneOf, vec![]), SP_COV),
        (FilterDraft::default(), vec![])
    );
}

#[test]
fn work_in_progress_is_kept_for_the_user_to_finish() {
    let d = draft(
        Grouping::AllOf,
        vec![
            dimension_row("REGION", &[]),
            dimension_row("", &["x"]),
            row(ConditionKind::CostCategory, "", &[]),
            dimension_row("region", &["us-east-1"]),
            // One value too many: the rule's error shows; dropping would lose the typing.
            dimension_row("SERVICE", &["Amazon ElastiCache", "Amazon Redshift"]),
        ],
    );
    // Savings Plans coverage takes cost categories: all of it stays.
    assert_eq!(keep_valid(&d, SP_COV), (d.clone(), vec![]));
    // Reserved Instance utilization takes none: that one goes, however unfinished.
    let (kept_ri, dropped_ri) = keep_valid(&d, RI_UTIL);
    assert_eq!(dropped_ri.len(), 1, "{dropped_ri:?}");
    assert_eq!(
        dropped_ri[0].condition,
        "cost category (no key) (no values)"
    );
    let mut expected = d.clone();
    expected.conditions.remove(2);
    assert_eq!(kept_ri, expected);
    let rules: Vec<Rule> = check(&kept_ri.to_expression().unwrap(), RI_UTIL)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    assert!(rules.contains(&Rule::TooManyValues), "{rules:?}");
    assert!(rules.contains(&Rule::MissingValues), "{rules:?}");
}
