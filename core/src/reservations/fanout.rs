//! "All regions": which regions to ask, how many at once, and how to put the answers
//! together so one failing region (opt-in region not enabled, access denied) does not hide
//! the others.

/// The regions to ask, in order, and how many requests may run at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FanOutPlan {
    /// Region codes, duplicates removed, the caller's first choice first.
    pub order: Vec<String>,
    /// Requests in flight at most (at least 1).
    pub limit: usize,
}

impl FanOutPlan {
    /// Plans a fan-out over `regions` (duplicates and blanks dropped, first occurrence kept)
    /// with at most `limit` requests at once; a `limit` of 0 is treated as 1. `first`, when
    /// it is in the list, goes first: the region the user was looking at answers first.
    pub fn new<S: AsRef<str>>(regions: &[S], limit: usize, first: Option<&str>) -> Self {
        let mut order: Vec<String> = Vec::with_capacity(regions.len());
        for r in regions {
            let r = r.as_ref().trim();
            if !r.is_empty() && !order.iter().any(|o| o == r) {
                order.push(r.to_owned());
            }
        }
        if let Some(pos) = first.and_then(|f| order.iter().position(|o| o == f)) {
            let region = order.remove(pos);
            order.insert(0, region);
        }
        FanOutPlan {
            order,
            limit: limit.max(1),
        }
    }

    /// Where `region` is in the plan (for progress: "3 of 17").
    pub fn position(&self, region: &str) -> Option<usize> {
        self.order.iter().position(|o| o == region)
    }

    /// Puts per-region results (in any completion order) into plan order: every region's rows
    /// together, failures kept per region beside them.
    pub fn merge<T, E>(&self, results: Vec<(String, Result<Vec<T>, E>)>) -> RegionMerge<T, E> {
        let mut results = results;
        // Regions not in the plan sort after it, in the order they came.
        crate::sort::sort_by_key(&mut results, &|(region, _)| {
            self.position(region).unwrap_or(usize::MAX)
        });
        let mut merged = RegionMerge {
            rows: Vec::new(),
            succeeded: Vec::new(),
            failed: Vec::new(),
            missing: Vec::new(),
        };
        for (region, result) in results {
            match result {
                Ok(rows) => {
                    merged.rows.extend(rows);
                    merged.succeeded.push(region);
                }
                Err(error) => merged.failed.push((region, error)),
            }
        }
        merged.missing = self
            .order
            .iter()
            .filter(|r| {
                !merged.succeeded.contains(r) && !merged.failed.iter().any(|(f, _)| f == *r)
            })
            .cloned()
            .collect();
        merged
    }
}

/// The all-regions answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionMerge<T, E> {
    /// Every successful region's rows, regions in plan order, rows in their order.
    pub rows: Vec<T>,
    /// Regions that answered.
    pub succeeded: Vec<String>,
    /// Regions that failed, with why, in plan order.
    pub failed: Vec<(String, E)>,
    /// Planned regions with no result yet (still running, or cancelled).
    pub missing: Vec<String>,
}
