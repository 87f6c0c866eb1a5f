//! One speaker's statement across sources: echoes corroborate, different words for one
//! statement are a quote variant.

use std::collections::{BTreeMap, BTreeSet};

use crate::claim::{Claim, ClaimKind, Corroborated, QuoteForm};
use crate::rules::RuleSet;

use super::keys;
use super::{Comparison, Conflict, ConflictKind, Corroboration, Scope, Severity, TopicRef, side};

/// Share of content words two quotes by one speaker have in common to be one statement.
pub(super) const SAME_STATEMENT: f64 = 0.6;

pub(super) fn quote_words(rules: &RuleSet, text: &str) -> BTreeSet<String> {
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
        .map(|w| keys::stem(w, rules))
        .collect()
}

/// One speaker's statement quoted in two sources: the same words corroborate each other,
/// different words for the same statement are a quote variant.
pub(super) fn quote_comparisons(rules: &RuleSet, claims: &mut [Claim], comparison: &mut Comparison) {
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
