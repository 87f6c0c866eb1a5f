//! Running a compiled pack over text: one alternation per kind, or rule by rule where the
//! kind's automaton would grow too large; gazetteer and topic keyword automata.

use std::collections::HashSet;
use std::ops::Range;

use regex_automata::{Anchored, Input, meta};

use super::RuleSet;
use super::kinds::{Capture, RuleKind};
use super::rule::Rule;

pub(super) fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One regex match of a rule, with its meaningful captures.
#[derive(Debug, Clone)]
pub struct RuleMatch {
    pub rule: usize,
    pub span: Range<usize>,
    pub captures: Vec<(Capture, Range<usize>)>,
}

impl RuleMatch {
    pub fn get(&self, capture: Capture) -> Option<Range<usize>> {
        self.captures.iter().find(|(c, _)| *c == capture).map(|(_, r)| r.clone())
    }

    /// The claim's span: the `text` capture if the rule has one, else the whole match.
    pub fn claim_span(&self) -> Range<usize> {
        self.get(Capture::Text).unwrap_or_else(|| self.span.clone())
    }
}

/// All rules of one kind, as one alternation: one pass over the text finds them all.
#[derive(Debug)]
pub(super) struct KindMatcher {
    pub(super) kind: RuleKind,
    /// All the kind's rules as one automaton (pattern `i` is `rules[i]`), or `None` to run
    /// them one by one.
    pub(super) combined: Option<meta::Regex>,
    pub(super) rules: Vec<usize>,
}

impl RuleSet {
    /// Runs all rules of `kind` over `text` in one pass.
    pub fn scan(&self, kind: RuleKind, text: &str) -> Vec<RuleMatch> {
        self.scan_resuming(kind, text, |_| true, |m| m.span.end)
    }

    /// Like [`RuleSet::scan`], but only matches whose span `keep` accepts count (a match that
    /// runs across a paragraph does not hide the one inside it), and the next match is searched
    /// from `resume(match)` (at least one character past the match start): a count's pattern may
    /// read words past its noun, an actor pattern may end on a name the next one starts from.
    pub fn scan_resuming(
        &self,
        kind: RuleKind,
        text: &str,
        keep: impl Fn(&Range<usize>) -> bool,
        resume: impl Fn(&RuleMatch) -> usize,
    ) -> Vec<RuleMatch> {
        let Some(matcher) = self.kinds.iter().find(|m| m.kind == kind) else {
            return Vec::new();
        };
        let Some(combined) = &matcher.combined else {
            return self.scan_rule_by_rule(matcher, text, keep, resume);
        };
        let mut matches = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = combined.search(&Input::new(text).span(at..text.len())) else {
                break;
            };
            at = if m.end() > m.start() { m.end() } else { next_char(text, m.end()) };
            let Some(&rule_index) = matcher.rules.get(m.pattern().as_usize()) else {
                continue;
            };
            let rule = &self.rules[rule_index];
            if rule.rejects(text, m.start(), m.end()) || !keep(&m.range()) {
                at = next_char(text, m.start());
                continue;
            }
            // The rule matches here, so its own leftmost match from here is this one.
            let Some(captures) = captures_at(rule, text, m.range()) else {
                continue;
            };
            let found = RuleMatch { rule: rule_index, span: m.range(), captures };
            at = resume_at(text, &found, &resume);
            matches.push(found);
        }
        matches
    }

    /// The same selection as one alternation (leftmost match wins, the earlier rule at the same
    /// place), from each rule's own matches.
    fn scan_rule_by_rule(
        &self,
        matcher: &KindMatcher,
        text: &str,
        keep: impl Fn(&Range<usize>) -> bool,
        resume: impl Fn(&RuleMatch) -> usize,
    ) -> Vec<RuleMatch> {
        // Spans first, with each rule's fast automaton; captures only for the matches kept.
        let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (order, &rule_index) in matcher.rules.iter().enumerate() {
            let rule = &self.rules[rule_index];
            let Some(regex) = rule.regex() else { continue };
            let mut at = 0;
            while at <= text.len() {
                let Some(m) = regex.find(Input::new(text).span(at..text.len())) else { break };
                if rule.rejects(text, m.start(), m.end()) || !keep(&(m.start()..m.end())) {
                    at = next_char(text, m.start());
                    continue;
                }
                at = if m.end() > m.start() { m.end() } else { next_char(text, m.end()) };
                candidates.push((m.start(), order, rule_index, m.end()));
            }
        }
        candidates.sort_unstable();
        let mut matches = Vec::new();
        let mut at = 0;
        for (start, _, rule_index, end) in candidates {
            if start < at {
                continue;
            }
            let Some(captures) = captures_at(&self.rules[rule_index], text, start..end) else {
                continue;
            };
            let found = RuleMatch { rule: rule_index, span: start..end, captures };
            at = resume_at(text, &found, &resume);
            matches.push(found);
        }
        matches
    }

    /// Gazetteer hits: (span, actor index), whole words only, longest match first.
    pub fn gazetteer_hits(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some(ac) = &self.gazetteer else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| is_word_edge(text, m.start(), m.end()))
            .map(|m| (m.start()..m.end(), self.gazetteer_actor[m.pattern().as_usize()]))
            .collect()
    }

    /// Topic keywords (lower-cased) found in `text`, whole words only, in one pass.
    pub fn topic_keywords_in(&self, text: &str) -> HashSet<&str> {
        let Some(ac) = &self.topic_keywords else {
            return HashSet::new();
        };
        ac.find_overlapping_iter(text)
            .filter(|m| is_word_edge(text, m.start(), m.end()))
            .map(|m| self.topic_keyword_text[m.pattern().as_usize()].as_str())
            .collect()
    }
}

/// The meaningful captures (empty ones left out) of `rule`'s own match `span`, already found.
/// The search is anchored at its start: that is the same match (leftmost-first prefers the
/// earliest start, then the same alternatives), and the start being known, no reverse scan
/// looks for it. It is bounded by its end: the preferred match still fits (look-around sees
/// past the bound), and the capture engines' work (the backtracker clears a bit per state and
/// haystack byte) grows with the match, not with the rest of the document.
fn captures_at(rule: &Rule, text: &str, span: Range<usize>) -> Option<Vec<(Capture, Range<usize>)>> {
    let own = rule.regex()?;
    let mut captures = own.create_captures();
    own.search_captures(&Input::new(text).span(span).anchored(Anchored::Yes), &mut captures);
    captures.is_match().then(|| {
        rule.own_captures
            .iter()
            .filter_map(|&(c, g)| captures.get_group(g).map(|span| (c, span.range())))
            .filter(|(_, r)| !r.is_empty())
            .collect()
    })
}

/// Where the next search starts: `resume(found)`, at least one character past the match start
/// and no further than its end.
fn resume_at(text: &str, found: &RuleMatch, resume: impl Fn(&RuleMatch) -> usize) -> usize {
    let first = next_char(text, found.span.start);
    floor_char(text, resume(found).clamp(first, found.span.end.max(first)))
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at + 1, |c| at + c.len_utf8())
}
/// True when `start..end` neither starts nor ends inside a word.
pub fn is_word_edge(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let joins = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric());
    !joins(before, first) && !joins(last, after)
}
