//! The four views of the Commitments area and what each one is: which operation answers it,
//! what it measures, in which unit, what it can be split by.

use crate::filter::{Dimension, Operation};

/// One of the four figures FinOps teams read together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// Reserved Instance coverage (`GetReservationCoverage`): how much of the running hours
    /// reservations covered.
    #[default]
    RiCoverage,
    /// Reserved Instance utilization (`GetReservationUtilization`): how much of the purchased
    /// reservation hours were used.
    RiUtilization,
    /// Savings Plans coverage (`GetSavingsPlansCoverage`): how much of the eligible on-demand
    /// spend Savings Plans covered.
    SpCoverage,
    /// Savings Plans utilization (`GetSavingsPlansUtilization`): how much of the commitment
    /// was used.
    SpUtilization,
}

/// Coverage or utilization: each has its own target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// How much of the usage commitments covered.
    Coverage,
    /// How much of the commitments were used.
    Utilization,
}

/// Split dimensions of Reserved Instance utilization: its filter dimensions people split by.
const RI_UTILIZATION_SPLITS: [Dimension; 6] = [
    Dimension::InstanceType,
    Dimension::LinkedAccount,
    Dimension::Region,
    Dimension::Platform,
    Dimension::Az,
    Dimension::Tenancy,
];

/// Split dimensions of Savings Plans coverage: its `Filter` dimensions that its `GroupBy` can
/// list the values of (INSTANCE_FAMILY there, INSTANCE_TYPE_FAMILY in the filter); a linked
/// account's usage has no such list.
const SP_COVERAGE_SPLITS: [Dimension; 3] = [
    Dimension::Region,
    Dimension::Service,
    Dimension::InstanceTypeFamily,
];

/// Split dimensions of Savings Plans utilization (its `Filter` dimensions).
const SP_UTILIZATION_SPLITS: [Dimension; 6] = [
    Dimension::SavingsPlanArn,
    Dimension::SavingsPlansType,
    Dimension::LinkedAccount,
    Dimension::Region,
    Dimension::PaymentOption,
    Dimension::InstanceTypeFamily,
];

impl View {
    /// Every view, in the order of the view switch.
    pub const ALL: [View; 4] = [
        View::RiCoverage,
        View::RiUtilization,
        View::SpCoverage,
        View::SpUtilization,
    ];

    /// The value in the URL (`view=`).
    pub fn slug(self) -> &'static str {
        match self {
            View::RiCoverage => "ri-coverage",
            View::RiUtilization => "ri-utilization",
            View::SpCoverage => "sp-coverage",
            View::SpUtilization => "sp-utilization",
        }
    }

    /// The view a slug names.
    pub fn from_slug(slug: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.slug() == slug)
    }

    /// The name on the view switch and in headings.
    pub fn label(self) -> &'static str {
        match self {
            View::RiCoverage => "RI coverage",
            View::RiUtilization => "RI utilization",
            View::SpCoverage => "Savings Plans coverage",
            View::SpUtilization => "Savings Plans utilization",
        }
    }

    /// One sentence on what the view shows and in which unit.
    pub fn lead(self) -> &'static str {
        match self {
            View::RiCoverage => {
                "How much of your running instance hours Reserved Instances covered (hours)."
            }
            View::RiUtilization => {
                "How much of the Reserved Instance hours you bought were used (hours)."
            }
            View::SpCoverage => {
                "How much of your eligible on-demand spend Savings Plans covered (USD, not hours)."
            }
            View::SpUtilization => "How much of your Savings Plans commitment was used (USD).",
        }
    }

    /// The Cost Explorer operation that answers the view.
    pub fn operation(self) -> Operation {
        match self {
            View::RiCoverage => Operation::GetReservationCoverage,
            View::RiUtilization => Operation::GetReservationUtilization,
            View::SpCoverage => Operation::GetSavingsPlansCoverage,
            View::SpUtilization => Operation::GetSavingsPlansUtilization,
        }
    }

    /// The AWS CLI subcommand (`aws ce …`).
    pub fn cli_name(self) -> &'static str {
        match self {
            View::RiCoverage => "get-reservation-coverage",
            View::RiUtilization => "get-reservation-utilization",
            View::SpCoverage => "get-savings-plans-coverage",
            View::SpUtilization => "get-savings-plans-utilization",
        }
    }

    /// Coverage or utilization (which target applies).
    pub fn measure(self) -> Measure {
        match self {
            View::RiCoverage | View::SpCoverage => Measure::Coverage,
            View::RiUtilization | View::SpUtilization => Measure::Utilization,
        }
    }

    /// The dimensions a split over time can pin (one filtered request per value: AWS
    /// refuses `GroupBy` together with `Granularity` in all four operations).
    pub fn split_dimensions(self) -> &'static [Dimension] {
        match self {
            View::RiCoverage => &crate::coverage::GROUP_DIMENSIONS,
            View::RiUtilization => &RI_UTILIZATION_SPLITS,
            View::SpCoverage => &SP_COVERAGE_SPLITS,
            View::SpUtilization => &SP_UTILIZATION_SPLITS,
        }
    }

    /// Whether a split by tag works: only reservation coverage takes tags (in its filter and
    /// its `GroupBy`, which lists a tag's values).
    pub fn splits_by_tag(self) -> bool {
        self == View::RiCoverage
    }

    /// The CSV file's name.
    pub fn csv_name(self) -> &'static str {
        match self {
            View::RiCoverage => "reservation-coverage.csv",
            View::RiUtilization => "reservation-utilization.csv",
            View::SpCoverage => "savings-plans-coverage.csv",
            View::SpUtilization => "savings-plans-utilization.csv",
        }
    }

    /// The line of an unsplit answer.
    pub fn all_name(self) -> &'static str {
        match self {
            View::RiCoverage | View::SpCoverage => "All usage",
            View::RiUtilization => "All reservations",
            View::SpUtilization => "All Savings Plans",
        }
    }

    /// What the percentage line measures, for the chart's caption and summary.
    pub fn line_words(self) -> &'static str {
        match self {
            View::RiCoverage => "Reservation coverage of running hours",
            View::RiUtilization => "Reserved Instance utilization of purchased hours",
            View::SpCoverage => "Savings Plans coverage of eligible spend",
            View::SpUtilization => "Savings Plans utilization of the commitment",
        }
    }

    /// What a period with nothing to count is, in the view's terms ("nothing ran").
    pub fn empty_words(self) -> &'static str {
        match self {
            View::RiCoverage => "nothing ran",
            View::RiUtilization => "no reservation hours",
            View::SpCoverage => "no eligible spend",
            View::SpUtilization => "no commitment",
        }
    }

    /// How a percentage stands against the view's target, in words (the colour's meaning).
    pub fn band_words(self, band: crate::coverage::Band) -> &'static str {
        use crate::coverage::Band;
        match (band, self.measure()) {
            (Band::None, Measure::Coverage) => "no coverage",
            (Band::None, Measure::Utilization) => "nothing used",
            (Band::Below, _) => "below target",
            (Band::Met, _) => "at or above target",
        }
    }

    /// How the stacked chart names its two parts for `metric` (which only RI coverage has:
    /// its cost has no reserved part).
    pub fn stack_names(self, metric: crate::coverage::Metric) -> StackNames {
        use crate::coverage::Metric;
        let (first, legend, hover, unit) = match (self, metric) {
            (View::RiCoverage, Metric::Hours) => {
                (Some("Reserved"), "On demand", "on demand", "hours")
            }
            (View::RiCoverage, Metric::NormalizedUnits) => (
                Some("Reserved"),
                "On demand",
                "on demand",
                "normalized units",
            ),
            (View::RiCoverage, Metric::Cost) => {
                (None, "On demand", "On-demand cost", "USD on demand")
            }
            (View::RiUtilization, _) => (Some("Used"), "Unused", "unused", "reserved hours"),
            (View::SpCoverage, _) => (
                Some("Covered by Savings Plans"),
                "On demand",
                "on demand",
                "USD",
            ),
            (View::SpUtilization, _) => (Some("Used"), "Unused", "unused", "USD of commitment"),
        };
        StackNames {
            first,
            legend,
            hover,
            unit,
        }
    }
}

/// The names of a stacked chart's parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackNames {
    /// The lower part, the one the percentage counts ("Used"); `None` when there is none.
    pub first: Option<&'static str>,
    /// The upper part in the legend ("Unused").
    pub legend: &'static str,
    /// The upper part in a hover, after the first ("unused"), or alone ("On-demand cost").
    pub hover: &'static str,
    /// The unit ("reserved hours"; one starting with `USD` is money).
    pub unit: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_distinct() {
        for v in View::ALL {
            assert_eq!(View::from_slug(v.slug()), Some(v));
        }
        assert_eq!(View::from_slug("coverage"), None);
    }

    #[test]
    fn coverage_and_utilization_have_their_own_measure() {
        assert_eq!(View::RiCoverage.measure(), Measure::Coverage);
        assert_eq!(View::SpCoverage.measure(), Measure::Coverage);
        assert_eq!(View::RiUtilization.measure(), Measure::Utilization);
        assert_eq!(View::SpUtilization.measure(), Measure::Utilization);
    }

    #[test]
    fn every_split_dimension_passes_the_view_s_filter_rules() {
        // A split pins its value in the filter: a dimension the operation refuses there
        // would send a request AWS refuses.
        for v in View::ALL {
            for d in v.split_dimensions() {
                let pin = crate::filter::Expression::dimension(d.clone(), ["x"]);
                let problems = crate::filter::check(&pin, v.operation());
                assert!(
                    !crate::filter::has_errors(&problems),
                    "{} refuses a split by {d}: {problems:?}",
                    v.label()
                );
            }
        }
    }
}
