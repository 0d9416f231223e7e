//! Pasted filter JSON: read or refused with problems, never a panic; what is read writes back
//! as JSON and as a URL that read back to the same filter, and the rules, the CLI command and
//! the form all take it.
#![no_main]

use lens_core::filter::{
    check, filter_from_url, filter_to_url, parse_filter, CoverageCommand, FilterDraft, Operation,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(filter) = parse_filter(&text) else {
        return;
    };
    assert_eq!(
        parse_filter(&filter.to_json()).as_ref(),
        Ok(&filter),
        "JSON round trip"
    );
    assert_eq!(
        filter_from_url(&filter_to_url(&filter)).as_ref(),
        Ok(&filter),
        "URL round trip"
    );
    for operation in Operation::ALL {
        let _ = check(&filter, operation);
        let _ = lens_core::filter::keep_valid(
            &FilterDraft::from_expression(&filter).unwrap_or_default(),
            operation,
        );
    }
    let _ = FilterDraft::from_expression(&filter);
    let _ = CoverageCommand {
        command: None,
        start: "2026-01-01".into(),
        end: "2026-02-01".into(),
        granularity: None,
        group_by: Vec::new(),
        metrics: Vec::new(),
        filter: Some(filter),
    }
    .to_bash();
});
