//! A reservation's usage over time: instances reserved (a line) and in use (filled below it)
//! on the window's full time grid (a period without data is a gap, not a squeeze), the
//! reservation's start, end and size changes as dashed marks, and a hover column per period
//! with the exact figures.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::coverage::{date_labels, grid, hover_column, nice_ceiling, number_text, text_style};
use super::coverage::{Frame, ON_DEMAND, RESERVED};
use super::svg::{finish, TEXT_SENTINEL};
use crate::history::{minute_text, UsageHistory};
use crate::numbers;

/// The words the chart's hover says for a period without data.
pub const NO_DATA_TEXT: &str = "no data";

/// The chart of `history`, `width` × `height` px.
pub fn history_svg(history: &UsageHistory, width: u32, height: u32) -> String {
    let window = &history.window;
    let n = window.points().max(1) as usize;
    let start = window.start.unix_timestamp();
    let period = i64::from(window.period);
    let column = |t: i64| ((t - start) / period).clamp(0, n as i64 - 1) as usize;
    let frame = Frame::new(width, height, n);
    let top = nice_ceiling(
        history
            .points
            .iter()
            .flat_map(|p| p.total.into_iter().chain(p.used))
            .fold(1.0, f64::max),
    );
    let label_of = |i: usize| {
        let t = window.start + time::Duration::seconds(i as i64 * period);
        if window.period >= 86_400 {
            format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
        } else {
            minute_text(t)[5..].to_string()
        }
    };
    let labels: Vec<String> = (0..n).map(label_of).collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let ticks: Vec<(f64, String)> = (0..=4)
            .map(|i| (f64::from(i) / 4.0, number_text(top * f64::from(i) / 4.0)))
            .collect();
        let drawn = (|| {
            grid(&area, &frame, &ticks)?;
            date_labels(&area, &frame, &label_refs)?;
            let y = |v: f64| frame.y(v / top);
            let base = frame.y(0.0);
            // In use: a filled run per stretch of consecutive periods.
            let mut runs: Vec<Vec<(i32, f64)>> = Vec::new();
            let mut last: Option<usize> = None;
            for p in &history.points {
                let Some(used) = p.used else { continue };
                let i = column(p.t);
                if last.is_none_or(|l| i != l + 1) {
                    runs.push(Vec::new());
                }
                if let Some(run) = runs.last_mut() {
                    run.push((frame.x(i), used));
                }
                last = Some(i);
            }
            for run in &runs {
                let mut outline: Vec<(i32, i32)> = run.iter().map(|(x, v)| (*x, y(*v))).collect();
                if outline.len() == 1 {
                    let (x, v) = outline[0];
                    outline = vec![(x - 1, v), (x + 1, v)];
                }
                let (first, last) = (outline[0].0, outline[outline.len() - 1].0);
                let mut shape = outline.clone();
                shape.push((last, base));
                shape.push((first, base));
                area.draw(&Polygon::new(shape, RESERVED.mix(0.35).filled()))?;
                area.draw(&PathElement::new(outline, RESERVED.stroke_width(2)))?;
            }
            // Reserved: a line, broken where there is no data.
            let mut line: Vec<(i32, i32)> = Vec::new();
            let mut last: Option<usize> = None;
            for p in &history.points {
                let Some(total) = p.total else { continue };
                let i = column(p.t);
                if last.is_some_and(|l| i != l + 1) {
                    area.draw(&PathElement::new(
                        std::mem::take(&mut line),
                        ON_DEMAND.stroke_width(2),
                    ))?;
                }
                line.push((frame.x(i), y(total)));
                last = Some(i);
            }
            area.draw(&PathElement::new(line, ON_DEMAND.stroke_width(2)))?;
            for (k, m) in history.markers.iter().enumerate() {
                let x = frame.x(column(m.t));
                area.draw(&plotters::element::DashedPathElement::new(
                    vec![(x, frame.y0), (x, base)],
                    4,
                    4,
                    TEXT_SENTINEL.stroke_width(1),
                ))?;
                let right = x > frame.x0 + frame.w / 2;
                area.draw_text(
                    &m.text,
                    &text_style(if right { HPos::Right } else { HPos::Left }, VPos::Top),
                    (
                        if right { x - 4 } else { x + 4 },
                        frame.y0 + 2 + 14 * k as i32,
                    ),
                )?;
            }
            Ok::<(), DrawingAreaErrorKind<_>>(())
        })();
        drawn.unwrap_or_else(|_| unreachable!("drawing into a String cannot fail"));
    }
    let mut hover = String::new();
    let mut by_column: Vec<Option<&crate::history::DetailPoint>> = vec![None; n];
    for p in &history.points {
        by_column[column(p.t)] = Some(p);
    }
    let value = |v: Option<f64>| {
        v.map(numbers::quantity)
            .unwrap_or_else(|| NO_DATA_TEXT.into())
    };
    for (i, p) in by_column.iter().enumerate() {
        let title = match p {
            Some(p) => format!(
                "{} UTC: {} of {} instances in use (utilization {}).",
                labels[i],
                value(p.used),
                value(p.total),
                p.utilization
                    .map(numbers::percent)
                    .unwrap_or_else(|| NO_DATA_TEXT.into())
            ),
            None => format!("{} UTC: {NO_DATA_TEXT}.", labels[i]),
        };
        hover_column(&mut hover, &frame, i, &title);
    }
    let summary = format!(
        "Instances in use (filled) and reserved (line), {} from {}; {} of {} periods have data. {} unused instance-hours of {} reserved.",
        window.resolution(),
        window.text(),
        history.points.len(),
        n,
        crate::history::hours_text(history.unused_hours),
        crate::history::hours_text(history.reserved_hours),
    );
    finish(svg, "history-chart", &summary, &hover)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{list_window, DetailPoint, Marker};
    use time::macros::datetime;

    #[test]
    fn draws_used_reserved_marks_and_gaps() {
        let window = list_window(1, datetime!(2026-12-03 14:07 UTC));
        let t0 = window.start.unix_timestamp();
        let point = |i: i64, used: f64, total: f64| DetailPoint {
            t: t0 + i * 3600,
            used: Some(used),
            total: Some(total),
            utilization: Some(100.0 * used / total),
        };
        let history = UsageHistory {
            window,
            points: vec![point(2, 1.0, 4.0), point(3, 2.0, 4.0), point(10, 8.0, 8.0)],
            unused_hours: 5.0,
            reserved_hours: 16.0,
            average_utilization: Some(50.0),
            markers: vec![Marker {
                t: t0 + 2 * 3600,
                text: "Reservation started".into(),
            }],
            problems: vec![],
        };
        let svg = history_svg(&history, 800, 300);
        assert!(svg.contains("class=\"history-chart\""));
        assert!(svg.contains("3 of 24 periods have data. 5 unused instance-hours of 16 reserved."));
        assert!(svg.contains("Reservation started"));
        assert_eq!(svg.matches("class=\"hover\"").count(), 24);
        assert!(svg.contains("1 of 4 instances in use (utilization 25.00"));
        assert!(svg.contains("UTC: no data."));
        // Two runs of use (hours 2–3 and 10): two filled shapes.
        assert_eq!(svg.matches("<polygon").count(), 2);
    }
}
