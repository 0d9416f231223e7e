//! One stable sort for the whole app.
//!
//! `slice::sort_by` is generic over the element type and the comparator, so every call site
//! compiles its own copy of the sort (about 4 KB of wasm each; eleven sites cost 45 KB before
//! this module). Here the comparator goes through a trait object and the sort runs on `u32`
//! positions, so the wasm carries one sort; only the small permutation step is per type.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp` (equal elements keep their order).
pub fn sort_by<T>(items: &mut [T], cmp: &dyn Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` stably by the key `key` returns.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: &dyn Fn(&T) -> K) {
    sort_by(items, &|a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, &|a, b| a.cmp(b));
}

/// The positions `0..len`, stably sorted by `cmp` (the one monomorphic sort).
// The one call of std's sort that clippy.toml allows.
#[allow(clippy::disallowed_methods)]
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..len as u32).collect();
    order.sort_by(|a, b| cmp(*a as usize, *b as usize));
    order
}

/// Rearranges `items` in place so that `items[i]` becomes the old `items[order[i]]`,
/// following each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], order: &[u32]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_elements_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, &|a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn matches_the_standard_stable_sort_on_many_inputs() {
        // A small linear congruential generator: deterministic, no dependency.
        let mut seed: u64 = 42;
        for len in [0usize, 1, 2, 3, 17, 100, 1000] {
            let v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((seed >> 60) as u8, i as u32)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, &|x| x.0);
            let mut std = v;
            #[allow(clippy::disallowed_methods)] // std's sort is what ours is compared with
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "len {len}");
        }
    }

    #[test]
    fn natural_order_and_descending() {
        let mut words = vec!["pear".to_string(), "apple".into(), "fig".into()];
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "pear"]);
        sort_by(&mut words, &|a, b| b.cmp(a));
        assert_eq!(words, ["pear", "fig", "apple"]);
    }
}
