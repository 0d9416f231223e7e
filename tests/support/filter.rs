//! Helpers shared by the filter tests (`tests/filter_*.rs`): check a filter's JSON against an
//! operation, and build form rows.

// Each test binary includes this file and uses only some of it.
#![allow(dead_code)]

use lens_core::filter::{
    check, parse_filter, ConditionKind, DraftCondition, FilterDraft, Grouping, Operation, Rule,
    Severity, Violation,
};

/// The violations of the filter `text` for `op`.
pub fn run(text: &str, op: Operation) -> Vec<Violation> {
    check(&parse_filter(text).unwrap(), op)
}

/// Asserts the filter `text` is fine for `op`.
pub fn clean(text: &str, op: Operation) {
    let v = run(text, op);
    assert!(v.is_empty(), "{text} for {op:?}: {v:?}");
}

/// Asserts exactly one violation, at `path`, breaking `rule` with `severity`; returns its message.
pub fn one(text: &str, op: Operation, path: &str, rule: Rule, severity: Severity) -> String {
    let v = run(text, op);
    assert_eq!(v.len(), 1, "{text} for {op:?}: {v:?}");
    assert_eq!(
        (v[0].path.as_str(), v[0].rule, v[0].severity),
        (path, rule, severity),
        "{v:?}"
    );
    v[0].message.clone()
}

/// One form row matching any of `values`.
pub fn row(kind: ConditionKind, key: &str, values: &[&str]) -> DraftCondition {
    DraftCondition {
        kind,
        key: key.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
        match_options: Vec::new(),
    }
}

/// The form with these rows.
pub fn draft(grouping: Grouping, conditions: Vec<DraftCondition>) -> FilterDraft {
    FilterDraft {
        grouping,
        conditions,
    }
}
