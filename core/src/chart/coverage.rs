//! The two coverage charts: coverage % over time (one line per group, the target dashed), and
//! reserved vs on-demand stacked per period.
//!
//! Like the usage bars, drawn from plotters primitives with our own layout, which gives the
//! pixel position of every period: each period gets a transparent hover column whose `<title>`
//! holds the exact values (the browser shows it on hover, screen readers read it).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::svg::{escape, finish, SVG_TEXT_SCALE, TEXT_SENTINEL};
use crate::coverage::{Series, Stack};
use crate::numbers;

/// Line colours: distinguishable, and mid-tone so they read on light and dark pages.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(0x3A, 0x7B, 0xD5),
    RGBColor(0xE0, 0x7B, 0x22),
    RGBColor(0x2E, 0xA0, 0x5A),
    RGBColor(0xC8, 0x3E, 0x8C),
    RGBColor(0x8E, 0x6B, 0xD9),
    RGBColor(0x1F, 0xA5, 0xB0),
    RGBColor(0xC9, 0xA2, 0x27),
    RGBColor(0xD1, 0x4B, 0x4B),
    RGBColor(0x6D, 0x8F, 0x2B),
    RGBColor(0x4F, 0x6C, 0xA8),
];

/// "Others" is grey.
pub const OTHERS: RGBColor = RGBColor(0x8A, 0x8A, 0x8A);

/// Reserved (blue) and on-demand (orange) in the stacked chart.
pub const RESERVED: RGBColor = RGBColor(0x3A, 0x7B, 0xD5);
/// On demand.
pub const ON_DEMAND: RGBColor = RGBColor(0xE0, 0x7B, 0x22);

/// The colour of series `i` of `series` (the "Others" line grey).
pub fn series_colour(series: &[Series], i: usize) -> RGBColor {
    if series[i].others {
        OTHERS
    } else {
        PALETTE[i % PALETTE.len()]
    }
}

/// `#RRGGBB`, for legends drawn in HTML.
pub fn css_colour(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

const FONT_PX: f64 = 12.0;
const LEFT: i32 = 48;
const RIGHT: i32 = 16;
const TOP: i32 = 10;
const BOTTOM: i32 = 30;

/// The plot's frame inside a `width` × `height` chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub(super) x0: i32,
    pub(super) y0: i32,
    pub(super) w: i32,
    pub(super) h: i32,
    n: usize,
}

impl Frame {
    pub(super) fn new(width: u32, height: u32, n: usize) -> Frame {
        Frame {
            x0: LEFT,
            y0: TOP,
            w: (width as i32 - LEFT - RIGHT).max(1),
            h: (height as i32 - TOP - BOTTOM).max(1),
            n,
        }
    }

    /// The centre of period `i`'s column.
    pub fn x(&self, i: usize) -> i32 {
        let col = f64::from(self.w) / self.n.max(1) as f64;
        self.x0 + (col * (i as f64 + 0.5)).round() as i32
    }

    /// The pixel row of `fraction` (0 bottom, 1 top) of the plot's height.
    pub fn y(&self, fraction: f64) -> i32 {
        self.y0 + (f64::from(self.h) * (1.0 - fraction.clamp(0.0, 1.0))).round() as i32
    }

    fn column(&self, i: usize) -> (i32, i32) {
        let col = f64::from(self.w) / self.n.max(1) as f64;
        (
            self.x0 + (col * i as f64).round() as i32,
            self.x0 + (col * (i + 1) as f64).round() as i32,
        )
    }
}

pub(super) fn text_style(hpos: HPos, vpos: VPos) -> TextStyle<'static> {
    ("sans-serif", FONT_PX * SVG_TEXT_SCALE)
        .into_font()
        .color(&TEXT_SENTINEL)
        .pos(Pos::new(hpos, vpos))
}

/// Date labels under the plot: at most one per ~90 px, always the first and the last.
pub(super) fn date_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    frame: &Frame,
    dates: &[&str],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = dates.len();
    if n == 0 {
        return Ok(());
    }
    let every = ((n as f64 * 90.0 / f64::from(frame.w)).ceil() as usize).max(1);
    for (i, d) in dates.iter().enumerate() {
        if i % every == 0 || i + 1 == n && (n - 1) % every >= every / 2 {
            area.draw_text(
                d,
                &text_style(HPos::Center, VPos::Top),
                (frame.x(i), frame.y0 + frame.h + 6),
            )?;
        }
    }
    Ok(())
}

/// Horizontal grid lines with labels at `ticks` (fractions of the height) written by `label`.
pub(super) fn grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    frame: &Frame,
    ticks: &[(f64, String)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let faint = TEXT_SENTINEL.mix(0.2);
    for (fraction, label) in ticks {
        let y = frame.y(*fraction);
        area.draw(&PathElement::new(
            vec![(frame.x0, y), (frame.x0 + frame.w, y)],
            faint,
        ))?;
        area.draw_text(
            label,
            &text_style(HPos::Right, VPos::Center),
            (frame.x0 - 6, y),
        )?;
    }
    Ok(())
}

/// A percentage as people read it: `62.5%`, `100%`.
pub fn percent_text(p: f64) -> String {
    let tenths = (p * 10.0).round() as i64;
    if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, (tenths % 10).abs())
    }
}

/// Coverage % over time: one line per series, points on each period, the target dashed.
pub fn coverage_lines_svg(series: &[Series], target: f64, width: u32, height: u32) -> String {
    percent_lines_svg(
        series,
        Some(target),
        &LineWords {
            what: "Reservation coverage of running hours",
            empty: "nothing ran",
        },
        width,
        height,
    )
}

/// How a percentage chart names what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineWords<'a> {
    /// "Savings Plans utilization of the commitment".
    pub what: &'a str,
    /// A period with nothing to count: "no commitment".
    pub empty: &'a str,
}

/// A percentage over time: one line per series, points on each period, the target dashed
/// (`None`: lines of different measures side by side, each with its own target, none drawn).
pub fn percent_lines_svg(
    series: &[Series],
    target: Option<f64>,
    words: &LineWords<'_>,
    width: u32,
    height: u32,
) -> String {
    let dates: Vec<&str> = series
        .first()
        .map(|s| s.points.iter().map(|(d, _)| d.as_str()).collect())
        .unwrap_or_default();
    let frame = Frame::new(width, height, dates.len());
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let ticks: Vec<(f64, String)> = [0.0, 25.0, 50.0, 75.0, 100.0]
            .iter()
            .map(|p| (p / 100.0, percent_text(*p)))
            .collect();
        let drawn = (|| {
            grid(&area, &frame, &ticks)?;
            date_labels(&area, &frame, &dates)?;
            if let Some(target) = target {
                let y = frame.y(target / 100.0);
                area.draw(&plotters::element::DashedPathElement::new(
                    vec![(frame.x0, y), (frame.x0 + frame.w, y)],
                    6,
                    4,
                    TEXT_SENTINEL.stroke_width(2),
                ))?;
                area.draw_text(
                    &format!("target {}", percent_text(target)),
                    &text_style(HPos::Right, VPos::Bottom),
                    (frame.x0 + frame.w, y - 3),
                )?;
            }
            // Dots mark the periods while they are few enough to tell apart.
            let dots = dates.len() <= 62;
            for (i, s) in series.iter().enumerate() {
                let colour = series_colour(series, i);
                // A gap (nothing ran) breaks the line.
                let mut run: Vec<(i32, i32)> = Vec::new();
                for (j, (_, p)) in s.points.iter().enumerate() {
                    match p {
                        Some(p) => {
                            let point = (frame.x(j), frame.y(p / 100.0));
                            run.push(point);
                            if dots {
                                area.draw(&Circle::new(point, 2, colour.filled()))?;
                            }
                        }
                        None => {
                            area.draw(&PathElement::new(
                                std::mem::take(&mut run),
                                colour.stroke_width(2),
                            ))?;
                        }
                    }
                }
                area.draw(&PathElement::new(run, colour.stroke_width(2)))?;
            }
            Ok::<(), DrawingAreaErrorKind<_>>(())
        })();
        drawn.unwrap_or_else(|_| unreachable!("drawing into a String cannot fail"));
    }
    let mut hover = String::new();
    for (j, date) in dates.iter().enumerate() {
        let values: Vec<String> = series
            .iter()
            .map(|s| {
                let v = s.points.get(j).and_then(|p| p.1);
                format!(
                    "{}: {}",
                    s.name,
                    v.map(numbers::percent)
                        .unwrap_or_else(|| words.empty.into())
                )
            })
            .collect();
        hover_column(
            &mut hover,
            &frame,
            j,
            &match target {
                Some(t) => format!(
                    "{date} (UTC). {}. Target {}.",
                    values.join("; "),
                    percent_text(t)
                ),
                None => format!("{date} (UTC). {}.", values.join("; ")),
            },
        );
    }
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let summary = format!(
        "{} over time, {} period(s){}. Lines: {}.",
        words.what,
        dates.len(),
        target
            .map(|t| format!(", target {}", percent_text(t)))
            .unwrap_or_default(),
        names.join(", ")
    );
    finish(svg, "coverage-lines", &summary, &hover)
}

pub(super) fn hover_column(out: &mut String, frame: &Frame, i: usize, title: &str) {
    let (a, b) = frame.column(i);
    out.push_str(&format!(
        "<rect class=\"hover\" x=\"{a}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"transparent\"><title>{}</title></rect>",
        frame.y0,
        (b - a).max(1),
        frame.h,
        escape(title)
    ));
}

/// A number for an axis: `1,234`, `12.5`, `0.25` (whole from 100 up).
pub fn number_text(v: f64) -> String {
    if v.abs() >= 100.0 {
        numbers::decimal(v, 0)
    } else {
        numbers::quantity(v)
    }
}

/// Reserved vs on demand per period, stacked; `unit` names the numbers (`hours`; a unit
/// starting with `USD` is coverage's on-demand cost, which has no reserved part).
pub fn coverage_stack_svg(stacks: &[Stack], unit: &str, width: u32, height: u32) -> String {
    let words = if unit.starts_with("USD") {
        StackWords {
            first: None,
            second: "On-demand cost",
            unit: "",
            money: true,
            summary: format!("Reserved and on-demand {unit} per period, stacked"),
        }
    } else {
        StackWords {
            first: Some("Reserved"),
            second: "on demand",
            unit,
            money: false,
            summary: format!("Reserved and on-demand {unit} per period, stacked"),
        }
    };
    parts_stack_svg(stacks, &words, width, height)
}

/// How a stacked chart names its two parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackWords<'a> {
    /// The lower part ("Used"); `None` when there is only the upper one.
    pub first: Option<&'a str>,
    /// The upper part, as it reads after a semicolon ("unused"), or alone when `first` is
    /// `None` ("On-demand cost").
    pub second: &'a str,
    /// The unit of quantities ("reserved hours"); unused for money.
    pub unit: &'a str,
    /// Dollars (`$1,234.50`) rather than quantities.
    pub money: bool,
    /// The chart's one-line description for screen readers.
    pub summary: String,
}

/// Two parts per period, stacked (`Stack::reserved` below, `Stack::on_demand` above).
pub fn parts_stack_svg(
    stacks: &[Stack],
    words: &StackWords<'_>,
    width: u32,
    height: u32,
) -> String {
    let frame = Frame::new(width, height, stacks.len());
    let max = stacks
        .iter()
        .map(|s| s.reserved + s.on_demand)
        .fold(0.0_f64, f64::max);
    let top = nice_ceiling(max);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let ticks: Vec<(f64, String)> = (0..=4)
            .map(|k| (f64::from(k) / 4.0, number_text(top * f64::from(k) / 4.0)))
            .collect();
        let dates: Vec<&str> = stacks.iter().map(|s| s.start.as_str()).collect();
        let drawn = (|| {
            grid(&area, &frame, &ticks)?;
            date_labels(&area, &frame, &dates)?;
            for (i, s) in stacks.iter().enumerate() {
                let (a, b) = frame.column(i);
                let gap = ((b - a) / 6).min(4);
                let (a, b) = (a + gap, (b - gap).max(a + gap + 1));
                let base = frame.y(0.0);
                let mid = frame.y(s.reserved / top);
                let high = frame.y((s.reserved + s.on_demand) / top);
                if s.reserved > 0.0 {
                    area.draw(&Rectangle::new([(a, mid), (b, base)], RESERVED.filled()))?;
                }
                if s.on_demand > 0.0 {
                    area.draw(&Rectangle::new([(a, high), (b, mid)], ON_DEMAND.filled()))?;
                }
            }
            Ok::<(), DrawingAreaErrorKind<_>>(())
        })();
        drawn.unwrap_or_else(|_| unreachable!("drawing into a String cannot fail"));
    }
    let figure = |v: f64| {
        if words.money {
            numbers::usd(v)
        } else {
            format!("{} {}", numbers::quantity(v), words.unit)
        }
    };
    let mut hover = String::new();
    for (i, s) in stacks.iter().enumerate() {
        let text = match words.first {
            None => format!(
                "{} (UTC). {} {}.",
                s.start,
                words.second,
                figure(s.on_demand)
            ),
            Some(first) => format!(
                "{} (UTC). {first} {}; {} {}.",
                s.start,
                figure(s.reserved),
                words.second,
                figure(s.on_demand)
            ),
        };
        hover_column(&mut hover, &frame, i, &text);
    }
    let summary = format!("{}, {} period(s).", words.summary, stacks.len());
    finish(svg, "coverage-stack", &summary, &hover)
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at or above `v` (1 when `v` is 0).
pub fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let mut step = 1.0;
    while step * 10.0 < v {
        step *= 10.0;
    }
    while step > v {
        step /= 10.0;
    }
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * step)
        .find(|c| *c >= v)
        .unwrap_or(step * 10.0)
}
