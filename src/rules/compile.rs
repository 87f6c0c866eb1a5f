//! Compiling a pack: `{var}` expansion, ASCII word boundaries, one alternation per kind, the
//! gazetteer and topic automata, and diagnostics that point into the rule file.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::AhoCorasick;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{MatchKind, meta};
use regex_syntax::hir::{Hir, HirKind};
use toml::Spanned;

use super::defs::{ActorDef, LexiconDef, RuleDef, RuleFile, TopicDef};
use super::kinds::{Actor, ActorType, Capture, RuleKind, TopicRule, TopicScope};
use super::lexicon::Lexicon;
use super::rule::{LazyRegex, Rule};
use super::scan::KindMatcher;
use super::{RuleErrors, RuleSet, SourceFile};
use crate::diagnostic::RuleError;

/// Pattern bytes (after expansion) up to which a kind's rules run as one alternation. The date
/// rules (about 9,200 bytes) are faster as one alternation than rule by rule (on 6 MB of news
/// text, release build: 1.43 s against 1.71 s for the whole extraction), and so, since word
/// lists expand as tries, are the nine actor rules (about 16,300 bytes; their scan alone on
/// 10.6 MB of the generated corpus: 0.25 s against 0.42 – 0.50 s rule by rule).
const ONE_PASS_BUDGET: usize = 20_000;

/// A rule's own regex (or a context pattern's), configured as `regex::Regex` would build it
/// with generous size limits, as the automaton that `regex::Regex` wraps: it can search
/// anchored at a start already known, which needs no reverse scan to find where the match
/// begins. Errors read as `regex::Regex`'s would.
fn build_own(pattern: &str) -> Result<meta::Regex, regex::Error> {
    build_with(pattern, false)
}

/// A rule whose kind runs as one automaton only ever reads captures of a match already found
/// (anchored, bounded by the match): its own regex leaves out the lazy DFA and the reverse
/// automaton, which would cost build time and DFA states for nothing.
fn build_captures_only(pattern: &str) -> Result<meta::Regex, regex::Error> {
    build_with(pattern, true)
}

fn build_with(pattern: &str, captures_only: bool) -> Result<meta::Regex, regex::Error> {
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(HUGE_NFA))
        .hybrid_cache_capacity(HUGE_DFA_CACHE)
        .hybrid(!captures_only)
        .dfa(!captures_only);
    meta::Builder::new().configure(config).syntax(syntax::Config::new().utf8(true)).build(pattern).map_err(
        |err| match (err.size_limit(), err.syntax_error()) {
            (Some(limit), _) => regex::Error::CompiledTooBig(limit),
            (None, Some(syntax)) => regex::Error::Syntax(syntax.to_string()),
            (None, None) => regex::Error::Syntax(err.to_string()),
        },
    )
}

const HUGE_NFA: usize = 256 << 20;
const HUGE_DFA_CACHE: usize = 64 << 20;

/// A kind's rules as one multi-pattern automaton, configured as `regex::Regex` is: leftmost
/// first, earlier rules preferred at the same place, as an alternation would be. A match says
/// which rule it is without resolving any capture group; the rule's own regex then reads its
/// captures on the matched text alone.
fn build_many(patterns: &[&str]) -> Result<meta::Regex, Box<meta::BuildError>> {
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(HUGE_NFA))
        .hybrid_cache_capacity(HUGE_DFA_CACHE)
        .which_captures(WhichCaptures::Implicit);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build_many(patterns)
        .map_err(Box::new)
}

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
pub(super) struct Builder {
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
    pub(super) fn add_file(&mut self, source: &SourceFile) {
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
    /// file so a regex error inside an expansion points at the reference. Word lists become
    /// tries ([`word_trie`]) unless the expanded pattern matches anything case-insensitively.
    fn expand(&self, pattern: &str, depth: usize) -> Result<Expansion, (Range<usize>, String)> {
        let expansion = self.expand_with(pattern, depth, true)?;
        if may_ignore_case(&expansion.0) { self.expand_with(pattern, depth, false) } else { Ok(expansion) }
    }

    fn expand_with(&self, pattern: &str, depth: usize, tries: bool) -> Result<Expansion, (Range<usize>, String)> {
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
                            .expand_with(var, depth + 1, tries)
                            .map_err(|(_, msg)| (reference.clone(), format!("in `{{{name}}}`: {msg}")))?;
                        format!("(?:{inner})")
                    } else if let Some(words) = self.lexicon_vars.get(name) {
                        alternation(words, tries)
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

    pub(super) fn finish(mut self, files: Vec<String>) -> Result<RuleSet, RuleErrors> {
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
        // Expanded first, so that each kind's pattern size (one automaton or rule by rule) is
        // known when its rules' own regexes are built.
        let expansions: Vec<_> = raw_rules.iter().map(|(def, ..)| self.expand(def.pattern.get_ref(), 0)).collect();
        let mut kind_bytes: HashMap<RuleKind, usize> = HashMap::new();
        for ((def, ..), expansion) in raw_rules.iter().zip(&expansions) {
            if let (Some(kind), Ok((expanded, _))) = (RuleKind::parse(def.kind.get_ref()), expansion) {
                let compiled = if def.unicode { expanded.len() } else { ascii_word_boundaries(expanded).len() };
                *kind_bytes.entry(kind).or_default() += compiled;
            }
        }
        let one_pass = |kind: &RuleKind| kind_bytes.get(kind).is_some_and(|&n| n <= ONE_PASS_BUDGET);
        for ((def, text, file), expansion) in raw_rules.into_iter().zip(expansions) {
            let id = def.id.get_ref().clone();
            if let Some((other_file, line)) = seen_ids.get(&id) {
                self.errors.push(
                    RuleError::new(&file, &text, def.id.span(), Some(id.clone()), format!("duplicate rule id `{id}`"))
                        .hint(format!("first defined at {other_file}:{line}")),
                );
                continue;
            }
            seen_ids.insert(id.clone(), (file.clone(), crate::diagnostic::line_col(&text, def.id.span().start).0));
            let captures_only = RuleKind::parse(def.kind.get_ref()).is_some_and(|k| one_pass(&k));
            if let Some(rule) = self.prepare_rule(def, expansion, captures_only, &text, &file) {
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
            // Past a size, one combined automaton has so many states that the lazy DFA's cache
            // thrashes; such kinds run rule by rule, each on its own small automaton.
            let combined = if one_pass(&kind) {
                let patterns: Vec<&str> = members.iter().map(|p| p.rule.pattern.as_str()).collect();
                match build_many(&patterns) {
                    Ok(r) => Some(r),
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
                }
            } else {
                None
            };
            let mut indices = Vec::new();
            for p in members {
                indices.push(rules.len());
                rules.push(p.rule);
            }
            kinds.push(KindMatcher { kind, combined, rules: indices });
        }
        let gazetteer = if self.aliases.is_empty() {
            None
        } else {
            match AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
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
        self.lexicon.index();
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

    fn prepare_rule(
        &mut self,
        def: RuleDef,
        expansion: Result<Expansion, (Range<usize>, String)>,
        captures_only: bool,
        text: &Arc<str>,
        file: &str,
    ) -> Option<PendingRule> {
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
        let (expanded, map) = match expansion {
            Ok(x) => x,
            Err((at, msg)) => {
                self.errors.push(err(string_content_span(text, &pattern_span, pattern, at.start), msg));
                return None;
            }
        };
        let compiled = if def.unicode { expanded.clone() } else { ascii_word_boundaries(&expanded) };
        let hir = match check_syntax(&expanded) {
            Ok(hir) => hir,
            Err((at, msg)) => {
                let at = map_back(&map, at);
                self.errors.push(err(string_content_span(text, &pattern_span, pattern, at), msg));
                return None;
            }
        };
        let own = LazyRegex::new(compiled.clone(), if captures_only { build_captures_only } else { build_own });
        let own_captures = capture_groups(&hir);
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
                // Checked now, built on first use; a bad pattern's message is the regex crate's.
                match check_syntax(&wrapped) {
                    Ok(_) => Ok(wrapped),
                    Err((_, msg)) => Err(build_own(&wrapped).err().map_or(msg, |e| e.to_string())),
                }
            });
            match compiled {
                Ok(wrapped) => *slot = Some(LazyRegex::new(wrapped, build_own)),
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
                own,
                own_captures,
            },
            source: text.clone(),
            file: file.to_string(),
            pattern_span,
        })
    }
}

/// Meaningful capture groups of a pattern, by group index (as the regex built from it numbers
/// them: in order of their opening parentheses).
fn capture_groups(hir: &Hir) -> Vec<(Capture, usize)> {
    fn named<'h>(hir: &'h Hir, out: &mut HashMap<&'h str, usize>) {
        match hir.kind() {
            HirKind::Capture(group) => {
                if let Some(name) = &group.name {
                    out.insert(name, group.index as usize);
                }
                named(&group.sub, out);
            }
            HirKind::Repetition(repetition) => named(&repetition.sub, out),
            HirKind::Concat(hirs) | HirKind::Alternation(hirs) => hirs.iter().for_each(|h| named(h, out)),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
        }
    }
    let mut names = HashMap::new();
    named(hir, &mut names);
    Capture::ALL.into_iter().filter_map(|c| names.get(c.name()).map(|&g| (c, g))).collect()
}

/// Escaped words as one alternation, longest first so that leftmost-first matching prefers
/// "more than" over "more"; spaces match any run of whitespace. Written as a trie where it can
/// be and `tries` allows (see [`word_trie`]), else as the plain alternation.
fn alternation(words: &[String], tries: bool) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    if let Some(trie) = word_trie(&sorted).filter(|_| tries) {
        return trie;
    }
    let parts: Vec<String> = sorted.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect();
    format!("(?:{})", parts.join("|"))
}

/// Whether a pattern may turn on case-insensitive matching (`(?i)`, `(?i:`, `(?xi)` …); a
/// word trie is only exact where it does not.
fn may_ignore_case(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(at, _)| {
        pattern[at + 2..].bytes().take_while(|b| b.is_ascii_alphabetic() || *b == b'-').any(|b| b == b'i')
    })
}

/// One step of a word in a [`word_trie`]: a character, or the run of whitespace a space matches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Atom {
    Char(char),
    Space,
}

#[derive(Default)]
struct TrieNode {
    children: Vec<(Atom, TrieNode)>,
    /// A word ends here.
    end: bool,
}

/// The words (longest first) as a trie of alternations ("Vice President|Vice Premier" →
/// `Vice\s+(?:President|Premier)`): the same matches in the same order of preference, but
/// each position tries a few first letters instead of every word, which is what the capture
/// engine (a backtracker) and the lazy DFA's state building pay for in a long word list.
///
/// Same order of preference, matching case-sensitively: two words can both match at one place
/// only if one is a prefix of the other (siblings start with different characters, and a space
/// only ever stands between two other characters, so its run of whitespace is taken whole),
/// and a trie tries the longer word before the word that ends at its node, as the longest-first
/// alternation does. `None` for words where that does not hold.
fn word_trie(words: &[&String]) -> Option<String> {
    let mut root = TrieNode::default();
    for word in words {
        let mut atoms = Vec::new();
        for c in word.chars() {
            let atom = if c == ' ' { Atom::Space } else { Atom::Char(c) };
            // Whitespace other than single spaces inside the word could match where a space does.
            let after_space = atoms.last().is_none_or(|a| *a == Atom::Space);
            if (c.is_whitespace() && c != ' ') || (atom == Atom::Space && after_space) {
                return None;
            }
            atoms.push(atom);
        }
        if atoms.last().is_none_or(|a| *a == Atom::Space) {
            return None;
        }
        let mut node = &mut root;
        for atom in atoms {
            let i = match node.children.iter().position(|(a, _)| *a == atom) {
                Some(i) => i,
                None => {
                    node.children.push((atom, TrieNode::default()));
                    node.children.len() - 1
                }
            };
            node = &mut node.children[i].1;
        }
        node.end = true;
    }
    let mut out = String::from("(?:");
    write_trie(&root, &mut out);
    out.push(')');
    Some(out)
}

/// A node's continuations, each tried before the word ending at the node (`(?:…)?` is greedy).
fn write_trie(node: &TrieNode, out: &mut String) {
    let grouped = node.children.len() > 1 || (node.end && !node.children.is_empty());
    if grouped {
        out.push_str("(?:");
    }
    for (i, (atom, child)) in node.children.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        match atom {
            Atom::Char(c) => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            Atom::Space => out.push_str(r"\s+"),
        }
        write_trie(child, out);
    }
    if grouped {
        out.push(')');
        if node.end {
            out.push('?');
        }
    }
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
fn check_syntax(pattern: &str) -> Result<Hir, (usize, String)> {
    match regex_syntax::ast::parse::Parser::new().parse(pattern) {
        Ok(ast) => match regex_syntax::hir::translate::Translator::new().translate(pattern, &ast) {
            Ok(hir) => Ok(hir),
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
    fn alternation_puts_longest_first() {
        assert_eq!(alternation(&["more".into(), "more than".into()], false), r"(?:more\s+than|more)");
        assert_eq!(alternation(&["more".into(), "more than".into()], true), r"(?:more(?:\s+than)?)");
        assert_eq!(alternation(&["Gov".into(), "Gov.".into(), "Mr".into()], true), r"(?:(?:Gov(?:\.)?|Mr))");
        assert_eq!(alternation(&["a  b".into(), "a".into()], true), r"(?:a\s+\s+b|a)");
    }

    #[test]
    fn capture_groups_are_numbered_as_the_regex_numbers_them() {
        let pattern = r"(?:(a)|(?P<num>b+))(?P<unit>c(?P<text>d)?)*(?P<year>\d)";
        let hir = check_syntax(pattern).unwrap();
        let regex = build_own(pattern).unwrap();
        let by_regex: Vec<(Capture, usize)> = Capture::ALL
            .into_iter()
            .filter_map(|c| {
                let names = regex.group_info().pattern_names(regex_automata::PatternID::ZERO);
                names.enumerate().find(|(_, n)| *n == Some(c.name())).map(|(g, _)| (c, g))
            })
            .collect();
        assert_eq!(capture_groups(&hir), by_regex);
        assert_eq!(by_regex.len(), 4);
    }

    #[test]
    fn case_insensitive_patterns_keep_plain_alternations() {
        assert!(may_ignore_case("x(?i:y)") && may_ignore_case("(?xi)y") && may_ignore_case("(?-i)y"));
        assert!(!may_ignore_case(r"(?:x)(?P<n>y)(?-u:\b)"));
    }

    #[test]
    fn trie_prefers_what_the_plain_alternation_prefers() {
        let words: Vec<String> =
            ["Vice President", "Vice", "Vice Premier", "Prime Minister", "Premier", "Pres", "Gov.", "Gov"]
                .into_iter()
                .chain(["G", "Chief", "chief", "chief executive", "Chief Executive Officer"])
                .map(String::from)
                .collect();
        let plain = alternation(&words, false);
        let trie = alternation(&words, true);
        assert_ne!(plain, trie);
        let texts = ["Vice  President Lee", "Vice Premier", "Gov. X", "Gov X", "Pres Jo", "G.x", "Vice\tPremier!"];
        for tail in [r"", r"\s+(?P<n>\w+)", r"(?P<n>\.?\s*\w*)", r"\b", r"\s+Officer"] {
            let a = regex::Regex::new(&format!("(?P<w>{plain}){tail}")).unwrap();
            let b = regex::Regex::new(&format!("(?P<w>{trie}){tail}")).unwrap();
            for text in texts.into_iter().chain(["chief executive said", "Chief Executive Officer Ann", "chief Chief"])
            {
                let spans = |r: &regex::Regex| {
                    let groups = |c: regex::Captures<'_>| ["w", "n"].map(|g| c.name(g).map(|m| m.range()));
                    r.captures_iter(text).map(|c| (c.get(0).map(|m| m.range()), groups(c))).collect::<Vec<_>>()
                };
                assert_eq!(spans(&a), spans(&b), "{tail} on {text:?}");
            }
        }
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
