//! Export as an `aws ce get-reservation-coverage` (or another view's) command line for bash.
//!
//! The filter and group-by go in as JSON (the CLI accepts JSON for any structure argument), so
//! no value ever has to survive the CLI's shorthand syntax, where `,` and `=` are special.

use crate::aws::ce::Expression;

/// One `GroupBy` entry, as plain text so the coverage page can pass what the user picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupBy {
    /// `Type`: `DIMENSION`, `TAG` or `COST_CATEGORY`.
    pub kind: String,
    /// `Key`: a dimension name, tag key or cost category name.
    pub key: String,
}

/// Everything `get-reservation-coverage` needs, as plain values.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CoverageCommand {
    /// The `aws ce` subcommand (`None`: `get-reservation-coverage`).
    pub command: Option<&'static str>,
    /// `TimePeriod.Start`, inclusive (`YYYY-MM-DD`).
    pub start: String,
    /// `TimePeriod.End`, exclusive (`YYYY-MM-DD`).
    pub end: String,
    /// `DAILY` or `MONTHLY`; AWS refuses it together with `group_by`.
    pub granularity: Option<String>,
    /// Grouping, in order.
    pub group_by: Vec<GroupBy>,
    /// `Hour`, `Unit`, `Cost`; empty leaves AWS's default (hours).
    pub metrics: Vec<String>,
    /// The filter, if any.
    pub filter: Option<Expression>,
}

impl CoverageCommand {
    /// The command on one line, every argument quoted for bash.
    pub fn to_bash(&self) -> String {
        let mut words = vec![
            "aws".to_string(),
            "ce".into(),
            self.command.unwrap_or("get-reservation-coverage").into(),
        ];
        words.push("--time-period".into());
        words.push(time_period(&self.start, &self.end));
        if let Some(granularity) = &self.granularity {
            words.push("--granularity".into());
            words.push(shell_quote(granularity));
        }
        if !self.group_by.is_empty() {
            let groups: Vec<serde_json::Value> = self
                .group_by
                .iter()
                .map(|g| serde_json::json!({ "Type": g.kind, "Key": g.key }))
                .collect();
            words.push("--group-by".into());
            words.push(shell_quote(&serde_json::Value::from(groups).to_string()));
        }
        if !self.metrics.is_empty() {
            words.push("--metrics".into());
            words.extend(self.metrics.iter().map(|m| shell_quote(m)));
        }
        if let Some(filter) = &self.filter {
            words.push("--filter".into());
            words.push(shell_quote(&filter.to_json()));
        }
        words.join(" ")
    }
}

/// `Start=…,End=…` shorthand when the dates are plain; JSON otherwise, so a stray `,` or `=`
/// cannot change the meaning.
fn time_period(start: &str, end: &str) -> String {
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
    };
    if plain(start) && plain(end) {
        format!("Start={start},End={end}")
    } else {
        let json = serde_json::json!({ "Start": start, "End": end });
        shell_quote(&json.to_string())
    }
}

/// Quotes `text` as one bash word that expands to exactly `text`.
///
/// Plain words stay as they are for readability; anything else is wrapped in single quotes,
/// inside which bash treats every character literally (`$`, backticks, `\`, newlines) except
/// `'` itself, written as `'\''` (close, escaped quote, reopen).
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.,:/=@%+".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
