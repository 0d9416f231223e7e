//! The Cost Explorer filter builder (issue 7): what each operation accepts, the bash command,
//! the URL form and the form state, all on the wire type [`Expression`] of `aws::ce`.
//!
//! Pure Rust with no browser types, so all of it is tested natively:
//! - [`Expression`], [`Dimension`], [`MatchOption`] and the JSON import with every problem's
//!   path ([`parse_filter`]) live with the wire code in `aws::ce::expression`: one type for the
//!   builder, the rules and the request.
//! - [`rules`]: per-[`Operation`] checks → [`Violation`]s tied to nodes, and what each view's
//!   form offers ([`dimensions_for`], [`allows_tags`], [`values_context`], …).
//! - [`cli`]: the `aws ce get-reservation-coverage` command, quoted for bash.
//! - [`url`]: the filter as a `filter=` value in the page URL.
//! - [`draft`]: [`FilterDraft`], the flat form the UI binds to.
//! - [`views`]: [`keep_valid`], what of the form a newly chosen view keeps ([`Dropped`]).

pub mod cli;
pub mod draft;
pub mod rules;
pub mod url;
pub mod views;

pub use crate::aws::ce::expression::json::{
    expression_from_value, parse_filter, ImportError, ImportProblem,
};
pub use crate::aws::ce::{Condition, Dimension, Expression, MatchOption};
pub use cli::{shell_quote, CoverageCommand, GroupBy};
pub use draft::{ConditionKind, DraftCondition, DraftError, FilterDraft, Grouping};
pub use rules::{
    allows_cost_categories, allows_tags, check, coverage_note, dimensions_for, has_errors,
    implies_ec2_only, values_context, values_dimension, view_name, Operation, Rule, Severity,
    Violation, NO_SERVICE_NOTE,
};
pub use url::{filter_from_url, filter_to_url, UrlFilterError};
pub use views::{keep_valid, Dropped};
