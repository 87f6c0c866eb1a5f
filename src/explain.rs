//! Why a claim is what it is: the rule and pattern that found it, the topic it was given, how
//! its speaker and its credit were found.

use std::fmt::Write as _;

use crate::claim::{Claim, ClaimKind};
use crate::rules::RuleSet;

/// A few lines a rule author can read.
pub fn explain(rules: &RuleSet, claim: &Claim) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}:{} {} {:?} = {}",
        claim.id,
        claim.line,
        claim.column,
        claim.kind.name(),
        claim.text,
        claim.value
    );
    match rules.rules.iter().find(|r| r.id == claim.rule) {
        Some(rule) => {
            let _ = writeln!(
                out,
                "  rule      {} ({}){}",
                rule.id,
                rule.file,
                rule.description.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
            );
            let pattern: String = rule.pattern.chars().take(160).collect();
            let more = if rule.pattern.chars().count() > 160 { "…" } else { "" };
            let _ = writeln!(out, "  pattern   {pattern}{more}");
        }
        None => {
            let why = match claim.rule.as_str() {
                "gazetteer" => "a gazetteer name or alias (rules/actors-*.toml), one Aho-Corasick pass",
                "actor.surname" => "the surname of a person named in full earlier in the article",
                "quote.direct" | "quote.partial" | "quote.term" => "quote marks paired in the paragraph (built in)",
                _ => "built in",
            };
            let _ = writeln!(out, "  rule      {} — {why}", claim.rule);
        }
    }
    if claim.kind == ClaimKind::Actor
        && let Some(actor) = rules.actors.iter().find(|a| Some(&a.name) == claim.actor.as_ref())
    {
        let _ = writeln!(out, "  actor     {} ({:?}) in the gazetteer", actor.name, actor.actor_type);
    }
    if let Some(title) = &claim.title {
        let _ =
            writeln!(out, "  title     {title:?}, from a title or role pattern at this mention (rules/actors.toml)");
    }
    if let Some(qualifier) = &claim.qualifier {
        let meaning = rules.lexicon.string("qualifier", qualifier).unwrap_or(qualifier);
        let _ = writeln!(out, "  hedge     {qualifier:?} (read as {meaning:?})");
    }
    if let Some(topic) = &claim.topic {
        let how = if rules.topics.iter().any(|t| topic == &t.id || topic.starts_with(&format!("{}/", t.id))) {
            "a topic rule in rules/topics.toml"
        } else {
            "an automatic key from the words around the value"
        };
        let _ = writeln!(out, "  topic     {topic} ({how})");
    }
    if matches!(claim.kind, ClaimKind::Quote | ClaimKind::Statement) {
        match (&claim.speaker, &claim.detail.speech_cue) {
            (Some(speaker), Some(cue)) => {
                let _ = writeln!(out, "  speaker   {speaker}, tied by {cue:?}");
            }
            (None, Some(cue)) => {
                let _ = writeln!(out, "  speaker   none named (cue {cue:?})");
            }
            _ => {
                let _ = writeln!(out, "  speaker   none: no speech cue in the sentence or the one before");
            }
        }
    }
    if let Some(by) = &claim.attributed_to {
        let _ = writeln!(out, "  credited  {by}, from the sentence (an attribution rule or the quote's speaker)");
    }
    for flag in &claim.flags {
        let _ = writeln!(out, "  flag      {flag}");
    }
    let _ = write!(out, "  sentence  {}", claim.sentence);
    out
}
