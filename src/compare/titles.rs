//! Titles of one person that cannot both be true ("former" and current office, two ranks).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::claim::ClaimKind;
use crate::rules::{ActorType, RuleSet};

use super::record::Record;
use super::{Comparison, Conflict, ConflictKind, Scope, Severity, TopicRef, side};

/// A title taken apart: tense ("former"), rank ("deputy"), office, portfolio. Titles that
/// take apart the same are one office however they are worded.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Office {
    former: bool,
    acting: bool,
    rank: BTreeSet<String>,
    head: Option<String>,
    portfolio: BTreeSet<String>,
}

pub(super) fn office(rules: &RuleSet, title: &str) -> Office {
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
pub(super) fn incompatible(rules: &RuleSet, a: &Office, b: &Office) -> Option<(&'static str, Severity)> {
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

pub(super) fn title_conflicts(rules: &RuleSet, claims: &mut [Record], comparison: &mut Comparison) {
    // Per person: the mentions that give one office ("Tarvonian Commerce Minister" and
    // "Commerce Minister" are one), in the order first met.
    let mut offices: BTreeMap<String, Vec<(Office, Vec<usize>)>> = BTreeMap::new();
    // A title is taken apart once however many people and articles it is given in.
    let mut known: HashMap<&str, Office> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        if c.kind != ClaimKind::Actor || c.actor_type != Some(ActorType::Person) {
            continue;
        }
        let (Some(actor), Some(title)) = (&c.actor, &c.title) else { continue };
        if rules.lexicon.contains("honorific", title) {
            continue;
        }
        let found = known.entry(title).or_insert_with(|| office(rules, title)).clone();
        let seen = offices.entry(actor.to_string()).or_default();
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
                    let title = first.title.as_deref().unwrap_or_default().to_string();
                    let mut side = side(first, &Value::String(title));
                    side.agreeing = members[1..].iter().map(|&m| claims[m].id()).collect();
                    side
                };
                let (a, b) = (side_of(members_a), side_of(members_b));
                let sources: BTreeSet<&str> = members_a.iter().chain(members_b).map(|&m| &*claims[m].source).collect();
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
                    comparison.flags.push((m, format!("conflict:{id}")));
                }
            }
        }
    }
}
