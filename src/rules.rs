//! Rule packs: TOML files → one compiled [`RuleSet`].
//!
//! A pack is a folder of `*.toml` files, each holding any of: `[vars]` (regex fragments used as
//! `{name}`), `[lexicon]` (word lists and word → value tables, also usable as `{name}`),
//! `[[rule]]` (regex rules, each of one kind) and `[[actor]]` (gazetteer entries). The pack is
//! compiled once: the rules of one kind into a single alternation (one pass over the text per
//! kind), every gazetteer name and alias into one Aho-Corasick automaton.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::RuleError;

/// The default pack, embedded at build time from `rules/*.toml`.
const DEFAULT_PACK: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));

/// Pattern bytes (after expansion) up to which a kind's rules run as one alternation. The date
/// rules (about 9,200 bytes) are faster as one alternation than rule by rule (on 6 MB of news
/// text, release build: 1.43 s against 1.71 s for the whole extraction).
const ONE_PASS_BUDGET: usize = 10_000;

/// What a regex rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Date,
    Duration,
    Percentage,
    Number,
    Money,
    Actor,
    /// "According to X", "X reported that": who a sentence credits.
    Attribution,
    /// Page furniture: a matching paragraph is skipped.
    Boilerplate,
}

impl RuleKind {
    pub const ALL: [RuleKind; 8] = [
        RuleKind::Date,
        RuleKind::Duration,
        RuleKind::Percentage,
        RuleKind::Number,
        RuleKind::Money,
        RuleKind::Actor,
        RuleKind::Attribution,
        RuleKind::Boilerplate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Date => "date",
            RuleKind::Duration => "duration",
            RuleKind::Percentage => "percentage",
            RuleKind::Number => "number",
            RuleKind::Money => "money",
            RuleKind::Actor => "actor",
            RuleKind::Attribution => "attribution",
            RuleKind::Boilerplate => "boilerplate",
        }
    }

    fn parse(name: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Capture groups a rule of this kind may use; the first list needs at least one present.
    fn captures(self) -> (&'static [Capture], &'static [Capture]) {
        use Capture::*;
        match self {
            RuleKind::Date => (
                &[Year, Month, Day, Weekday, Decade, Rel, N, Quarter, Half, Season],
                &[Text, Part, Unit, Fiscal, EndYear],
            ),
            RuleKind::Duration => (&[N], &[Text, Unit, Qualifier]),
            RuleKind::Percentage => (&[Num, To], &[Text, Qualifier, From, Unit, Scale]),
            RuleKind::Number => (&[Num], &[Text, Qualifier, Scale, Noun]),
            RuleKind::Money => (&[Num, To], &[Text, Qualifier, Scale, Currency, From]),
            RuleKind::Actor => (&[Name, Org], &[Text, Title, Role]),
            RuleKind::Attribution => (&[Source], &[Text]),
            RuleKind::Boilerplate => (&[], &[Text]),
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Named capture groups with a meaning to the extractors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capture {
    /// Narrows the claim's span to part of the match (the pattern may match context around it).
    Text,
    Year,
    Month,
    Day,
    Weekday,
    Decade,
    Rel,
    Unit,
    N,
    Part,
    Num,
    Qualifier,
    From,
    To,
    Scale,
    Noun,
    Currency,
    Name,
    Title,
    Role,
    Org,
    Source,
    /// Dates: a quarter ("Q4", "fourth").
    Quarter,
    /// Dates: a half year ("H1", "first").
    Half,
    /// Dates: a season of the year ("summer").
    Season,
    /// Dates: the year is a fiscal year ("FY", "fiscal").
    Fiscal,
    /// Dates: the second year of a span ("2023-24"), which must follow the first.
    EndYear,
}

impl Capture {
    const ALL: [Capture; 27] = [
        Capture::Text,
        Capture::Year,
        Capture::Month,
        Capture::Day,
        Capture::Weekday,
        Capture::Decade,
        Capture::Rel,
        Capture::Unit,
        Capture::N,
        Capture::Part,
        Capture::Num,
        Capture::Qualifier,
        Capture::From,
        Capture::To,
        Capture::Scale,
        Capture::Noun,
        Capture::Currency,
        Capture::Name,
        Capture::Title,
        Capture::Role,
        Capture::Org,
        Capture::Source,
        Capture::Quarter,
        Capture::Half,
        Capture::Season,
        Capture::Fiscal,
        Capture::EndYear,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Capture::Text => "text",
            Capture::Year => "year",
            Capture::Month => "month",
            Capture::Day => "day",
            Capture::Weekday => "weekday",
            Capture::Decade => "decade",
            Capture::Rel => "rel",
            Capture::Unit => "unit",
            Capture::N => "n",
            Capture::Part => "part",
            Capture::Num => "num",
            Capture::Qualifier => "qualifier",
            Capture::From => "from",
            Capture::To => "to",
            Capture::Scale => "scale",
            Capture::Noun => "noun",
            Capture::Currency => "currency",
            Capture::Name => "name",
            Capture::Title => "title",
            Capture::Role => "role",
            Capture::Org => "org",
            Capture::Source => "source",
            Capture::Quarter => "quarter",
            Capture::Half => "half",
            Capture::Season => "season",
            Capture::Fiscal => "fiscal",
            Capture::EndYear => "end_year",
        }
    }

    fn parse(name: &str) -> Option<Capture> {
        Capture::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Actor types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    Org,
    Place,
}

impl ActorType {
    fn parse(name: &str) -> Option<ActorType> {
        match name {
            "person" => Some(ActorType::Person),
            "org" => Some(ActorType::Org),
            "place" => Some(ActorType::Place),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The file format.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    vars: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    lexicon: BTreeMap<String, Spanned<LexiconDef>>,
    #[serde(default)]
    rule: Vec<RuleDef>,
    #[serde(default)]
    actor: Vec<ActorDef>,
    #[serde(default)]
    topic: Vec<TopicDef>,
}

/// A topic rule: claims of these kinds whose clause (or sentence) holds all of `all` and one of
/// `any` are about this topic.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicDef {
    id: Spanned<String>,
    label: String,
    kinds: Spanned<Vec<String>>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    any: Vec<String>,
    /// `near` (default: within a few words of the value), `clause` or `sentence`.
    #[serde(default)]
    scope: Option<Spanned<String>>,
    /// One topic per country or organisation named with the claim ("US tariff" vs "Chinese tariff").
    #[serde(default)]
    split_by_actor: bool,
    /// For readers of the rule file only.
    #[serde(default, rename = "description")]
    _description: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LexiconDef {
    List(Vec<String>),
    Table(BTreeMap<String, toml::Value>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: Spanned<String>,
    kind: Spanned<String>,
    pattern: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    /// Keep `\b` Unicode-aware (slow on non-ASCII text; see README "Speed").
    #[serde(default)]
    unicode: bool,
    /// Date rules: a fixed offset ("yesterday" = -1 with unit "day").
    #[serde(default)]
    shift: Option<i64>,
    /// Date rules: the sign applied to a captured count ("two days ago" = -1).
    #[serde(default)]
    direction: Option<i64>,
    /// A unit when the pattern does not capture one.
    #[serde(default)]
    unit: Option<String>,
    /// A match is dropped when the text right before it ends with this pattern ("Mrs May").
    #[serde(default)]
    not_before: Option<Spanned<String>>,
    /// A match is dropped when the text right after it starts with this pattern ("the 21st century").
    #[serde(default)]
    not_after: Option<Spanned<String>>,
    /// A match counts only when the text right before it ends with this pattern ("and March"
    /// after a month).
    #[serde(default)]
    only_after: Option<Spanned<String>>,
    /// Boilerplate rules: the matching paragraph and everything after it is page furniture.
    #[serde(default)]
    ends_article: bool,
    /// Actor rules: what a match names.
    #[serde(default, rename = "type")]
    actor_type: Option<Spanned<String>>,
    #[serde(default)]
    examples: Vec<ExampleDef>,
    #[serde(default)]
    counter_examples: Vec<String>,
}

/// An example a rule must match, checked by `claimscan test`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    pub text: String,
    /// The claim's text; defaults to the whole example text.
    #[serde(default, rename = "match")]
    pub matched: Option<String>,
    #[serde(default)]
    pub value: Option<toml::Value>,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub reference_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorDef {
    name: Spanned<String>,
    #[serde(rename = "type")]
    actor_type: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    /// For readers of the rule file only.
    #[serde(default, rename = "note")]
    _note: Option<serde::de::IgnoredAny>,
}

// ---------------------------------------------------------------------------------------------
// The compiled pack.

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
    /// Group index of the whole rule inside its kind's alternation.
    group: usize,
    captures: Vec<(Capture, usize)>,
    /// The rule compiled on its own, and its capture groups there.
    own: Regex,
    own_captures: Vec<(Capture, usize)>,
}

impl Rule {
    /// The rule compiled on its own (for its examples).
    pub fn regex(&self) -> &Regex {
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

fn floor_char(text: &str, mut i: usize) -> usize {
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
struct KindMatcher {
    kind: RuleKind,
    /// One alternation of all the kind's rules, or `None` to run them one by one.
    combined: Option<Regex>,
    rules: Vec<usize>,
}

/// Where a topic rule looks for its keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicScope {
    /// Within a few words of the value (the default).
    Near,
    Clause,
    Sentence,
}

/// A compiled topic rule.
#[derive(Debug, Clone)]
pub struct TopicRule {
    pub id: String,
    pub label: String,
    pub kinds: Vec<String>,
    /// Lower-cased keywords.
    pub all: Vec<String>,
    pub any: Vec<String>,
    /// Where the keywords must be: near the value, in its clause, or in its sentence.
    pub scope: TopicScope,
    pub split_by_actor: bool,
}

/// A gazetteer entry.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub actor_type: ActorType,
}

/// Word lists and tables from `[lexicon]`, keys lower-cased for lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    lists: HashMap<String, HashSet<String>>,
    tables: HashMap<String, HashMap<String, toml::Value>>,
}

impl Lexicon {
    /// Whether `word` is in list (or table) `name`, ignoring case.
    pub fn contains(&self, name: &str, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.contains_lower(name, &word.to_lowercase())
        } else {
            self.contains_lower(name, word)
        }
    }

    /// Like [`Lexicon::contains`] for a word already in lower case (no allocation).
    pub fn contains_lower(&self, name: &str, lower: &str) -> bool {
        self.lists.get(name).is_some_and(|l| l.contains(lower))
            || self.tables.get(name).is_some_and(|t| t.contains_key(lower))
    }

    pub fn number(&self, table: &str, word: &str) -> Option<f64> {
        match self.tables.get(table)?.get(&word.to_lowercase())? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn string(&self, table: &str, word: &str) -> Option<&str> {
        self.tables.get(table)?.get(&word.to_lowercase())?.as_str()
    }

    pub fn list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.lists.get(name).into_iter().flatten().map(String::as_str)
    }
}

/// A compiled rule pack.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub lexicon: Lexicon,
    pub actors: Vec<Actor>,
    /// Files the pack was read from, for `rules check` and `explain`.
    pub files: Vec<String>,
    kinds: Vec<KindMatcher>,
    /// Every gazetteer name and alias; pattern index → actor index.
    gazetteer: Option<AhoCorasick>,
    gazetteer_actor: Vec<usize>,
    pub topics: Vec<TopicRule>,
    /// `[lexicon.synonym]`, stem to stem, for topic comparison.
    pub synonyms: HashMap<String, String>,
    /// Lower-case words that never say what a figure measures (stopwords, hedges, months,
    /// weekdays, `topic_ignore`, number words), in one set for the hot path.
    pub not_topical: HashSet<String>,
    /// Every topic keyword, case-insensitive; pattern index → the keyword.
    topic_keywords: Option<AhoCorasick>,
    topic_keyword_text: Vec<String>,
}

/// Where a pack comes from.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// Extra pack folders, loaded after the default pack; a file named like a default file
    /// (`dates.toml`) replaces it.
    pub add: Vec<PathBuf>,
    /// Use only these folders instead of the default pack.
    pub replace: Vec<PathBuf>,
}

/// Errors that stop a pack from loading: every problem found, not only the first.
#[derive(Debug, thiserror::Error)]
#[error("{} error(s) in rule files", .0.len())]
pub struct RuleErrors(pub Vec<RuleError>);

struct SourceFile {
    name: String,
    text: Arc<str>,
}

impl RuleSet {
    /// The embedded default pack.
    pub fn default_pack() -> Result<RuleSet, RuleErrors> {
        RuleSet::load(&PackOptions::default())
    }

    /// Loads the default pack (unless replaced) plus any extra folders.
    pub fn load(options: &PackOptions) -> Result<RuleSet, RuleErrors> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        if options.replace.is_empty() {
            sources.extend(
                DEFAULT_PACK.iter().map(|(name, text)| SourceFile { name: name.to_string(), text: Arc::from(*text) }),
            );
        }
        for dir in options.replace.iter().chain(&options.add) {
            match read_pack_dir(dir) {
                // A pack file with the name of a default file replaces it: `--rules rules/`
                // in a checkout is the default pack as edited, not a second copy of it.
                Ok(files) => {
                    for file in files {
                        let base = |name: &str| Path::new(name).file_name().map(|n| n.to_os_string());
                        sources.retain(|s: &SourceFile| {
                            !(s.name.starts_with("rules/") && base(&s.name) == base(&file.name))
                        });
                        sources.push(file);
                    }
                }
                Err(err) => errors.push(*err),
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        RuleSet::compile(sources)
    }

    /// Compiles a pack from in-memory files (name, TOML text).
    pub fn from_sources(files: &[(&str, &str)]) -> Result<RuleSet, RuleErrors> {
        RuleSet::compile(files.iter().map(|(n, t)| SourceFile { name: n.to_string(), text: Arc::from(*t) }).collect())
    }

    fn compile(sources: Vec<SourceFile>) -> Result<RuleSet, RuleErrors> {
        let mut builder = Builder::default();
        for source in &sources {
            builder.add_file(source);
        }
        builder.finish(sources.iter().map(|s| s.name.clone()).collect())
    }

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
        let mut locations = combined.capture_locations();
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = combined.captures_read_at(&mut locations, text, at) else {
                break;
            };
            at = if m.end() > m.start() { m.end() } else { next_char(text, m.end()) };
            let Some(&rule_index) = matcher.rules.iter().find(|&&r| locations.get(self.rules[r].group).is_some())
            else {
                continue;
            };
            let rule = &self.rules[rule_index];
            if rule.rejects(text, m.start(), m.end()) || !keep(&(m.start()..m.end())) {
                at = next_char(text, m.start());
                continue;
            }
            let found = RuleMatch {
                rule: rule_index,
                span: m.start()..m.end(),
                captures: read_captures(&rule.captures, &locations),
            };
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
            let mut at = 0;
            while at <= text.len() {
                let Some(m) = rule.own.find_at(text, at) else { break };
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
            let rule = &self.rules[rule_index];
            let mut locations = rule.own.capture_locations();
            if rule.own.captures_read_at(&mut locations, text, start).is_none_or(|m| m.start() != start) {
                continue;
            }
            let found = RuleMatch {
                rule: rule_index,
                span: start..end,
                captures: read_captures(&rule.own_captures, &locations),
            };
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

/// The meaningful captures of a match, empty ones left out.
fn read_captures(groups: &[(Capture, usize)], locations: &regex::CaptureLocations) -> Vec<(Capture, Range<usize>)> {
    groups
        .iter()
        .filter_map(|&(c, g)| locations.get(g).map(|(s, e)| (c, s..e)))
        .filter(|(_, r)| !r.is_empty())
        .collect()
}

/// Where the next search starts: `resume(found)`, at least one character past the match start
/// and no further than its end.
fn resume_at(text: &str, found: &RuleMatch, resume: impl Fn(&RuleMatch) -> usize) -> usize {
    let first = next_char(text, found.span.start);
    floor_char(text, resume(found).clamp(first, found.span.end.max(first)))
}

/// Meaningful capture groups of a regex whose names start with `prefix`.
fn capture_groups(regex: &Regex, prefix: &str) -> Vec<(Capture, usize)> {
    let names: HashMap<&str, usize> =
        regex.capture_names().enumerate().filter_map(|(g, n)| n.map(|n| (n, g))).collect();
    Capture::ALL
        .into_iter()
        .filter_map(|c| names.get(format!("{prefix}{}", c.name()).as_str()).map(|&g| (c, g)))
        .collect()
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

fn read_pack_dir(dir: &Path) -> Result<Vec<SourceFile>, Box<RuleError>> {
    let entries = fs::read_dir(dir).map_err(|e| Box::new(RuleError::io(dir, &e)))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).map_err(|e| Box::new(RuleError::io(&path, &e)))?;
            Ok(SourceFile { name: path.display().to_string(), text: Arc::from(text) })
        })
        .collect()
}

fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).size_limit(256 << 20).dfa_size_limit(64 << 20).build()
}

// ---------------------------------------------------------------------------------------------
// Compilation.

/// An expanded pattern and, per stretch of it, where in the written pattern it came from.
type Expansion = (String, Vec<(Range<usize>, Range<usize>)>);

/// A rule after parsing, before its kind's alternation is built.
struct PendingRule {
    rule: Rule,
    /// Expanded pattern with groups renamed for the alternation.
    source: Arc<str>,
    file: String,
    pattern_span: Range<usize>,
}

#[derive(Default)]
struct Builder {
    errors: Vec<RuleError>,
    vars: BTreeMap<String, (String, Arc<str>, String, Range<usize>)>,
    lexicon: Lexicon,
    lexicon_vars: BTreeMap<String, Vec<String>>,
    raw_rules: Vec<(RuleDef, Arc<str>, String)>,
    actors: Vec<Actor>,
    aliases: Vec<(String, usize)>,
    alias_owner: HashMap<String, (usize, String, Arc<str>, Range<usize>)>,
    topics: Vec<TopicRule>,
}

impl Builder {
    fn add_file(&mut self, source: &SourceFile) {
        let text = source.text.clone();
        let file: RuleFile = match toml::from_str(&text) {
            Ok(f) => f,
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                self.errors.push(RuleError::new(&source.name, &text, span, None, err.message().to_string()));
                return;
            }
        };
        for (name, value) in file.vars {
            let span = value.span();
            self.vars.insert(name, (value.into_inner(), text.clone(), source.name.clone(), span));
        }
        for (name, def) in file.lexicon {
            match def.into_inner() {
                LexiconDef::List(words) => {
                    let set = self.lexicon.lists.entry(name.clone()).or_default();
                    set.extend(words.iter().map(|w| w.to_lowercase()));
                    self.lexicon_vars.entry(name).or_default().extend(words);
                }
                LexiconDef::Table(table) => {
                    let map = self.lexicon.tables.entry(name.clone()).or_default();
                    map.extend(table.iter().map(|(k, v)| (k.to_lowercase(), v.clone())));
                    self.lexicon_vars.entry(name).or_default().extend(table.into_keys());
                }
            }
        }
        for def in file.actor {
            self.add_actor(def, &text, &source.name);
        }
        for def in file.rule {
            self.raw_rules.push((def, text.clone(), source.name.clone()));
        }
        for def in file.topic {
            self.add_topic(def, &text, &source.name);
        }
    }

    fn add_topic(&mut self, def: TopicDef, text: &Arc<str>, file: &str) {
        let id = def.id.get_ref().clone();
        let err = |span: Range<usize>, msg: String| RuleError::new(file, text, span, Some(id.clone()), msg);
        if self.topics.iter().any(|t| t.id == id) {
            self.errors.push(err(def.id.span(), format!("duplicate topic id `{id}`")));
            return;
        }
        let known = ["date", "duration", "percentage", "number", "money"];
        if let Some(bad) = def.kinds.get_ref().iter().find(|k| !known.contains(&k.as_str())) {
            self.errors.push(
                err(def.kinds.span(), format!("unknown claim kind `{bad}` for a topic"))
                    .hint(format!("use any of: {}", known.join(", "))),
            );
            return;
        }
        if def.all.is_empty() && def.any.is_empty() {
            self.errors.push(err(def.id.span(), "a topic needs keywords in `all` or `any`".into()));
            return;
        }
        let scope = match def.scope.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("near") => TopicScope::Near,
            Some("clause") => TopicScope::Clause,
            Some("sentence") => TopicScope::Sentence,
            Some(other) => {
                let span = def.scope.as_ref().map_or(0..0, Spanned::span);
                self.errors
                    .push(err(span, format!("unknown scope `{other}`")).hint("use `near`, `clause` or `sentence`"));
                return;
            }
        };
        let lower = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        self.topics.push(TopicRule {
            id,
            label: def.label,
            kinds: def.kinds.into_inner(),
            all: lower(&def.all),
            any: lower(&def.any),
            scope,
            split_by_actor: def.split_by_actor,
        });
    }

    fn add_actor(&mut self, def: ActorDef, text: &Arc<str>, file: &str) {
        let Some(actor_type) = ActorType::parse(def.actor_type.get_ref()) else {
            self.errors.push(
                RuleError::new(
                    file,
                    text,
                    def.actor_type.span(),
                    Some(def.name.get_ref().clone()),
                    format!("unknown actor type `{}`", def.actor_type.get_ref()),
                )
                .hint("use one of: person, org, place"),
            );
            return;
        };
        let index = self.actors.len();
        self.actors.push(Actor { name: def.name.get_ref().clone(), actor_type });
        for alias in std::iter::once(&def.name).chain(&def.aliases) {
            let word = alias.get_ref().trim();
            if word.is_empty() {
                self.errors.push(RuleError::new(
                    file,
                    text,
                    alias.span(),
                    Some(def.name.get_ref().clone()),
                    "empty alias".into(),
                ));
                continue;
            }
            if let Some((owner, owner_file, owner_text, owner_span)) = self.alias_owner.get(word) {
                if *owner != index {
                    let (line, _) = crate::diagnostic::line_col(owner_text, owner_span.start);
                    self.errors.push(
                        RuleError::new(
                            file,
                            text,
                            alias.span(),
                            Some(def.name.get_ref().clone()),
                            format!("alias `{word}` is already claimed by actor `{}`", self.actors[*owner].name),
                        )
                        .hint(format!("first claimed at {owner_file}:{line}; an alias must name one actor")),
                    );
                }
                continue;
            }
            self.alias_owner.insert(word.to_string(), (index, file.to_string(), text.clone(), alias.span()));
            self.aliases.push((word.to_string(), index));
        }
    }

    /// Expands `{name}` references, tracking which output bytes came from where in the rule
    /// file so a regex error inside an expansion points at the reference.
    fn expand(&self, pattern: &str, depth: usize) -> Result<Expansion, (Range<usize>, String)> {
        let mut out = String::with_capacity(pattern.len());
        let mut map = Vec::new();
        let mut rest = 0;
        let bytes = pattern.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\\' {
                i += 2;
                continue;
            }
            if bytes[i] == b'{'
                && let Some(len) = pattern[i + 1..].find('}')
            {
                let name = &pattern[i + 1..i + 1 + len];
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
                    && !name.bytes().all(|b| b.is_ascii_digit())
                {
                    let reference = i..i + len + 2;
                    let replacement = if let Some((var, ..)) = self.vars.get(name) {
                        if depth > 8 {
                            return Err((
                                reference,
                                format!("`{{{name}}}` expands too deeply (a var that refers to itself?)"),
                            ));
                        }
                        let (inner, _) = self
                            .expand(var, depth + 1)
                            .map_err(|(_, msg)| (reference.clone(), format!("in `{{{name}}}`: {msg}")))?;
                        format!("(?:{inner})")
                    } else if let Some(words) = self.lexicon_vars.get(name) {
                        alternation(words)
                    } else {
                        return Err((reference, format!("unknown var `{{{name}}}`")));
                    };
                    map.push((out.len()..out.len() + (i - rest), rest..i));
                    out.push_str(&pattern[rest..i]);
                    map.push((out.len()..out.len() + replacement.len(), reference.clone()));
                    out.push_str(&replacement);
                    i = reference.end;
                    rest = i;
                    continue;
                }
            }
            i += 1;
        }
        map.push((out.len()..out.len() + (pattern.len() - rest), rest..pattern.len()));
        out.push_str(&pattern[rest..]);
        Ok((out, map))
    }

    fn finish(mut self, files: Vec<String>) -> Result<RuleSet, RuleErrors> {
        // Vars are checked on their own so an error points into the var's definition.
        let var_names: Vec<String> = self.vars.keys().cloned().collect();
        for name in var_names {
            let Some((pattern, text, file, span)) = self.vars.get(&name).cloned() else {
                continue;
            };
            match self.expand(&pattern, 0) {
                Ok((expanded, map)) => {
                    if let Err((at, msg)) = check_syntax(&expanded) {
                        let at = map_back(&map, at);
                        self.errors.push(RuleError::new(
                            &file,
                            &text,
                            string_content_span(&text, &span, &pattern, at),
                            Some(format!("vars.{name}")),
                            msg,
                        ));
                    }
                }
                Err((at, msg)) => self.errors.push(RuleError::new(
                    &file,
                    &text,
                    string_content_span(&text, &span, &pattern, at.start),
                    Some(format!("vars.{name}")),
                    msg,
                )),
            }
        }
        let mut pending: Vec<PendingRule> = Vec::new();
        let mut seen_ids: HashMap<String, (String, usize)> = HashMap::new();
        let raw_rules = std::mem::take(&mut self.raw_rules);
        for (def, text, file) in raw_rules {
            let id = def.id.get_ref().clone();
            if let Some((other_file, line)) = seen_ids.get(&id) {
                self.errors.push(
                    RuleError::new(&file, &text, def.id.span(), Some(id.clone()), format!("duplicate rule id `{id}`"))
                        .hint(format!("first defined at {other_file}:{line}")),
                );
                continue;
            }
            seen_ids.insert(id.clone(), (file.clone(), crate::diagnostic::line_col(&text, def.id.span().start).0));
            if let Some(rule) = self.prepare_rule(def, &text, &file) {
                pending.push(rule);
            }
        }
        if !self.errors.is_empty() {
            return Err(RuleErrors(self.errors));
        }
        let mut rules = Vec::new();
        let mut kinds = Vec::new();
        for kind in RuleKind::ALL {
            let members: Vec<PendingRule> = pending.extract_if(.., |p| p.rule.kind == kind).collect();
            if members.is_empty() {
                continue;
            }
            let alternation = members
                .iter()
                .enumerate()
                .map(|(i, p)| format!("(?P<r{i}>{})", rename_groups(&p.rule.pattern, i)))
                .collect::<Vec<_>>()
                .join("|");
            let regex = match build_regex(&alternation) {
                Ok(r) => r,
                Err(err) => {
                    let first = &members[0];
                    self.errors.push(RuleError::new(
                        &first.file,
                        &first.source,
                        first.pattern_span.clone(),
                        Some(first.rule.id.clone()),
                        format!("the {kind} rules together do not compile: {err}"),
                    ));
                    continue;
                }
            };
            let names: HashMap<&str, usize> =
                regex.capture_names().enumerate().filter_map(|(g, n)| n.map(|n| (n, g))).collect();
            // Past a size, one combined automaton has so many states that the lazy DFA's cache
            // thrashes; such kinds run rule by rule, each on its own small automaton.
            let one_pass = members.iter().map(|p| p.rule.pattern.len()).sum::<usize>() <= ONE_PASS_BUDGET;
            let mut indices = Vec::new();
            for (i, mut p) in members.into_iter().enumerate() {
                p.rule.group = names.get(format!("r{i}").as_str()).copied().unwrap_or(0);
                p.rule.captures = capture_groups(&regex, &format!("r{i}_"));
                indices.push(rules.len());
                rules.push(p.rule);
            }
            kinds.push(KindMatcher { kind, combined: one_pass.then_some(regex), rules: indices });
        }
        let gazetteer = if self.aliases.is_empty() {
            None
        } else {
            match AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.aliases.iter().map(|(a, _)| a))
            {
                Ok(ac) => Some(ac),
                Err(err) => {
                    self.errors.push(RuleError::plain(format!("cannot build the gazetteer automaton: {err}")));
                    None
                }
            }
        };
        let mut topic_keyword_text: Vec<String> =
            self.topics.iter().flat_map(|t| t.all.iter().chain(&t.any).cloned()).collect();
        topic_keyword_text.sort();
        topic_keyword_text.dedup();
        let topic_keywords = if topic_keyword_text.is_empty() {
            None
        } else {
            match AhoCorasick::builder().ascii_case_insensitive(true).build(&topic_keyword_text) {
                Ok(ac) => Some(ac),
                Err(err) => {
                    self.errors.push(RuleError::plain(format!("cannot build the topic keyword automaton: {err}")));
                    None
                }
            }
        };
        if !self.errors.is_empty() {
            return Err(RuleErrors(self.errors));
        }
        let synonyms = self
            .lexicon
            .tables
            .get("synonym")
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((crate::text::suffix_stem(k), crate::text::suffix_stem(v.as_str()?))))
            .collect();
        let not_topical = ["stopword", "qualifier", "month", "weekday", "topic_ignore", "number_word"]
            .iter()
            .flat_map(|name| {
                let list = self.lexicon.lists.get(*name).into_iter().flatten().cloned();
                let table = self.lexicon.tables.get(*name).into_iter().flat_map(|t| t.keys().cloned());
                list.chain(table)
            })
            .collect();
        Ok(RuleSet {
            rules,
            not_topical,
            lexicon: self.lexicon,
            actors: self.actors,
            files,
            kinds,
            gazetteer_actor: self.aliases.iter().map(|&(_, a)| a).collect(),
            gazetteer,
            synonyms,
            topics: self.topics,
            topic_keywords,
            topic_keyword_text,
        })
    }

    fn prepare_rule(&mut self, def: RuleDef, text: &Arc<str>, file: &str) -> Option<PendingRule> {
        let id = def.id.get_ref().clone();
        let err = |span: Range<usize>, msg: String| RuleError::new(file, text, span, Some(id.clone()), msg);
        let Some(kind) = RuleKind::parse(def.kind.get_ref()) else {
            let names: Vec<&str> = RuleKind::ALL.iter().map(|k| k.name()).collect();
            self.errors.push(
                err(def.kind.span(), format!("unknown rule kind `{}`", def.kind.get_ref()))
                    .hint(format!("use one of: {}", names.join(", "))),
            );
            return None;
        };
        let pattern = def.pattern.get_ref();
        let pattern_span = def.pattern.span();
        let (expanded, map) = match self.expand(pattern, 0) {
            Ok(x) => x,
            Err((at, msg)) => {
                self.errors.push(err(string_content_span(text, &pattern_span, pattern, at.start), msg));
                return None;
            }
        };
        let compiled = if def.unicode { expanded.clone() } else { ascii_word_boundaries(&expanded) };
        if let Err((at, msg)) = check_syntax(&expanded) {
            let at = map_back(&map, at);
            self.errors.push(err(string_content_span(text, &pattern_span, pattern, at), msg));
            return None;
        }
        let own = match build_regex(&compiled) {
            Ok(regex) => regex,
            Err(e) => {
                self.errors.push(err(pattern_span, format!("regex does not compile: {e}")));
                return None;
            }
        };
        let own_captures = capture_groups(&own, "");
        // Capture groups: only names with a meaning for this kind, and at least one that carries the value.
        let (required, optional) = kind.captures();
        let mut used = Vec::new();
        for (name, at) in group_names(&expanded) {
            match Capture::parse(name) {
                Some(c) if required.contains(&c) || optional.contains(&c) => used.push(c),
                _ => {
                    let allowed: Vec<&str> = required.iter().chain(optional).map(|c| c.name()).collect();
                    let at = map_back(&map, at);
                    self.errors.push(
                        err(
                            string_content_span(text, &pattern_span, pattern, at),
                            format!("capture group `{name}` means nothing to a {kind} rule"),
                        )
                        .hint(format!("{kind} rules use: {}; use (?:…) for grouping", allowed.join(", "))),
                    );
                    return None;
                }
            }
        }
        let has_static = def.shift.is_some() || (kind == RuleKind::Date && def.unit.is_some());
        if !required.is_empty() && !required.iter().any(|c| used.contains(c)) && !has_static {
            let names: Vec<&str> = required.iter().map(|c| c.name()).collect();
            self.errors.push(
                err(
                    pattern_span.clone(),
                    format!("a {kind} rule needs a capture group named one of: {}", names.join(", ")),
                )
                .hint("name the part that carries the value, e.g. (?P<num>\\d+)"),
            );
            return None;
        }
        let mut context = [None, None, None];
        let fields = [(&def.not_before, false), (&def.not_after, true), (&def.only_after, false)];
        for (slot, (field, anchored)) in context.iter_mut().zip(fields) {
            let Some(field) = field else { continue };
            let compiled = self.expand(field.get_ref(), 0).map_err(|(_, msg)| msg).and_then(|(expanded, _)| {
                let expanded = if def.unicode { expanded } else { ascii_word_boundaries(&expanded) };
                let wrapped = if anchored { format!("^(?:{expanded})") } else { format!("(?:{expanded})$") };
                build_regex(&wrapped).map_err(|e| e.to_string())
            });
            match compiled {
                Ok(regex) => *slot = Some(regex),
                Err(msg) => {
                    self.errors.push(err(field.span(), format!("bad context pattern: {msg}")));
                    return None;
                }
            }
        }
        let [not_before, not_after, only_after] = context;
        let actor_type = match &def.actor_type {
            Some(t) => match ActorType::parse(t.get_ref()) {
                Some(a) => Some(a),
                None => {
                    self.errors.push(
                        err(t.span(), format!("unknown actor type `{}`", t.get_ref()))
                            .hint("use one of: person, org, place"),
                    );
                    return None;
                }
            },
            None => None,
        };
        Some(PendingRule {
            rule: Rule {
                id: id.clone(),
                kind,
                file: file.to_string(),
                description: def.description,
                pattern: compiled,
                shift: def.shift,
                direction: def.direction,
                unit: def.unit,
                actor_type,
                ends_article: def.ends_article,
                not_before,
                not_after,
                only_after,
                examples: def.examples,
                counter_examples: def.counter_examples,
                group: 0,
                captures: Vec::new(),
                own,
                own_captures,
            },
            source: text.clone(),
            file: file.to_string(),
            pattern_span,
        })
    }
}

/// Escaped words as one alternation, longest first so that leftmost-first matching prefers
/// "more than" over "more"; spaces match any run of whitespace.
fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let parts: Vec<String> = sorted.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect();
    format!("(?:{})", parts.join("|"))
}

/// Rewrites `\b`/`\B` to their ASCII forms: a Unicode word boundary stops the regex crate's
/// lazy DFA at the first non-ASCII byte, which costs ~90× on real news text.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some('B') => out.push_str(r"(?-u:\B)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Parses a pattern for its syntax error position and message.
fn check_syntax(pattern: &str) -> Result<(), (usize, String)> {
    match regex_syntax::ast::parse::Parser::new().parse(pattern) {
        Ok(ast) => match regex_syntax::hir::translate::Translator::new().translate(pattern, &ast) {
            Ok(_) => Ok(()),
            Err(e) => Err((e.span().start.offset, e.kind().to_string())),
        },
        Err(e) => Err((e.span().start.offset, e.kind().to_string())),
    }
}

/// Named groups `(?P<name>` / `(?<name>` and the offset of each name.
fn group_names(pattern: &str) -> Vec<(&str, usize)> {
    let mut names = Vec::new();
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(b"(?P<") || bytes[i..].starts_with(b"(?<") {
            let start = i + if bytes[i + 2] == b'P' { 4 } else { 3 };
            if let Some(len) = pattern[start..].find('>') {
                names.push((&pattern[start..start + len], start));
            }
        }
        i += 1;
    }
    names
}

/// Prefixes every named group so rules can share capture names inside one alternation.
fn rename_groups(pattern: &str, rule: usize) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut last = 0;
    for (name, at) in group_names(pattern) {
        let open = pattern[..at].rfind('(').unwrap_or(at);
        out.push_str(&pattern[last..open]);
        out.push_str(&format!("(?P<r{rule}_{name}>"));
        last = at + name.len() + 1;
    }
    out.push_str(&pattern[last..]);
    out
}

fn map_back(map: &[(Range<usize>, Range<usize>)], at: usize) -> usize {
    map.iter()
        .find(|(out, _)| out.contains(&at) || (out.end == at && out.is_empty()))
        .map_or(0, |(out, src)| if out.len() == src.len() { src.start + (at - out.start) } else { src.start })
}

/// The file span of byte `at` of a string value, when the TOML string is a literal (or a basic
/// string without escapes), so the caret lands on the exact character; else the string itself.
fn string_content_span(text: &str, span: &Range<usize>, value: &str, at: usize) -> Range<usize> {
    let Some(raw) = text.get(span.clone()) else {
        return span.clone();
    };
    let mut open = if raw.starts_with("'''") || raw.starts_with("\"\"\"") { 3 } else { 1 };
    if open == 3 {
        if raw[3..].starts_with("\r\n") {
            open += 2;
        } else if raw[3..].starts_with('\n') {
            open += 1;
        }
    }
    let content = raw.get(open..raw.len().saturating_sub(if open >= 3 { 3 } else { 1 }));
    if content != Some(value) || at > value.len() {
        return span.clone();
    }
    let start = span.start + open + at;
    let end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
    start..end.max(start + 1).min(span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_boundaries_leave_escapes_alone() {
        assert_eq!(ascii_word_boundaries(r"\bx\\b\B"), r"(?-u:\b)x\\b(?-u:\B)");
    }

    #[test]
    fn renames_named_groups() {
        assert_eq!(rename_groups(r"(?P<num>\d+)(?<unit>x)", 3), r"(?P<r3_num>\d+)(?P<r3_unit>x)");
    }

    #[test]
    fn alternation_puts_longest_first() {
        assert_eq!(alternation(&["more".into(), "more than".into()]), r"(?:more\s+than|more)");
    }

    #[test]
    fn rule_with_bad_regex_points_at_the_column() {
        let src = "[[rule]]\nid = \"x.bad\"\nkind = \"number\"\npattern = '(?P<num>\\d+)(oops'\n";
        let err = RuleSet::from_sources(&[("bad.toml", src)]).unwrap_err();
        let e = &err.0[0];
        assert_eq!(e.rule.as_deref(), Some("x.bad"));
        assert_eq!(e.line_col(), (4, 24));
    }

    #[test]
    fn alias_claimed_twice_is_an_error() {
        let src = "[[actor]]\nname = \"A B\"\ntype = \"person\"\naliases = [\"AB\"]\n[[actor]]\nname = \"C D\"\ntype = \"person\"\naliases = [\"AB\"]\n";
        let err = RuleSet::from_sources(&[("a.toml", src)]).unwrap_err();
        assert!(err.0[0].message.contains("already claimed"));
    }

    #[test]
    fn unknown_capture_group_is_an_error() {
        let src = "[[rule]]\nid = \"d\"\nkind = \"date\"\npattern = '(?P<yeer>\\d{4})'\n";
        let err = RuleSet::from_sources(&[("a.toml", src)]).unwrap_err();
        assert!(err.0[0].message.contains("`yeer`"), "{}", err.0[0].message);
    }
}
