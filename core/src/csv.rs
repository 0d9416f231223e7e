//! CSV export (RFC 4180) that is safe to open in a spreadsheet.
//!
//! - Fields are separated by `,`, records end with CRLF, the first record is the header.
//! - A field is quoted when it holds `,`, `"`, CR or LF; a `"` inside is doubled.
//! - Text goes out exactly as given (UTF-8, no BOM, no number reformatting): callers pass the
//!   text they showed, e.g. AWS's own timestamp text.
//!
//! **Formula injection** (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, tab,
//! CR or LF may be run as a formula by Excel, LibreOffice or Google Sheets. Such cells get a
//! leading `'`, which spreadsheets show as text and never evaluate. Tags and names come from
//! other people's accounts, so this is not hypothetical.
//!
//! Exception, deliberately: a cell that is a plain decimal number (`-5`, `-0.25`, `12`,
//! `62.5`, pattern `-?digits[.digits]`) is left alone. Such a cell cannot contain a function call
//! or a reference, so it cannot be a payload, and prefixing it would turn a number into text and
//! break sums. Anything else that starts with `-` (`-5+3`, `-1e5`, `--x`) is prefixed: the
//! exception is only as wide as "one number". A leading `+` is always prefixed (`+5` is read as
//! a formula by some spreadsheets, and we never write numbers that way).
//!
//! No byte-order mark: the file is plain RFC 4180 UTF-8. Excel on Windows needs one to read
//! non-ASCII text correctly; a download button can prepend [`UTF8_BOM`].

use std::borrow::Cow;

/// The UTF-8 byte-order mark, for a download meant for Excel.
pub const UTF8_BOM: &str = "\u{feff}";

/// A CSV document being written: a header, then rows of the same width.
#[derive(Clone, Debug)]
pub struct CsvTable {
    out: String,
    width: usize,
}

impl CsvTable {
    /// Starts a document with its header row.
    pub fn new<I, S>(header: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut table = CsvTable {
            out: String::new(),
            width: 0,
        };
        table.width = table.write_record(header);
        table
    }

    /// Adds a row. Rows should be as wide as the header (RFC 4180 §2.4); a mismatch is a
    /// programming error, caught by a debug assertion, and the row is still written.
    pub fn push_row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let written = self.write_record(cells);
        debug_assert_eq!(written, self.width, "CSV row width differs from the header");
    }

    /// The document's text.
    pub fn finish(self) -> String {
        self.out
    }

    fn write_record<I, S>(&mut self, cells: I) -> usize
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut n = 0;
        for cell in cells {
            if n > 0 {
                self.out.push(',');
            }
            write_field(&mut self.out, cell.as_ref());
            n += 1;
        }
        self.out.push_str("\r\n");
        n
    }
}

/// Writes `header` and `rows` as one CSV document.
pub fn to_csv<R, S>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut table = CsvTable::new(header);
    for row in rows {
        table.push_row(row);
    }
    table.finish()
}

/// Appends one field: made formula-safe, then quoted if needed.
pub fn write_field(out: &mut String, cell: &str) {
    let safe = formula_safe(cell);
    if safe.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&safe.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&safe);
    }
}

/// The cell with a leading `'` if a spreadsheet could read it as a formula (see the module
/// docs for the rule and its one exception).
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\n'));
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-?digits(.digits)?`, nothing else.
pub fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}
