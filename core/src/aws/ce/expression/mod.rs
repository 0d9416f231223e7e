//! Cost Explorer's `Expression` (filters): the one type the filter builder, its rules and the
//! requests share. A tree with exactly one operator per node, as AWS requires; JSON out exactly
//! as AWS writes it, and in through [`json`] (every problem with its path).
//!
//! Shapes follow the service model (botocore 1.44.5, `ce-2017-10-25`): every member of
//! `DimensionValues`, `TagValues` and `CostCategoryValues` is optional on the wire, so the tree
//! keeps "absent" apart from "empty" (`Option<Vec<_>>`). That is what makes
//! parse → serialize give back the same JSON value.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, SerializeMap, Serializer};

pub mod json;

/// Declares `Dimension` from the model's enum list, so the list is written once, and from the
/// few names AWS's documentation lists for a filter that the model's enum lacks.
macro_rules! dimensions {
    (
        model: { $($variant:ident => $wire:literal),+ $(,)? }
        documented: { $($(#[$doc:meta])+ $dvariant:ident => $dwire:literal),+ $(,)? }
    ) => {
        /// A Cost Explorer dimension (`Dimension` enum in the service model, plus the names in
        /// [`Dimension::DOCUMENTED_ONLY`]).
        ///
        /// `Unknown` keeps text AWS may accept that this build does not know yet (the model
        /// grows), so an imported filter is never silently changed.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Dimension {
            $(
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )+
            $(
                $(#[$doc])+
                $dvariant,
            )+
            /// Any other text, kept exactly as written.
            Unknown(String),
        }

        impl Dimension {
            /// Every known dimension, in the model's order.
            pub const KNOWN: &'static [Dimension] = &[$(Dimension::$variant),+];

            /// Names an operation's documentation lists for its filter that the model's enum
            /// lacks (so not in [`Dimension::KNOWN`]).
            pub const DOCUMENTED_ONLY: &'static [Dimension] = &[$(Dimension::$dvariant),+];

            /// The dimension from its wire name; anything else becomes `Unknown` (exact text).
            pub fn parse(text: &str) -> Dimension {
                match text {
                    $($wire => Dimension::$variant,)+
                    $($dwire => Dimension::$dvariant,)+
                    other => Dimension::Unknown(other.to_string()),
                }
            }

            /// The wire name (for `Unknown`, the text as written).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Dimension::$variant => $wire,)+
                    $(Dimension::$dvariant => $dwire,)+
                    Dimension::Unknown(text) => text,
                }
            }
        }
    };
}

dimensions! {
    model: {
        Az => "AZ",
        InstanceType => "INSTANCE_TYPE",
        LinkedAccount => "LINKED_ACCOUNT",
        PayerAccount => "PAYER_ACCOUNT",
        LinkedAccountName => "LINKED_ACCOUNT_NAME",
        Operation => "OPERATION",
        PurchaseType => "PURCHASE_TYPE",
        Region => "REGION",
        Service => "SERVICE",
        ServiceCode => "SERVICE_CODE",
        UsageType => "USAGE_TYPE",
        UsageTypeGroup => "USAGE_TYPE_GROUP",
        RecordType => "RECORD_TYPE",
        OperatingSystem => "OPERATING_SYSTEM",
        Tenancy => "TENANCY",
        Scope => "SCOPE",
        Platform => "PLATFORM",
        SubscriptionId => "SUBSCRIPTION_ID",
        LegalEntityName => "LEGAL_ENTITY_NAME",
        DeploymentOption => "DEPLOYMENT_OPTION",
        DatabaseEngine => "DATABASE_ENGINE",
        CacheEngine => "CACHE_ENGINE",
        InstanceTypeFamily => "INSTANCE_TYPE_FAMILY",
        BillingEntity => "BILLING_ENTITY",
        ReservationId => "RESERVATION_ID",
        ResourceId => "RESOURCE_ID",
        RightsizingType => "RIGHTSIZING_TYPE",
        SavingsPlansType => "SAVINGS_PLANS_TYPE",
        SavingsPlanArn => "SAVINGS_PLAN_ARN",
        PaymentOption => "PAYMENT_OPTION",
        AgreementEndDateTimeAfter => "AGREEMENT_END_DATE_TIME_AFTER",
        AgreementEndDateTimeBefore => "AGREEMENT_END_DATE_TIME_BEFORE",
        InvoicingEntity => "INVOICING_ENTITY",
        AnomalyTotalImpactAbsolute => "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
        AnomalyTotalImpactPercentage => "ANOMALY_TOTAL_IMPACT_PERCENTAGE",
        ProductAttribute => "PRODUCT_ATTRIBUTE",
    }
    documented: {
        /// `INSTANCE_FAMILY`: not in the model's `Dimension` enum (botocore 1.44.5), but
        /// `GetSavingsPlansCoverageRequest$Filter` lists it: "You can filter data for Savings
        /// Plans usage with the following dimensions: LINKED_ACCOUNT, REGION, SERVICE,
        /// INSTANCE_FAMILY" (its `GroupBy` too: "You can group the data using the attributes
        /// INSTANCE_FAMILY, REGION, or SERVICE").
        InstanceFamily => "INSTANCE_FAMILY",
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Dimension {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Dimension::parse(&text))
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How values are compared (`MatchOption` enum in the service model). No unknown escape:
/// an option AWS would not recognise is an import error, not something to carry along.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchOption {
    /// `EQUALS` (the default, with `CASE_SENSITIVE`).
    Equals,
    /// `ABSENT`: the key is missing (values are not needed).
    Absent,
    /// `STARTS_WITH`
    StartsWith,
    /// `ENDS_WITH`
    EndsWith,
    /// `CONTAINS`
    Contains,
    /// `CASE_SENSITIVE`
    CaseSensitive,
    /// `CASE_INSENSITIVE`
    CaseInsensitive,
    /// `GREATER_THAN_OR_EQUAL`
    GreaterThanOrEqual,
}

impl MatchOption {
    /// Every option, in the model's order.
    pub const ALL: [MatchOption; 8] = [
        MatchOption::Equals,
        MatchOption::Absent,
        MatchOption::StartsWith,
        MatchOption::EndsWith,
        MatchOption::Contains,
        MatchOption::CaseSensitive,
        MatchOption::CaseInsensitive,
        MatchOption::GreaterThanOrEqual,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchOption::Equals => "EQUALS",
            MatchOption::Absent => "ABSENT",
            MatchOption::StartsWith => "STARTS_WITH",
            MatchOption::EndsWith => "ENDS_WITH",
            MatchOption::Contains => "CONTAINS",
            MatchOption::CaseSensitive => "CASE_SENSITIVE",
            MatchOption::CaseInsensitive => "CASE_INSENSITIVE",
            MatchOption::GreaterThanOrEqual => "GREATER_THAN_OR_EQUAL",
        }
    }

    /// The option from its exact wire name.
    pub fn parse(text: &str) -> Option<MatchOption> {
        MatchOption::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

impl std::fmt::Display for MatchOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A condition on one key: the body of `Dimensions`, `Tags`, `CostCategories` or
/// `ProductAttributes`.
///
/// `K` is [`Dimension`] for dimensions and `String` for tag keys, cost category names and
/// product attributes.
/// `None` means the member is absent from the JSON; `Some(vec![])` means an empty list was
/// written (which the rules report).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Condition<K> {
    /// `Key`
    pub key: Option<K>,
    /// `Values`: OR'd together by AWS.
    pub values: Option<Vec<String>>,
    /// `MatchOptions`: written only when set.
    pub match_options: Option<Vec<MatchOption>>,
}

impl<K> Condition<K> {
    /// A condition matching any of `values` exactly (no match options written).
    pub fn new(key: K, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Condition {
            key: Some(key),
            values: Some(values.into_iter().map(Into::into).collect()),
            match_options: None,
        }
    }

    /// The same condition with these match options.
    pub fn with_match_options(mut self, options: impl IntoIterator<Item = MatchOption>) -> Self {
        self.match_options = Some(options.into_iter().collect());
        self
    }

    /// Whether `ABSENT` is among the match options (values are then not needed).
    pub fn is_absent_match(&self) -> bool {
        self.match_options
            .as_deref()
            .is_some_and(|o| o.contains(&MatchOption::Absent))
    }
}

/// A Cost Explorer filter: exactly one operator per node, as AWS requires.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expression {
    /// `And`: every child must match.
    And(Vec<Expression>),
    /// `Or`: any child may match.
    Or(Vec<Expression>),
    /// `Not`: the child must not match.
    Not(Box<Expression>),
    /// `Dimensions`
    Dimensions(Condition<Dimension>),
    /// `Tags` (cost allocation tags)
    Tags(Condition<String>),
    /// `CostCategories`
    CostCategories(Condition<String>),
    /// `ProductAttributes` (in the model since 2025; the model requires its `Key`). The
    /// operations Reservation Lens calls document no such filter, so the import refuses it and
    /// the rules report it; the type carries it so that every model-valid filter has a value.
    ProductAttributes(Condition<String>),
}

impl Expression {
    /// A `Dimensions` leaf matching any of `values`.
    pub fn dimension(key: Dimension, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Expression::Dimensions(Condition::new(key, values))
    }

    /// A `Tags` leaf matching any of `values`.
    pub fn tag(key: &str, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Expression::Tags(Condition::new(key.to_string(), values))
    }

    /// A `CostCategories` leaf matching any of `values`.
    pub fn cost_category(name: &str, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Expression::CostCategories(Condition::new(name.to_string(), values))
    }

    /// The JSON member name of this node's operator (`"And"`, `"Dimensions"`, …).
    pub fn operator_name(&self) -> &'static str {
        match self {
            Expression::And(_) => "And",
            Expression::Or(_) => "Or",
            Expression::Not(_) => "Not",
            Expression::Dimensions(_) => "Dimensions",
            Expression::Tags(_) => "Tags",
            Expression::CostCategories(_) => "CostCategories",
            Expression::ProductAttributes(_) => "ProductAttributes",
        }
    }

    /// Whether this node is a condition rather than `And`/`Or`/`Not`.
    pub fn is_leaf(&self) -> bool {
        !matches!(
            self,
            Expression::And(_) | Expression::Or(_) | Expression::Not(_)
        )
    }

    /// The JSON value AWS expects.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self)
            .unwrap_or_else(|_| unreachable!("an Expression always serializes"))
    }

    /// Compact JSON, members in AWS's documented order (`Key`, `Values`, `MatchOptions`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| unreachable!("an Expression always serializes"))
    }

    /// Indented JSON for reading and pasting into the console.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|_| unreachable!("an Expression always serializes"))
    }
}

impl Serialize for Expression {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Expression::And(children) => map.serialize_entry("And", children)?,
            Expression::Or(children) => map.serialize_entry("Or", children)?,
            Expression::Not(child) => map.serialize_entry("Not", child)?,
            Expression::Dimensions(c) => {
                map.serialize_entry("Dimensions", &Wire(c, Dimension::as_str))?
            }
            Expression::Tags(c) => map.serialize_entry("Tags", &Wire(c, String::as_str))?,
            Expression::CostCategories(c) => {
                map.serialize_entry("CostCategories", &Wire(c, String::as_str))?
            }
            Expression::ProductAttributes(c) => {
                map.serialize_entry("ProductAttributes", &Wire(c, String::as_str))?
            }
        }
        map.end()
    }
}

/// Reads any filter the service model allows, `ProductAttributes` included, with the same
/// reader as the import ([`json::wire_expression`]); its problems become one error.
impl<'de> Deserialize<'de> for Expression {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        json::wire_expression(&value).map_err(|problems| {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            D::Error::custom(text.join("; "))
        })
    }
}

/// A condition with the function that turns its key into wire text.
struct Wire<'a, K, F>(&'a Condition<K>, F);

impl<K, F: Fn(&K) -> &str> Serialize for Wire<'_, K, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Wire(c, key_text) = self;
        let mut map = serializer.serialize_map(None)?;
        if let Some(key) = &c.key {
            map.serialize_entry("Key", key_text(key))?;
        }
        if let Some(values) = &c.values {
            map.serialize_entry("Values", values)?;
        }
        if let Some(options) = &c.match_options {
            let names: Vec<&str> = options.iter().map(|o| o.as_str()).collect();
            map.serialize_entry("MatchOptions", &names)?;
        }
        map.end()
    }
}
