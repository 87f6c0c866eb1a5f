//! Sentences → claims: one document at a time, no shared state, so files run in parallel.

mod actors;
mod dates;
mod names;
mod numbers;
mod quotes;
mod speaker;
mod statements;

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use crate::attribute;
use crate::claim::{Claim, ClaimKind};
use crate::rules::{ActorType, RuleKind, RuleMatch, RuleSet};
use crate::segment::{self, Furniture, Layout};
use crate::source::Document;

pub use actors::Mention;
pub(crate) use actors::institution;

/// Where a document's reference date (for relative dates) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceFrom {
    /// `--reference-date` on the command line.
    Option,
    /// A full date at the top of the article.
    Dateline,
    /// The first full date in the article's opening paragraphs.
    Lead,
    /// The latest full date anywhere in the article (no dateline, none in the opening
    /// paragraphs); relative dates resolved against it are flagged `inferred-reference`.
    Text,
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub reference_date: Option<Date>,
    pub reference_from: Option<ReferenceFrom>,
}

/// Extracts claims from one document, with relative dates resolved against the article's own
/// date when it states one.
pub fn extract(rules: &RuleSet, doc: &Document) -> Vec<Claim> {
    analyze(rules, doc, None).claims
}

/// What the extractors need to know about a document.
pub(crate) struct Context<'a> {
    pub rules: &'a RuleSet,
    pub text: &'a str,
    pub layout: Layout,
    /// Per paragraph: a title-case headline, where capitals say nothing.
    pub headlines: Vec<bool>,
    /// Per paragraph: its words, split once for both the headline test and the name finder.
    words: Vec<Vec<names::Word<'a>>>,
}

impl Context<'_> {
    /// A match is usable if it lies inside one paragraph of article text (not page furniture).
    pub fn usable(&self, span: &Range<usize>) -> bool {
        self.layout
            .paragraph_at(span.start)
            .map(|i| &self.layout.paragraphs[i])
            .is_some_and(|p| !p.boilerplate && span.end <= p.span.end)
    }

    pub fn scan(&self, kind: RuleKind) -> Vec<RuleMatch> {
        self.scan_resuming(kind, |m| m.span.end)
    }

    pub fn scan_resuming(&self, kind: RuleKind, resume: impl Fn(&RuleMatch) -> usize) -> Vec<RuleMatch> {
        self.rules.scan_resuming(kind, self.text, |span| self.usable(span), resume)
    }

    pub fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or_default()
    }
}

/// Extracts claims; `reference` overrides the article's own date.
pub fn analyze(rules: &RuleSet, doc: &Document, reference: Option<Date>) -> Extraction {
    let text = doc.text.as_str();
    let layout = segment::segment(
        text,
        |word| rules.lexicon.contains("abbreviation", word),
        |paragraph| furniture(rules, paragraph),
    );
    let mut cx = Context { rules, text, layout, headlines: Vec::new(), words: Vec::new() };
    cx.words = names::paragraph_words(&cx);
    cx.headlines = names::headlines(&cx);

    let found_dates = dates::scan(&cx);
    let (reference_date, reference_from) = match reference {
        Some(date) => (Some(date), Some(ReferenceFrom::Option)),
        None => match dates::article_date(&cx, &found_dates) {
            Some((date, from)) => (Some(date), Some(from)),
            None => (None, None),
        },
    };
    let inferred = reference_from == Some(ReferenceFrom::Text);
    let mut claims = dates::resolve(found_dates, reference_date, inferred);
    claims.extend(numbers::extract(&cx));
    claims = keep_strongest(claims);

    let mentions = actors::extract(&cx);
    // "Sunday Ekpo", "April Jones": a weekday or month inside a person's name is no date.
    claims.retain(|c| c.kind != ClaimKind::Date || !inside_person(&mentions, &c.at));
    claims.extend(mentions.iter().map(|m| m.claim(text)));
    let people = speaker::People::new(&cx, &mentions);
    let mut statements = statements::extract(&cx, &people);
    let mut quotes = quotes::extract(&cx, &people, &statements);
    attribute::credit(&cx, &mentions, &mut quotes, &mut statements, &mut claims);
    claims.extend(quotes);
    claims.extend(statements);

    let mut sentences: Vec<Option<Arc<str>>> = vec![None; cx.layout.sentences.len()];
    // In text order, so columns are counted from the previous claim, not from each line's start.
    // (Cached keys: the sort then moves small keys, and each claim, hundreds of bytes, once.)
    claims.sort_by_cached_key(|c| (c.at.start, c.kind, c.at.end));
    let mut columns = segment::Columns::default();
    for claim in &mut claims {
        finish(&cx, doc, claim, &mut sentences, &mut columns);
    }
    Extraction { claims, reference_date, reference_from }
}

/// Whether `at` lies inside a person's name (`mentions` in text order, never overlapping).
fn inside_person(mentions: &[Mention], at: &Range<usize>) -> bool {
    let i = mentions.partition_point(|m| m.at.start <= at.start);
    i > 0 && {
        let m = &mentions[i - 1];
        m.actor_type == ActorType::Person && at.end <= m.at.end
    }
}

fn furniture(rules: &RuleSet, paragraph: &str) -> Furniture {
    match rules.scan(RuleKind::Boilerplate, paragraph).first() {
        Some(m) if rules.rules[m.rule].ends_article => Furniture::RestOfArticle,
        Some(_) => Furniture::Line,
        None => Furniture::No,
    }
}

/// Where numeric and date matches overlap, one reading wins: money over percentage over date
/// over duration over count ("two days ago" is a date, not a duration; "$3 billion" is not a
/// count of "billion").
fn keep_strongest(mut claims: Vec<Claim>) -> Vec<Claim> {
    let rank = |k: ClaimKind| match k {
        ClaimKind::Money => 0,
        ClaimKind::Percentage => 1,
        ClaimKind::Date => 2,
        ClaimKind::Duration => 3,
        _ => 4,
    };
    claims.sort_by_cached_key(|c| (rank(c.kind), c.at.start, std::cmp::Reverse(c.at.end)));
    let mut kept: Vec<Claim> = Vec::with_capacity(claims.len());
    // Spans kept so far, by start: they never overlap one another, so only those starting
    // inside the new span, and the last one starting before it, can overlap it.
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    for claim in claims {
        let (start, end) = (claim.at.start, claim.at.end);
        let overlaps = |&&(s, e): &&(usize, usize)| s < end && start < e;
        let clash = taken.range(..(end, 0)).rev().take_while(|&&(s, _)| s >= start).any(|k| overlaps(&k))
            || taken.range(..(start, 0)).next_back().is_some_and(|k| overlaps(&k));
        if !clash {
            taken.insert((start, end));
            kept.push(claim);
        }
    }
    kept
}

/// Fills in position and sentence (each sentence tidied once), and maps the span to the bytes
/// on disk.
fn finish(
    cx: &Context<'_>,
    doc: &Document,
    claim: &mut Claim,
    sentences: &mut [Option<Arc<str>>],
    columns: &mut segment::Columns,
) {
    let (line, column) = cx.layout.line_col_from(cx.text, claim.at.start, columns);
    claim.line = line;
    claim.column = column;
    claim.span = doc.disk_span(&claim.at);
    if let Some(i) = cx.layout.sentence_at(claim.at.start) {
        claim.sentence = sentences[i]
            .get_or_insert_with(|| collapse_whitespace(cx.slice(&cx.layout.sentences[i].span)).into())
            .clone();
    }
}

/// A hedge as the article words it ("More than" → "more than"); its meaning is looked up in
/// `[lexicon.qualifier]` when values are compared.
fn hedge(text: &str) -> String {
    collapse_whitespace(text).to_lowercase()
}

pub(crate) use crate::text::collapse_whitespace;

/// An automaton over a few words found in one document, searched once: the default build
/// turns small pattern sets into a DFA, whose construction cost more than the search saves
/// (three in a hundred instructions of extraction went to building them).
fn word_automaton<P: AsRef<[u8]>>(
    patterns: impl IntoIterator<Item = P>,
) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
    aho_corasick::AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA)).build(patterns)
}
