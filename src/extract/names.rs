//! Names the gazetteer has never seen, on any beat: runs of capitalised words ("Luka Brandt",
//! "BioNTech", "Jean-Paul de la Cruz", "Harlow Drones") kept when a cue says what they are — a
//! given name first, a title or role before, an organisation head or tail inside, a speech verb
//! beside, "at/of/from" after a role. One pass over each paragraph's words; every word list is
//! data in `rules/` (`given_name`, `common_word`, `name_particle`, `org_head`, `role`, …).

use std::collections::HashSet;
use std::ops::Range;

use super::{Context, Mention};
use crate::rules::ActorType;

/// A word of the text with the facts the name finder asks of it.
pub(super) struct Word<'a> {
    at: Range<usize>,
    text: &'a str,
    /// Only spaces since the previous word (a comma, quote mark or bracket breaks a name).
    joined: bool,
    /// First word of its sentence, or first after an opening quote or bracket.
    opens_sentence: bool,
    /// Ended by a possessive ("Brandt’s") or a full stop: the name stops here.
    possessive: bool,
}

/// Byline credits: "By Jane Doe, Staff Writer" / "By A, B and C".
const BYLINE_RULE: &str = "actor.byline";

pub(super) fn find(cx: &Context<'_>, known: &[Mention]) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    // A candidate and whether a list it stands in names a person.
    let mut candidates: Vec<(Mention, bool)> = Vec::new();
    for (index, paragraph) in cx.layout.paragraphs.iter().enumerate() {
        let words = cx.words.get(index).map_or(&[][..], Vec::as_slice);
        if words.first().is_some_and(|w| w.text == "By") {
            bylines(cx, words, 1, &mut found);
            continue;
        }
        if index > 0 && index < CREDIT_LINE_PARAGRAPHS && is_credit_line(cx, words, &paragraph.span) {
            bylines(cx, words, 0, &mut found);
            continue;
        }
        if paragraph.boilerplate {
            continue;
        }
        let headline = cx.headlines.get(index).copied().unwrap_or(false);
        let mut list = NameList::default();
        let mut i = 0;
        while i < words.len() {
            if byline_inside(cx, words, i) {
                list.close(&mut candidates);
                i = bylines(cx, words, i + 1, &mut found).max(i + 1);
                continue;
            }
            let Some(mut end) = run_end(cx, words, i) else {
                i += 1;
                continue;
            };
            // "Irene Nattel of RBC Capital": a person, then where she works.
            // "Royal College of Nursing" is one organisation, though "Royal" is a given name.
            if cx.rules.lexicon.string("given_name", words[i].text).is_some()
                && let Some(k) = (i + 2..end).find(|&k| matches!(words[k].text, "of" | "at" | "from"))
                && !words[i..k].iter().any(|w| is_org_word(cx, w.text))
            {
                end = k;
            }
            // "Ayoze Pérez and James Justin" are two people; "Procter & Gamble Co" is one company.
            // "Blue & White": an ampersand joins the words of one name, never two people.
            let org = words[i..end].iter().any(|w| is_org_word(cx, w.text) || w.text == "&");
            if !org
                && let Some(k) =
                    (i + 1..end).find(|&k| cx.rules.lexicon.contains_lower("name_particle_org", words[k].text))
            {
                end = k;
            }
            if !list.continues(cx, words, i) {
                list.close(&mut candidates);
            }
            match classify(cx, words, i, end, headline, known, &found) {
                Some(Run::Name(mention)) => {
                    list.add(end, mention.actor_type == ActorType::Person, None);
                    found.push(mention);
                }
                Some(Run::Candidate(mention)) => {
                    list.add(end, false, Some(candidates.len()));
                    candidates.push((mention, false));
                }
                None => list.add(end, false, None),
            }
            i = end.max(i + 1);
        }
        list.close(&mut candidates);
    }
    // "signing of Youri Tielemans" has no cue of its own, but "Tielemans said" elsewhere does.
    let confirmed: HashSet<&str> =
        found.iter().filter(|m| m.actor_type == ActorType::Person).map(|m| m.canonical.as_str()).collect();
    let promoted: Vec<Mention> = candidates
        .into_iter()
        .filter(|(c, listed)| *listed || c.canonical.rsplit(' ').next().is_some_and(|last| confirmed.contains(last)))
        .map(|(c, _)| c)
        .collect();
    found.extend(promoted);
    found
}

/// Runs joined by commas and "and" into one list: "Panashe Mutimbanyoka, Walter Musona and
/// Tymon Machope". When one of them is a person by its own cue, so are the names beside it
/// that had none.
#[derive(Default)]
struct NameList {
    /// Word index where the last run of the list ended.
    end: Option<usize>,
    has_person: bool,
    /// Positions in the candidate list of runs with no cue of their own.
    members: Vec<usize>,
}

impl NameList {
    /// Whether the run starting at word `i` follows the list's last run after only ", ", " and "
    /// or ", and ".
    fn continues(&self, cx: &Context<'_>, words: &[Word<'_>], i: usize) -> bool {
        let Some(end) = self.end else { return false };
        let (Some(prev), Some(next)) = (end.checked_sub(1).and_then(|k| words.get(k)), words.get(i)) else {
            return false;
        };
        prev.at.end <= next.at.start
            && matches!(cx.slice(&(prev.at.end..next.at.start)).trim(), "," | "and" | ", and" | "&")
    }

    fn add(&mut self, end: usize, person: bool, candidate: Option<usize>) {
        self.end = Some(end);
        self.has_person |= person;
        self.members.extend(candidate);
    }

    /// Ends the list; its candidates are people if a person was among them.
    fn close(&mut self, candidates: &mut [(Mention, bool)]) {
        if self.has_person {
            for &k in &self.members {
                if let Some(candidate) = candidates.get_mut(k) {
                    candidate.1 = true;
                }
            }
        }
        *self = NameList::default();
    }
}

/// "Lena Park" is a person though "Park" can close a place's name; "King Power Stadium" is not.
fn given_first(cx: &Context<'_>, run: &[Word<'_>]) -> bool {
    run.len() >= 2
        && cx.rules.lexicon.string("given_name", run[0].text).is_some()
        && !run.iter().any(|w| cx.rules.lexicon.contains("place_word", w.text))
}

fn is_org_word(cx: &Context<'_>, word: &str) -> bool {
    cx.rules.lexicon.contains("org_head", word) || cx.rules.lexicon.contains("org_tail", word)
}

/// What a run of capitalised words turned out to be.
enum Run {
    Name(Mention),
    /// Two or three name-like words with no cue: a person if the article confirms the surname.
    Candidate(Mention),
}

/// The words of one paragraph, with their joins and sentence openings.
fn words<'a>(cx: &Context<'a>, paragraph: usize, span: &Range<usize>) -> Vec<Word<'a>> {
    let text = cx.text;
    let mut out: Vec<Word<'a>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_start = span.start;
    // The sentence of the word before: a word in another sentence opens its own.
    let mut last_sentence: Option<usize> = None;
    let body = cx.slice(span);
    for (offset, c) in body.char_indices().chain(std::iter::once((body.len(), ' '))) {
        let at = span.start + offset;
        // A lone "&" is a word of its own: "Blue & White" is one name.
        let lone_ampersand = c == '&' && start.is_none() && body[offset + 1..].starts_with(' ');
        let inside =
            c.is_alphanumeric() || lone_ampersand || (start.is_some() && matches!(c, '-' | '’' | '\'' | '.' | '&'));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                start = None;
                let raw = &text[s..at];
                let (mut word, mut possessive) = trim_word(raw);
                // "Gov. Jack Dalrymple": an abbreviation keeps its full stop; any other full stop
                // ("Rights. Bebe") ends the name.
                if raw.ends_with('.') && !word.ends_with('.') && cx.rules.lexicon.contains("abbreviation", word) {
                    word = &raw[..word.len() + 1];
                }
                possessive |= raw.ends_with('.') && !word.ends_with('.');
                if word.is_empty() {
                    gap_start = at;
                    continue;
                }
                let gap = &text[gap_start..s];
                let sentence = cx.layout.sentence_at(s).filter(|&i| cx.layout.sentences[i].paragraph == paragraph);
                let opens_sentence = out.last().is_none()
                    || gap.contains(['“', '"', '‘', '(', ':', '—', '–', '[', '|'])
                    || (sentence.is_some() && sentence != last_sentence);
                last_sentence = sentence;
                out.push(Word {
                    at: s..s + word.len(),
                    text: word,
                    joined: out.last().is_some_and(|prev: &Word<'_>| !prev.possessive)
                        && gap.chars().all(|c| c == ' ' || c == '\u{a0}'),
                    opens_sentence,
                    possessive,
                });
                gap_start = s + raw.len();
            }
            _ => {}
        }
    }
    out
}

/// A word without trailing punctuation; `true` when it ended in a possessive "’s".
fn trim_word(raw: &str) -> (&str, bool) {
    for suffix in ["’s", "'s"] {
        if let Some(stem) = raw.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    if raw == "&" {
        return (raw, false);
    }
    let trimmed = raw.trim_end_matches(['-', '’', '\'', '&']);
    // "J." and "U.S." keep their full stop; a sentence's last word does not.
    let initials = trimmed.len() >= 2
        && trimmed.ends_with('.')
        && trimmed
            .split('.')
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1 && p.starts_with(char::is_uppercase));
    if initials { (trimmed, false) } else { (trimmed.trim_end_matches('.'), false) }
}

/// Capitalised and shaped like part of a name: "Brandt", "McCabe", "J.", "U.S.", "NATO", "BioNTech".
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    first.is_uppercase()
        && (word.chars().any(char::is_lowercase) || word.len() <= 8)
        && !word.contains(|c: char| c.is_ascii_digit())
}

/// "J.", "D.Y.": capital letters each followed by a full stop.
fn is_initials(word: &str) -> bool {
    word.ends_with('.')
        && word.split('.').filter(|p| !p.is_empty()).all(|p| p.len() == 1 && p.starts_with(char::is_uppercase))
}

pub(super) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// "BioNTech", "PayPal", "OpenAI": a capital after a small letter inside one word.
fn is_camel_case(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.windows(2).skip(1).any(|w| w[0].is_lowercase() && w[1].is_uppercase())
        && !word.starts_with("Mc")
        && !word.starts_with("Mac")
}

/// Where the run of name words starting at `i` ends (exclusive), or `None` if `i` opens none.
/// Particles ("de", "van", "bin", "of", "&") stay inside a run when a name word follows.
fn run_end(cx: &Context<'_>, words: &[Word<'_>], i: usize) -> Option<usize> {
    if !words.get(i).is_some_and(|w| name_like(w.text)) {
        return None;
    }
    let mut end = i + 1;
    while end < words.len() && !words[end - 1].possessive && words[end].joined {
        if name_like(words[end].text) {
            end += 1;
        } else if cx.rules.lexicon.contains_lower("name_particle", words[end].text)
            && words.get(end + 1).is_some_and(|next| next.joined && name_like(next.text))
        {
            end += 2;
        } else {
            break;
        }
    }
    Some(end)
}

/// Every paragraph's words, split once per document.
pub(super) fn paragraph_words<'a>(cx: &Context<'a>) -> Vec<Vec<Word<'a>>> {
    cx.layout.paragraphs.iter().enumerate().map(|(i, p)| words(cx, i, &p.span)).collect()
}

/// Which paragraphs are title-case headlines, worked out once per document.
pub(super) fn headlines(cx: &Context<'_>) -> Vec<bool> {
    cx.layout.paragraphs.iter().zip(&cx.words).map(|(p, words)| is_headline(cx, words, &p.span)).collect()
}

/// A title-case line of several words and no full stop: a headline, where capitals say nothing.
fn is_headline(cx: &Context<'_>, words: &[Word<'_>], span: &Range<usize>) -> bool {
    let capitalised = words.iter().filter(|w| w.text.starts_with(char::is_uppercase)).count();
    let lower = words
        .iter()
        .filter(|w| w.text.starts_with(char::is_lowercase) && !cx.rules.lexicon.contains_lower("stopword", w.text))
        .count();
    words.len() >= 4 && capitalised >= words.len() * 2 / 3 && lower == 0 && !cx.slice(span).trim_end().ends_with('.')
}

/// What the run `words[start..end]` names, if a cue says.
fn classify(
    cx: &Context<'_>,
    words: &[Word<'_>],
    start: usize,
    end: usize,
    headline: bool,
    known: &[Mention],
    found: &[Mention],
) -> Option<Run> {
    let lexicon = &cx.rules.lexicon;
    let mut first = start;
    let mut last = end;
    // Leading words that are not part of the name: sentence openers, titles, "The", months.
    let mut title_words = 0;
    // Portfolio words ("Economic", "Health") stripped since the last other title word: a title
    // only if an office follows ("Health Minister"), else part of the name ("Economic Freedom
    // Fighters").
    let mut portfolio_run = 0;
    // "Jamaican Shericka Jackson": a nationality before a full name says a person.
    let mut demonym_before = false;
    while first < last {
        let w = words[first].text;
        let lower = w.to_lowercase();
        let opener = words[first].opens_sentence || headline || first > start;
        // "President-elect", "Premier-elect": the title of one about to take office.
        let office = lower.strip_suffix("-elect").unwrap_or(&lower);
        // "former Commissioners Tereso Javier, Narciso Nario and …": a plural title before a list.
        let plural_title =
            first + 2 < last && office.strip_suffix('s').is_some_and(|one| lexicon.contains_lower("title", one));
        // "Lawyer M. Karimu told the court": a role opening the sentence is a title too.
        if lexicon.contains_lower("title", office)
            || plural_title
            || (words[first].opens_sentence && first + 1 < last && lexicon.contains_lower("role", &lower))
            || lexicon.contains_lower("portfolio", &lower)
            || lexicon.contains_lower("title_modifier", &lower)
        {
            title_words += 1;
            let portfolio_only =
                lexicon.contains_lower("portfolio", &lower) && !lexicon.contains_lower("title", office);
            portfolio_run = if portfolio_only { portfolio_run + 1 } else { 0 };
        } else if !(lexicon.contains_lower("not_name", &lower)
            || (opener && lexicon.contains_lower("common_word", &lower))
            || lexicon.contains_lower("month", &lower)
            || lexicon.contains_lower("weekday", &lower)
            || lexicon.contains_lower("demonym", &lower))
        {
            break;
        } else {
            demonym_before = lexicon.contains_lower("demonym", &lower);
        }
        first += 1;
    }
    first -= portfolio_run;
    title_words -= portfolio_run;
    // "House Majority Whip Tom Emmer", "Keeper Tomas Vidal": capitalised words the lexicon does
    // not know, before a given name and a family name, are the person's title.
    let given_name = |w: &Word<'_>| lexicon.string("given_name", w.text).is_some();
    if first < last
        && !given_name(&words[first])
        && let Some(k) = (first + 1..last).find(|&k| given_name(&words[k]) && (2..=3).contains(&(last - k)))
        && !words[first..last].iter().any(|w| is_org_word(cx, w.text) || lexicon.contains("place_word", w.text))
        && words[k..last].iter().all(|w| w.text.contains(char::is_lowercase))
        // "Shairul Kabir Khan", "Phang Li Koon": three words ending in a family name, or opening
        // with one, are the whole name.
        && !(last - first == 3 && lexicon.contains("family_name", words[last - 1].text))
        && !lexicon.contains("family_name_first", words[first].text)
    {
        title_words += k - first;
        first = k;
    }
    // "U.S. District Judge Daniel Hovland", "North Dakota Gov. Jack Dalrymple": everything up to
    // the last title word is the title.
    let is_title = |w: &Word<'_>| lexicon.contains("title", w.text) && w.text.starts_with(char::is_uppercase);
    // "Castle Lager Premier Soccer League" is a league, though "Premier" is a title.
    if let Some(k) = (first..last).rev().find(|&k| is_title(&words[k]))
        && k + 1 < last
        && last - (k + 1) <= 3
        && !words[k + 1..last].iter().any(|w| is_org_word(cx, w.text))
    {
        title_words += k + 1 - first;
        first = k + 1;
    }
    // "Jun" closes "Ma Jun" unless a day follows ("Jun 5").
    let month_after = |k: usize| {
        lexicon.contains("month", words[k].text)
            && (words[k].text.len() > 3
                || words.get(k + 1).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit())))
    };
    while last > first
        && (lexicon.contains("weekday", words[last - 1].text)
            || month_after(last - 1)
            || (last - first > 2 && lexicon.contains("post_nominal", words[last - 1].text))
            // "Jane Roe Credit: …": a photo credit's label after the photographer's name.
            || (last - first > 2 && given_name(&words[first]) && lexicon.contains("credit_word", words[last - 1].text)))
    {
        last -= 1;
    }
    // "Road Transport and Bridges Minister": a run that ends in a title is an office, not a name.
    if first >= last || is_title(&words[last - 1]) {
        return None;
    }
    // "Mr.Hichilema": a title glued to the name by a missing space.
    let glued = words[first]
        .text
        .split_once('.')
        .filter(|(head, tail)| tail.starts_with(char::is_uppercase) && lexicon.contains("title", head))
        .map_or(0, |(head, _)| head.len() + 1);
    let at = words[first].at.start + glued..words[last - 1].at.end;
    let run = &words[first..last];
    // "Manchester United": a club named after a city is the club; the place inside gives way
    // (actors.rs drops it).
    // "Bank Negara Malaysia", "Bank Indonesia": so is an organisation that opens with its head.
    // "San Francisco Giants", "Pittsburgh Pirates": a place and a capitalised plural is a team.
    let last_word = run[run.len() - 1].text;
    let team = !headline
        && run.len() >= 2
        && last_word.len() > 3
        && last_word.ends_with('s')
        && !last_word.ends_with("ss")
        && last_word.contains(char::is_lowercase)
        && !["place_word", "common_word", "demonym", "family_name"].iter().any(|l| lexicon.contains(l, last_word))
        && super::actors::overlapping(known, &at).any(|m| {
            m.actor_type == ActorType::Place && m.at.start == at.start && m.at.end == run[run.len() - 2].at.end
        });
    let club = (run.len() >= 2 && run.iter().any(|w| is_org_word(cx, w.text))) || team;
    // "Jordan Clarkson", "Georgia Okafor": a place that is also a given name, opening a name, is
    // the person's given name (actors.rs drops the place).
    let named_after_place = !club
        && (2..=3).contains(&run.len())
        && given_first(cx, run)
        && run[1..].iter().all(|w| w.text.contains(char::is_lowercase) && !lexicon.contains("common_word", w.text));
    let blocked = if club {
        super::actors::overlapping(known, &at).any(|m| m.actor_type != ActorType::Place || m.at == at)
    } else if named_after_place {
        super::actors::overlapping(known, &at)
            .any(|m| m.actor_type != ActorType::Place || m.at.start != at.start || m.at.end > words[first].at.end)
    } else {
        super::actors::overlapping(known, &at).next().is_some()
    };
    if blocked || found.last().is_some_and(|m| at.start < m.at.end) {
        return None;
    }
    let before = first.checked_sub(1).map(|i| &words[i]);
    let org_word = |w: &Word<'_>| lexicon.contains("org_head", w.text) || lexicon.contains("org_tail", w.text);
    let cue_speech_after = speech_follows(cx, words, last);
    // "said Ma, who …", "said Okafor." — the name closes the clause ("said AI helps …" does not).
    let closes_clause = words.get(last).is_none_or(|next| !next.joined) || words[last - 1].possessive;
    let cue_speech_before = closes_clause
        && before.is_some_and(|b| {
            lexicon.contains("speech_verb", b.text) && b.text.starts_with(char::is_lowercase) && run[0].joined
        });
    // "“My talent is beyond measure.” -- Richardson after …": a dash after a quotation names
    // who said it.
    let gap = cx.slice(&(before.map_or(at.start, |b| b.at.end)..at.start)).trim_end();
    let cue_quote_dash =
        ["--", "—", "–"].iter().any(|dash| gap.strip_suffix(dash).is_some_and(|g| g.trim_end().ends_with(['”', '"'])))
            && !run.iter().any(|w| is_acronym(w.text));
    // "Luka Brandt"; "Deng Wei", "Nguyen Van An": a given name first, or a family name that is
    // written first.
    // "in Santa Oriel", "San Diego": a place, though "Santa" and "Diego" are given names.
    let placed = before.is_some_and(|b| lexicon.contains("place_preposition", b.text))
        || run.iter().any(|w| lexicon.contains("place_word", w.text));
    // "D.Y. Chandrachud", "S. Thurairaja": initials before a family name, as many outlets write.
    let initials_first = is_initials(run[0].text)
        && !lexicon.contains("place_initials", run[0].text)
        && run[run.len() - 1].text.contains(char::is_lowercase);
    // "Ramkarpal Singh": a family name the lexicon knows closes the run.
    let family_last = (2..=4).contains(&run.len())
        && lexicon.contains("family_name", run[run.len() - 1].text)
        && !lexicon.contains("common_word", run[0].text);
    let given = run.len() >= 2
        && !placed
        && (lexicon.string("given_name", run[0].text).is_some()
            || lexicon.contains("family_name_first", run[0].text)
            || initials_first
            || family_last);
    // "(Dunith) Wellalage", "[Naftali] Bennet": a given name in brackets before a surname, as
    // reporters add to a quote.
    let bracketed_given = run.len() == 1
        && first == start
        && run[0].text.contains(char::is_lowercase)
        && before.is_some_and(|b| {
            let gap = cx.slice(&(b.at.end..at.start));
            matches!(gap, ") " | "] ")
                && cx.text[..b.at.start].ends_with(['(', '['])
                && b.text.starts_with(char::is_uppercase)
                && b.text.contains(char::is_lowercase)
                && !lexicon.contains("common_word", b.text)
                && !is_org_word(cx, b.text)
        });
    // "he told The Harbour Ledger": "The" with a capital inside a sentence opens a title.
    let capital_the = !headline
        && first == start + 1
        && words[start].text == "The"
        && !words[start].opens_sentence
        && words[start].at.start > 0
        && (1..=4).contains(&run.len())
        && !given;
    let role_before = before
        .is_some_and(|b| b.text.starts_with(char::is_lowercase) && lexicon.contains("role", b.text) && run[0].joined);
    // "Sharad Pawar of NCP": after a person and "of", the party or company she is with.
    let after_person = first >= 2
        && words[first - 1].text == "of"
        && words[first].joined
        && found.last().is_some_and(|m| m.actor_type == ActorType::Person && m.at.end == words[first - 2].at.end);
    let affiliation = affiliation_before(cx, words, first) || after_person;
    // "Tiruchi Silva of DMK": a name, then "of" and an organisation's acronym.
    let of_acronym_after = (2..=3).contains(&run.len())
        && words.get(last).is_some_and(|w| w.text == "of" && w.joined)
        && words.get(last + 1).is_some_and(|w| w.joined && is_acronym(w.text) && w.text.len() >= 2)
        && run.iter().all(|w| w.text.contains(char::is_lowercase) && !lexicon.contains("common_word", w.text));
    let single = run.len() == 1;
    // "70% of GDP", "(YoY)": an acronym for a measure names nobody.
    if single && lexicon.contains("common_acronym", run[0].text) {
        return None;
    }
    // "Survey says …", "of German Township": one organisation or place word alone names nothing.
    let common = single && (lexicon.contains("common_word", run[0].text) || org_word(&run[0]));
    // "ANGELES CITY – Health Secretary …": a dateline names the place the story is filed from
    // (a masthead, "KORVEL HERALD — Local News", names the outlet).
    let after = cx.slice(&(at.end..cx.text.len())).trim_start_matches(' ');
    if start == 0
        && run.iter().all(|w| !w.text.contains(char::is_lowercase) && !lexicon.contains("org_head", w.text))
        && after.starts_with(['–', '—', '-', ',', '('])
    {
        return None;
    }
    // "the London Marathon", "the Europa League Cup": an event, not an actor; "Group C", "Pool
    // B": a label.
    if lexicon.contains("event_word", run[run.len() - 1].text)
        || (run.len() == 2 && lexicon.contains("label_word", run[0].text) && is_single_letter(run[1].text))
    {
        return None;
    }
    // "the Minister of Finance", "Minister of Health, Mr …": the portfolio is part of a title.
    if single
        && lexicon.contains("portfolio", run[0].text)
        && before.is_some_and(|b| b.text == "of")
        && first.checked_sub(2).is_some_and(|k| lexicon.contains("title", words[k].text))
    {
        return None;
    }
    let place = single && lexicon.contains("demonym", run[0].text);
    // "members of the UDHW", "the NTSB": an acronym with an article is an organisation.
    let acronym_org = single
        && is_acronym(run[0].text)
        && run[0].text.len() >= 3
        && before.is_some_and(|b| b.text == "the" && run[0].joined)
        && !lexicon.contains("common_acronym", run[0].text);

    // An organisation word inside ("Harlow Drones"), "at Vexor" after a role, "BioNTech",
    // "the UDHW".
    // "Leeds signed …", "Everton midfielder …": what a sports club does.
    let club_cue = words.get(last).is_some_and(|w| {
        w.joined && w.text.starts_with(char::is_lowercase) && lexicon.contains_lower("club_verb", w.text)
    }) && !given
        && !common;
    // "Ryanair posted …", "Safaricom shares rose …": what a company does.
    let company_cue = words.get(last).is_some_and(|w| {
        w.joined && w.text.starts_with(char::is_lowercase) && lexicon.contains("company_verb", w.text)
    }) && !given
        && !common
        && !place
        && !run
            .iter()
            .any(|w| is_acronym(w.text) || lexicon.contains("title", w.text) || lexicon.contains("demonym", w.text));
    // "Cars.com", "Daft.ie": a web address names the company that runs it.
    let web_name = single
        && run[0].text.rsplit_once('.').is_some_and(|(head, tld)| {
            head.len() >= 2 && (2..=3).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        });
    // "Blue & White" is one organisation; "Posted in Recalls & Safety |" is a section.
    let ampersand = run.len() >= 3
        && run.iter().any(|w| w.text == "&")
        && !before.is_some_and(|b| lexicon.contains("place_preposition", b.text))
        && !cx.text[at.end..].trim_start().starts_with('|');
    let org = team
        || web_name
        || ampersand
        || capital_the
        || run.iter().skip(1).any(org_word)
        || club_cue
        || company_cue
        || (run.len() >= 2 && org_word(&run[0]) && !given)
        || (affiliation && !given)
        || (is_camel_case(run[0].text) && single)
        || acronym_org;
    let actor_type = if org {
        ActorType::Org
    } else if headline || (placed && !given_first(cx, run)) {
        return None;
    } else if (given
        || title_words > 0
        || glued > 0
        || role_before
        || of_acronym_after
        || bracketed_given
        || (demonym_before && run.len() >= 2 && !placed))
        && run.len() <= 4
        && !run.iter().any(|w| is_acronym(w.text) && !(initials_first && is_initials(w.text)))
    {
        ActorType::Person
    } else if (cue_speech_after || cue_speech_before || cue_quote_dash) && run.len() <= 3 && !common && !place {
        if is_acronym(run[0].text) { ActorType::Org } else { ActorType::Person }
    } else if (2..=3).contains(&run.len())
        && !placed
        && !run.iter().any(|w| is_acronym(w.text) || lexicon.contains("common_word", w.text))
    {
        return Some(Run::Candidate(Mention {
            at: at.clone(),
            canonical: super::collapse_whitespace(cx.slice(&at)),
            actor_type: ActorType::Person,
            title: None,
            rule: "actor.name".into(),
        }));
    } else {
        return None;
    };
    if actor_type == ActorType::Person && single && (common || place || is_acronym(run[0].text)) {
        return None;
    }
    let title = if title_words > 0 {
        Some(super::collapse_whitespace(cx.slice(&(words[start].at.start..words[first - 1].at.end))))
    } else {
        (glued > 0).then(|| cx.slice(&(words[first].at.start..at.start)).to_string())
    };
    Some(Run::Name(Mention {
        canonical: super::collapse_whitespace(cx.slice(&at)),
        at,
        actor_type,
        title,
        rule: "actor.name".into(),
    }))
}

/// A speech verb after the run, directly ("Okafor said", "Okafor also said") or after an
/// appositive ("Tomas Berg, the agency's director, said", "Lund, CFO at Vexor said").
fn speech_follows(cx: &Context<'_>, words: &[Word<'_>], last: usize) -> bool {
    let lexicon = &cx.rules.lexicon;
    let is_verb = |w: &Word<'_>| w.text.starts_with(char::is_lowercase) && lexicon.contains("speech_verb", w.text);
    if words[last - 1].possessive {
        return false;
    }
    match words.get(last) {
        Some(w) if w.joined && is_verb(w) => true,
        // "Okafor also said", "Brandt has said"
        Some(w) if w.joined && lexicon.contains("speech_adverb", w.text) => words.get(last + 1).is_some_and(is_verb),
        // "Maria Lund, CFO and EVP at Vexor said" / "Tomas Berg, the agency's director, said"
        // The appositive opens with a small word or a role: "Luzon, Visayas and Mimaropa, DOH
        // added" is a list of places, not a name and its role.
        Some(w)
            if !w.joined
                && cx.slice(&(words[last - 1].at.end..w.at.start)).trim() == ","
                // "Fumigation, she said, …": a pronoun's aside, the word before names nobody.
                && !matches!(w.text, "he" | "she" | "they" | "we" | "I" | "it")
                && ((w.text.starts_with(char::is_lowercase) && !matches!(w.text, "and" | "or" | "but" | "nor"))
                    || lexicon.contains("title", w.text)
                    || lexicon.contains("role", w.text)) =>
        {
            let sentence = cx.layout.sentence_at(w.at.start);
            words[last..]
                .iter()
                .take(12)
                .take_while(|n| cx.layout.sentence_at(n.at.start) == sentence)
                .any(|n| is_verb(n) && n.text != "according")
        }
        _ => false,
    }
}

/// "CFO and EVP at Vexor", "a professor at Yale": an organisation after a role and "at/of/from".
fn affiliation_before(cx: &Context<'_>, words: &[Word<'_>], first: usize) -> bool {
    let lexicon = &cx.rules.lexicon;
    let Some(prep) = first.checked_sub(1).map(|i| &words[i]) else { return false };
    if !matches!(prep.text, "at" | "of" | "from" | "with") || !words[first].joined {
        return false;
    }
    words[..first - 1].iter().rev().take(3).any(|w| {
        lexicon.contains("role", w.text)
            || lexicon.contains("group_noun", w.text)
            || (is_acronym(w.text) && lexicon.contains("title", w.text))
    })
}

/// How far into an article a credit line without "By" is looked for, in paragraphs.
const CREDIT_LINE_PARAGRAPHS: usize = 6;
/// Longest credit line, in words.
const CREDIT_LINE_WORDS: usize = 24;

/// "Chuks Okocha, Adedayo Akinwale in Abuja, and Onuminya Innocent in Sokoto": near the top,
/// a line of nothing but full names, commas, "and" and "in PLACE" credits the authors.
fn is_credit_line(cx: &Context<'_>, words: &[Word<'_>], span: &Range<usize>) -> bool {
    let text = cx.slice(span);
    let mut names = 0;
    let mut i = 0;
    while i < words.len() {
        match words[i].text {
            "and" => i += 1,
            "in" => i = run_end(cx, words, i + 1).unwrap_or(words.len() + 1),
            _ => {
                let end = run_end(cx, words, i).unwrap_or(i);
                let ordinary = words[i..end].iter().any(|w| not_an_author(cx, w.text));
                if !(2..=3).contains(&(end - i)) || ordinary {
                    return false;
                }
                names += 1;
                i = end;
            }
        }
    }
    i == words.len()
        && names >= 2
        && words.len() <= CREDIT_LINE_WORDS
        && text.contains(',')
        && !text.contains(['.', '!', '?', '"', '“', ':'])
}

/// A word that makes a credit line's run no author's name: "Staff Writer", "Business Desk"
/// ("Sunday Aborisade" is a name).
fn not_an_author(cx: &Context<'_>, word: &str) -> bool {
    let lexicon = &cx.rules.lexicon;
    (lexicon.contains("common_word", word) && !lexicon.contains("weekday", word))
        || lexicon.contains("org_head", word)
        || lexicon.contains("not_name", word)
}

/// "By Jane Doe, Staff Writer" and "By A, B and C": the authors are people. Words from `from`
/// on; "in Abuja" after a name says where that author filed from.
/// "By business reporter Jane Doe": a role before the first name is skipped. Returns where the
/// credit ended.
fn bylines(cx: &Context<'_>, words: &[Word<'_>], from: usize, found: &mut Vec<Mention>) -> usize {
    let lexicon = &cx.rules.lexicon;
    let mut i = from;
    if let Some(k) = (from..words.len().min(from + 3)).find(|&k| lexicon.contains_lower("role", words[k].text))
        && words[from..=k].iter().all(|w| w.joined && w.text.starts_with(char::is_lowercase))
    {
        i = k + 1;
    }
    while i < words.len() {
        let mut end = i;
        // "Jane Roe AFPFile": a name ends before an agency's glued credit.
        while end < words.len()
            && name_like(words[end].text)
            && (end == i || (words[end].joined && !is_camel_case(words[end].text)))
            // "SIMON MAINA AFPFile": a name in capitals ends at a word that is not.
            && !(end > i
                && words[i..end].iter().all(|w| !w.text.contains(char::is_lowercase))
                && words[end].text.contains(char::is_lowercase))
        {
            end += 1;
        }
        if end == i {
            match words[i].text {
                "and" => i += 1,
                "in" => i = run_end(cx, words, i + 1).unwrap_or(i + 1),
                _ => break,
            }
            continue;
        }
        let run = &words[i..end];
        if (2..=4).contains(&run.len()) && !run.iter().any(|w| not_an_author(cx, w.text)) {
            let at = run[0].at.start..run[run.len() - 1].at.end;
            found.push(Mention {
                canonical: super::collapse_whitespace(cx.slice(&at)),
                at,
                actor_type: ActorType::Person,
                title: Some("author".into()),
                rule: BYLINE_RULE.into(),
            });
        }
        i = end;
    }
    i
}

/// "… in 2015. By Jane Roe (AFP)", "March 2, 2009|By Jane Roe": a credit opening a sentence
/// inside a paragraph, "By" and two to four name words none of which is a common word.
fn byline_inside(cx: &Context<'_>, words: &[Word<'_>], i: usize) -> bool {
    let lexicon = &cx.rules.lexicon;
    let name = |w: &Word<'_>| {
        w.joined
            && name_like(w.text)
            && !not_an_author(cx, w.text)
            && !lexicon.contains("month", w.text)
            && !lexicon.contains("weekday", w.text)
    };
    i > 0
        && words[i].text == "By"
        && words[i].opens_sentence
        && words.get(i + 1).is_some_and(name)
        && words.get(i + 2).is_some_and(name)
}

/// "C" in "Group C": one capital letter.
fn is_single_letter(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}
