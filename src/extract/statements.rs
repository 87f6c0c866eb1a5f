//! Reported speech: what somebody said, in the writer's words and without quotation marks —
//! "The minister said the dispute had been settled", "According to the ministry, licences are
//! valid for six months", "…, the company said." The claim's text is the reported clause alone
//! (no speaker, no verb, no "that"); its speaker is found as a quote's is.

use std::ops::Range;

use serde_json::Value;

use super::speaker::{People, Said, words_in};
use super::{Context, Mention};
use crate::claim::{Claim, ClaimKind};
use crate::rules::ActorType;

/// Fewest words a reported clause has: "prices will fall" is one, "so" is not.
const MIN_CLAUSE_WORDS: usize = 3;
/// Most words between a clause's comma and a trailing cue: ", the ministry's spokesman said."
const TRAILING_SUBJECT_WORDS: usize = 12;
/// Most words after a trailing cue that still close the sentence: ", the agency said at a news
/// conference in Geneva on Wednesday."
const TRAILING_ADJUNCT_WORDS: usize = 10;
/// Longest role between a trailing verb and its speaker ("said its chief executive officer").
const INVERTED_ROLE_WORDS: usize = 5;
/// Longest prepositional phrase after a trailing cue ("said in a note to clients on Tuesday").
const TRAILING_PHRASE_WORDS: usize = 14;
/// How far into a clause its finite verb must come after a verb that can also take an object.
const FINITE_WINDOW_WORDS: usize = 8;
/// How far after the verb "that" may come: "said in a statement on Tuesday that …".
const THAT_WINDOW_WORDS: usize = 12;

type Word<'a> = (Range<usize>, &'a str);

pub(super) fn extract(cx: &Context<'_>, people: &People<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for sentence in &cx.layout.sentences {
        let span = &sentence.span;
        if !cx.usable(span) {
            continue;
        }
        if let Some(claim) = headline_colon(cx, people, span) {
            claims.push(claim);
            continue;
        }
        if cx.headlines.get(sentence.paragraph).copied().unwrap_or(false) {
            continue;
        }
        let words = words_in(cx, span);
        let from = claims.len();
        match according_to(cx, people, span, &words) {
            Some(claim) => claims.push(claim),
            None => claims.extend(reported(cx, people, span, &words)),
        }
        for claim in &claims[from..] {
            if let Some(name) = &claim.speaker {
                people.spoke(Said::Statement, claim.at.start, name);
            }
        }
    }
    claims
}

fn is_cue(cx: &Context<'_>, words: &[Word], index: usize) -> bool {
    let word = &words[index].1;
    let lexicon = &cx.rules.lexicon;
    // A base form after a subject ("analysts expect"), or before "that" ("honest enough to
    // admit that …").
    word.starts_with(char::is_lowercase)
        && (lexicon.contains("report_verb", word)
            || (lexicon.contains("report_verb_base", word)
                && (index.checked_sub(1).is_some_and(|i| !lexicon.contains("stopword", words[i].1))
                    || words.get(index + 1).is_some_and(|(_, w)| *w == "that"))))
}

/// Most words of the name in a headline's "CLAUSE: Speaker" or "Speaker: CLAUSE".
const HEADLINE_NAME_WORDS: usize = 3;

/// A headline's way of reporting speech: "PM will decide who leads the opposition: Quader",
/// "Aune: the quotas will stay". A line with no full stop, one colon, a name on one side.
fn headline_colon(cx: &Context<'_>, people: &People<'_>, span: &Range<usize>) -> Option<Claim> {
    let paragraph = cx.layout.paragraphs.get(cx.layout.paragraph_at(span.start)?)?;
    let line = cx.slice(span).trim_end();
    if paragraph.span.end > span.end + 1
        || line.ends_with(['.', '!', '?', '”', '"', ':'])
        || line.matches(": ").count() != 1
    {
        return None;
    }
    let colon = span.start + line.find(": ")?;
    let is_name = |range: &Range<usize>| {
        let words: Vec<&str> = cx.slice(range).split_whitespace().collect();
        (1..=HEADLINE_NAME_WORDS).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    let (before, after) = (span.start..colon, colon + 2..span.start + line.len());
    let (name, clause) = if is_name(&after) {
        (after, before)
    } else if is_name(&before) {
        (before, after)
    } else {
        return None;
    };
    let speaker = people.named(cx, &name)?;
    statement(cx, clause, Some(speaker), ":")
}

/// "According to X, CLAUSE." / "CLAUSE, according to X."
fn according_to(cx: &Context<'_>, people: &People<'_>, span: &Range<usize>, words: &[Word]) -> Option<Claim> {
    let i = words.windows(2).position(|w| w[0].1.eq_ignore_ascii_case("according") && w[1].1 == "to")?;
    if cx.layout.quoted_passage_at(words[i].0.start).is_some() {
        return None;
    }
    let source_start = words[i + 1].0.end;
    if i == 0 {
        // The source runs to the first comma; the clause is the rest.
        let comma = cx.slice(&(source_start..span.end)).find(',')? + source_start;
        let speaker = people.name_in(cx, &(source_start..comma), true).flatten();
        return statement(cx, comma + 1..span.end, speaker, "according to");
    }
    let before = cx.slice(&(span.start..words[i].0.start)).trim_end();
    if !before.ends_with(',') {
        return None;
    }
    let speaker = people.name_in(cx, &(source_start..span.end), false).flatten();
    statement(cx, span.start..span.start + before.len() - 1, speaker, "according to")
}

/// "X said (that) CLAUSE" / "CLAUSE, X said." / "CLAUSE, said X."
/// A sentence may report several: each cue after the last clause found starts a new one.
fn reported(cx: &Context<'_>, people: &People<'_>, span: &Range<usize>, words: &[Word]) -> Vec<Claim> {
    let lexicon = &cx.rules.lexicon;
    let mut found: Vec<Claim> = Vec::new();
    for (index, (at, verb)) in words.iter().enumerate() {
        let from = found.last().map_or(span.start, |c| c.at.end);
        if at.start < from
            || !is_cue(cx, words, index)
            || not_reporting(cx, words, index)
            || cx.layout.quoted_passage_at(at.start).is_some()
            || attributes_quote(cx, span.start, at.start)
        {
            continue;
        }
        let span = &(from..span.end);
        let before = cx.slice(&(span.start..at.start));
        let trimmed = before.trim_end();
        // "CLAUSE, X said." — the cue and its subject close the sentence; the subject may hold
        // an appositive of its own (", the bank's economist, Ola Brandt, said").
        let rest = &words[index + 1..];
        // "…, said Tom Reyes, head of ports research at …": the speaker after the verb.
        // The name must close the clause: "said Ma." / "said Ma, who …", not "saying Gomes'
        // government needed …".
        let starts_mention =
            |a: &Range<usize>| name_at(cx, people, a.start, span.end).is_some_and(|(_, next)| closes_clause(next));
        // "…, said its chief executive officer Tan Mei Ling on Thursday": a role of a few
        // words may stand between the verb and the name.
        let role_word = |w: &str| {
            matches!(w, "its" | "his" | "her" | "their" | "the")
                || lexicon.contains("title", w)
                || lexicon.contains("role", w)
                || lexicon.contains("title_modifier", w)
                || (w.starts_with(char::is_lowercase) && lexicon.contains_lower("title", w))
        };
        let inverted = rest.first().is_some_and(|(a, _)| starts_mention(a))
            || rest.iter().take(INVERTED_ROLE_WORDS).position(|(a, w)| !role_word(w) && starts_mention(a)).is_some_and(
                |k| k > 0 && rest[..k].iter().all(|(_, w)| role_word(w) || lexicon.contains("portfolio", w)),
            );
        // "…, said the chief executive."
        let said_the_role = rest.len() <= 4
            && rest.first().is_some_and(|(_, w)| *w == "the")
            && rest.iter().skip(1).all(|(_, w)| lexicon.contains("role", w) || lexicon.contains("title", w));
        let subject_from = index.saturating_sub(TRAILING_SUBJECT_WORDS);
        let earliest = words.get(subject_from).map_or(span.start, |(a, _)| a.start).saturating_sub(span.start);
        let comma =
            trimmed.char_indices().filter(|&(i, c)| i >= earliest && matches!(c, ',' | '—')).map(|(i, _)| i).next();
        // "…, store expansion, and new acquisitions, it added.": a pronoun subject is the whole
        // subject, so its own comma ends the clause, not an earlier one inside it.
        let pronoun_subject = trimmed.rfind([',', '—']).filter(|&c| {
            let subject = trimmed[c..].trim_start_matches([',', '—']).trim();
            let mut words = subject.split_whitespace();
            words.next().is_some_and(|w| lexicon.contains("pronoun", w))
                && words.all(|w| lexicon.contains("speech_adverb", w))
        });
        let comma = pronoun_subject.or(comma);
        // "…, AIB said in its latest interim report.": a phrase after the verb that opens with
        // a preposition and holds no "that" and no verb of its own is no clause — when a subject
        // of its own stands between comma and verb: not "The deal, agreed in Lisbon", "…, which
        // it announced on Tuesday", "…, and the court ruled on the 3rd", "expect at least".
        let own_subject = |c: usize| {
            let first = before[c + 1..].split_whitespace().next().map(crate::text::bare_word);
            first.is_some_and(|w| !matches!(w, "and" | "but" | "or" | "which" | "who" | "that" | "while" | "as"))
        };
        let prepositional = rest.len() <= TRAILING_PHRASE_WORDS
            && rest
                .first()
                .is_some_and(|(_, w)| matches!(*w, "in" | "on" | "at" | "during" | "after" | "via" | "through"))
            && rest.get(1).is_none_or(|(_, w)| *w != "least")
            && !rest.iter().any(|(_, w)| *w == "that" || lexicon.contains("finite_marker", w))
            && comma.is_some_and(own_subject);
        let closes = inverted
            || said_the_role
            || prepositional
            || (rest.len() <= TRAILING_ADJUNCT_WORDS
                && rest.iter().all(|(_, w)| {
                    lexicon.contains("report_adjunct", w)
                        || w.starts_with(char::is_uppercase)
                        || w.chars().all(|c| c.is_ascii_digit())
                }));
        if closes && let Some(comma) = comma {
            let subject = span.start + comma + 1..at.start;
            if !before[..comma].trim_end().ends_with(['”', '"', '’']) {
                // "…, said Ma." puts the speaker after the verb.
                let speaker = people
                    .name_in(cx, &subject, true)
                    .or_else(|| people.name_in(cx, &(at.end..span.end), false))
                    .flatten();
                let clause = span.start..span.start + comma;
                found.extend(statement(cx, clause, speaker, verb));
                continue;
            }
        }
        // "The levy, agreed in Tema on Tuesday, links …": a participle after a comma, then a
        // preposition, describes the noun before it and reports nothing.
        if trimmed.ends_with(',')
            && rest.first().is_some_and(|(_, w)| matches!(*w, "in" | "on" | "at" | "by" | "during" | "after"))
        {
            continue;
        }
        // "X said (that) CLAUSE": the subject ends right at the verb (an adverb or auxiliary
        // may stand between: "X also said", "X has said").
        let mut clause_start = at.end;
        let mut next = index + 1;
        if lexicon.contains("listener_verb", verb) {
            // "told reporters (on Tuesday) that …", "told reporters he expects …": skip the listener.
            match words[next..].iter().take(THAT_WINDOW_WORDS).position(|(_, w)| *w == "that") {
                Some(that) => next += that,
                None => {
                    let listener = words[next..]
                        .iter()
                        .take(3)
                        .take_while(|(_, w)| {
                            (lexicon.contains("report_adjunct", w) && !lexicon.contains("stopword", w))
                                || w.starts_with(char::is_uppercase)
                        })
                        .count();
                    // The clause must open like one: "told reporters he expects …", not "told
                    // reporters outside the gates."
                    let opens = words.get(next + listener).is_some_and(|(_, w)| {
                        lexicon.contains("clause_opener", w)
                            || (w.starts_with(char::is_uppercase) && !lexicon.contains("stopword", w))
                    });
                    if listener == 0 || !opens {
                        continue;
                    }
                    next += listener;
                    clause_start = words[next].0.start;
                }
            }
        }
        let mut that_clause = false;
        if let Some(that) = words[next..].iter().take(THAT_WINDOW_WORDS).position(|(_, w)| *w == "that") {
            let between = &words[next..next + that];
            // "noted during the company's call with analysts that …": after a verb that can take
            // an object, "that" within reach opens the clause whatever stands between.
            let unbroken = between.last().is_none_or(|(last, _)| !cx.slice(&(at.end..last.end)).contains(','));
            if (lexicon.contains("object_verb", verb) && unbroken)
                || between.iter().all(|(_, w)| {
                    lexicon.contains("report_adjunct", w)
                        || w.starts_with(char::is_uppercase)
                        || w.chars().all(|c| c.is_ascii_digit())
                })
            {
                clause_start = words[next + that].0.end;
                that_clause = true;
            }
        } else if let Some((w_at, w)) = words.get(next)
            && lexicon.contains("report_adjunct_start", w)
            && !lexicon.contains("listener_verb", verb)
        {
            // "said on Tuesday the talks …" — an adjunct of a word or two, then the clause.
            let skip = 1 + words[next + 1..]
                .iter()
                .take(3)
                .take_while(|(_, w)| lexicon.contains("report_adjunct", w) || w.starts_with(char::is_uppercase))
                .count();
            // A preposition alone is the clause's own ("expect at least one more …").
            if skip > 1 {
                clause_start = words.get(next + skip).map_or(w_at.end, |(a, _)| a.start);
            }
        }
        let after = cx.slice(&(clause_start..span.end)).trim_start();
        if after.starts_with(['“', '"', '‘', ':', ',', '.']) {
            continue;
        }
        // "Twitter reported robust earnings", "announced the decision": a verb that also takes
        // a thing as its object reports a clause only with "that" or a finite verb early on
        // ("confirmed the move had been finalised").
        if !that_clause
            && lexicon.contains("object_verb", verb)
            && !{
                let clause: Vec<&str> =
                    after.split_whitespace().take(FINITE_WINDOW_WORDS).map(crate::text::bare_word).collect();
                // A past tense after its subject ("he intended", "revenue climbed"), not a second
                // verb of the writer's sentence ("reported a rise and announced …").
                clause.iter().enumerate().any(|(i, w)| {
                    lexicon.contains("finite_marker", w)
                        || (i > 0
                            && w.len() > 4
                            && w.ends_with("ed")
                            && !matches!(clause[i - 1], "and" | "or" | "but" | "then"))
                })
            }
        {
            continue;
        }
        // "said Dr. Neil Ashby of Harcourt Securities": the speaker after the verb, no clause.
        let clause_at = span.end - after.len();
        let first_words: Vec<&Word> = words.iter().skip_while(|(a, _)| a.start < clause_at).take(2).collect();
        let speaker_after = |a: &Range<usize>| {
            name_at(cx, people, a.start, span.end).is_some_and(|(m, next)| {
                m.actor_type == ActorType::Person
                    && (closes_clause(next) || ["of ", "at ", "from "].iter().any(|p| next.starts_with(p)))
            })
        };
        if first_words.iter().any(|(a, _)| speaker_after(a))
            && first_words.first().is_some_and(|(_, w)| w.starts_with(char::is_uppercase))
        {
            continue;
        }
        let subject = span.start..at.start;
        let Some((speaker, relative)) = subject_speaker(cx, people, &subject, words, index) else { continue };
        let clause_start = span.end - after.len();
        // "The union, which said it represented 3,200 workers, rejected …": the relative
        // clause ends at its comma.
        let clause_end = if relative { after.find(", ").map_or(span.end, |c| clause_start + c) } else { span.end };
        let clause_end = next_report(cx, words, clause_start, clause_end).unwrap_or(clause_end);
        found.extend(statement(cx, clause_start..clause_end, speaker, verb));
    }
    found
}

/// "X said the strike was unfortunate, noting that …": where a second report of the same
/// speaker opens inside the clause (a participle after a comma or "and"), the first ends.
fn next_report(cx: &Context<'_>, words: &[Word], from: usize, to: usize) -> Option<usize> {
    let lexicon = &cx.rules.lexicon;
    let start = words.partition_point(|(a, _)| a.start < from);
    words[start..].iter().enumerate().skip(1).find_map(|(k, (at, w))| {
        if at.start >= to || !lexicon.contains("participle_cue", w) || !lexicon.contains("report_verb", w) {
            return None;
        }
        let (prev, _) = &words[start + k - 1];
        let gap = cx.slice(&(prev.end..at.start));
        if gap.contains(',') {
            return Some(prev.end);
        }
        (words[start + k - 1].1 == "and" && cx.slice(&(words[start + k - 2].0.end..prev.start)).contains(','))
            .then(|| words[start + k - 2].0.end)
            .or_else(|| (words[start + k - 1].1 == "and").then_some(prev.start))
    })
}

/// "“…,” Duarte said in a video released by the club": the cue credits the quotation that
/// closes just before it (in the same sentence, a short subject between), and reports nothing.
fn attributes_quote(cx: &Context<'_>, sentence_start: usize, cue: usize) -> bool {
    let quotes = &cx.layout.quotes;
    let i = quotes.partition_point(|q| q.open_mark.start < cue);
    let Some(close) = i.checked_sub(1).and_then(|i| quotes[i].close_mark.as_ref()) else { return false };
    // "“…,” X said": the quotation hands over to its attribution with a comma (or ? !), where
    // "“within days” and said …" goes on with the writer's sentence.
    if close.end < sentence_start || close.end > cue || !cx.slice(&(0..close.start)).ends_with([',', '?', '!']) {
        return false;
    }
    let between = cx.slice(&(close.end..cue));
    // "“…,” he said, adding that …": a cue after the quote's own goes on to report.
    let earlier_cue = words_in(cx, &(close.end..cue))
        .iter()
        .any(|(_, w)| w.starts_with(char::is_lowercase) && cx.rules.lexicon.contains("speech_verb", w));
    !earlier_cue && !between.contains(['.', ';', ':']) && between.split_whitespace().count() <= TRAILING_SUBJECT_WORDS
}

/// The actor named at `at`, and the words after the name up to `end`: in "…, said Ma, who
/// runs …" the name Ma and ", who runs …".
fn name_at<'c, 'm>(cx: &'c Context<'_>, people: &People<'m>, at: usize, end: usize) -> Option<(&'m Mention, &'c str)> {
    let m = people.starting_at(at)?;
    Some((m, cx.slice(&(m.at.end..end)).trim_start()))
}

/// A name closes its clause when the sentence ends or a comma or semicolon follows it, or only
/// a day before the full stop ("said Ma on Thursday (Aug 7).").
fn closes_clause(next: &str) -> bool {
    next.chars().next().is_none_or(|c| matches!(c, ',' | '.' | ';'))
        || next
            .strip_prefix("on ")
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(day, _)| day.starts_with(char::is_uppercase) && day.split_whitespace().count() <= 3)
}

/// Who the subject just before the verb names, and whether it is a relative "who"/"which";
/// `None` when no subject ends at the verb ("the deal, which was said …" is not reported speech).
fn subject_speaker(
    cx: &Context<'_>,
    people: &People<'_>,
    subject: &Range<usize>,
    words: &[Word],
    verb: usize,
) -> Option<(Option<String>, bool)> {
    let lexicon = &cx.rules.lexicon;
    let mut first = verb;
    while first > 0 && lexicon.contains("speech_adverb", words[first - 1].1) {
        first -= 1;
    }
    // "He urged the authority to act, saying it should …", "…, and adding that …": a
    // participle after a comma or "and" has the sentence's subject, as for quotes (also when
    // the clause before is a statement of its own).
    let before = first.checked_sub(1).map(|i| &words[i])?;
    if lexicon.contains("participle_cue", words[verb].1)
        && (before.1 == "and" || cx.slice(&(before.0.end..words[verb].0.start)).contains(','))
    {
        return Some((people.participle_subject(cx, words[verb].0.start).flatten(), false));
    }
    let head = Some(before).filter(|h| h.0.start >= subject.start)?;
    // "Grotzinger hinted at something but said …", "was honest enough to admit that …": the
    // subject of the first verb speaks.
    if matches!(head.1, "and" | "but" | "to") {
        return Some((people.name_in(cx, &(subject.start..head.0.start), false).flatten(), false));
    }
    // "Ma, who runs a shipping firm, said …" / "the union, which said …": the antecedent speaks.
    if matches!(head.1, "who" | "which") {
        let antecedent = cx.slice(&(subject.start..head.0.start)).trim_end();
        if !antecedent.ends_with(',') {
            return None;
        }
        let end = subject.start + antecedent.len() - 1;
        let from = cx.slice(&(subject.start..end)).rfind(',').map_or(subject.start, |c| subject.start + c + 1);
        return Some((people.name_in(cx, &(from..end), true).flatten(), true));
    }
    // The word before the verb must close a subject: a name, a noun, a pronoun.
    // "It said it knew of no deaths" ("it" the company), not "If it says OFF, …".
    let org_pronoun = lexicon.string("pronoun", head.1) == Some("o");
    let opens_subject = || {
        let lead = cx.slice(&(subject.start..head.0.start)).trim_end();
        lead.is_empty() || lead.ends_with(',')
    };
    if lexicon.contains("stopword", head.1)
        && (!lexicon.contains("pronoun", head.1) || (org_pronoun && !opens_subject()))
    {
        return None;
    }
    // The subject is the stretch since the last clause boundary before the verb.
    if head.0.start < subject.start {
        return None;
    }
    // A bracket closed before the verb is an aside inside the subject: "The Department of
    // Health (DOH) said".
    let stretch = cx.slice(&(subject.start..head.0.end));
    let open_bracket = stretch.rfind('(').filter(|&b| !stretch[b..].contains(')'));
    let boundary = stretch.rfind([';', ':']).max(open_bracket).map_or(subject.start, |b| subject.start + b + 1);
    Some((people.name_in(cx, &(boundary..subject.end), true).flatten(), false))
}

/// "is said to be", "so-called", "the said agreement", "said on Tuesday." with nothing reported.
fn not_reporting(cx: &Context<'_>, words: &[Word], index: usize) -> bool {
    let prev = index.checked_sub(1).map(|i| words[i].1.to_lowercase());
    let next = words.get(index + 1).map(|(_, w)| *w);
    matches!(
        prev.as_deref(),
        Some("is" | "are" | "was" | "were" | "be" | "been" | "being" | "the" | "so" | "aforementioned")
    ) || (next == Some("to") && cx.rules.lexicon.contains("report_verb", words[index].1))
        || words[index].1.contains('-')
}

fn statement(cx: &Context<'_>, clause: Range<usize>, speaker: Option<String>, cue: &str) -> Option<Claim> {
    let raw = cx.slice(&clause);
    let kept = raw
        .trim_start_matches([' ', ',', '\n'])
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    // "BHUBANESWAR: the mission …": a dateline opening the sentence is not the speaker's.
    let dateline = kept.split_once(": ").filter(|(place, _)| {
        !place.is_empty() && place.split_whitespace().count() <= 3 && !place.contains(char::is_lowercase)
    });
    let kept = dateline.map_or(kept, |(_, rest)| rest);
    let lead = raw.len() - raw.trim_start_matches([' ', ',', '\n']).len() + dateline.map_or(0, |(p, _)| p.len() + 2);
    if kept.split_whitespace().count() < MIN_CLAUSE_WORDS || kept.starts_with(['“', '"', '‘']) {
        return None;
    }
    // A quotation that ends its sentence ends the clause: "the figures were “alarming.” Then …".
    let kept = [".” ", ".\" ", "!” ", "?” ", ".’ "]
        .iter()
        .filter_map(|end| kept.find(end).map(|i| i + end.len() - 1))
        .min()
        .map_or(kept, |cut| &kept[..cut]);
    let at = clause.start + lead..clause.start + lead + kept.len();
    let mut claim = Claim::new(
        ClaimKind::Statement,
        "statement.reported",
        cx.text,
        at,
        Value::String(super::collapse_whitespace(kept)),
    );
    claim.speaker = speaker.clone();
    claim.actor = speaker;
    claim.detail.speech_cue = Some(cue.to_lowercase());
    Some(claim)
}
