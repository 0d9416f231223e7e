//! What each Cost Explorer operation accepts, checked before anything is sent.
//!
//! Sources (AWS API Reference, "AWS Billing and Cost Management"):
//! - GetReservationCoverage (`/work/shared/reference/004_*.txt`, and
//!   <https://docs.aws.amazon.com/cli/v1/reference/ce/get-reservation-coverage.html>):
//!   "only AND is supported among each dimension. You can nest only one level deep. If there
//!   are multiple values for a dimension, they are OR'd together." and "If you don't provide a
//!   SERVICE filter, Cost Explorer defaults to EC2." The current CLI page adds "This supports
//!   dimensions, Cost Categories, and nested expressions", so `CostCategories` is allowed.
//! - Match options per kind, from GetCostAndUsage's `Filter`
//!   (<https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html>):
//!   "Valid values for MatchOptions for Dimensions are EQUALS and CASE_SENSITIVE. Valid values
//!   for MatchOptions for CostCategories and Tags are EQUALS, ABSENT, and CASE_SENSITIVE."
//!   The coverage page says nothing about match options, so we apply the same sets there.
//! - `ABSENT` needs no values, and for Tags/CostCategories no key ("If Values and Key aren't
//!   specified, the ABSENT MatchOption is applied to all tags"):
//!   <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_TagValues.html>,
//!   <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryValues.html>.
//! - `DimensionValues.Key`: "LINKED_ACCOUNT_NAME and SERVICE_CODE can only be used in
//!   CostCategoryRule. ANOMALY_TOTAL_IMPACT_ABSOLUTE and ANOMALY_TOTAL_IMPACT_PERCENTAGE can only
//!   be used in AnomalySubscriptions."
//!   (<https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_DimensionValues.html>)
//!
//! Decisions where the documents say nothing: an `And`/`Or` with one child is a warning (the
//! model sets no minimum); the same key twice in one `And` is an error for coverage and a
//! warning elsewhere (an intersection can be meant there); an unknown dimension is an error for
//! coverage (closed list) and a warning elsewhere (it may be newer than this build).

use crate::aws::ce::expression::json::PRODUCT_ATTRIBUTES;
use crate::aws::ce::{Condition, Dimension, Expression, MatchOption};
use crate::suggest;

/// The Cost Explorer operation a filter is meant for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `GetReservationCoverage`: only `And` over conditions, one level deep.
    GetReservationCoverage,
    /// `GetDimensionValues`: any nesting of `And`, `Or` and `Not`.
    GetDimensionValues,
}

/// Dimensions GetReservationCoverage can filter by (its list also has `TAG`: the `Tags` leaf).
pub const COVERAGE_DIMENSIONS: [Dimension; 11] = [
    Dimension::Az,
    Dimension::CacheEngine,
    Dimension::DatabaseEngine,
    Dimension::DeploymentOption,
    Dimension::InstanceType,
    Dimension::LinkedAccount,
    Dimension::OperatingSystem,
    Dimension::Platform,
    Dimension::Region,
    Dimension::Service,
    Dimension::Tenancy,
];

/// What the coverage page should say when the filter names no service.
pub const NO_SERVICE_NOTE: &str =
    "No SERVICE filter: Cost Explorer shows Amazon EC2 coverage only. Add a SERVICE condition \
     to see Amazon RDS, ElastiCache, Redshift or OpenSearch reservations.";

/// How serious a violation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// AWS would refuse the request, or the filter cannot mean what was intended.
    Error,
    /// AWS accepts it, but it is probably not what the user meant.
    Warning,
}

/// Which rule a violation breaks (stable names for tests and UI styling).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `Or`/`Not` where the operation refuses them.
    OperatorNotAllowed,
    /// An `And` nested deeper than the operation allows.
    TooDeep,
    /// `And`/`Or` with no children, or an empty `MatchOptions` list.
    EmptyList,
    /// `And`/`Or` with a single child (works, but is the child alone).
    SingleChild,
    /// A condition without a key.
    MissingKey,
    /// A dimension name this build does not know.
    UnknownDimension,
    /// A known dimension the operation does not accept.
    DimensionNotAllowed,
    /// A condition without values (and without `ABSENT`).
    MissingValues,
    /// Values given together with `ABSENT`, which ignores them.
    ValuesIgnored,
    /// A match option this kind of condition does not accept.
    MatchOptionNotAllowed,
    /// The same key twice among the conditions of one `And`.
    DuplicateKey,
    /// Text the model's pattern or length limits refuse (cost category names and values).
    BadText,
}

/// One problem with a filter, tied to the node it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// JSON path of the node (`$`, `$.And[2]`), to show the message next to that condition.
    pub path: String,
    /// What is wrong and what to do, in plain words.
    pub message: String,
    /// The rule broken.
    pub rule: Rule,
    /// Error (blocks sending) or warning.
    pub severity: Severity,
}

/// Whether any violation blocks sending the request.
pub fn has_errors(violations: &[Violation]) -> bool {
    violations.iter().any(|v| v.severity == Severity::Error)
}

/// Whether GetReservationCoverage will look at Amazon EC2 only: no `SERVICE` dimension
/// anywhere in the filter (the UI shows [`NO_SERVICE_NOTE`] then).
pub fn implies_ec2_only(expression: &Expression) -> bool {
    match expression {
        Expression::And(children) | Expression::Or(children) => {
            children.iter().all(implies_ec2_only)
        }
        Expression::Not(child) => implies_ec2_only(child),
        Expression::Dimensions(c) => c.key != Some(Dimension::Service),
        Expression::Tags(_) | Expression::CostCategories(_) | Expression::ProductAttributes(_) => {
            true
        }
    }
}

/// The note for the coverage page: [`NO_SERVICE_NOTE`] unless the filter names a service
/// (`None`: no filter at all, which also means EC2 only).
pub fn coverage_note(filter: Option<&Expression>) -> Option<&'static str> {
    filter
        .is_none_or(implies_ec2_only)
        .then_some(NO_SERVICE_NOTE)
}

/// Checks `expression` against what `operation` accepts; empty when it is fine.
pub fn check(expression: &Expression, operation: Operation) -> Vec<Violation> {
    let mut checker = Checker {
        operation,
        out: Vec::new(),
    };
    checker.node(expression, "$", 0);
    checker.out
}

struct Checker {
    operation: Operation,
    out: Vec<Violation>,
}

impl Checker {
    fn push(&mut self, path: &str, rule: Rule, severity: Severity, message: String) {
        self.out.push(Violation {
            path: path.to_string(),
            message,
            rule,
            severity,
        });
    }

    fn coverage(&self) -> bool {
        self.operation == Operation::GetReservationCoverage
    }

    fn node(&mut self, expression: &Expression, path: &str, depth: usize) {
        match expression {
            Expression::And(children) | Expression::Or(children) => {
                self.group(expression, children, path, depth)
            }
            Expression::Not(child) => {
                if self.coverage() {
                    self.push(
                        path,
                        Rule::OperatorNotAllowed,
                        Severity::Error,
                        "AWS refuses Not in reservation coverage filters: only And of conditions \
                         is supported. Remove the Not, or list the values you want instead."
                            .into(),
                    );
                }
                self.node(child, &format!("{path}.Not"), depth + 1);
            }
            Expression::Dimensions(c) => self.dimension(c, path),
            Expression::Tags(c) => self.named(c, path, "tag key"),
            Expression::CostCategories(c) => self.named(c, path, "cost category name"),
            // The import refuses it (with the same words); a tree built otherwise is caught here.
            Expression::ProductAttributes(_) => self.push(
                path,
                Rule::OperatorNotAllowed,
                Severity::Error,
                PRODUCT_ATTRIBUTES.into(),
            ),
        }
    }

    fn group(
        &mut self,
        expression: &Expression,
        children: &[Expression],
        path: &str,
        depth: usize,
    ) {
        let name = expression.operator_name();
        if self.coverage() {
            if name == "Or" {
                let message = "AWS refuses Or in reservation coverage filters: only And of \
                               conditions is supported. To match any of several values, put them \
                               all in one condition (values are OR'd)."
                    .to_string();
                self.push(path, Rule::OperatorNotAllowed, Severity::Error, message);
            } else if depth > 0 {
                let message = "Reservation coverage filters nest only one level deep: move these \
                               conditions into the outer And."
                    .to_string();
                self.push(path, Rule::TooDeep, Severity::Error, message);
            }
        }
        match children.len() {
            0 => {
                let message = format!("{name} has no conditions: add at least two, or remove it.");
                self.push(path, Rule::EmptyList, Severity::Error, message);
            }
            // AWS's model sets no minimum, so one child is accepted; it is just noise.
            1 => {
                let message = format!(
                    "{name} with a single condition is the same as that condition alone: \
                     remove the {name} or add another condition."
                );
                self.push(path, Rule::SingleChild, Severity::Warning, message);
            }
            _ => {}
        }
        if name == "And" {
            self.duplicates(children, path);
        }
        for (i, child) in children.iter().enumerate() {
            self.node(child, &format!("{path}.{name}[{i}]"), depth + 1);
        }
    }

    /// The same key twice in one `And` means "in both value lists at once", which is
    /// usually an attempt at OR; AWS documents coverage as "only AND among each dimension".
    fn duplicates(&mut self, children: &[Expression], path: &str) {
        let mut seen: Vec<(String, String, usize)> = Vec::new();
        for (i, child) in children.iter().enumerate() {
            let id = match child {
                Expression::Dimensions(c) => c.key.as_ref().map(|k| ("dimension", k.to_string())),
                Expression::Tags(c) => c.key.clone().map(|k| ("tag", k)),
                Expression::CostCategories(c) => c.key.clone().map(|k| ("cost category", k)),
                _ => None,
            };
            let Some((kind, key)) = id else { continue };
            if let Some((_, _, first)) = seen.iter().find(|(k, n, _)| k == kind && *n == key) {
                let severity = if self.coverage() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let message = format!(
                    "The {kind} {key} is already used in {path}.And[{first}]: both must match at \
                     once. To match either, put all the values in one condition."
                );
                self.push(
                    &format!("{path}.And[{i}]"),
                    Rule::DuplicateKey,
                    severity,
                    message,
                );
            } else {
                seen.push((kind.to_string(), key, i));
            }
        }
    }

    fn dimension(&mut self, c: &Condition<Dimension>, path: &str) {
        match &c.key {
            None => self.missing_key(path, "Choose a dimension (Key), for example REGION."),
            Some(Dimension::Unknown(text)) if text.trim().is_empty() => {
                self.missing_key(path, "Choose a dimension (Key), for example REGION.")
            }
            // The coverage doc lists TAG among its dimensions, but in JSON it is a Tags leaf.
            Some(Dimension::Unknown(text)) if text == "TAG" => {
                let message = "TAG is not a dimension Key: use a Tags condition with the tag key \
                               as its Key, e.g. {\"Tags\": {\"Key\": \"team\", \"Values\": [\"a\"]}}."
                    .to_string();
                self.push(path, Rule::UnknownDimension, Severity::Error, message);
            }
            Some(Dimension::Unknown(text)) => {
                let known = Dimension::KNOWN.iter().map(|d| d.as_str());
                let message = format!(
                    "\"{text}\" is not a Cost Explorer dimension{}.",
                    suggest::hint(text, known)
                );
                // Unknown text may be a dimension newer than this build; coverage's list is
                // closed, so there it is surely refused.
                let severity = if self.coverage() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                self.push(path, Rule::UnknownDimension, severity, message);
            }
            Some(known) => self.allowed_dimension(known, path),
        }
        self.values(c, path);
        let allowed = [MatchOption::Equals, MatchOption::CaseSensitive];
        self.match_options(c, path, "Dimensions", &allowed);
    }

    fn allowed_dimension(&mut self, dimension: &Dimension, path: &str) {
        let refused = match self.operation {
            Operation::GetReservationCoverage => !COVERAGE_DIMENSIONS.contains(dimension),
            Operation::GetDimensionValues => matches!(
                dimension,
                Dimension::LinkedAccountName
                    | Dimension::ServiceCode
                    | Dimension::AnomalyTotalImpactAbsolute
                    | Dimension::AnomalyTotalImpactPercentage
            ),
        };
        if refused {
            let message = if self.coverage() {
                let names: Vec<&str> = COVERAGE_DIMENSIONS.iter().map(Dimension::as_str).collect();
                format!(
                    "AWS can't filter reservation coverage by {dimension}: use one of {}, or a tag.",
                    names.join(", ")
                )
            } else {
                format!(
                    "AWS accepts {dimension} only in cost category rules or anomaly \
                     subscriptions, not in this filter: choose another dimension."
                )
            };
            self.push(path, Rule::DimensionNotAllowed, Severity::Error, message);
        }
    }

    fn named(&mut self, c: &Condition<String>, path: &str, what: &str) {
        let blank = c.key.as_deref().is_none_or(|k| k.trim().is_empty());
        if blank && !c.is_absent_match() {
            self.missing_key(path, &format!("Enter a {what} (Key)."));
        }
        self.values(c, path);
        let allowed = [
            MatchOption::Equals,
            MatchOption::Absent,
            MatchOption::CaseSensitive,
        ];
        let kind = if what == "tag key" {
            "Tags"
        } else {
            "CostCategories"
        };
        if kind == "CostCategories" {
            let texts = c
                .key
                .iter()
                .map(|k| ("name", k))
                .chain(c.values.iter().flatten().map(|v| ("value", v)));
            for (which, text) in texts {
                if let Some(why) = cost_category_text_problem(text) {
                    let message = format!("The cost category {which} \"{text}\" {why}");
                    self.push(path, Rule::BadText, Severity::Error, message);
                }
            }
        }
        self.match_options(c, path, kind, &allowed);
    }

    fn missing_key(&mut self, path: &str, message: &str) {
        self.push(path, Rule::MissingKey, Severity::Error, message.into());
    }

    fn values<K>(&mut self, c: &Condition<K>, path: &str) {
        let empty = c.values.as_deref().is_none_or(<[String]>::is_empty);
        if c.is_absent_match() {
            if !empty {
                let message = "ABSENT matches where the key is missing, so these values are \
                               ignored: remove them or remove ABSENT."
                    .to_string();
                self.push(path, Rule::ValuesIgnored, Severity::Warning, message);
            }
        } else if empty {
            let message = "Add at least one value (several values match any of them).".to_string();
            self.push(path, Rule::MissingValues, Severity::Error, message);
        }
    }

    fn match_options<K>(
        &mut self,
        c: &Condition<K>,
        path: &str,
        kind: &str,
        allowed: &[MatchOption],
    ) {
        let Some(options) = &c.match_options else {
            return;
        };
        if options.is_empty() {
            let message = "MatchOptions is empty: remove it (AWS then uses EQUALS and \
                           CASE_SENSITIVE)."
                .to_string();
            self.push(path, Rule::EmptyList, Severity::Warning, message);
        }
        for option in options.iter().filter(|o| !allowed.contains(o)) {
            let names: Vec<&str> = allowed.iter().map(|o| o.as_str()).collect();
            let message = format!(
                "{kind} filters accept only {} as match options, not {option}: remove it.",
                names.join(", ")
            );
            self.push(path, Rule::MatchOptionNotAllowed, Severity::Error, message);
        }
    }
}

/// What the model's `CostCategoryName`/`CostCategoryValue` rules (1–50 characters, pattern
/// `^(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )$`) say about `text`, if anything.
pub fn cost_category_text_problem(text: &str) -> Option<&'static str> {
    let chars = text.chars().count();
    if chars == 0 || chars > 50 {
        return Some("must be 1 to 50 characters long.");
    }
    if text.starts_with(' ') || text.ends_with(' ') {
        return Some("must not start or end with a space.");
    }
    let allowed = |c: char| c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '_';
    (!text.chars().all(allowed))
        .then_some("may hold only letters, digits, spaces, \"-\" and \"_\".")
}
