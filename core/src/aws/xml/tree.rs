//! AWS's XML read into a tree of elements: each element's local name, its text before its
//! first child element, and its child elements. That is all the EC2 and query-protocol readers
//! look at (`aws::xml`), so attributes, comments and processing instructions are checked and
//! dropped.
//!
//! What it accepts and how it reads it is roxmltree 0.21's, the reader the app used before
//! (a port of its tokenizer and tree builder, MIT or Apache-2.0, less the DTD support, which
//! was refused there too): well-formedness, XML characters, names, references, line ends,
//! namespace prefixes bound and attributes unique by expanded name, the node cap and the
//! namespace cap. A
//! differential test holds the two to the same answer on every generated document
//! (`tests/xml_tree.rs`), and so does the `xml_tree` fuzz target. It is written here because
//! roxmltree's whole DOM (attributes, namespaces, DTD entities, positions, its iterators) was
//! 21 KB of the app's wasm for this (BENCHMARKS.md, "Custom sections stripped, and XML read
//! by a tree of our own").

use std::borrow::Cow;

/// An element of the tree (index 0 is the root element; 0 as a link means "none", since the
/// root is nobody's child or sibling).
struct Element<'i> {
    name: &'i str,
    text: Cow<'i, str>,
    first_child: u32,
    next_sibling: u32,
}

/// A parsed document.
pub struct Document<'i> {
    elements: Vec<Element<'i>>,
}

/// An element of a [`Document`].
#[derive(Clone, Copy)]
pub struct Node<'a, 'i> {
    doc: &'a Document<'i>,
    id: u32,
}

impl<'i> Document<'i> {
    /// Reads `text`. `nodes_limit` caps the nodes roxmltree would have made (the document,
    /// elements, text runs, comments, processing instructions), which bounds the tree; the
    /// namespaces in scope are kept as roxmltree keeps them, two bytes per element and
    /// namespace for the elements that declare one.
    pub fn parse(text: &'i str, nodes_limit: u32) -> Result<Document<'i>, String> {
        let mut p = Parser {
            text,
            b: text.as_bytes(),
            pos: 0,
            elements: Vec::new(),
            open: Vec::new(),
            values: vec![(Some("xml"), Cow::Borrowed(XML_URI))],
            sorted: vec![0],
            ns: vec![0],
            nodes: 1,
            limit: nodes_limit,
            in_text: false,
        };
        p.document()?;
        Ok(Document {
            elements: p.elements,
        })
    }

    /// The root element.
    pub fn root_element(&self) -> Node<'_, 'i> {
        Node { doc: self, id: 0 }
    }
}

impl<'a, 'i> Node<'a, 'i> {
    fn data(self) -> &'a Element<'i> {
        &self.doc.elements[self.id as usize]
    }

    /// The local name (the part after a namespace prefix).
    pub fn name(self) -> &'i str {
        self.data().name
    }

    /// The text before the first child element, references and line ends resolved, CDATA
    /// included; `""` when there is none (an empty element is `""` in botocore too, not
    /// absent). Text split by comments or processing instructions (`t2.<!-- x -->medium`) is
    /// joined, as botocore's ElementTree reads it (it drops both); text after a child element
    /// is not the element's (ElementTree keeps it as the child's tail).
    pub fn text(self) -> &'a str {
        &self.data().text
    }

    /// The child elements, in order.
    pub fn children(self) -> Children<'a, 'i> {
        Children {
            doc: self.doc,
            next: self.data().first_child,
        }
    }
}

/// The child elements of a [`Node`].
pub struct Children<'a, 'i> {
    doc: &'a Document<'i>,
    next: u32,
}

impl<'a, 'i> Iterator for Children<'a, 'i> {
    type Item = Node<'a, 'i>;

    fn next(&mut self) -> Option<Node<'a, 'i>> {
        if self.next == 0 {
            return None;
        }
        let node = Node {
            doc: self.doc,
            id: self.next,
        };
        self.next = node.data().next_sibling;
        Some(node)
    }
}

const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_URI: &str = "http://www.w3.org/2000/xmlns/";

/// An element whose content is being read.
struct Open<'i> {
    id: u32,
    prefix: &'i str,
    last_child: u32,
    /// Its namespaces in scope: `ns[start..end]`.
    ns: (usize, usize),
}

/// An attribute of the start tag being read: prefix, local name, where it starts.
type Attribute<'i> = (&'i str, &'i str, usize);

struct Parser<'i> {
    text: &'i str,
    b: &'i [u8],
    pos: usize,
    elements: Vec<Element<'i>>,
    open: Vec<Open<'i>>,
    /// The distinct (prefix, URI) pairs declared in the document, `xml`'s first, as
    /// roxmltree's `Namespaces::values` (at most 65,536 of them, as there).
    values: Vec<(Option<&'i str>, Cow<'i, str>)>,
    /// `values` indices sorted by pair, to find a pair declared before.
    sorted: Vec<u16>,
    /// roxmltree's `tree_order`: for each element that declares namespaces, its own
    /// declarations then a copy of each of its parent's it does not redeclare (an index into
    /// `values`, two bytes). An element's namespaces in scope are a range of it (`Open::ns`).
    ns: Vec<u16>,
    /// Nodes so far, the document node included (as roxmltree counts them).
    nodes: u32,
    limit: u32,
    /// The last node was text (the next text run joins it, as one node).
    in_text: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_name_start_byte(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b':' | b'_')
}

fn is_name_byte(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b':' | b'_' | b'-' | b'.')
}

fn is_name_start(c: char) -> bool {
    if c as u32 <= 128 {
        return is_name_start_byte(c as u8);
    }
    matches!(c as u32,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D | 0x37F..=0x1FFF
        | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF | 0x3001..=0xD7FF
        | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
}

fn is_name_char(c: char) -> bool {
    if c as u32 <= 128 {
        return is_name_byte(c as u8);
    }
    is_name_start(c) || matches!(c as u32, 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
}

fn is_xml_char(c: char) -> bool {
    if (c as u32) < 0x20 {
        return is_space(c as u8);
    }
    !matches!(c as u32, 0xFFFE | 0xFFFF)
}

fn not_xml_char(c: char) -> String {
    format!("a character XML does not allow (U+{:04X})", c as u32)
}

/// Text as roxmltree's `TextBuffer` builds it: line ends folded to `\n` (`push_text`), or
/// attribute whitespace to spaces (`push_attr`); characters from references pushed as they
/// are (`push_raw`).
struct Buffer(Vec<u8>);

impl Buffer {
    fn push_attr(&mut self, current: u8, next: Option<u8>) {
        if current == b'\r' && next == Some(b'\n') {
            return;
        }
        self.0.push(match current {
            b'\n' | b'\r' | b'\t' => b' ',
            c => c,
        });
    }

    fn push_text(&mut self, c: u8, at_end: bool) {
        if let Some(last) = self.0.last_mut().filter(|l| **l == b'\r') {
            *last = b'\n';
            if at_end && c == b'\r' {
                self.0.push(b'\n');
            } else if c != b'\n' {
                self.0.push(c);
            }
        } else if at_end && c == b'\r' {
            self.0.push(b'\n');
        } else {
            self.0.push(c);
        }
    }

    fn push_raw(&mut self, c: char) {
        let mut utf8 = [0; 4];
        self.0
            .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }

    fn finish(self) -> String {
        // Valid UTF-8: the input's bytes in order (only ASCII ones, `\r`, `\n` and `\t`,
        // rewritten or dropped), and whole characters from references.
        String::from_utf8(self.0).unwrap_or_default()
    }
}

impl<'i> Parser<'i> {
    // ---- errors and positions ----

    fn fail<T>(&self, at: usize, what: &str) -> Result<T, String> {
        let before = &self.text[..at.min(self.text.len())];
        let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Err(format!("{what} at {line}:{column}"))
    }

    fn fail_here<T>(&self, what: &str) -> Result<T, String> {
        self.fail(self.pos, what)
    }

    // ---- the stream ----

    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn cur(&self) -> Result<u8, String> {
        match self.b.get(self.pos) {
            Some(b) => Ok(*b),
            None => self.fail_here("unexpected end of the document"),
        }
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.b[self.pos..].starts_with(s)
    }

    fn starts_with_space(&self) -> bool {
        self.b.get(self.pos).is_some_and(|b| is_space(*b))
    }

    fn skip_spaces(&mut self) {
        while self.starts_with_space() {
            self.pos += 1;
        }
    }

    fn consume_spaces(&mut self) -> Result<(), String> {
        if !self.starts_with_space() {
            self.cur()?;
            return self.fail_here("expected a whitespace");
        }
        self.skip_spaces();
        Ok(())
    }

    fn consume_byte(&mut self, c: u8) -> Result<(), String> {
        if self.cur()? != c {
            return self.fail_here(&format!("expected '{}'", c as char));
        }
        self.pos += 1;
        Ok(())
    }

    fn skip_string(&mut self, s: &str) -> Result<(), String> {
        if !self.starts_with(s.as_bytes()) {
            return self.fail_here(&format!("expected '{s}'"));
        }
        self.pos += s.len();
        Ok(())
    }

    /// Characters while `go(rest)` holds, each an XML character; returns them.
    fn chars_while(&mut self, go: impl Fn(&[u8], char) -> bool) -> Result<&'i str, String> {
        let start = self.pos;
        let text = self.text;
        for c in text[start..].chars() {
            if !is_xml_char(c) {
                return self.fail_here(&not_xml_char(c));
            }
            if !go(&self.b[self.pos..], c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        Ok(&text[start..self.pos])
    }

    fn name(&mut self) -> Result<&'i str, String> {
        let start = self.pos;
        let mut chars = self.text[start..].chars();
        if let Some(c) = chars.next() {
            if !is_name_start(c) {
                return self.fail(start, "an invalid name");
            }
            self.pos += c.len_utf8();
        }
        for c in chars {
            if !is_name_char(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        if self.pos == start {
            return self.fail(start, "an invalid name");
        }
        Ok(&self.text[start..self.pos])
    }

    /// A qualified name: (prefix, local name); the prefix is `""` when there is none.
    fn qname(&mut self) -> Result<(&'i str, &'i str), String> {
        let start = self.pos;
        let mut colon = None;
        while let Some(&b) = self.b.get(self.pos) {
            if b < 128 {
                if b == b':' {
                    if colon.is_some() {
                        return self.fail(start, "an invalid name");
                    }
                    colon = Some(self.pos);
                    self.pos += 1;
                } else if is_name_byte(b) {
                    self.pos += 1;
                } else {
                    break;
                }
            } else {
                match self.text[self.pos..].chars().next() {
                    Some(c) if is_name_char(c) => self.pos += c.len_utf8(),
                    _ => break,
                }
            }
        }
        let (prefix, local) = match colon {
            Some(at) => (&self.text[start..at], &self.text[at + 1..self.pos]),
            None => ("", &self.text[start..self.pos]),
        };
        let starts_well = |s: &str| s.chars().next().is_some_and(is_name_start);
        if (!prefix.is_empty() && !starts_well(prefix)) || !starts_well(local) {
            return self.fail(start, "an invalid name");
        }
        Ok((prefix, local))
    }

    /// `Name S? = S? quote`, returning the quote.
    fn eq_quote(&mut self) -> Result<u8, String> {
        self.skip_spaces();
        self.consume_byte(b'=')?;
        self.skip_spaces();
        let quote = self.cur()?;
        if quote != b'"' && quote != b'\'' {
            return self.fail_here("expected a quote");
        }
        self.pos += 1;
        Ok(quote)
    }

    /// The character a reference names, read after its `&` (at `start`), as roxmltree's
    /// `consume_reference` reads it. Entities other than the five predefined are errors: there
    /// is no DTD to declare them.
    fn reference(&mut self, start: usize) -> Result<char, String> {
        let c = if self.b.get(self.pos) == Some(&b'#') {
            self.pos += 1;
            let radix = if self.b.get(self.pos) == Some(&b'x') {
                self.pos += 1;
                16
            } else {
                10
            };
            let digits = self.pos;
            while self.b.get(self.pos).is_some_and(|b| {
                if radix == 16 {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            }) {
                self.pos += 1;
            }
            let c = u32::from_str_radix(&self.text[digits..self.pos], radix)
                .ok()
                .map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))
                .filter(|c| is_xml_char(*c));
            match c {
                Some(c) => c,
                None => return self.fail(start, "a malformed reference"),
            }
        } else {
            let Ok(name) = self.name() else {
                return self.fail(start, "a malformed reference");
            };
            match name {
                "quot" => '"',
                "amp" => '&',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                _ => {
                    if self.b.get(self.pos) != Some(&b';') {
                        return self.fail(start, "a malformed reference");
                    }
                    return self.fail(start, &format!("an unknown entity '{name}' (no DTD)"));
                }
            }
        };
        if self.b.get(self.pos) != Some(&b';') {
            return self.fail(start, "a malformed reference");
        }
        self.pos += 1;
        Ok(c)
    }

    /// An attribute value (`start..end` of the input) normalized as XML says.
    fn attribute_value(&mut self, start: usize, end: usize) -> Result<Cow<'i, str>, String> {
        let raw = &self.b[start..end];
        if !raw
            .iter()
            .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
        {
            return Ok(Cow::Borrowed(&self.text[start..end]));
        }
        let after = self.pos;
        self.pos = start;
        let mut buf = Buffer(Vec::new());
        while self.pos < end {
            let c = self.b[self.pos];
            if c != b'&' {
                self.pos += 1;
                buf.push_attr(c, (self.pos < end).then(|| self.b[self.pos]));
                continue;
            }
            let at = self.pos;
            self.pos += 1;
            // A reference cannot run past the value: its `;` would have to be the quote.
            let c = self.reference(at)?;
            buf.push_raw(c);
        }
        self.pos = after;
        Ok(Cow::Owned(buf.finish()))
    }

    // ---- nodes ----

    fn count_node(&mut self) -> Result<(), String> {
        if self.nodes >= self.limit {
            return self.fail_here("more XML nodes than the reader allows");
        }
        self.nodes += 1;
        Ok(())
    }

    fn other_node(&mut self) -> Result<(), String> {
        self.in_text = false;
        self.count_node()
    }

    /// A run of text of the open element: joined to its text when it has no child element yet.
    fn text_piece(&mut self, piece: Cow<'i, str>) -> Result<(), String> {
        if !self.in_text {
            self.count_node()?;
            self.in_text = true;
        }
        let Some(open) = self.open.last() else {
            return Ok(());
        };
        if open.last_child != 0 {
            return Ok(());
        }
        let text = &mut self.elements[open.id as usize].text;
        if text.is_empty() {
            *text = piece;
        } else {
            text.to_mut().push_str(&piece);
        }
        Ok(())
    }

    // ---- the grammar ----

    fn document(&mut self) -> Result<(), String> {
        if self.starts_with("\u{feff}".as_bytes()) {
            self.pos += 3;
        }
        self.declaration()?;
        self.misc()?;
        self.skip_spaces();
        if self.starts_with(b"<!DOCTYPE") {
            return self.fail_here("a DTD (<!DOCTYPE>), which is refused");
        }
        self.skip_spaces();
        if self.b.get(self.pos) == Some(&b'<') && self.start_tag()? {
            self.content()?;
        }
        self.misc()?;
        if !self.at_end() {
            return self.fail_here("unexpected content");
        }
        if self.elements.is_empty() {
            return self.fail_here("no root element");
        }
        if !self.open.is_empty() {
            return self.fail_here("the root element was opened but never closed");
        }
        Ok(())
    }

    fn declaration(&mut self) -> Result<(), String> {
        if !self.starts_with(b"<?xml ") {
            return Ok(());
        }
        self.pos += 5;
        self.declaration_spaces()?;
        if !self.starts_with(b"version") {
            return self.skip_string("version");
        }
        self.declaration_attribute()?;
        self.declaration_spaces()?;
        if self.starts_with(b"encoding") {
            self.declaration_attribute()?;
            self.declaration_spaces()?;
        }
        if self.starts_with(b"standalone") {
            self.declaration_attribute()?;
        }
        self.skip_spaces();
        self.skip_string("?>")
    }

    fn declaration_spaces(&mut self) -> Result<(), String> {
        if self.starts_with_space() {
            self.skip_spaces();
        } else if !self.starts_with(b"?>") && !self.at_end() {
            return self.fail_here("expected a whitespace");
        }
        Ok(())
    }

    fn declaration_attribute(&mut self) -> Result<(), String> {
        self.attribute_text().map(|_| ())
    }

    /// `Name = "value"` (or single quotes): the prefix, the local name and where the raw value
    /// is, every character of it an XML character and none of them `<`.
    fn attribute_text(&mut self) -> Result<(&'i str, &'i str, (usize, usize)), String> {
        let (prefix, local) = self.qname()?;
        let quote = self.eq_quote()?;
        let start = self.pos;
        self.chars_while(|_, c| c != quote as char && c != '<')?;
        let end = self.pos;
        self.consume_byte(quote)?;
        Ok((prefix, local, (start, end)))
    }

    fn misc(&mut self) -> Result<(), String> {
        while !self.at_end() {
            self.skip_spaces();
            if self.starts_with(b"<!--") {
                self.comment()?;
            } else if self.starts_with(b"<?") {
                self.pi()?;
            } else {
                break;
            }
        }
        Ok(())
    }

    fn comment(&mut self) -> Result<(), String> {
        let start = self.pos;
        self.pos += 4;
        let text = self.chars_while(|rest, c| !(c == '-' && rest.starts_with(b"-->")))?;
        self.skip_string("-->")?;
        if text.contains("--") || text.ends_with('-') {
            return self.fail(start, "a comment with '--' in it or '-' at its end");
        }
        self.other_node()
    }

    fn pi(&mut self) -> Result<(), String> {
        if self.starts_with(b"<?xml ") {
            return self.fail_here("an XML declaration that is not at the start");
        }
        self.pos += 2;
        self.name()?;
        self.skip_spaces();
        self.chars_while(|rest, c| !(c == '?' && rest.starts_with(b"?>")))?;
        self.skip_string("?>")?;
        self.other_node()
    }

    /// A start tag at `<`; `true` when the element has content to read (not `<e/>`).
    fn start_tag(&mut self) -> Result<bool, String> {
        let start = self.pos;
        self.pos += 1;
        let (prefix, local) = self.qname()?;
        self.in_text = false;
        if prefix == "xmlns" {
            return self.fail(start + 1, "an element named with the 'xmlns' prefix");
        }
        let own = self.ns.len();
        let mut attributes: Vec<Attribute<'i>> = Vec::new();
        let open = loop {
            if self.at_end() {
                return self.fail_here("a start tag that never ends");
            }
            let spaced = self.starts_with_space();
            self.skip_spaces();
            match self.cur()? {
                b'/' => {
                    self.pos += 1;
                    self.consume_byte(b'>')?;
                    break false;
                }
                b'>' => {
                    self.pos += 1;
                    break true;
                }
                _ => {
                    if !spaced {
                        self.consume_spaces()?;
                    }
                    let at = self.pos;
                    let (a_prefix, a_local, value) = self.attribute_text()?;
                    let value = self.attribute_value(value.0, value.1)?;
                    self.attribute(a_prefix, a_local, at, value, own, &mut attributes)?;
                }
            }
        };
        self.element(start, prefix, local, own, &attributes, open)?;
        Ok(open)
    }

    /// An attribute of the start tag: a namespace declaration, or one to check once the
    /// tag's namespaces are known.
    fn attribute(
        &mut self,
        prefix: &'i str,
        local: &'i str,
        at: usize,
        value: Cow<'i, str>,
        own: usize,
        attributes: &mut Vec<Attribute<'i>>,
    ) -> Result<(), String> {
        if prefix == "xmlns" {
            if value == XMLNS_URI {
                return self.fail(at, "the xmlns namespace declared");
            }
            let is_xml_uri = value == XML_URI;
            if (local == "xml") != is_xml_uri {
                return self.fail(at, "the xml namespace bound wrongly");
            }
            if self.ns[own..]
                .iter()
                .any(|i| self.prefix_of(*i) == Some(local))
            {
                return self.fail(
                    at,
                    &format!("the namespace prefix '{local}' declared twice"),
                );
            }
            if !is_xml_uri {
                self.declare(Some(local), value, at)?;
            }
        } else if local == "xmlns" {
            if value == XML_URI || value == XMLNS_URI {
                return self.fail(at, "a reserved namespace as the default namespace");
            }
            self.declare(None, value, at)?;
        } else {
            attributes.push((prefix, local, at));
        }
        Ok(())
    }

    fn prefix_of(&self, i: u16) -> Option<&'i str> {
        self.values[usize::from(i)].0
    }

    /// A namespace declaration of the start tag being read (roxmltree's `push_ns`).
    fn declare(
        &mut self,
        prefix: Option<&'i str>,
        uri: Cow<'i, str>,
        at: usize,
    ) -> Result<(), String> {
        let values = &self.values;
        let found = self.sorted.binary_search_by(|i| {
            let (p, u) = &values[usize::from(*i)];
            (*p, u.as_ref()).cmp(&(prefix, uri.as_ref()))
        });
        let index = match found {
            Ok(sorted) => self.sorted[sorted],
            Err(sorted) => {
                let Ok(index) = u16::try_from(self.values.len()) else {
                    return self.fail(at, "more namespaces than the reader allows");
                };
                self.values.push((prefix, uri));
                self.sorted.insert(sorted, index);
                index
            }
        };
        self.ns.push(index);
        Ok(())
    }

    /// The URI `prefix` is bound to in `ns[range]`; `Ok(None)` for no prefix and no default.
    fn namespace(
        &self,
        range: (usize, usize),
        prefix: &str,
        at: usize,
    ) -> Result<Option<&str>, String> {
        let wanted = (!prefix.is_empty()).then_some(prefix);
        match self.ns[range.0..range.1]
            .iter()
            .find(|i| self.prefix_of(**i) == wanted)
        {
            Some(i) => Ok(Some(&self.values[usize::from(*i)].1)),
            None if prefix.is_empty() => Ok(None),
            None => self.fail(at, &format!("an unknown namespace prefix '{prefix}'")),
        }
    }

    /// The element of a start tag just read: its namespaces resolved, its attributes checked,
    /// linked under its parent, and opened when it has content.
    fn element(
        &mut self,
        start: usize,
        prefix: &'i str,
        local: &'i str,
        own: usize,
        attributes: &[Attribute<'i>],
        open: bool,
    ) -> Result<(), String> {
        let range = match self.open.last().map(|o| o.ns) {
            Some(parent) if own != self.ns.len() => {
                for i in parent.0..parent.1 {
                    let inherited = self.ns[i];
                    let name = self.prefix_of(inherited);
                    if !self.ns[own..].iter().any(|j| self.prefix_of(*j) == name) {
                        self.ns.push(inherited);
                    }
                }
                (own, self.ns.len())
            }
            Some(parent) => parent,
            None => (own, self.ns.len()),
        };
        // Each attribute's expanded name, resolved once, against those before it.
        let mut expanded: Vec<(Option<&str>, &str)> = Vec::with_capacity(attributes.len());
        for &(a_prefix, a_local, at) in attributes {
            let uri = match a_prefix {
                "xml" => Some(XML_URI),
                "" => None,
                p => self.namespace(range, p, at)?,
            };
            if expanded.contains(&(uri, a_local)) {
                return self.fail(at, &format!("the attribute '{a_local}' given twice"));
            }
            expanded.push((uri, a_local));
        }
        self.namespace(range, prefix, start + 1)?;
        self.count_node()?;
        let id = self.elements.len() as u32;
        self.elements.push(Element {
            name: local,
            text: Cow::Borrowed(""),
            first_child: 0,
            next_sibling: 0,
        });
        if let Some(parent) = self.open.last_mut() {
            match parent.last_child {
                0 => self.elements[parent.id as usize].first_child = id,
                last => self.elements[last as usize].next_sibling = id,
            }
            parent.last_child = id;
        }
        if open {
            self.open.push(Open {
                id,
                prefix,
                last_child: 0,
                ns: range,
            });
        }
        Ok(())
    }

    /// The content of the element just opened, up to and with its end tag (iterative: depth
    /// costs no stack).
    fn content(&mut self) -> Result<(), String> {
        let depth = self.open.len();
        while !self.at_end() {
            if self.b[self.pos] != b'<' {
                self.text_run()?;
                continue;
            }
            match self.b.get(self.pos + 1) {
                Some(b'!') => {
                    if self.starts_with(b"<!--") {
                        self.comment()?;
                    } else if self.starts_with(b"<![CDATA[") {
                        self.cdata()?;
                    } else {
                        return self.fail_here("unexpected content");
                    }
                }
                Some(b'?') => self.pi()?,
                Some(b'/') => {
                    self.end_tag()?;
                    if self.open.len() < depth {
                        break;
                    }
                }
                Some(_) => {
                    self.start_tag()?;
                }
                None => return self.fail_here("unexpected content"),
            }
        }
        Ok(())
    }

    fn end_tag(&mut self) -> Result<(), String> {
        let start = self.pos;
        self.pos += 2;
        let (prefix, local) = self.qname()?;
        self.skip_spaces();
        self.consume_byte(b'>')?;
        self.in_text = false;
        let Some(open) = self.open.pop() else {
            return self.fail(start, "an end tag with no element open");
        };
        let name = self.elements[open.id as usize].name;
        if !same(prefix, open.prefix) || !same(local, name) {
            let qualified = |p: &str, l: &str| {
                if p.is_empty() {
                    l.to_owned()
                } else {
                    format!("{p}:{l}")
                }
            };
            return self.fail(
                start,
                &format!(
                    "</{}> where </{}> was expected",
                    qualified(prefix, local),
                    qualified(open.prefix, name)
                ),
            );
        }
        Ok(())
    }

    fn cdata(&mut self) -> Result<(), String> {
        self.pos += 9;
        let text = self.chars_while(|rest, c| !(c == ']' && rest.starts_with(b"]]>")))?;
        self.skip_string("]]>")?;
        let piece = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        self.text_piece(piece)
    }

    fn text_run(&mut self) -> Result<(), String> {
        let start = self.pos;
        // `chars_while(|_, c| c != '<')`, a byte at a time where the text is ASCII.
        while let Some(&b) = self.b.get(self.pos) {
            match b {
                b'<' => break,
                0x20..=0x7F | b'\t' | b'\n' | b'\r' => self.pos += 1,
                0..=0x1F => return self.fail_here(&not_xml_char(char::from(b))),
                _ => {
                    let c = self.text[self.pos..].chars().next().unwrap_or_default();
                    if !is_xml_char(c) {
                        return self.fail_here(&not_xml_char(c));
                    }
                    self.pos += c.len_utf8();
                }
            }
        }
        let text = &self.text[start..self.pos];
        // `>` first: one byte search, where most text has none.
        if text.contains('>') && text.contains("]]>") {
            return self.fail_here("']]>' in text");
        }
        if !text.bytes().any(|b| b == b'&' || b == b'\r') {
            return self.text_piece(Cow::Borrowed(text));
        }
        let end = self.pos;
        self.pos = start;
        let mut buf = Buffer(Vec::new());
        let mut as_is = false;
        while self.pos < end {
            let c = self.b[self.pos];
            if c == b'&' {
                let at = self.pos;
                self.pos += 1;
                let c = self.reference(at)?;
                buf.push_raw(c);
                as_is = true;
            } else {
                self.pos += 1;
                if as_is {
                    buf.0.push(c);
                    as_is = false;
                } else {
                    buf.push_text(c, self.pos == end);
                }
            }
        }
        self.text_piece(Cow::Owned(buf.finish()))
    }
}

/// `a == b` for the short names of end tags, without a call to `memcmp` for each (which was
/// most of the reading time of a usage page: BENCHMARKS.md).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}
