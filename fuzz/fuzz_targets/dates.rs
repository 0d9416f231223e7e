//! Every date and time reader: never a panic; a time read as RFC 3339 writes back (in whole
//! seconds, as `rfc3339_utc` writes) to text that reads as the same instant to the second.
#![no_main]

use lens_core::aws::datetime::{
    parse_compact, parse_day, parse_http_date, parse_rfc3339, rfc3339_utc,
};
use lens_core::aws::xml::Timestamp;
use lens_core::coverage::query::parse_day_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_day(&text);
    let _ = parse_http_date(&text);
    let _ = parse_compact(&text);
    let _ = parse_day_text(&text);
    let _ = Timestamp::parse(&text);
    if let Some(t) = parse_rfc3339(&text) {
        let whole = t.replace_nanosecond(0).ok();
        assert_eq!(parse_rfc3339(&rfc3339_utc(t)), whole, "RFC 3339 round trip");
    }
});
