#![cfg(not(target_arch = "wasm32"))]
//! Export: bash quoting (checked against a real bash), the CLI command, and the URL form.

use std::process::Command;

use lens_core::filter::{
    filter_from_url, filter_to_url, parse_filter, shell_quote, CoverageCommand, Dimension,
    Expression, GroupBy, ImportError, UrlFilterError,
};

/// The words bash makes of `line` (each printed NUL-terminated), without running anything else.
fn bash_words(line: &str) -> Vec<String> {
    let script = format!("printf '%s\\0' {line}");
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(out.status.success(), "bash failed on {script}");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_terminator('\0').map(str::to_string).collect()
}

const NASTY: [&str; 10] = [
    "it's",
    "two words",
    "$HOME and ${PATH}",
    "`date` $(id)",
    "line one\nline two",
    "Zürich 東京 🚀",
    "back\\slash \"double\"",
    "'''",
    "*.txt ~ !! # ;&|<>",
    "",
];

#[test]
fn shell_quote_survives_bash_unchanged() {
    for text in NASTY {
        assert_eq!(bash_words(&shell_quote(text)), [text], "{text:?}");
    }
}

#[test]
fn shell_quote_leaves_plain_words_readable() {
    assert_eq!(shell_quote("2024-01-01"), "2024-01-01");
    assert_eq!(
        shell_quote("Start=2024-01-01,End=2024-02-01"),
        "Start=2024-01-01,End=2024-02-01"
    );
    assert_eq!(shell_quote("it's"), r"'it'\''s'");
    assert_eq!(shell_quote(""), "''");
}

fn command(filter: Option<Expression>) -> CoverageCommand {
    CoverageCommand {
        start: "2024-01-01".into(),
        end: "2024-04-01".into(),
        filter,
        ..CoverageCommand::default()
    }
}

#[test]
fn coverage_command_has_every_argument_in_cli_form() {
    let filter = Expression::And(vec![
        Expression::dimension(Dimension::InstanceType, ["t2.nano"]),
        Expression::dimension(Dimension::Region, ["us-east-1"]),
    ]);
    let cmd = CoverageCommand {
        granularity: Some("MONTHLY".into()),
        metrics: vec!["Hour".into(), "Cost".into()],
        ..command(Some(filter))
    };
    assert_eq!(
        cmd.to_bash(),
        r#"aws ce get-reservation-coverage --time-period Start=2024-01-01,End=2024-04-01 --granularity MONTHLY --metrics Hour Cost --filter '{"And":[{"Dimensions":{"Key":"INSTANCE_TYPE","Values":["t2.nano"]}},{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}}]}'"#
    );
    assert_eq!(
        command(None).to_bash(),
        "aws ce get-reservation-coverage --time-period Start=2024-01-01,End=2024-04-01"
    );
    let grouped = CoverageCommand {
        group_by: vec![GroupBy {
            kind: "DIMENSION".into(),
            key: "REGION".into(),
        }],
        ..command(None)
    };
    assert!(
        grouped
            .to_bash()
            .ends_with(r#"--group-by '[{"Key":"REGION","Type":"DIMENSION"}]'"#),
        "{}",
        grouped.to_bash()
    );
}

#[test]
fn filter_with_nasty_values_reaches_the_cli_intact() {
    let values: Vec<&str> = NASTY.to_vec();
    let filter = Expression::tag("team's $name", values);
    let cmd = command(Some(filter.clone())).to_bash();
    let words = bash_words(cmd.strip_prefix("aws ").unwrap());
    let at = words.iter().position(|w| w == "--filter").unwrap();
    assert_eq!(parse_filter(&words[at + 1]).unwrap(), filter);
    assert_eq!(words.len(), at + 2, "the filter is one word: {words:?}");
}

#[test]
fn odd_dates_fall_back_to_quoted_json() {
    let cmd = CoverageCommand {
        start: "2024-01-01,x=1".into(),
        ..command(None)
    };
    let words = bash_words(cmd.to_bash().strip_prefix("aws ").unwrap());
    assert_eq!(words[3], r#"{"End":"2024-04-01","Start":"2024-01-01,x=1"}"#);
}

#[test]
fn url_round_trip_keeps_unicode_and_reserved_characters() {
    let filter = Expression::And(vec![
        Expression::dimension(Dimension::Region, ["us-east-1"]),
        Expression::tag(
            "Kostenstelle",
            ["Zürich & Genève", "a=b+c#d?e/f%20", "東京 🚀", "'\"`$"],
        ),
        Expression::cost_category("Env", ["line\nbreak"]),
    ]);
    let encoded = filter_to_url(&filter);
    assert!(
        encoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:,@%".contains(c)),
        "{encoded}"
    );
    assert_eq!(filter_from_url(&encoded).unwrap(), filter);
    // Names and plain values stay readable in the link.
    assert!(
        encoded.contains("%22Key%22:%22REGION%22,%22Values%22:%5B%22us-east-1%22%5D"),
        "{encoded}"
    );
}

#[test]
fn url_form_of_the_documented_example() {
    let filter =
        parse_filter(r#"{"Dimensions":{"Key":"REGION","Values":["us-east-1","us-west-1"]}}"#)
            .unwrap();
    assert_eq!(
        filter_to_url(&filter),
        "%7B%22Dimensions%22:%7B%22Key%22:%22REGION%22,%22Values%22:%5B%22us-east-1%22,%22us-west-1%22%5D%7D%7D"
    );
}

#[test]
fn damaged_links_are_explained() {
    assert_eq!(
        filter_from_url("%7B%2"),
        Err(UrlFilterError::BadEscape { position: 3 })
    );
    assert_eq!(
        filter_from_url("%+5"),
        Err(UrlFilterError::BadEscape { position: 0 })
    );
    assert_eq!(filter_from_url("%FF%FE"), Err(UrlFilterError::NotUtf8));
    let err = filter_from_url("%7B%22Or%22:1%7D").unwrap_err();
    assert!(
        matches!(err, UrlFilterError::Invalid(ImportError::Invalid(_))),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("$.Or: expected a list of expressions"),
        "{err}"
    );
    // Lower-case escapes and unescaped ASCII are read too (links get retyped).
    assert!(filter_from_url(r#"{%22Tags%22:{%22Key%22:%22a%22,%22Values%22:[%22b%22]}}"#).is_ok());
    assert!(filter_from_url(
        "%7b%22Tags%22:%7b%22Key%22:%22a%22,%22Values%22:%5b%22b+c%22%5d%7d%7d"
    )
    .is_ok_and(|e| e == Expression::tag("a", ["b+c"])));
}
