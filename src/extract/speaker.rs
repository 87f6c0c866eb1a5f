//! Who is speaking, given the words next to a speech cue: a named actor, "the company", or a
//! pronoun resolved to the last person of that gender named before it — across paragraphs,
//! because news writing names a person once and then says "he added" for paragraphs on end.
//! Shared by quotes and reported statements.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Context, Mention};
use crate::rules::ActorType;

/// How far back a pronoun looks for its person, in bytes: a few paragraphs of news text, and a
/// bound that keeps speaker finding linear on a document of any size.
const PRONOUN_LOOK_BACK: usize = 4_000;

/// The people and organisations of one document, with what is known of each person's gender.
pub(super) struct People<'m> {
    pub mentions: &'m [Mention],
    gender: HashMap<&'m str, char>,
    persons: HashSet<&'m str>,
    /// Who has spoken so far and where, one list per kind of claim (each filled in text
    /// order): "he added" after another man was merely named goes on with the one speaking.
    speakers: [RefCell<Vec<(usize, String)>>; 2],
    /// Who "the minister" turned out to be, and where: the same role word goes on meaning the
    /// same person when no mention carries it as a title.
    roles: RefCell<Vec<(usize, String, String)>>,
}

/// Where somebody spoke: in a quotation or in reported speech.
#[derive(Clone, Copy)]
pub(super) enum Said {
    Quote = 0,
    Statement = 1,
}

/// Most words before the person who opens a sentence as its subject: "Deputy public
/// prosecutor (DPP) Faridz …".
const SUBJECT_LEAD_WORDS: usize = 4;

/// How many earlier speakers a pronoun looks at: a bound that keeps a document made of
/// thousands of quotes linear.
const SPEAKER_LOOK_BACK: usize = 64;

/// Most words between "the" and a noun for the article's business: "the country's largest
/// restaurant operator".
const BUSINESS_WORDS: usize = 5;

/// How far before a name its role word is looked for, in bytes: "finance minister Rask".
const ROLE_BEFORE_BYTES: usize = 40;

impl<'m> People<'m> {
    /// Gender from a form of address at any mention ("Mr. Brekke", "Dame …") or from the given
    /// name (`[lexicon.given_name]`).
    pub fn new(cx: &Context<'_>, mentions: &'m [Mention]) -> People<'m> {
        let lexicon = &cx.rules.lexicon;
        let mut gender: HashMap<&'m str, char> = HashMap::new();
        for m in mentions.iter().filter(|m| m.actor_type == ActorType::Person) {
            let from_title = m.title.as_deref().and_then(|t| {
                t.split_whitespace().find_map(|w| lexicon.string("address_gender", w.trim_end_matches('.')))
            });
            if let Some(g) = from_title.and_then(|g| g.chars().next()) {
                gender.insert(&m.canonical, g);
                continue;
            }
            if gender.contains_key(m.canonical.as_str()) {
                continue;
            }
            let first = m.canonical.split_whitespace().next().unwrap_or_default();
            if m.canonical.contains(' ')
                && let Some(g) = lexicon.string("given_name", first).and_then(|g| g.chars().next())
                // "u": a name given to either, which says nothing of the pronoun.
                && g != 'u'
            {
                gender.insert(&m.canonical, g);
            }
        }
        let persons =
            mentions.iter().filter(|m| m.actor_type == ActorType::Person).map(|m| m.canonical.as_str()).collect();
        People { mentions, gender, persons, speakers: Default::default(), roles: Default::default() }
    }

    /// Records that `name` speaks at `at`; calls for one kind come in text order.
    pub fn spoke(&self, said: Said, at: usize, name: &str) {
        self.speakers[said as usize].borrow_mut().push((at, name.to_string()));
    }

    /// The last speaker before `at` whose gender fits, if their cue lies in the pronoun's
    /// paragraph or the two before it.
    fn recent_speaker(&self, cx: &Context<'_>, wanted: Option<char>, at: usize) -> Option<(usize, String)> {
        let paragraph = cx.layout.paragraph_at(at)?;
        let horizon = cx.layout.paragraphs[paragraph.saturating_sub(2)].span.start;
        let last_in = |list: &RefCell<Vec<(usize, String)>>| {
            let speakers = list.borrow();
            let end = speakers.partition_point(|(p, _)| *p < at);
            speakers[..end]
                .iter()
                .rev()
                .take(SPEAKER_LOOK_BACK)
                .take_while(|(p, _)| *p >= horizon)
                .filter(|(_, name)| self.persons.contains(name.as_str()))
                .find(|(_, name)| match (wanted, self.gender.get(name.as_str())) {
                    (Some(w), Some(g)) => w == *g,
                    _ => true,
                })
                .cloned()
        };
        self.speakers.iter().filter_map(last_in).max_by_key(|(p, _)| *p)
    }

    /// The mentions that start inside `range`, found by binary search (mentions are in text
    /// order), so looking next to every quote stays linear in the document.
    pub fn starting_in(&self, range: &Range<usize>) -> &'m [Mention] {
        let from = self.mentions.partition_point(|m| m.at.start < range.start);
        let to = self.mentions.partition_point(|m| m.at.start < range.end);
        &self.mentions[from..to.max(from)]
    }

    /// The mention that starts at `at`, if any.
    pub fn starting_at(&self, at: usize) -> Option<&'m Mention> {
        self.starting_in(&(at..at + 1)).first()
    }

    /// The actor named in `range`, the one nearest the verb (last when `last`): a person first,
    /// then an organisation, then a place; else "the committee" → the organisation last named
    /// with that word; else a pronoun resolved. `Some(None)` means a cue whose subject is
    /// nobody the article names ("officials said", a pronoun nobody fits).
    pub fn name_in(&self, cx: &Context<'_>, range: &Range<usize>, last: bool) -> Option<Option<String>> {
        let inside: Vec<&Mention> = self
            .starting_in(range)
            .iter()
            .filter(|m| {
                m.at.start >= range.start
                    && m.at.start < range.end
                    && !cx.rules.lexicon.contains("platform", &m.canonical)
                    // A name inside quotation marks is spoken of, not speaking.
                    && !in_quote(cx, m.at.start)
            })
            .collect();
        // "Pat Rask, Castellan's chief executive, said": the owner of a role is not its holder;
        // a possessive counts only when nobody else is named.
        let possessive = |m: &Mention| cx.slice(&(m.at.end..range.end)).starts_with(['’', '\''].as_slice());
        let pick = |types: &[ActorType]| {
            let typed: Vec<&Mention> = inside.iter().copied().filter(|m| types.contains(&m.actor_type)).collect();
            let plain: Vec<&Mention> = typed.iter().copied().filter(|m| !possessive(m)).collect();
            let candidates = if plain.is_empty() { &typed } else { &plain };
            if last { candidates.last() } else { candidates.first() }.map(|m| self.by_surname(cx, m))
        };
        // "Amorim, who took over from Erik ten Hag last month, said …": the one the relative
        // clause describes is the subject, not the last name inside it.
        if last && cx.slice(range).trim_end().ends_with(',') {
            let described = inside.iter().find(|m| {
                let next = cx.slice(&(m.at.end..range.end));
                [", who ", ", whose ", ", which "].iter().any(|p| next.starts_with(p))
            });
            if let Some(m) = described.filter(|m| m.actor_type != ActorType::Place) {
                return Some(Some(m.canonical.clone()));
            }
        }
        let words = words_in(cx, range);
        // "In a speech in Downing Street, he said …": the subject nearest the verb is the
        // pronoun, not a name earlier in the sentence.
        if last
            && let Some((at, pronoun)) = words.iter().rev().find(|(_, w)| cx.rules.lexicon.contains("pronoun", w))
            && lexicon_gender(cx, pronoun) != Some("o")
            && inside.iter().all(|m| m.at.end <= at.start)
            && !inside.is_empty()
        {
            return Some(self.resolve_pronoun(cx, pronoun, at.start));
        }
        // "He called for the Government to …, saying …": read from the front, a pronoun that
        // opens the clause is its subject, before any organisation named after it.
        if !last
            && let Some((at, pronoun)) = words.first()
            && matches!(lexicon_gender(cx, pronoun), Some("m" | "f"))
        {
            return Some(self.resolve_pronoun(cx, pronoun, at.start));
        }
        // "Asked if Bengaluru FC were the better team, the coach replied": likewise a role.
        // A role nobody was given ("the manager" of a coach named without a title) is the
        // person speaking just before.
        if last
            && let Some((the, role)) = the_role(cx, &words, true)
            && inside.iter().all(|m| m.at.end <= the.start || (the.start <= m.at.start && m.at.end <= the.end))
            && let Some(name) = self
                .titled(cx, role, the.start)
                .or_else(|| self.remembered_role(role, the.start))
                .or_else(|| self.recent_speaker(cx, None, the.start).map(|(_, name)| name))
        {
            self.roles.borrow_mut().push((the.start, role.to_lowercase(), name.clone()));
            return Some(Some(name));
        }
        // "The Halden captain said": the name only says whose captain; the captain speaks.
        let lexicon = &cx.rules.lexicon;
        let role_phrase = the_noun(
            &words,
            |w| w.starts_with(char::is_lowercase) && (lexicon.contains("role", w) || lexicon.contains("title", w)),
            // "the central bank governor said": the governor, not the bank.
            |w| lexicon.contains("institution_modifier", w) || lexicon.contains("institution", w),
        );
        if let Some((phrase, role)) = role_phrase.filter(|(phrase, role)| phrase.len() > role.len())
            && inside.iter().all(|m| phrase.start <= m.at.start && m.at.end <= phrase.end)
            && !inside.is_empty()
        {
            return Some(self.titled(cx, role, phrase.start));
        }
        // "a Treasury source said", "an anti-Emmer member of Congress tells the outlet".
        if inside.iter().all(|m| m.actor_type != ActorType::Person)
            && words.iter().any(|(at, w)| lexicon.contains("unnamed_speaker", w) && !in_quote(cx, at.start))
        {
            return Some(None);
        }
        if let Some(name) = pick(&[ActorType::Person]).or_else(|| pick(&[ActorType::Org])) {
            return Some(Some(name));
        }
        // "Rask continues: …" with the bare family name found as no mention: the one person of
        // the article with that family name.
        if inside.is_empty()
            && let Some(name) = words
                .iter()
                .filter(|(at, w)| w.starts_with(char::is_uppercase) && !in_quote(cx, at.start))
                .find_map(|(at, _)| self.named(cx, at))
        {
            return Some(Some(name));
        }
        // "Three judges ruled …", "The appeal judges concluded …": a bench speaks for its court.
        if let Some((at, _)) = words.iter().find(|(_, w)| lexicon.contains("court_bench", w))
            && let Some(court) = super::actors::institution(cx, self.mentions, "court", at.start)
        {
            return Some(Some(court));
        }
        // "…,” the committee said", "the Istanbul club said": the organisation last named with
        // that word; "the country's largest restaurant operator told" — any words may describe
        // a noun that stands for the article's business.
        let the_business = || {
            let (at, noun) = words.last()?;
            let k = words.len() - 1;
            let the = (1..=BUSINESS_WORDS)
                .filter_map(|b| k.checked_sub(b))
                .find(|&t| words[t].1.eq_ignore_ascii_case("the"))?;
            (noun.starts_with(char::is_lowercase)
                && lexicon.contains("institution_any", noun)
                && words[the + 1..k].iter().all(|(_, w)| w.starts_with(char::is_lowercase)))
            .then(|| (words[the + 1].0.start..at.end, *noun))
        };
        if let Some((phrase, noun)) =
            the_noun(&words, |w| lexicon.contains("institution", w), |w| lexicon.contains("institution_modifier", w))
                .or_else(the_business)
        {
            return Some(super::actors::institution(cx, self.mentions, noun, phrase.end - noun.len()));
        }
        // "China said …" — a country speaks for its government; "ANGELES CITY – …" (a dateline)
        // and "Washington state officials" (a place as an adjective) do not.
        let speaks = |m: &Mention| {
            let paragraph = cx.layout.paragraph_at(m.at.start).map(|p| cx.layout.paragraphs[p].span.start);
            let dateline = paragraph.is_some_and(|p| !cx.slice(&(p..m.at.start)).contains(char::is_alphanumeric))
                && !cx.slice(&(m.at.end..range.end)).trim_start().starts_with(char::is_alphabetic);
            let next = words.iter().find(|(a, _)| a.start >= m.at.end).map(|(_, w)| *w);
            let adjective = next.is_some_and(|w| {
                let lexicon = &cx.rules.lexicon;
                w.starts_with(char::is_lowercase)
                    && !["speech_verb", "report_verb", "report_verb_base", "speech_adverb", "stopword"]
                        .iter()
                        .any(|list| lexicon.contains(list, w))
            });
            // "One respondent working in a hospital in Wales said": where the speaker works is
            // not who speaks.
            let located = words
                .iter()
                .rev()
                .find(|(a, _)| a.end <= m.at.start)
                .is_some_and(|(_, w)| cx.rules.lexicon.contains("place_preposition", w));
            !dateline && !adjective && !located
        };
        let mut places = inside.iter().filter(|m| m.actor_type == ActorType::Place && speaks(m));
        if let Some(place) = if last { places.next_back() } else { places.next() } {
            return Some(Some(place.canonical.clone()));
        }
        // "…,” the judge said": the person last given that title or role.
        if let Some((the, role)) = the_role(cx, &words, false)
            && let Some(name) = self.titled(cx, role, the.start)
        {
            return Some(Some(name));
        }
        // "…, it said" / "It also said": "it" is the subject only when it opens the subject and
        // stands right before the verb (not "If it says OFF", not an "it" inside a quote).
        let org_subject =
            |index: usize| index == 0 && words[index + 1..].iter().all(|(_, w)| lexicon.contains("speech_adverb", w));
        let (index, (at, pronoun)) = words.iter().enumerate().find(|(index, (_, w))| match lexicon_gender(cx, w) {
            Some("o") => org_subject(*index),
            Some(_) => true,
            None => false,
        })?;
        if lexicon_gender(cx, pronoun) == Some("o") && org_subject(index) {
            return Some(self.last_org(cx, at.start));
        }
        Some(self.resolve_pronoun(cx, pronoun, at.start))
    }

    /// "Deng Wei nodded to Ruiz's remarks, saying …", "He urged the authority to act and
    /// added that …": a participle's subject opens its sentence — read from the sentence's
    /// start, past any quote earlier in it, not the last name before the verb.
    pub fn participle_subject(&self, cx: &Context<'_>, verb_start: usize) -> Option<Option<String>> {
        let sentence = cx.layout.sentence_at(verb_start).map_or(verb_start, |i| cx.layout.sentences[i].span.start);
        self.name_in(cx, &(sentence..verb_start), false)
    }

    /// Who the words in `range` name: an actor found there, else the one person of the
    /// article with that family name ("Quader" in a headline, "Obaidul Quader" below it).
    pub fn named(&self, cx: &Context<'_>, range: &Range<usize>) -> Option<String> {
        if let Some(m) = self.starting_in(range).iter().find(|m| m.at.start >= range.start && m.at.end <= range.end) {
            return Some(m.canonical.clone());
        }
        let word = cx.slice(range).trim();
        let mut full = self
            .mentions
            .iter()
            .filter(|m| {
                m.actor_type == ActorType::Person && m.canonical.rsplit_once(' ').is_some_and(|(_, last)| last == word)
            })
            .map(|m| m.canonical.as_str());
        let first = full.next()?;
        full.all(|other| other == first).then(|| first.to_string())
    }

    /// Who "the `role`" was found to be last, before `at`.
    fn remembered_role(&self, role: &str, at: usize) -> Option<String> {
        let role = role.to_lowercase();
        let roles = self.roles.borrow();
        roles.iter().filter(|(p, r, _)| *p < at && *r == role).max_by_key(|(p, _, _)| *p).map(|(_, _, n)| n.clone())
    }

    /// The person a mention stands for; a bare family name that several people of the article
    /// share ("Gandhi") is the one of them last named in full before it.
    pub fn by_surname(&self, cx: &Context<'_>, m: &Mention) -> String {
        let word = cx.slice(&m.at).trim();
        if m.actor_type != ActorType::Person || word.contains(char::is_whitespace) {
            return m.canonical.clone();
        }
        let end = self.mentions.partition_point(|n| n.at.start < m.at.start);
        let shares = |n: &&Mention| {
            n.actor_type == ActorType::Person
                && n.canonical.rsplit_once(' ').is_some_and(|(_, family)| family == word)
                && cx.slice(&n.at).contains(char::is_whitespace)
                && !in_quote(cx, n.at.start)
        };
        let named = self.mentions[..end].iter().rev().take(PRONOUN_LOOK_BACK / 10).find(shares);
        match named {
            Some(n)
                if n.canonical != m.canonical
                    && self.mentions.iter().any(|o| shares(&o) && o.canonical == m.canonical) =>
            {
                n.canonical.clone()
            }
            _ => m.canonical.clone(),
        }
    }

    /// "The minister blamed the war. He said …": when `at` opens its sentence and the sentence
    /// before opens with "the" and a role, the one that role stands for.
    fn previous_role_subject(&self, cx: &Context<'_>, at: usize) -> Option<String> {
        let layout = &cx.layout;
        let sentence = layout.sentence_at(at)?;
        if cx.slice(&(layout.sentences[sentence].span.start..at)).contains(char::is_alphanumeric) {
            return None;
        }
        let before = &layout.sentences[sentence.checked_sub(1)?];
        let words = words_in(cx, &before.span);
        let lead = words.get(..SUBJECT_LEAD_WORDS.min(words.len()))?;
        if !lead.first()?.1.eq_ignore_ascii_case("the") {
            return None;
        }
        let (the, role) = the_role(cx, lead, false)?;
        if the.start != lead.first()?.0.start {
            return None;
        }
        self.titled(cx, role, the.start).or_else(|| self.remembered_role(role, the.start))
    }

    /// When `at` opens its sentence, the person who opens the sentence before (a few words of
    /// title may come first).
    fn previous_subject(&self, cx: &Context<'_>, at: usize) -> Option<&'m Mention> {
        let layout = &cx.layout;
        let sentence = layout.sentence_at(at)?;
        let here = &layout.sentences[sentence];
        if cx.slice(&(here.span.start..at)).contains(char::is_alphanumeric) {
            return None;
        }
        let before = &layout.sentences[sentence.checked_sub(1)?];
        let first = self.mentions[self.mentions.partition_point(|m| m.at.start < before.span.start)..]
            .iter()
            .take_while(|m| m.at.start < before.span.end)
            .find(|m| m.actor_type == ActorType::Person)?;
        let lead = cx.slice(&(before.span.start..first.at.start));
        (lead.split_whitespace().count() <= SUBJECT_LEAD_WORDS).then_some(first)
    }

    /// The person most recently named before `before` with `role` in the title an article gave
    /// them ("Judge Daniel Hovland" for "the judge", "head coach Rui Almeida" for "the coach").
    fn titled(&self, cx: &Context<'_>, role: &str, before: usize) -> Option<String> {
        let role = role.to_lowercase();
        let end = self.mentions.partition_point(|m| m.at.start < before);
        self.mentions[..end]
            .iter()
            .rev()
            .take(PRONOUN_LOOK_BACK / 10)
            .filter(|m| m.actor_type == ActorType::Person)
            .find(|m| {
                m.title.as_deref().is_some_and(|t| {
                    t.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| {
                        w == role || cx.rules.lexicon.string("role_alias", w).is_some_and(|alias| alias == role)
                    })
                })
            })
            .map(|m| m.canonical.clone())
            .or_else(|| {
                // "Finance minister Rask" read as the name alone: the role word right before it.
                self.mentions[..end]
                    .iter()
                    .rev()
                    .take(PRONOUN_LOOK_BACK / 10)
                    .filter(|m| m.actor_type == ActorType::Person && !in_quote(cx, m.at.start))
                    .find(|m| {
                        let from = m.at.start.saturating_sub(ROLE_BEFORE_BYTES);
                        let words = words_in(cx, &(from..m.at.start));
                        words.iter().rev().take(2).any(|(_, w)| *w == role)
                    })
                    .map(|m| m.canonical.clone())
            })
    }

    /// The organisation most recently named before `at`, outside quotations, within the
    /// pronoun's reach.
    fn last_org(&self, cx: &Context<'_>, at: usize) -> Option<String> {
        let end = self.mentions.partition_point(|m| m.at.start < at);
        let horizon = at.saturating_sub(PRONOUN_LOOK_BACK);
        self.mentions[..end]
            .iter()
            .rev()
            .take_while(|m| m.at.start >= horizon)
            .find(|m| {
                m.actor_type == ActorType::Org
                    && !in_quote(cx, m.at.start)
                    && !cx.rules.lexicon.contains("platform", &m.canonical)
            })
            .map(|m| m.canonical.clone())
    }

    /// The most recent person before `at` whose gender fits the pronoun (or is unknown), outside
    /// quotations and bylines; `None` when two people of that gender are named together there.
    pub fn resolve_pronoun(&self, cx: &Context<'_>, pronoun: &str, at: usize) -> Option<String> {
        let wanted = cx.rules.lexicon.string("pronoun", pronoun).and_then(|g| g.chars().next());
        let quotes = &cx.layout.quotes;
        let quoted = |m: &Mention| {
            let i = quotes.partition_point(|q| q.inner.start <= m.at.start);
            i > 0 && m.at.end <= quotes[i - 1].inner.end
        };
        let end = self.mentions.partition_point(|m| m.at.start < at);
        let horizon = at.saturating_sub(PRONOUN_LOOK_BACK);
        let mut candidates = self.mentions[..end].iter().rev().take_while(|m| m.at.start >= horizon).filter(|m| {
            m.actor_type == ActorType::Person
                && m.at.end <= at
                && m.rule != "actor.byline"
                && !quoted(m)
                && !photo_credit(cx, m)
        });
        let fits = |m: &Mention| match (wanted, self.gender.get(m.canonical.as_str())) {
            (Some(w), Some(g)) => w == *g,
            _ => true,
        };
        // "He then urged Rask to …": a person named after a pronoun that opens the sentence is
        // its object: the pronoun is someone named before, and so is this one.
        let object_of_pronoun = |m: &Mention| {
            let Some(sentence) = cx.layout.sentence_at(m.at.start) else { return false };
            let start = cx.layout.sentences[sentence].span.start;
            words_in(cx, &(start..m.at.start)).iter().take(2).any(|(_, w)| {
                let g = cx.rules.lexicon.string("pronoun", w).and_then(|g| g.chars().next());
                g.is_some() && g == wanted
            })
        };
        let chosen = candidates.find(|m| fits(m) && !object_of_pronoun(m));
        // The one speaking goes on speaking, unless someone who fits was named since — outside
        // the sentence they spoke in: in "…,” said Haaland, the son of former captain Alf-Inge,
        // who …" the father is named in passing and "he added" is still Haaland.
        let same_sentence =
            |a: usize, b: usize| cx.layout.sentence_at(a).is_some_and(|s| cx.layout.sentence_at(b) == Some(s));
        if let Some((said_at, speaker)) = self.recent_speaker(cx, wanted, at)
            && chosen
                .is_none_or(|m| m.at.start < said_at || m.canonical == speaker || same_sentence(m.at.start, said_at))
        {
            return Some(speaker);
        }
        if let Some(name) = self.previous_role_subject(cx, at)
            && chosen.is_some_and(|c| c.canonical != name)
        {
            return Some(name);
        }
        // "Prosecutor Faridz asked the judge to set bail for Syed Saddiq. He said …": a pronoun
        // opening its sentence goes on with the subject of the sentence before, not its object.
        if let Some(subject) = self.previous_subject(cx, at).filter(|m| fits(m))
            && chosen.is_some_and(|c| c.canonical != subject.canonical)
        {
            return Some(subject.canonical.clone());
        }
        let chosen = chosen?;
        let span = cx.layout.sentence_at(chosen.at.start).map(|i| cx.layout.sentences[i].span.clone());
        // "Ramkarpal Singh lashed out at the commission over the acquittal of his client Lim Guan
        // Eng. “…,” he said.": the one who opens the sentence is its subject, and the pronoun's,
        // not the one named in passing after the verb.
        let opener = span.clone().and_then(|span| {
            let first = self.mentions[self.mentions.partition_point(|m| m.at.start < span.start)..]
                .iter()
                .take_while(|m| m.at.start <= chosen.at.start)
                .find(|m| m.actor_type == ActorType::Person && m.rule != "actor.byline" && !quoted(m))?;
            let lead = cx.slice(&(span.start..first.at.start));
            (lead.split_whitespace().count() <= SUBJECT_LEAD_WORDS && fits(first)).then_some(first)
        });
        if let Some(opener) = opener
            && opener.canonical != chosen.canonical
        {
            return Some(opener.canonical.clone());
        }
        // "Rask met Berg. “…,” he said.": two men named together, either could be speaking.
        let known = |m: &Mention| wanted.is_some() && self.gender.get(m.canonical.as_str()) == wanted.as_ref();
        let known_rival = known(chosen)
            && span.clone().is_some_and(|span| {
                let from = self.mentions.partition_point(|m| m.at.start < span.start);
                self.mentions[from..]
                    .iter()
                    .take_while(|m| m.at.start < span.end)
                    .any(|m| m.actor_type == ActorType::Person && m.canonical != chosen.canonical && known(m))
            });
        if !known_rival {
            return Some(chosen.canonical.clone());
        }
        // "Jeff Zent, a spokesman for Gov. Jack Dalrymple, declined …": with a rival named in the
        // sentence, only the one who opens it is the pronoun's.
        opener.map(|o| o.canonical.clone())
    }
}

/// "THE CANADIAN PRESS/Adrian Wyld", "Hamish McNicol/FAIRFAX NZ": a name joined by a slash
/// to an agency credits a photograph; the photographer is never the one speaking.
fn photo_credit(cx: &Context<'_>, m: &Mention) -> bool {
    cx.text[..m.at.start].ends_with('/') || cx.text[m.at.end..].starts_with('/')
}

/// The gender a pronoun stands for: "m", "f", or "o" for an organisation ("it").
fn lexicon_gender<'l>(cx: &'l Context<'_>, pronoun: &str) -> Option<&'l str> {
    cx.rules.lexicon.string("pronoun", pronoun)
}

/// Whether `at` lies inside quotation marks: the words of a quote are not its speaker's.
fn in_quote(cx: &Context<'_>, at: usize) -> bool {
    let quotes = &cx.layout.quotes;
    let i = quotes.partition_point(|q| q.inner.start <= at);
    i > 0 && at < quotes[i - 1].inner.end
}

/// "the committee", "the Istanbul club", "the Halden captain": "the", up to two capitalised
/// words (or words `is_modifier` accepts: "the central bank"), then a noun `is_noun` accepts. The span runs from the first word after "the" to the
/// end of the noun.
fn the_noun<'a>(
    words: &[(Range<usize>, &'a str)],
    is_noun: impl Fn(&str) -> bool,
    is_modifier: impl Fn(&str) -> bool,
) -> Option<(Range<usize>, &'a str)> {
    words.iter().enumerate().find_map(|(i, (at, w))| {
        let named = words[..i].iter().rev().take(3).position(|(_, w)| w.eq_ignore_ascii_case("the"))?;
        let between = &words[i - named..i];
        (is_noun(w) && between.iter().all(|(_, w)| w.starts_with(char::is_uppercase) || is_modifier(w)))
            .then(|| (between.first().map_or(at.start, |(b, _)| b.start)..at.end, *w))
    })
}

/// "the judge", "the coach", "the Scottish First Minister": a role or title after "the" and
/// up to two capitalised words; the span from "the" to the role word, and the role. The last
/// such when `last`.
fn the_role<'w>(cx: &Context<'_>, words: &[(Range<usize>, &'w str)], last: bool) -> Option<(Range<usize>, &'w str)> {
    let lexicon = &cx.rules.lexicon;
    let found = |k: usize| {
        let (_, role) = &words[k];
        if !(lexicon.contains("role", role) || lexicon.contains("title", role)) {
            return None;
        }
        let the = (1..=3).filter_map(|back| k.checked_sub(back)).find(|&t| words[t].1.eq_ignore_ascii_case("the"))?;
        let modifiers = &words[the + 1..k];
        // "the Scottish First Minister", "the central bank governor".
        // "the interim coach", "the former minister".
        let modifier = |w: &str| {
            w.starts_with(char::is_uppercase)
                || lexicon.contains("institution_modifier", w)
                || lexicon.contains("institution", w)
                || lexicon.contains("title_modifier", w)
        };
        modifiers.iter().all(|(_, w)| modifier(w)).then(|| (words[the].0.start..words[k].0.end, *role))
    };
    if last { (0..words.len()).rev().find_map(found) } else { (0..words.len()).find_map(found) }
}

/// Words with their spans inside `range` (borrowed from the text: no copy per word).
pub(super) fn words_in<'a>(cx: &Context<'a>, range: &Range<usize>) -> Vec<(Range<usize>, &'a str)> {
    let text = cx.text.get(range.clone()).unwrap_or_default();
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let part_of_word = c.is_alphanumeric() || c == '-' || ((c == '’' || c == '\'') && start.is_some());
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((range.start + s..range.start + i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}
