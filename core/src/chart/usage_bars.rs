//! Instances in use by account: one horizontal bar per account (top accounts + "Others").
//!
//! Horizontal because the labels are 12-digit account ids: written beside their bars they
//! stay readable however many accounts there are, where labels under vertical bars would
//! overlap or need rotating. Bar length is proportional to the value.
//!
//! Drawn from primitives (rectangles, lines, text) rather than a `ChartBuilder`: the layout
//! then needs no font metrics, which plotters cannot supply without its `ttf` feature (the SVG
//! backend writes `<text>` elements and lets the viewer's fonts draw them; widths here are
//! estimated from character counts instead).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What an empty chart says.
pub const NO_USAGE_TEXT: &str = "No instances in use";

/// Colours and type size. The defaults suit both light and dark pages: see [`usage_bars_svg`].
#[derive(Clone, Debug, PartialEq)]
pub struct UsageBarsStyle {
    /// Labels, values and the axis line.
    pub text: RGBColor,
    /// The bars.
    pub bar: RGBColor,
    /// Text size in pixels, as it should appear.
    pub font_px: f64,
    /// Font family (a CSS generic name).
    pub font_family: &'static str,
    /// What the backend divides a plotters font size by: plotters' SVG backend writes
    /// `font-size = size / 1.24`.
    pub backend_text_scale: f64,
}

/// A mid-tone blue with at least 4:1 contrast against white and against near-black, so bars
/// read in light and dark schemes without knowing which is in use.
const BAR: RGBColor = RGBColor(0x3A, 0x7B, 0xD5);

use super::svg::{finish, SVG_TEXT_SCALE, TEXT_SENTINEL};

impl Default for UsageBarsStyle {
    fn default() -> Self {
        UsageBarsStyle {
            text: TEXT_SENTINEL,
            bar: BAR,
            font_px: 12.0,
            font_family: "sans-serif",
            backend_text_scale: SVG_TEXT_SCALE,
        }
    }
}

const PAD: i32 = 8;
/// Average character width as a share of the font size (sans-serif digits are ~0.55–0.6 em).
const CHAR_EM: f64 = 0.6;

/// Draws `bars` (label, instances) top to bottom in the order given. An empty list, or one
/// where every value is 0, draws [`NO_USAGE_TEXT`] instead.
pub fn draw_usage_bars<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    bars: &[(String, u32)],
    style: &UsageBarsStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let font = (style.font_family, style.font_px * style.backend_text_scale).into_font();
    let text = |hpos| {
        font.clone()
            .color(&style.text)
            .pos(Pos::new(hpos, VPos::Center))
    };
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0);
    if max == 0 {
        return area.draw_text(NO_USAGE_TEXT, &text(HPos::Center), (w / 2, h / 2));
    }
    let char_w = style.font_px * CHAR_EM;
    let longest = bars.iter().map(|b| b.0.chars().count()).max().unwrap_or(0);
    let label_chars = (longest as f64).min((w as f64 * 0.4 / char_w).floor()) as usize;
    let label_w = (label_chars as f64 * char_w).ceil() as i32;
    let value_w = (max.to_string().len() as f64 * char_w).ceil() as i32 + PAD / 2;
    let x0 = PAD + label_w + PAD / 2;
    let plot_w = (w - PAD - value_w - x0).max(1);
    let row_h = f64::from((h - 2 * PAD).max(1)) / bars.len() as f64;
    let thick = (row_h * 0.7).max(1.0);
    // Rows thinner than a line of text would print labels over each other; the bars alone
    // still show the shape, and the SVG title carries every number.
    let legible = row_h >= style.font_px;
    let axis = style.text.mix(0.5);
    area.draw(&PathElement::new(vec![(x0, PAD), (x0, h - PAD)], axis))?;
    for (i, (label, value)) in bars.iter().enumerate() {
        let top = PAD as f64 + i as f64 * row_h + (row_h - thick) / 2.0;
        let (y0, y1) = (top.round() as i32, (top + thick).round() as i32);
        let mid = (y0 + y1) / 2;
        let len = (f64::from(*value) / f64::from(max) * plot_w as f64).round() as i32;
        if len > 0 {
            area.draw(&Rectangle::new(
                [(x0, y0), (x0 + len, y1)],
                style.bar.filled(),
            ))?;
        }
        if legible {
            area.draw_text(
                &fit(label, label_chars),
                &text(HPos::Right),
                (x0 - PAD / 2, mid),
            )?;
            area.draw_text(
                &value.to_string(),
                &text(HPos::Left),
                (x0 + len + PAD / 2, mid),
            )?;
        }
    }
    Ok(())
}

/// `label`, cut to `chars` characters with an ellipsis if longer.
fn fit(label: &str, chars: usize) -> String {
    if label.chars().count() <= chars {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The chart as an SVG document, `width` × `height` pixels.
///
/// Light and dark schemes: nothing paints a background (the page shows through), text and the
/// axis use `currentColor` (inherited from the surrounding text when the SVG is inlined in the
/// page; black when opened as a file), and bars use a mid-tone blue that contrasts with both
/// white and near-black. A stylesheet can still restyle bars (`.usage-bars rect { fill: … }`):
/// plotters writes colours as presentation attributes, which CSS rules override.
pub fn usage_bars_svg(bars: &[(String, u32)], width: u32, height: u32) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        // The SVG backend writes into a String: it has no way to fail.
        draw_usage_bars(area, bars, &UsageBarsStyle::default())
            .unwrap_or_else(|_| unreachable!("drawing into a String cannot fail"));
    }
    let summary = if bars.iter().all(|b| b.1 == 0) {
        NO_USAGE_TEXT.to_owned()
    } else {
        let items: Vec<String> = bars.iter().map(|(l, v)| format!("{l}: {v}")).collect();
        format!("Instances in use by account. {}", items.join("; "))
    };
    finish(svg, "usage-bars", &summary, "")
}
