//! Cost Explorer's `Expression` (filters) as a plain serde type: the wire shape only. Which
//! combinations each operation accepts is the business of `crate::filter`.

use serde::{Deserialize, Serialize};

/// A filter expression. Set exactly one member per node (AWS's rule, not checked here).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Expression {
    /// Any of these.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub or: Option<Vec<Expression>>,
    /// All of these.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub and: Option<Vec<Expression>>,
    /// Not this.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub not: Option<Box<Expression>>,
    /// A dimension matching values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dimensions: Option<DimensionValues>,
    /// A tag matching values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tags: Option<TagValues>,
    /// A cost category matching values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cost_categories: Option<CostCategoryValues>,
    /// A product attribute matching values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub product_attributes: Option<ProductAttributeValues>,
}

/// `DimensionValues`: a dimension and the values it may take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DimensionValues {
    /// The dimension.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key: Option<Dimension>,
    /// The values (OR'd).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub values: Option<Vec<String>>,
    /// How values match.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub match_options: Option<Vec<MatchOption>>,
}

/// `TagValues`: a tag key and the values it may take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagValues {
    /// The tag key.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key: Option<String>,
    /// The values (OR'd).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub values: Option<Vec<String>>,
    /// How values match.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub match_options: Option<Vec<MatchOption>>,
}

/// `CostCategoryValues`: a cost category and the values it may take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CostCategoryValues {
    /// The cost category name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key: Option<String>,
    /// The values (OR'd).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub values: Option<Vec<String>>,
    /// How values match.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub match_options: Option<Vec<MatchOption>>,
}

/// `ProductAttributeValues`: a product attribute and the values it may take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProductAttributeValues {
    /// The attribute name. Required by the API.
    pub key: String,
    /// The values (OR'd).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub values: Option<Vec<String>>,
    /// How values match.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub match_options: Option<Vec<MatchOption>>,
}

/// How filter values match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum MatchOption {
    Equals,
    Absent,
    StartsWith,
    EndsWith,
    Contains,
    CaseSensitive,
    CaseInsensitive,
    GreaterThanOrEqual,
}

/// Cost Explorer dimensions (the model's `Dimension` enum, botocore 1.44.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum Dimension {
    Az,
    InstanceType,
    LinkedAccount,
    PayerAccount,
    LinkedAccountName,
    Operation,
    PurchaseType,
    Region,
    Service,
    ServiceCode,
    UsageType,
    UsageTypeGroup,
    RecordType,
    OperatingSystem,
    Tenancy,
    Scope,
    Platform,
    SubscriptionId,
    LegalEntityName,
    DeploymentOption,
    DatabaseEngine,
    CacheEngine,
    InstanceTypeFamily,
    BillingEntity,
    ReservationId,
    ResourceId,
    RightsizingType,
    SavingsPlansType,
    SavingsPlanArn,
    PaymentOption,
    AgreementEndDateTimeAfter,
    AgreementEndDateTimeBefore,
    InvoicingEntity,
    AnomalyTotalImpactAbsolute,
    AnomalyTotalImpactPercentage,
    ProductAttribute,
}

impl Dimension {
    /// Every dimension, in the model's order.
    pub const ALL: [Dimension; 36] = [
        Dimension::Az,
        Dimension::InstanceType,
        Dimension::LinkedAccount,
        Dimension::PayerAccount,
        Dimension::LinkedAccountName,
        Dimension::Operation,
        Dimension::PurchaseType,
        Dimension::Region,
        Dimension::Service,
        Dimension::ServiceCode,
        Dimension::UsageType,
        Dimension::UsageTypeGroup,
        Dimension::RecordType,
        Dimension::OperatingSystem,
        Dimension::Tenancy,
        Dimension::Scope,
        Dimension::Platform,
        Dimension::SubscriptionId,
        Dimension::LegalEntityName,
        Dimension::DeploymentOption,
        Dimension::DatabaseEngine,
        Dimension::CacheEngine,
        Dimension::InstanceTypeFamily,
        Dimension::BillingEntity,
        Dimension::ReservationId,
        Dimension::ResourceId,
        Dimension::RightsizingType,
        Dimension::SavingsPlansType,
        Dimension::SavingsPlanArn,
        Dimension::PaymentOption,
        Dimension::AgreementEndDateTimeAfter,
        Dimension::AgreementEndDateTimeBefore,
        Dimension::InvoicingEntity,
        Dimension::AnomalyTotalImpactAbsolute,
        Dimension::AnomalyTotalImpactPercentage,
        Dimension::ProductAttribute,
    ];
}
