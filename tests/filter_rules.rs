#![cfg(not(target_arch = "wasm32"))]
//! Every rule with a passing and a failing case, per operation.

use lens_core::filter::{
    check, coverage_note, has_errors, implies_ec2_only, parse_filter, Operation, Rule, Severity,
    NO_SERVICE_NOTE,
};

#[path = "support/filter.rs"]
mod support;
use support::{clean, one, run};

const COVERAGE: Operation = Operation::GetReservationCoverage;
const VALUES: Operation = Operation::GetDimensionValues;

const REGION: &str = r#"{"Dimensions":{"Key":"REGION","Values":["us-east-1","us-west-2"]}}"#;
const TYPE: &str = r#"{"Dimensions":{"Key":"INSTANCE_TYPE","Values":["m5.large"]}}"#;
const TAG: &str = r#"{"Tags":{"Key":"team","Values":["payments"]}}"#;
const CATEGORY: &str = r#"{"CostCategories":{"Key":"Env","Values":["prod"]}}"#;

fn and(children: &[&str]) -> String {
    format!(r#"{{"And":[{}]}}"#, children.join(","))
}

#[test]
fn coverage_accepts_a_leaf_or_one_and_of_leaves() {
    clean(REGION, COVERAGE);
    clean(&and(&[REGION, TYPE, TAG, CATEGORY]), COVERAGE);
    let doc = r#"{"And":[{"Dimensions":{"Key":"INSTANCE_TYPE","Values":["t2.nano"]}},{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}}]}"#;
    clean(doc, COVERAGE);
}

#[test]
fn coverage_refuses_or_and_not() {
    let or = format!(r#"{{"Or":[{REGION},{TYPE}]}}"#);
    let m = one(
        &or,
        COVERAGE,
        "$",
        Rule::OperatorNotAllowed,
        Severity::Error,
    );
    assert!(m.contains("AWS refuses Or in reservation coverage"), "{m}");
    clean(&or, VALUES);
    let not = format!(r#"{{"Not":{TAG}}}"#);
    let m = one(
        &not,
        COVERAGE,
        "$",
        Rule::OperatorNotAllowed,
        Severity::Error,
    );
    assert!(m.contains("AWS refuses Not"), "{m}");
    clean(&not, VALUES);
    let nested_not = and(&[REGION, &not]);
    one(
        &nested_not,
        COVERAGE,
        "$.And[1]",
        Rule::OperatorNotAllowed,
        Severity::Error,
    );
    clean(&nested_not, VALUES);
}

#[test]
fn coverage_nests_only_one_level() {
    let nested = and(&[REGION, &and(&[TYPE, TAG])]);
    let m = one(
        &nested,
        COVERAGE,
        "$.And[1]",
        Rule::TooDeep,
        Severity::Error,
    );
    assert!(m.contains("one level deep"), "{m}");
    clean(&nested, VALUES);
}

#[test]
fn coverage_dimensions_are_limited_to_the_documented_list() {
    for key in [
        "AZ",
        "CACHE_ENGINE",
        "DATABASE_ENGINE",
        "DEPLOYMENT_OPTION",
        "INSTANCE_TYPE",
        "LINKED_ACCOUNT",
        "OPERATING_SYSTEM",
        "PLATFORM",
        "REGION",
        "SERVICE",
        "TENANCY",
    ] {
        clean(
            &format!(r#"{{"Dimensions":{{"Key":"{key}","Values":["x"]}}}}"#),
            COVERAGE,
        );
    }
    let usage = r#"{"Dimensions":{"Key":"USAGE_TYPE","Values":["BoxUsage"]}}"#;
    let m = one(
        usage,
        COVERAGE,
        "$",
        Rule::DimensionNotAllowed,
        Severity::Error,
    );
    assert!(
        m.contains("can't filter reservation coverage by USAGE_TYPE"),
        "{m}"
    );
    clean(usage, VALUES);
}

#[test]
fn dimension_values_refuses_rule_only_dimensions() {
    let name = r#"{"Dimensions":{"Key":"LINKED_ACCOUNT_NAME","Values":["a"]}}"#;
    let m = one(
        name,
        VALUES,
        "$",
        Rule::DimensionNotAllowed,
        Severity::Error,
    );
    assert!(
        m.contains("only in cost category rules or anomaly subscriptions"),
        "{m}"
    );
    let anomaly = r#"{"Dimensions":{"Key":"ANOMALY_TOTAL_IMPACT_ABSOLUTE","Values":["100"]}}"#;
    one(
        anomaly,
        VALUES,
        "$",
        Rule::DimensionNotAllowed,
        Severity::Error,
    );
    clean(
        r#"{"Dimensions":{"Key":"USAGE_TYPE_GROUP","Values":["x"]}}"#,
        VALUES,
    );
}

#[test]
fn unknown_dimensions_are_named_with_a_suggestion() {
    let lower = r#"{"Dimensions":{"Key":"region","Values":["us-east-1"]}}"#;
    let m = one(
        lower,
        COVERAGE,
        "$",
        Rule::UnknownDimension,
        Severity::Error,
    );
    assert_eq!(
        m,
        "\"region\" is not a Cost Explorer dimension (did you mean REGION?)."
    );
    one(
        lower,
        VALUES,
        "$",
        Rule::UnknownDimension,
        Severity::Warning,
    );
}

#[test]
fn and_and_or_need_children() {
    let m = one(
        r#"{"And":[]}"#,
        VALUES,
        "$",
        Rule::EmptyList,
        Severity::Error,
    );
    assert!(m.contains("And has no conditions"), "{m}");
    one(
        r#"{"Or":[]}"#,
        VALUES,
        "$",
        Rule::EmptyList,
        Severity::Error,
    );
    // Decision: one child is a warning (AWS's model sets no minimum; it is the child alone).
    let single = and(&[REGION]);
    let m = one(&single, COVERAGE, "$", Rule::SingleChild, Severity::Warning);
    assert!(m.contains("same as that condition alone"), "{m}");
    assert!(!has_errors(&run(&single, COVERAGE)));
    clean(&and(&[REGION, TYPE]), COVERAGE);
}

#[test]
fn keys_are_required_unless_absent() {
    let m = one(
        r#"{"Dimensions":{"Values":["x"]}}"#,
        VALUES,
        "$",
        Rule::MissingKey,
        Severity::Error,
    );
    assert!(m.contains("Choose a dimension"), "{m}");
    one(
        r#"{"Dimensions":{"Key":"","Values":["x"]}}"#,
        VALUES,
        "$",
        Rule::MissingKey,
        Severity::Error,
    );
    let m = one(
        r#"{"Tags":{"Key":" ","Values":["x"]}}"#,
        VALUES,
        "$",
        Rule::MissingKey,
        Severity::Error,
    );
    assert_eq!(m, "Enter a tag key (Key).");
    one(
        r#"{"CostCategories":{"Values":["x"]}}"#,
        VALUES,
        "$",
        Rule::MissingKey,
        Severity::Error,
    );
    // "If Values and Key aren't specified, the ABSENT MatchOption is applied to all tags."
    clean(r#"{"Tags":{"MatchOptions":["ABSENT"]}}"#, VALUES);
    clean(
        r#"{"CostCategories":{"MatchOptions":["ABSENT"]}}"#,
        COVERAGE,
    );
}

#[test]
fn values_are_required_unless_absent() {
    let m = one(
        r#"{"Tags":{"Key":"team"}}"#,
        COVERAGE,
        "$",
        Rule::MissingValues,
        Severity::Error,
    );
    assert!(m.contains("Add at least one value"), "{m}");
    one(
        r#"{"Dimensions":{"Key":"REGION","Values":[]}}"#,
        VALUES,
        "$",
        Rule::MissingValues,
        Severity::Error,
    );
    clean(
        r#"{"Tags":{"Key":"team","MatchOptions":["ABSENT"]}}"#,
        COVERAGE,
    );
    let m = one(
        r#"{"Tags":{"Key":"team","Values":["a"],"MatchOptions":["ABSENT"]}}"#,
        VALUES,
        "$",
        Rule::ValuesIgnored,
        Severity::Warning,
    );
    assert!(m.contains("values are ignored"), "{m}");
}

#[test]
fn match_options_depend_on_the_kind_of_condition() {
    clean(
        r#"{"Dimensions":{"Key":"REGION","Values":["x"],"MatchOptions":["EQUALS","CASE_SENSITIVE"]}}"#,
        VALUES,
    );
    clean(
        r#"{"Tags":{"Key":"t","Values":["x"],"MatchOptions":["EQUALS","CASE_SENSITIVE"]}}"#,
        COVERAGE,
    );
    let starts =
        r#"{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["a"],"MatchOptions":["STARTS_WITH"]}}"#;
    let m = one(
        starts,
        VALUES,
        "$",
        Rule::MatchOptionNotAllowed,
        Severity::Error,
    );
    assert_eq!(m, "Dimensions filters accept only EQUALS, CASE_SENSITIVE as match options, not STARTS_WITH: remove it.");
    let absent_dim = r#"{"Dimensions":{"Key":"REGION","MatchOptions":["ABSENT"]}}"#;
    one(
        absent_dim,
        VALUES,
        "$",
        Rule::MatchOptionNotAllowed,
        Severity::Error,
    );
    let contains = r#"{"CostCategories":{"Key":"Env","Values":["p"],"MatchOptions":["CONTAINS"]}}"#;
    let m = one(
        contains,
        COVERAGE,
        "$",
        Rule::MatchOptionNotAllowed,
        Severity::Error,
    );
    assert!(
        m.starts_with("CostCategories filters accept only EQUALS, ABSENT, CASE_SENSITIVE"),
        "{m}"
    );
    let empty = r#"{"Tags":{"Key":"t","Values":["x"],"MatchOptions":[]}}"#;
    one(empty, VALUES, "$", Rule::EmptyList, Severity::Warning);
}

#[test]
fn the_same_key_twice_in_one_and_is_flagged() {
    let region2 = r#"{"Dimensions":{"Key":"REGION","Values":["eu-west-1"]}}"#;
    let twice = and(&[REGION, TYPE, region2]);
    let m = one(
        &twice,
        COVERAGE,
        "$.And[2]",
        Rule::DuplicateKey,
        Severity::Error,
    );
    assert!(m.contains("REGION is already used in $.And[0]"), "{m}");
    assert!(m.contains("put all the values in one condition"), "{m}");
    one(
        &twice,
        VALUES,
        "$.And[2]",
        Rule::DuplicateKey,
        Severity::Warning,
    );
    // The same name as a tag and as a dimension is not a duplicate; neither is it under Or.
    clean(
        &and(&[TAG, r#"{"CostCategories":{"Key":"team","Values":["x"]}}"#]),
        COVERAGE,
    );
    clean(&format!(r#"{{"Or":[{REGION},{region2}]}}"#), VALUES);
}

#[test]
fn several_violations_each_keep_their_node() {
    let text = and(&[
        r#"{"Dimensions":{"Key":"USAGE_TYPE","Values":["x"]}}"#,
        r#"{"Tags":{"Key":"team"}}"#,
        &format!(r#"{{"Or":[{REGION},{TYPE}]}}"#),
    ]);
    let v = run(&text, COVERAGE);
    let at: Vec<(&str, Rule)> = v.iter().map(|v| (v.path.as_str(), v.rule)).collect();
    assert_eq!(
        at,
        [
            ("$.And[0]", Rule::DimensionNotAllowed),
            ("$.And[1]", Rule::MissingValues),
            // One message per node: a nested Or is refused as an Or, not also as too deep.
            ("$.And[2]", Rule::OperatorNotAllowed),
        ]
    );
    assert!(has_errors(&v));
}

#[test]
fn general_expressions_pass_for_dimension_values() {
    let compound = r#"{ "And": [ {"Or": [ {"Dimensions": { "Key": "REGION", "Values": [ "us-east-1", "us-west-1" ] }}, {"Tags": { "Key": "TagName", "Values": ["Value1"] } } ]}, {"Not": {"Dimensions": { "Key": "USAGE_TYPE", "Values": ["DataTransfer"] }}} ] }"#;
    clean(compound, VALUES);
    assert!(has_errors(&run(compound, COVERAGE)));
}

#[test]
fn no_service_filter_means_ec2_only() {
    assert!(implies_ec2_only(
        &parse_filter(&and(&[REGION, TAG])).unwrap()
    ));
    let rds = r#"{"Dimensions":{"Key":"SERVICE","Values":["Amazon Relational Database Service"]}}"#;
    assert!(!implies_ec2_only(
        &parse_filter(&and(&[REGION, rds])).unwrap()
    ));
    assert!(!implies_ec2_only(&parse_filter(rds).unwrap()));
    assert!(NO_SERVICE_NOTE.contains("Amazon EC2"));
    assert_eq!(coverage_note(None), Some(NO_SERVICE_NOTE));
    assert_eq!(
        coverage_note(Some(&parse_filter(TAG).unwrap())),
        Some(NO_SERVICE_NOTE)
    );
    assert_eq!(coverage_note(Some(&parse_filter(rds).unwrap())), None);
}

#[test]
fn cost_category_names_and_values_follow_the_model_pattern() {
    use lens_core::filter::rules::cost_category_text_problem;
    assert_eq!(cost_category_text_problem("Data team"), None);
    assert_eq!(cost_category_text_problem("Équipe-1_x"), None);
    assert!(cost_category_text_problem(" lead").is_some());
    assert!(cost_category_text_problem("a$b").is_some());
    assert!(cost_category_text_problem(&"x".repeat(51)).is_some());
    use lens_core::filter::{Condition, Expression};
    let bad = Expression::CostCategories(Condition::new("Team!".to_string(), ["ok"]));
    let v = check(&bad, Operation::GetReservationCoverage);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].rule, Rule::BadText);
    assert_eq!(
        v[0].message,
        "The cost category name \"Team!\" may hold only letters, digits, spaces, \"-\" and \"_\"."
    );
}
