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
        for &(feature, _) in context.words.iter().filter(|(_, w)| f64::from(*w) >= INDEX_WEIGHT) {
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
/// of a topic's values. Topics are taken one at a time, so one topic's index is held at once.
pub(super) fn value_groups(items: &[Item], node_of: &[usize], topic_of: &mut [usize]) -> Vec<usize> {
    let mut by_topic: Vec<(usize, usize)> = (0..items.len()).map(|i| (find(topic_of, i), i)).collect();
    by_topic.sort_unstable();
    // Each item's group, known by its first item.
    let mut first_of = vec![0; items.len()];
    for topic in by_topic.chunk_by(|a, b| a.0 == b.0) {
        let mut values = TopicValues::default();
        let mut known_copies: HashMap<usize, usize> = HashMap::new();
        for &(_, i) in topic {
            first_of[i] = *known_copies.entry(node_of[i]).or_insert_with(|| {
                values.first_agreeing(items, &items[i].measure).unwrap_or_else(|| {
                    values.add(items, i);
                    i
                })
            });
        }
    }
    // Groups numbered in the order they were made: by their first item.
    let mut number = vec![usize::MAX; items.len()];
    let mut groups = 0;
    first_of
        .iter()
        .map(|&first| {
            if number[first] == usize::MAX {
                number[first] = groups;
                groups += 1;
            }
            number[first]
        })
        .collect()
}

/// The items of every value group, group by group, each group's in item order: one list
/// for all groups rather than one per group.
pub(super) struct Members {
    /// Where each group's items start in `items`, and where the last ends.
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Members {
    /// The members of the groups `group_of` gives each item (numbered from 0 without gaps).
    pub(super) fn new(group_of: &[usize]) -> Members {
        let groups = group_of.iter().max().map_or(0, |&g| g + 1);
        let mut start = vec![0; groups + 1];
        for &g in group_of {
            start[g + 1] += 1;
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let mut next = start.clone();
        let mut items = vec![0; group_of.len()];
        for (item, &g) in group_of.iter().enumerate() {
            items[next[g]] = item;
            next[g] += 1;
        }
        Members { start, items }
    }

    pub(super) fn of(&self, group: usize) -> &[usize] {
        match (self.start.get(group), self.start.get(group + 1)) {
            (Some(&from), Some(&to)) => &self.items[from..to],
            _ => &[],
        }
    }

    /// Every group's members, in group order.
    pub(super) fn groups(&self) -> impl Iterator<Item = &[usize]> {
        self.start.windows(2).map(|w| &self.items[w[0]..w[1]])
    }
}

/// Up to this many groups a topic's values are searched one by one.
const LINEAR_GROUPS: usize = 16;

/// One topic's value groups, each by its first item (a group made earlier has a smaller one),
/// indexed once there are many so that finding the first group an item agrees with (`Same` or
/// `Consistent`) looks only at groups that can: dates of the same year and month, numbers with
/// a unit in common and within the widest tolerance of any restatement (see
/// `numeric_relation`).
#[derive(Default)]
struct TopicValues {
    /// Every group, in order.
    all: Vec<usize>,
    indexed: bool,
    /// Per unit name, finite numbers by value (as an ordered key), and the largest step among
    /// them: a coarse figure restates values within its step.
    numbers: HashMap<u32, (f64, BTreeMap<i64, Vec<usize>>)>,
    /// A value that is not finite agrees with anything by `close`: then every group is searched.
    unbounded: bool,
    /// Dates by year, and by year, week and month.
    years: HashMap<i32, Vec<usize>>,
    months: HashMap<(i32, Option<u32>, Option<u32>), Vec<usize>>,
}

impl TopicValues {
    fn add(&mut self, items: &[Item], first: usize) {
        self.all.push(first);
        if self.indexed {
            self.index(items, first);
        } else if self.all.len() > LINEAR_GROUPS {
            self.indexed = true;
            for n in 0..self.all.len() {
                self.index(items, self.all[n]);
            }
        }
    }

    fn index(&mut self, items: &[Item], first: usize) {
        match &items[first].measure {
            Measure::Number { value, step, unit, .. } if value.is_finite() => {
                for &u in unit {
                    let (max_step, values) = self.numbers.entry(u).or_default();
                    values.entry(order_key(*value)).or_default().push(first);
                    *max_step = max_step.max(*step);
                }
            }
            Measure::Number { .. } => self.unbounded = true,
            &Measure::Date { year, month, week, .. } => {
                self.years.entry(year).or_default().push(first);
                self.months.entry((year, week, month)).or_default().push(first);
            }
        }
    }

    /// The first group whose first item agrees with `measure`, as a search of every group in
    /// order would find it.
    fn first_agreeing(&self, items: &[Item], measure: &Measure) -> Option<usize> {
        let agrees =
            |&&r: &&usize| matches!(relation(&items[r].measure, measure), Relation::Same | Relation::Consistent);
        let first = |lists: &mut dyn Iterator<Item = &Vec<usize>>| {
            lists.flat_map(|list| list.iter().find(agrees).copied()).min()
        };
        if !self.indexed || self.unbounded {
            return self.all.iter().find(agrees).copied();
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
                    values.range(low..=high).flat_map(|(_, firsts)| firsts).filter(agrees).min()
                })
                .min()
                .copied(),
            Measure::Number { .. } => self.all.iter().find(agrees).copied(),
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
