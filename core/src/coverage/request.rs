//! A checked query → the GetReservationCoverage request(s) and the equivalent CLI command.

use crate::aws::ce::{
    self, GetReservationCoverageInput, Granularity, GroupDefinition, GroupDefinitionType,
};
use crate::filter::{CoverageCommand, Expression, MatchOption};

use super::query::ValidQuery;

/// Every metric, so one (paid) answer fills the whole table whichever the chart shows.
pub const METRICS: [&str; 3] = ["Hour", "Unit", "Cost"];

/// The filter as the wire type, converted field by field (no JSON round trip: that would
/// compile a second deserializer for the whole Expression tree). The filter builder's rules
/// run first, so only a dimension this build does not know can fail here.
pub fn wire_filter(e: &Expression) -> Result<ce::Expression, String> {
    let mut out = ce::Expression::default();
    match e {
        Expression::And(children) => out.and = Some(wire_list(children)?),
        Expression::Or(children) => out.or = Some(wire_list(children)?),
        Expression::Not(child) => out.not = Some(Box::new(wire_filter(child)?)),
        Expression::Dimensions(c) => {
            let key = match &c.key {
                Some(d) => Some(wire_dimension(d.as_str()).ok_or_else(|| {
                    format!(
                        "The filter can't be sent: this build doesn't know the dimension {}. \
                         Remove that condition.",
                        d.as_str()
                    )
                })?),
                None => None,
            };
            out.dimensions = Some(ce::DimensionValues {
                key,
                values: c.values.clone(),
                match_options: wire_options(&c.match_options),
            });
        }
        Expression::Tags(c) => {
            out.tags = Some(ce::TagValues {
                key: c.key.clone(),
                values: c.values.clone(),
                match_options: wire_options(&c.match_options),
            })
        }
        Expression::CostCategories(c) => {
            out.cost_categories = Some(ce::CostCategoryValues {
                key: c.key.clone(),
                values: c.values.clone(),
                match_options: wire_options(&c.match_options),
            })
        }
    }
    Ok(out)
}

fn wire_list(children: &[Expression]) -> Result<Vec<ce::Expression>, String> {
    children.iter().map(wire_filter).collect()
}

fn wire_options(options: &Option<Vec<MatchOption>>) -> Option<Vec<ce::MatchOption>> {
    options.as_ref().map(|list| {
        list.iter()
            .map(|o| match o {
                MatchOption::Equals => ce::MatchOption::Equals,
                MatchOption::Absent => ce::MatchOption::Absent,
                MatchOption::StartsWith => ce::MatchOption::StartsWith,
                MatchOption::EndsWith => ce::MatchOption::EndsWith,
                MatchOption::Contains => ce::MatchOption::Contains,
                MatchOption::CaseSensitive => ce::MatchOption::CaseSensitive,
                MatchOption::CaseInsensitive => ce::MatchOption::CaseInsensitive,
                MatchOption::GreaterThanOrEqual => ce::MatchOption::GreaterThanOrEqual,
            })
            .collect()
    })
}

/// The wire dimension named `name` (`INSTANCE_TYPE`), if this build knows it.
pub fn wire_dimension(name: &str) -> Option<ce::Dimension> {
    ce::Dimension::ALL
        .into_iter()
        .find(|d| ce::to_botocore_json(d).trim_matches('"') == name)
}

/// The time-series request for `query` with `filter` (the user's, or one pinned to a split
/// value).
pub fn coverage_input(
    query: &ValidQuery,
    filter: Option<&Expression>,
) -> Result<GetReservationCoverageInput, String> {
    let mut input = GetReservationCoverageInput::new(query.period.interval());
    input.granularity = Some(query.granularity);
    input.filter = filter.map(wire_filter).transpose()?;
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
    let granularity = match query.granularity {
        Granularity::Daily => "DAILY",
        Granularity::Monthly => "MONTHLY",
        Granularity::Hourly => "HOURLY",
    };
    CoverageCommand {
        start: interval.start,
        end: interval.end,
        granularity: Some(granularity.to_owned()),
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
            Some(Granularity::Monthly)
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
        let e = Expression::dimension(Dimension::parse("NEW_THING"), ["x"]);
        assert!(wire_filter(&e).unwrap_err().contains("can't be sent"));
    }

    #[test]
    fn the_wire_filter_serializes_exactly_as_the_filter_model_writes_json() {
        // Every node kind and match option: the direct conversion and the model's own JSON agree.
        let text = r#"{"And": [{"Not": {"Or": [{"Dimensions": {"Key": "AZ", "Values": ["a"], "MatchOptions": ["EQUALS", "CASE_SENSITIVE"]}}, {"Tags": {"Key": "team", "MatchOptions": ["ABSENT"]}}]}}, {"CostCategories": {"Key": "Team", "Values": ["x"], "MatchOptions": ["STARTS_WITH", "ENDS_WITH", "CONTAINS", "CASE_INSENSITIVE", "GREATER_THAN_OR_EQUAL"]}}, {"Dimensions": {"Key": "PAYER_ACCOUNT", "Values": ["1"]}}]}"#;
        let model = crate::filter::parse_filter(text).unwrap();
        let wire = wire_filter(&model).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&ce::to_botocore_json(&wire)).unwrap();
        assert_eq!(ours, model.to_json_value());
        for d in ce::Dimension::ALL {
            let name = ce::to_botocore_json(&d);
            assert_eq!(wire_dimension(name.trim_matches('"')), Some(d));
        }
    }
}
