//! Import: pasted JSON → [`Expression`], with every problem tied to its JSON path.
//!
//! We walk a `serde_json::Value` by hand instead of deriving `Deserialize` so that each problem
//! names where it is (`$.And[1].Dimensions.Values`) and all problems are reported at once, not
//! just the first.

use serde_json::Value;

use super::{Condition, Dimension, Expression, MatchOption};
use crate::suggest;

/// Why the import refuses `ProductAttributes` (the filter rules say the same).
pub const PRODUCT_ATTRIBUTES: &str = "ProductAttributes filters are not supported by Reservation \
     Lens: use Dimensions, Tags or CostCategories";

/// The members an `Expression` may have in a filter Reservation Lens sends (`ProductAttributes`
/// is handled apart: see [`Reader`]).
pub const OPERATORS: [&str; 6] = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"];

/// The members of `DimensionValues`, `TagValues` and `CostCategoryValues`.
const CONDITION_MEMBERS: [&str; 3] = ["Key", "Values", "MatchOptions"];

/// One thing wrong with a pasted filter, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// JSON path of the offending member, e.g. `$.And[1].Dimensions.Values`.
    pub path: String,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why pasted text could not become a filter.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Nothing but whitespace was pasted.
    #[error("The filter is empty: paste a Cost Explorer filter such as {{\"Dimensions\": {{\"Key\": \"REGION\", \"Values\": [\"us-east-1\"]}}}}.")]
    Empty,
    /// The text is not JSON at all.
    #[error("The filter is not valid JSON: {message} at line {line}, column {column}. Check for a missing or extra brace, bracket, comma or quote just before that point.")]
    Syntax {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// The JSON is not a Cost Explorer `Expression`; every problem found is listed.
    #[error("The filter has {}: {}", count(.0), join(.0))]
    Invalid(Vec<ImportProblem>),
}

fn count(problems: &[ImportProblem]) -> String {
    match problems.len() {
        1 => "1 problem".into(),
        n => format!("{n} problems"),
    }
}

fn join(problems: &[ImportProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Parses pasted JSON text into an [`Expression`].
pub fn parse_filter(text: &str) -> Result<Expression, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        // serde_json appends " at line L column C"; we report those as fields instead.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        ImportError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    expression_from_value(&value).map_err(ImportError::Invalid)
}

/// Reads an already-parsed JSON value as an [`Expression`] for the filter builder, collecting
/// every problem (a `ProductAttributes` member is one: see [`Expression::ProductAttributes`]).
pub fn expression_from_value(value: &Value) -> Result<Expression, Vec<ImportProblem>> {
    read(value, false)
}

/// Reads any `Expression` the service model allows, `ProductAttributes` included (what
/// `Deserialize` uses: request inputs read back from JSON).
pub fn wire_expression(value: &Value) -> Result<Expression, Vec<ImportProblem>> {
    read(value, true)
}

/// `wire`: accept `ProductAttributes` (the model's whole `Expression`).
fn read(value: &Value, wire: bool) -> Result<Expression, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let expression = node(value, "$", wire, &mut problems);
    match expression {
        Some(e) if problems.is_empty() => Ok(e),
        _ => Err(problems),
    }
}

/// `path.member`, or `path["member"]` when the name is not a plain identifier.
pub(crate) fn member_path(path: &str, member: &str) -> String {
    if !member.is_empty()
        && member
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        format!("{path}.{member}")
    } else {
        format!("{path}[{}]", Value::String(member.to_string()))
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn problem(problems: &mut Vec<ImportProblem>, path: String, message: String) {
    problems.push(ImportProblem { path, message });
}

fn node(
    value: &Value,
    path: &str,
    wire: bool,
    problems: &mut Vec<ImportProblem>,
) -> Option<Expression> {
    let Some(object) = value.as_object() else {
        let message = format!(
            "expected an object such as {{\"Dimensions\": {{…}}}}, found {}",
            describe(value)
        );
        problem(problems, path.to_string(), message);
        return None;
    };
    let mut found = Vec::new();
    let mut unknown = false;
    for name in object.keys() {
        if OPERATORS.contains(&name.as_str()) || (wire && name == "ProductAttributes") {
            found.push(name.as_str());
        } else if name == "ProductAttributes" {
            // In the model since 2025 but documented for no operation we call; refusing it
            // avoids sending what AWS would reject for coverage.
            let message = PRODUCT_ATTRIBUTES.to_string();
            problem(problems, member_path(path, name), message);
            unknown = true;
        } else {
            let message = format!(
                "unknown member \"{name}\"{}; a node has one of {}",
                suggest::hint(name, OPERATORS),
                OPERATORS.join(", ")
            );
            problem(problems, member_path(path, name), message);
            unknown = true;
        }
    }
    if found.len() > 1 {
        let message = format!(
            "a node must have exactly one of {} (found {}: {}); wrap them in \"And\" or \"Or\"",
            OPERATORS.join(", "),
            found.len(),
            found.join(", ")
        );
        problem(problems, path.to_string(), message);
    } else if found.is_empty() && !unknown {
        let message = format!(
            "a node must have exactly one of {} (found none)",
            OPERATORS.join(", ")
        );
        problem(problems, path.to_string(), message);
    }
    // Read every operator even when there are several, so their inner problems show too.
    let mut built = found
        .iter()
        .filter_map(|name| operator(name, &object[*name], path, wire, problems))
        .collect::<Vec<_>>();
    (found.len() == 1 && !unknown && built.len() == 1).then(|| built.remove(0))
}

fn operator(
    name: &str,
    value: &Value,
    parent: &str,
    wire: bool,
    problems: &mut Vec<ImportProblem>,
) -> Option<Expression> {
    let path = member_path(parent, name);
    match name {
        "And" | "Or" => {
            let Some(items) = value.as_array() else {
                let message = format!("expected a list of expressions, found {}", describe(value));
                problem(problems, path, message);
                return None;
            };
            let children: Vec<Option<Expression>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| node(item, &format!("{path}[{i}]"), wire, problems))
                .collect();
            let children: Option<Vec<Expression>> = children.into_iter().collect();
            let children = children?;
            Some(if name == "And" {
                Expression::And(children)
            } else {
                Expression::Or(children)
            })
        }
        "Not" => node(value, &path, wire, problems).map(|e| Expression::Not(Box::new(e))),
        "Dimensions" => {
            condition(value, &path, problems, Dimension::parse).map(Expression::Dimensions)
        }
        "Tags" => condition(value, &path, problems, str::to_string).map(Expression::Tags),
        "CostCategories" => {
            condition(value, &path, problems, str::to_string).map(Expression::CostCategories)
        }
        _ => {
            let c = condition(value, &path, problems, str::to_string)?;
            if c.key.is_none() {
                // The model's ProductAttributeValues requires its Key.
                let message =
                    "expected a Key: a product attribute condition names its attribute".to_string();
                problem(problems, path, message);
                return None;
            }
            Some(Expression::ProductAttributes(c))
        }
    }
}

fn condition<K>(
    value: &Value,
    path: &str,
    problems: &mut Vec<ImportProblem>,
    make_key: impl Fn(&str) -> K,
) -> Option<Condition<K>> {
    let Some(object) = value.as_object() else {
        let message = format!(
            "expected an object with Key and Values, found {}",
            describe(value)
        );
        problem(problems, path.to_string(), message);
        return None;
    };
    let before = problems.len();
    let mut result = Condition {
        key: None,
        values: None,
        match_options: None,
    };
    for (name, member) in object {
        let member_at = member_path(path, name);
        match name.as_str() {
            "Key" => match member.as_str() {
                Some(text) => result.key = Some(make_key(text)),
                None => {
                    let message = format!("expected a string, found {}", describe(member));
                    problem(problems, member_at, message);
                }
            },
            "Values" => result.values = strings(member, &member_at, problems),
            "MatchOptions" => {
                let names = strings(member, &member_at, problems).unwrap_or_default();
                let mut options = Vec::new();
                for (i, text) in names.iter().enumerate() {
                    match MatchOption::parse(text) {
                        Some(option) => options.push(option),
                        None => {
                            let all = MatchOption::ALL.map(MatchOption::as_str);
                            let message = format!(
                                "\"{text}\" is not a match option{}; use one of {}",
                                suggest::hint(text, all),
                                all.join(", ")
                            );
                            problem(problems, format!("{member_at}[{i}]"), message);
                        }
                    }
                }
                result.match_options = Some(options);
            }
            other => {
                let message = format!(
                    "unknown member \"{other}\"{}; a condition has Key, Values and MatchOptions",
                    suggest::hint(other, CONDITION_MEMBERS)
                );
                problem(problems, member_at, message);
            }
        }
    }
    (problems.len() == before).then_some(result)
}

fn strings(value: &Value, path: &str, problems: &mut Vec<ImportProblem>) -> Option<Vec<String>> {
    let Some(items) = value.as_array() else {
        let mut message = format!("expected a list of strings, found {}", describe(value));
        if let Value::String(text) = value {
            message.push_str(&format!(": write [{}]", Value::String(text.clone())));
        }
        problem(problems, path.to_string(), message);
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            // Numbers are a common slip for account ids; AWS wants them as text.
            Value::String(text) => out.push(text.clone()),
            other => {
                let mut message = format!("expected a string, found {}", describe(other));
                if let Value::Number(n) = other {
                    message.push_str(&format!(": write \"{n}\" in quotes"));
                }
                problem(problems, format!("{path}[{i}]"), message);
            }
        }
    }
    (out.len() == items.len()).then_some(out)
}
