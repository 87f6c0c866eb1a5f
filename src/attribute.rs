//! Who the article credits a claim to: "According to Reuters, …", "The Wall Street Journal
//! reported that …", and, for anything inside a quotation, the person quoted.

use std::collections::HashMap;
use std::ops::Range;

use crate::claim::{Claim, ClaimKind};
use crate::extract::{Context, Mention};
use crate::rules::{ActorType, Capture, RuleKind};

/// Sets `attributed_to` on claims and quotes; `None` stays where the article asserts a claim itself.
pub(crate) fn credit(
    cx: &Context<'_>,
    mentions: &[Mention],
    quotes: &mut [Claim],
    statements: &mut [Claim],
    claims: &mut [Claim],
) {
    let mut by_sentence: HashMap<usize, (String, Range<usize>)> = HashMap::new();
    let mut by_start: Vec<usize> = (0..mentions.len()).collect();
    by_start.sort_by_key(|&i| mentions[i].at.start);
    for m in cx.scan(RuleKind::Attribution) {
        let (Some(source), Some(sentence)) = (m.get(Capture::Source), cx.layout.sentence_at(m.span.start)) else {
            continue;
        };
        if cx.layout.sentence_at(m.span.end.saturating_sub(1)) != Some(sentence) {
            continue;
        }
        if let Some(name) = credited(cx, mentions, &by_start, &source) {
            by_sentence.entry(sentence).or_insert((name, source));
        }
    }
    for quote in quotes.iter_mut() {
        quote.attributed_to = quote.speaker.clone().or_else(|| sentence_source(cx, &by_sentence, &quote.at));
    }
    for statement in statements.iter_mut() {
        statement.attributed_to = statement.speaker.clone();
    }
    // Quotes first: a quotation inside a reported clause is its speaker's own words.
    let mut spoken: Vec<(Range<usize>, &str)> = quotes
        .iter()
        .chain(statements.iter())
        .filter_map(|q| q.speaker.as_deref().map(|s| (q.at.clone(), s)))
        .collect();
    // By start, so the quotes that may hold a claim are found by binary search: those starting
    // at or before it, the nearest first (the first in the text among equals, as before).
    spoken.sort_by_key(|(at, _)| at.start);
    let mut reach = Vec::with_capacity(spoken.len());
    let mut furthest = 0;
    for (at, _) in &spoken {
        furthest = furthest.max(at.end);
        reach.push(furthest);
    }
    for claim in claims.iter_mut() {
        let before = spoken.partition_point(|(at, _)| at.start <= claim.at.start);
        // Walk back only while some earlier quote still reaches past the claim's end.
        let in_quote = (0..before)
            .rev()
            .take_while(|&i| reach[i] >= claim.at.end)
            .filter(|&i| claim.at.end <= spoken[i].0.end)
            .min_by_key(|&i| (spoken[i].0.start, i))
            .map(|i| &spoken[i]);
        claim.attributed_to = match in_quote {
            Some((_, speaker)) => Some(speaker.to_string()),
            None => sentence_source(cx, &by_sentence, &claim.at),
        };
        // The credited actor's own mention is not a claim it makes about itself.
        if claim.kind == ClaimKind::Actor && claim.attributed_to.as_deref() == claim.actor.as_deref() {
            claim.attributed_to = None;
        }
    }
}

/// Mentions lying inside `range`, in their order. `by_start` holds mention indices sorted by
/// start (made once per document), so a binary search finds the candidates.
fn mentions_in<'a>(mentions: &'a [Mention], by_start: &[usize], range: &Range<usize>) -> Vec<&'a Mention> {
    let first = by_start.partition_point(|&i| mentions[i].at.start < range.start);
    let mut inside: Vec<usize> = by_start[first..]
        .iter()
        .copied()
        .take_while(|&i| mentions[i].at.start <= range.end)
        .filter(|&i| mentions[i].at.end <= range.end)
        .collect();
    inside.sort_unstable();
    inside.into_iter().map(|i| &mentions[i]).collect()
}

fn sentence_source(
    cx: &Context<'_>,
    by_sentence: &HashMap<usize, (String, Range<usize>)>,
    at: &Range<usize>,
) -> Option<String> {
    let sentence = cx.layout.sentence_at(at.start)?;
    let (name, span) = by_sentence.get(&sentence)?;
    let inside_source = span.start <= at.start && at.end <= span.end;
    (!inside_source).then(|| name.clone())
}

/// The canonical actor named in a credited source phrase (a person or organisation before a
/// place), else the phrase itself when it reads as a name ("Reuters", "Experts" does not).
fn credited(cx: &Context<'_>, mentions: &[Mention], by_start: &[usize], source: &Range<usize>) -> Option<String> {
    let inside: Vec<&Mention> = mentions_in(mentions, by_start, source);
    let pick =
        |types: &[ActorType]| inside.iter().rev().find(|m| types.contains(&m.actor_type)).map(|m| m.canonical.clone());
    pick(&[ActorType::Person, ActorType::Org]).or_else(|| pick(&[ActorType::Place])).or_else(|| {
        let text = crate::text::collapse_whitespace(cx.slice(source));
        let text = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(&text).to_string();
        // "according to the union": the organisation last named with that word.
        if cx.rules.lexicon.contains("institution", &text) {
            return crate::extract::institution(cx, mentions, &text, source.start);
        }
        // A name the pack does not know: capitalised words ("Northgate Ledger", "AIS"), or one
        // capitalised word right before the speech verb ("Halvorsen said that") — not a
        // capitalised word that opens a sentence ("Port officials said that").
        let words: Vec<&str> = text.split_whitespace().collect();
        let capitalised = !words.is_empty() && words.iter().all(|w| w.starts_with(char::is_uppercase));
        let next_word = cx.text[source.end..].split_whitespace().next().unwrap_or_default();
        let acronym = words.len() == 1 && text.chars().all(|c| c.is_ascii_uppercase());
        let speaks = cx.rules.lexicon.contains("speech_verb", next_word)
            || cx.slice(&(source.start.saturating_sub(13)..source.start)).to_lowercase().contains("according to");
        (capitalised && (words.len() >= 2 || acronym || speaks)).then_some(text)
    })
}
