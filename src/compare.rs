//! Claims → comparisons: topics, conflicts and corroborations across sources (and within one).
//!
//! Values are compared within a story (sources that cover the same events) and a topic. A
//! different value needs strong topic evidence to be a conflict; the same value needs less to
//! count as corroboration, since agreeing figures are themselves evidence of one topic.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::claim::{Claim, ClaimKind, QuoteForm};
use crate::rules::{ActorType, RuleSet};
use crate::topic::{self, Context};

/// Two claims are on one topic, for a conflict, at this similarity or above.
const CONFLICT_SIMILARITY: f64 = 0.4;
/// Agreeing values join one topic at this similarity or above; common values (a count of
/// two, a one-year span) need more.
const AGREEMENT_SIMILARITY: f64 = 0.2;
const COMMON_AGREEMENT_SIMILARITY: f64 = 0.35;
/// Two dates of one event (see `same_event`) are on one topic at this similarity or above.
const DATE_SIMILARITY: f64 = 0.2;
/// Conflicts reported per topic, those against the best-supported value first.
const MAX_CONFLICTS_PER_TOPIC: usize = 5;
/// Claims listed as agreeing with a conflict side (the corroboration lists them all).
const MAX_AGREEING: usize = 20;
/// Values further apart than this ratio need `DISTANT_CONFLICT_SIMILARITY`.
const FAR_APART: f64 = 2.0;
const DISTANT_CONFLICT_SIMILARITY: f64 = 0.75;
/// Relative tolerance of an approximate hedge ("about 1,200" vs "1,214").
const APPROXIMATE: f64 = 0.05;
/// Share of content words two quotes by one speaker have in common to be one statement.
const SAME_STATEMENT: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    Numeric,
    Date,
    Title,
    Quote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    CrossSource,
    SameSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Low,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicRef {
    pub id: String,
    pub label: String,
}

/// One side of a conflict: a claim and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub claim: String,
    pub source: String,
    pub text: String,
    pub value: Value,
    pub qualifier: Option<String>,
    pub sentence: String,
    /// Other claims that say the same as this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreeing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: String,
    pub kind: ConflictKind,
    pub topic: TopicRef,
    pub scope: Scope,
    pub sides: Vec<Side>,
    pub values: Vec<Value>,
    pub reason: String,
    pub confidence: f64,
    pub severity: Severity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corroboration {
    pub id: String,
    pub kind: ClaimKind,
    pub topic: TopicRef,
    pub value: Value,
    pub claims: Vec<String>,
    pub sources: Vec<String>,
    /// Number of sources.
    pub count: usize,
}

/// Marks a corroborated claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corroborated {
    pub count: usize,
    pub sources: Vec<String>,
}

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Same,
    /// One is the other rounded ("$1.23 billion" / "$1.2 billion"), or within an approximate hedge.
    Consistent,
    /// A bound the other value satisfies ("over 400K" / "412,000"): no conflict, but no
    /// agreement either, since "up to 25%" fits any smaller figure.
    Compatible,
    /// Equal precision, last digit apart ("28.5%" / "28.6%").
    Rounding,
    Different,
    /// Not the same measure (percent vs percentage points, dollars vs euros, unresolved dates).
    Incomparable,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    Exact,
    Approximate,
    AtLeast,
    AtMost,
}

/// A value as compared: numbers with their precision and hedge, dates as ISO parts.
#[derive(Debug, Clone)]
enum Measure {
    /// `unit`: what the number is of — percent or points, a currency, the counted noun's words.
    Number {
        value: f64,
        step: f64,
        bound: Bound,
        unit: BTreeSet<String>,
    },
    Date {
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
        week: Option<u32>,
    },
}

/// Two items on one topic with values that disagree.
#[derive(Debug, Clone, Copy)]
struct Dispute {
    a: usize,
    b: usize,
    similarity: f64,
    relation: Relation,
}

/// One value to compare: a claim, or one end of a change ("from 30% to 145%").
#[derive(Debug, Clone)]
struct Item {
    claim: usize,
    /// 0 plain, 1 "from" end, 2 "to" end: ends of changes only meet plain values or the same end.
    slot: u8,
    measure: Measure,
    value: Value,
}

/// Everything comparison adds to a set of claims.
#[derive(Debug, Default)]
pub struct Comparison {
    pub conflicts: Vec<Conflict>,
    pub corroborations: Vec<Corroboration>,
    /// Topic id → label, for every topic given to a claim.
    pub topics: BTreeMap<String, String>,
}

/// Assigns topics, finds conflicts and corroborations, and marks the claims taking part.
pub fn compare(rules: &RuleSet, claims: &mut [Claim]) -> Comparison {
    let contexts = topic::contexts(rules, claims);
    let stories = topic::stories(rules, claims);
    let items: Vec<Item> = claims.iter().enumerate().flat_map(|(i, c)| items_of(rules, i, c)).collect();

    // Pairs of items in one story and kind, with their topic similarity and value relation.
    let mut groups: BTreeMap<(usize, ClaimKind), Vec<usize>> = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let claim = &claims[item.claim];
        let story = stories.get(&claim.source).copied().unwrap_or(0);
        groups.entry((story, claim.kind)).or_default().push(index);
    }
    // Word rarity is judged over every figure in the story, not only those of one kind: in a
    // handful of durations every word looks common.
    let mut story_idf: HashMap<usize, HashMap<String, f64>> = HashMap::new();
    for &(story, _) in groups.keys() {
        story_idf.entry(story).or_insert_with(|| {
            let all = groups.iter().filter(|((s, _), _)| *s == story).flat_map(|(_, m)| m.iter());
            topic::idf(all.map(|&i| &contexts[items[i].claim]))
        });
    }
    let mut topic_of: Vec<usize> = (0..items.len()).collect();
    let mut disputes: Vec<Dispute> = Vec::new();
    for (&(story, _), members) in &groups {
        let idf = &story_idf[&story];
        let claims = &*claims;
        // Pairs are judged in parallel; topics are joined afterwards, in order.
        let judged: Vec<(usize, usize, bool, Option<Dispute>)> = candidate_pairs(members, &items, &contexts)
            .into_par_iter()
            .filter_map(|(i, j)| {
                let (a, b) = (&items[i], &items[j]);
                if a.claim == b.claim || (a.slot != 0 && b.slot != 0 && a.slot != b.slot) {
                    return None;
                }
                let (ca, cb) = (&contexts[a.claim], &contexts[b.claim]);
                let similarity = topic_similarity(ca, cb, idf);
                let shared = topic::shared_features(ca, cb);
                let relation = relation(&a.measure, &b.measure);
                let agrees = matches!(relation, Relation::Same | Relation::Consistent);
                let on_topic = match a.measure {
                    Measure::Date { .. } => similarity >= DATE_SIMILARITY && same_event(rules, claims, a, b, ca, cb),
                    Measure::Number { .. } => similarity >= conflict_threshold(&a.measure, &b.measure) && shared >= 2,
                };
                let agreement = if specific(claims, a) { AGREEMENT_SIMILARITY } else { COMMON_AGREEMENT_SIMILARITY };
                let link = on_topic || (agrees && similarity >= agreement && shared >= 1);
                // A writer does not contradict themselves within one sentence: "between £18
                // million and £22 million", "Vessa climbed 6.2% and Nordgrid 4.9%".
                let same_sentence = claims[a.claim].source == claims[b.claim].source
                    && claims[a.claim].sentence == claims[b.claim].sentence;
                let disputed =
                    on_topic && !same_sentence && matches!(relation, Relation::Different | Relation::Rounding);
                (link || disputed)
                    .then(|| (i, j, link, disputed.then_some(Dispute { a: i, b: j, similarity, relation })))
            })
            .collect();
        for (i, j, link, dispute) in judged {
            if link {
                union(&mut topic_of, i, j);
            }
            disputes.extend(dispute);
        }
    }

    let story_of = |i: usize| stories.get(&claims[items[i].claim].source).copied().unwrap_or(0);
    let topics = name_topics(rules, claims, &items, &contexts, &mut topic_of, |i| &story_idf[&story_of(i)]);
    for (i, item) in items.iter().enumerate() {
        claims[item.claim].topic = Some(topics[&find(&mut topic_of, i)].id.clone());
    }
    let mut comparison = Comparison {
        topics: topics.values().map(|t| (t.id.clone(), t.label.clone())).collect(),
        ..Comparison::default()
    };
    let value_group = value_groups(&items, &mut topic_of);
    numeric_conflicts(claims, &items, &topics, &mut topic_of, &value_group, &disputes, &mut comparison);
    corroborations(claims, &items, &topics, &mut topic_of, &value_group, &mut comparison);
    title_conflicts(rules, claims, &mut comparison);
    quote_comparisons(rules, claims, &mut comparison);
    comparison
}

/// How sure the topic must be before two different values are a conflict: figures far apart
/// (more than twice the other) are more likely two measures than one disputed one.
fn conflict_threshold(a: &Measure, b: &Measure) -> f64 {
    match (a, b) {
        (Measure::Number { value: x, .. }, Measure::Number { value: y, .. }) => {
            let (lo, hi) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
            if lo == 0.0 || hi / lo > FAR_APART { DISTANT_CONFLICT_SIMILARITY } else { CONFLICT_SIMILARITY }
        }
        _ => CONFLICT_SIMILARITY,
    }
}

/// Two dates are one event only if at least one is written out (not "on Tuesday" in two
/// articles of different days) and the words right next to them meet (the event: "talks
/// opened", "strike began"); the rest of the clause then needs to agree less.
fn same_event(rules: &RuleSet, claims: &[Claim], a: &Item, b: &Item, ca: &Context, cb: &Context) -> bool {
    // A bare year ("in 2023") is a period more often than an event's date.
    let dated =
        |i: &Item| matches!(i.measure, Measure::Date { month: Some(_), .. } | Measure::Date { week: Some(_), .. });
    if !dated(a) || !dated(b) {
        return false;
    }
    let written = |i: &Item| {
        let text = &claims[i.claim].text;
        text.chars().any(|c| c.is_ascii_digit()) || text.split_whitespace().any(|w| rules.lexicon.contains("month", w))
    };
    (written(a) || written(b)) && !ca.adjacent.is_disjoint(&cb.adjacent)
}

/// A value specific enough that two sources giving it in one story are likely on one topic:
/// "412,000", "12%", "six months", "March 11" — not "two" things, not "a year".
fn specific(claims: &[Claim], item: &Item) -> bool {
    let claim = &claims[item.claim];
    match (&item.measure, claim.kind) {
        (Measure::Date { .. }, _) | (_, ClaimKind::Percentage | ClaimKind::Money) => true,
        (Measure::Number { .. }, ClaimKind::Duration) => claim.detail.amount.is_some_and(|a| a >= 3.0),
        (Measure::Number { value, step, .. }, _) => value.abs() >= 20.0 || *step < 1.0,
    }
}

/// Features that index an item for candidate pairs: those near the value, its actors, noun
/// and stance (weight ≥ 2). A pair that shares none of them cannot reach the thresholds.
const INDEX_WEIGHT: f64 = 2.0;
/// A feature shared by more items than this is too common to find candidates by.
const INDEX_CAP: usize = 64;

/// Pairs of items worth comparing: sharing an indexing feature, or giving the same value.
/// Keeps comparison near-linear on a large story instead of every pair.
fn candidate_pairs(members: &[usize], items: &[Item], contexts: &[Context]) -> Vec<(usize, usize)> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in members {
        let context = &contexts[items[i].claim];
        for (feature, _) in context.words.iter().filter(|(_, w)| **w >= INDEX_WEIGHT) {
            index.entry(feature.clone()).or_default().push(i);
        }
        index.entry(format!("value:{}", items[i].value)).or_default().push(i);
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

/// Two topic rules apart rule a topic out; one topic rule in common weighs as a strong shared
/// word (the rule's feature), the words around still have to agree on what is measured.
fn topic_similarity(a: &Context, b: &Context, idf: &HashMap<String, f64>) -> f64 {
    match (a.rule, b.rule) {
        (Some(x), Some(y)) if x != y => 0.0,
        _ if topic::contexts_disagree(a, b) => 0.3 * topic::similarity(a, b, idf),
        _ => topic::similarity(a, b, idf),
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut i = i;
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Topic id and label per topic root: the topic rule's id (per actor when the rule says so),
/// else `auto:<n>` with the heaviest words as its label.
fn name_topics<'a>(
    rules: &RuleSet,
    claims: &[Claim],
    items: &[Item],
    contexts: &[Context],
    topic_of: &mut [usize],
    idf_of: impl Fn(usize) -> &'a HashMap<String, f64>,
) -> HashMap<usize, TopicRef> {
    let mut topics: HashMap<usize, TopicRef> = HashMap::new();
    let mut auto = 0;
    for i in 0..items.len() {
        let root = find(topic_of, i);
        if topics.contains_key(&root) {
            continue;
        }
        let context = &contexts[items[root].claim];
        let topic = match context.rule.and_then(|r| rules.topics.get(r)) {
            Some(rule) => {
                let actor = context.actors.iter().next().filter(|_| rule.split_by_actor);
                let slot = match items[root].slot {
                    1 => " (before)",
                    2 => " (after)",
                    _ => "",
                };
                match actor {
                    Some(a) => {
                        TopicRef { id: format!("{}/{a}", rule.id), label: format!("{} — {a}{slot}", rule.label) }
                    }
                    None => TopicRef { id: rule.id.clone(), label: format!("{}{slot}", rule.label) },
                }
            }
            None => {
                auto += 1;
                let words = topic::label(context, idf_of(root));
                let kind = claims[items[root].claim].kind.name();
                TopicRef {
                    id: format!("auto:{auto}"),
                    label: if words.is_empty() { kind.to_string() } else { format!("{kind}: {words}") },
                }
            }
        };
        topics.insert(root, topic);
    }
    topics
}

/// Within each topic, items with one value (or one restating the other) form a group.
fn value_groups(items: &[Item], topic_of: &mut [usize]) -> Vec<usize> {
    // Per topic: (group id, representative item).
    let mut representatives: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    let mut groups = 0;
    let mut group_of = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let topic = representatives.entry(find(topic_of, i)).or_default();
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
        group_of.push(group);
    }
    group_of
}

/// Whether two claims give the same value (or one restating the other), for the same measure.
pub fn agree(rules: &RuleSet, a: &Claim, b: &Claim) -> bool {
    let (items_a, items_b) = (items_of(rules, 0, a), items_of(rules, 1, b));
    items_a.iter().any(|x| {
        items_b.iter().any(|y| {
            x.slot == y.slot && matches!(relation(&x.measure, &y.measure), Relation::Same | Relation::Consistent)
        })
    })
}

/// A claim as one side of a comparison.
pub fn side_of(claim: &Claim) -> Side {
    side(claim, &claim.value)
}

fn side(claim: &Claim, value: &Value) -> Side {
    Side {
        claim: claim.id.clone(),
        source: claim.source.clone(),
        text: claim.text.clone(),
        value: value.clone(),
        qualifier: claim.qualifier.clone(),
        sentence: claim.sentence.clone(),
        agreeing: Vec::new(),
    }
}

/// One conflict per topic and pair of disagreeing value groups; the closest pair of claims
/// stands for each side, the rest of each group is listed as agreeing with it.
fn numeric_conflicts(
    claims: &mut [Claim],
    items: &[Item],
    topics: &HashMap<usize, TopicRef>,
    topic_of: &mut [usize],
    value_group: &[usize],
    disputes: &[Dispute],
    comparison: &mut Comparison,
) {
    let mut by_group: HashMap<usize, Vec<usize>> = HashMap::new();
    for (item, &group) in value_group.iter().enumerate() {
        by_group.entry(group).or_default().push(item);
    }
    let mut best: BTreeMap<(usize, usize, usize), Dispute> = BTreeMap::new();
    for &Dispute { a: i, b: j, similarity, relation } in disputes {
        let (gi, gj) = (value_group[i], value_group[j]);
        if gi == gj {
            continue;
        }
        let key = (find(topic_of, i), gi.min(gj), gi.max(gj));
        // One article contradicting itself is the pair to show, then the closest pair.
        let same_source = |a: usize, b: usize| claims[items[a].claim].source == claims[items[b].claim].source;
        if best.get(&key).is_none_or(|b| (same_source(i, j), similarity) > (same_source(b.a, b.b), b.similarity)) {
            best.insert(key, Dispute { a: i, b: j, similarity, relation });
        }
    }
    // Many sources giving many values on one topic would make every pair of values a conflict:
    // report the values that disagree with the best-supported one first, a few per topic.
    let support = |g: usize| -> usize {
        let sources: BTreeSet<&str> =
            by_group.get(&g).into_iter().flatten().map(|&k| claims[items[k].claim].source.as_str()).collect();
        sources.len()
    };
    type GroupPair = ((usize, usize), Dispute);
    let mut per_topic: BTreeMap<usize, Vec<GroupPair>> = BTreeMap::new();
    for ((topic, ga, gb), dispute) in best {
        per_topic.entry(topic).or_default().push(((ga, gb), dispute));
    }
    let mut chosen = Vec::new();
    for (topic, mut pairs) in per_topic {
        let leader = pairs.iter().flat_map(|((a, b), _)| [*a, *b]).max_by_key(|&g| (support(g), std::cmp::Reverse(g)));
        pairs.sort_by(|x, y| {
            let rank = |((a, b), d): &((usize, usize), Dispute)| {
                (Some(*a) == leader || Some(*b) == leader, support(*a) + support(*b), (d.similarity * 1000.0) as i64)
            };
            rank(y).cmp(&rank(x))
        });
        chosen.extend(pairs.into_iter().take(MAX_CONFLICTS_PER_TOPIC).map(|(_, d)| (topic, d)));
    }
    for (topic_root, Dispute { a: i, b: j, similarity, relation }) in chosen {
        let (a, b) = (&items[i], &items[j]);
        let members = |g: usize, own: usize| -> Vec<String> {
            let mut ids: Vec<String> = by_group
                .get(&g)
                .into_iter()
                .flatten()
                .filter(|&&k| k != own)
                .map(|&k| claims[items[k].claim].id.clone())
                .collect();
            ids.dedup();
            ids.truncate(MAX_AGREEING);
            ids
        };
        let mut side_a = side(&claims[a.claim], &a.value);
        side_a.agreeing = members(value_group[i], i);
        let mut side_b = side(&claims[b.claim], &b.value);
        side_b.agreeing = members(value_group[j], j);
        let same_source = claims[a.claim].source == claims[b.claim].source;
        let kind = if matches!(a.measure, Measure::Date { .. }) { ConflictKind::Date } else { ConflictKind::Numeric };
        let (reason, severity) = match relation {
            Relation::Rounding => (format!("rounding difference: {} vs {}", side_a.text, side_b.text), Severity::Low),
            _ if kind == ConflictKind::Date => {
                (format!("dated {} in one, {} in the other", a.value, b.value), Severity::High)
            }
            _ => (format!("{} vs {}", side_a.text, side_b.text), Severity::High),
        };
        let id = format!("x{}", comparison.conflicts.len() + 1);
        for c in [a.claim, b.claim] {
            claims[c].flags.push(format!("conflict:{id}"));
        }
        comparison.conflicts.push(Conflict {
            id,
            kind,
            topic: topics[&topic_root].clone(),
            scope: if same_source { Scope::SameSource } else { Scope::CrossSource },
            values: vec![a.value.clone(), b.value.clone()],
            sides: vec![side_a, side_b],
            reason,
            confidence: (similarity * 100.0).round() / 100.0,
            severity,
        });
    }
}

/// The same value on one topic in two or more sources.
fn corroborations(
    claims: &mut [Claim],
    items: &[Item],
    topics: &HashMap<usize, TopicRef>,
    topic_of: &mut [usize],
    value_group: &[usize],
    comparison: &mut Comparison,
) {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &group) in value_group.iter().enumerate() {
        groups.entry(group).or_default().push(i);
    }
    for (_, members) in groups {
        let sources: BTreeSet<&str> = members.iter().map(|&i| claims[items[i].claim].source.as_str()).collect();
        if sources.len() < 2 {
            continue;
        }
        let first = &items[members[0]];
        let topic = topics[&find(topic_of, members[0])].clone();
        let sources: Vec<String> = sources.into_iter().map(str::to_string).collect();
        let mut ids: Vec<String> = members.iter().map(|&i| claims[items[i].claim].id.clone()).collect();
        ids.dedup();
        for &i in &members {
            claims[items[i].claim].corroborated_by =
                Some(Corroborated { count: sources.len(), sources: sources.clone() });
        }
        comparison.corroborations.push(Corroboration {
            id: format!("k{}", comparison.corroborations.len() + 1),
            kind: claims[first.claim].kind,
            topic,
            value: first.value.clone(),
            claims: ids,
            count: sources.len(),
            sources,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Values.

fn items_of(rules: &RuleSet, index: usize, claim: &Claim) -> Vec<Item> {
    let bound = bound_of(rules, claim.qualifier.as_deref());
    let unit: BTreeSet<String> = match claim.kind {
        ClaimKind::Percentage => claim.detail.unit.iter().cloned().collect(),
        ClaimKind::Money => claim.detail.currency.iter().cloned().collect(),
        // "412,000 Vantors" and "421,000 Vantor SUVs" count the same things.
        ClaimKind::Number => claim.detail.noun.iter().flat_map(|n| noun_stems(rules, n)).collect(),
        _ => BTreeSet::from(["day".to_string()]),
    };
    let numbers = written_numbers(&claim.text);
    let number = |value: f64, written: Option<&(f64, u32)>, bound: Bound| {
        let step = match written {
            Some(&(w, decimals)) if w != 0.0 => 10f64.powi(-(decimals as i32)) * (value / w).abs().max(1.0),
            _ => 1.0,
        };
        Measure::Number { value, step, bound, unit: unit.clone() }
    };
    match claim.kind {
        ClaimKind::Date => date_measure(&claim.value)
            .map(|m| vec![Item { claim: index, slot: 0, measure: m, value: claim.value.clone() }])
            .unwrap_or_default(),
        ClaimKind::Duration => {
            let Some(days) = claim.detail.amount.zip(claim.detail.unit.as_deref()).and_then(|(a, u)| days(a, u)) else {
                return Vec::new();
            };
            let step = days / claim.detail.amount.unwrap_or(1.0).max(1.0);
            vec![Item {
                claim: index,
                slot: 0,
                measure: Measure::Number { value: days, step, bound, unit },
                value: claim.value.clone(),
            }]
        }
        ClaimKind::Percentage | ClaimKind::Number | ClaimKind::Money => {
            let Some(value) = claim.value.as_f64() else { return Vec::new() };
            match claim.detail.from {
                // "from 30% to 145%": two values, the one before and the one after.
                Some(from) if claim.detail.change.as_deref() != Some("range") => vec![
                    Item {
                        claim: index,
                        slot: 1,
                        measure: number(from, numbers.first(), Bound::Exact),
                        value: crate::claim::number(from),
                    },
                    Item {
                        claim: index,
                        slot: 2,
                        measure: number(value, numbers.last(), bound),
                        value: claim.value.clone(),
                    },
                ],
                _ => vec![Item {
                    claim: index,
                    slot: 0,
                    measure: number(value, numbers.last(), bound),
                    value: claim.value.clone(),
                }],
            }
        }
        _ => Vec::new(),
    }
}

/// The hedge's meaning, from `[lexicon.qualifier]`.
fn bound_of(rules: &RuleSet, qualifier: Option<&str>) -> Bound {
    let Some(q) = qualifier else { return Bound::Exact };
    match rules.lexicon.string("qualifier", q).unwrap_or(q) {
        "over" | "at least" => Bound::AtLeast,
        "under" | "up to" | "at most" => Bound::AtMost,
        "about" | "nearly" => Bound::Approximate,
        _ => Bound::Exact,
    }
}

/// What a count counts, comparable across spellings: the head noun's stem and its class from
/// `[lexicon.noun_class]` ("members", "dockworkers" → workforce), names in it ("412,000
/// Vantors" / "421,000 Vantor SUVs"), and the words run together ("dock workers").
fn noun_stems(rules: &RuleSet, noun: &str) -> BTreeSet<String> {
    let words: Vec<&str> = noun.split_whitespace().collect();
    let Some(head) = words.last() else { return BTreeSet::new() };
    let mut stems = BTreeSet::from([topic::stem(head, rules), topic::stem(&words.concat(), rules)]);
    for word in [*head, &words.concat()] {
        if let Some(class) = rules.lexicon.string("noun_class", &topic::suffix_stem(word)) {
            stems.insert(class.to_string());
        }
    }
    stems.extend(words.iter().filter(|w| w.starts_with(char::is_uppercase)).map(|w| topic::stem(w, rules)));
    stems
}

/// Numbers as written in a claim's text, with their decimal places ("$1.23 billion" → 1.23, 2).
fn written_numbers(text: &str) -> Vec<(f64, u32)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (!current.is_empty() && (c == '.' || c == ',')) {
            current.push(c);
        } else if !current.is_empty() {
            let cleaned = current.trim_end_matches(['.', ',']).replace(',', "");
            if let Ok(v) = cleaned.parse::<f64>() {
                let decimals = cleaned.split_once('.').map_or(0, |(_, d)| d.len() as u32);
                out.push((v, decimals));
            }
            current.clear();
        }
    }
    out
}

fn days(amount: f64, unit: &str) -> Option<f64> {
    let per = match unit {
        "minute" => 1.0 / 1440.0,
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 30.436875,
        "year" => 365.2425,
        "decade" => 3652.425,
        _ => return None,
    };
    Some(amount * per)
}

fn date_measure(value: &Value) -> Option<Measure> {
    let text = value.as_str()?;
    if text.contains('X') {
        return None;
    }
    if let Some((year, week)) = text.split_once("-W") {
        return Some(Measure::Date { year: year.parse().ok()?, month: None, day: None, week: week.parse().ok() });
    }
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().and_then(|m| m.parse().ok());
    let day = parts.next().and_then(|d| d.parse().ok());
    Some(Measure::Date { year, month, day, week: None })
}

fn relation(a: &Measure, b: &Measure) -> Relation {
    match (a, b) {
        (Measure::Number { unit: ua, .. }, Measure::Number { unit: ub, .. }) if ua.is_disjoint(ub) => {
            Relation::Incomparable
        }
        (
            Measure::Number { value: va, step: sa, bound: ba, .. },
            Measure::Number { value: vb, step: sb, bound: bb, .. },
        ) => numeric_relation((*va, *sa, *ba), (*vb, *sb, *bb)),
        (
            Measure::Date { year: ya, month: ma, day: da, week: wa },
            Measure::Date { year: yb, month: mb, day: db, week: wb },
        ) => {
            if wa.is_some() || wb.is_some() {
                return if (ya, wa, ma, da) == (yb, wb, mb, db) { Relation::Same } else { Relation::Incomparable };
            }
            if ya != yb {
                return Relation::Different;
            }
            match (ma, mb) {
                (Some(x), Some(y)) if x != y => Relation::Different,
                (Some(_), Some(_)) => match (da, db) {
                    (Some(x), Some(y)) if x != y => Relation::Different,
                    (Some(_), Some(_)) => Relation::Same,
                    _ if da == db => Relation::Same,
                    _ => Relation::Consistent,
                },
                _ if ma == mb => Relation::Same,
                _ => Relation::Consistent,
            }
        }
        _ => Relation::Incomparable,
    }
}

fn numeric_relation((a, step_a, bound_a): (f64, f64, Bound), (b, step_b, bound_b): (f64, f64, Bound)) -> Relation {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    if close(a, b) {
        return Relation::Same;
    }
    let approximate = bound_a == Bound::Approximate || bound_b == Bound::Approximate;
    let tolerance = if approximate { (APPROXIMATE * a.abs().max(b.abs())).max(step_a.max(step_b)) } else { 0.0 };
    let within = |x: f64, y: f64| (x - y).abs() <= tolerance + 1e-9;
    match (bound_a, bound_b) {
        (Bound::AtLeast, Bound::AtLeast) | (Bound::AtMost, Bound::AtMost) => Relation::Different,
        (Bound::AtLeast, Bound::AtMost) => {
            if a <= b {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (Bound::AtMost, Bound::AtLeast) => {
            if b <= a {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (Bound::AtLeast, _) => {
            if b > a || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (_, Bound::AtLeast) => {
            if a > b || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (Bound::AtMost, _) => {
            if b <= a || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        (_, Bound::AtMost) => {
            if a <= b || within(a, b) {
                Relation::Compatible
            } else {
                Relation::Different
            }
        }
        _ if approximate => {
            if within(a, b) {
                Relation::Consistent
            } else {
                Relation::Different
            }
        }
        _ => {
            // "$1.23 billion" restated as "$1.2 billion": one is the other at the coarser step.
            let coarse = step_a.max(step_b);
            if step_a != step_b && close((a / coarse).round() * coarse, (b / coarse).round() * coarse) {
                Relation::Consistent
            } else if step_a == step_b && step_a < 1.0 && (a - b).abs() <= step_a * 1.0001 {
                Relation::Rounding
            } else {
                Relation::Different
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Titles and quotes.

/// A title taken apart: tense ("former"), rank ("deputy"), office, portfolio. Titles that
/// take apart the same are one office however they are worded.
#[derive(Debug, Default, PartialEq)]
struct Office {
    former: bool,
    acting: bool,
    rank: BTreeSet<String>,
    head: Option<String>,
    portfolio: BTreeSet<String>,
}

fn office(rules: &RuleSet, title: &str) -> Office {
    let lexicon = &rules.lexicon;
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    let has = |list: &str| words.iter().any(|w| lexicon.contains(list, w));
    let contains_phrase = |phrase: &str| {
        let p: Vec<&str> = phrase.split(|c: char| c.is_whitespace() || c == '-').collect();
        words.windows(p.len()).any(|w| w == p.as_slice())
    };
    let head = lexicon.list("office").filter(|o| contains_phrase(o)).max_by_key(|o| (o.len(), *o)).map(str::to_string);
    let rank = words
        .iter()
        .filter(|w| lexicon.contains("title_rank", w) && !head.as_deref().is_some_and(|h| h.starts_with(*w)))
        .map(|w| w.to_string())
        .collect();
    let portfolio = lexicon.list("portfolio").filter(|p| contains_phrase(p)).map(str::to_string).collect();
    Office { former: has("title_tense"), acting: has("title_acting"), rank, head, portfolio }
}

/// Why two titles of one person cannot both be true, if they cannot.
fn incompatible(rules: &RuleSet, a: &Office, b: &Office) -> Option<(&'static str, Severity)> {
    let (Some(ha), Some(hb)) = (&a.head, &b.head) else { return None };
    let high = |h: &str| rules.lexicon.contains("high_office", h);
    if ha == hb {
        if a.former != b.former {
            return Some(("former and current office", Severity::High));
        }
        if a.rank != b.rank {
            return Some(("different rank in the same office", Severity::High));
        }
        if !a.portfolio.is_empty() && !b.portfolio.is_empty() && a.portfolio.is_disjoint(&b.portfolio) {
            return Some(("different portfolios", Severity::High));
        }
        if a.acting != b.acting {
            return Some(("acting and substantive office", Severity::Low));
        }
        return None;
    }
    (high(ha) && high(hb) && a.former == b.former).then_some(("different offices", Severity::High))
}

fn title_conflicts(rules: &RuleSet, claims: &mut [Claim], comparison: &mut Comparison) {
    // Per person: the mentions that give one office ("Tarvonian Commerce Minister" and
    // "Commerce Minister" are one), in the order first met.
    let mut offices: BTreeMap<String, Vec<(Office, Vec<usize>)>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if c.kind != ClaimKind::Actor || c.detail.actor_type != Some(ActorType::Person) {
            continue;
        }
        let (Some(actor), Some(title)) = (&c.actor, &c.title) else { continue };
        if rules.lexicon.contains("honorific", title) {
            continue;
        }
        let found = office(rules, title);
        let seen = offices.entry(actor.clone()).or_default();
        match seen.iter_mut().find(|(o, _)| *o == found) {
            Some((_, members)) => members.push(i),
            None => seen.push((found, vec![i])),
        }
    }
    for (actor, seen) in offices {
        for (x, (office_a, members_a)) in seen.iter().enumerate() {
            for (office_b, members_b) in &seen[x + 1..] {
                let Some((why, severity)) = incompatible(rules, office_a, office_b) else { continue };
                let id = format!("x{}", comparison.conflicts.len() + 1);
                let side_of = |members: &[usize]| {
                    let first = &claims[members[0]];
                    let title = first.title.clone().unwrap_or_default();
                    let mut side = side(first, &Value::String(title));
                    side.agreeing = members[1..].iter().map(|&m| claims[m].id.clone()).collect();
                    side
                };
                let (a, b) = (side_of(members_a), side_of(members_b));
                let sources: BTreeSet<&str> =
                    members_a.iter().chain(members_b).map(|&m| claims[m].source.as_str()).collect();
                let conflict = Conflict {
                    id: id.clone(),
                    kind: ConflictKind::Title,
                    topic: TopicRef { id: format!("title:{actor}"), label: format!("{actor}'s title") },
                    scope: if sources.len() == 1 { Scope::SameSource } else { Scope::CrossSource },
                    reason: format!("{why}: {} vs {}", a.value, b.value),
                    values: vec![a.value.clone(), b.value.clone()],
                    sides: vec![a, b],
                    confidence: 0.9,
                    severity,
                };
                comparison.conflicts.push(conflict);
                for &m in members_a.iter().chain(members_b) {
                    claims[m].flags.push(format!("conflict:{id}"));
                }
            }
        }
    }
}

fn quote_words(rules: &RuleSet, text: &str) -> BTreeSet<String> {
    // "won’t" and "will not" are the same words.
    let text = text
        .replace('’', "'")
        .to_lowercase()
        .replace("won't", "will not")
        .replace("can't", "cannot")
        .replace("n't", " not");
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.split('\'').next().unwrap_or(w))
        .filter(|w| w.len() > 2 && !rules.lexicon.contains("stopword", &w.to_lowercase()))
        .map(|w| topic::stem(w, rules))
        .collect()
}

/// One speaker's statement quoted in two sources: the same words corroborate each other,
/// different words for the same statement are a quote variant.
fn quote_comparisons(rules: &RuleSet, claims: &mut [Claim], comparison: &mut Comparison) {
    /// A quote as compared: its claim, its words normalised, its content-word stems.
    type Quoted = (usize, String, BTreeSet<String>);
    let quotes: Vec<Quoted> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ClaimKind::Quote && c.detail.form != Some(QuoteForm::Term))
        .filter_map(|(i, c)| {
            let normalized = c.value.as_str()?.to_lowercase().replace(['.', ',', '!', '?', ';', ':'], "");
            c.speaker.as_ref().map(|_| (i, normalized, quote_words(rules, &c.text)))
        })
        .collect();
    let mut by_speaker: BTreeMap<&str, Vec<&Quoted>> = BTreeMap::new();
    for quote in &quotes {
        if let Some(speaker) = claims[quote.0].speaker.as_deref() {
            by_speaker.entry(speaker).or_default().push(quote);
        }
    }
    let pairs: Vec<(&Quoted, &Quoted)> = by_speaker
        .values()
        .flat_map(|list| list.iter().enumerate().flat_map(move |(x, a)| list[x + 1..].iter().map(move |b| (*a, *b))))
        .collect();
    let mut echoed: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for ((i, text_a, words_a), (j, text_b, words_b)) in pairs {
        let (a, b) = (&claims[*i], &claims[*j]);
        if a.source == b.source {
            continue;
        }
        if text_a.contains(text_b.as_str()) || text_b.contains(text_a.as_str()) {
            echoed.entry(*i).or_default().insert(*j);
            continue;
        }
        let shared = words_a.intersection(words_b).count();
        let overlap = shared as f64 / words_a.len().min(words_b.len()).max(1) as f64;
        if shared < 2 || overlap < SAME_STATEMENT {
            continue;
        }
        let id = format!("x{}", comparison.conflicts.len() + 1);
        let speaker = a.speaker.clone().unwrap_or_default();
        comparison.conflicts.push(Conflict {
            id: id.clone(),
            kind: ConflictKind::Quote,
            topic: TopicRef { id: format!("quote:{speaker}"), label: format!("what {speaker} said") },
            scope: Scope::CrossSource,
            sides: vec![side(a, &a.value), side(b, &b.value)],
            values: vec![a.value.clone(), b.value.clone()],
            reason: format!("{speaker} quoted with different words for one statement"),
            confidence: (overlap * 100.0).round() / 100.0,
            severity: Severity::Low,
        });
        claims[*i].flags.push(format!("conflict:{id}"));
        claims[*j].flags.push(format!("conflict:{id}"));
    }
    for (i, others) in echoed {
        let mut members = vec![i];
        members.extend(others);
        let sources: Vec<String> =
            members.iter().map(|&m| claims[m].source.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        for &m in &members {
            claims[m].corroborated_by = Some(Corroborated { count: sources.len(), sources: sources.clone() });
        }
        let speaker = claims[i].speaker.clone().unwrap_or_default();
        comparison.corroborations.push(Corroboration {
            id: format!("k{}", comparison.corroborations.len() + 1),
            kind: ClaimKind::Quote,
            topic: TopicRef { id: format!("quote:{speaker}"), label: format!("what {speaker} said") },
            value: claims[i].value.clone(),
            claims: members.iter().map(|&m| claims[m].id.clone()).collect(),
            count: sources.len(),
            sources,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_and_rounding() {
        use Bound::*;
        assert_eq!(numeric_relation((90.0, 1.0, AtLeast), (80.0, 1.0, AtLeast)), Relation::Different);
        assert_eq!(numeric_relation((28.5, 0.1, Exact), (28.6, 0.1, Exact)), Relation::Rounding);
        assert_eq!(numeric_relation((1.23e9, 1e7, Exact), (1.2e9, 1e8, Exact)), Relation::Consistent);
        assert_eq!(numeric_relation((1200.0, 1.0, Approximate), (1214.0, 1.0, Exact)), Relation::Consistent);
        assert_eq!(numeric_relation((400_000.0, 1000.0, AtLeast), (412_000.0, 1.0, Exact)), Relation::Compatible);
        assert_eq!(numeric_relation((12.0, 1.0, Exact), (14.0, 1.0, Exact)), Relation::Different);
        assert_eq!(numeric_relation((3.8, 0.1, Exact), (4.0, 1.0, Approximate)), Relation::Consistent);
    }

    #[test]
    fn written_numbers_keep_their_precision() {
        assert_eq!(written_numbers("$1.23 billion"), vec![(1.23, 2)]);
        assert_eq!(written_numbers("from 30% to 45%"), vec![(30.0, 0), (45.0, 0)]);
        assert_eq!(written_numbers("3,200 workers."), vec![(3200.0, 0)]);
    }
}
