//! The XML reader (`aws::xml::tree`) against roxmltree 0.21, the reader it replaced: on any
//! input both accept or both refuse, and what both accept reads the same (names, texts, child
//! elements). The first byte picks the node cap, the rest is the document.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/support/xml_oracle.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let limit = match first % 4 {
        0 => 2_000_000,
        n => u32::from(n) * 5,
    };
    if let Some(difference) = oracle::difference(text, limit) {
        panic!("{difference}\nlimit {limit}, document {text:?}");
    }
});
