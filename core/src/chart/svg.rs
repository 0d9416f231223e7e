//! What every chart's SVG gets after plotters drew it: the page's text colour, a class,
//! `role="img"` with a `<title>` of the numbers, and extra elements (hover targets).

use plotters::style::RGBColor;

/// Stand-in for "the page's text colour"; [`finish`] rewrites it to `currentColor`, so charts
/// follow the light or dark scheme of the page they are inlined in.
pub const TEXT_SENTINEL: RGBColor = RGBColor(0x01, 0x02, 0x03);

/// plotters-svg 0.3 writes `font-size` as the requested size / 1.24.
pub const SVG_TEXT_SCALE: f64 = 1.24;

pub use crate::html::escape;

/// `svg` with the text sentinel as `currentColor`, `class` and `role="img"` on the root, a
/// `<title>` (`summary`, escaped here) first, and `extra` (already escaped SVG) last.
pub fn finish(svg: String, class: &str, summary: &str, extra: &str) -> String {
    let sentinel = format!(
        "\"#{:02X}{:02X}{:02X}\"",
        TEXT_SENTINEL.0, TEXT_SENTINEL.1, TEXT_SENTINEL.2
    );
    let svg = svg.replace(&sentinel, "\"currentColor\"");
    let Some(open) = svg.find("<svg") else {
        return svg;
    };
    let Some(end) = svg[open..].find('>').map(|e| open + e) else {
        return svg;
    };
    let close = svg.rfind("</svg>").unwrap_or(svg.len());
    let mut out = String::with_capacity(svg.len() + summary.len() + extra.len() + 64);
    out.push_str(&svg[..end]);
    out.push_str(&format!(" class=\"{class}\" role=\"img\">"));
    out.push_str("<title>");
    out.push_str(&escape(summary));
    out.push_str("</title>");
    out.push_str(&svg[end + 1..close]);
    out.push_str(extra);
    out.push_str(&svg[close..]);
    out
}
