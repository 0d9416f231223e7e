#![cfg(not(target_arch = "wasm32"))]
//! The coverage charts, drawn to SVG natively: series present, target at the right height,
//! hover titles with exact values, theme-neutral text.

use lens_core::chart::{
    coverage_lines_svg, coverage_stack_svg, nice_ceiling, number_text, percent_text, series_colour,
};
use lens_core::coverage::{Series, Stack};

fn series(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.into(),
        others: name.starts_with("Others ("),
        points: values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("2026-11-{:02}", i + 1), *v))
            .collect(),
    }
}

#[test]
fn lines_chart_has_each_series_the_target_and_hover_values() {
    let s = vec![
        series("m5.large", &[Some(50.0), Some(100.0), None, Some(75.0)]),
        series(
            "Others (3)",
            &[Some(0.0), Some(10.0), Some(20.0), Some(30.0)],
        ),
    ];
    let svg = coverage_lines_svg(&s, 80.0, 600, 300);
    std::fs::write("/tmp/ct/lines.svg", &svg).ok();
    assert!(svg.contains("class=\"coverage-lines\" role=\"img\""));
    // Plot: top 10, height 300 - 10 - 30 = 260; 80% sits 20% down: y = 10 + 52 = 62.
    let dashed: Vec<&str> = svg
        .lines()
        .filter(|l| l.contains("<polyline") && l.matches(",62 ").count() == 2)
        .collect();
    assert!(
        dashed.len() > 10,
        "the target is drawn dashed at y=62: {}",
        dashed.len()
    );
    assert!(svg.contains("\ntarget 80%\n"));
    // Each series in its colour: blue for the first, grey for "Others".
    assert!(svg.contains("#3A7BD5"));
    assert!(svg.contains("#8A8A8A"));
    // A group whose own name starts with "Others" keeps a palette colour.
    let tagged = vec![
        series("m5.large", &[Some(50.0)]),
        Series {
            others: false,
            ..series("Others-team", &[Some(10.0)])
        },
    ];
    assert_ne!(series_colour(&tagged, 1), series_colour(&s, 1));
    // 100% at the top of the plot (y = 10), 50% in the middle (y = 140).
    assert!(svg.contains("cx=\"") || svg.contains("<circle"));
    // Hovers read as the table does: two decimals and a no-break space before `%`.
    assert!(svg.contains(
        "2026-11-03 (UTC). m5.large: nothing ran; Others (3): 20.00\u{a0}%. Target 80%."
    ));
    assert!(svg.contains(
        "2026-11-02 (UTC). m5.large: 100.00\u{a0}%; Others (3): 10.00\u{a0}%. Target 80%."
    ));
    assert!(!svg.contains("#010203"), "text follows the page colour");
    assert!(svg.contains("currentColor"));
}

#[test]
fn stack_chart_scales_to_a_round_maximum() {
    let stacks = vec![
        Stack {
            start: "2026-10-01".into(),
            reserved: 600.0,
            on_demand: 400.0,
        },
        Stack {
            start: "2026-11-01".into(),
            reserved: 1800.0,
            on_demand: 200.0,
        },
    ];
    let svg = coverage_stack_svg(&stacks, "hours", 400, 200);
    std::fs::write("/tmp/ct/stack.svg", &svg).ok();
    assert!(svg.contains("class=\"coverage-stack\""));
    assert!(svg.contains("\n2,000\n"), "axis tops at 2,000");
    assert!(svg.contains("2026-11-01 (UTC). Reserved 1,800 hours; on demand 200 hours."));
    assert!(svg.contains("#3A7BD5") && svg.contains("#E07B22"));
    let cost = vec![Stack {
        start: "2026-11-01".into(),
        reserved: 0.0,
        on_demand: 1234.5,
    }];
    let svg = coverage_stack_svg(&cost, "USD on demand", 400, 200);
    assert!(svg.contains("2026-11-01 (UTC). On-demand cost $1,234.50."));
}

#[test]
fn number_formats() {
    assert_eq!(percent_text(62.54), "62.5%");
    assert_eq!(percent_text(80.0), "80%");
    assert_eq!(number_text(1234567.4), "1,234,567");
    assert_eq!(number_text(-1234.0), "-1,234");
    assert_eq!(number_text(12.5), "12.5");
    assert_eq!(number_text(0.25), "0.25");
    assert_eq!(number_text(-0.5), "-0.5");
    assert_eq!(nice_ceiling(0.0), 1.0);
    assert_eq!(nice_ceiling(1800.0), 2000.0);
    assert_eq!(nice_ceiling(2100.0), 2500.0);
    assert_eq!(nice_ceiling(0.3), 0.5);
    assert_eq!(nice_ceiling(100.0), 100.0);
}
