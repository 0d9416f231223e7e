#![cfg(not(target_arch = "wasm32"))]
//! The form state converts to and from the tree, and says which trees it can't show.

use lens_core::filter::{
    check, parse_filter, ConditionKind, DraftCondition, Expression, FilterDraft, Grouping,
    MatchOption, Operation,
};

#[path = "support/filter.rs"]
mod support;
use support::{draft, row};

fn rows() -> Vec<DraftCondition> {
    vec![
        row(
            ConditionKind::Dimension,
            "REGION",
            &["us-east-1", "eu-west-1"],
        ),
        row(ConditionKind::Tag, "team", &["payments"]),
        DraftCondition {
            match_options: vec![MatchOption::Absent],
            ..row(ConditionKind::CostCategory, "Env", &[])
        },
    ]
}

#[test]
fn each_grouping_makes_the_expected_json() {
    let json = |g| draft(g, rows()).to_expression().unwrap().to_json();
    let leaves = r#"{"Dimensions":{"Key":"REGION","Values":["us-east-1","eu-west-1"]}},{"Tags":{"Key":"team","Values":["payments"]}},{"CostCategories":{"Key":"Env","MatchOptions":["ABSENT"]}}"#;
    assert_eq!(json(Grouping::AllOf), format!(r#"{{"And":[{leaves}]}}"#));
    assert_eq!(json(Grouping::AnyOf), format!(r#"{{"Or":[{leaves}]}}"#));
    assert_eq!(
        json(Grouping::NoneOf),
        format!(r#"{{"Not":{{"Or":[{leaves}]}}}}"#)
    );
}

#[test]
fn single_and_empty_forms() {
    assert_eq!(draft(Grouping::AllOf, vec![]).to_expression(), None);
    let one = vec![row(ConditionKind::Tag, "team", &["a"])];
    assert_eq!(
        draft(Grouping::AnyOf, one.clone()).to_expression(),
        Some(Expression::tag("team", ["a"]))
    );
    assert_eq!(
        draft(Grouping::NoneOf, one).to_expression(),
        Some(Expression::Not(Box::new(Expression::tag("team", ["a"]))))
    );
}

#[test]
fn draft_to_tree_to_draft_is_identity() {
    for grouping in [Grouping::AllOf, Grouping::AnyOf, Grouping::NoneOf] {
        for n in 1..=3 {
            let d = draft(grouping, rows()[..n].to_vec());
            let back = FilterDraft::from_expression(&d.to_expression().unwrap()).unwrap();
            let expected_grouping = if n == 1 && grouping == Grouping::AnyOf {
                Grouping::AllOf
            } else {
                grouping
            };
            assert_eq!(
                back,
                FilterDraft {
                    grouping: expected_grouping,
                    ..d
                },
                "{grouping:?} {n}"
            );
        }
    }
}

#[test]
fn representable_trees_round_trip_exactly() {
    for text in [
        r#"{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}}"#,
        r#"{"And":[{"Dimensions":{"Key":"INSTANCE_TYPE","Values":["t2.nano"]}},{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}}]}"#,
        r#"{"Or":[{"Tags":{"Key":"a","Values":["b"]}},{"CostCategories":{"Key":"c","Values":["d"],"MatchOptions":["EQUALS"]}}]}"#,
        r#"{"Not":{"Dimensions":{"Key":"USAGE_TYPE","Values":["DataTransfer"]}}}"#,
        r#"{"Not":{"Or":[{"Tags":{"Key":"a","Values":["b"]}},{"Tags":{"Key":"c","MatchOptions":["ABSENT"]}}]}}"#,
    ] {
        let tree = parse_filter(text).unwrap();
        let d = FilterDraft::from_expression(&tree).unwrap();
        assert_eq!(d.to_expression().unwrap(), tree, "{text}");
    }
}

#[test]
fn trees_beyond_the_form_say_which_node() {
    let compound = r#"{"And":[{"Or":[{"Tags":{"Key":"a","Values":["b"]}},{"Tags":{"Key":"c","Values":["d"]}}]},{"Not":{"Tags":{"Key":"e","Values":["f"]}}}]}"#;
    let err = FilterDraft::from_expression(&parse_filter(compound).unwrap()).unwrap_err();
    assert_eq!(err.path, "$.And[0]");
    assert!(err.to_string().contains("Or inside a group"), "{err}");
    assert!(
        err.to_string().ends_with("Edit it as JSON instead."),
        "{err}"
    );
    let not_and = r#"{"Not":{"And":[{"Tags":{"Key":"a","Values":["b"]}},{"Tags":{"Key":"c","Values":["d"]}}]}}"#;
    let err = FilterDraft::from_expression(&parse_filter(not_and).unwrap()).unwrap_err();
    assert_eq!(err.path, "$.Not");
    assert!(err.reason.contains("not on And"), "{err}");
}

#[test]
fn rule_paths_match_form_rows() {
    let mut d = draft(Grouping::AllOf, rows());
    d.conditions[1].values.clear();
    let violations = check(
        &d.to_expression().unwrap(),
        Operation::GetReservationCoverage,
    );
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].path, d.condition_path(1));
    let single = draft(Grouping::NoneOf, vec![row(ConditionKind::Tag, "", &["x"])]);
    let violations = check(
        &single.to_expression().unwrap(),
        Operation::GetDimensionValues,
    );
    assert_eq!(violations[0].path, single.condition_path(0));
}

#[test]
fn coverage_offers_only_all_of() {
    for op in [
        Operation::GetReservationCoverage,
        Operation::GetReservationUtilization,
        Operation::GetSavingsPlansCoverage,
        Operation::GetSavingsPlansUtilization,
    ] {
        assert_eq!(Grouping::allowed_for(op), [Grouping::AllOf], "{op:?}");
    }
    assert_eq!(
        Grouping::allowed_for(Operation::GetDimensionValues).len(),
        3
    );
    assert_eq!(Grouping::NoneOf.label(), "None of");
}

#[test]
fn violations_find_their_condition() {
    let two = FilterDraft {
        grouping: Grouping::AllOf,
        conditions: vec![DraftCondition::default(), DraftCondition::default()],
    };
    assert_eq!(two.condition_of("$.And[1]"), Some(1));
    assert_eq!(two.condition_of("$.And[1].Dimensions.Values"), Some(1));
    assert_eq!(two.condition_of("$.And[10]"), None);
    assert_eq!(two.condition_of("$"), None);
    let one = FilterDraft {
        grouping: Grouping::NoneOf,
        conditions: vec![DraftCondition::default()],
    };
    assert_eq!(one.condition_of("$.Not.Tags"), Some(0));
    assert_eq!(one.condition_of("$"), None);
}

#[test]
fn a_condition_in_words() {
    let [region, tag, absent] = rows().try_into().unwrap();
    assert_eq!(region.describe(), "REGION is us-east-1, eu-west-1");
    assert_eq!(tag.describe(), "tag team is payments");
    assert_eq!(absent.describe(), "cost category Env is absent");
    assert_eq!(DraftCondition::default().describe(), "(no key) (no values)");
    assert_eq!(tag.to_expression(), Expression::tag("team", ["payments"]));
}
