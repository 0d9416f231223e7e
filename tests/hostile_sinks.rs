#![cfg(not(target_arch = "wasm32"))]
//! Strings that would run script or break out of markup, in every sink the core fills: chart
//! SVG (titles, legends, axis labels), CSV files and the CLI command. Each must come out as
//! text: no element or attribute of its own, no spreadsheet formula, no shell expansion.
//! (The page's own sinks are checked end to end: e2e/tests/test_journey_hostile.py.)

use lens_core::chart::{coverage_lines_svg, usage_bars_svg};
use lens_core::coverage::Series;
use lens_core::csv::to_csv;
use lens_core::filter::{shell_quote, CoverageCommand, Dimension, Expression};

const HOSTILE: [&str; 6] = [
    "<script>window.__lensPwned=1</script>",
    "<img src=x onerror=window.__lensPwned=1>",
    "\" onmouseover=\"window.__lensPwned=1\" x=\"",
    "' onfocus='window.__lensPwned=1' x='",
    "javascript:window.__lensPwned=1",
    "]]><svg onload=window.__lensPwned=1>",
];

/// Every tag (`<name attr=…>`) in `markup`, with its attribute names.
fn tags(markup: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = markup;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("every tag is closed");
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        if inside.starts_with(['/', '!', '?']) {
            continue;
        }
        let mut words = inside.split_whitespace();
        let name = words.next().unwrap_or_default().to_owned();
        // Attribute names: the text before each `=` outside quotes.
        let mut names = Vec::new();
        let (mut quote, mut word) = (None, String::new());
        for c in inside[name.len()..].chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '=') => names.push(std::mem::take(&mut word).trim().to_owned()),
                (None, c) if c.is_whitespace() => word.clear(),
                (None, c) => word.push(c),
                _ => {}
            }
        }
        out.push((name, names));
    }
    out
}

fn assert_inert(markup: &str, allowed: &[&str]) {
    for (name, attributes) in tags(markup) {
        assert!(
            allowed.contains(&name.as_str()),
            "element <{name}> in {markup}"
        );
        for a in attributes {
            assert!(
                !a.to_ascii_lowercase().starts_with("on"),
                "attribute {a} on <{name}>"
            );
            assert!(
                !a.contains(['"', '\'', '<']),
                "attribute name {a:?} on <{name}>"
            );
        }
    }
}

const SVG: &[&str] = &[
    "svg", "g", "rect", "text", "title", "line", "polyline", "path", "circle", "defs", "desc",
];

#[test]
fn chart_titles_and_labels_stay_text() {
    let series: Vec<Series> = HOSTILE
        .iter()
        .map(|name| Series {
            name: (*name).to_owned(),
            others: false,
            points: vec![
                ("2026-11-01".into(), Some(50.0)),
                ("2026-11-02".into(), Some(75.0)),
            ],
        })
        .collect();
    let svg = coverage_lines_svg(&series, 80.0, 800, 320);
    assert_inert(&svg, SVG);
    assert!(
        svg.contains("&lt;script&gt;"),
        "the names are there, escaped"
    );
    let bars: Vec<(String, u32)> = HOSTILE.iter().map(|h| ((*h).to_owned(), 3)).collect();
    let svg = usage_bars_svg(&bars, 800, 320);
    assert_inert(&svg, SVG);
    assert!(svg.contains("&lt;img src=x"), "{svg}");
}

#[test]
fn csv_cells_are_never_formulas_and_always_whole() {
    let formulas = [
        "=HYPERLINK(\"https://evil.example\",\"x\")",
        "+1+1",
        "@SUM(A1)",
        "-2+3",
        "\t=1",
    ];
    let rows: Vec<Vec<&str>> = HOSTILE
        .iter()
        .chain(formulas.iter())
        .map(|h| vec![*h, "1"])
        .collect();
    let csv = to_csv(&["value", "n"], rows);
    for line in csv.lines().skip(1) {
        let first = line.trim_start_matches('"');
        assert!(!first.starts_with(['=', '+', '@', '-', '\t']), "{line}");
    }
    // Every value is still there, as data.
    assert!(csv.contains("<script>window.__lensPwned=1</script>"));
    assert_eq!(csv.lines().count(), 1 + HOSTILE.len() + formulas.len());
}

#[test]
fn the_cli_command_quotes_every_value() {
    for value in HOSTILE
        .iter()
        .chain(["$(touch /tmp/pwned)", "`id`", "a'b", "x; rm -rf ~"].iter())
    {
        let quoted = shell_quote(value);
        if quoted == *value {
            // Left bare only when bash gives none of its characters a meaning.
            let safe = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c);
            assert!(value.chars().all(safe), "{value} left unquoted");
        } else {
            // Inside single quotes bash expands nothing; a quote in the value is closed,
            // escaped and reopened.
            assert!(
                quoted.starts_with('\'') && quoted.ends_with('\''),
                "{quoted}"
            );
            let inner = &quoted[1..quoted.len() - 1];
            assert_eq!(inner.replace("'\\''", "'"), *value);
        }
        let command = CoverageCommand {
            command: None,
            start: "2026-11-01".into(),
            end: "2026-12-01".into(),
            granularity: Some("DAILY".into()),
            group_by: Vec::new(),
            metrics: Vec::new(),
            filter: Some(Expression::dimension(Dimension::Region, [*value])),
        }
        .to_bash();
        assert!(!command.contains(&format!(" {value}")), "{command}");
    }
}
