//! One compiled regex rule and the context checks around its matches.

use regex::Regex;
use regex_automata::meta;

use super::defs::ExampleDef;
use super::kinds::{ActorType, Capture, RuleKind};
use super::scan::floor_char;

/// One compiled regex rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub file: String,
    pub description: Option<String>,
    /// The pattern as compiled: vars expanded, word boundaries made ASCII.
    pub pattern: String,
    pub shift: Option<i64>,
    pub direction: Option<i64>,
    pub unit: Option<String>,
    pub actor_type: Option<ActorType>,
    pub ends_article: bool,
    pub not_before: Option<Regex>,
    pub not_after: Option<Regex>,
    pub only_after: Option<Regex>,
    pub examples: Vec<ExampleDef>,
    pub counter_examples: Vec<String>,
    /// The rule compiled on its own, and its capture groups there.
    pub(super) own: meta::Regex,
    pub(super) own_captures: Vec<(Capture, usize)>,
}

impl Rule {
    /// The rule compiled on its own (for its examples).
    pub fn regex(&self) -> &meta::Regex {
        &self.own
    }

    /// Whether the context around a match rules it out (`not_before` / `not_after`).
    pub fn rejects(&self, text: &str, start: usize, end: usize) -> bool {
        let before = &text[floor_char(text, start.saturating_sub(CONTEXT_BYTES))..start];
        let after = &text[end..floor_char(text, (end + CONTEXT_BYTES).min(text.len()))];
        self.not_before.as_ref().is_some_and(|r| r.is_match(before))
            || self.not_after.as_ref().is_some_and(|r| r.is_match(after))
            || self.only_after.as_ref().is_some_and(|r| !r.is_match(before))
    }
}

/// How much text around a match `not_before` / `not_after` look at.
const CONTEXT_BYTES: usize = 48;
