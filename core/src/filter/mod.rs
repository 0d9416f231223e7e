//! Cost Explorer filters (issue 7, "Cost Explorer filter builder"): the `Expression` tree, what
//! each operation accepts, JSON in and out, the bash command, the URL form and the form state.
//!
//! Pure Rust with no browser types, so all of it is tested natively:
//! - [`ast`]: [`Expression`], [`Dimension`], [`MatchOption`], JSON out exactly as AWS writes it.
//! - [`json`]: pasted JSON → [`Expression`], every problem with its JSON path.
//! - [`rules`]: per-[`Operation`] checks → [`Violation`]s tied to nodes.
//! - [`cli`]: the `aws ce get-reservation-coverage` command, quoted for bash.
//! - [`url`]: the filter as a `filter=` value in the page URL.
//! - [`draft`]: [`FilterDraft`], the flat form the UI binds to.

pub mod ast;
pub mod cli;
pub mod draft;
pub mod json;
pub mod rules;
mod suggest;
pub mod url;

pub use ast::{Condition, Dimension, Expression, MatchOption};
pub use cli::{shell_quote, CoverageCommand, GroupBy};
pub use draft::{ConditionKind, DraftCondition, DraftError, FilterDraft, Grouping};
pub use json::{expression_from_value, parse_filter, ImportError, ImportProblem};
pub use rules::{
    check, coverage_note, has_errors, implies_ec2_only, Operation, Rule, Severity, Violation,
    NO_SERVICE_NOTE,
};
pub use url::{filter_from_url, filter_to_url, UrlFilterError};
