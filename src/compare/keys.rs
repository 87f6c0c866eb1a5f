//! What a claim is about: topic rules from the pack, else an automatic key built from the words
//! that govern the value in its clause (what it measures, its subject and verb) and the actors
//! named with it. Works from claims alone (their sentence and text), so claim files written
//! earlier can be compared without the articles.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::claim::ClaimKind;
use crate::rules::{ActorType, RuleSet};
use crate::text::suffix_stem;

use super::record::{Name, Record};

/// A context feature, numbered once for the whole comparison: contexts are compared by merging
/// two short sorted lists of numbers rather than by hashing strings.
pub type Feature = u32;

/// Inverse document frequency per feature.
pub type Idf = HashMap<Feature, f64>;

/// The name of every feature, by number.
#[derive(Debug, Default)]
pub struct Features {
    names: Vec<String>,
}

impl Features {
    pub fn name(&self, feature: Feature) -> &str {
        self.names.get(feature as usize).map_or("", String::as_str)
    }
}

/// A name a context holds (an actor, a stem, a stance, a year), numbered once for the whole
/// comparison, so that a context's sets are a few numbers rather than trees of strings.
pub type Symbol = u32;

/// The names behind symbols.
#[derive(Debug, Default)]
pub struct Symbols {
    ids: HashMap<String, Symbol>,
    names: Vec<String>,
}

impl Symbols {
    pub fn name(&self, symbol: Symbol) -> &str {
        self.names.get(symbol as usize).map_or("", String::as_str)
    }

    /// Sets of names as symbols, each in its names' order (equal sets, equal lists), one after
    /// another, and where each ends.
    fn sets<const N: usize>(&mut self, sets: [BTreeSet<String>; N]) -> (Box<[Symbol]>, [u32; N]) {
        let mut list = Vec::new();
        let mut ends = [0; N];
        for (set, end) in sets.into_iter().zip(&mut ends) {
            for name in set {
                let next = self.names.len() as Symbol;
                list.push(*self.ids.entry(name).or_insert_with_key(|name| {
                    self.names.push(name.clone());
                    next
                }));
            }
            *end = list.len() as u32;
        }
        (list.into(), ends)
    }
}

/// A context word's weight before idf: small whole numbers (see `proximity_weight` and the
/// weights below), exact in an `f32`, which halves the largest list a context holds.
pub type Weight = f32;

/// The words around one claim that say what it is about. Its five sets of names are one list
/// (`sets`, each set's end in `ends`): one allocation rather than five per context.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Content-word stems (and actors, as `@Name`) with their weight before idf, by feature.
    pub words: Box<[(Feature, Weight)]>,
    /// Actors, stance, adjacent, modifiers and periods, one after another.
    sets: Box<[Symbol]>,
    ends: [u32; 5],
    /// Index of the topic rule that matched, if any.
    pub rule: Option<u32>,
    /// Whether the stance is a forecast.
    pub forecast: bool,
}

impl Context {
    fn set(&self, n: usize) -> &[Symbol] {
        let start = n.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.sets.get(start..self.ends[n] as usize).unwrap_or_default()
    }

    /// Canonical actors named in the clause (countries, organisations, people).
    pub fn actors(&self) -> &[Symbol] {
        self.set(0)
    }

    /// Whose figure it is, from `[lexicon.stance]` words next to it: an offer, a demand, a
    /// forecast are different figures even with the same words around them.
    pub fn stance(&self) -> &[Symbol] {
        self.set(1)
    }

    /// Features right next to the value: for a date, the event ("talks opened on March 9").
    pub fn adjacent(&self) -> &[Symbol] {
        self.set(2)
    }

    /// Words near the value that make it a different measure ("core", "immediate").
    pub fn modifiers(&self) -> &[Symbol] {
        self.set(3)
    }

    /// The period the clause puts the value in: years it names ("fiscal 2010"), and `earlier`
    /// when it points back ("a year earlier").
    pub fn periods(&self) -> &[Symbol] {
        self.set(4)
    }

    /// Writes everything in the context: equal fingerprints, equal contexts.
    pub fn fingerprint(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(
            out,
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|",
            self.actors(),
            self.rule,
            self.stance(),
            self.adjacent(),
            self.modifiers(),
            self.periods()
        )?;
        for (i, (f, w)) in self.words.iter().enumerate() {
            write!(out, "{}{f}={w}", if i == 0 { "" } else { "," })?;
        }
        Ok(())
    }
}

/// A context as built from one sentence, its sets still of strings (they are numbered once the
/// batch is done, in order).
#[derive(Default)]
struct Draft {
    actors: BTreeSet<String>,
    rule: Option<usize>,
    stance: BTreeSet<String>,
    adjacent: BTreeSet<String>,
    modifiers: BTreeSet<String>,
    periods: BTreeSet<String>,
}

/// The context of every compared claim, by claim; copies of one figure share one.
#[derive(Debug, Default)]
pub struct Contexts {
    /// Per claim, its context in `list`, or `NO_CONTEXT`.
    slot: Vec<u32>,
    list: Vec<Context>,
    /// What a claim without a context (an actor, a quote) is given.
    empty: Context,
    pub features: Features,
    pub symbols: Symbols,
}

const NO_CONTEXT: u32 = u32::MAX;

impl std::ops::Index<usize> for Contexts {
    type Output = Context;

    fn index(&self, claim: usize) -> &Context {
        match self.slot.get(claim) {
            Some(&slot) if slot != NO_CONTEXT => &self.list[slot as usize],
            _ => &self.empty,
        }
    }
}

/// Words of the clause further than this (in words) from the value are left out of its context.
const CONTEXT_REACH: usize = 40;
/// Words this close to the value (in words) say what it measures.
const NEAR: usize = 5;
/// Words this close to a value qualify the measure ("an immediate 11% rise").
const MODIFIER_REACH: usize = 3;
/// Topic rule keywords count this close to the value (unless the rule says clause or sentence).
const TOPIC_REACH: usize = 6;
/// Words this close to a date name the event it dates.
const ADJACENT: usize = 2;

/// Words next to the value say what it measures; words further off in the clause say less.
fn proximity_weight(distance: usize) -> f64 {
    match distance {
        0..=2 => 3.0,
        3..=5 => 2.0,
        _ => 1.0,
    }
}
const ACTOR_WEIGHT: f64 = 2.0;
/// A topic rule's match counts as a strong shared word.
const TOPIC_RULE_WEIGHT: f64 = 4.0;
/// The counted noun of a number ("3,200 dockworkers") is the strongest clue to its topic.
const NOUN_WEIGHT: f64 = 3.0;
/// A context lighter than this counts as this heavy when overlap is computed, so that two
/// short clauses do not match on a single shared word.
const MIN_CONTEXT_WEIGHT: f64 = 8.0;

/// Where clauses break: ("US tariffs will surge from 30% to 145%, and Chinese tariffs may rise
/// from 10% to 125%" is two clauses).
const BREAKS: [&str; 8] = [";", ", and ", ", but ", ", while ", " while ", ", whereas ", " — ", ": "];

/// Where the clause around byte `at` starts and ends, from the sentence's breaks
/// (`(position, length)` of every occurrence).
fn clause_around(sentence: &str, breaks: &[(usize, usize)], at: usize) -> (usize, usize) {
    let mut start = 0;
    let mut end = sentence.len();
    for &(i, len) in breaks {
        if i + len <= at {
            start = start.max(i + len);
        } else if i >= at {
            end = end.min(i);
        }
    }
    (start, end.max(start))
}

/// Whether two claims are in one sentence of one source, known without comparing the text when
/// they share it (the claims of a sentence come together and share its text).
fn same_sentence(a: &Record, b: &Record) -> bool {
    Name::ptr_eq(&a.sentence, &b.sentence) && a.source == b.source
}

/// A word's stem with synonyms folded together ("permits" and "licences" meet).
pub fn stem(word: &str, rules: &RuleSet) -> String {
    let s = suffix_stem(word);
    rules.synonyms.get(&s).cloned().unwrap_or(s)
}

fn is_content_word(word: &str, rules: &RuleSet) -> bool {
    if word.chars().count() <= 2 || word.chars().any(|c| c.is_ascii_digit()) || !word.chars().any(char::is_alphabetic) {
        return false;
    }
    let lower = word.to_lowercase();
    // "two-day": a number word says nothing about the topic.
    let first = lower.split('-').next().unwrap_or(&lower);
    !rules.not_topical.contains(first) && !rules.not_topical.contains(&lower)
}

/// Sentences whose figures get their contexts in one parallel batch, before the batch's
/// features are numbered: the words of the whole input are never held as strings at once.
const BATCH: usize = 4096;

/// Builds the context of every claim (actor and quote claims get an empty one), and the names
/// of the features they use.
///
/// A figure is given its context from its sentence, the actors named in that sentence, its
/// text and what it counts or is credited to, nothing else: copies of one figure (a syndicated
/// paragraph in thousands of articles) are given one context, built once.
pub fn contexts(rules: &RuleSet, claims: &[Record]) -> Contexts {
    // Per (source, sentence): the sentence, the actor mentions a clause may name (text, actor),
    // and the compared claims.
    type Mentions<'c> = [(&'c str, &'c str)];
    type Members<'c> = (&'c Name, Vec<(&'c str, &'c str)>, Vec<usize>);
    let mut sentences: HashMap<(usize, usize), usize> = HashMap::new();
    let mut groups: Vec<Members<'_>> = Vec::new();
    let mut last: Option<(&Record, usize)> = None;
    for (i, c) in claims.iter().enumerate() {
        let actor = match c.kind {
            ClaimKind::Actor => match c.actor.as_deref() {
                Some(actor) => Some(actor),
                None => continue,
            },
            ClaimKind::Quote | ClaimKind::Statement => continue,
            _ => None,
        };
        let group = match last {
            Some((previous, group)) if same_sentence(previous, c) => group,
            _ => *sentences.entry((c.source.key(), c.sentence.key())).or_insert_with(|| {
                groups.push((&c.sentence, Vec::new(), Vec::new()));
                groups.len() - 1
            }),
        };
        last = Some((c, group));
        match actor {
            Some(actor) => groups[group].1.push((c.text.as_ref(), actor)),
            None => groups[group].2.push(i),
        }
    }
    drop(sentences);
    // In claim order, so that features are numbered the same way on every run.
    groups.retain(|(_, _, members)| !members.is_empty());
    groups.sort_unstable_by_key(|(_, _, members)| members[0]);
    // Everything a context is built from: the sentence and its actors (the first group with
    // them stands for the rest), the claim's text, kind, noun and credit. The first claim with
    // them is built, the rest copy it.
    let mut origins: HashMap<(usize, &Mentions<'_>), usize> = HashMap::new();
    type Origin<'c> = (usize, &'c str, ClaimKind, Option<&'c str>, Option<&'c str>);
    let mut first: HashMap<Origin<'_>, usize> = HashMap::new();
    let mut copies: Vec<(usize, usize)> = Vec::new();
    // (sentence, its actor mentions, the claims whose contexts are built from it)
    type Built<'c> = (&'c str, &'c Mentions<'c>, Vec<usize>);
    let mut built_from: Vec<Built<'_>> = Vec::new();
    for (n, (sentence, actors, members)) in groups.iter().enumerate() {
        let origin = *origins.entry((sentence.key(), actors)).or_insert(n);
        let mut own = Vec::new();
        for &i in members {
            let c = &claims[i];
            let key = (origin, c.text.as_ref(), c.kind, c.figure().noun.as_deref(), c.attributed_to.as_deref());
            match first.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => copies.push((i, *e.get())),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                    own.push(i);
                }
            }
        }
        if !own.is_empty() {
            built_from.push((sentence, actors, own));
        }
    }
    drop((origins, first));
    let mut ids: HashMap<String, Feature> = HashMap::new();
    let mut out = Contexts { slot: vec![NO_CONTEXT; claims.len()], ..Contexts::default() };
    let mut lexicon: Lexicon<'_, '_> = HashMap::new();
    for batch in built_from.chunks(BATCH) {
        for (sentence, ..) in batch {
            learn(rules, &mut lexicon, sentence);
        }
        let lexicon = &lexicon;
        // Each sentence is read once for all the figures in it.
        let mut built: Vec<(usize, Draft, HashMap<String, f64>)> = batch
            .par_iter()
            .flat_map_iter(|(sentence, actors, members)| {
                let words = SentenceWords::new(lexicon, sentence);
                members.iter().map(move |&i| {
                    let (draft, weights) = context_of(rules, &claims[i], &words, actors);
                    (i, draft, weights)
                })
            })
            .collect();
        built.sort_unstable_by_key(|(i, ..)| *i);
        for (i, draft, weights) in built {
            let mut words: Vec<(Feature, Weight)> = weights
                .into_iter()
                .map(|(name, weight)| {
                    let next = out.features.names.len() as Feature;
                    let id = *ids.entry(name).or_insert_with_key(|name| {
                        out.features.names.push(name.clone());
                        next
                    });
                    (id, weight as Weight)
                })
                .collect();
            words.sort_unstable_by_key(|&(f, _)| f);
            let forecast = draft.stance.contains("forecast");
            let (sets, ends) =
                out.symbols.sets([draft.actors, draft.stance, draft.adjacent, draft.modifiers, draft.periods]);
            let context = Context { words: words.into(), sets, ends, rule: draft.rule.map(|r| r as u32), forecast };
            out.slot[i] = out.list.len() as u32;
            out.list.push(context);
        }
    }
    for (copy, original) in copies {
        out.slot[copy] = out.slot[original];
    }
    out
}

/// What the lexicon says of a word, looked up once per distinct word of the comparison rather
/// than once per sentence it is in.
struct Lexed<'r> {
    year: bool,
    change_basis: bool,
    earlier_period: bool,
    demonym: Option<&'r str>,
    /// A content word that is not an acronym: it goes into the context.
    topical: bool,
    modifier: bool,
    stance: Option<&'r str>,
    value_role: Option<&'r str>,
    /// Lowercased and stemmed, for topical words only (the others are not in a context).
    lower: String,
    stem: String,
}

impl<'r> Lexed<'r> {
    fn new(rules: &'r RuleSet, word: &str) -> Self {
        let lexicon = &rules.lexicon;
        let lower = word.to_lowercase();
        let year = word.len() == 4
            && word.chars().all(|c| c.is_ascii_digit())
            && (word.starts_with("19") || word.starts_with("20"));
        // Acronyms and abbreviations ("UDHW", "U.S.") are names, matched as actors if known.
        let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || word.contains('.');
        // What only a topical word is asked is looked up only for one.
        let topical = is_content_word(word, rules) && !acronym;
        Lexed {
            year,
            change_basis: lexicon.contains("change_basis", word),
            earlier_period: lexicon.contains("earlier_period", word),
            demonym: lexicon.string("demonym", &lower),
            topical,
            modifier: topical && lexicon.contains("measure_modifier", word),
            stance: lexicon.string("stance", &lower).filter(|_| topical),
            value_role: lexicon.string("value_role", &lower),
            stem: if topical { stem(word, rules) } else { String::new() },
            lower: if topical { lower } else { String::new() },
        }
    }
}

/// Every distinct word of the sentences read so far, by its text.
type Lexicon<'c, 'r> = HashMap<&'c str, Lexed<'r>>;

/// The words of a sentence as contexts read them (a trailing full stop is not part of a word).
fn sentence_words(sentence: &str) -> impl Iterator<Item = (usize, &str)> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w.trim_end_matches('.')))
}

/// Looks up the words of `sentence` not met before.
fn learn<'c, 'r>(rules: &'r RuleSet, lexicon: &mut Lexicon<'c, 'r>, sentence: &'c str) {
    for (_, word) in sentence_words(sentence) {
        lexicon.entry(word).or_insert_with(|| Lexed::new(rules, word));
    }
}

/// One word of a sentence: where it is, and what the lexicon says of it.
struct Word<'w, 'r> {
    /// Byte offset in the sentence.
    offset: usize,
    lexed: &'w Lexed<'r>,
}

/// A sentence's words and clause breaks.
struct SentenceWords<'s, 'w, 'r> {
    sentence: &'s str,
    words: Vec<Word<'w, 'r>>,
    breaks: Vec<(usize, usize)>,
}

impl<'s, 'w, 'r> SentenceWords<'s, 'w, 'r> {
    /// The sentence's words, each already in `lexicon` (see [`learn`]).
    fn new(lexicon: &'w Lexicon<'_, 'r>, sentence: &'s str) -> Self {
        let words =
            sentence_words(sentence).filter_map(|(offset, w)| Some(Word { offset, lexed: lexicon.get(w)? })).collect();
        let mut breaks: Vec<(usize, usize)> =
            BREAKS.iter().flat_map(|b| sentence.match_indices(b).map(|(i, _)| (i, b.len()))).collect();
        breaks.sort_unstable();
        SentenceWords { sentence, words, breaks }
    }
}

/// A claim's context, and its words with their weights (features by name).
fn context_of(
    rules: &RuleSet,
    claim: &Record,
    words: &SentenceWords<'_, '_, '_>,
    actors: &[(&str, &str)],
) -> (Draft, HashMap<String, f64>) {
    let sentence = words.sentence;
    let text = crate::text::collapse_whitespace(&claim.text);
    let at = sentence.find(&text).unwrap_or(0);
    let (start, end) = clause_around(sentence, &words.breaks, at);
    let clause = &sentence[start..end];
    // Offsets are the sentence's; the value ends where it does or at the clause's end.
    let claim_start = at;
    let claim_end = (at + text.len()).min(end);

    let mut context = Draft::default();
    let mut weights: HashMap<String, f64> = HashMap::new();
    // The clause's words (no word crosses a break), in text order: the value's place among
    // them gives every distance at once.
    let tokens = {
        let from = words.words.partition_point(|w| w.offset < start);
        let to = words.words.partition_point(|w| w.offset < end);
        &words.words[from..to.max(from)]
    };
    let before = tokens.partition_point(|w| w.offset < claim_start);
    let after_value = tokens.partition_point(|w| w.offset < claim_end);
    let distance_to_value = |i: usize| if i < before { before - i } else { i + 1 - after_value };
    // Words further than this from the value say nothing a nearer word does not (weight 1), and
    // a clause of hundreds of figures would otherwise cost each figure the whole clause.
    let reach = before.saturating_sub(CONTEXT_REACH)..(after_value + CONTEXT_REACH).min(tokens.len());
    for (i, word) in tokens.iter().enumerate().take(reach.end).skip(reach.start) {
        let offset = word.offset;
        if offset >= claim_start && offset < claim_end {
            continue;
        }
        // A year close to the value puts it in that year ("$12.92 billion for the first fiscal
        // 2010 quarter"); one further off belongs to another part of the clause.
        if word.lexed.year {
            if distance_to_value(i) <= NEAR {
                context.periods.insert(sentence[offset..offset + 4].to_string());
            }
            continue;
        }
        // "a year earlier, profit was …", "$3.57 billion a year ago" — but "fell 28.6% from a
        // year earlier" only states the basis of a change.
        let basis = tokens[i.saturating_sub(3)..i].iter().any(|w| w.lexed.change_basis);
        if distance_to_value(i) <= NEAR && word.lexed.earlier_period && !basis {
            context.periods.insert("earlier".to_string());
        }
        if let Some(country) = word.lexed.demonym {
            context.actors.insert(country.to_string());
            continue;
        }
        if !word.lexed.topical {
            continue;
        }
        // "core inflation", "an immediate 11% rise": a modifier makes it another measure.
        if distance_to_value(i) <= MODIFIER_REACH && word.lexed.modifier {
            context.modifiers.insert(word.lexed.lower.clone());
        }
        let distance = if offset < claim_start { before - i } else { i.saturating_sub(before) };
        let weight = proximity_weight(distance);
        if distance <= NEAR
            && let Some(stance) = word.lexed.stance
        {
            context.stance.insert(stance.to_string());
            weights.insert(format!("stance:{stance}"), weight);
        }
        if distance <= ADJACENT {
            context.adjacent.insert(word.lexed.stem.clone());
        }
        let entry = weights.entry(word.lexed.stem.clone()).or_insert(0.0);
        *entry = entry.max(weight);
    }
    // The counted noun: its head and the head's class weigh most ("Vantor sport utility
    // vehicles" and "Vantor SUVs" are both vehicles), its other words like any near word.
    if let Some(noun) = &claim.figure().noun {
        let words: Vec<&str> = noun.split_whitespace().filter(|w| is_content_word(w, rules)).collect();
        for (i, word) in words.iter().enumerate() {
            // The head, and names in it ("Vantor"), say most about what is counted.
            let head = i + 1 == words.len();
            let weight = if head || word.starts_with(char::is_uppercase) { NOUN_WEIGHT } else { 1.0 };
            weights.insert(stem(word, rules), weight);
            if let Some(class) = rules.lexicon.string("noun_class", &suffix_stem(word)).filter(|_| head) {
                weights.insert(format!("class:{class}"), NOUN_WEIGHT);
            }
        }
    }
    // The source a claim is credited to ("according to Reuters", "the union says") says who
    // speaks, not whose figure it is: a feature of the clause, but never a reason to keep two
    // figures apart.
    let mut credited = None;
    for (mention, actor) in actors {
        if !clause.contains(mention) {
            continue;
        }
        if claim.attributed_to.as_deref() == Some(*actor) {
            credited = Some(*actor);
        } else {
            context.actors.insert(actor.to_string());
        }
    }
    // Actors are features too, and their own words are not.
    for actor in context.actors.iter().map(String::as_str).chain(credited.filter(|_| claim.kind != ClaimKind::Quote)) {
        for word in actor.split_whitespace() {
            weights.remove(&stem(word, rules));
        }
        weights.insert(format!("@{actor}"), ACTOR_WEIGHT);
    }
    // Topic keywords: near the value by default ("the funds rate to 5.25%"), in the clause or the
    // sentence when a rule says so.
    let near_start = tokens.get(before.saturating_sub(TOPIC_REACH)).map_or(start, |w| w.offset);
    let after = tokens.iter().position(|w| w.offset >= claim_end).unwrap_or(tokens.len());
    let near_end = tokens.get(after + TOPIC_REACH).map_or(end, |w| w.offset);
    let near = rules.topic_keywords_in(&sentence[near_start..near_end.max(near_start)]);
    // Clause and sentence are only searched when some topic rule looks there.
    let scoped = |scope: crate::rules::TopicScope, text: &str| {
        if rules.topics.iter().any(|t| t.scope == scope) { rules.topic_keywords_in(text) } else { Default::default() }
    };
    let in_clause = scoped(crate::rules::TopicScope::Clause, clause);
    let in_sentence = scoped(crate::rules::TopicScope::Sentence, sentence);
    context.rule = rules.topics.iter().position(|t| {
        let found = match t.scope {
            crate::rules::TopicScope::Near => &near,
            crate::rules::TopicScope::Clause => &in_clause,
            crate::rules::TopicScope::Sentence => &in_sentence,
        };
        t.kinds.iter().any(|k| k == claim.kind.name())
            && t.all.iter().all(|w| found.contains(w.as_str()))
            && (t.any.is_empty() || t.any.iter().any(|w| found.contains(w.as_str())))
    });
    if let Some(rule) = context.rule {
        weights.insert(format!("topic:{}", rules.topics[rule].id), TOPIC_RULE_WEIGHT);
    }
    // "raised rates by 0.25% to 5.25%": the word right before a value says whether it is a
    // change or a level.
    if let Some(role) = tokens.iter().rev().find(|w| w.offset < claim_start).and_then(|w| w.lexed.value_role) {
        context.stance.insert(role.to_string());
    }
    (context, weights)
}

/// A context's weight with `idf`: what the similarity divides by.
pub fn total_weight(c: &Context, idf: &Idf) -> f64 {
    c.words.iter().map(|(f, w)| f64::from(*w) * idf.get(f).copied().unwrap_or(1.0)).sum()
}

/// Weighted overlap of two contexts, 0..=1: the shared weight over the lighter context's
/// weight (a short clause can sit wholly inside a longer one), with `idf` weighting words rare
/// in the story up; each context's `total_weight` is computed beforehand (once per claim
/// rather than once per pair).
pub fn similarity_with_totals(a: &Context, b: &Context, idf: &Idf, ta: f64, tb: f64) -> f64 {
    if ta == 0.0 || tb == 0.0 {
        return 0.0;
    }
    let shared: f64 = shared(a, b).map(|(f, wa, wb)| wa.min(wb) * idf.get(&f).copied().unwrap_or(1.0)).sum();
    (shared / ta.min(tb).max(MIN_CONTEXT_WEIGHT)).min(1.0)
}

/// Number of features two contexts share (a guard against one-word coincidences).
pub fn shared_features(a: &Context, b: &Context) -> usize {
    shared(a, b).count()
}

/// The features two contexts share, with each one's weight: a merge of the two sorted lists.
fn shared<'c>(a: &'c Context, b: &'c Context) -> impl Iterator<Item = (Feature, f64, f64)> + 'c {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while let (Some(&(fa, wa)), Some(&(fb, wb))) = (a.words.get(i), b.words.get(j)) {
            match fa.cmp(&fb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some((fa, f64::from(wa), f64::from(wb)));
                }
            }
        }
        None
    })
}

/// Whether what is named with two claims rules out one topic: both name actors and none in
/// common; both say whose figure it is (an offer, a demand) and not the same, or one is a
/// forecast; one is qualified as another measure ("core inflation"); they are put in different
/// periods (a year named with one and not the other, "a year earlier").
pub fn contexts_disagree(a: &Context, b: &Context) -> bool {
    disjoint(a.actors(), b.actors())
        || disjoint(a.stance(), b.stance())
        || a.forecast != b.forecast
        || a.modifiers() != b.modifiers()
        || a.periods() != b.periods()
}

/// Whether two sets both name something and nothing in common (they hold a few names each).
pub fn disjoint(a: &[Symbol], b: &[Symbol]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
}

/// Inverse document frequency of each feature over a set of contexts.
pub fn idf<'a>(contexts: impl Iterator<Item = &'a Context>) -> Idf {
    let mut df: HashMap<Feature, usize> = HashMap::new();
    let mut n = 0usize;
    for c in contexts {
        n += 1;
        for &(f, _) in &c.words {
            *df.entry(f).or_default() += 1;
        }
    }
    df.into_iter().map(|(f, d)| (f, 1.0 + (n as f64 / d as f64).ln())).collect()
}

/// Groups sources into stories: sources that share people, organisations and vocabulary are
/// about the same events; claims are only compared within a story.
pub fn stories(rules: &RuleSet, claims: &[Record]) -> HashMap<String, usize> {
    // The claims of a source come together: one name per run, then the few names sorted.
    let mut sources: Vec<&str> = claims.iter().map(|c| &*c.source).collect();
    sources.dedup();
    sources.sort_unstable();
    sources.dedup();
    // Bags of features, numbered as first met: a word's stem is looked up once per distinct
    // word (`None` if it is not a content word), not once per sentence it is in.
    let mut bags: Vec<HashMap<u32, f64>> = vec![HashMap::new(); sources.len()];
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut id = |name: String| {
        let next = ids.len() as u32;
        *ids.entry(name).or_insert(next)
    };
    let mut stems: HashMap<&str, Option<u32>> = HashMap::new();
    let index: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut seen_sentences: HashSet<(usize, usize)> = HashSet::new();
    let mut last: Option<(&Record, usize)> = None;
    for c in claims {
        // A claim in the sentence of the one before has its source, and its sentence is seen.
        let (source, seen) = match last {
            Some((previous, source)) if same_sentence(previous, c) => (source, true),
            _ => (index[&*c.source], !seen_sentences.insert((c.source.key(), c.sentence.key()))),
        };
        last = Some((c, source));
        let bag = &mut bags[source];
        // Bylines say who wrote a story, not what it is about: one reporter covers many stories.
        if c.kind == ClaimKind::Actor
            && c.actor_type != Some(ActorType::Place)
            && !c.byline
            && let Some(actor) = &c.actor
        {
            *bag.entry(id(format!("@{actor}"))).or_default() += 3.0;
        }
        if !seen {
            for word in c.sentence.split(|ch: char| !ch.is_alphanumeric()) {
                let feature =
                    *stems.entry(word).or_insert_with(|| is_content_word(word, rules).then(|| id(stem(word, rules))));
                if let Some(feature) = feature {
                    *bag.entry(feature).or_default() += 1.0;
                }
            }
        }
    }
    drop(stems);
    let mut df: HashMap<u32, usize> = HashMap::new();
    for bag in &bags {
        for &f in bag.keys() {
            *df.entry(f).or_default() += 1;
        }
    }
    // Unit vectors sorted by feature id, so that a dot product is a merge of two short lists
    // rather than hash lookups.
    let n = bags.len() as f64;
    let vectors: Vec<Vec<(u32, f64)>> = bags
        .iter()
        .map(|bag| {
            let mut v: Vec<(u32, f64)> =
                bag.iter().map(|(&f, tf)| (f, tf * (1.0 + (n / df[&f] as f64).ln()))).collect();
            v.sort_unstable_by_key(|&(id, _)| id);
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt().max(f64::MIN_POSITIVE);
            v.iter_mut().for_each(|(_, x)| *x /= norm);
            v
        })
        .collect();
    let cosine = |a: &[(u32, f64)], b: &[(u32, f64)]| {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    };
    let mut parent: Vec<usize> = (0..sources.len()).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Copies of one article (republished wire copy) are one story whatever else: their words
    // are too common among them to find them by, so they are joined by their vector.
    let mut copies: HashMap<Vec<(u32, u64)>, usize> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let key: Vec<(u32, u64)> = v.iter().map(|&(f, x)| (f, x.to_bits())).collect();
        let first = *copies.entry(key).or_insert(i);
        if first != i {
            let (a, b) = (find(&mut parent, first), find(&mut parent, i));
            parent[a] = b;
        }
    }
    drop(copies);
    for (i, j) in story_candidates(&vectors) {
        if cosine(&vectors[i], &vectors[j]) >= STORY_SIMILARITY {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            parent[a] = b;
        }
    }
    sources.iter().enumerate().map(|(i, s)| (s.to_string(), find(&mut parent, i))).collect()
}

/// Up to this many sources every pair is compared; beyond, only sources next to each other in
/// the list of those sharing a feature (enough to connect a story, and near-linear).
const EXACT_STORIES: usize = 300;

fn story_candidates(vectors: &[Vec<(u32, f64)>]) -> Vec<(usize, usize)> {
    let n = vectors.len();
    if n <= EXACT_STORIES {
        return (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
    }
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (doc, v) in vectors.iter().enumerate() {
        for &(feature, _) in v {
            postings.entry(feature).or_default().push(doc);
        }
    }
    let mut pairs: Vec<(usize, usize)> = postings
        .values()
        .filter(|docs| docs.len() >= 2 && docs.len() <= n / 2)
        .flat_map(|docs| docs.windows(2).map(|w| (w[0], w[1])))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Cosine similarity above which two sources are taken to cover the same story.
const STORY_SIMILARITY: f64 = 0.2;

/// A readable label for an automatic topic: its heaviest words.
pub fn label(context: &Context, idf: &Idf, features: &Features) -> String {
    let mut words: Vec<(&str, f64)> = context
        .words
        .iter()
        .map(|(f, w)| (features.name(*f), f64::from(*w) * idf.get(f).copied().unwrap_or(1.0)))
        .filter(|(name, _)| !name.starts_with("stance:") && !name.starts_with("class:"))
        .collect();
    words.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    words.iter().take(4).map(|(f, _)| f.trim_start_matches('@').to_string()).collect::<Vec<_>>().join(" ")
}
