//! Figures and dates on one topic: which pairs are on one topic, which disagree, and the
//! conflicts reported per topic.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::hash::Hasher;

use rayon::prelude::*;

use crate::claim::ClaimKind;
use crate::rules::RuleSet;

use super::corroborate::corroborations;
use super::group::{Members, candidate_pairs, find, union, value_groups};
use super::keys::{self, Context};
use super::measure::{Item, Measure, Relation, Units, items_of, relation};
use super::record::Record;
use super::{Comparison, Conflict, ConflictKind, Scope, Severity, TopicRef, side};

/// Two claims are on one topic, for a conflict, at this similarity or above.
pub(super) const CONFLICT_SIMILARITY: f64 = 0.4;
/// Agreeing values join one topic at this similarity or above; common values (a count of
/// two, a one-year span) need more.
pub(super) const AGREEMENT_SIMILARITY: f64 = 0.2;
pub(super) const COMMON_AGREEMENT_SIMILARITY: f64 = 0.35;
/// Two dates of one event (see `same_event`) are on one topic at this similarity or above.
pub(super) const DATE_SIMILARITY: f64 = 0.2;
/// Conflicts reported per topic, those against the best-supported value first.
pub(super) const MAX_CONFLICTS_PER_TOPIC: usize = 5;
/// Claims listed as agreeing with a conflict side (the corroboration lists them all).
pub(super) const MAX_AGREEING: usize = 20;
/// Values further apart than this ratio need `DISTANT_CONFLICT_SIMILARITY`.
pub(super) const FAR_APART: f64 = 2.0;
pub(super) const DISTANT_CONFLICT_SIMILARITY: f64 = 0.75;

/// Two items on one topic with values that disagree.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dispute {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) similarity: f64,
    pub(super) relation: Relation,
}

/// Items that are one value said the same way in the same words around it — the copies of a
/// wire paragraph in many articles — are judged once: they reach the same verdict against any
/// other item, so pairs are built between these nodes, never between their copies.
struct Node {
    /// Items, ascending; the first stands for the node.
    items: Vec<usize>,
    /// The first item whose source and sentence differ from the first's, if any: a second
    /// voice for a dispute when the first is the other side's own sentence.
    other_voice: Option<usize>,
}

/// What makes two items interchangeable in comparison: story, kind, the value and how it is
/// written, and the words around it — hashed as written, never held as a string.
fn node_key(claims: &[Record], item: &Item, story: usize, context: &Context) -> u128 {
    let claim = &claims[item.claim];
    let mut key = WideHash::new();
    // Writing into a hash cannot fail.
    let _ = write!(
        key,
        "{story}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}",
        claim.kind.name(),
        item.slot,
        claim.text,
        item.value,
        claim.figure().amount,
        item.measure,
        claim.qualifier,
    )
    .and_then(|()| context.fingerprint(&mut key));
    key.finish()
}

/// 128 bits of hash (two SipHash streams told apart by a prefix) of what is written into it:
/// equal keys, equal hashes, and a collision between different keys is not to be expected in
/// any run.
struct WideHash([std::collections::hash_map::DefaultHasher; 2]);

impl WideHash {
    fn new() -> WideHash {
        let salted = |salt: u8| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            h.write_u8(salt);
            h
        };
        WideHash([salted(1), salted(2)])
    }

    fn finish(&self) -> u128 {
        (u128::from(self.0[0].finish()) << 64) | u128::from(self.0[1].finish())
    }
}

impl std::fmt::Write for WideHash {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.iter_mut().for_each(|h| h.write(s.as_bytes()));
        Ok(())
    }
}

/// How two items (or one node with itself) are judged: linked into one topic, and disputed.
struct Verdict {
    link: bool,
    dispute: Option<(f64, Relation)>,
}

/// Topics for figures and dates, their conflicts and corroborations.
pub(super) fn compare_figures(rules: &RuleSet, claims: &mut [Record], comparison: &mut Comparison) {
    let contexts = keys::contexts(rules, claims);
    let stories = keys::stories(rules, claims);
    let mut units = Units::default();
    let items: Vec<Item> = claims.iter().enumerate().flat_map(|(i, c)| items_of(rules, &mut units, i, c)).collect();
    let story_of_claim = |c: usize| stories.get(&*claims[c].source).copied().unwrap_or(0);

    // Items collapse into nodes; nodes are grouped by story and kind.
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_of: Vec<usize> = Vec::with_capacity(items.len());
    {
        // Keys are kept as 128-bit hashes: the strings would be a few hundred bytes per item.
        let mut by_key: HashMap<u128, usize> = HashMap::new();
        // Hashed in parallel, grouped in order.
        let keys: Vec<u128> = items
            .par_iter()
            .map(|item| node_key(claims, item, story_of_claim(item.claim), &contexts[item.claim]))
            .collect();
        for (i, (item, key)) in items.iter().zip(keys).enumerate() {
            let n = *by_key.entry(key).or_insert_with(|| {
                nodes.push(Node { items: Vec::new(), other_voice: None });
                nodes.len() - 1
            });
            let node = &mut nodes[n];
            if let Some(&first) = node.items.first()
                && node.other_voice.is_none()
            {
                let (a, b) = (&claims[items[first].claim], &claims[item.claim]);
                if a.source != b.source || a.sentence != b.sentence {
                    node.other_voice = Some(i);
                }
            }
            node.items.push(i);
            node_of.push(n);
        }
    }
    let rep = |n: usize| nodes[n].items[0];
    let mut groups: BTreeMap<(usize, ClaimKind), Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        let claim = items[rep(n)].claim;
        groups.entry((story_of_claim(claim), claims[claim].kind)).or_default().push(n);
    }
    // Word rarity is judged over every figure in the story, not only those of one kind: in a
    // handful of durations every word looks common. Copies count as often as they occur.
    let mut story_idf: HashMap<usize, keys::Idf> = HashMap::new();
    {
        let mut by_story: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (&(story, _), members) in &groups {
            by_story.entry(story).or_default().extend(members.iter().flat_map(|&n| nodes[n].items.iter().copied()));
        }
        for (story, members) in by_story {
            story_idf.insert(story, keys::idf(members.iter().map(|&i| &contexts[items[i].claim])));
        }
    }
    // Each compared claim's context weight under its story's idf, once.
    let mut totals = vec![0.0; claims.len()];
    {
        let weighed: Vec<(usize, f64)> = items
            .par_iter()
            .map(|item| {
                let idf = &story_idf[&story_of_claim(item.claim)];
                (item.claim, keys::total_weight(&contexts[item.claim], idf))
            })
            .collect();
        for (claim, total) in weighed {
            totals[claim] = total;
        }
    }
    let judge = |a: &Item, b: &Item, idf: &keys::Idf| -> Verdict {
        let (ca, cb) = (&contexts[a.claim], &contexts[b.claim]);
        let similarity = topic_similarity(ca, cb, idf, (totals[a.claim], totals[b.claim]));
        let shared = keys::shared_features(ca, cb);
        let relation = relation(&a.measure, &b.measure);
        let agrees = matches!(relation, Relation::Same | Relation::Consistent);
        let on_topic = match a.measure {
            Measure::Date { .. } => similarity >= DATE_SIMILARITY && same_event(rules, claims, a, b, ca, cb),
            Measure::Number { .. } => similarity >= conflict_threshold(&a.measure, &b.measure) && shared >= 2,
        };
        let agreement = if specific(claims, a) { AGREEMENT_SIMILARITY } else { COMMON_AGREEMENT_SIMILARITY };
        let link = on_topic || (agrees && similarity >= agreement && shared >= 1);
        let disputed = on_topic && matches!(relation, Relation::Different | Relation::Rounding);
        Verdict { link, dispute: disputed.then_some((similarity, relation)) }
    };
    // A writer does not contradict themselves within one sentence: "between £18 million and
    // £22 million", "Vessa climbed 6.2% and Nordgrid 4.9%". Two items that may stand for a
    // dispute between two nodes, from different sentences.
    let voices = |x: usize, y: usize| -> Option<(usize, usize)> {
        let (a, b) = (rep(x), rep(y));
        let apart = |i: usize, j: usize| {
            let (ci, cj) = (&claims[items[i].claim], &claims[items[j].claim]);
            ci.source != cj.source || ci.sentence != cj.sentence
        };
        if apart(a, b) {
            return Some((a, b));
        }
        nodes[y].other_voice.map(|b2| (a, b2)).or_else(|| nodes[x].other_voice.map(|a2| (a2, b)))
    };

    let mut topic_of: Vec<usize> = (0..items.len()).collect();
    let mut disputes: Vec<Dispute> = Vec::new();
    let mut linked = vec![false; nodes.len()];
    for (&(story, _), members) in &groups {
        let idf = &story_idf[&story];
        // Pairs of nodes are judged in parallel; topics are joined afterwards, in order.
        let judged: Vec<(usize, usize, Verdict)> =
            candidate_pairs(members, &nodes_reps(members, &nodes), &items, &contexts)
                .into_par_iter()
                .filter_map(|(x, y)| {
                    let (a, b) = (&items[rep(x)], &items[rep(y)]);
                    if a.claim == b.claim || (a.slot != 0 && b.slot != 0 && a.slot != b.slot) {
                        return None;
                    }
                    let verdict = judge(a, b, idf);
                    (verdict.link || verdict.dispute.is_some()).then_some((x, y, verdict))
                })
                .collect();
        for (x, y, verdict) in judged {
            if verdict.link {
                union(&mut topic_of, rep(x), rep(y));
                linked[x] = true;
                linked[y] = true;
            }
            if let Some((similarity, relation)) = verdict.dispute
                && let Some((a, b)) = voices(x, y)
            {
                disputes.push(Dispute { a, b, similarity, relation });
            }
        }
        // The copies in a node are one topic when they would be linked to each other, or are
        // linked together through another node.
        for &n in members {
            let node = &nodes[n];
            if node.items.len() > 1 && (linked[n] || judge(&items[node.items[0]], &items[node.items[1]], idf).link) {
                for &i in &node.items[1..] {
                    union(&mut topic_of, node.items[0], i);
                }
            }
        }
    }
    // Nodes only pair items for judging; their copies keep their place through `node_of`.
    drop((nodes, linked));
    disputes.sort_by_key(|d| (d.a.min(d.b), d.a.max(d.b)));

    let story_of = |i: usize| story_of_claim(items[i].claim);
    let topics = name_topics(rules, claims, &items, &contexts, &mut topic_of, |i| &story_idf[&story_of(i)]);
    // Contexts are the largest thing comparison holds; what follows needs only topics and values.
    drop((contexts, story_idf, totals));
    {
        // One copy of each topic's id, shared by its claims.
        let ids: HashMap<usize, super::record::Name> =
            topics.iter().map(|(&root, topic)| (root, topic.id.as_str().into())).collect();
        for (i, item) in items.iter().enumerate() {
            claims[item.claim].topic = Some(ids[&find(&mut topic_of, i)].clone());
        }
    }
    let value_group = value_groups(&items, &node_of, &mut topic_of);
    let members = Members::new(&value_group);
    numeric_conflicts(claims, &items, &topics, &mut topic_of, (&value_group, &members), &disputes, comparison);
    corroborations(claims, &items, &topics, &mut topic_of, &members, comparison);
    // Moved, not copied: there is a topic for nearly every distinct figure.
    comparison.topics = topics.into_values().map(|t| (t.id, t.label)).collect();
}

/// The item standing for each node in `members`.
fn nodes_reps(members: &[usize], nodes: &[Node]) -> Vec<usize> {
    members.iter().map(|&n| nodes[n].items[0]).collect()
}

/// How sure the topic must be before two different values are a conflict: figures far apart
/// (more than twice the other) are more likely two measures than one disputed one.
pub(super) fn conflict_threshold(a: &Measure, b: &Measure) -> f64 {
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
pub(super) fn same_event(rules: &RuleSet, claims: &[Record], a: &Item, b: &Item, ca: &Context, cb: &Context) -> bool {
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
    (written(a) || written(b)) && ca.adjacent().iter().any(|s| cb.adjacent().contains(s))
}

/// A value specific enough that two sources giving it in one story are likely on one topic:
/// "412,000", "12%", "six months", "March 11" — not "two" things, not "a year".
pub(super) fn specific(claims: &[Record], item: &Item) -> bool {
    let claim = &claims[item.claim];
    match (&item.measure, claim.kind) {
        (Measure::Date { .. }, _) | (_, ClaimKind::Percentage | ClaimKind::Money) => true,
        (Measure::Number { .. }, ClaimKind::Duration) => claim.figure().amount.is_some_and(|a| a >= 3.0),
        (Measure::Number { value, step, .. }, _) => value.abs() >= 20.0 || *step < 1.0,
    }
}

/// Two topic rules apart rule a topic out; one topic rule in common weighs as a strong shared
/// word (the rule's feature), the words around still have to agree on what is measured.
pub(super) fn topic_similarity(a: &Context, b: &Context, idf: &keys::Idf, totals: (f64, f64)) -> f64 {
    match (a.rule, b.rule) {
        (Some(x), Some(y)) if x != y => 0.0,
        _ if keys::contexts_disagree(a, b) => 0.3 * keys::similarity_with_totals(a, b, idf, totals.0, totals.1),
        _ => keys::similarity_with_totals(a, b, idf, totals.0, totals.1),
    }
}

/// Topic id and label per topic root: the topic rule's id (per actor when the rule says so),
/// else `auto:<n>` with the heaviest words as its label.
pub(super) fn name_topics<'a>(
    rules: &RuleSet,
    claims: &[Record],
    items: &[Item],
    contexts: &keys::Contexts,
    topic_of: &mut [usize],
    idf_of: impl Fn(usize) -> &'a keys::Idf,
) -> HashMap<usize, TopicRef> {
    let mut topics: HashMap<usize, TopicRef> = HashMap::new();
    let mut auto = 0;
    for i in 0..items.len() {
        let root = find(topic_of, i);
        if topics.contains_key(&root) {
            continue;
        }
        let context = &contexts[items[root].claim];
        let topic = match context.rule.and_then(|r| rules.topics.get(r as usize)) {
            Some(rule) => {
                let actor = context.actors().first().map(|&a| contexts.symbols.name(a)).filter(|_| rule.split_by_actor);
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
                let words = keys::label(context, idf_of(root), &contexts.features);
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

/// One conflict per topic and pair of disagreeing value groups; the closest pair of claims
/// stands for each side, the rest of each group is listed as agreeing with it.
pub(super) fn numeric_conflicts(
    claims: &mut [Record],
    items: &[Item],
    topics: &HashMap<usize, TopicRef>,
    topic_of: &mut [usize],
    (value_group, by_group): (&[usize], &Members),
    disputes: &[Dispute],
    comparison: &mut Comparison,
) {
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
    // Sources per value group, counted once per group taking part in a dispute.
    let mut supports: HashMap<usize, usize> = HashMap::new();
    for &(_, ga, gb) in best.keys() {
        for g in [ga, gb] {
            supports.entry(g).or_insert_with(|| {
                let sources: BTreeSet<&str> = by_group.of(g).iter().map(|&k| &*claims[items[k].claim].source).collect();
                sources.len()
            });
        }
    }
    let support = |g: usize| supports[&g];
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
        // The first `MAX_AGREEING` claims of the group, a claim with two items named once.
        let members = |g: usize, own: usize| -> Vec<String> {
            let mut ids: Vec<String> = Vec::new();
            for &k in by_group.of(g).iter().filter(|&&k| k != own) {
                let id = claims[items[k].claim].id();
                if ids.last() != Some(&id) {
                    if ids.len() == MAX_AGREEING {
                        break;
                    }
                    ids.push(id);
                }
            }
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
            comparison.flags.push((c, format!("conflict:{id}")));
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
