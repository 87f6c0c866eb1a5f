//! Actors: gazetteer names (one Aho-Corasick pass) plus patterns for names the pack has never
//! seen ("Commerce Secretary Howard Lutnick", "Song Wendi, a researcher at …"), then surnames
//! linked back to the full names met earlier in the article.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use serde_json::Value;

use super::Context;
use crate::claim::{Claim, ClaimKind};
use crate::rules::{ActorType, Capture, RuleKind, RuleMatch, is_word_edge};

/// One mention of an actor.
#[derive(Debug, Clone)]
pub struct Mention {
    pub at: Range<usize>,
    pub canonical: String,
    pub actor_type: ActorType,
    /// The title or role the article gives at this mention.
    pub title: Option<String>,
    pub rule: String,
}

impl Mention {
    pub fn claim(&self, text: &str) -> Claim {
        let mut claim =
            Claim::new(ClaimKind::Actor, &self.rule, text, self.at.clone(), Value::String(self.canonical.clone()));
        claim.actor = Some(self.canonical.clone());
        claim.title = self.title.clone();
        claim.detail.actor_type = Some(self.actor_type);
        claim
    }
}

/// Mentions found so far, looked up by where they are: every pattern match asks what it
/// overlaps, and a scan of all mentions per match would be quadratic on a long document.
#[derive(Default)]
struct Found {
    list: Vec<Option<Mention>>,
    by_start: BTreeMap<usize, Vec<usize>>,
    longest: usize,
}

impl Found {
    fn push(&mut self, m: Mention) {
        self.longest = self.longest.max(m.at.len());
        self.by_start.entry(m.at.start).or_default().push(self.list.len());
        self.list.push(Some(m));
    }

    /// Indices of the mentions overlapping `at`.
    fn overlapping(&self, at: &Range<usize>) -> Vec<usize> {
        self.by_start
            .range(at.start.saturating_sub(self.longest)..at.end)
            .flat_map(|(_, ids)| ids.iter().copied())
            .filter(|&i| self.list[i].as_ref().is_some_and(|m| at.start < m.at.end))
            .collect()
    }

    fn get_mut(&mut self, i: usize) -> Option<&mut Mention> {
        self.list.get_mut(i).and_then(Option::as_mut)
    }

    fn remove(&mut self, i: usize) {
        if let Some(slot) = self.list.get_mut(i) {
            *slot = None;
        }
    }

    fn into_vec(self) -> Vec<Mention> {
        self.list.into_iter().flatten().collect()
    }
}

pub(super) fn extract(cx: &Context<'_>) -> Vec<Mention> {
    let mut found = Found::default();
    let gazetteer: Vec<Mention> = cx
        .rules
        .gazetteer_hits(cx.text)
        .into_iter()
        .filter(|(span, _)| cx.usable(span))
        .map(|(mut at, actor)| {
            let actor = &cx.rules.actors[actor];
            // "Jollibee Foods Corp": the company's legal form after its name is part of the mention.
            if actor.actor_type == ActorType::Org
                && let Some(next) = cx.text[at.end..].strip_prefix(' ').and_then(|r| r.split([' ', ',', '\n']).next())
                && cx.rules.lexicon.contains("legal_suffix", next.trim_end_matches('.'))
                && next.starts_with(char::is_uppercase)
                && cx.usable(&(at.start..at.end + 1 + next.len()))
            {
                at.end += 1 + next.trim_end_matches('.').len();
            }
            Mention {
                at,
                canonical: actor.name.clone(),
                actor_type: actor.actor_type,
                title: None,
                rule: "gazetteer".into(),
            }
        })
        .collect();
    for m in gazetteer {
        found.push(m);
    }

    // Resume at the name a pattern ended on: "Dr. Priya Raman, a trade economist at …" is a
    // title-name match and then an appositive starting at the name.
    let resume = |m: &RuleMatch| {
        m.get(Capture::Name).map_or(m.span.end, |n| if n.start > m.span.start { n.start } else { m.span.end })
    };
    // In a title-case headline ("Minister Says Port To Reopen") capitals say nothing: a pattern's
    // person there needs a given name.
    let in_headline = |at: &Range<usize>| {
        cx.layout.paragraph_at(at.start).and_then(|p| cx.headlines.get(p)).copied().unwrap_or(false)
    };
    for m in cx.scan_resuming(RuleKind::Actor, resume) {
        let rule = &cx.rules.rules[m.rule];
        if in_headline(&m.span)
            && m.get(Capture::Name).is_some_and(|n| {
                let first = cx.slice(&n).split_whitespace().next().unwrap_or_default();
                cx.rules.lexicon.string("given_name", first).is_none()
            })
        {
            continue;
        }
        let title = m.get(Capture::Title).map(|t| clean_title(cx, cx.slice(&t)));
        // "Treasury Secretary Jane Roe": the office's department is part of her title, not an
        // actor of its own.
        if let (Some(t), Some(_)) = (m.get(Capture::Title), m.get(Capture::Name)) {
            for i in found.overlapping(&t) {
                let portfolio = found.list[i].as_ref().is_some_and(|g| {
                    g.rule == "gazetteer"
                        && t.start <= g.at.start
                        && g.at.end <= t.end
                        && cx.rules.lexicon.contains("portfolio", cx.slice(&g.at))
                });
                if portfolio {
                    found.remove(i);
                }
            }
        }
        if let Some(name) = m.get(Capture::Name).and_then(|n| person_name(cx, n)) {
            let actor_type = rule.actor_type.unwrap_or(ActorType::Person);
            add_or_title(&mut found, cx, name, actor_type, title.clone(), &rule.id);
        }
        // "Head coach Rui Almeida", "Aviation expert Jo Roe": a capitalised role or field word
        // opening a sentence is no organisation.
        let ordinary = |o: &Range<usize>| {
            let text = cx.slice(o);
            !text.contains(' ')
                && ["role", "title", "portfolio", "common_word", "title_modifier", "org_field"]
                    .iter()
                    .any(|list| cx.rules.lexicon.contains(list, text))
        };
        if let Some(org) = m.get(Capture::Org).map(|o| trim_article(cx, o)).filter(|o| !o.is_empty() && !ordinary(o)) {
            let title = if m.get(Capture::Name).is_some() { None } else { title };
            for part in coordinated(cx, org) {
                add_or_title(&mut found, cx, part, ActorType::Org, title.clone(), &rule.id);
            }
        }
    }
    let mut mentions = found.into_vec();
    mentions.sort_by_key(|m| m.at.start);
    let unseen = super::names::find(cx, &mentions);
    // A club or company named after a place ("Manchester United") replaces the place in it, as
    // a person does whose given name is one ("Jordan Clarkson").
    let mut clubs: Vec<Range<usize>> =
        unseen.iter().filter(|m| m.actor_type != ActorType::Place).map(|m| m.at.clone()).collect();
    clubs.sort_by_key(|c| c.start);
    mentions.retain(|m| {
        let before = clubs.partition_point(|c| c.start <= m.at.start);
        m.actor_type != ActorType::Place
            || !before.checked_sub(1).is_some_and(|i| m.at.end <= clubs[i].end && clubs[i] != m.at)
    });
    mentions.extend(unseen);
    mentions.sort_by_key(|m| m.at.start);
    clubs_named_after_places(cx, &mut mentions);
    defined_acronyms(cx, &mut mentions);
    link_acronyms(&mut mentions);
    styled_names(cx, &mut mentions);
    link_surnames(cx, &mut mentions);
    link_short_org_names(cx, &mut mentions);
    mentions.sort_by_key(|m| m.at.start);
    mentions
}

/// "Vexor" after "Vexor Systems", "Halvorsen" after "Halvorsen Motors": an organisation's
/// first word alone, in the same article, is that organisation — when one only has it.
fn link_short_org_names(cx: &Context<'_>, mentions: &mut [Mention]) {
    let lexicon = &cx.rules.lexicon;
    let by_first = unique_keys(
        mentions
            .iter()
            .filter(|m| m.actor_type == ActorType::Org && m.canonical.contains(' '))
            .map(|m| (m.canonical.split_whitespace().next().unwrap_or_default(), m.canonical.as_str()))
            .filter(|(first, _)| {
                first.chars().count() >= 3
                    && !["common_word", "stopword", "org_head", "demonym"].iter().any(|l| lexicon.contains(l, first))
            }),
    );
    // "Emirates" the gazetteer knows is the airline, not "Emirates Group" its parent.
    let known: HashSet<String> =
        mentions.iter().filter(|m| m.rule == "gazetteer").map(|m| m.canonical.clone()).collect();
    if by_first.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.actor_type == ActorType::Org
            && !m.canonical.contains(' ')
            && !known.contains(&m.canonical)
            && let Some(full) = by_first.get(&m.canonical)
        {
            m.canonical.clone_from(full);
        }
    }
}

/// Each key with the one value it was given; a key given two different values names neither
/// ("Vexor" after "Vexor Systems" and "Vexor Bank"), so it is dropped.
fn unique_keys<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> HashMap<String, String> {
    let mut map: HashMap<&str, Option<&str>> = HashMap::new();
    for (key, value) in pairs {
        let entry = map.entry(key).or_insert(Some(value));
        if *entry != Some(value) {
            *entry = None;
        }
    }
    map.into_iter().filter_map(|(key, value)| Some((key.to_string(), value?.to_string()))).collect()
}

/// Most acronyms an article defines one might ask for: a bound on the scans below.
const MAX_DEFINED_ACRONYMS: usize = 16;

/// "The Department of Health (DOH) said …": an acronym in brackets right after an
/// organisation is its short name there, and every later "DOH" in the article is that
/// organisation, with or without "the". One scan of the text per defined acronym.
fn defined_acronyms(cx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let mut defined: Vec<(String, String, usize)> = Vec::new();
    for m in mentions.iter().filter(|m| m.actor_type == ActorType::Org) {
        let after = &cx.text[m.at.end..];
        let Some(inner) = after.strip_prefix(" (").and_then(|a| a.split_once(')')).map(|(inner, _)| inner) else {
            continue;
        };
        if super::names::is_acronym(inner) && !defined.iter().any(|(a, _, _)| a == inner) {
            defined.push((inner.to_string(), m.canonical.clone(), m.at.end + 2));
        }
        if defined.len() == MAX_DEFINED_ACRONYMS {
            break;
        }
    }
    // `mentions` is in text order here; new ones are added after all acronyms are scanned.
    let mut added = Vec::new();
    for (acronym, name, from) in defined {
        for m in mentions.iter_mut().filter(|m| m.canonical == acronym) {
            m.canonical = name.clone();
            m.actor_type = ActorType::Org;
        }
        for (offset, _) in cx.text[from..].match_indices(acronym.as_str()) {
            let at = from + offset..from + offset + acronym.len();
            let known = mentions.binary_search_by_key(&at.start, |m| m.at.start).is_ok();
            if is_word_edge(cx.text, at.start, at.end) && !known && cx.usable(&at) {
                added.push(Mention {
                    at,
                    canonical: name.clone(),
                    actor_type: ActorType::Org,
                    title: None,
                    rule: "actor.acronym".into(),
                });
            }
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| m.at.start);
}

/// "the UDHW" is the "United Dock and Harbour Workers" named in the same article, when exactly
/// one mention spells those initials. Indexed by initials: one look-up per acronym, not a scan
/// of every name.
fn link_acronyms(mentions: &mut [Mention]) {
    let mut spelled: HashMap<String, (String, usize)> = HashMap::new();
    for m in mentions.iter().filter(|m| m.actor_type == ActorType::Org && m.canonical.contains(' ')) {
        spelled.entry(crate::claim::initials(&m.canonical)).or_insert_with(|| (m.canonical.clone(), 0)).1 += 1;
    }
    for m in mentions.iter_mut().filter(|m| m.actor_type == ActorType::Org && super::names::is_acronym(&m.canonical)) {
        if let Some((name, 1)) = spelled.get(&m.canonical.replace('.', "")) {
            m.canonical = name.clone();
        }
    }
}

/// "Leeds signed …", "Everton midfielder …": a place doing what a sports club does is the club.
/// So is a country in a contest: "a win against Rwanda", "victory over India" (an opponent
/// word after a match word), "Sri Lanka secured a 110-run victory" (the subject of a sentence
/// whose next words name a match).
fn clubs_named_after_places(cx: &Context<'_>, mentions: &mut [Mention]) {
    let lexicon = &cx.rules.lexicon;
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_string();
    for m in mentions.iter_mut().filter(|m| m.actor_type == ActorType::Place) {
        let rest = cx.slice(&(m.at.end..cx.text.len()));
        let sentence_end = rest.find(['.', '!', '?', '\n', ';']).unwrap_or(rest.len());
        let after: Vec<String> = rest[..sentence_end].split_whitespace().take(6).map(bare).collect();
        let before = cx.slice(&(m.at.start.saturating_sub(80)..m.at.start));
        let before = &before[before.rfind(['.', '!', '?', '\n', ';']).map_or(0, |i| i + 1)..];
        let before: Vec<String> = before.split_whitespace().rev().take(4).map(bare).collect();
        let next = after.first().map_or("", String::as_str);
        let club = rest.starts_with(' ') && lexicon.contains_lower("club_verb", next);
        let opponent = before.first().is_some_and(|w| lexicon.contains_lower("opponent_word", w))
            && before.iter().skip(1).any(|w| lexicon.contains("match_word", w));
        // "in Queensland was a victory": a place after a preposition is no subject.
        let governed = before.first().is_some_and(|w| {
            lexicon.contains_lower("place_preposition", w)
                || matches!(w.as_str(), "of" | "from" | "to" | "at" | "in" | "by")
        });
        let subject = !governed
            && rest.starts_with(' ')
            && next.starts_with(char::is_lowercase)
            && after.iter().skip(1).any(|w| lexicon.contains("match_word", w));
        if club || opponent || subject {
            m.actor_type = ActorType::Org;
        }
    }
}

/// Gives a title to the mention already found at `at`, or adds a new mention.
fn add_or_title(
    found: &mut Found,
    cx: &Context<'_>,
    at: Range<usize>,
    actor_type: ActorType,
    title: Option<String>,
    rule: &str,
) {
    let overlapping = found.overlapping(&at);
    // "Alaska Airlines" is an airline, not the state: an organisation found by its head noun
    // replaces the places the gazetteer saw inside it; so does a person ("economist Ronan
    // Lyons" is nobody's city).
    // "BNM governor Nor Shamsiah Yunus" is not the other Yunus the gazetteer knows by surname.
    if matches!(actor_type, ActorType::Org | ActorType::Person) {
        let inside = |m: &Mention| {
            (m.actor_type == ActorType::Place
                || (actor_type == ActorType::Person
                    && m.actor_type == ActorType::Person
                    && m.rule == "gazetteer"
                    && !cx.slice(&m.at).contains(' ')))
                && at.start <= m.at.start
                && m.at.end <= at.end
        };
        let all_inside = overlapping.iter().all(|&i| found.list[i].as_ref().is_some_and(|m| inside(m) && m.at != at));
        if !overlapping.is_empty() && all_inside {
            for &i in &overlapping {
                found.remove(i);
            }
        }
    }
    let first = overlapping.iter().copied().find(|&i| found.list[i].is_some());
    if let Some(existing) = first.and_then(|i| found.get_mut(i)) {
        let weak = existing.title.as_deref().is_none_or(|t| cx.rules.lexicon.contains("honorific", t));
        if weak && title.is_some() && existing.actor_type == actor_type {
            existing.title = title;
        }
        return;
    }
    let canonical = super::collapse_whitespace(cx.slice(&at));
    found.push(Mention { at, canonical, actor_type, title, rule: rule.to_string() });
}

/// A person name as captured, minus a possessive and minus words that never belong to a name
/// ("Trump Thursday", "However"); `None` if nothing name-like is left.
fn person_name(cx: &Context<'_>, span: Range<usize>) -> Option<Range<usize>> {
    // "Stroke Imke Vos said": a capitalised word before a given name opens the sentence, it is
    // not part of the name ("Tan Su Shan" is: a family name written first).
    let given = |w: &str| cx.rules.lexicon.string("given_name", w).is_some();
    let mut span = span;
    let ws: Vec<(usize, &str)> = words(cx.slice(&span)).take(3).collect();
    // "Tan Sri Muhyiddin": a style of two words ("Tan Sri", "Datuk Seri") is a title.
    if let [(_, first), (_, second), (third_at, _)] = ws[..]
        && cx.rules.lexicon.contains("title", &format!("{first} {second}"))
    {
        span.start += third_at;
        // The pattern's three words ended early: the name goes on ("Tan Sri Harun Ismail").
        let rest = cx.text.get(span.end..).unwrap_or_default();
        if let Some(next) = rest.strip_prefix(' ').and_then(|r| r.split([' ', ',', '.', '’', '\'']).next())
            && next.starts_with(char::is_uppercase)
            && next.contains(char::is_lowercase)
        {
            span.end += 1 + next.len();
        }
    } else if let [(_, first), (second_at, second), _] = ws[..]
        && !given(first)
        && !cx.rules.lexicon.contains("family_name_first", first)
        && given(second)
    {
        span.start += second_at;
    }
    let text = cx.slice(&span);
    let mut end = 0;
    for (offset, word) in words(text) {
        let bare = word.trim_end_matches(['’', '\'']).trim_end_matches("’s").trim_end_matches("'s");
        let lexicon = &cx.rules.lexicon;
        // "Premier League" is no Premier named League.
        if ["org_head", "org_tail", "event_word", "title", "place_word"].iter().any(|list| lexicon.contains(list, bare))
        {
            return None;
        }
        if lexicon.contains("weekday", bare) || (end == 0 && lexicon.contains("not_name", bare)) {
            break;
        }
        end = offset + bare.len();
        if bare.len() < word.len() {
            break;
        }
    }
    (end > 0).then(|| span.start..span.start + end)
}

fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// An organisation as captured, without the words a sentence opens with ("The", "But") and
/// without a nationality ("But Croatian coach Igor Tudor" names no organisation at all).
/// "Tottenham and England forward Harry Kane": two teams, not one named "Tottenham and England".
/// A name with "of" or an organisation word ("Department of Trade and Industry", "Marks and
/// Spencer Group") stays whole.
fn coordinated(cx: &Context<'_>, span: Range<usize>) -> Vec<Range<usize>> {
    let text = cx.slice(&span);
    let lexicon = &cx.rules.lexicon;
    let whole = text
        .split(' ')
        .any(|w| w == "of" || w == "for" || lexicon.contains("org_head", w) || lexicon.contains("org_tail", w));
    match text.split_once(" and ") {
        Some((left, right)) if !whole && !left.contains(' ') && !right.contains(' ') => {
            let right_start = span.end - right.len();
            vec![span.start..span.start + left.len(), right_start..span.end]
        }
        _ => vec![span],
    }
}

fn trim_article(cx: &Context<'_>, span: Range<usize>) -> Range<usize> {
    let lexicon = &cx.rules.lexicon;
    let mut start = span.start;
    // "the September High Court session": a month or weekday before the name is not in it.
    for word in cx.slice(&span).split(' ') {
        if !["not_name", "month", "weekday"].iter().any(|list| lexicon.contains(list, word)) {
            break;
        }
        start = (start + word.len() + 1).min(span.end);
    }
    let rest = cx.slice(&(start..span.end));
    if rest.split(' ').all(|w| lexicon.contains("demonym", w)) {
        return start..start;
    }
    // "Irene Nattel of RBC Capital Markets": a person, then the organisation she is with.
    if rest.split(' ').next().is_some_and(|w| lexicon.string("given_name", w).is_some())
        && let Some(of) = [" of ", " at ", " from "].iter().filter_map(|p| rest.find(p).map(|i| i + p.len())).min()
    {
        return start + of..span.end;
    }
    start..span.end
}

/// A title as given, without an article, function word or speech verb the pattern read before
/// it ("said engineer-turned-spokesman" → "engineer-turned-spokesman").
fn clean_title(cx: &Context<'_>, title: &str) -> String {
    let title = super::collapse_whitespace(title);
    let mut title = title.trim_matches(|c: char| c == ',' || c.is_whitespace());
    while let Some((first, rest)) = title.split_once(' ') {
        let lexicon = &cx.rules.lexicon;
        if lexicon.contains("stopword", first) || lexicon.contains_lower("speech_verb", first) {
            title = rest;
        } else {
            break;
        }
    }
    title.to_string()
}

/// "Queen Elizabeth II", "Lord Bracadale", "Pope Leo": a style that is part of how the person is
/// named stays in the name (`title_in_name`), though it is a title too.
fn styled_names(cx: &Context<'_>, mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| m.actor_type == ActorType::Person) {
        let before = cx.slice(&(0..m.at.start));
        let Some(head) = before.strip_suffix(' ') else { continue };
        let style = head.rsplit([' ', '\n', '(', '“', '"']).next().unwrap_or_default();
        if !style.is_empty() && cx.rules.lexicon.contains("title_in_name", style) && !m.canonical.starts_with(style) {
            m.at.start -= style.len() + 1;
            m.canonical = format!("{style} {}", m.canonical);
        }
    }
}

/// Links "Lutnick" to "Howard Lutnick" met in the same article: gives earlier single-name
/// mentions the full name and finds later surname-only mentions.
fn link_surnames(cx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let lexicon = &cx.rules.lexicon;
    let mut full_names: HashMap<String, String> = HashMap::new();
    for m in mentions.iter().filter(|m| m.actor_type == ActorType::Person) {
        let mut parts = m.canonical.split_whitespace();
        if let (Some(first), Some(last)) = (parts.next(), parts.next_back()) {
            // "Tan Su Shan" is Ms Tan: a family name written first, in a name of three words
            // (in "Lee Hsien Loong" too; "Kim Jones" keeps the Western order).
            let family = if lexicon.contains("family_name_first", first) && m.canonical.split_whitespace().count() == 3
            {
                first
            } else {
                last
            };
            let last = family;
            // "Theresa May" must not turn every month of May into a mention.
            if lexicon.contains("month", last)
                || lexicon.contains("weekday", last)
                || lexicon.contains("not_name", last)
            {
                continue;
            }
            full_names.entry(last.to_string()).or_insert_with(|| m.canonical.clone());
        }
    }
    // "Sergio mentioned, “…”" after "FC Goa coach Sergio Lobera": a given name alone is the one
    // person of the article who has it.
    let ordinary =
        |w: &str| ["month", "weekday", "not_name", "common_word", "stopword"].iter().any(|l| lexicon.contains(l, w));
    let given = unique_keys(
        mentions
            .iter()
            .filter(|m| m.actor_type == ActorType::Person && m.canonical.contains(' '))
            .map(|m| (m.canonical.split_whitespace().next().unwrap_or_default(), m.canonical.as_str()))
            .filter(|(first, _)| lexicon.string("given_name", first).is_some() && !ordinary(first)),
    );
    // "Mr Chege" after "Nicholas Chege Mwangi": the middle name of a three-word name, when it is
    // nobody else's.
    let middle = unique_keys(
        mentions
            .iter()
            .filter(|m| m.actor_type == ActorType::Person && m.canonical.split_whitespace().count() == 3)
            .filter_map(|m| m.canonical.split_whitespace().nth(1).map(|w| (w, m.canonical.as_str())))
            .filter(|(w, _)| {
                w.chars().count() >= 3
                    && w.starts_with(char::is_uppercase)
                    && w.contains(char::is_lowercase)
                    && !w.ends_with('.')
                    && lexicon.string("given_name", w).is_none()
                    && !lexicon.contains("name_particle", w)
                    && !lexicon.contains("title", w)
                    && !ordinary(w)
            }),
    );
    let given: Vec<(String, String)> =
        given.into_iter().chain(middle).filter(|(first, _)| !full_names.contains_key(first)).collect();
    full_names.extend(given);
    if full_names.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.actor_type == ActorType::Person
            && let Some(full) = full_names.get(&m.canonical)
        {
            m.canonical = full.clone();
        }
    }
    let surnames: Vec<&String> = full_names.keys().collect();
    let Ok(ac) = super::word_automaton(&surnames) else {
        return;
    };
    let mut found = Vec::new();
    for hit in ac.find_iter(cx.text) {
        let at = hit.start()..hit.end();
        if !is_word_edge(cx.text, at.start, at.end) || !cx.usable(&at) || overlaps_any(mentions, &at) {
            continue;
        }
        let surname = surnames[hit.pattern().as_usize()];
        // "Tan Sri Harun Ismail": the word opens a style, it is nobody's family name here.
        let next = cx.text[at.end..].trim_start_matches(' ').split(' ').next().unwrap_or_default();
        if lexicon.contains("title", &format!("{surname} {next}")) {
            continue;
        }
        found.push(Mention {
            at,
            canonical: full_names[surname].clone(),
            actor_type: ActorType::Person,
            title: None,
            rule: "actor.surname".into(),
        });
    }
    mentions.extend(found);
}

/// Whether any of `sorted` (mentions in text order) overlaps `at`: a binary search, then the
/// few mentions that start before `at` ends and could still reach into it.
pub(super) fn overlaps_any(sorted: &[Mention], at: &Range<usize>) -> bool {
    overlapping(sorted, at).next().is_some()
}

/// The mentions of `sorted` (in text order) that overlap `at`.
pub(super) fn overlapping<'m>(sorted: &'m [Mention], at: &Range<usize>) -> impl Iterator<Item = &'m Mention> {
    let end = sorted.partition_point(|m| m.at.start < at.end);
    let at = at.clone();
    sorted[..end].iter().rev().take(8).filter(move |m| at.start < m.at.end)
}

/// "the bank", "the committee": the last organisation named before `before` whose name has that
/// word ("the Bank of England", "the Monetary Policy Committee"); `None` if the article named none.
///
/// A business or a club ("the automaker", "the club") named by no word of its name is the last
/// organisation named before (`[lexicon] institution_any`): the article's subject, as a reader
/// takes it. The look-back is bounded, so the search stays cheap on a long document.
pub(crate) fn institution(cx: &Context<'_>, mentions: &[Mention], noun: &str, before: usize) -> Option<String> {
    let noun = noun.to_lowercase();
    let end = mentions.partition_point(|m| m.at.start < before);
    // A news agency credited in a dateline ("(Reuters)") is not the company the article is about.
    let earlier = || {
        mentions[..end].iter().rev().take(INSTITUTION_LOOK_BACK).filter(|m| {
            m.actor_type == ActorType::Org
                && m.at.end <= before
                && !cx.rules.lexicon.contains("news_agency", &m.canonical)
                && !cx.slice(&(m.at.start.saturating_sub(1)..m.at.start)).ends_with('(')
        })
    };
    earlier()
        .find(|m| {
            m.canonical.to_lowercase().split_whitespace().any(|w| w.trim_matches(|c: char| !c.is_alphabetic()) == noun)
        })
        .or_else(|| {
            // The organisation named most often so far is the one the article is about.
            if !cx.rules.lexicon.contains_lower("institution_any", &noun) {
                return None;
            }
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for m in earlier() {
                *counts.entry(m.canonical.as_str()).or_default() += 1;
            }
            let count = |m: &Mention| counts.get(m.canonical.as_str()).copied().unwrap_or(0);
            // Ties go to the most recent (the mentions come latest first).
            earlier().fold(None, |best: Option<&Mention>, m| match best {
                Some(b) if count(b) >= count(m) => Some(b),
                _ => Some(m),
            })
        })
        .map(|m| m.canonical.clone())
}

/// How many mentions back "the company" looks for its organisation.
const INSTITUTION_LOOK_BACK: usize = 200;
