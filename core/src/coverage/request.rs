//! A checked query → the GetReservationCoverage request(s) and the equivalent CLI command.

use crate::aws::ce::{GetReservationCoverageInput, GroupDefinition, GroupDefinitionType};
use crate::filter::{CoverageCommand, Expression};

use super::query::ValidQuery;

/// Every metric, so one (paid) answer fills the whole table whichever the chart shows.
pub const METRICS: [&str; 3] = ["Hour", "Unit", "Cost"];

/// Why `filter` can't be sent as a coverage filter, if it can't: the builder's rules for
/// GetReservationCoverage (the form already blocks on them; this is the last guard before a
/// request is signed).
pub fn unsendable(filter: &Expression) -> Option<String> {
    crate::commitments::unsendable_for(crate::commitments::View::RiCoverage, filter)
}

/// The time-series request for `query` with `filter` (the user's, or one pinned to a split
/// value).
pub fn coverage_input(
    query: &ValidQuery,
    filter: Option<&Expression>,
) -> Result<GetReservationCoverageInput, String> {
    let mut input = GetReservationCoverageInput::new(query.period.interval());
    input.granularity = Some(query.granularity);
    if let Some(problem) = filter.and_then(unsendable) {
        return Err(problem);
    }
    input.filter = filter.cloned();
    input.metrics = Some(METRICS.iter().map(|m| (*m).to_owned()).collect());
    Ok(input)
}

/// The request that finds a tag's values: the period's coverage grouped by tag `key`, with the
/// user's filter (Cost Explorer refuses `Granularity` together with `GroupBy`).
pub fn tag_values_input(
    query: &ValidQuery,
    key: &str,
) -> Result<GetReservationCoverageInput, String> {
    let mut input = coverage_input(query, query.filter.as_ref())?;
    input.granularity = None;
    input.group_by = Some(vec![GroupDefinition {
        r#type: Some(GroupDefinitionType::Tag),
        key: Some(key.trim().to_owned()),
    }]);
    Ok(input)
}

/// The `aws ce get-reservation-coverage` command for `query`'s series without its split (a
/// split is many commands, one per value).
pub fn cli_command(query: &ValidQuery) -> String {
    let interval = query.period.interval();
    CoverageCommand {
        command: None,
        start: interval.start,
        end: interval.end,
        granularity: Some(crate::commitments::granularity_text(query.granularity).to_owned()),
        group_by: Vec::new(),
        metrics: METRICS.iter().map(|m| (*m).to_owned()).collect(),
        filter: query.filter.clone(),
    }
    .to_bash()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ce::get_reservation_coverage_body;
    use crate::coverage::{CoverageQuery, Preset, SplitKey};
    use crate::filter::Dimension;
    use time::macros::date;

    fn valid(split: Option<SplitKey>, monthly: bool) -> ValidQuery {
        CoverageQuery {
            preset: Preset::MonthToDate,
            monthly,
            split,
            filter: Some(Expression::dimension(Dimension::Region, ["eu-west-1"])),
            ..Default::default()
        }
        .validate(date!(2026 - 11 - 23))
        .unwrap()
    }

    #[test]
    fn series_request_body_is_what_botocore_writes() {
        let q = valid(None, false);
        let body =
            get_reservation_coverage_body(&coverage_input(&q, q.filter.as_ref()).unwrap()).unwrap();
        assert_eq!(
            body,
            r#"{"TimePeriod": {"Start": "2026-11-01", "End": "2026-11-24"}, "Granularity": "DAILY", "Filter": {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}, "Metrics": ["Hour", "Unit", "Cost"]}"#
        );
    }

    #[test]
    fn a_tag_s_values_come_from_one_grouped_request() {
        let q = valid(Some(SplitKey::Tag("team".into())), true);
        let input = tag_values_input(&q, " team ").unwrap();
        assert_eq!(input.granularity, None);
        assert_eq!(input.group_by.unwrap()[0].key.as_deref(), Some("team"));
        assert!(
            input.filter.is_some(),
            "the user's filter narrows the values too"
        );
        // The series themselves are requested per value, with granularity.
        assert_eq!(
            coverage_input(&q, None).unwrap().granularity,
            Some(crate::aws::ce::Granularity::Monthly)
        );
    }

    #[test]
    fn cli_for_a_series() {
        let cli = cli_command(&valid(None, true));
        assert!(
            cli.starts_with("aws ce get-reservation-coverage --time-period "),
            "{cli}"
        );
        assert!(cli.contains("--granularity MONTHLY"), "{cli}");
        assert!(cli.contains("--metrics Hour Unit Cost"), "{cli}");
        assert!(cli.contains("eu-west-1"), "{cli}");
    }

    #[test]
    fn unknown_dimensions_are_not_sent() {
        let q = valid(None, false);
        let e = Expression::dimension(Dimension::parse("NEW_THING"), ["x"]);
        let problem = coverage_input(&q, Some(&e)).unwrap_err();
        assert!(
            problem.starts_with("The filter can't be sent: "),
            "{problem}"
        );
        assert!(problem.contains("NEW_THING"), "{problem}");
        let or = Expression::Or(vec![e.clone(), e]);
        assert!(coverage_input(&q, Some(&or)).unwrap_err().contains("Or"));
    }

    #[test]
    fn the_request_writes_the_filter_as_the_filter_model_does() {
        // Every node kind and match option: one type, so the body's Filter is the model's JSON.
        let text = r#"{"And": [{"Not": {"Or": [{"Dimensions": {"Key": "AZ", "Values": ["a"], "MatchOptions": ["EQUALS", "CASE_SENSITIVE"]}}, {"Tags": {"Key": "team", "MatchOptions": ["ABSENT"]}}]}}, {"CostCategories": {"Key": "Team", "Values": ["x"], "MatchOptions": ["STARTS_WITH", "ENDS_WITH", "CONTAINS", "CASE_INSENSITIVE", "GREATER_THAN_OR_EQUAL"]}}, {"Dimensions": {"Key": "PAYER_ACCOUNT", "Values": ["1"]}}]}"#;
        let model = crate::filter::parse_filter(text).unwrap();
        let mut input = coverage_input(&valid(None, false), None).unwrap();
        input.filter = Some(model.clone());
        let text_sent = get_reservation_coverage_body(&input).unwrap();
        assert!(
            text_sent.contains(&format!(r#""Filter": {text}"#)),
            "{text_sent}"
        );
        let body: serde_json::Value = serde_json::from_str(&text_sent).unwrap();
        assert_eq!(body["Filter"], model.to_json_value());
    }
}
