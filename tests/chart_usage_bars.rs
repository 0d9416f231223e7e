#![cfg(not(target_arch = "wasm32"))]
//! The usage-by-account bar chart, drawn to SVG: one bar per entry, lengths proportional to
//! the values, labels as `<text>`, colours that follow the page, and an empty state.

use lens_core::chart::{usage_bars_svg, NO_USAGE_TEXT};

/// The value of `name="…"` in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

/// Every `<tag …>` opening of this kind.
fn tags<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
        .collect()
}

/// (x, y, width, height) of each filled rectangle.
fn bars(svg: &str) -> Vec<(i32, i32, i32, i32)> {
    tags(svg, "rect")
        .into_iter()
        .filter(|t| attr(t, "fill") != Some("none"))
        .map(|t| {
            let n = |k| attr(t, k).unwrap().parse::<i32>().unwrap();
            (n("x"), n("y"), n("width"), n("height"))
        })
        .collect()
}

fn texts(svg: &str) -> Vec<String> {
    svg.match_indices("<text ")
        .map(|(i, _)| {
            let body = &svg[i + svg[i..].find('>').unwrap() + 1..];
            body[..body.find("</text>").unwrap()].trim().to_owned()
        })
        .collect()
}

fn data() -> Vec<(String, u32)> {
    vec![
        ("210987654321".into(), 40),
        ("210988765432".into(), 20),
        ("210989876543".into(), 10),
        ("Others (12 accounts)".into(), 5),
    ]
}

#[test]
fn one_bar_per_entry_proportional_to_its_value() {
    let d = data();
    let svg = usage_bars_svg(&d, 640, 240);
    let rects = bars(&svg);
    assert_eq!(rects.len(), d.len());
    let longest = f64::from(rects[0].2);
    assert!(
        longest > 300.0,
        "the biggest bar uses most of the width: {longest}"
    );
    for ((_, v), (x, _, w, h)) in d.iter().zip(&rects) {
        let expected = longest * f64::from(*v) / 40.0;
        assert!(
            (f64::from(*w) - expected).abs() <= 1.0,
            "{v}: width {w}, expected {expected}"
        );
        assert_eq!(*x, rects[0].0, "bars start on the same axis");
        assert!(*h > 0);
    }
    // Top to bottom, in the order given, without overlapping.
    assert!(rects.windows(2).all(|p| p[0].1 + p[0].3 <= p[1].1));
    assert!(rects.iter().all(|r| r.0 + r.2 <= 640 && r.1 + r.3 <= 240));
}

#[test]
fn labels_values_and_colours() {
    let svg = usage_bars_svg(&data(), 640, 240);
    let t = texts(&svg);
    for label in [
        "210987654321",
        "210988765432",
        "210989876543",
        "Others (12 accounts)",
        "40",
        "20",
        "10",
        "5",
    ] {
        assert!(t.iter().any(|x| x == label), "missing label {label}: {t:?}");
    }
    // Text follows the page colour; nothing paints a background.
    assert!(tags(&svg, "text")
        .iter()
        .all(|x| attr(x, "fill") == Some("currentColor")));
    assert!(
        !svg.contains("#FFFFFF") && !svg.contains("#000000"),
        "no hard black or white"
    );
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title>Instances in use by account. 210987654321: 40; "));
}

#[test]
fn bar_colour_contrasts_with_light_and_dark_pages() {
    let svg = usage_bars_svg(&data(), 640, 240);
    let fill = attr(
        tags(&svg, "rect")
            .into_iter()
            .find(|t| attr(t, "fill") != Some("none"))
            .unwrap(),
        "fill",
    )
    .unwrap()
    .to_owned();
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&fill[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    let on_white = 1.05 / (l + 0.05);
    let on_dark = (l + 0.05) / (0.0061 + 0.05); // #121212
    assert!(
        on_white >= 3.0 && on_dark >= 3.0,
        "WCAG non-text contrast: {on_white:.2} / {on_dark:.2}"
    );
}

#[test]
fn empty_and_all_zero_say_no_usage() {
    for input in [vec![], vec![("111122223333".to_string(), 0)]] {
        let svg = usage_bars_svg(&input, 400, 200);
        assert!(bars(&svg).is_empty());
        assert_eq!(texts(&svg), [NO_USAGE_TEXT]);
        assert!(svg.contains(&format!("<title>{NO_USAGE_TEXT}</title>")));
    }
}

#[test]
fn awkward_sizes_and_labels_do_not_panic() {
    let many: Vec<(String, u32)> = (0..200)
        .map(|i| (format!("account-with-a-very-long-name-{i}"), i))
        .collect();
    for (w, h) in [(1, 1), (50, 20), (640, 240)] {
        let svg = usage_bars_svg(&many, w, h);
        assert!(svg.starts_with("<svg"));
    }
    let svg = usage_bars_svg(&[("<&>\"'".to_string(), u32::MAX)], 300, 100);
    assert!(svg.contains("&lt;&amp;&gt;"), "labels are escaped");
    let svg = usage_bars_svg(&many[..10], 400, 240);
    assert!(
        texts(&svg).iter().any(|t| t.ends_with('…')),
        "long labels are shortened"
    );
    let crowded = usage_bars_svg(&many, 640, 240);
    assert_eq!(bars(&crowded).len(), 199, "every non-zero value gets a bar");
    assert!(
        texts(&crowded).is_empty(),
        "no labels piled on top of each other"
    );
}
