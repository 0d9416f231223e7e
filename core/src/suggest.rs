//! "Did you mean …?" for misspelt member names, dimensions and match options.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// Case is ignored first (`and` → `And`, `region` → `REGION`), then the edit distance must be
/// at most a third of the word (at least 1), so short words do not suggest random names
/// (`TAG` must not become `AZ`).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `" (did you mean X?)"` or nothing, ready to append to a message.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|c| format!(" (did you mean {c}?)"))
        .unwrap_or_default()
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ops = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"];
        assert_eq!(closest("and", ops), Some("And"));
        assert_eq!(closest("Dimension", ops), Some("Dimensions"));
        assert_eq!(closest("DimensionValues", ops), Some("Dimensions"));
        assert_eq!(closest("CostCategory", ops), Some("CostCategories"));
        assert_eq!(closest("Filter", ops), None);
        assert_eq!(closest("TAG", ["AZ", "REGION"]), None);
        assert_eq!(
            closest("STARTSWITH", ["STARTS_WITH", "ENDS_WITH"]),
            Some("STARTS_WITH")
        );
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
