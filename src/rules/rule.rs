//! One compiled regex rule and the context checks around its matches.

use std::sync::OnceLock;

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
    pub(super) not_before: Option<LazyRegex>,
    pub(super) not_after: Option<LazyRegex>,
    pub(super) only_after: Option<LazyRegex>,
    pub examples: Vec<ExampleDef>,
    pub counter_examples: Vec<String>,
    /// The rule compiled on its own, and its capture groups there.
    pub(super) own: LazyRegex,
    pub(super) own_captures: Vec<(Capture, usize)>,
}

/// A regex built on first use. Most of a pack's rules match nothing in a given folder (on a
/// 2 MB generated corpus, 27 of the 90 rules make a claim), and building every rule's own and
/// context regexes when the pack loaded was a tenth of that run. The pattern passed the syntax
/// check then, so building can only fail past the size limit (hundreds of MB of automaton);
/// such a regex is `None` and matches nothing.
#[derive(Debug)]
pub(super) struct LazyRegex {
    pattern: String,
    build: fn(&str) -> Result<meta::Regex, regex::Error>,
    built: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    pub(super) fn new(pattern: String, build: fn(&str) -> Result<meta::Regex, regex::Error>) -> LazyRegex {
        LazyRegex { pattern, build, built: OnceLock::new() }
    }

    pub(super) fn get(&self) -> Option<&meta::Regex> {
        self.built.get_or_init(|| (self.build)(&self.pattern).ok()).as_ref()
    }

    fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }
}

impl Rule {
    /// The rule compiled on its own (for its examples); `None` if it is too big to build.
    pub fn regex(&self) -> Option<&meta::Regex> {
        self.own.get()
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
