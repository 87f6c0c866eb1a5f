//! Quotations and who said them.
//!
//! The speaker comes from a speech cue in the quote's own sentence ("…,” X said.", "X noted,
//! “…”", "according to X"), or from the sentence before ("Wang He explained. “However, …”"). A
//! pronoun resolves to the last person named earlier in the same paragraph; nothing is guessed
//! across paragraphs. Quoted words with no cue at all are terms, not statements.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::Value;

use super::Context;
use super::speaker::{People, Said, words_in};
use crate::claim::{Claim, ClaimKind, QuoteForm};
use crate::rules::ActorType;
use crate::segment::QuoteSpan;

/// Words between a quote and its speech verb: "…,” Trump said", "…,” said Lutnick".
const CUE_WINDOW_WORDS: usize = 6;
/// Longest quoted phrase with no cue still taken as a term rather than a statement.
const TERM_MAX_WORDS: usize = 4;

/// A speaker found for a quote: who, and the cue word that says so.
struct Speaker {
    name: Option<String>,
    cue: String,
    /// The quote is introduced mid-sentence ("stated … that China would supply “…”").
    embedded: bool,
}

pub(super) fn extract(cx: &Context<'_>, people: &People<'_>, statements: &[Claim]) -> Vec<Claim> {
    let quotes = &cx.layout.quotes;
    let mut claims: Vec<Claim> = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    // The last named speaker and their paragraph: a further statement in the same paragraph with
    // no cue of its own continues their words ("…,” she said. “And …”).
    let mut last_speaker: Option<(usize, String)> = None;
    // The paragraph, place and speaker of the last quote before this one that reads as
    // somebody's words (a quoted term neither names nor clears a speaker).
    let mut previous: Option<(usize, usize, Option<String>)> = None;
    for (index, quote) in quotes.iter().enumerate() {
        if !cx.usable(&quote.inner) {
            continue;
        }
        let speaker = find_speaker(cx, index, quotes, people)
            .or_else(|| {
                let (paragraph, name) = last_speaker.as_ref()?;
                (*paragraph == quote.paragraph && is_statement(cx, quote)).then(|| Speaker {
                    name: Some(name.clone()),
                    cue: "previous quote".into(),
                    embedded: false,
                })
            })
            .or_else(|| colon_intro(cx, quote, people))
            .or_else(|| {
                // A paragraph that is only a quote, soon after somebody last spoke (a quote or
                // reported speech), goes on with their words: the convention for long
                // quotations, and for a quote after the paragraph that reports its speaker.
                if !(is_statement(cx, quote) && fills_paragraph(cx, quote)) {
                    return None;
                }
                let said = statements.partition_point(|c| c.at.start < quote.open_mark.start);
                let reported = statements[..said].iter().rev().find(|c| c.speaker.is_some());
                let reported = reported.and_then(|c| Some((cx.layout.paragraph_at(c.at.start)?, c.at.start, c)));
                let (paragraph, name) = match (previous.as_ref(), reported) {
                    (Some((p, at, _)), Some((sp, s_at, c))) if s_at > *at && sp != quote.paragraph => {
                        (sp, c.speaker.clone())
                    }
                    (Some((p, _, name)), _) => (*p, name.clone()),
                    (None, Some((sp, _, c))) if sp != quote.paragraph => (sp, c.speaker.clone()),
                    _ => return None,
                };
                let name = name?;
                in_focus(cx, quotes, paragraph, quote.paragraph).then(|| Speaker {
                    name: Some(name),
                    cue: "continuation".into(),
                    embedded: false,
                })
            })
            .or_else(|| {
                // "Ndiraya lamented the chances his side missed." then a paragraph that is only a
                // quote: the person the paragraph before opens with goes on in their own words.
                let before = quote.paragraph.checked_sub(1).and_then(|p| cx.layout.paragraphs.get(p))?;
                if !(is_statement(cx, quote) && fills_paragraph(cx, quote))
                    || before.boilerplate
                    || is_photo_credit(cx.slice(&before.span).trim())
                {
                    return None;
                }
                let has_quote =
                    |p: usize| quotes[..index].iter().rev().take_while(|q| q.paragraph >= p).any(|q| q.paragraph == p);
                let subject = people.starting_in(&before.span).iter().find(|m| m.actor_type == ActorType::Person)?;
                let lead = cx.slice(&(before.span.start..subject.at.start));
                // "Sinn Féin vice president Michelle O'Neill called for …": a title may come first.
                let lexicon = &cx.rules.lexicon;
                let title_word = |w: &str| {
                    w.starts_with(char::is_uppercase)
                        || ["role", "title", "title_modifier"].iter().any(|l| lexicon.contains_lower(l, w))
                };
                let opens =
                    lead.split_whitespace().count() <= LEAD_IN_TITLE_WORDS && lead.split_whitespace().all(title_word);
                (subject.actor_type == ActorType::Person && opens && !has_quote(quote.paragraph - 1)).then(|| Speaker {
                    name: Some(subject.canonical.clone()),
                    cue: "continuation".into(),
                    embedded: false,
                })
            });
        let name = speaker.as_ref().and_then(|s| s.name.clone());
        if let Some(name) = &name {
            last_speaker = Some((quote.paragraph, name.clone()));
            people.spoke(Said::Quote, quote.open_mark.start, name);
        }
        // A round-up of quotes, each credited after a dash, carries no speaker over.
        let dashed = speaker.as_ref().is_some_and(|s| s.cue == "dash");
        if name.is_some() || is_statement(cx, quote) {
            previous = Some((quote.paragraph, quote.open_mark.start, name.filter(|_| !dashed)));
        }
        let mut claim = quote_claim(cx, quote, speaker.as_ref());
        claim.id = format!("q{index}");
        // Pieces of a quote carried across paragraphs share the speaker named on any of them.
        chain.push(claims.len());
        claims.push(claim);
        if !quote.continues {
            let named = chain.iter().rev().find_map(|&i| claims[i].speaker.clone());
            if chain.len() > 1 {
                let ids: Vec<String> = chain.iter().map(|&i| claims[i].id.clone()).collect();
                for &i in &chain {
                    if claims[i].speaker.is_none() {
                        claims[i].speaker = named.clone();
                        claims[i].actor = named.clone();
                        if claims[i].detail.form == Some(QuoteForm::Term) {
                            claims[i].detail.form = Some(QuoteForm::Direct);
                        }
                    }
                    claims[i].detail.continued_in = ids.iter().filter(|id| **id != claims[i].id).cloned().collect();
                }
            }
            chain.clear();
        }
    }
    credit_echoes(&mut claims);
    claims
}

/// Fewest words a quote needs to be recognised inside another: "still stuff to work on".
const ECHO_MIN_WORDS: usize = 3;

/// A headline or teaser quote with no speaker that repeats words of an attributed quote
/// ("Pride taken in wins but 'still stuff to work on'" and, below, "“…there is still stuff to
/// work on,” he said") is the same speaker's. One Aho-Corasick pass over the attributed quotes.
fn credit_echoes(claims: &mut [Claim]) {
    let words = |c: &Claim| {
        let text = c.value.as_str().unwrap_or_default().to_lowercase();
        text.split(|ch: char| !ch.is_alphanumeric() && ch != '\'')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Each distinct wording once, with the quotes that have it: a file of one phrase quoted a
    // thousand times is one pattern, not a thousand.
    let mut orphans: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate().filter(|(_, c)| c.speaker.is_none()) {
        let w = words(c);
        if w.split(' ').count() >= ECHO_MIN_WORDS {
            orphans.entry(w).or_default().push(i);
        }
    }
    if orphans.is_empty() {
        return;
    }
    let orphans: Vec<(String, Vec<usize>)> = orphans.into_iter().collect();
    let Ok(ac) = super::word_automaton(orphans.iter().map(|(w, _)| w.as_str())) else { return };
    let mut found: Vec<Option<String>> = vec![None; orphans.len()];
    for said in claims.iter().filter(|c| c.speaker.is_some()) {
        let haystack = format!(" {} ", words(said));
        let Ok(hits) = ac.try_find_overlapping_iter(&haystack) else { return };
        for hit in hits {
            let whole_words = haystack.as_bytes().get(hit.start().wrapping_sub(1)) == Some(&b' ')
                && haystack.as_bytes().get(hit.end()) == Some(&b' ');
            if whole_words {
                found[hit.pattern().as_usize()].get_or_insert_with(|| said.speaker.clone().unwrap_or_default());
            }
        }
    }
    for ((_, quotes), name) in orphans.iter().zip(found) {
        let Some(name) = name else { continue };
        for &i in quotes {
            let claim = &mut claims[i];
            claim.speaker = Some(name.clone());
            claim.actor = Some(name.clone());
            claim.detail.speech_cue = Some("echo".into());
            if claim.detail.form == Some(QuoteForm::Term) {
                claim.detail.form = Some(QuoteForm::Partial);
                claim.rule = "quote.partial".into();
            }
        }
    }
}

/// Longest line in a list of links to other stories: a headline's length.
const LINK_MAX_WORDS: usize = 14;

/// Paragraph `to` follows `from` with only page furniture between: boilerplate, or a list of
/// links to other stories ("- Club dismiss strike reports") that a page puts inside an article.
fn only_furniture_between(cx: &Context<'_>, from: usize, to: usize) -> bool {
    from < to
        && cx.layout.paragraphs.get(from + 1..to).is_some_and(|between| {
            between.iter().all(|p| {
                let text = cx.slice(&p.span).trim();
                let link = text.starts_with(['-', '•'])
                    && !text.ends_with(['.', '”', '"'])
                    && text.split_whitespace().count() <= LINK_MAX_WORDS;
                p.boilerplate || link || is_photo_credit(text)
            })
        })
}

/// Paragraph `to` is close enough after `from` to go on with its speaker: only page furniture
/// between, or one paragraph of the writer's own words with no quotation in it ("The HIA boys
/// will just follow the protocols," between two paragraphs of a coach's quotes).
fn in_focus(cx: &Context<'_>, quotes: &[QuoteSpan], from: usize, to: usize) -> bool {
    if from >= to {
        return false;
    }
    let prose: Vec<usize> = (from + 1..to).filter(|&p| !only_furniture_between(cx, p - 1, p + 1)).collect();
    match prose.as_slice() {
        [] => true,
        [p] => {
            let first = quotes.partition_point(|q| q.paragraph < *p);
            quotes.get(first).is_none_or(|q| q.paragraph != *p)
        }
        _ => false,
    }
}

/// "… Miss Parkhouse said:" closing one paragraph, the quote opening the next: the colon hands
/// the quotation to the one the last sentence before it names.
fn colon_intro(cx: &Context<'_>, quote: &QuoteSpan, people: &People<'_>) -> Option<Speaker> {
    let before = cx.layout.paragraphs.get(quote.paragraph.checked_sub(1)?)?;
    if before.boilerplate || !cx.slice(&before.span).trim_end().ends_with(':') || !fills_paragraph(cx, quote) {
        return None;
    }
    let last = cx.layout.sentence_at(before.span.end.saturating_sub(1))?;
    let sentence = cx.layout.sentences.get(last)?.span.clone();
    cue_before(cx, sentence, people).filter(|s| s.name.is_some())
}

/// Most words in a photo credit line: "Laszlo Geczo / INPHO", "INPHO".
const CREDIT_MAX_WORDS: usize = 6;

/// A photo credit between paragraphs: "Laszlo Geczo / INPHO", "INPHO" — a short line with no
/// sentence end, with an agency after a slash or in capitals alone.
fn is_photo_credit(text: &str) -> bool {
    !text.ends_with(['.', '!', '?', '”', '"', ':'])
        && text.split_whitespace().count() <= CREDIT_MAX_WORDS
        && (text.contains(" / ") || !text.contains(char::is_lowercase))
}

/// Nothing but the quotation in its paragraph.
fn fills_paragraph(cx: &Context<'_>, quote: &QuoteSpan) -> bool {
    let Some(paragraph) = cx.layout.paragraphs.get(quote.paragraph) else { return false };
    let end = quote.close_mark.as_ref().map_or(quote.inner.end, |c| c.end);
    !cx.slice(&(paragraph.span.start..quote.open_mark.start)).contains(char::is_alphanumeric)
        && !cx.slice(&(end..paragraph.span.end)).contains(char::is_alphanumeric)
}

/// Long enough, or punctuated like a sentence, to be somebody's words rather than a term.
/// Single marks also set off terms ("the ‘time bomb’"), so a single-quoted statement needs both
/// the length and a sentence's end (or a paragraph of its own), as British outlets quote.
fn is_statement(cx: &Context<'_>, quote: &QuoteSpan) -> bool {
    let inner = cx.slice(&quote.inner);
    let text = inner.trim_end_matches([',', ' ']);
    let long = text.split_whitespace().count() > TERM_MAX_WORDS;
    let sentence = text.ends_with(['.', '!', '?']);
    if quote.double {
        long || sentence
    } else {
        long && (sentence || inner.ends_with(',') || fills_paragraph(cx, quote))
    }
}

fn quote_claim(cx: &Context<'_>, quote: &QuoteSpan, speaker: Option<&Speaker>) -> Claim {
    // "…rare earths,”: the comma belongs to the writer's sentence, not to the speaker.
    let inner = cx.slice(&quote.inner);
    let kept = inner.trim_end_matches([',', ' ']);
    let at = quote.inner.start..quote.inner.start + kept.len();
    let normalized = super::collapse_whitespace(&kept.replace(['“', '”', '"'], "").replace(['‘', '’'], "'"));
    let mut claim = Claim::new(ClaimKind::Quote, "quote", cx.text, at, Value::String(normalized));
    let words = kept.split_whitespace().count();
    let form = match speaker {
        // "experts called it a 'time bomb'", "posted on “Truth Social”": with nobody named, a
        // short phrase is a term, unless punctuated as words spoken ("“The rate is high,” the
        // bank said") and not after a naming verb.
        Some(s)
            if s.name.is_none()
                && words <= TERM_MAX_WORDS
                && (cx.rules.lexicon.contains("naming_verb", &s.cue)
                    || !inner.trim_end().ends_with([',', '.', '!', '?'])) =>
        {
            QuoteForm::Term
        }
        Some(s) if s.embedded || kept.starts_with(char::is_lowercase) => QuoteForm::Partial,
        Some(_) => QuoteForm::Direct,
        None if words <= TERM_MAX_WORDS && !kept.ends_with(['.', '!', '?']) => QuoteForm::Term,
        None if !quote.double => QuoteForm::Term,
        None => QuoteForm::Direct,
    };
    claim.detail.form = Some(form);
    if let Some(s) = speaker.filter(|_| form != QuoteForm::Term) {
        claim.speaker = s.name.clone();
        claim.actor = s.name.clone();
        claim.detail.speech_cue = Some(s.cue.clone());
    }
    claim.rule = match form {
        QuoteForm::Term => "quote.term",
        QuoteForm::Partial => "quote.partial",
        QuoteForm::Direct => "quote.direct",
    }
    .into();
    claim
}

fn find_speaker(cx: &Context<'_>, index: usize, quotes: &[QuoteSpan], people: &People<'_>) -> Option<Speaker> {
    let layout = &cx.layout;
    let quote = quotes.get(index)?;
    let sentence_index = layout.sentence_at(quote.open_mark.start)?;
    let sentence = &layout.sentences[sentence_index].span;
    // Only the stretch between this quote and its neighbours in the sentence is a cue for it
    // (quotes are in text order: the neighbours are the quotes just before and after).
    let prev_close = index
        .checked_sub(1)
        .and_then(|i| quotes[i].close_mark.as_ref())
        .map(|c| c.end)
        .filter(|&end| end <= quote.open_mark.start && end > sentence.start)
        .unwrap_or(sentence.start);
    let close = quote.close_mark.as_ref().map_or(quote.inner.end, |c| c.end);
    // A quote of several sentences: its cue is in the sentence its closing mark ends.
    let end = layout
        .sentence_at(close.saturating_sub(1))
        .map_or(sentence.end, |i| layout.sentences[i].span.end)
        .max(sentence.end);
    let next_open = quotes.get(index + 1).map(|q| q.open_mark.start).filter(|&s| s >= close && s < end).unwrap_or(end);
    let after = close..next_open.max(close);
    let before = prev_close..quote.open_mark.start;

    // A cue that names nobody ("…,” emphasizing progress") gives way to one that does.
    let after_cue = cue_after(cx, after, people);
    if after_cue.as_ref().is_some_and(|s| s.name.is_some()) {
        return after_cue;
    }
    let before_cue = cue_before(cx, before.clone(), people);
    if before_cue.as_ref().is_some_and(|s| s.name.is_some()) {
        return before_cue;
    }
    if let Some(s) = after_cue.or(before_cue) {
        return Some(s);
    }
    // "Wang He explained. “However, …”": the quote opens its sentence, the previous sentence in
    // the same paragraph introduces it.
    if cx.slice(&before).trim().is_empty() && sentence_index > 0 {
        let prev = &layout.sentences[sentence_index - 1];
        if prev.paragraph == quote.paragraph
            && !quotes
                .get(quotes.partition_point(|q| q.open_mark.start < prev.span.start))
                .is_some_and(|q| prev.span.contains(&q.open_mark.start))
            && let Some(mut s) = cue_before(cx, prev.span.clone(), people).filter(|s| s.name.is_some())
        {
            s.embedded = false;
            return Some(s);
        }
    }
    None
}

/// Speech verbs are lower case mid-sentence: "the united States" is not a cue.
fn is_speech_verb(cx: &Context<'_>, word: &str) -> bool {
    word.starts_with(char::is_lowercase) && cx.rules.lexicon.contains("speech_verb", word)
}

/// "…,” she said." / "…,” said Lutnick." / "…,” Trump said on Truth Social."
fn cue_after(cx: &Context<'_>, range: Range<usize>, people: &People<'_>) -> Option<Speaker> {
    let words = words_in(cx, &range);
    // "“…” -- Noah Lyles after his sprint double": a dash after the quote names who said it,
    // the way quote round-ups and pull quotes are written.
    let lead = cx.slice(&range).trim_start();
    if lead.starts_with(['—', '–']) || lead.starts_with("--") {
        let named = |wanted: ActorType| {
            words
                .iter()
                .take(CUE_WINDOW_WORDS)
                .find_map(|(w, _)| people.starting_at(w.start).filter(|m| m.actor_type == wanted))
        };
        // "-- US sprinter Sha'Carri Richardson": the person, not the team in her role.
        let speaker = named(ActorType::Person).or_else(|| named(ActorType::Org));
        if let Some(m) = speaker {
            return Some(Speaker { name: Some(m.canonical.clone()), cue: "dash".into(), embedded: false });
        }
    }
    // "…,” Maria Okafor, a union leader at the Dock Workers Union, said.": when a person's name
    // follows the quote directly, its appositive may stand between the name and the verb.
    // (A title may come first: "…,” Dr. Priya Raman, a trade economist …, told …")
    // A longer title in capitals may come first too: "…,” JFC Chief Financial Officer Ana Ruiz said."
    let named_first = words.iter().enumerate().take(CUE_WINDOW_WORDS).find_map(|(k, (w, _))| {
        let titled = k < 3 || words[..k].iter().all(|(_, t)| t.starts_with(char::is_uppercase));
        people.starting_at(w.start).filter(|m| m.actor_type == ActorType::Person && titled)
    });
    let window = if named_first.is_some() { CUE_WINDOW_WORDS * 3 } else { CUE_WINDOW_WORDS };
    let (verb_index, (verb_span, verb)) =
        words.iter().enumerate().take(window).find(|(_, (_, w))| is_speech_verb(cx, w))?;
    // Subject before the verb ("…,” Trump said", "…,” UDHW general secretary Maria Okafor
    // told"), else right after it ("…,” said Lutnick"). A longer stretch before the verb counts
    // only if a name ends right at the verb; otherwise it is a clause of its own ("…,” endorses
    // deal with Ford, urges").
    let adjacent_name = people
        .starting_in(&(range.start..verb_span.start))
        .iter()
        .filter(|m| m.at.end <= verb_span.start)
        .rfind(|m| cx.slice(&(m.at.end..verb_span.start)).trim().is_empty());
    let subject_before = match adjacent_name {
        Some(m) => m.at.start..verb_span.start,
        None if verb_index <= 3 => range.start..verb_span.start,
        // "…,” the country's largest restaurant operator told …": a noun phrase opened by "the"
        // right after the quote is the subject however many words describe it.
        None if words.first().is_some_and(|(_, w)| *w == "the") && verb_index <= CUE_WINDOW_WORDS => {
            range.start..verb_span.start
        }
        None => range.start..range.start,
    };
    let subject_after = verb_span.end..words.get(verb_index + 4).map_or(range.end, |(s, _)| s.end);
    let name = match named_first {
        Some(m) => Some(people.by_surname(cx, m)),
        None => {
            people.name_in(cx, &subject_before, true).or_else(|| people.name_in(cx, &subject_after, false)).flatten()
        }
    };
    Some(Speaker { name, cue: verb.to_lowercase(), embedded: false })
}

/// Most words of title before the person who opens a paragraph that leads into a quote.
const LEAD_IN_TITLE_WORDS: usize = 5;

/// How far into the clause before a colon its subject is looked for, in words.
const COLON_SUBJECT_WORDS: usize = 4;

/// "President Trump noted, “…”" / "Trump stated on social media that China would supply “…”" /
/// "according to X, “…”".
fn cue_before(cx: &Context<'_>, range: Range<usize>, people: &People<'_>) -> Option<Speaker> {
    let words = words_in(cx, &range);
    if let Some(i) = words.windows(2).position(|w| w[0].1.eq_ignore_ascii_case("according") && w[1].1 == "to") {
        let after = words[i + 1].0.end..range.end;
        if let Some(name) = people.name_in(cx, &after, false) {
            return Some(Speaker { name, cue: "according to".into(), embedded: !ends_with_intro(cx, &range) });
        }
    }
    let Some((verb_index, (verb_span, verb))) =
        words.iter().enumerate().rev().find(|(_, (_, w))| is_speech_verb(cx, w))
    else {
        // "Parker talked about his extension with a reporter: “…”": a colon hands the quote to
        // the one who opens the clause.
        if cx.slice(&range).trim_end().ends_with(':')
            && let Some(subject) = words.get(..COLON_SUBJECT_WORDS.min(words.len())).and_then(|lead| {
                let lead = lead.first()?.0.start..lead.last()?.0.end;
                people.starting_in(&lead).iter().find(|m| m.actor_type == ActorType::Person)
            })
        {
            return Some(Speaker { name: Some(subject.canonical.clone()), cue: "colon".into(), embedded: false });
        }
        // "Rask has been blunt that the licences come “with conditions”": a that-clause after a
        // person reports their words.
        let (that, _) = words.iter().rev().find(|(_, w)| *w == "that")?;
        let subject = range.start..that.start;
        let name = people
            .starting_in(&subject)
            .iter()
            .rfind(|m| m.actor_type == ActorType::Person && m.at.end <= subject.end)?;
        return Some(Speaker { name: Some(name.canonical.clone()), cue: "that".into(), embedded: true });
    };
    // "Deng Wei nodded to Ruiz’s remarks, saying …": the clause's subject speaks.
    let participle = cx.rules.lexicon.contains("participle_cue", verb);
    let subject_before = range.start..verb_span.start;
    // After "told" comes the listener ("told Xinhua"), not the speaker.
    let listener = cx.rules.lexicon.contains("listener_verb", verb);
    let subject_after = if listener {
        verb_span.end..verb_span.end
    } else {
        verb_span.end..words.get(verb_index + 4).map_or(range.end, |(s, _)| s.end)
    };
    let name = if participle {
        // "MACC said … that it was “very shocked” by the court decision, adding: “…”" is
        // MACC's, not the court's.
        people.participle_subject(cx, verb_span.start)?
    } else {
        people.name_in(cx, &subject_before, true).or_else(|| people.name_in(cx, &subject_after, false))?
    };
    Some(Speaker { name, cue: verb.to_lowercase(), embedded: !ends_with_intro(cx, &range) })
}

/// "X said, “" or "X said: “": the quote is the whole statement, not words inside the writer's.
fn ends_with_intro(cx: &Context<'_>, range: &Range<usize>) -> bool {
    let text = cx.slice(range).trim_end();
    text.is_empty() || text.ends_with([',', ':', '—', '–'])
}
