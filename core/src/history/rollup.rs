//! The list's history summed per instance type: reserved and unused instance-hours, utilization
//! weighted by size, and how many reservations of the type are idle or underused.

use super::range::Window;
use super::series::{Flag, ListFigures};

/// One instance type's history over the list's window.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeHistory {
    pub instance_type: String,
    /// Reservations with figures.
    pub reservations: usize,
    /// Σ instances × hours with data.
    pub reserved_hours: f64,
    pub unused_hours: f64,
    pub idle: usize,
    pub underused: usize,
}

impl TypeHistory {
    /// Used hours over reserved hours, percent.
    pub fn utilization(&self) -> Option<f64> {
        (self.reserved_hours > 0.0)
            .then(|| 100.0 * (self.reserved_hours - self.unused_hours) / self.reserved_hours)
    }
}

/// Sums `rows` (instance type, instances today, figures) by instance type, most unused hours
/// first; reservations without figures are left out.
pub fn by_instance_type<'a>(
    rows: impl IntoIterator<Item = (&'a str, Option<u32>, &'a ListFigures)>,
    window: &Window,
) -> Vec<TypeHistory> {
    let mut out: Vec<TypeHistory> = Vec::new();
    for (instance_type, instances, figures) in rows {
        let (Some(unused), Some(instances)) = (figures.unused_hours, instances) else {
            continue;
        };
        let index = match out.iter().position(|t| t.instance_type == instance_type) {
            Some(i) => i,
            None => {
                out.push(TypeHistory {
                    instance_type: instance_type.to_string(),
                    reservations: 0,
                    reserved_hours: 0.0,
                    unused_hours: 0.0,
                    idle: 0,
                    underused: 0,
                });
                out.len() - 1
            }
        };
        let t = &mut out[index];
        t.reservations += 1;
        t.reserved_hours += f64::from(instances) * figures.points as f64 * window.hours_per_point();
        t.unused_hours += unused;
        match figures.flag {
            Flag::Idle => t.idle += 1,
            Flag::Underused => t.underused += 1,
            _ => {}
        }
    }
    crate::sort::sort_by(&mut out, &|a, b| {
        b.unused_hours
            .total_cmp(&a.unused_hours)
            .then_with(|| a.instance_type.cmp(&b.instance_type))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::range::list_window;
    use crate::history::series::{list_figures, Series};
    use time::macros::datetime;

    #[test]
    fn sums_by_type_weighted_by_size() {
        let window = list_window(7, datetime!(2026-12-03 14:07 UTC));
        let s = |v: &[f64]| Series {
            timestamps: (0..v.len() as i64).collect(),
            values: v.to_vec(),
            problem: None,
        };
        let a = list_figures(Some(&s(&[100.0, 50.0])), Some(10), &window, 20.0);
        let b = list_figures(Some(&s(&[0.0, 0.0])), Some(2), &window, 20.0);
        let c = list_figures(Some(&s(&[10.0])), Some(4), &window, 20.0);
        let none = list_figures(None, Some(4), &window, 20.0);
        let rows = [
            ("m5.large", Some(10), &a),
            ("m5.large", Some(2), &b),
            ("c5.xlarge", Some(4), &c),
            ("c5.xlarge", Some(4), &none),
        ];
        let types = by_instance_type(rows, &window);
        assert_eq!(types[0].instance_type, "m5.large");
        assert_eq!(types[0].reserved_hours, 24.0);
        assert_eq!(types[0].unused_hours, 5.0 + 4.0);
        assert_eq!((types[0].idle, types[0].underused), (1, 0));
        assert_eq!(types[0].utilization(), Some(62.5));
        assert_eq!((types[1].reservations, types[1].underused), (1, 1));
        assert!((types[1].utilization().unwrap() - 10.0).abs() < 1e-9);
    }
}
