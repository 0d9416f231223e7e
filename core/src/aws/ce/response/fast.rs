//! The fast path for `GetReservationCoverage`: serde straight into the output types, one pass,
//! no intermediate tree. It cannot say *which* member is bad, so any failure falls back to the
//! two-pass parser in `super`, which names it (failures are rare; speed matters for the
//! multi-megabyte answers of a 13-month daily report).

use super::{pairs, raw, Amount, Attributes, Coverage, CoverageByTime};
use serde::de::{Error, IgnoredAny};
use serde::{Deserialize, Deserializer};

/// `GetReservationCoverageResponse` on the fast path.
#[derive(Deserialize)]
pub(super) struct CoverageResponse {
    #[serde(rename = "__type")]
    pub error_type: Option<IgnoredAny>,
    #[serde(rename = "CoveragesByTime")]
    pub coverages_by_time: Option<Vec<CoverageByTime>>,
    #[serde(rename = "Total")]
    pub total: Option<Coverage>,
    #[serde(rename = "NextPageToken")]
    pub next_page_token: Option<String>,
}

fn amount<'de, D: Deserializer<'de>>(d: D, percent: bool) -> Result<Option<Amount>, D::Error> {
    match Option::<raw::Text<'de>>::deserialize(d)? {
        None => Ok(None),
        Some(text) => Amount::parse(&text.0, percent)
            .map(Some)
            .ok_or_else(|| D::Error::custom("not a number")),
    }
}

/// An amount member.
pub(super) fn plain<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    amount(d, false)
}

/// A percentage member (a trailing `%` allowed).
pub(super) fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    amount(d, true)
}

/// `Attributes`; `null` reads as empty.
pub(super) fn attributes<'de, D: Deserializer<'de>>(d: D) -> Result<Attributes, D::Error> {
    Ok(pairs(Option::<raw::Pairs<'de>>::deserialize(d)?))
}

/// A list; `null` reads as empty (botocore skips null members).
pub(super) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::{parse_get_reservation_coverage, two_pass_coverage};
    use crate::aws::http::HttpResponse;

    /// Both paths give the same page for every coverage fixture that parses.
    #[test]
    fn fast_and_two_pass_agree() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/responses/ce_get_reservation_coverage"
        );
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            if !name.ends_with(".json")
                || name.contains(".meta.")
                || name.contains(".botocore.")
                || name.starts_with("error_")
            {
                continue;
            }
            let resp = HttpResponse {
                status: 200,
                headers: vec![],
                body: std::fs::read_to_string(&path).unwrap(),
            };
            let fast = parse_get_reservation_coverage(&resp).unwrap();
            assert_eq!(
                two_pass_coverage(&resp, &resp.body).unwrap(),
                fast,
                "{name}"
            );
            compared += 1;
        }
        assert!(compared >= 8);
    }
}
