//! The page's fragment (route and coverage query): any text gives a route and a query (with
//! problems), never a panic; the URL a query writes reads back, without a problem, to a query
//! that writes the same URL.
#![no_main]

use lens_core::coverage::CoverageQuery;
use lens_core::route::{percent_decode, query_param, Route};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Route::from_hash(&text);
    let _ = percent_decode(&text);
    let _ = query_param(&text, "filter");
    let (query, _) = CoverageQuery::from_query_string(&text);
    let url = query.to_query_string();
    let (again, problems) = CoverageQuery::from_query_string(&url);
    assert!(
        problems.is_empty(),
        "the query's own URL {url:?} has problems: {problems:?}"
    );
    assert_eq!(
        again.to_query_string(),
        url,
        "the URL does not read back to itself"
    );
});
