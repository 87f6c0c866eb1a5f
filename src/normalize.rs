//! Turning matched words into values: numbers ("3,200", "seven", "1.2 billion") and dates
//! (ISO 8601 at the precision the text gives, relative ones resolved against a reference day).

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::rules::Lexicon;

/// "3,200" → 3200, "2.5" → 2.5, "seven" → 7, "twenty-five" → 25. `None` if not a number.
pub fn parse_number(text: &str, lexicon: &Lexicon) -> Option<f64> {
    let cleaned: String = text.trim().chars().filter(|&c| c != ',' && c != ' ' && c != '\u{a0}').collect();
    if let Ok(n) = cleaned.parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    let words = text.trim().to_lowercase();
    let table = ["number_word", "article_number", "fraction"].into_iter().find_map(|t| lexicon.number(t, &words));
    if let Some(n) = table {
        return Some(n);
    }
    // "twenty-five", "twenty five"
    let mut total = 0.0;
    for part in words.split(['-', ' ']).filter(|p| !p.is_empty()) {
        total += lexicon.number("number_word", part)?;
    }
    (total > 0.0).then_some(total)
}

/// Multiplier for a scale word ("billion", "bn", "m"); 1 when absent.
pub fn scale(word: Option<&str>, lexicon: &Lexicon) -> f64 {
    word.and_then(|w| {
        lexicon
            .number("scale", &w.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches('.').to_lowercase())
    })
    .unwrap_or(1.0)
}

/// Date precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Decade,
    /// "2025-Q4".
    Quarter,
    /// "2025-H1".
    Half,
    /// "FY2025".
    FiscalYear,
    /// A sports season ("2023/2024") or a season of the year (EDTF "2025-22").
    Season,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::FiscalYear => "fiscal-year",
            Precision::Season => "season",
        }
    }
}

/// Calendar units a relative date moves by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Quarter,
    Half,
    /// A sports season, August to May ("last season").
    Season,
}

impl Unit {
    pub fn parse(word: &str, lexicon: &Lexicon) -> Option<Unit> {
        let canonical = lexicon.string("time_unit", word).unwrap_or(word);
        match canonical.to_lowercase().as_str() {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            "quarter" => Some(Unit::Quarter),
            "half" => Some(Unit::Half),
            "season" => Some(Unit::Season),
            _ => None,
        }
    }

    fn precision(self) -> Precision {
        match self {
            Unit::Day => Precision::Day,
            Unit::Week => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
            Unit::Quarter => Precision::Quarter,
            Unit::Half => Precision::Half,
            Unit::Season => Precision::Season,
        }
    }
}

/// A part of a year named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// 1–4.
    Quarter(i8),
    /// 1–2.
    Half(i8),
    /// A season of the year as EDTF numbers it: 21 spring, 22 summer, 23 autumn, 24 winter
    /// (the winter that begins in December of its year).
    Season(i8),
    /// A sports season that starts in its year and ends in the next.
    SportSeason,
    /// A span of whole years from `year` to this one ("2023-2026").
    Years(i16),
}

/// The parts of a date as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateParts {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub weekday: Option<Weekday>,
    /// "the 1980s" → 198.
    pub decade: Option<i16>,
    /// Calendar move relative to the reference: `offset` units ("last week" = -1 week).
    pub offset: Option<(i64, Unit)>,
    /// "next Tuesday" vs "last Tuesday" vs plain "Tuesday" (0: the most recent); the same for
    /// seasons of the year ("last summer", "this summer").
    pub weekday_direction: i64,
    /// A quarter, half or season of `year` (or of the year the reference puts it in).
    pub period: Option<Period>,
    /// `year` (and `period`) count in a fiscal year ("FY25", "fiscal 2024"), named by the
    /// calendar year it ends in.
    pub fiscal: bool,
}

/// A normalised date.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalDate {
    /// ISO 8601 at `precision`; `X` for what the text leaves open ("XXXX-06-11", "198X").
    pub value: Option<String>,
    pub precision: Precision,
    /// The value depends on the reference date.
    pub relative: bool,
    /// A weekday that does not fall on the stated day.
    pub weekday_mismatch: bool,
}

impl DateParts {
    /// A full calendar date written out in the text (what a dateline carries).
    pub fn full_date(&self) -> Option<Date> {
        match (self.year, self.month, self.day, &self.offset) {
            (Some(y), Some(m), Some(d), None) => Date::new(y, m, d).ok(),
            _ => None,
        }
    }

    /// Resolves against `reference` (the article's own date, or the one given by the user).
    pub fn resolve(&self, reference: Option<Date>) -> Option<NormalDate> {
        let done = |value: String, precision, relative| {
            Some(NormalDate { value: Some(value), precision, relative, weekday_mismatch: false })
        };
        let open = |value: Option<String>, precision| {
            Some(NormalDate { value, precision, relative: true, weekday_mismatch: false })
        };
        if let Some(decade) = self.decade {
            return done(format!("{decade:03}X"), Precision::Decade, false);
        }
        if self.period.is_some() || self.fiscal {
            return self.resolve_period(reference);
        }
        if let Some((amount, unit)) = self.offset {
            let Some(reference) = reference else {
                return open(None, unit.precision());
            };
            return shifted(reference, self, amount, unit).map(|(value, precision)| NormalDate {
                value: Some(value),
                precision,
                relative: true,
                weekday_mismatch: false,
            });
        }
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => {
                let date = Date::new(y, m, d).ok()?;
                let mismatch = self.weekday.is_some_and(|w| w != date.weekday());
                Some(NormalDate {
                    value: Some(date.to_string()),
                    precision: Precision::Day,
                    relative: false,
                    weekday_mismatch: mismatch,
                })
            }
            (Some(y), Some(m), None) => {
                (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}")).and_then(|v| done(v, Precision::Month, false))
            }
            (Some(y), None, None) => done(format!("{y:04}"), Precision::Year, false),
            (None, Some(m), day) => {
                let Some(reference) = reference else {
                    let value = match day {
                        Some(d) => format!("XXXX-{m:02}-{d:02}"),
                        None => format!("XXXX-{m:02}"),
                    };
                    return open(Some(value), if day.is_some() { Precision::Day } else { Precision::Month });
                };
                // "last May", "next March": the one before or after the reference month.
                let year = match self.weekday_direction {
                    d if d < 0 => reference.year() - i16::from(m >= reference.month()),
                    d if d > 0 => reference.year() + i16::from(m <= reference.month()),
                    _ => nearest_year(reference, m),
                };
                match day {
                    Some(d) => {
                        let date = Date::new(year, m, d).ok()?;
                        let mismatch = self.weekday.is_some_and(|w| w != date.weekday());
                        Some(NormalDate {
                            value: Some(date.to_string()),
                            precision: Precision::Day,
                            relative: true,
                            weekday_mismatch: mismatch,
                        })
                    }
                    None => done(format!("{year:04}-{m:02}"), Precision::Month, true),
                }
            }
            (None, None, Some(d)) => {
                let Some(reference) = reference else {
                    return open(Some(format!("XXXX-XX-{d:02}")), Precision::Day);
                };
                let (date, mismatch) = day_near(reference, d, self.weekday)?;
                Some(NormalDate {
                    value: Some(date.to_string()),
                    precision: Precision::Day,
                    relative: true,
                    weekday_mismatch: mismatch,
                })
            }
            (None, None, None) => {
                let weekday = self.weekday?;
                let Some(reference) = reference else {
                    return open(None, Precision::Day);
                };
                let date = weekday_near(reference, weekday, self.weekday_direction)?;
                done(date.to_string(), Precision::Day, true)
            }
            _ => None,
        }
    }
}

impl DateParts {
    /// Quarters, halves, seasons and fiscal years: of the year written, of a year moved from
    /// the reference ("the second half of last year"), or of the year the reference suggests.
    fn resolve_period(&self, reference: Option<Date>) -> Option<NormalDate> {
        let (year, relative) = match (self.year, self.offset, reference) {
            (Some(y), _, _) => (Some(y), false),
            (None, Some((amount, Unit::Year)), Some(r)) => {
                (Some(r.year().checked_add(i16::try_from(amount).ok()?)?), true)
            }
            (None, Some(_), None) => (None, true),
            (None, _, Some(r)) => (self.period.and_then(|p| period_year(r, p, self.weekday_direction)), true),
            (None, _, None) => (None, true),
        };
        let prefix = if self.fiscal { "FY" } else { "" };
        let y = |y: Option<i16>| y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
        let (value, precision) = match self.period {
            Some(Period::Quarter(q)) => (Some(format!("{prefix}{}-Q{q}", y(year))), Precision::Quarter),
            Some(Period::Half(h)) => (Some(format!("{prefix}{}-H{h}", y(year))), Precision::Half),
            Some(Period::Season(s)) if !self.fiscal => (Some(format!("{}-{s}", y(year))), Precision::Season),
            Some(Period::SportSeason) if !self.fiscal => {
                (year.map(|y| format!("{y:04}/{:04}", y + 1)), Precision::Season)
            }
            Some(Period::Years(end)) if !self.fiscal => (year.map(|y| format!("{y:04}/{end:04}")), Precision::Year),
            None if self.fiscal => (year.map(|y| format!("FY{y:04}")), Precision::FiscalYear),
            _ => return None,
        };
        Some(NormalDate { value, precision, relative, weekday_mismatch: false })
    }
}

/// The year of a quarter, half or season that the text leaves open: the occurrence nearest the
/// reference (a February article's "fourth quarter" is last year's; on a tie the quarter
/// already over, which earnings reports talk about). A half is the reference year's. A season
/// of the year follows `direction` ("last summer" is the most recent one before the reference,
/// "next winter" the first after); plain "this summer" or "in the autumn" is the nearest, on a
/// tie the one to come (a May article's "in the autumn").
fn period_year(reference: Date, period: Period, direction: i64) -> Option<i16> {
    let year = i32::from(reference.year());
    let month = i32::from(reference.month());
    // `later`: on a tie, the later occurrence.
    let nearest = |per_year: i32, now: i32, index: i32, later: bool| {
        (year - 2..=year + 1)
            .map(|y| (y, y * per_year + index))
            .filter(|&(_, at)| match direction {
                d if d < 0 => at < now,
                d if d > 0 => at > now,
                _ => true,
            })
            .min_by_key(|&(_, at)| match direction {
                d if d < 0 => (now - at, 0),
                d if d > 0 => (at - now, 0),
                _ => ((at - now).abs(), if later { -at } else { at }),
            })
            .and_then(|(y, _)| i16::try_from(y).ok())
    };
    match period {
        Period::Quarter(q) => nearest(4, year * 4 + (month - 1) / 3, i32::from(q) - 1, false),
        Period::Half(_) => Some(reference.year()),
        Period::Season(s) => {
            // Spring is March–May; January and February are the winter of the year before.
            let now = match month {
                1 | 2 => (year - 1) * 4 + 3,
                m => year * 4 + (m - 3) / 3,
            };
            nearest(4, now, i32::from(s) - 21, true)
        }
        Period::SportSeason => Some(sport_season_start(reference)),
        Period::Years(_) => None,
    }
}

/// The first year of the sports season a day falls in: seasons run August to May, and from
/// July on talk is of the one about to start.
fn sport_season_start(reference: Date) -> i16 {
    if reference.month() >= 7 { reference.year() } else { reference.year() - 1 }
}

/// "2025-Q4" for a quarter counted from year 0 (`year * 4 + quarter - 1`).
pub fn quarter_value(index: i32) -> String {
    format!("{:04}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
}

/// The quarter index (`year * 4 + quarter - 1`) a day falls in.
fn quarter_index(date: Date) -> i32 {
    i32::from(date.year()) * 4 + (i32::from(date.month()) - 1) / 3
}

/// "last week", "next month", "two days ago", "this year".
fn shifted(reference: Date, parts: &DateParts, amount: i64, unit: Unit) -> Option<(String, Precision)> {
    match unit {
        Unit::Quarter => {
            let index = quarter_index(reference) + i32::try_from(amount).ok()?;
            return Some((quarter_value(index), Precision::Quarter));
        }
        Unit::Half => {
            let index = i32::from(reference.year()) * 2
                + (i32::from(reference.month()) - 1) / 6
                + i32::try_from(amount).ok()?;
            return Some((format!("{:04}-H{}", index.div_euclid(2), index.rem_euclid(2) + 1), Precision::Half));
        }
        Unit::Season => {
            let start = i64::from(sport_season_start(reference)) + amount;
            return Some((format!("{start:04}/{:04}", start + 1), Precision::Season));
        }
        _ => {}
    }
    let moved = match unit {
        Unit::Quarter | Unit::Half | Unit::Season => return None,
        Unit::Day => reference.checked_add(amount.days()).ok()?,
        Unit::Week => reference.checked_add(amount.weeks()).ok()?,
        Unit::Month => reference.checked_add(amount.months()).ok()?,
        Unit::Year => reference.checked_add(amount.years()).ok()?,
    };
    Some(match unit {
        Unit::Day => (moved.to_string(), Precision::Day),
        Unit::Week => {
            let week = moved.iso_week_date();
            (format!("{:04}-W{:02}", week.year(), week.week()), Precision::Week)
        }
        // "April last year": a month within the shifted year.
        Unit::Year => match (parts.month, parts.day) {
            // "December 5 last year": that day in the shifted year.
            (Some(m), Some(d)) => (Date::new(moved.year(), m, d).ok()?.to_string(), Precision::Day),
            (Some(m), None) => (format!("{:04}-{m:02}", moved.year()), Precision::Month),
            _ => (format!("{:04}", moved.year()), Precision::Year),
        },
        Unit::Month => (format!("{:04}-{:02}", moved.year(), moved.month()), Precision::Month),
        Unit::Quarter | Unit::Half | Unit::Season => return None,
    })
}

/// The year that puts `month` closest to the reference (a January article's "December" is last
/// year's); six months either way is the one past, since news reports more than it forecasts.
fn nearest_year(reference: Date, month: i8) -> i16 {
    let diff = i32::from(month) - i32::from(reference.month());
    match diff {
        d if d >= 6 => reference.year() - 1,
        d if d < -6 => reference.year() + 1,
        _ => reference.year(),
    }
}

/// "the 11th", "Wednesday (11th)": that day in the reference month, or a neighbouring month
/// when the weekday says so or the day is well past the reference day.
fn day_near(reference: Date, day: i8, weekday: Option<Weekday>) -> Option<(Date, bool)> {
    let this_month = reference.first_of_month();
    let candidates = [Some(this_month), this_month.checked_sub(1.month()).ok(), this_month.checked_add(1.month()).ok()];
    let dates: Vec<Date> =
        candidates.into_iter().flatten().filter_map(|m| Date::new(m.year(), m.month(), day).ok()).collect();
    if let Some(weekday) = weekday
        && let Some(date) = dates.iter().find(|d| d.weekday() == weekday)
    {
        return Some((*date, false));
    }
    let first = *dates.first()?;
    let date =
        if i32::from(day) > i32::from(reference.day()) + 7 { dates.get(1).copied().unwrap_or(first) } else { first };
    Some((date, weekday.is_some_and(|w| w != date.weekday())))
}

/// "Tuesday" in an article: the most recent one on or before the reference day;
/// `direction` > 0 for "next Tuesday", < 0 for "last Tuesday".
fn weekday_near(reference: Date, weekday: Weekday, direction: i64) -> Option<Date> {
    let back = i64::from(reference.weekday().since(weekday));
    let recent = reference.checked_sub(back.days()).ok()?;
    match direction {
        d if d > 0 => recent.checked_add(7.days()).ok(),
        d if d < 0 && back == 0 => recent.checked_sub(7.days()).ok(),
        _ => Some(recent),
    }
}

/// Parses an ISO date given on the command line or in a test header.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

pub fn weekday_from_number(n: i64) -> Option<Weekday> {
    Weekday::from_monday_one_offset(i8::try_from(n).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weekday_and_day_resolve_to_the_matching_month() {
        let parts = DateParts { day: Some(11), weekday: Some(Weekday::Wednesday), ..Default::default() };
        let resolved = parts.resolve(Some(date("2025-06-12"))).unwrap();
        assert_eq!(resolved.value.as_deref(), Some("2025-06-11"));
        assert!(!resolved.weekday_mismatch);
    }

    #[test]
    fn last_week_is_an_iso_week() {
        let parts = DateParts { offset: Some((-1, Unit::Week)), ..Default::default() };
        assert_eq!(parts.resolve(Some(date("2025-06-12"))).unwrap().value.as_deref(), Some("2025-W23"));
    }

    #[test]
    fn month_without_year_takes_the_nearest_year() {
        let parts = DateParts { month: Some(12), ..Default::default() };
        assert_eq!(parts.resolve(Some(date("2026-01-05"))).unwrap().value.as_deref(), Some("2025-12"));
        assert_eq!(parts.resolve(None).unwrap().value.as_deref(), Some("XXXX-12"));
    }

    #[test]
    fn plain_weekday_is_the_most_recent_one() {
        let parts = DateParts { weekday: Some(Weekday::Tuesday), ..Default::default() };
        // 2025-06-12 is a Thursday.
        assert_eq!(parts.resolve(Some(date("2025-06-12"))).unwrap().value.as_deref(), Some("2025-06-10"));
    }

    #[test]
    fn decades_and_invalid_dates() {
        let parts = DateParts { decade: Some(198), ..Default::default() };
        assert_eq!(parts.resolve(None).unwrap().value.as_deref(), Some("198X"));
        let bad = DateParts { year: Some(2025), month: Some(2), day: Some(30), ..Default::default() };
        assert!(bad.resolve(None).is_none());
    }
}
