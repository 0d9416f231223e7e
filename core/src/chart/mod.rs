//! Charts drawn with plotters against any `DrawingBackend`; the app renders them to SVG
//! strings, which native tests read too.

mod coverage;
mod history;
mod svg;
mod usage_bars;

pub use coverage::{
    coverage_lines_svg, coverage_stack_svg, css_colour, nice_ceiling, number_text, parts_stack_svg,
    percent_lines_svg, percent_text, series_colour, Frame, LineWords, StackWords, ON_DEMAND,
    RESERVED,
};
pub use history::{history_svg, NO_DATA_TEXT};
pub use usage_bars::{draw_usage_bars, usage_bars_svg, UsageBarsStyle, NO_USAGE_TEXT};
