//! Table bodies as HTML text. Large tables (thousands of accounts) are built as one string and
//! set with `inner_html`: one pass, no per-cell reactive nodes, and far less generated code
//! than a `view!` per row. Every value is escaped.

use std::fmt::Write;

pub use crate::html::escape;

/// One cell of a row.
pub enum Cell<'a> {
    /// Plain text.
    Text(&'a str),
    /// Long text that may wrap (tags), so the table fits the window.
    Wrap(&'a str),
    /// A link.
    Link { href: &'a str, text: &'a str },
    /// A labelled badge with hover text.
    Badge {
        class: &'a str,
        title: &'a str,
        text: &'a str,
    },
    /// A row heading.
    Heading(&'a str),
    /// A figure as people read it (right-aligned, tabular figures), with AWS's exact text or
    /// other detail on hover.
    Number {
        text: &'a str,
        title: Option<&'a str>,
        class: Option<&'a str>,
    },
}

/// Appends `<tr>` with `cells` (and an optional class and title) to `html`.
pub fn push_row(html: &mut String, class: Option<&str>, title: Option<&str>, cells: &[Cell<'_>]) {
    html.push_str("<tr");
    if let Some(c) = class {
        let _ = write!(html, " class=\"{}\"", escape(c));
    }
    if let Some(t) = title {
        let _ = write!(html, " title=\"{}\"", escape(t));
    }
    html.push('>');
    for cell in cells {
        let _ = match cell {
            Cell::Text(t) => write!(html, "<td>{}</td>", escape(t)),
            Cell::Wrap(t) => write!(html, "<td class=\"wrap\">{}</td>", escape(t)),
            Cell::Link { href, text } => {
                write!(
                    html,
                    "<td><a href=\"{}\">{}</a></td>",
                    escape(href),
                    escape(text)
                )
            }
            Cell::Badge { class, title, text } => write!(
                html,
                "<td><span class=\"{}\" title=\"{}\">{}</span></td>",
                escape(class),
                escape(title),
                escape(text)
            ),
            Cell::Heading(t) => write!(html, "<th scope=\"row\">{}</th>", escape(t)),
            Cell::Number { text, title, class } => {
                html.push_str("<td class=\"num\"");
                if let Some(t) = title {
                    let _ = write!(html, " title=\"{}\"", escape(t));
                }
                match class {
                    Some(c) => write!(
                        html,
                        "><span class=\"{}\">{}</span></td>",
                        escape(c),
                        escape(text)
                    ),
                    None => write!(html, ">{}</td>", escape(text)),
                }
            }
        };
    }
    html.push_str("</tr>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_escaped() {
        let mut html = String::new();
        push_row(
            &mut html,
            Some("idle"),
            Some("Idle: \"x\""),
            &[
                Cell::Heading("a<b"),
                Cell::Text("x & y"),
                Cell::Wrap("a=b, c=d"),
                Cell::Link {
                    href: "#/capacity?region=us&id=cr-1",
                    text: "cr-1",
                },
                Cell::Badge {
                    class: "state state-active",
                    title: "it's up",
                    text: "active",
                },
                Cell::Number {
                    text: "1,008",
                    title: Some("1008.0 <exact>"),
                    class: None,
                },
                Cell::Number {
                    text: "66.97\u{a0}%",
                    title: None,
                    class: Some("band \"x\""),
                },
            ],
        );
        assert_eq!(
            html,
            "<tr class=\"idle\" title=\"Idle: &quot;x&quot;\"><th scope=\"row\">a&lt;b</th>\
             <td>x &amp; y</td><td class=\"wrap\">a=b, c=d</td><td><a href=\"#/capacity?region=us&amp;id=cr-1\">cr-1</a></td>\
             <td><span class=\"state state-active\" title=\"it&#39;s up\">active</span></td>\
             <td class=\"num\" title=\"1008.0 &lt;exact&gt;\">1,008</td>\
             <td class=\"num\"><span class=\"band &quot;x&quot;\">66.97\u{a0}%</span></td></tr>"
        );
    }
}
