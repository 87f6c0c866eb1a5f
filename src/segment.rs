//! Documents → paragraphs, quote marks and sentences, with line/column lookup.
//!
//! Scraped articles put one paragraph per line, hand-written ones wrap lines inside blank-line
//! separated blocks; both are handled. Quote marks are paired here, per paragraph, because
//! sentence splitting must not cut through a quotation ("“We won. It is over,” she said.").

use std::ops::Range;

/// Whether a paragraph is page furniture rather than article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    No,
    /// This paragraph only (a "Share this" line, a phone number).
    Line,
    /// This paragraph and everything after it ("Leave a Reply", "Related articles").
    RestOfArticle,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Range<usize>,
    pub boilerplate: bool,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Range<usize>,
    pub paragraph: usize,
}

/// A paired quotation: the marks, and the quoted words between them.
#[derive(Debug, Clone)]
pub struct QuoteSpan {
    /// The quoted words, without the marks, trimmed.
    pub inner: Range<usize>,
    pub open_mark: Range<usize>,
    /// `None` when the quote runs to the end of its paragraph and is re-opened in the next one.
    pub close_mark: Option<Range<usize>>,
    /// Double quotes (“ ” " « ») rather than single ones (‘ ’ ').
    pub double: bool,
    pub paragraph: usize,
    /// Set on every piece of a quote that continues into the next paragraph.
    pub continues: bool,
}

/// Where `Layout::line_col_from` last counted to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns {
    line: usize,
    offset: usize,
    column: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<QuoteSpan>,
    line_starts: Vec<usize>,
}

impl Layout {
    /// 1-based line and column (in characters) of a text offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// `line_col` for offsets met in ascending order: characters are counted from the previous
    /// offset when it lies on the same line, so a document on one long line costs one pass.
    pub fn line_col_from(&self, text: &str, offset: usize, from: &mut Columns) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let (base, column) =
            if from.line == line && from.offset <= offset { (from.offset, from.column) } else { (start, 1) };
        let Some(between) = text.get(base..offset) else { return self.line_col(text, offset) };
        let column = column + between.chars().count();
        *from = Columns { line, offset, column };
        (line, column)
    }

    /// Index of the sentence containing `offset`, if it lies in one.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The quoted passage whose words contain `offset`, if any: what somebody said in their own
    /// words, where a speech verb is theirs and not the writer's. Single marks count when they
    /// hold a passage rather than a term ("the ‘time bomb’"), as British outlets quote.
    pub fn quoted_passage_at(&self, offset: usize) -> Option<&QuoteSpan> {
        let i = self.quotes.partition_point(|q| q.open_mark.start <= offset);
        self.quotes[..i].iter().rev().take(2).find(|q| {
            (q.double || q.inner.len() >= SINGLE_PASSAGE_BYTES) && q.inner.start <= offset && offset < q.inner.end
        })
    }

    /// Index of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }
}

/// Paragraphs of prose (sentences of four words or more) before a footer marker can end the
/// article: a page's header holds a sentence or so of its own ("Notifications can be managed
/// in browser preferences.") above a "Comments" link and the story.
const PROSE_BEFORE_FOOTER: usize = 2;

/// Splits a document. `abbreviations` are words that a full stop does not end a sentence after
/// ("Mr", "U.S"); `furniture` classifies a paragraph's text.
pub fn segment(text: &str, is_abbreviation: impl Fn(&str) -> bool, furniture: impl Fn(&str) -> Furniture) -> Layout {
    let mut layout = Layout { line_starts: line_starts(text), ..Layout::default() };
    let mut in_footer = false;
    // A footer marker ("Comments", "Related articles") ends the article only once the article
    // has begun: in a page's header the same words are links above the story.
    let mut prose_seen = 0;
    for span in paragraph_spans(text) {
        // "… healthy large deal wins. Large deal wins\n\ncontinue to be robust …": a scraped
        // page's line break inside a sentence does not start a paragraph.
        if let Some(last) = layout.paragraphs.last_mut()
            && !last.boilerplate
            && text[last.span.clone()].trim_end().ends_with(|c: char| c.is_alphabetic() || c == ',')
            && text[span.clone()].starts_with(|c: char| c.is_lowercase())
        {
            last.span.end = span.end;
            continue;
        }
        let boilerplate = in_footer
            || match furniture(&text[span.clone()]) {
                Furniture::No => false,
                Furniture::Line => true,
                Furniture::RestOfArticle => {
                    in_footer = prose_seen >= PROSE_BEFORE_FOOTER;
                    true
                }
            };
        let paragraph = text[span.clone()].trim_end();
        if !boilerplate
            && paragraph.ends_with(['.', '!', '?', '”', '"'])
            && paragraph.split_whitespace().nth(3).is_some()
        {
            prose_seen += 1;
        }
        layout.paragraphs.push(Paragraph { span, boilerplate });
    }
    for (index, paragraph) in layout.paragraphs.iter().enumerate() {
        let next = layout.paragraphs.get(index + 1).map(|p| &text[p.span.clone()]);
        let left_open = match next {
            Some(next) if starts_with_open_quote(next) || doubled_opener(next) => LeftOpen::Continues,
            Some(next) if starts_with_single_open_quote(next) => LeftOpen::SingleContinues,
            Some(_) => LeftOpen::Stray,
            None => LeftOpen::CutOff,
        };
        layout.quotes.extend(pair_quotes(text, paragraph.span.clone(), index, left_open));
    }
    for (index, paragraph) in layout.paragraphs.iter().enumerate() {
        // Quotes are found paragraph by paragraph, in order: this paragraph's are one run.
        let first = layout.quotes.partition_point(|q| q.paragraph < index);
        let protected: Vec<Range<usize>> = layout.quotes[first..]
            .iter()
            .take_while(|q| q.paragraph == index)
            .filter(|q| q.close_mark.is_some())
            .map(|q| q.open_mark.start..q.close_mark.as_ref().map_or(q.inner.end, |c| c.end))
            .collect();
        for span in sentence_spans(text, paragraph.span.clone(), &protected, &is_abbreviation) {
            layout.sentences.push(Sentence { span, paragraph: index });
        }
    }
    layout
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// Paragraph spans (trimmed). A line break ends a paragraph unless the line is hard-wrapped:
/// the next line starts in lower case, or a long line stops mid-phrase.
fn paragraph_spans(text: &str) -> Vec<Range<usize>> {
    // Only text that separates paragraphs with blank lines can be hard-wrapped; scraped text
    // puts every paragraph (and every headline) on a line of its own.
    let wraps = text.contains("\n\n") || text.contains("\n\r\n");
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut joinable = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            spans.extend(current.take());
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = start + lead..start + lead + trimmed.len();
        let first = trimmed.chars().next().unwrap_or(' ');
        current = match current.take() {
            Some(open) if wraps && (joinable || (first.is_lowercase() && !ends_sentence(&text[open.clone()]))) => {
                Some(open.start..span.end)
            }
            Some(open) => {
                spans.push(open);
                Some(span)
            }
            None => Some(span),
        };
        let last = trimmed.chars().last().unwrap_or('.');
        joinable =
            trimmed.chars().count() >= 60 && (last.is_lowercase() || matches!(last, ',' | ';' | '-' | '–' | '—'));
    }
    spans.extend(current);
    spans
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '"', '”', ':'])
}

fn starts_with_open_quote(paragraph: &str) -> bool {
    paragraph.starts_with(['“', '"', '«', '„'])
}

/// "''We know …": a paragraph opened by a doubled single mark.
fn doubled_opener(paragraph: &str) -> bool {
    let mut chars = paragraph.chars();
    chars.next().and_then(|c| doubled_single(c, chars.next())).is_some_and(|(d, _)| d != '”')
}

/// A paragraph that opens with a single mark before a word: "'He had finished training …" goes
/// on with a single-quoted quotation left open in the paragraph before.
fn starts_with_single_open_quote(paragraph: &str) -> bool {
    paragraph.strip_prefix(['‘', '\'']).is_some_and(|rest| rest.starts_with(char::is_alphanumeric))
}

/// "''This was not a confidence vote,'' he said" / "“… jobs,’’ he said": two single marks typed
/// for one double mark. The double mark it stands for, and its width in bytes.
fn doubled_single(c: char, after: Option<char>) -> Option<(char, usize)> {
    let double = match c {
        '\'' => '"',
        '’' => '”',
        '‘' => '“',
        _ => return None,
    };
    (after == Some(c)).then_some((double, 2 * c.len_utf8()))
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    Close,
}

/// Classifies a quote character from its neighbours: `None` for an apostrophe or an
/// undecidable straight mark.
fn classify(c: char, before: Option<char>, after: Option<char>) -> Option<(Mark, bool)> {
    // Characters that may begin a quote mark come here: what is not a quote mark is settled
    // before its neighbours are looked at.
    if !matches!(c, '“' | '„' | '«' | '”' | '»' | '"' | '‘' | '’' | '\'') {
        return None;
    }
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace());
    let letter_after = after.is_some_and(char::is_alphanumeric);
    match c {
        '“' | '„' | '«' => Some((Mark::Open, true)),
        // A paragraph that opens with ” (a common scraping slip) opens a quote.
        '”' if before.is_none() && !space_after => Some((Mark::Open, true)),
        // "said:” These results …": after a colon it can only open.
        '”' if before == Some(':') => Some((Mark::Open, true)),
        '”' | '»' => Some((Mark::Close, true)),
        '"' if space_before && !space_after => Some((Mark::Open, true)),
        '"' if !space_before => Some((Mark::Close, true)),
        '‘' => Some((Mark::Open, false)),
        '’' | '\'' if !letter_after && before.is_some_and(|b| !b.is_whitespace()) => {
            // "workers’ rights" is a plural possessive, not a closing mark; callers only pair a
            // closer with an opener, so a lone possessive is harmless.
            Some((Mark::Close, false))
        }
        '\'' if space_before && letter_after => Some((Mark::Open, false)),
        _ => None,
    }
}

/// Shortest single-quoted stretch read as a passage of speech rather than a quoted term.
const SINGLE_PASSAGE_BYTES: usize = 40;

/// Longest single-quoted stretch taken as a quotation, in bytes: beyond it a "closing" mark is
/// far more likely an apostrophe.
const MAX_SINGLE_QUOTE: usize = 300;

/// What an opening mark still open at the end of a paragraph means.
#[derive(Clone, Copy, PartialEq)]
enum LeftOpen {
    /// The next paragraph re-opens it: a quotation over several paragraphs.
    Continues,
    /// The text ends here: a page cut off mid-quotation, the quotation runs to the end.
    CutOff,
    /// The next paragraph opens with a single mark: a single-quoted quotation over several
    /// paragraphs; a double mark left open there is a stray.
    SingleContinues,
    /// Anything else: a stray mark, which yields nothing.
    Stray,
}

fn pair_quotes(text: &str, span: Range<usize>, paragraph: usize, left_open: LeftOpen) -> Vec<QuoteSpan> {
    let body = &text[span.clone()];
    let mut quotes = Vec::new();
    let mut double_open: Option<Range<usize>> = None;
    let mut single_open: Option<Range<usize>> = None;
    // Only quote marks count, and each begins with one of these bytes (" ' and the lead bytes
    // of “ ” „ ‘ ’ and « »): the scan jumps from one to the next, never decoding the words
    // between (every character of every paragraph used to pass through here).
    let candidate = |b: &u8| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2);
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|rest| rest.iter().position(candidate)) {
        let i = from + found;
        let Some(c) = body.get(i..).and_then(|rest| rest.chars().next()) else { break };
        let after = body[i + c.len_utf8()..].chars().next();
        let (c, width) = doubled_single(c, after).unwrap_or((c, c.len_utf8()));
        from = i + width;
        let prev = body[..i].chars().next_back();
        let after = body[from..].chars().next();
        let mark = span.start + i..span.start + i + width;
        if let Some((kind, double)) = classify(c, prev, after) {
            match (kind, double) {
                (Mark::Open, true) if double_open.is_none() => {
                    double_open = Some(mark);
                    single_open = None;
                }
                // "… keep moving forward, “he added.": an opening mark where the open quotation
                // hands over to its attribution is a closing mark typed the wrong way round.
                (Mark::Open, true) if body[..i].trim_end().ends_with([',', '?', '!']) => {
                    if let Some(open) = double_open.take() {
                        quotes.extend(quote_between(text, open, Some(mark), true, paragraph, false));
                    }
                }
                (Mark::Close, true) => {
                    if let Some(open) = double_open.take() {
                        quotes.extend(quote_between(text, open, Some(mark), true, paragraph, false));
                    }
                }
                (Mark::Open, false) if double_open.is_none() => single_open = Some(mark),
                (Mark::Close, false) if double_open.is_none() => {
                    if let Some(open) = single_open.take_if(|o| mark.start - o.end <= MAX_SINGLE_QUOTE) {
                        quotes.extend(quote_between(text, open, Some(mark), false, paragraph, false));
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(open) = double_open
        && matches!(left_open, LeftOpen::Continues | LeftOpen::CutOff)
    {
        quotes.extend(quote_between(text, open, None, true, paragraph, left_open == LeftOpen::Continues));
    } else if let Some(open) = single_open
        && matches!(left_open, LeftOpen::SingleContinues | LeftOpen::CutOff)
    {
        quotes.extend(quote_between(text, open, None, false, paragraph, left_open == LeftOpen::SingleContinues));
    }
    quotes
}

fn quote_between(
    text: &str,
    open: Range<usize>,
    close: Option<Range<usize>>,
    double: bool,
    paragraph: usize,
    continues: bool,
) -> Option<QuoteSpan> {
    let end = close.as_ref().map_or_else(|| paragraph_end(text, open.end), |c| c.start);
    let raw = text.get(open.end..end)?;
    let start = open.end + (raw.len() - raw.trim_start().len());
    let stop = open.end + raw.trim_end().len();
    (start < stop).then_some(QuoteSpan {
        inner: start..stop,
        open_mark: open,
        close_mark: close,
        double,
        paragraph,
        continues,
    })
}

fn paragraph_end(text: &str, from: usize) -> usize {
    let end = text[from..].find('\n').map_or(text.len(), |i| from + i);
    from + text[from..end].trim_end().len()
}

/// Sentence spans inside one paragraph.
fn sentence_spans(
    text: &str,
    span: Range<usize>,
    protected: &[Range<usize>],
    is_abbreviation: &impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let body = &text[span.clone()];
    let bytes = body.as_bytes();
    let mut spans = Vec::new();
    let mut start = 0;
    // "LONDON, March 4, 2026 (Reuters) - Dockers …": the dateline is a sentence of its own.
    if let Some(end) = dateline_end(body) {
        spans.push(span.start..span.start + end);
        start = end + (body[end..].len() - body[end..].trim_start_matches(['-', '–', '—', ' ']).len());
    }
    // Inside a quotation (strictly between its opening mark and its last byte) no sentence
    // ends: the quotations merged into disjoint open intervals, looked up by binary search.
    let mut inside: Vec<(usize, usize)> = protected.iter().map(|p| (p.start, p.end.saturating_sub(1))).collect();
    inside.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(inside.len());
    for (a, b) in inside {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let quoted = |at: usize| {
        let i = merged.partition_point(|&(a, _)| a < at);
        i > 0 && at < merged[i - 1].1
    };
    let first = start;
    let mut iter = body.char_indices().skip_while(|&(i, _)| i < first).peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        if quoted(span.start + i) {
            continue;
        }
        // Take closing quotes and brackets that belong to this sentence.
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if matches!(n, '"' | '”' | '’' | '\'' | ')' | ']') || (n == '.' && c == '.') {
                end = j + n.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &body[end..];
        let after_space = rest.trim_start();
        let next = after_space.chars().next();
        let spaced = after_space.len() < rest.len();
        let word = word_before(body, i);
        let boundary = match next {
            None => false,
            Some(_) if c == '.' && (is_abbreviation(word) || is_initial(word)) => false,
            Some(n) if spaced => {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '“' | '"' | '‘' | '(' | '[' | '—' | '-' | '•')
                    || (n.is_lowercase() && c == '.' && word.len() >= 3 && word.chars().all(char::is_lowercase))
            }
            // "truce.The deal": a missing space after a full stop, between two real words.
            Some(n) => {
                c == '.'
                    && n.is_uppercase()
                    && after_space.chars().nth(1).is_some_and(char::is_lowercase)
                    && word.len() >= 2
                    && word.chars().all(char::is_lowercase)
            }
        };
        if boundary {
            spans.push(span.start + start..span.start + end);
            start = end + (rest.len() - after_space.len());
        }
    }
    if start < bytes.len() {
        spans.push(span.start + start..span.end);
    }
    spans.retain(|s| !text[s.clone()].trim().is_empty());
    spans.into_iter().flat_map(|s| bounded(text, s)).collect()
}

/// Longest sentence, in bytes: text this long without a sentence end (a page of figures on one
/// line, a list run together) is cut at the last space before the limit, so that work done per
/// claim over its sentence stays bounded whatever the document's shape.
pub const MAX_SENTENCE: usize = 2_000;

fn bounded(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE {
        let mut limit = start + MAX_SENTENCE;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        // The last space in the window, else the window's end (one unbroken "word").
        let cut = text[start..limit].rfind(char::is_whitespace).map_or(limit, |i| start + i).max(start + 1);
        let cut = (cut..=span.end).find(|&i| text.is_char_boundary(i)).unwrap_or(span.end);
        let piece = start..cut;
        if !text[piece.clone()].trim().is_empty() {
            out.push(piece);
        }
        start = cut + text[cut..span.end].len() - text[cut..span.end].trim_start().len();
    }
    if start < span.end {
        out.push(start..span.end);
    }
    out
}

/// Where a dateline ends: a short opening stretch with a date (digits) that starts with a
/// capitalised place name and is closed by a dash.
fn dateline_end(body: &str) -> Option<usize> {
    const LONGEST: usize = 120;
    let head = &body[..floor_boundary(body, body.len().min(LONGEST))];
    let dash = [" - ", " – ", " — "].iter().filter_map(|d| head.find(d)).min()?;
    let prefix = &head[..dash];
    let starts_with_place = prefix.chars().next().is_some_and(char::is_uppercase) && prefix.contains(',');
    let dated = prefix.chars().any(|c| c.is_ascii_digit()) || prefix.ends_with(')');
    (starts_with_place && dated && !prefix.contains(['!', '?'])).then_some(dash)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The word (letters and inner dots, as in "U.S") right before byte `i`.
fn word_before(body: &str, i: usize) -> &str {
    let head = &body[..i];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    &head[start..]
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Layout {
        segment(text, |w| matches!(w, "Mr" | "U.S" | "Dr"), |_| Furniture::No)
    }

    fn sentences(text: &str) -> Vec<&str> {
        layout(text).sentences.iter().map(|s| &text[s.span.clone()]).collect()
    }

    #[test]
    fn splits_on_missing_space_but_not_on_abbreviations() {
        assert_eq!(
            sentences("Mr. Lee met U.S. officials. It was short.The truce held."),
            ["Mr. Lee met U.S. officials.", "It was short.", "The truce held."]
        );
    }

    #[test]
    fn does_not_split_inside_a_quote() {
        assert_eq!(sentences("“We won. It is over,” she said. Next."), ["“We won. It is over,” she said.", "Next."]);
    }

    #[test]
    fn stray_opening_mark_yields_no_quote() {
        let text = "“```html\nA headline\nHe said nothing.";
        assert!(layout(text).quotes.is_empty());
    }

    #[test]
    fn quote_reopened_in_next_paragraph_continues() {
        let text = "“First part of it.\n“Second part,” she said.";
        let quotes = layout(text).quotes;
        assert_eq!(quotes.len(), 2);
        assert!(quotes[0].continues);
        assert_eq!(&text[quotes[0].inner.clone()], "First part of it.");
        assert_eq!(&text[quotes[1].inner.clone()], "Second part,");
    }

    #[test]
    fn single_quote_reopened_in_next_paragraph_continues() {
        let text = "The judge told him: 'It is a tragedy.\n'The court will decide,' he said.\nHe left.";
        let quotes = layout(text).quotes;
        assert_eq!(quotes.len(), 2);
        assert!(quotes[0].continues);
        assert_eq!(&text[quotes[0].inner.clone()], "It is a tragedy.");
        assert_eq!(&text[quotes[1].inner.clone()], "The court will decide,");
    }

    #[test]
    fn single_mark_left_open_before_prose_is_no_quote() {
        let text = "The 'big idea of the year.\nThe next paragraph is prose.";
        assert!(layout(text).quotes.is_empty());
    }

    #[test]
    fn doubled_single_marks_are_one_double_mark() {
        let text = "''This was not a vote,'' he said. “I will defend it.’’ She left.";
        let quotes = layout(text).quotes;
        assert_eq!(quotes.len(), 2);
        assert!(quotes.iter().all(|q| q.double));
        assert_eq!(&text[quotes[0].inner.clone()], "This was not a vote,");
        assert_eq!(&text[quotes[1].inner.clone()], "I will defend it.");
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "China’s exports and workers’ pay rose, he said of the ‘time bomb’.";
        let quotes = layout(text).quotes;
        assert_eq!(quotes.len(), 1);
        assert_eq!(&text[quotes[0].inner.clone()], "time bomb");
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let text = "The ministry said on Tuesday that the new rules would apply to\nall exporters from May.\n\nSecond paragraph.";
        assert_eq!(layout(text).paragraphs.len(), 2);
    }

    #[test]
    fn a_footer_marker_above_the_story_is_a_header_link() {
        let furniture = |p: &str| if p == "Comments" { Furniture::RestOfArticle } else { Furniture::No };
        let body = "A former officer was jailed for seven years on Friday after a trial that lasted a week.";
        let header = "Notifications can be managed in browser preferences.";
        let text = format!(
            "{header}\n\nHeadline\n\nFriday 26 January 1996\n\nComments\n\n{body}\n\n{body}\n\nComments\n\n{body}"
        );
        let l = segment(&text, |_| false, furniture);
        let kept: Vec<bool> = l.paragraphs.iter().map(|p| !p.boilerplate).collect();
        assert_eq!(kept, [true, true, true, false, true, true, false, false]);
    }

    #[test]
    fn line_and_column_are_one_based_characters() {
        let text = "ab\n“cd";
        let l = layout(text);
        assert_eq!(l.line_col(text, text.find('c').unwrap()), (2, 2));
    }
}
