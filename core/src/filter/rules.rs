//! What each Cost Explorer operation accepts, checked before anything is sent.
//!
//! Sources (AWS API Reference, "AWS Billing and Cost Management"; where documents disagree, the
//! service model's documentation strings, botocore 1.44.5 `ce-2017-10-25`, are the truth):
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
//! - GetReservationUtilization, member `GetReservationUtilizationRequest$Filter`
//!   (<https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetReservationUtilization.html>):
//!   "You can filter by the following dimensions: AZ, CACHE_ENGINE, DEPLOYMENT_OPTION,
//!   INSTANCE_TYPE, LINKED_ACCOUNT, OPERATING_SYSTEM, PLATFORM, REGION, SERVICE, SCOPE, TENANCY"
//!   → [`RI_UTILIZATION_DIMENSIONS`]. The list has no TAG and, unlike coverage's, no "Cost
//!   category is also supported", so tags and cost categories are refused (the `RESERVATIONS`
//!   context of `GetDimensionValuesRequest$Context` says the same: "TAG (Coverage only)").
//!   "only AND is supported among each dimension, and nesting is supported up to only one level
//!   deep." For SERVICE: "The value for the SERVICE filter should not exceed "1"" (AWS answers
//!   "The number of values for Service Filter should not exceed 1":
//!   <https://github.com/boto/boto3/issues/2117>) → [`Rule::TooManyValues`]. Its "Supported
//!   values for SERVICE are …" still names "Amazon Elasticsearch Service" (now OpenSearch), so
//!   values are not checked against it: a stale list would refuse good values.
//! - GetSavingsPlansCoverage, member `GetSavingsPlansCoverageRequest$Filter`
//!   (<https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetSavingsPlansCoverage.html>):
//!   "You can filter data for Savings Plans usage with the following dimensions: LINKED_ACCOUNT,
//!   REGION, SERVICE, INSTANCE_FAMILY" → [`SP_COVERAGE_DIMENSIONS`]; "only AND is supported
//!   among each dimension"; "Cost category is also supported." No TAG: tags are refused.
//!   Where the document and the model disagree, the model wins: INSTANCE_FAMILY is not a value
//!   of the model's `Dimension` enum (botocore 1.44.5), which `DimensionValues$Key` is and which
//!   AWS validates requests against ("Member must satisfy enum value set"), so a filter naming it
//!   would be refused; the enum's name for an instance family is INSTANCE_TYPE_FAMILY (the
//!   `SAVINGS_PLANS` context: "INSTANCE_TYPE_FAMILY - The family of instances (For example,
//!   m5)"), which is what this view filters by. INSTANCE_FAMILY stays a `GroupBy` key (a free
//!   string there), which is how the split lists a period's families.
//! - GetSavingsPlansUtilization, member `GetSavingsPlansUtilizationRequest$Filter`
//!   (<https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetSavingsPlansUtilization.html>):
//!   "You can filter data with the following dimensions: LINKED_ACCOUNT, SAVINGS_PLAN_ARN,
//!   SAVINGS_PLANS_TYPE, REGION, PAYMENT_OPTION, INSTANCE_TYPE_FAMILY" →
//!   [`SP_UTILIZATION_DIMENSIONS`]; "only AND is supported among each dimension". No tags, no
//!   cost categories.
//! - Where the value picker looks values up, member `GetDimensionValuesRequest$Context`: "If the
//!   context is set to RESERVATIONS, the resulting dimension values can be used in the
//!   GetReservationUtilization operation", its RESERVATIONS list (AZ, CACHE_ENGINE,
//!   DEPLOYMENT_OPTION, INSTANCE_TYPE, LINKED_ACCOUNT, PLATFORM, REGION, "SCOPE (Utilization
//!   only)", "TAG (Coverage only)", TENANCY) and its SAVINGS_PLANS list (SAVINGS_PLANS_TYPE,
//!   PAYMENT_OPTION, REGION, "INSTANCE_TYPE_FAMILY - The family of instances (For example,
//!   m5)", LINKED_ACCOUNT, SAVINGS_PLAN_ARN) → [`values_context`], [`values_dimension`].
//!
//! Decisions where the documents say nothing: an `And`/`Or` with one child is a warning (the
//! model sets no minimum); the same key twice in one `And` is an error where AWS says "only AND
//! is supported among each dimension" (the reservation and Savings Plans views) and a warning
//! elsewhere (an intersection can be meant there); an unknown dimension is an error where the
//! list is closed (those four views) and a warning elsewhere (it may be newer than this build);
//! an `And` inside the `And` is a warning for the Savings Plans views (their documents give no
//! depth, and it means the same as its conditions in the outer `And`); match options follow
//! GetCostAndUsage's sets in every view (the other pages say nothing; the `Expression` page:
//! "Not all APIs support match options"); INSTANCE_FAMILY in GetDimensionValues' own filter is
//! a warning (documented for Savings Plans coverage only).
//!
//! Every fact per operation stands once, in its `View` (the table below); the checks, the
//! form's helpers ([`dimensions_for`], [`allows_tags`], …) and [`super::views`] read it.

use std::sync::OnceLock;

use super::draft::ConditionKind;
use crate::aws::ce::expression::json::PRODUCT_ATTRIBUTES;
use crate::aws::ce::{Condition, Context, Dimension, Expression, MatchOption};
use crate::suggest;

/// The Cost Explorer operation a filter is meant for (each view of the app calls one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `GetReservationCoverage`: only `And` over conditions, one level deep.
    GetReservationCoverage,
    /// `GetDimensionValues`: any nesting of `And`, `Or` and `Not`.
    GetDimensionValues,
    /// `GetReservationUtilization`: only `And`, one level deep, no tags or cost categories.
    GetReservationUtilization,
    /// `GetSavingsPlansCoverage`: only `And`; cost categories but no tags.
    GetSavingsPlansCoverage,
    /// `GetSavingsPlansUtilization`: only `And`, no tags or cost categories.
    GetSavingsPlansUtilization,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 5] = [
        Operation::GetReservationCoverage,
        Operation::GetDimensionValues,
        Operation::GetReservationUtilization,
        Operation::GetSavingsPlansCoverage,
        Operation::GetSavingsPlansUtilization,
    ];

    /// The facts of this operation's filter (the one place an operation is matched on).
    fn view(self) -> &'static View {
        match self {
            Operation::GetReservationCoverage => &RESERVATION_COVERAGE,
            Operation::GetDimensionValues => &DIMENSION_VALUES,
            Operation::GetReservationUtilization => &RI_UTILIZATION,
            Operation::GetSavingsPlansCoverage => &SP_COVERAGE,
            Operation::GetSavingsPlansUtilization => &SP_UTILIZATION,
        }
    }
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

/// Dimensions GetReservationUtilization can filter by, in the documented order.
pub const RI_UTILIZATION_DIMENSIONS: [Dimension; 11] = [
    Dimension::Az,
    Dimension::CacheEngine,
    Dimension::DeploymentOption,
    Dimension::InstanceType,
    Dimension::LinkedAccount,
    Dimension::OperatingSystem,
    Dimension::Platform,
    Dimension::Region,
    Dimension::Service,
    Dimension::Scope,
    Dimension::Tenancy,
];

/// Dimensions GetSavingsPlansCoverage can filter by, in the documented order (the documented
/// INSTANCE_FAMILY by its enum name, INSTANCE_TYPE_FAMILY: see the module doc).
pub const SP_COVERAGE_DIMENSIONS: [Dimension; 4] = [
    Dimension::LinkedAccount,
    Dimension::Region,
    Dimension::Service,
    Dimension::InstanceTypeFamily,
];

/// Dimensions GetSavingsPlansUtilization can filter by, in the documented order.
pub const SP_UTILIZATION_DIMENSIONS: [Dimension; 6] = [
    Dimension::LinkedAccount,
    Dimension::SavingsPlanArn,
    Dimension::SavingsPlansType,
    Dimension::Region,
    Dimension::PaymentOption,
    Dimension::InstanceTypeFamily,
];

/// Which dimension keys an operation's filter accepts.
enum Dimensions {
    /// Only these: the documented list is closed, anything else is refused.
    Only(&'static [Dimension]),
    /// Every dimension of the model's enum but these (newer names may work too), and the
    /// others, listed once when first asked for.
    AllBut(&'static [Dimension], &'static OnceLock<Vec<Dimension>>),
}

/// What one operation's filter accepts: one row of the table every check and helper reads.
struct View {
    /// The view as users see it, lower case ("reservation coverage").
    name: &'static str,
    /// The dimension keys it accepts.
    dimensions: Dimensions,
    /// Only `And` over conditions: `Or` and `Not` refused.
    only_and: bool,
    /// How an `And` inside the `And` is reported (`None`: nesting is free).
    nested_and: Option<Severity>,
    /// `Tags` conditions accepted.
    tags: bool,
    /// `CostCategories` conditions accepted.
    cost_categories: bool,
    /// Dimensions that take at most one value.
    single_value: &'static [Dimension],
    /// The `GetDimensionValues` context its values come from.
    context: Context,
}

/// What the Reserved Instance views share: one `And` of conditions, one level deep, values
/// from reservation data; no tags or cost categories unless a view says otherwise.
const RESERVED_INSTANCES: View = View {
    name: "",
    dimensions: Dimensions::Only(&[]),
    only_and: true,
    nested_and: Some(Severity::Error),
    tags: false,
    cost_categories: false,
    single_value: &[],
    context: Context::Reservations,
};

/// What the Savings Plans views share: one `And` (no depth documented), Savings Plans data.
const SAVINGS_PLANS: View = View {
    nested_and: Some(Severity::Warning),
    context: Context::SavingsPlans,
    ..RESERVED_INSTANCES
};

static RESERVATION_COVERAGE: View = View {
    name: "reservation coverage",
    dimensions: Dimensions::Only(&COVERAGE_DIMENSIONS),
    tags: true,
    cost_categories: true,
    ..RESERVED_INSTANCES
};

static RI_UTILIZATION: View = View {
    name: "Reserved Instance utilization",
    dimensions: Dimensions::Only(&RI_UTILIZATION_DIMENSIONS),
    single_value: &[Dimension::Service],
    ..RESERVED_INSTANCES
};

static SP_COVERAGE: View = View {
    name: "Savings Plans coverage",
    dimensions: Dimensions::Only(&SP_COVERAGE_DIMENSIONS),
    cost_categories: true,
    ..SAVINGS_PLANS
};

static SP_UTILIZATION: View = View {
    name: "Savings Plans utilization",
    dimensions: Dimensions::Only(&SP_UTILIZATION_DIMENSIONS),
    ..SAVINGS_PLANS
};

static DIMENSION_VALUES: View = View {
    name: "dimension values",
    dimensions: Dimensions::AllBut(
        &[
            Dimension::LinkedAccountName,
            Dimension::ServiceCode,
            Dimension::AnomalyTotalImpactAbsolute,
            Dimension::AnomalyTotalImpactPercentage,
        ],
        &DIMENSION_VALUES_OFFERED,
    ),
    only_and: false,
    nested_and: None,
    tags: true,
    cost_categories: true,
    single_value: &[],
    context: Context::CostAndUsage,
};

static DIMENSION_VALUES_OFFERED: OnceLock<Vec<Dimension>> = OnceLock::new();

impl View {
    /// The dimensions it accepts, in the documented order (the model's for `AllBut`).
    fn offered(&self) -> &'static [Dimension] {
        match self.dimensions {
            Dimensions::Only(list) => list,
            Dimensions::AllBut(refused, offered) => offered.get_or_init(|| {
                Dimension::KNOWN
                    .iter()
                    .filter(|d| !refused.contains(d))
                    .cloned()
                    .collect()
            }),
        }
    }

    fn closed(&self) -> bool {
        matches!(self.dimensions, Dimensions::Only(_))
    }

    fn accepts(&self, kind: ConditionKind) -> bool {
        match kind {
            ConditionKind::Dimension => true,
            ConditionKind::Tag => self.tags,
            ConditionKind::CostCategory => self.cost_categories,
        }
    }

    /// The name at the start of a sentence.
    fn title(&self) -> String {
        let mut chars = self.name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// "AZ, …, TENANCY, a tag or a cost category": what a filter here can use instead of a
    /// refused condition (`except`: the refused kind, not offered back).
    fn alternatives(&self, except: ConditionKind) -> String {
        let mut items: Vec<&str> = self.offered().iter().map(Dimension::as_str).collect();
        for (kind, words) in [
            (ConditionKind::Tag, "a tag"),
            (ConditionKind::CostCategory, "a cost category"),
        ] {
            if kind != except && self.accepts(kind) {
                items.push(words);
            }
        }
        match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => items.join(""),
        }
    }
}

/// The view's name as users see it ("Savings Plans coverage"), for messages.
pub fn view_name(operation: Operation) -> &'static str {
    operation.view().name
}

/// The dimensions the form's key picker offers for `operation`: exactly those [`check`]
/// accepts there.
pub fn dimensions_for(operation: Operation) -> &'static [Dimension] {
    operation.view().offered()
}

/// Whether `operation`'s filter accepts `Tags` conditions.
pub fn allows_tags(operation: Operation) -> bool {
    operation.view().tags
}

/// Whether `operation`'s filter accepts `CostCategories` conditions.
pub fn allows_cost_categories(operation: Operation) -> bool {
    operation.view().cost_categories
}

/// Whether `operation`'s filter is only an `And` of conditions (no `Or`, no `Not`).
pub(crate) fn only_and(operation: Operation) -> bool {
    operation.view().only_and
}

/// The `GetDimensionValues` context the value picker should use for `operation`'s filter:
/// `RESERVATIONS` for the Reserved Instance views, `SAVINGS_PLANS` for the Savings Plans ones,
/// `COST_AND_USAGE` (AWS's default) for GetDimensionValues' own filter.
///
/// The context lists leave gaps (the SAVINGS_PLANS list has no SERVICE, the RESERVATIONS list
/// no OPERATING_SYSTEM or DATABASE_ENGINE); the context still follows the view, whose data the
/// values must match.
pub fn values_context(operation: Operation) -> Context {
    operation.view().context
}

/// The dimension to ask `GetDimensionValues` for when the filter's key is `dimension`.
///
/// INSTANCE_FAMILY is not in the model's enum, which `GetDimensionValuesRequest$Dimension`
/// takes; the SAVINGS_PLANS context's "INSTANCE_TYPE_FAMILY - The family of instances (For
/// example, m5)" is the same thing by its description, so its values are looked up there.
pub fn values_dimension(dimension: &Dimension) -> Dimension {
    match dimension {
        Dimension::InstanceFamily => Dimension::InstanceTypeFamily,
        other => other.clone(),
    }
}

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
    /// A tag or cost category condition where the operation accepts none.
    KindNotAllowed,
    /// More values than the operation accepts for this dimension (SERVICE in Reserved Instance
    /// utilization takes one).
    TooManyValues,
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
        view: operation.view(),
        out: Vec::new(),
    };
    checker.node(expression, "$", 0);
    checker.out
}

struct Checker {
    view: &'static View,
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

    fn node(&mut self, expression: &Expression, path: &str, depth: usize) {
        match expression {
            Expression::And(children) | Expression::Or(children) => {
                self.group(expression, children, path, depth)
            }
            Expression::Not(child) => {
                if self.view.only_and {
                    let message = format!(
                        "AWS refuses Not in {} filters: only And of conditions is supported. \
                         Remove the Not, or list the values you want instead.",
                        self.view.name
                    );
                    self.push(path, Rule::OperatorNotAllowed, Severity::Error, message);
                }
                self.node(child, &format!("{path}.Not"), depth + 1);
            }
            Expression::Dimensions(c) => self.dimension(c, path),
            Expression::Tags(c) => self.named(c, path, ConditionKind::Tag),
            Expression::CostCategories(c) => self.named(c, path, ConditionKind::CostCategory),
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
        if self.view.only_and {
            if name == "Or" {
                let message = format!(
                    "AWS refuses Or in {} filters: only And of conditions is supported. To match \
                     any of several values, put them all in one condition (values are OR'd).",
                    self.view.name
                );
                self.push(path, Rule::OperatorNotAllowed, Severity::Error, message);
            } else if let Some(severity) = self.view.nested_and.filter(|_| depth > 0) {
                let message = match severity {
                    Severity::Error => format!(
                        "{} filters nest only one level deep: move these conditions into the \
                         outer And.",
                        self.view.title()
                    ),
                    Severity::Warning => format!(
                        "AWS documents {} filters as one And of conditions, without nesting: \
                         this And means the same as its conditions in the outer And, so move \
                         them there.",
                        self.view.name
                    ),
                };
                self.push(path, Rule::TooDeep, severity, message);
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
    /// usually an attempt at OR; AWS documents the reservation and Savings Plans views as
    /// "only AND among each dimension".
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
                let severity = if self.view.only_and {
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
            Some(Dimension::Unknown(text)) if text == "TAG" && self.view.tags => {
                let message = "TAG is not a dimension Key: use a Tags condition with the tag key \
                               as its Key, e.g. {\"Tags\": {\"Key\": \"team\", \"Values\": [\"a\"]}}."
                    .to_string();
                self.push(path, Rule::UnknownDimension, Severity::Error, message);
            }
            Some(Dimension::Unknown(text)) => {
                let known = Dimension::KNOWN
                    .iter()
                    .chain(Dimension::DOCUMENTED_ONLY)
                    .map(|d| d.as_str());
                let message = format!(
                    "\"{text}\" is not a Cost Explorer dimension{}.",
                    suggest::hint(text, known)
                );
                // Unknown text may be a dimension newer than this build; a closed list surely
                // refuses it.
                let severity = if self.view.closed() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                self.push(path, Rule::UnknownDimension, severity, message);
            }
            Some(known) => self.allowed_dimension(known, c, path),
        }
        self.values(c, path);
        let allowed = [MatchOption::Equals, MatchOption::CaseSensitive];
        self.match_options(c, path, "Dimensions", &allowed);
    }

    fn allowed_dimension(&mut self, dimension: &Dimension, c: &Condition<Dimension>, path: &str) {
        let view = self.view;
        match &view.dimensions {
            Dimensions::Only(list)
                if Dimension::DOCUMENTED_ONLY.contains(dimension)
                    && list.contains(&Dimension::InstanceTypeFamily) =>
            {
                let message = format!(
                    "AWS's documentation lists {dimension} for {} filters, but its service \
                     model has no such dimension, so AWS refuses it: use INSTANCE_TYPE_FAMILY \
                     (the family of instances, for example m5).",
                    view.name
                );
                self.push(path, Rule::DimensionNotAllowed, Severity::Error, message);
            }
            Dimensions::Only(list) if !list.contains(dimension) => {
                let message = format!(
                    "AWS can't filter {} by {dimension}: use one of {}.",
                    view.name,
                    view.alternatives(ConditionKind::Dimension)
                );
                self.push(path, Rule::DimensionNotAllowed, Severity::Error, message);
            }
            Dimensions::AllBut(refused, _) if refused.contains(dimension) => {
                let message = format!(
                    "AWS accepts {dimension} only in cost category rules or anomaly \
                     subscriptions, not in this filter: choose another dimension."
                );
                self.push(path, Rule::DimensionNotAllowed, Severity::Error, message);
            }
            Dimensions::AllBut(..) if Dimension::DOCUMENTED_ONLY.contains(dimension) => {
                let message = format!(
                    "{dimension} is not in Cost Explorer's service model (only the Savings Plans \
                     coverage documentation names it), so AWS may refuse it: use \
                     INSTANCE_TYPE_FAMILY for an instance family."
                );
                self.push(path, Rule::UnknownDimension, Severity::Warning, message);
            }
            _ => {}
        }
        let count = c.values.as_deref().map_or(0, <[String]>::len);
        if view.single_value.contains(dimension) && count > 1 {
            let message = format!(
                "{} takes one {dimension} at a time (AWS refuses {count} values): keep one, \
                 and look at the others one after another.",
                view.title()
            );
            self.push(path, Rule::TooManyValues, Severity::Error, message);
        }
    }

    fn named(&mut self, c: &Condition<String>, path: &str, kind: ConditionKind) {
        let (what, json, plural) = match kind {
            ConditionKind::CostCategory => {
                ("cost category name", "CostCategories", "cost categories")
            }
            _ => ("tag key", "Tags", "tags"),
        };
        let view = self.view;
        if !view.accepts(kind) {
            // One message for the node: its key and values don't matter where it can't stand.
            let message = format!(
                "AWS can't filter {} by {plural}: remove this condition, or use one of {}.",
                view.name,
                view.alternatives(kind)
            );
            self.push(path, Rule::KindNotAllowed, Severity::Error, message);
            return;
        }
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
        if kind == ConditionKind::CostCategory {
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
        self.match_options(c, path, json, &allowed);
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
