//! One speaker's statement across sources: echoes corroborate, different words for one
//! statement are a quote variant.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::claim::{ClaimKind, QuoteForm};
use crate::rules::RuleSet;

use super::keys;
use super::record::Record;
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

/// One statement as written by one speaker: the claims that quote it with the same words
/// (lowercased, punctuation dropped), however many sources repeat it.
struct Statement {
    normalized: String,
    /// Content-word stems, rarest in the speaker's quotes first.
    words: Vec<u32>,
    /// Claim indices, ascending.
    claims: Vec<usize>,
}

/// One speaker's statement quoted in two sources: the same words corroborate each other,
/// different words for the same statement are a quote variant.
///
/// Claims are first grouped by speaker and normalised words (a hash, so two thousand copies of
/// one wire story are one statement); echoes — one statement's words inside another's — are
/// found with one Aho-Corasick pass per speaker and joined by union-find, so a group of echoes
/// is one corroboration whatever its size. Variants are looked for between statements only,
/// through an index of their words (prefix filtering: a pair that can reach the overlap
/// threshold shares one of the rarest words of the smaller), never over all pairs of quotes.
pub(super) fn quote_comparisons(rules: &RuleSet, claims: &mut [Record], comparison: &mut Comparison) {
    // Per speaker, the statements in order first met.
    let mut speakers: BTreeMap<&str, Vec<Statement>> = BTreeMap::new();
    let mut index: HashMap<(&str, String), usize> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        if c.kind != ClaimKind::Quote || c.form == Some(QuoteForm::Term) {
            continue;
        }
        let (Some(value), Some(speaker)) = (c.value.as_str(), c.speaker.as_deref()) else { continue };
        let normalized = value.to_lowercase().replace(['.', ',', '!', '?', ';', ':'], "");
        let statements = speakers.entry(speaker).or_default();
        let n = *index.entry((speaker, normalized.clone())).or_insert_with(|| {
            statements.push(Statement { normalized, words: Vec::new(), claims: Vec::new() });
            statements.len() - 1
        });
        statements[n].claims.push(i);
    }
    drop(index);
    let claims_ro = &*claims;
    let mut conflicts: Vec<(usize, usize, f64, String)> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (speaker, statements) in &mut speakers {
        let containers = containers(statements);
        let contains = |outer: usize, inner: usize| containers[inner].binary_search(&outer).is_ok();
        word_ids(rules, claims_ro, statements);
        for (a, b, overlap) in variant_pairs(statements) {
            if contains(a, b) || contains(b, a) {
                continue;
            }
            // Sides from two sources; a variant within one source is a writer's own business.
            if let Some((x, y)) = cross_source(claims_ro, &statements[a].claims, &statements[b].claims) {
                conflicts.push((x.min(y), x.max(y), overlap, speaker.to_string()));
            }
        }
        // A statement no other contains stands for a group: its copies and the fragments in it.
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (n, outer) in containers.iter().enumerate() {
            if outer.is_empty() {
                members.entry(n).or_default().extend(&statements[n].claims);
            }
            for &m in outer.iter().filter(|&&m| containers[m].is_empty()) {
                members.entry(m).or_default().extend(&statements[n].claims);
            }
        }
        groups.extend(members.into_iter().map(|(m, mut claims)| {
            // The statement itself first: its first claim gives the corroboration's value.
            claims.sort_unstable();
            claims.dedup();
            let lead = statements[m].claims[0];
            claims.retain(|&c| c != lead);
            claims.insert(0, lead);
            claims
        }));
    }
    conflicts.sort_by(|x, y| (&x.3, x.0, x.1).cmp(&(&y.3, y.0, y.1)));
    for (i, j, overlap, speaker) in conflicts {
        let id = format!("x{}", comparison.conflicts.len() + 1);
        let (a, b) = (&claims[i], &claims[j]);
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
        comparison.flags.push((i, format!("conflict:{id}")));
        comparison.flags.push((j, format!("conflict:{id}")));
    }
    // One corroboration per group of echoes quoted in two or more sources, in order first met.
    groups.sort_unstable_by_key(|m| m[0]);
    for mut members in groups {
        let sources: BTreeSet<&str> = members.iter().map(|&m| &*claims[m].source).collect();
        if sources.len() < 2 {
            continue;
        }
        let sources: Vec<String> = sources.into_iter().map(str::to_string).collect();
        let number = comparison.corroborations.len() as u32 + 1;
        // A fragment inside two statements is named by the first group it is in.
        for &m in &members {
            claims[m].corroborated_by.get_or_insert((number, sources.len() as u32));
        }
        let first = &claims[members[0]];
        let speaker = first.speaker.clone().unwrap_or_default();
        comparison.corroborations.push(Corroboration {
            id: format!("k{number}"),
            kind: ClaimKind::Quote,
            topic: TopicRef { id: format!("quote:{speaker}"), label: format!("what {speaker} said") },
            value: first.value.clone(),
            claims: {
                members.sort_unstable();
                members.iter().map(|&m| claims[m].id()).collect()
            },
            count: sources.len(),
            sources,
        });
    }
}

/// For each statement, the other statements whose words contain its words (a quote cut short
/// inside a longer excerpt), ascending; one Aho-Corasick pass over the speaker's statements.
fn containers(statements: &[Statement]) -> Vec<Vec<usize>> {
    let mut outer: Vec<Vec<usize>> = vec![Vec::new(); statements.len()];
    let patterns: Vec<(usize, &str)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.normalized.is_empty())
        .map(|(n, s)| (n, s.normalized.as_str()))
        .collect();
    // An empty statement lies inside every other.
    for (n, s) in statements.iter().enumerate().filter(|(_, s)| s.normalized.is_empty()) {
        let _ = s;
        outer[n] = patterns.iter().map(|&(m, _)| m).collect();
    }
    if patterns.len() >= 2
        && let Ok(automaton) =
            AhoCorasick::builder().match_kind(MatchKind::Standard).build(patterns.iter().map(|(_, p)| p))
    {
        for &(n, text) in &patterns {
            for found in automaton.find_overlapping_iter(text) {
                let inner = patterns[found.pattern().as_usize()].0;
                if inner != n {
                    outer[inner].push(n);
                }
            }
        }
    }
    for list in &mut outer {
        list.sort_unstable();
        list.dedup();
    }
    outer
}

/// Content words of each statement (from its first claim's text) as ids, rarest first among
/// this speaker's statements.
fn word_ids(rules: &RuleSet, claims: &[Record], statements: &mut [Statement]) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let words: Vec<Vec<u32>> = statements
        .iter()
        .map(|s| {
            quote_words(rules, &claims[s.claims[0]].text)
                .into_iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(w).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    id
                })
                .collect()
        })
        .collect();
    for (s, mut w) in statements.iter_mut().zip(words) {
        w.sort_unstable_by_key(|&id| (df[id as usize], id));
        s.words = w;
    }
}

/// Pairs of statements with at least two content words in common and `SAME_STATEMENT` of the
/// smaller's words, with that share. Each statement probes the index with the words a pair
/// must share one of (its rarest `len - needed + 1`), against statements no smaller than it.
fn variant_pairs(statements: &[Statement]) -> Vec<(usize, usize, f64)> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (n, s) in statements.iter().enumerate() {
        for &w in &s.words {
            postings.entry(w).or_default().push(n);
        }
    }
    let size = |n: usize| (statements[n].words.len(), n);
    let mut pairs = Vec::new();
    let mut seen: Vec<usize> = vec![usize::MAX; statements.len()];
    for (a, s) in statements.iter().enumerate() {
        let len = s.words.len();
        if len < 2 {
            continue;
        }
        let needed = (2..=len).find(|&k| k as f64 / len as f64 >= SAME_STATEMENT).unwrap_or(len);
        for w in &s.words[..len - needed + 1] {
            for &b in &postings[w] {
                if size(b) <= size(a) || seen[b] == a {
                    continue;
                }
                seen[b] = a;
                let other = &statements[b].words;
                let shared = s.words.iter().filter(|w| other.contains(w)).count();
                let overlap = shared as f64 / len.max(1) as f64;
                if shared >= 2 && overlap >= SAME_STATEMENT {
                    pairs.push((a.min(b), a.max(b), overlap));
                }
            }
        }
    }
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    pairs
}

/// A claim from each list, from two different sources, the first such pair in order.
fn cross_source(claims: &[Record], a: &[usize], b: &[usize]) -> Option<(usize, usize)> {
    let (x, y) = (a[0], b[0]);
    if claims[x].source != claims[y].source {
        return Some((x, y));
    }
    let other = |list: &[usize], than: usize| list.iter().copied().find(|&m| claims[m].source != claims[than].source);
    match (other(b, x), other(a, y)) {
        (Some(y2), Some(x2)) => Some(if y2 < x2 { (x, y2) } else { (x2, y) }),
        (Some(y2), None) => Some((x, y2)),
        (None, Some(x2)) => Some((x2, y)),
        (None, None) => None,
    }
}
