//! A checked query → each view's request, and the equivalent AWS CLI command.
//!
//! Every view asks with `Granularity` (a series over time) and never with `GroupBy`: AWS
//! refuses the two together in all four operations, so a split is one filtered request per
//! value ([`crate::coverage::SplitPlan`]).

use crate::aws::ce::{
    GetReservationUtilizationInput, GetSavingsPlansCoverageInput, GetSavingsPlansUtilizationInput,
    Granularity,
};
use crate::coverage::{coverage_input, ValidQuery};
use crate::filter::{check, CoverageCommand, Expression, Severity};

use super::View;

/// The metric GetSavingsPlansCoverage reports (its only valid value, per the model's
/// `Metrics` documentation).
pub const SP_COVERAGE_METRICS: [&str; 1] = ["SpendCoveredBySavingsPlans"];

/// Periods a page of Savings Plans coverage holds unless `MaxResults` says otherwise (the
/// model's documentation: "The default is 20"). The other views answer a whole query at once.
pub const SP_COVERAGE_PAGE: u64 = 20;

/// The requests `query`'s view takes at least, unsplit: one, or for Savings Plans coverage
/// one per 20 periods (daily: days; monthly: the months the period touches).
pub fn requests_at_least(query: &ValidQuery) -> u64 {
    if query.view != View::SpCoverage {
        return 1;
    }
    let (start, last) = (query.period.start, query.period.last);
    let periods = match query.granularity {
        Granularity::Monthly => {
            let month = |d: time::Date| i64::from(d.year()) * 12 + i64::from(u8::from(d.month()));
            month(last) - month(start) + 1
        }
        _ => (last - start).whole_days() + 1,
    };
    (periods.max(1) as u64).div_ceil(SP_COVERAGE_PAGE)
}

/// One view's time-series request.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewInput {
    /// GetReservationCoverage.
    RiCoverage(crate::aws::ce::GetReservationCoverageInput),
    /// GetReservationUtilization.
    RiUtilization(GetReservationUtilizationInput),
    /// GetSavingsPlansCoverage.
    SpCoverage(GetSavingsPlansCoverageInput),
    /// GetSavingsPlansUtilization.
    SpUtilization(GetSavingsPlansUtilizationInput),
}

/// Why `filter` can't be sent for `view`, if it can't: the filter builder's rules for the
/// view's operation (the form already blocks on them; this is the last guard before a
/// request is signed).
pub fn unsendable_for(view: View, filter: &Expression) -> Option<String> {
    check(filter, view.operation())
        .into_iter()
        .find(|v| v.severity == Severity::Error)
        .map(|v| format!("The filter can't be sent: {} ({})", v.message, v.path))
}

/// The request for `query`'s view with `filter` (the user's, or one pinned to a split value).
pub fn view_input(query: &ValidQuery, filter: Option<&Expression>) -> Result<ViewInput, String> {
    if let Some(problem) = filter.and_then(|f| unsendable_for(query.view, f)) {
        return Err(problem);
    }
    let period = query.period.interval();
    let granularity = Some(query.granularity);
    let filter = filter.cloned();
    Ok(match query.view {
        View::RiCoverage => ViewInput::RiCoverage(coverage_input(query, filter.as_ref())?),
        View::RiUtilization => {
            let mut input = GetReservationUtilizationInput::new(period);
            input.granularity = granularity;
            input.filter = filter;
            ViewInput::RiUtilization(input)
        }
        View::SpCoverage => {
            let mut input = GetSavingsPlansCoverageInput::new(period);
            input.granularity = granularity;
            input.filter = filter;
            input.metrics = Some(SP_COVERAGE_METRICS.map(str::to_owned).to_vec());
            ViewInput::SpCoverage(input)
        }
        View::SpUtilization => {
            let mut input = GetSavingsPlansUtilizationInput::new(period);
            input.granularity = granularity;
            input.filter = filter;
            ViewInput::SpUtilization(input)
        }
    })
}

/// The `aws ce …` command for `query`'s view without its split (a split is many commands,
/// one per value).
pub fn view_cli_command(query: &ValidQuery) -> String {
    if query.view == View::RiCoverage {
        return crate::coverage::cli_command(query);
    }
    let interval = query.period.interval();
    let metrics: &[&str] = if query.view == View::SpCoverage {
        &SP_COVERAGE_METRICS
    } else {
        &[]
    };
    CoverageCommand {
        command: Some(query.view.cli_name()),
        start: interval.start,
        end: interval.end,
        granularity: Some(granularity_text(query.granularity).to_owned()),
        group_by: Vec::new(),
        metrics: metrics.iter().map(|m| (*m).to_owned()).collect(),
        filter: query.filter.clone(),
    }
    .to_bash()
}

/// `DAILY`, `MONTHLY`, `HOURLY`.
pub fn granularity_text(granularity: Granularity) -> &'static str {
    match granularity {
        Granularity::Daily => "DAILY",
        Granularity::Monthly => "MONTHLY",
        Granularity::Hourly => "HOURLY",
    }
}

/// The request that lists the values a Savings Plans coverage split covers: the period's
/// coverage grouped by the dimension (no `Granularity`: AWS refuses it with `GroupBy`), with the
/// user's filter. Its `GroupBy` names an instance family `INSTANCE_FAMILY`, its filter
/// `INSTANCE_TYPE_FAMILY` (the model's enum has only the latter: `filter::rules`).
pub fn sp_coverage_values_input(
    query: &ValidQuery,
    dimension: &crate::filter::Dimension,
) -> Result<ViewInput, String> {
    let mut unsplit = query.clone();
    unsplit.view = View::SpCoverage;
    let ViewInput::SpCoverage(mut input) = view_input(&unsplit, query.filter.as_ref())? else {
        unreachable!("a Savings Plans coverage query asks GetSavingsPlansCoverage")
    };
    let key = match dimension {
        crate::filter::Dimension::InstanceTypeFamily => "INSTANCE_FAMILY",
        other => other.as_str(),
    };
    input.granularity = None;
    input.group_by = Some(vec![crate::aws::ce::GroupDefinition {
        r#type: Some(crate::aws::ce::GroupDefinitionType::Dimension),
        key: Some(key.to_owned()),
    }]);
    Ok(ViewInput::SpCoverage(input))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{CoverageQuery, Preset, SplitKey};
    use crate::filter::Dimension;
    use time::macros::date;

    fn valid(view: View) -> ValidQuery {
        CoverageQuery {
            view,
            preset: Preset::MonthToDate,
            filter: Some(Expression::dimension(Dimension::Region, ["eu-west-1"])),
            ..Default::default()
        }
        .validate(date!(2026 - 11 - 23))
        .unwrap()
    }

    #[test]
    fn each_view_asks_its_operation_over_time_without_group_by() {
        let bodies: Vec<(&str, String)> = View::ALL
            .iter()
            .map(|v| {
                let q = valid(*v);
                let input = view_input(&q, q.filter.as_ref()).unwrap();
                (input.name(), input.body().unwrap())
            })
            .collect();
        let period = r#"{"TimePeriod": {"Start": "2026-11-01", "End": "2026-11-24"}, "#;
        let filter = r#""Filter": {"Dimensions": {"Key": "REGION", "Values": ["eu-west-1"]}}"#;
        assert_eq!(bodies[0].0, "GetReservationCoverage");
        assert_eq!(
            bodies[1],
            (
                "GetReservationUtilization",
                format!(r#"{period}"Granularity": "DAILY", {filter}}}"#)
            )
        );
        assert_eq!(
            bodies[2],
            (
                "GetSavingsPlansCoverage",
                format!(
                    r#"{period}"Granularity": "DAILY", {filter}, "Metrics": ["SpendCoveredBySavingsPlans"]}}"#
                )
            )
        );
        assert_eq!(
            bodies[3],
            (
                "GetSavingsPlansUtilization",
                format!(r#"{period}"Granularity": "DAILY", {filter}}}"#)
            )
        );
        assert!(bodies.iter().all(|(_, b)| !b.contains("GroupBy")));
    }

    #[test]
    fn a_filter_the_view_refuses_is_never_built_into_a_request() {
        let q = valid(View::SpUtilization);
        let tag = Expression::Tags(crate::filter::Condition::new("team".to_owned(), ["a"]));
        let problem = view_input(&q, Some(&tag)).unwrap_err();
        assert!(
            problem.starts_with("The filter can't be sent: "),
            "{problem}"
        );
        let either = Expression::Or(vec![
            Expression::dimension(Dimension::Region, ["a"]),
            Expression::dimension(Dimension::LinkedAccount, ["1"]),
        ]);
        for v in [View::RiUtilization, View::SpCoverage, View::SpUtilization] {
            assert!(view_input(&valid(v), Some(&either)).is_err(), "{v:?}");
        }
    }

    #[test]
    fn savings_plans_coverage_values_come_from_one_grouped_request() {
        let mut q = valid(View::SpCoverage);
        q.split = Some(SplitKey::Dimension(Dimension::InstanceTypeFamily));
        let ViewInput::SpCoverage(input) =
            sp_coverage_values_input(&q, &Dimension::InstanceTypeFamily).unwrap()
        else {
            panic!("not Savings Plans coverage")
        };
        assert_eq!(input.granularity, None);
        assert_eq!(
            input.group_by.unwrap()[0].key.as_deref(),
            Some("INSTANCE_FAMILY"),
            "GroupBy names the family as the documents do"
        );
    }

    #[test]
    fn savings_plans_coverage_takes_a_request_per_twenty_periods() {
        let mut q = valid(View::SpCoverage);
        // 2026-11-01 to 2026-11-23: 23 days, two pages.
        assert_eq!(requests_at_least(&q), 2);
        q.granularity = Granularity::Monthly;
        assert_eq!(requests_at_least(&q), 1);
        q.granularity = Granularity::Daily;
        q.period.start = date!(2025 - 11 - 01);
        // 388 days: 20 pages.
        assert_eq!(requests_at_least(&q), 20);
        q.granularity = Granularity::Monthly;
        assert_eq!(requests_at_least(&q), 1, "13 months fit one page");
        assert_eq!(requests_at_least(&valid(View::SpUtilization)), 1);
        // A split multiplies it, and the confirmation counts requests, not values.
        let plan = crate::coverage::SplitPlan::new(
            SplitKey::Dimension(Dimension::Region),
            (0..6).map(|i| format!("r{i}")).collect(),
            None,
        )
        .with_requests_per_value(2);
        assert_eq!(plan.requests(), 12);
        assert!(plan.needs_confirmation());
    }

    #[test]
    fn each_view_copies_as_its_cli_command() {
        let cli = view_cli_command(&valid(View::SpCoverage));
        assert!(
            cli.starts_with("aws ce get-savings-plans-coverage --time-period Start=2026-11-01,End=2026-11-24 --granularity DAILY"),
            "{cli}"
        );
        assert!(
            cli.contains("--metrics SpendCoveredBySavingsPlans"),
            "{cli}"
        );
        assert!(cli.contains("eu-west-1"), "{cli}");
        let cli = view_cli_command(&valid(View::RiUtilization));
        assert!(
            cli.starts_with("aws ce get-reservation-utilization "),
            "{cli}"
        );
        assert!(!cli.contains("--metrics"), "{cli}");
    }
}
