//! Dates: parts as written, the article's own date, then ISO values.

use jiff::civil::Date;
use serde_json::Value;

use super::{Context, ReferenceFrom};
use crate::claim::{Claim, ClaimKind};
use crate::normalize::{DateParts, Unit, parse_number, weekday_from_number};
use crate::rules::{Capture, RuleKind, RuleMatch};

pub(super) struct Found {
    claim: Claim,
    parts: DateParts,
}

pub(super) fn scan(cx: &Context<'_>) -> Vec<Found> {
    cx.scan(RuleKind::Date).into_iter().filter_map(|m| found(cx, &m)).collect()
}

fn found(cx: &Context<'_>, m: &RuleMatch) -> Option<Found> {
    let rule = &cx.rules.rules[m.rule];
    let lexicon = &cx.rules.lexicon;
    let get = |c: Capture| m.get(c).map(|r| cx.slice(&r).trim());
    let mut parts = DateParts {
        year: get(Capture::Year).and_then(|y| y.parse().ok()),
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
    let unit = get(Capture::Unit).or(rule.unit.as_deref()).and_then(|u| Unit::parse(u, lexicon));
    let rel = get(Capture::Rel).and_then(|r| lexicon.number("relative", r)).map(|r| r as i64);
    let n = get(Capture::N).and_then(|n| parse_number(n, lexicon)).map(|n| n as i64);
    parts.offset = match (rule.shift, n, rel, unit) {
        (Some(shift), _, _, Some(unit)) => Some((shift, unit)),
        (None, Some(n), _, Some(unit)) => Some((n * rule.direction.unwrap_or(-1), unit)),
        (None, None, Some(rel), Some(unit)) => Some((rel, unit)),
        _ => None,
    };
    if parts.offset.is_none() && unit.is_none() {
        parts.weekday_direction = rel.unwrap_or(0);
    }
    let mut claim = Claim::new(ClaimKind::Date, &rule.id, cx.text, m.claim_span(), Value::Null);
    claim.qualifier = get(Capture::Part).map(super::hedge);
    Some(Found { claim, parts })
}

/// The article's own date: a full date at the very top (a dateline or "Published:" line), else
/// the first full date in the opening paragraphs.
pub(super) fn article_date(cx: &Context<'_>, found: &[Found]) -> Option<(Date, ReferenceFrom)> {
    let text_paragraphs: Vec<usize> =
        (0..cx.layout.paragraphs.len()).filter(|&i| !cx.layout.paragraphs[i].boilerplate).take(3).collect();
    let paragraph_of = |f: &Found| cx.layout.paragraph_at(f.claim.at.start);
    let full = |f: &Found| f.parts.full_date();
    if let Some(date) =
        found.iter().filter(|f| paragraph_of(f).is_some_and(|p| text_paragraphs.first() == Some(&p))).find_map(full)
    {
        return Some((date, ReferenceFrom::Dateline));
    }
    found
        .iter()
        .filter(|f| paragraph_of(f).is_some_and(|p| text_paragraphs.contains(&p)))
        .find_map(full)
        .map(|date| (date, ReferenceFrom::Lead))
}

pub(super) fn resolve(cx: &Context<'_>, found: Vec<Found>, reference: Option<Date>) -> Vec<Claim> {
    let _ = cx;
    found
        .into_iter()
        .filter_map(|Found { mut claim, parts }| {
            let date = parts.resolve(reference)?;
            claim.value = date.value.map_or(Value::Null, Value::String);
            claim.detail.precision = Some(date.precision.name().into());
            claim.detail.relative = Some(date.relative);
            if date.relative && reference.is_none() {
                claim.flags.push("needs-reference-date".into());
            }
            if date.weekday_mismatch {
                claim.flags.push("weekday-mismatch".into());
            }
            Some(claim)
        })
        .collect()
}
