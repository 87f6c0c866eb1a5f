//! Grouping by key: candidate pairs from an inverted index, union-find — never all pairs.

use std::collections::{BTreeMap, HashMap};

use super::keys::{Contexts, Feature};
use super::measure::{APPROXIMATE, Item, Measure, Relation, relation};

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
    contexts: &Contexts,
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
/// topic's values are searched once per distinct value, not once per copy; and a value is only
/// checked against the values near enough to restate it (see [`TopicValues`]), not against all
/// of a topic's values.
pub(super) fn value_groups(items: &[Item], node_of: &[usize], topic_of: &mut [usize]) -> Vec<usize> {
    let mut topics: HashMap<usize, TopicValues> = HashMap::new();
    let mut known_copies: HashMap<(usize, usize), usize> = HashMap::new();
    let mut groups = 0;
    let mut group_of = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let root = find(topic_of, i);
        if let Some(&group) = known_copies.get(&(root, node_of[i])) {
            group_of.push(group);
            continue;
        }
        let topic = topics.entry(root).or_default();
        let group = match topic.first_agreeing(items, &items[i].measure) {
            Some(g) => g,
            None => {
                topic.add(items, groups, i);
                groups += 1;
                groups - 1
            }
        };
        known_copies.insert((root, node_of[i]), group);
        group_of.push(group);
    }
    group_of
}

/// One topic's value groups, each by its first item, indexed so that finding the first group
/// an item agrees with (`Same` or `Consistent`) looks only at groups that can: dates of the
/// same year and month, numbers with a unit in common and within the widest tolerance of any
/// restatement (see `numeric_relation`).
/// (group, representative item) pairs, in the order groups were made.
type Reps = Vec<(usize, usize)>;

#[derive(Default)]
struct TopicValues {
    /// Every group, in order.
    all: Reps,
    /// Per unit name, finite numbers by value (as an ordered key), and the largest step among
    /// them: a coarse figure restates values within its step.
    numbers: HashMap<u32, (f64, BTreeMap<i64, Reps>)>,
    /// A value that is not finite agrees with anything by `close`: then every group is searched.
    unbounded: bool,
    /// Dates by year, and by year, week and month.
    years: HashMap<i32, Reps>,
    months: HashMap<(i32, Option<u32>, Option<u32>), Reps>,
}

impl TopicValues {
    fn add(&mut self, items: &[Item], group: usize, item: usize) {
        self.all.push((group, item));
        match &items[item].measure {
            Measure::Number { value, step, unit, .. } if value.is_finite() => {
                for &u in unit {
                    let (max_step, values) = self.numbers.entry(u).or_default();
                    values.entry(order_key(*value)).or_default().push((group, item));
                    *max_step = max_step.max(*step);
                }
            }
            Measure::Number { .. } => self.unbounded = true,
            &Measure::Date { year, month, week, .. } => {
                self.years.entry(year).or_default().push((group, item));
                self.months.entry((year, week, month)).or_default().push((group, item));
            }
        }
    }

    /// The first group whose representative agrees with `measure`, as a search of every group in
    /// order would find it.
    fn first_agreeing(&self, items: &[Item], measure: &Measure) -> Option<usize> {
        let agrees = |&&(_, r): &&(usize, usize)| {
            matches!(relation(&items[r].measure, measure), Relation::Same | Relation::Consistent)
        };
        let first = |lists: &mut dyn Iterator<Item = &Reps>| {
            lists.flat_map(|list| list.iter().find(agrees)).map(|&(g, _)| g).min()
        };
        if self.unbounded {
            return self.all.iter().find(agrees).map(|&(g, _)| g);
        }
        match measure {
            Measure::Number { value, step, unit, .. } if value.is_finite() => unit
                .iter()
                .filter_map(|u| self.numbers.get(u))
                .filter_map(|(max_step, values)| {
                    // Agreement needs |a − b| within the approximate share of the larger value, a
                    // step, or `close`'s margin; the window covers them all with room for rounding.
                    let reach = step
                        .max(*max_step)
                        .max(APPROXIMATE / (1.0 - APPROXIMATE) * value.abs())
                        .max(1.0e-9 * (value.abs() + 1.0));
                    let reach = reach * 1.01 + 1.0e-6;
                    let (low, high) = (order_key(value - reach), order_key(value + reach));
                    values.range(low..=high).flat_map(|(_, reps)| reps).filter(agrees).map(|&(g, _)| g).min()
                })
                .min(),
            Measure::Number { .. } => self.all.iter().find(agrees).map(|&(g, _)| g),
            // A week is the same only as the same week; a month only as itself or no month.
            &Measure::Date { year, week: Some(week), month, .. } => {
                first(&mut self.months.get(&(year, Some(week), month)).into_iter())
            }
            &Measure::Date { year, month: Some(month), .. } => first(
                &mut [(year, None, Some(month)), (year, None, None)].iter().filter_map(|key| self.months.get(key)),
            ),
            &Measure::Date { year, .. } => first(&mut self.years.get(&year).into_iter()),
        }
    }
}

/// A key that orders finite floats as their values (the sign bit flips the rest).
fn order_key(value: f64) -> i64 {
    let bits = value.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}
