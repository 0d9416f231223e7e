#![cfg(not(target_arch = "wasm32"))]
//! `aws::xml::tree` against roxmltree 0.21 (the reader it replaced): on every generated
//! document both accept or both refuse, and what both accept reads the same (names, texts,
//! child elements). Documents are grown from AWS-like pieces and the corner cases of XML
//! (references, line ends, CDATA, comments, processing instructions, namespaces, duplicate
//! attributes, the declaration, DTDs, node caps), then cut and spliced at random.

#[path = "support/xml_oracle.rs"]
mod oracle;

use lens_core::aws::xml::Document;

/// splitmix64: the same documents every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Picks from a pool whose first `good` entries are well-formed, taking the rest (the corner
/// cases, most of them errors) `tricky` percent of the time.
fn pick<'a>(rng: &mut Rng, pool: &[&'a str], good: usize, tricky: usize) -> &'a str {
    if rng.chance(tricky) {
        rng.pick(pool)
    } else {
        rng.pick(&pool[..good])
    }
}

const NAMES: &[&str] = &[
    "item",
    "item",
    "item",
    "requestId",
    "capacityReservationSet",
    "\u{e9}t\u{e9}",
    "a.b-c_d",
    "x\u{b7}y",
    "p:item",
    "q:item",
    "xml:a",
    "xmlns:a",
    ":a",
    "a:",
    "1a",
    "a:b:c",
    "p:xmlns",
    "\u{300}a",
];
const GOOD_NAMES: usize = 8;

const ATTRIBUTES: &[&str] = &[
    r#" x="1""#,
    " y='1'",
    r#" xmlns="http://ec2.amazonaws.com/doc/2016-11-15/""#,
    r#" xml:lang="en""#,
    r#" z="a&amp;b""#,
    " w=\"&#x9;\t\r\n\r\"",
    r#" v = "1""#,
    r#" xmlns:p="u" p:x="1" x="2""#,
    r#" xmlns:p="u""#,
    r#" xmlns:q="&#117;""#,
    r#" xmlns:xml="http://www.w3.org/XML/1998/namespace""#,
    r#" a:xmlns="u""#,
    // Corner cases, most of them errors.
    r#" p:x="1""#,
    r#" xmlns:p="v""#,
    r#" xmlns:p="""#,
    r#" xmlns:xml="u""#,
    r#" xmlns:p="http://www.w3.org/XML/1998/namespace""#,
    r#" xmlns="http://www.w3.org/XML/1998/namespace""#,
    r#" xmlns="http://www.w3.org/2000/xmlns/""#,
    r#" xmlns:p="http://www.w3.org/2000/xmlns/""#,
    r#" xmlns:xmlns="u""#,
    r#" x="<""#,
    r#" x="&bad;""#,
    r#" x="&amp""#,
    r#" x="1" x="2""#,
    r#" xmlns:p="u" xmlns:q="u" p:x="1" q:x="2""#,
    r#"x="1""#,
    r#" x="1"y="2""#,
    " x=1",
    " x=\"\u{1}\"",
];
const GOOD_ATTRIBUTES: usize = 12;

const TEXTS: &[&str] = &[
    "t2.medium",
    "active",
    "123456789012",
    " ",
    "\n  ",
    "\r\n",
    "\r",
    "a\rb",
    "a\r\nb",
    "&amp;",
    "&lt;&gt;&quot;&apos;",
    "&#65;",
    "&#x41;",
    "&#13;",
    "&#13;\n",
    "&#13;\r",
    "\r&#65;",
    "&#65;\r",
    "&#xD800;",
    "&#9;",
    "]]",
    ">",
    "\u{e9}\u{20ac}\u{1f600}",
    "\u{7f}\u{80}",
    "\t",
    "2026-11-23T10:30:10.000Z",
    // Corner cases, most of them errors.
    "&#0;",
    "&#x110000;",
    "&#X41;",
    "&#;",
    "&#x;",
    "&bogus;",
    "&",
    "& ",
    "]]>",
    "\u{1}",
    "\u{fffe}",
];
const GOOD_TEXTS: usize = 26;

const OTHERS: &[&str] = &[
    "<![CDATA[x]]>",
    "<![CDATA[]]>",
    "<![CDATA[a\r\nb\rc]]>",
    "<![CDATA[<&>]]]>",
    "<!--c-->",
    "<!---->",
    "<?pi x?>",
    "<?pi?>",
    "<?pi x?y?>",
    "<?xml?>",
    "<?xml-stylesheet a?>",
    // Corner cases, most of them errors.
    "<![CDATA[x",
    "<!--a--b-->",
    "<!--a--->",
    "<!-- x",
    "<?xml x?>",
    "<? a?>",
    "<!x>",
    "</>",
    "<",
];
const GOOD_OTHERS: usize = 11;

const PROLOGS: &[&str] = &[
    "",
    "",
    r#"<?xml version="1.0"?>"#,
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    "<?xml version='1.0' standalone='yes'?>",
    r#"<?xml version="1.0" encoding="UTF-8" standalone="no" ?>"#,
    r#"<?xml  version="1.0" ?>"#,
    r#"<?xml versionx="1.0" encodingz="x"?>"#,
    "\u{feff}",
    " \n",
    "<!--c-->\n",
    "<?pi?>",
    // Corner cases, most of them errors.
    r#"<?xml encoding="x"?>"#,
    r#"<?xml version="1.0"encoding="x"?>"#,
    r#"<?xml version="<"?>"#,
    "<?xml ",
    "<!DOCTYPE a>",
    "<!DOCTYPE a [<!ENTITY e \"x\">]>",
    "x",
];
const GOOD_PROLOGS: usize = 12;

const EPILOGS: &[&str] = &[
    "",
    "",
    "\n",
    "<!--c-->",
    "<?pi?>",
    " <!--a--> \n",
    "x",
    "<a/>",
    "</a>",
];
const GOOD_EPILOGS: usize = 6;

fn element(rng: &mut Rng, depth: usize, tricky: usize, out: &mut String) {
    let name = pick(rng, NAMES, GOOD_NAMES, tricky);
    out.push('<');
    out.push_str(name);
    for _ in 0..rng.below(3) {
        if rng.chance(40) {
            out.push_str(pick(rng, ATTRIBUTES, GOOD_ATTRIBUTES, tricky));
        }
    }
    if rng.chance(10) {
        out.push(' ');
    }
    if rng.chance(20) {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for _ in 0..rng.below(if depth < 4 { 5 } else { 2 }) {
        match rng.below(10) {
            4..=6 if depth < 4 => element(rng, depth + 1, tricky, out),
            7 => out.push_str(pick(rng, OTHERS, GOOD_OTHERS, tricky)),
            _ => out.push_str(pick(rng, TEXTS, GOOD_TEXTS, tricky)),
        }
    }
    let ends = if rng.chance(tricky) { 4 } else { 40 };
    match rng.below(ends) {
        0 => {}
        1 => out.push_str("</other>"),
        2 => {
            out.push_str("</");
            out.push_str(name);
            out.push_str(" >");
        }
        3 => {
            out.push_str("</");
            out.push_str(name);
        }
        _ => {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A document: a prolog, a root, an epilog, then (sometimes) cut and spliced.
fn document(rng: &mut Rng) -> String {
    let tricky = [0, 0, 3, 10, 30][rng.below(5)];
    let mut out = String::new();
    for _ in 0..rng.below(3) {
        out.push_str(pick(rng, PROLOGS, GOOD_PROLOGS, tricky));
    }
    element(rng, 0, tricky, &mut out);
    out.push_str(pick(rng, EPILOGS, GOOD_EPILOGS, tricky));
    let mutations = if rng.chance(30) { 1 + rng.below(3) } else { 0 };
    for _ in 0..mutations {
        let (a, b) = (boundary(&out, rng), boundary(&out, rng));
        let (a, b) = (a.min(b), a.max(b));
        match rng.below(3) {
            0 => out.replace_range(a..b, ""),
            1 => {
                let piece = out[a..b].to_owned();
                out.insert_str(b, &piece);
            }
            _ => {
                let pools = [TEXTS, OTHERS, ATTRIBUTES, NAMES];
                let pool = pools[rng.below(pools.len())];
                let piece = rng.pick(pool);
                out.insert_str(a, piece);
            }
        }
    }
    out
}

#[test]
fn reads_every_generated_document_as_roxmltree_does() {
    let mut rng = Rng(0x786d_6c5f_7472_6565);
    let (mut read, mut refused) = (0, 0);
    for _ in 0..60_000 {
        let text = document(&mut rng);
        let limit = [4, 7, 12, 30, 2_000_000, 2_000_000, 2_000_000][rng.below(7)];
        if let Some(difference) = oracle::difference(&text, limit) {
            panic!("{difference}\nlimit {limit}, document {text:?}");
        }
        match Document::parse(&text, limit) {
            Ok(_) => read += 1,
            Err(_) => refused += 1,
        }
    }
    // Both outcomes are exercised in earnest, not one of them by accident.
    eprintln!("read {read}, refused {refused}");
    assert!(
        read > 15_000 && refused > 15_000,
        "read {read}, refused {refused}"
    );
}

#[test]
fn reads_aws_answers_as_roxmltree_does() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let mut seen = 0;
    let mut stack = vec![std::path::PathBuf::from(fixtures)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Some(difference) = oracle::difference(&text, 2_000_000) {
                    panic!("{}: {difference}", path.display());
                }
                assert!(
                    Document::parse(&text, 2_000_000).is_ok(),
                    "{}",
                    path.display()
                );
                seen += 1;
            }
        }
    }
    assert!(
        seen >= 10,
        "only {seen} XML fixtures found under {fixtures}"
    );
}

#[test]
fn reads_names_texts_and_children() {
    let text = "<?xml version=\"1.0\"?>\n<p:R xmlns:p=\"u\"><a>t2.<!-- x -->me<?pi?>d&amp;<![CDATA[<i>]]>\r\n<b/>tail</a><c></c><p:d>&#13;\n</p:d></p:R>";
    let doc = Document::parse(text, 100).unwrap();
    let root = doc.root_element();
    assert_eq!(root.name(), "R");
    let children: Vec<_> = root.children().map(|c| (c.name(), c.text())).collect();
    assert_eq!(children, [("a", "t2.med&<i>\n"), ("c", ""), ("d", "\r\n")]);
    let a = root.children().next().unwrap();
    assert_eq!(a.children().map(|c| c.name()).collect::<Vec<_>>(), ["b"]);
}

#[test]
fn refusals_name_what_and_where() {
    let cases = [
        ("<a><b></a>", "</a> where </b> was expected at 1:7"),
        (
            "<a>\n  &bogus;</a>",
            "an unknown entity 'bogus' (no DTD) at 2:3",
        ),
        (
            "<!DOCTYPE a><a/>",
            "a DTD (<!DOCTYPE>), which is refused at 1:1",
        ),
        (
            "<a x=\"1\" x=\"2\"/>",
            "the attribute 'x' given twice at 1:10",
        ),
        ("<p:a/>", "an unknown namespace prefix 'p' at 1:2"),
        ("<a>", "the root element was opened but never closed at 1:4"),
        ("", "no root element at 1:1"),
        ("<a/><b/>", "unexpected content at 1:5"),
        (
            "<a>\u{1}</a>",
            "a character XML does not allow (U+0001) at 1:4",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(
            Document::parse(text, 100).err().as_deref(),
            Some(message),
            "{text:?}"
        );
    }
    let err = Document::parse("<a><b/><b/></a>", 3).err().unwrap();
    assert!(
        err.starts_with("more XML nodes than the reader allows"),
        "{err}"
    );
    assert!(Document::parse("<a><b/><b/></a>", 4).is_ok());
}

/// roxmltree keeps at most 65,536 distinct (prefix, URI) pairs in a document, `xml`'s
/// included; a pair declared again is not a new one. (Declared on siblings: on one element,
/// both readers check each declaration against the element's others, so 65,536 of them take
/// minutes in a debug build.)
#[test]
fn caps_namespaces_as_roxmltree_does() {
    let on_children = |n: usize, distinct: bool| {
        let children: String = (0..n)
            .map(|i| format!("<e xmlns:p=\"u{}\"/>", if distinct { i } else { 0 }))
            .collect();
        format!("<r>{children}</r>")
    };
    for (text, reads) in [
        (on_children(65_535, true), true),
        (on_children(65_536, true), false),
        (on_children(70_000, false), true),
    ] {
        if let Some(difference) = oracle::difference(&text, 2_000_000) {
            panic!("{difference}");
        }
        let ours = Document::parse(&text, 2_000_000);
        assert_eq!(ours.is_ok(), reads, "{:?}", ours.err());
    }
}
