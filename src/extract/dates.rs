//! Dates: parts as written, the article's own date, then ISO values.

use jiff::civil::Date;
use serde_json::Value;

use super::{Context, ReferenceFrom};
use crate::claim::{Claim, ClaimKind};
use crate::normalize::{DateParts, Period, Precision, Unit, parse_number, quarter_value, weekday_from_number};
use crate::rules::{Capture, RuleKind, RuleMatch};

pub(super) struct Found {
    claim: Claim,
    parts: DateParts,
    /// A quarter counted from the quarter the article was just talking about ("the previous
    /// quarter", "the year-ago quarter"), not from the reference date.
    anchored: bool,
    /// A `date YYYY-MM-DD` label at the very top of the text: the page's own date, the
    /// reference before any other.
    header: bool,
}

/// Flag on a relative date resolved against a reference date read from the article's text
/// (no dateline, no date in the opening paragraphs).
pub const INFERRED_REFERENCE: &str = "inferred-reference";

/// "2025", "25", "’25" → 2025; two-digit years are 1970–2069.
fn parse_year(text: &str) -> Option<i16> {
    let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    let n: i16 = digits.parse().ok()?;
    Some(match (digits.len(), n) {
        (2, n) if n < 70 => 2000 + n,
        (2, n) => 1900 + n,
        (4, n) => n,
        _ => return None,
    })
}

/// "Q4", "4Q", "H1" → 4, 4, 1; else the word in `table` ("fourth", "second").
fn period_number(text: &str, table: &str, lexicon: &crate::rules::Lexicon) -> Option<i8> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    lexicon.number(table, text).map(|n| n as i8)
}

pub(super) fn scan(cx: &Context<'_>) -> Vec<Found> {
    cx.scan(RuleKind::Date).into_iter().filter_map(|m| found(cx, &m)).collect()
}

fn found(cx: &Context<'_>, m: &RuleMatch) -> Option<Found> {
    let rule = &cx.rules.rules[m.rule];
    let lexicon = &cx.rules.lexicon;
    let get = |c: Capture| m.get(c).map(|r| cx.slice(&r).trim());
    let mut parts = DateParts {
        year: get(Capture::Year).and_then(parse_year),
        month: get(Capture::Month).and_then(|w| {
            w.parse::<i8>().ok().or_else(|| lexicon.number("month", w.trim_end_matches('.')).map(|n| n as i8))
        }),
        day: get(Capture::Day).and_then(|d| d.trim_end_matches(char::is_alphabetic).parse().ok()),
        weekday: get(Capture::Weekday)
            .and_then(|w| lexicon.number("weekday", w.trim_end_matches('.')))
            .and_then(|n| weekday_from_number(n as i64)),
        decade: get(Capture::Decade).and_then(|d| {
            let n: i16 = d.trim_end_matches(['s', '\'', '’']).parse().ok()?;
            Some(if n >= 1000 { n / 10 } else { n })
        }),
        ..DateParts::default()
    };
    if parts.month.is_some_and(|m| !(1..=12).contains(&m)) || parts.day.is_some_and(|d| !(1..=31).contains(&d)) {
        return None;
    }
    // "2023-24", "2024/25": the second year must follow the first, else it is a range or a score.
    let end_year = match get(Capture::EndYear) {
        Some(text) => {
            let start = parts.year?;
            let end = parse_year(text)?;
            let end = if text.trim_start_matches(|c: char| !c.is_ascii_digit()).len() == 2 {
                let end = start - start % 100 + end % 100;
                if end <= start { end + 100 } else { end }
            } else {
                end
            };
            // "2023-2026" written out in full is a span of years, not a season.
            let full = text.trim_start_matches(|c: char| !c.is_ascii_digit()).len() == 4;
            let span = full && m.get(Capture::Fiscal).is_none() && (start + 2..=start + 100).contains(&end);
            if end != start + 1 && !span {
                return None;
            }
            Some(end)
        }
        None => None,
    };
    parts.fiscal = m.get(Capture::Fiscal).is_some();
    parts.period = if let Some(q) = get(Capture::Quarter) {
        Some(Period::Quarter(period_number(q, "quarter_word", lexicon).filter(|q| (1..=4).contains(q))?))
    } else if let Some(h) = get(Capture::Half) {
        Some(Period::Half(period_number(h, "half_word", lexicon).filter(|h| (1..=2).contains(h))?))
    } else if let Some(s) = get(Capture::Season) {
        Some(Period::Season(lexicon.number("season_word", s).map(|n| n as i8).filter(|s| (21..=24).contains(s))?))
    } else if let Some(end) = end_year.filter(|&end| parts.year.is_some_and(|start| end > start + 1)) {
        Some(Period::Years(end))
    } else if end_year.is_some() && !parts.fiscal {
        Some(Period::SportSeason)
    } else {
        None
    };
    // A fiscal year is named by the year it ends in ("fiscal 2024-25" is FY2025).
    if parts.fiscal && end_year.is_some() {
        parts.year = end_year;
    }
    let unit = get(Capture::Unit).or(rule.unit.as_deref()).and_then(|u| Unit::parse(u, lexicon));
    let rel_word = get(Capture::Rel);
    let rel = rel_word.and_then(|r| lexicon.number("relative", r)).map(|r| r as i64);
    let anchor_word = rel_word.is_some_and(|r| lexicon.contains("period_anchor", r));
    // "a year earlier": a year before the period just named (a quarter or a month).
    let anchored = (unit == Some(Unit::Quarter) && (rule.shift.is_some() || anchor_word))
        || (matches!(unit, Some(Unit::Month | Unit::Year)) && anchor_word);
    let n = get(Capture::N).and_then(|n| parse_number(n, lexicon)).map(|n| n as i64);
    parts.offset = match (rule.shift, n, rel, unit) {
        (Some(shift), _, _, Some(unit)) => Some((shift, unit)),
        (None, Some(n), _, Some(unit)) => Some((n * rule.direction.unwrap_or(-1), unit)),
        (None, None, Some(rel), Some(unit)) => Some((rel, unit)),
        // "the first three months of the year": a part of the reference year.
        (None, None, None, Some(Unit::Year)) if parts.period.is_some() => Some((0, Unit::Year)),
        _ => None,
    };
    if parts.offset.is_none() && unit.is_none() {
        parts.weekday_direction = rel.unwrap_or(0);
        // "We will rest four players on Wednesday", "a mission in October is going ahead": a
        // bare weekday or month after a future verb is the one to come.
        let bare_month = parts.month.is_some() && parts.year.is_none() && parts.day.is_none();
        if rel.is_none() && (parts.weekday.is_some() || bare_month) && future_before(cx, m.claim_span().start) {
            parts.weekday_direction = 1;
        }
    }
    let mut claim = Claim::new(ClaimKind::Date, &rule.id, cx.text, m.claim_span(), Value::Null);
    claim.qualifier = get(Capture::Part).map(super::hedge);
    let header = header_label(cx.text.get(..m.claim_span().start).unwrap_or_default());
    Some(Found { claim, parts, anchored, header })
}

/// " date 2025-07-23 The minister said": the text before a date is only a `date` label at the
/// top of the page (an excerpt's header), so the date is the page's own.
fn header_label(before: &str) -> bool {
    before.trim().trim_end_matches(':').eq_ignore_ascii_case("date")
}

/// How far before a weekday a future verb makes it the one to come.
const FUTURE_WINDOW_WORDS: usize = 12;

/// A future marker (`[lexicon.future_marker]`: "will", "is due to", "scheduled") in the few
/// words before `at`, within its sentence.
fn future_before(cx: &Context<'_>, at: usize) -> bool {
    let start = cx.layout.sentence_at(at).map_or(at, |i| cx.layout.sentences[i].span.start);
    let before = cx.slice(&(start..at));
    before
        .split_whitespace()
        .rev()
        .take(FUTURE_WINDOW_WORDS)
        .any(|w| cx.rules.lexicon.contains("future_marker", crate::text::bare_word(w)))
}

/// The article's own date: a full date at the very top (a dateline or "Published:" line), else
/// the first full date in the opening paragraphs, else the latest full date anywhere in its text.
/// How many paragraphs from the top of a page the article's date is looked for in furniture.
const TOP_PARAGRAPHS: usize = 8;

pub(super) fn article_date(cx: &Context<'_>, found: &[Found]) -> Option<(Date, ReferenceFrom)> {
    let text_paragraphs: Vec<usize> =
        (0..cx.layout.paragraphs.len()).filter(|&i| !cx.layout.paragraphs[i].boilerplate).take(3).collect();
    let paragraph_of = |f: &Found| cx.layout.paragraph_at(f.claim.at.start);
    let full = |f: &Found| f.parts.full_date();
    if let Some(date) = found.iter().filter(|f| f.header).find_map(full) {
        return Some((date, ReferenceFrom::Dateline));
    }
    if let Some(date) =
        found.iter().filter(|f| paragraph_of(f).is_some_and(|p| text_paragraphs.first() == Some(&p))).find_map(full)
    {
        return Some((date, ReferenceFrom::Dateline));
    }
    // "Follow on Twitter / on April 26, 2013 at 9:19 AM": page furniture at the top of the
    // article carries its date though it is no claim of the article.
    let top = cx.layout.paragraphs[..cx.layout.paragraphs.len().min(TOP_PARAGRAPHS)].last().map_or(0, |p| p.span.end);
    if cx.layout.paragraphs.iter().take(TOP_PARAGRAPHS).any(|p| p.boilerplate) {
        let in_furniture = |span: &std::ops::Range<usize>| {
            span.end <= top
                && cx.layout.paragraph_at(span.start).is_some_and(|i| {
                    cx.layout.paragraphs[i].boilerplate && span.end <= cx.layout.paragraphs[i].span.end
                })
        };
        // Only the top of the page is read again, so spans stay the document's own.
        let page_top = cx.text.get(..top).unwrap_or_default();
        let furniture = cx.rules.scan_resuming(RuleKind::Date, page_top, in_furniture, |m| m.span.end);
        if let Some(date) = furniture.iter().filter_map(|m| self::found(cx, m)).find_map(|f| f.parts.full_date()) {
            return Some((date, ReferenceFrom::Dateline));
        }
    }
    if let Some(date) =
        found.iter().filter(|f| paragraph_of(f).is_some_and(|p| text_paragraphs.contains(&p))).find_map(full)
    {
        return Some((date, ReferenceFrom::Lead));
    }
    dateline_without_year(cx, found, &text_paragraphs)
        .or_else(|| found.iter().filter_map(full).chain(weekday_pinned(found)).max())
        .map(|date| (date, ReferenceFrom::Text))
}

/// How far into its paragraph a month and day still read as the dateline ("KUALA LUMPUR, Sept
/// 8 —", "Metro Manila (CNN Philippines, October 26) –"), in bytes.
const DATELINE_BYTES: usize = 60;
/// How many years before the latest year the text names a weekday may put the article.
const WEEKDAY_YEARS_BACK: i16 = 10;

/// "Tokyo, March 13 (Jiji Press)—": a dateline that gives the month and day but not the year
/// takes the year a reader would — the one its weekday falls in ("Tuesday, April 23"), nearest
/// the year the text is about, else that year itself.
fn dateline_without_year(cx: &Context<'_>, found: &[Found], text_paragraphs: &[usize]) -> Option<Date> {
    let near = year_of_text(found)?;
    let dateline = found.iter().filter(|f| without_year(f)).find(|f| {
        cx.layout.paragraph_at(f.claim.at.start).is_some_and(|i| {
            let start = cx.layout.paragraphs[i].span.start;
            // Only the place and the outlet come before a dateline: no small word of a sentence.
            let before = cx.slice(&(start..f.claim.at.start));
            text_paragraphs.contains(&i)
                && before.len() <= DATELINE_BYTES
                && !before.split_whitespace().any(|w| w.trim_start_matches(['(', '[']).starts_with(char::is_lowercase))
        })
    })?;
    year_for(&dateline.parts, near)
}

/// "on Tuesday, April 23": month and day that a weekday pins to a year near the text's year.
fn weekday_pinned(found: &[Found]) -> impl Iterator<Item = Date> + '_ {
    let near = year_of_text(found);
    found.iter().filter(|f| without_year(f) && f.parts.weekday.is_some()).filter_map(move |f| year_for(&f.parts, near?))
}

fn without_year(f: &Found) -> bool {
    let p = &f.parts;
    p.year.is_none() && p.offset.is_none() && p.month.is_some() && p.day.is_some()
}

/// The month and day in `parts` in the year its weekday falls in nearest `near`, or in `near`.
fn year_for(parts: &DateParts, near: i16) -> Option<Date> {
    let (month, day) = (parts.month?, parts.day?);
    match parts.weekday {
        Some(weekday) => (near - WEEKDAY_YEARS_BACK..=near + 1)
            .filter_map(|year| Date::new(year, month, day).ok())
            .filter(|date| date.weekday() == weekday)
            .min_by_key(|date| (date.year() - near).abs()),
        None => Date::new(near, month, day).ok(),
    }
}

/// The year the article is written in, as far as its text says: the latest year given with a
/// month ("in September 2023"), else the latest year it names. Bare years reach into forecasts
/// ("the forecast for 2024"), a month and year rarely does.
fn year_of_text(found: &[Found]) -> Option<i16> {
    year_with_month(found).or_else(|| found.iter().filter(|f| stated(f)).filter_map(|f| f.parts.year).max())
}

/// The latest year the text gives with a month ("in October 2024").
fn year_with_month(found: &[Found]) -> Option<i16> {
    found.iter().filter(|f| stated(f) && f.parts.month.is_some()).filter_map(|f| f.parts.year).max()
}

/// A date as the text states it: not counted from another, not a period, not fiscal.
fn stated(f: &Found) -> bool {
    f.parts.offset.is_none() && f.parts.period.is_none() && !f.parts.fiscal
}

/// Values for the dates found, in text order; `inferred` when the reference date was read from
/// the text rather than a dateline, the lead or the user.
pub(super) fn resolve(found: Vec<Found>, reference: Option<Date>, inferred: bool) -> Vec<Claim> {
    let year_hint = year_with_month(&found);
    // "the fourth quarter" in a text with no date of its own that speaks of 2015: that year's.
    let quarter_hint = year_of_text(&found);
    // The last calendar quarter named, for "the previous quarter" and "the year-ago quarter";
    // the last month named, for "in September … from 5.3% the previous month".
    let mut last_quarter: Option<i32> = None;
    let mut last_month: Option<i32> = None;
    // Whether the period named last was a quarter (not a month), for "a year earlier".
    let mut quarter_last = false;
    found
        .into_iter()
        .filter_map(|Found { mut claim, parts, anchored, .. }| {
            let mut date = parts.resolve(reference)?;
            // Counted from the period just named, the value does not depend on the reference.
            let mut needs_reference = date.relative;
            if reference.is_none()
                && parts.year.is_none()
                && parts.offset.is_none()
                && matches!(parts.period, Some(Period::Quarter(_) | Period::Half(_)))
                && let Some(year) = quarter_hint
                && let Some(rest) = date.value.as_deref().and_then(|v| v.strip_prefix("XXXX-"))
            {
                date.value = Some(format!("{year:04}-{rest}"));
                claim.flags.push(INFERRED_REFERENCE.into());
            }
            match (anchored, parts.offset) {
                (true, Some((amount, Unit::Month))) if last_month.is_some() => {
                    let index = last_month? + i32::try_from(amount).ok()?;
                    date.value = Some(format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1));
                    needs_reference = false;
                }
                (true, Some((amount, _))) if last_quarter.is_some() && date.precision == Precision::Quarter => {
                    date.value = Some(quarter_value(last_quarter? + i32::try_from(amount).ok()?));
                    needs_reference = false;
                }
                (true, Some((amount, Unit::Year))) if quarter_last && last_quarter.is_some() => {
                    date.value = Some(quarter_value(last_quarter? + 4 * i32::try_from(amount).ok()?));
                    date.precision = Precision::Quarter;
                    needs_reference = false;
                }
                (true, Some((amount, Unit::Year))) if last_month.is_some() => {
                    let index = last_month? + 12 * i32::try_from(amount).ok()?;
                    date.value = Some(format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1));
                    date.precision = Precision::Month;
                    needs_reference = false;
                }
                _ => {}
            }
            if !anchored
                && matches!(date.precision, Precision::Month | Precision::Day)
                && let Some(value) = date.value.as_deref()
                && let (Some(Ok(year)), Some(Ok(month))) =
                    (value.get(..4).map(str::parse::<i32>), value.get(5..7).map(str::parse::<i32>))
            {
                last_month = Some(year * 12 + month - 1);
                // A day ("on Tuesday", when results came out) is no period the figures are for.
                quarter_last &= date.precision == Precision::Day;
            }
            // The quarter the article is talking about (not one counted back from it).
            if !anchored
                && date.precision == Precision::Quarter
                && let Some(value) = date.value.as_deref()
                && let Some((year, q)) = value.split_once("-Q")
                && let (Ok(year), Ok(q)) = (year.parse::<i32>(), q.parse::<i32>())
            {
                last_quarter = Some(year * 4 + q - 1);
                quarter_last = true;
            }
            // "November" in an article with no date of its own, about "October 2024": the
            // year the text is about, as a reader takes it (marked inferred).
            let plain_month = parts.year.is_none()
                && parts.month.is_some()
                && parts.weekday.is_none()
                && parts.offset.is_none()
                && parts.weekday_direction == 0;
            if reference.is_none()
                && plain_month
                && let Some(year) = year_hint
                && let Some(rest) = date.value.as_deref().and_then(|v| v.strip_prefix("XXXX-"))
                && !rest.starts_with('X')
            {
                date.value = Some(format!("{year:04}-{rest}"));
                claim.flags.push(INFERRED_REFERENCE.into());
            }
            claim.value = date.value.map_or(Value::Null, Value::String);
            claim.detail.precision = Some(date.precision.name().into());
            claim.detail.relative = Some(date.relative);
            if needs_reference && reference.is_none() {
                claim.flags.push("needs-reference-date".into());
            }
            if needs_reference && reference.is_some() && inferred {
                claim.flags.push(INFERRED_REFERENCE.into());
            }
            if date.weekday_mismatch {
                claim.flags.push("weekday-mismatch".into());
            }
            Some(claim)
        })
        .collect()
}
