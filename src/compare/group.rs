//! Grouping by key: candidate pairs from an inverted index, union-find — never all pairs.

use std::collections::HashMap;

use super::keys::{Context, Feature};
use super::measure::{Item, Relation, relation};

/// Features that index an item for candidate pairs: those near the value, its actors, noun
/// and stance (weight ≥ 2). A pair that shares none of them cannot reach the thresholds.
pub(super) const INDEX_WEIGHT: f64 = 2.0;
/// A feature shared by more items than this is too common to find candidates by.
pub(super) const INDEX_CAP: usize = 64;

/// What candidates are found by: a context feature, or the value as written.
#[derive(PartialEq, Eq, Hash)]
enum IndexKey {
    Feature(Feature),
    Value(String),
}

/// Pairs of items worth comparing: sharing an indexing feature, or giving the same value.
/// Keeps comparison near-linear on a large story instead of every pair.
///
/// `members` are keys (nodes of copies), `reps` the item standing for each; pairs are of keys.
pub(super) fn candidate_pairs(
    members: &[usize],
    reps: &[usize],
    items: &[Item],
    contexts: &[Context],
) -> Vec<(usize, usize)> {
    let mut index: HashMap<IndexKey, Vec<usize>> = HashMap::new();
    for (&key, &i) in members.iter().zip(reps) {
        let context = &contexts[items[i].claim];
        for &(feature, _) in context.words.iter().filter(|(_, w)| *w >= INDEX_WEIGHT) {
            index.entry(IndexKey::Feature(feature)).or_default().push(key);
        }
        index.entry(IndexKey::Value(items[i].value.to_string())).or_default().push(key);
    }
    let mut pairs: Vec<(usize, usize)> = index
        .values()
        .filter(|list| list.len() <= INDEX_CAP)
        .flat_map(|list| {
            list.iter().enumerate().flat_map(move |(x, &i)| list[x + 1..].iter().map(move |&j| (i.min(j), i.max(j))))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

pub(super) fn find(parent: &mut [usize], i: usize) -> usize {
    let mut i = i;
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

pub(super) fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Within each topic, items with one value (or one restating the other) form a group.
///
/// Copies of one item (`node_of`) on one topic take their group from the first copy, so each
/// topic's list of values is searched once per distinct value, not once per copy.
pub(super) fn value_groups(items: &[Item], node_of: &[usize], topic_of: &mut [usize]) -> Vec<usize> {
    // Per topic: (group id, representative item).
    let mut representatives: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    let mut known_copies: HashMap<(usize, usize), usize> = HashMap::new();
    let mut groups = 0;
    let mut group_of = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let root = find(topic_of, i);
        if let Some(&group) = known_copies.get(&(root, node_of[i])) {
            group_of.push(group);
            continue;
        }
        let topic = representatives.entry(root).or_default();
        let known = topic.iter().find(|&&(_, r)| {
            matches!(relation(&items[r].measure, &items[i].measure), Relation::Same | Relation::Consistent)
        });
        let group = match known {
            Some(&(g, _)) => g,
            None => {
                topic.push((groups, i));
                groups += 1;
                groups - 1
            }
        };
        known_copies.insert((root, node_of[i]), group);
        group_of.push(group);
    }
    group_of
}
