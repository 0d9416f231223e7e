#![cfg(not(target_arch = "wasm32"))]
//! JSON in and out: AWS's documented examples round-trip exactly; bad input is reported with
//! JSON paths.

use lens_core::filter::{
    parse_filter, Condition, Dimension, Expression, ImportError, ImportProblem, MatchOption,
};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/filter/aws");

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
    let wrapper: Value = serde_json::from_str(&text).unwrap();
    assert!(
        wrapper["source"].as_str().unwrap().contains("amazon"),
        "{name} names its source"
    );
    wrapper["expression"].clone()
}

fn problems(text: &str) -> Vec<ImportProblem> {
    match parse_filter(text) {
        Err(ImportError::Invalid(p)) => p,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn has(problems: &[ImportProblem], path: &str, words: &str) -> bool {
    problems
        .iter()
        .any(|p| p.path == path && p.message.contains(words))
}

#[test]
fn documented_examples_round_trip_exactly() {
    for name in [
        "expression_simple_region.json",
        "expression_match_options.json",
        "expression_compound.json",
        "freetier_expression_match_options.json",
        "coverage_004_example.json",
    ] {
        let original = fixture(name);
        let parsed = parse_filter(&original.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            parsed.to_json_value(),
            original,
            "{name}: parse → serialize"
        );
        assert_eq!(
            parse_filter(&parsed.to_json()).unwrap(),
            parsed,
            "{name}: compact"
        );
        assert_eq!(
            parse_filter(&parsed.to_json_pretty()).unwrap(),
            parsed,
            "{name}: pretty"
        );
    }
}

#[test]
fn compound_example_builds_the_expected_tree() {
    let parsed = parse_filter(&fixture("expression_compound.json").to_string()).unwrap();
    let expected = Expression::And(vec![
        Expression::Or(vec![
            Expression::dimension(Dimension::Region, ["us-east-1", "us-west-1"]),
            Expression::tag("TagName", ["Value1"]),
        ]),
        Expression::Not(Box::new(Expression::dimension(
            Dimension::UsageType,
            ["DataTransfer"],
        ))),
    ]);
    assert_eq!(parsed, expected);
}

#[test]
fn output_is_aws_shaped_with_members_in_documented_order() {
    let filter = Expression::And(vec![
        Expression::dimension(Dimension::Region, ["us-east-1"]),
        Expression::Tags(
            Condition::new("team".to_string(), ["a"]).with_match_options([MatchOption::Absent]),
        ),
        Expression::cost_category("Env", ["prod"]),
    ]);
    assert_eq!(
        filter.to_json(),
        r#"{"And":[{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}},{"Tags":{"Key":"team","Values":["a"],"MatchOptions":["ABSENT"]}},{"CostCategories":{"Key":"Env","Values":["prod"]}}]}"#
    );
    assert!(filter.to_json_pretty().contains("\n  \"And\": [\n"));
}

#[test]
fn absent_and_empty_members_are_kept_apart() {
    for text in [
        r#"{"Tags":{"Key":"team","MatchOptions":["ABSENT"]}}"#,
        r#"{"Tags":{"Key":"team","Values":[],"MatchOptions":["ABSENT"]}}"#,
        r#"{"Tags":{"MatchOptions":["ABSENT"]}}"#,
        r#"{"Dimensions":{"Key":"REGION","Values":["x"],"MatchOptions":[]}}"#,
        r#"{"And":[]}"#,
    ] {
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parse_filter(text).unwrap().to_json_value(), value, "{text}");
    }
}

#[test]
fn every_dimension_round_trips_and_unknown_text_is_kept() {
    assert_eq!(Dimension::KNOWN.len(), 36);
    for d in Dimension::KNOWN {
        assert_eq!(&Dimension::parse(d.as_str()), d);
    }
    let text = r#"{"Dimensions":{"Key":"FUTURE_DIMENSION","Values":["x"]}}"#;
    let parsed = parse_filter(text).unwrap();
    let Expression::Dimensions(c) = &parsed else {
        panic!()
    };
    assert_eq!(c.key, Some(Dimension::Unknown("FUTURE_DIMENSION".into())));
    assert_eq!(parsed.to_json(), text);
}

#[test]
fn malformed_json_gives_line_and_column() {
    let verbatim =
        std::fs::read_to_string(format!("{FIXTURES}/coverage_004_verbatim.txt")).unwrap();
    match parse_filter(&verbatim) {
        Err(ImportError::Syntax { line, column, .. }) => {
            assert_eq!(line, 1);
            // The reader stops at the "{" where a "}" was expected, after the first condition.
            assert_eq!(&verbatim[column - 1..column], "{");
            assert!(column > 70, "column {column}");
        }
        other => panic!("expected Syntax, got {other:?}"),
    }
    let err = parse_filter("{\n  \"And\": [\n    {\"Tags\": }\n  ]\n}").unwrap_err();
    assert!(
        matches!(err, ImportError::Syntax { line: 3, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("line 3, column"), "{err}");
    assert!(err.to_string().contains("missing or extra brace"), "{err}");
    assert_eq!(parse_filter("  \n").unwrap_err(), ImportError::Empty);
    let one = parse_filter(r#"{"Or":1}"#).unwrap_err().to_string();
    assert!(one.starts_with("The filter has 1 problem: $.Or: "), "{one}");
}

#[test]
fn wrong_types_point_to_their_paths() {
    let p = problems(
        r#"{"And":[{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}},
                   {"Dimensions":{"Key":"AZ","Values":"us-east-1a"}},
                   {"Tags":{"Key":7,"Values":["a", 123456789012]}}]}"#,
    );
    assert!(
        has(
            &p,
            "$.And[1].Dimensions.Values",
            "expected a list of strings"
        ),
        "{p:?}"
    );
    assert!(
        has(&p, "$.And[1].Dimensions.Values", r#"write ["us-east-1a"]"#),
        "{p:?}"
    );
    assert!(
        has(&p, "$.And[2].Tags.Key", "expected a string, found a number"),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "$.And[2].Tags.Values[1]",
            "write \"123456789012\" in quotes"
        ),
        "{p:?}"
    );
    assert_eq!(p.len(), 3);
    let p = problems(r#"{"Or":{"Tags":{}}}"#);
    assert!(
        has(
            &p,
            "$.Or",
            "expected a list of expressions, found an object"
        ),
        "{p:?}"
    );
    let p = problems(r#"{"And":["REGION"]}"#);
    assert!(has(&p, "$.And[0]", "expected an object"), "{p:?}");
    let p = problems(r#"{"Not":{"Dimensions":[]}}"#);
    assert!(
        has(
            &p,
            "$.Not.Dimensions",
            "expected an object with Key and Values"
        ),
        "{p:?}"
    );
}

#[test]
fn a_node_needs_exactly_one_operator() {
    let p = problems(&fixture("expression_two_operators_error.json").to_string());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(has(&p, "$", "exactly one of And, Or, Not, Dimensions, Tags, CostCategories (found 2: And, Dimensions)"), "{p:?}");
    let p = problems(r#"{"Or":[{"Tags":{"Key":"a","Values":["b"]},"Not":{"Tags":{}}}]}"#);
    assert!(has(&p, "$.Or[0]", "(found 2: Not, Tags)"), "{p:?}");
    let p = problems(r#"{"And":[{}]}"#);
    assert!(has(&p, "$.And[0]", "(found none)"), "{p:?}");
}

#[test]
fn unknown_members_suggest_the_right_name() {
    let p = problems(r#"{"and":[{"Dimension":{"Key":"REGION","Value":["x"]}}]}"#);
    assert!(
        has(&p, "$.and", "unknown member \"and\" (did you mean And?)"),
        "{p:?}"
    );
    let p = problems(r#"{"Dimensions":{"Key":"REGION","Value":["x"]}}"#);
    assert!(
        has(&p, "$.Dimensions.Value", "(did you mean Values?)"),
        "{p:?}"
    );
    let p = problems(r#"{"DimensionValues":{"Dimension":"USAGE_TYPE"}}"#);
    assert!(
        has(&p, "$.DimensionValues", "(did you mean Dimensions?)"),
        "{p:?}"
    );
    let p = problems(r#"{"Filter":{}}"#);
    assert!(
        p[0].message
            .starts_with("unknown member \"Filter\"; a node has one of"),
        "{p:?}"
    );
    let p = problems(r#"{"Tags":{"Key":"a","Values":["b"],"MatchOptions":["STARTSWITH"]}}"#);
    assert!(
        has(&p, "$.Tags.MatchOptions[0]", "(did you mean STARTS_WITH?)"),
        "{p:?}"
    );
    let p = problems(r#"{"And":[{"Tags":{"Key":"a","Values":["b"]}}], "weird key":1}"#);
    assert!(has(&p, r#"$["weird key"]"#, "unknown member"), "{p:?}");
    let p = problems(r#"{"ProductAttributes":{"Key":"a","Values":["b"]}}"#);
    assert!(
        has(
            &p,
            "$.ProductAttributes",
            "not supported by Reservation Lens"
        ),
        "{p:?}"
    );
}

#[test]
fn import_error_text_lists_every_problem() {
    let err = parse_filter(r#"{"And":[{"Tags":{"Key":1}},{"Or":2}]}"#).unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("The filter has 2 problems: "), "{text}");
    assert!(
        text.contains("$.And[0].Tags.Key: expected a string"),
        "{text}"
    );
    assert!(
        text.contains("$.And[1].Or: expected a list of expressions"),
        "{text}"
    );
}

/// One type for the builder and the wire: what the model allows reads back through
/// `Deserialize` (ProductAttributes included), while the import and the rules refuse what
/// Reservation Lens must not send.
#[test]
fn the_wire_reader_is_the_import_reader_with_the_whole_model() {
    use lens_core::aws::ce::GetReservationCoverageInput;
    use lens_core::filter::{check, Operation, Rule, Severity};
    let text = r#"{"And":[{"ProductAttributes":{"Key":"instanceType","Values":["m5.large"]}},{"Tags":{"Key":"team","Values":["a"]}}]}"#;
    let wire: Expression = serde_json::from_str(text).unwrap();
    let Expression::And(children) = &wire else {
        panic!("{wire:?}")
    };
    assert_eq!(
        children[0],
        Expression::ProductAttributes(Condition::new("instanceType".to_string(), ["m5.large"]))
    );
    assert_eq!(
        serde_json::to_value(&wire).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    // The import refuses it where it is…
    assert!(has(
        &problems(text),
        "$.And[0].ProductAttributes",
        "not supported by Reservation Lens"
    ));
    // …and the rules catch a tree built another way, for both operations.
    for operation in [
        Operation::GetReservationCoverage,
        Operation::GetDimensionValues,
    ] {
        let found = check(&wire, operation);
        assert!(
            found.iter().any(|v| v.path == "$.And[0]"
                && v.rule == Rule::OperatorNotAllowed
                && v.severity == Severity::Error),
            "{found:?}"
        );
    }
    // The model requires a product attribute's Key.
    let err = serde_json::from_str::<Expression>(r#"{"ProductAttributes":{"Values":["x"]}}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("$.ProductAttributes: expected a Key"), "{err}");
    // A node with two operators is not an Expression, and says where.
    let err = serde_json::from_str::<GetReservationCoverageInput>(
        r#"{"TimePeriod":{"Start":"2026-01-01","End":"2026-02-01"},"Filter":{"Tags":{"Key":"a","Values":["b"]},"Not":{"Tags":{"Key":"a","Values":["c"]}}}}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("exactly one of"), "{err}");
}
