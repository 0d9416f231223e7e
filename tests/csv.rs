#![cfg(not(target_arch = "wasm32"))]
//! CSV bytes: RFC 4180 quoting, CRLF, exact text, and formula-injection defence.

use lens_core::csv::{formula_safe, is_plain_number, to_csv, write_field, CsvTable, UTF8_BOM};

fn field(cell: &str) -> String {
    let mut out = String::new();
    write_field(&mut out, cell);
    out
}

#[test]
fn header_rows_and_crlf() {
    let csv = to_csv(&["a", "b"], [["1", "2"], ["3", "4"]]);
    assert_eq!(csv, "a,b\r\n1,2\r\n3,4\r\n");
    assert_eq!(to_csv(&["only"], Vec::<Vec<&str>>::new()), "only\r\n");
    let mut t = CsvTable::new(["x", "y"]);
    t.push_row(vec![String::from(""), String::from("")]);
    assert_eq!(t.finish(), "x,y\r\n,\r\n", "empty cells stay empty");
}

#[test]
fn quoting() {
    assert_eq!(field("plain"), "plain");
    assert_eq!(field("a,b"), "\"a,b\"");
    assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(field("line1\nline2"), "\"line1\nline2\"");
    assert_eq!(field("line1\r\nline2"), "\"line1\r\nline2\"");
    assert_eq!(
        field(" padded "),
        " padded ",
        "spaces are data, not a reason to quote"
    );
    assert_eq!(field("\""), "\"\"\"\"");
}

#[test]
fn unicode_and_exact_text_pass_through() {
    let csv = to_csv(
        &["tag", "value"],
        [
            ["équipe=données", "日本語 🚀"],
            ["1.50", "2026-11-23T10:30:10.000Z"],
        ],
    );
    assert_eq!(
        csv.as_bytes(),
        "tag,value\r\néquipe=données,日本語 🚀\r\n1.50,2026-11-23T10:30:10.000Z\r\n".as_bytes()
    );
    assert!(
        !csv.starts_with(UTF8_BOM),
        "no BOM unless the caller adds one"
    );
    assert_eq!(field("1e5"), "1e5", "numbers are never reformatted");
    assert_eq!(field("007"), "007");
}

#[test]
fn formula_injection_is_neutralised() {
    for (cell, out) in [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        (
            "=HYPERLINK(\"http://x\",\"y\")",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        ),
        ("\t=1", "'\t=1"),
        ("\r=1", "\"'\r=1\""),
        ("\n=1", "\"'\n=1\""),
        ("=a,b", "\"'=a,b\""),
        ("-5+3", "'-5+3"),
        ("-1e5", "'-1e5"),
        ("--5", "'--5"),
        ("-", "'-"),
        ("-.5", "'-.5"),
        ("-5.", "'-5."),
    ] {
        assert_eq!(field(cell), out, "{cell:?}");
    }
    // Plain numbers stay numbers, so sums still work.
    for n in ["-5", "-0.25", "0", "12", "62.5", "-100.0"] {
        assert_eq!(field(n), n);
        assert!(is_plain_number(n));
    }
    // Only the first character matters; inner `=` is fine.
    assert_eq!(formula_safe("env=prod"), "env=prod");
    assert_eq!(formula_safe(""), "");
    // A whole row through the writer.
    assert_eq!(
        to_csv(&["=h"], [["@x"]]),
        "'=h\r\n'@x\r\n",
        "headers are protected too"
    );
}
