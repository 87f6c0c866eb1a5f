//! Behaviour of each claim kind on short texts of our own: what must be found, with which
//! value, and what must not be found.

use std::sync::OnceLock;

use claimscan::claim::QuoteForm;
use claimscan::{Claim, ClaimKind, Document, RuleSet};
use serde_json::{Value, json};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::default_pack().expect("the default pack compiles"))
}

fn run(text: &str, reference: Option<&str>) -> Vec<Claim> {
    let doc = Document::from_bytes("test.txt", text.as_bytes()).expect("decodes");
    let reference = reference.map(|d| d.parse().expect("valid date"));
    claimscan::analyze(rules(), &doc, reference).claims
}

/// The extraction of `text` when no reference date is given: the article's own date decides.
fn without_reference(text: &str) -> claimscan::extract::Extraction {
    let doc = Document::from_bytes("t.txt", text.as_bytes()).expect("decodes");
    claimscan::analyze(rules(), &doc, None)
}

fn of_kind(claims: &[Claim], kind: ClaimKind) -> Vec<&Claim> {
    claims.iter().filter(|c| c.kind == kind).collect()
}

/// The one claim of `kind` whose text is `text`.
fn find<'a>(claims: &'a [Claim], kind: ClaimKind, text: &str) -> &'a Claim {
    let found: Vec<&Claim> = claims.iter().filter(|c| c.kind == kind && c.text == text).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {kind:?} claim {text:?}, got: {:#?}",
        of_kind(claims, kind).iter().map(|c| &c.text).collect::<Vec<_>>()
    );
    found[0]
}

fn texts(claims: &[Claim], kind: ClaimKind) -> Vec<String> {
    of_kind(claims, kind).iter().map(|c| c.text.clone()).collect()
}

// ---------------------------------------------------------------------------------------------
// Dates

#[test]
fn full_dates_in_three_spellings() {
    let claims = run(
        "The ministry confirmed on June 12, 2025, that talks ended. A deal followed on 14 June 2025 and was filed 2025-06-16.",
        None,
    );
    assert_eq!(find(&claims, ClaimKind::Date, "June 12, 2025").value, json!("2025-06-12"));
    assert_eq!(find(&claims, ClaimKind::Date, "14 June 2025").value, json!("2025-06-14"));
    assert_eq!(find(&claims, ClaimKind::Date, "2025-06-16").value, json!("2025-06-16"));
}

#[test]
fn relative_dates_resolve_against_the_reference() {
    let text = "Talks collapsed last week. The deal is due by the end of this year. On the 11th the paper reported it. The Geneva talks in May set the frame; both sides talk until August. Exports fell in the 1980s and in 2010.";
    let claims = run(text, Some("2025-06-12"));
    assert_eq!(find(&claims, ClaimKind::Date, "last week").value, json!("2025-W23"));
    let end_of_year = find(&claims, ClaimKind::Date, "by the end of this year");
    assert_eq!(end_of_year.value, json!("2025"));
    assert_eq!(end_of_year.qualifier.as_deref(), Some("by the end of"));
    assert_eq!(find(&claims, ClaimKind::Date, "On the 11th").value, json!("2025-06-11"));
    assert_eq!(find(&claims, ClaimKind::Date, "May").value, json!("2025-05"));
    assert_eq!(find(&claims, ClaimKind::Date, "August").value, json!("2025-08"));
    assert_eq!(find(&claims, ClaimKind::Date, "the 1980s").value, json!("198X"));
    assert_eq!(find(&claims, ClaimKind::Date, "2010").value, json!("2010"));
}

#[test]
fn weekday_with_day_is_the_same_day_as_the_date() {
    let claims = run("Talks resumed on Wednesday (11th) in Geneva.", Some("2025-06-12"));
    let date = find(&claims, ClaimKind::Date, "Wednesday (11th)");
    assert_eq!(date.value, json!("2025-06-11"));
    assert!(date.flags.is_empty(), "{:?}", date.flags);
}

#[test]
fn unresolved_relative_dates_say_so() {
    let claims = run("On the 11th the paper said talks would run until August.", None);
    let day = find(&claims, ClaimKind::Date, "On the 11th");
    assert_eq!(day.value, json!("XXXX-XX-11"));
    assert!(day.flags.contains(&"needs-reference-date".to_string()));
}

#[test]
fn article_date_comes_from_the_dateline() {
    let doc = Document::from_bytes(
        "t.txt",
        "LONDON, March 4, 2026 (Reuters) - Dockers struck on Monday.\nTalks resume next Wednesday.".as_bytes(),
    )
    .expect("decodes");
    let extraction = claimscan::analyze(rules(), &doc, None);
    assert_eq!(extraction.reference_date.map(|d| d.to_string()).as_deref(), Some("2026-03-04"));
    assert_eq!(find(&extraction.claims, ClaimKind::Date, "Monday").value, json!("2026-03-02"));
    assert_eq!(find(&extraction.claims, ClaimKind::Date, "next Wednesday").value, json!("2026-03-11"));
}

#[test]
fn may_the_verb_mrs_may_and_march_the_verb_are_not_dates() {
    let text = "The union may strike again. Mrs May said workers will march on the ministry. It may 12 times be so. Call +1 (555) 014-2231 before 14:05.";
    let claims = run(text, Some("2025-06-12"));
    assert!(of_kind(&claims, ClaimKind::Date).is_empty(), "{:?}", texts(&claims, ClaimKind::Date));
}

#[test]
fn modal_may_next_to_the_month_may() {
    let claims = run("The union may call further stoppages in May if no deal is reached.", Some("2026-03-04"));
    assert_eq!(texts(&claims, ClaimKind::Date), ["May"]);
    assert_eq!(claims.iter().find(|c| c.kind == ClaimKind::Date).map(|c| c.span), Some([40, 43]));
}

#[test]
fn ordinals_that_are_not_days() {
    let claims = run("It is the 21st century and the 10th anniversary, for the 3rd time.", Some("2025-06-12"));
    assert!(of_kind(&claims, ClaimKind::Date).is_empty(), "{:?}", texts(&claims, ClaimKind::Date));
}

/// The value and precision of the one date claim whose text is `text`.
fn date_of(claims: &[Claim], text: &str) -> (Value, String) {
    let claim = find(claims, ClaimKind::Date, text);
    (claim.value.clone(), claim.detail.precision.clone().unwrap_or_default())
}

#[test]
fn bare_years_are_dates_and_year_like_counts_are_not() {
    let claims = run(
        "Unemployment in 2019 across the region rose, and 2021 was worse. Some 2019 people signed, 1500 votes were cast and a 2019 model sold. Section 2019 applies from 1930 GMT.",
        None,
    );
    assert_eq!(texts(&claims, ClaimKind::Date), ["2019", "2021"]);
    assert_eq!(date_of(&claims, "2021"), (json!("2021"), "year".to_string()));
    let counts = texts(&claims, ClaimKind::Number);
    assert!(counts.contains(&"Some 2019 people".to_string()), "{counts:?}");
    assert!(counts.contains(&"1500 votes".to_string()), "{counts:?}");
    assert!(!counts.iter().any(|c| c.starts_with("2019 across")), "{counts:?}");
    // A span of years written out in full is one date from the first year to the last.
    let claims = run("Output fell over 2019-2021 and again in 2022–2023.", None);
    assert_eq!(texts(&claims, ClaimKind::Date), ["2019-2021", "2022–2023"]);
    assert_eq!(date_of(&claims, "2019-2021").0, json!("2019/2021"));
}

#[test]
fn quarters_resolve_to_the_nearest_one_and_the_previous_one_counts_from_the_quarter_named() {
    // A February article: "the fourth quarter" is last year's.
    let claims = run(
        "Net income in the fourth quarter fell. Revenue in Q3 2025 rose from the previous quarter and from the year-ago quarter; first-quarter guidance is weak.",
        Some("2026-02-05"),
    );
    assert_eq!(date_of(&claims, "the fourth quarter"), (json!("2025-Q4"), "quarter".to_string()));
    assert_eq!(date_of(&claims, "Q3 2025"), (json!("2025-Q3"), "quarter".to_string()));
    assert_eq!(date_of(&claims, "the previous quarter").0, json!("2025-Q2"));
    assert_eq!(date_of(&claims, "the year-ago quarter").0, json!("2024-Q3"));
    assert_eq!(date_of(&claims, "first-quarter").0, json!("2026-Q1"));
    let previous = find(&claims, ClaimKind::Date, "the previous quarter");
    assert_eq!(previous.detail.relative, Some(true));
}

#[test]
fn quarters_without_a_reference_keep_what_the_text_fixes() {
    let claims = run("Revenue in Q3 2025 rose from the previous quarter. The fourth quarter looks better.", None);
    let previous = find(&claims, ClaimKind::Date, "the previous quarter");
    assert_eq!(previous.value, json!("2025-Q2"));
    assert!(previous.flags.is_empty(), "{:?}", previous.flags);
    let fourth = find(&claims, ClaimKind::Date, "The fourth quarter");
    assert_eq!(fourth.value, json!("XXXX-Q4"));
    assert!(fourth.flags.contains(&"needs-reference-date".to_string()));
}

#[test]
fn halves_and_fiscal_years() {
    let claims = run(
        "First-half profit rose, the second half of last year was weak, and H2 2024 was worse. Guidance for FY25, fiscal 2026, fiscal year 2027 and the 2027-28 financial year stands; Q1 FY26 was strong.",
        Some("2025-08-01"),
    );
    assert_eq!(date_of(&claims, "First-half"), (json!("2025-H1"), "half".to_string()));
    assert_eq!(date_of(&claims, "the second half of last year"), (json!("2024-H2"), "half".to_string()));
    assert_eq!(date_of(&claims, "H2 2024").0, json!("2024-H2"));
    assert_eq!(date_of(&claims, "FY25"), (json!("FY2025"), "fiscal-year".to_string()));
    assert_eq!(date_of(&claims, "fiscal 2026").0, json!("FY2026"));
    assert_eq!(date_of(&claims, "fiscal year 2027").0, json!("FY2027"));
    assert_eq!(date_of(&claims, "the 2027-28 financial year").0, json!("FY2028"));
    assert_eq!(date_of(&claims, "Q1 FY26"), (json!("FY2026-Q1"), "quarter".to_string()));
    let claims = run(
        "In H1, sales beat last year's third quarter and 2023's first half; the firm will invest in H2 production.",
        Some("2025-08-01"),
    );
    assert_eq!(texts(&claims, ClaimKind::Date), ["H1", "last year's third quarter", "2023's first half"]);
    assert_eq!(date_of(&claims, "H1").0, json!("2025-H1"));
    assert_eq!(date_of(&claims, "last year's third quarter").0, json!("2024-Q3"));
    assert_eq!(date_of(&claims, "2023's first half").0, json!("2023-H1"));
}

#[test]
fn halves_and_quarters_of_a_match_are_not_dates() {
    let claims = run(
        "Okafor scored in the first half. A first-half penalty was saved, and the second half of the match was dull. He added 12 points in the fourth quarter of the game, and a fourth-quarter touchdown sealed it.",
        Some("2025-11-20"),
    );
    assert!(of_kind(&claims, ClaimKind::Date).is_empty(), "{:?}", texts(&claims, ClaimKind::Date));
}

#[test]
fn sports_seasons_run_from_august_to_may() {
    let text = "He scored 14 goals in the 2023-24 season and 11 in 2024/25; this season is harder than last season, and he may leave next season.";
    let claims = run(text, Some("2025-11-20"));
    assert_eq!(date_of(&claims, "the 2023-24 season"), (json!("2023/2024"), "season".to_string()));
    assert_eq!(date_of(&claims, "2024/25").0, json!("2024/2025"));
    assert_eq!(date_of(&claims, "this season"), (json!("2025/2026"), "season".to_string()));
    assert_eq!(date_of(&claims, "last season").0, json!("2024/2025"));
    assert_eq!(date_of(&claims, "next season").0, json!("2026/2027"));
    // In March the season under way started the summer before.
    let claims = run(text, Some("2026-03-04"));
    assert_eq!(date_of(&claims, "this season").0, json!("2025/2026"));
    // Two years that do not follow each other are not a season.
    let claims = run("Tariffs applied in 2019-21 and again later.", Some("2025-11-20"));
    assert!(!texts(&claims, ClaimKind::Date).contains(&"2019-21".to_string()));
}

#[test]
fn seasons_of_the_year_use_edtf_numbers() {
    let claims = run(
        "Work stopped last winter, resumed this summer and ends early next spring. The pier opened in spring 2024 and was busy in the summer of 2023.",
        Some("2025-11-20"),
    );
    assert_eq!(date_of(&claims, "last winter"), (json!("2024-24"), "season".to_string()));
    assert_eq!(date_of(&claims, "this summer").0, json!("2025-22"));
    assert_eq!(date_of(&claims, "early next spring").0, json!("2026-21"));
    assert_eq!(date_of(&claims, "spring 2024").0, json!("2024-21"));
    assert_eq!(date_of(&claims, "the summer of 2023").0, json!("2023-22"));
    // In February the winter under way is the one that began in December.
    let claims = run("Snow fell this winter.", Some("2026-02-10"));
    assert_eq!(date_of(&claims, "this winter").0, json!("2025-24"));
    // A tie goes to the season to come; a capitalised season is a name, "fall" may be a drop.
    let claims = run(
        "A vote is due in the fall, after the Spring Statement and a fall in prices since last fall.",
        Some("2025-05-10"),
    );
    assert_eq!(texts(&claims, ClaimKind::Date), ["in the fall", "last fall"]);
    assert_eq!(date_of(&claims, "in the fall").0, json!("2025-23"));
    assert_eq!(date_of(&claims, "last fall").0, json!("2024-23"));
}

#[test]
fn earlier_and_later_in_the_year() {
    let claims = run(
        "Rates were cut earlier this year, again earlier in the year than planned, and late last year.",
        Some("2025-11-20"),
    );
    assert_eq!(date_of(&claims, "earlier this year"), (json!("2025"), "year".to_string()));
    assert_eq!(date_of(&claims, "earlier in the year").0, json!("2025"));
    assert_eq!(date_of(&claims, "late last year").0, json!("2024"));
}

#[test]
fn without_a_dateline_the_latest_full_date_in_the_text_is_the_reference() {
    let text = "Dockers walked out on Thursday and talks resume on 6 March.\n\nRates rose last month.\n\nThe port declined to comment.\n\nThe union wrote on 2 February 2026 and again on March 3, 2026.";
    let extraction = without_reference(text);
    assert_eq!(extraction.reference_date.map(|d| d.to_string()).as_deref(), Some("2026-03-03"));
    assert_eq!(extraction.reference_from, Some(claimscan::extract::ReferenceFrom::Text));
    let thursday = find(&extraction.claims, ClaimKind::Date, "Thursday");
    assert_eq!(thursday.value, json!("2026-02-26"));
    assert!(thursday.flags.contains(&"inferred-reference".to_string()), "{:?}", thursday.flags);
    assert_eq!(find(&extraction.claims, ClaimKind::Date, "6 March").value, json!("2026-03-06"));
    assert_eq!(find(&extraction.claims, ClaimKind::Date, "last month").value, json!("2026-02"));
    // Dates the text fixes in full are not inferred.
    assert!(find(&extraction.claims, ClaimKind::Date, "March 3, 2026").flags.is_empty());
}

#[test]
fn with_no_date_at_all_a_bare_month_takes_the_year_the_text_gives_with_a_month() {
    let text = "Inflation stood at 9.2% in October 2024.\n\nIt eased in November, the governor said, and would ease again next June.";
    let extraction = without_reference(text);
    assert_eq!(extraction.reference_date, None);
    let november = find(&extraction.claims, ClaimKind::Date, "November");
    assert_eq!(november.value, json!("2024-11"));
    assert!(november.flags.contains(&"inferred-reference".to_string()), "{:?}", november.flags);
    // "next June" counts from the article's own day, which the text does not give.
    assert_eq!(find(&extraction.claims, ClaimKind::Date, "next June").value, json!("XXXX-06"));
}

// ---------------------------------------------------------------------------------------------
// Durations, percentages, numbers, money

#[test]
fn durations_in_both_forms() {
    let claims = run(
        "Permits are valid for six months. The six-month limit follows two days of talks and about 60 days of delay.",
        None,
    );
    assert_eq!(find(&claims, ClaimKind::Duration, "six months").value, json!("P6M"));
    assert_eq!(find(&claims, ClaimKind::Duration, "six-month").value, json!("P6M"));
    assert_eq!(find(&claims, ClaimKind::Duration, "two days").value, json!("P2D"));
    let about = find(&claims, ClaimKind::Duration, "about 60 days");
    assert_eq!(about.qualifier.as_deref(), Some("about"));
}

#[test]
fn two_days_ago_is_a_date_not_a_duration() {
    let claims = run("The deal was signed two days ago.", Some("2026-03-13"));
    assert_eq!(find(&claims, ClaimKind::Date, "two days ago").value, json!("2026-03-11"));
    assert!(of_kind(&claims, ClaimKind::Duration).is_empty());
}

#[test]
fn percentages_keep_their_hedge() {
    let claims = run(
        "China controls over 90% of processing. Nearly 40 per cent agreed, at least 10 percent refused and up to 25% abstained. Support rose 2.5 percentage points.",
        None,
    );
    let over = find(&claims, ClaimKind::Percentage, "over 90%");
    assert_eq!((over.value.clone(), over.qualifier.as_deref()), (json!(90), Some("over")));
    assert_eq!(find(&claims, ClaimKind::Percentage, "Nearly 40 per cent").qualifier.as_deref(), Some("nearly"));
    assert_eq!(find(&claims, ClaimKind::Percentage, "at least 10 percent").qualifier.as_deref(), Some("at least"));
    assert_eq!(find(&claims, ClaimKind::Percentage, "up to 25%").qualifier.as_deref(), Some("up to"));
    let points = find(&claims, ClaimKind::Percentage, "2.5 percentage points");
    assert_eq!(points.detail.unit.as_deref(), Some("percentage point"));
}

#[test]
fn percentage_changes_keep_both_values_and_the_direction() {
    let claims = run("US tariffs will surge from 30% to 145%, and Chinese tariffs may fall from 125% to 10%.", None);
    let up = find(&claims, ClaimKind::Percentage, "from 30% to 145%");
    assert_eq!((up.value.clone(), up.detail.from, up.detail.change.as_deref()), (json!(145), Some(30.0), Some("up")));
    let down = find(&claims, ClaimKind::Percentage, "from 125% to 10%");
    assert_eq!(down.detail.change.as_deref(), Some("down"));
}

#[test]
fn money_with_currency_and_scale() {
    let claims = run("A $1.2 billion loan, a €500m fund and about £30 million a day.", None);
    let dollars = find(&claims, ClaimKind::Money, "$1.2 billion");
    assert_eq!((dollars.value.clone(), dollars.detail.currency.as_deref()), (json!(1_200_000_000), Some("USD")));
    assert_eq!(find(&claims, ClaimKind::Money, "€500m").detail.currency.as_deref(), Some("EUR"));
    let pounds = find(&claims, ClaimKind::Money, "about £30 million");
    assert_eq!((pounds.value.clone(), pounds.qualifier.as_deref()), (json!(30_000_000), Some("about")));
}

#[test]
fn counts_with_their_noun() {
    let claims = run(
        "The chamber represents 3,200 member companies in seven categories, and three major US automakers joined.",
        None,
    );
    assert_eq!(
        find(&claims, ClaimKind::Number, "3,200 member companies").detail.noun.as_deref(),
        Some("member companies")
    );
    assert_eq!(find(&claims, ClaimKind::Number, "seven categories").value, json!(7));
    assert_eq!(find(&claims, ClaimKind::Number, "three major US automakers").value, json!(3));
}

#[test]
fn years_and_phone_numbers_are_not_counts() {
    let claims = run("In 2025 the port reopened. Call +1 (555) 014-2231 or 020 7946 0958 today.", None);
    assert!(of_kind(&claims, ClaimKind::Number).is_empty(), "{:?}", texts(&claims, ClaimKind::Number));
}

// ---------------------------------------------------------------------------------------------
// Actors

#[test]
fn aliases_unify_to_one_actor_with_the_title_at_each_mention() {
    let text = "Former U.S. President Trump spoke. Later President Trump wrote again, and Donald Trump posted. The Wall Street Journal (WSJ) said so; WSJ added more.";
    let claims = run(text, None);
    let trumps: Vec<&Claim> =
        of_kind(&claims, ClaimKind::Actor).into_iter().filter(|c| c.value == json!("Donald Trump")).collect();
    assert_eq!(trumps.len(), 3);
    assert_eq!(trumps[0].title.as_deref(), Some("Former U.S. President"));
    assert_eq!(trumps[1].title.as_deref(), Some("President"));
    assert_eq!(trumps[2].title, None);
    let wsj: Vec<&Claim> = of_kind(&claims, ClaimKind::Actor)
        .into_iter()
        .filter(|c| c.value == json!("The Wall Street Journal"))
        .collect();
    assert_eq!(wsj.len(), 3);
}

#[test]
fn new_people_are_found_from_titles_and_roles() {
    let text = "U.S. Commerce Secretary Helena Varga confirmed it. Tomas Brell, a researcher at the Northfield Policy Institute, disagreed. Ministry spokesman Li Ren declined to comment. Varga later left.";
    let claims = run(text, None);
    let varga = find(&claims, ClaimKind::Actor, "Helena Varga");
    assert_eq!(varga.title.as_deref(), Some("U.S. Commerce Secretary"));
    assert_eq!(
        find(&claims, ClaimKind::Actor, "Tomas Brell").title.as_deref(),
        Some("researcher at the Northfield Policy Institute")
    );
    assert_eq!(find(&claims, ClaimKind::Actor, "Li Ren").title.as_deref(), Some("Ministry spokesman"));
    // The surname alone later is the same person.
    assert_eq!(find(&claims, ClaimKind::Actor, "Varga").value, json!("Helena Varga"));
    assert_eq!(
        find(&claims, ClaimKind::Actor, "Northfield Policy Institute").detail.actor_type,
        Some(claimscan::rules::ActorType::Org)
    );
}

#[test]
fn mrs_may_is_a_person_not_a_month() {
    let claims = run("A statement from Mrs May on Friday.", Some("2025-06-12"));
    assert_eq!(find(&claims, ClaimKind::Actor, "May").title.as_deref(), Some("Mrs"));
    assert_eq!(texts(&claims, ClaimKind::Date), ["Friday"]);
}

// ---------------------------------------------------------------------------------------------
// Quotes

fn quote<'a>(claims: &'a [Claim], starts: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.kind == ClaimKind::Quote && c.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting {starts:?} in {:?}", texts(claims, ClaimKind::Quote)))
}

#[test]
fn speaker_after_the_quote() {
    let claims = run(
        "“We will not back down,” Maria Okafor, a union leader at the Dock Workers Union, said. “Nobody wins,” said Okafor.",
        None,
    );
    let first = quote(&claims, "We will not back down");
    assert_eq!(first.text, "We will not back down");
    assert_eq!(first.speaker.as_deref(), Some("Maria Okafor"));
    assert_eq!(first.detail.form, Some(QuoteForm::Direct));
    assert_eq!(quote(&claims, "Nobody wins").speaker.as_deref(), Some("Maria Okafor"));
}

#[test]
fn speaker_before_the_quote_and_partial_quotes() {
    let text = "President Trump noted, \"China has agreed to supply magnets,\" emphasizing progress. Former U.S. President Trump stated on social media that China would supply “all magnets and necessary rare earths” to the United States.";
    let claims = run(text, None);
    let direct = quote(&claims, "China has agreed");
    assert_eq!(direct.speaker.as_deref(), Some("Donald Trump"));
    assert_eq!(direct.text, "China has agreed to supply magnets");
    let partial = quote(&claims, "all magnets");
    assert_eq!(partial.speaker.as_deref(), Some("Donald Trump"));
    assert_eq!(partial.detail.form, Some(QuoteForm::Partial));
}

#[test]
fn speaker_named_in_the_previous_sentence() {
    let claims = run("Trade Minister Wang He explained. “However, the licences are temporary.”", None);
    assert_eq!(quote(&claims, "However").speaker.as_deref(), Some("Wang He"));
}

#[test]
fn pronoun_resolves_to_the_last_person_in_the_paragraph_only() {
    let text = "Castellan chief executive Robert Fenwick spoke at noon. “Our offer is fair,” he said.\n“It is final,” she said.";
    let claims = run(text, None);
    assert_eq!(quote(&claims, "Our offer").speaker.as_deref(), Some("Robert Fenwick"));
    // A new paragraph: nobody named there, so no guess.
    assert_eq!(quote(&claims, "It is final").speaker, None);
}

#[test]
fn according_to_credits_the_speaker() {
    let claims = run("“Exports will resume,” according to Reuters.", None);
    assert_eq!(quote(&claims, "Exports").speaker.as_deref(), Some("Reuters"));
}

#[test]
fn quote_reopened_in_the_next_paragraph_keeps_its_speaker() {
    let text = "“The first part runs on.\n“And the second part ends it,” Transport Minister Dana Whitfield said.";
    let claims = run(text, None);
    let first = quote(&claims, "The first part");
    assert_eq!(first.speaker.as_deref(), Some("Dana Whitfield"));
    assert_eq!(first.detail.continued_in.len(), 1);
}

#[test]
fn quoted_terms_are_not_statements() {
    let claims = run("Experts called the limit a 'time bomb', and he posted it on “Truth Social” late.", None);
    let bomb = quote(&claims, "time bomb");
    assert_eq!(bomb.detail.form, Some(QuoteForm::Term));
    assert_eq!(quote(&claims, "Truth Social").detail.form, Some(QuoteForm::Term));
    assert!(claims.iter().filter(|c| c.kind == ClaimKind::Quote).all(|c| c.speaker.is_none()));
}

#[test]
fn a_stray_quote_mark_yields_no_quote() {
    let text =
        "“```html\nHeadline About Exports\nChina agreed to resume exports. The deal, officials said, is fragile.\n";
    let claims = run(text, None);
    assert!(of_kind(&claims, ClaimKind::Quote).is_empty(), "{:?}", texts(&claims, ClaimKind::Quote));
}

#[test]
fn an_unclosed_quote_does_not_run_across_paragraphs() {
    let text = "He said “this never closes and the paragraph ends.\nA new paragraph, unrelated.\n";
    let claims = run(text, None);
    assert!(of_kind(&claims, ClaimKind::Quote).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Attribution and provenance

#[test]
fn claims_are_credited_to_the_source_the_article_names() {
    let text = "According to Reuters, exports rose 12% in May. The Wall Street Journal (WSJ) reported that 3,200 firms applied. Prices fell 4% on Tuesday.";
    let claims = run(text, Some("2025-06-12"));
    assert_eq!(find(&claims, ClaimKind::Percentage, "12%").attributed_to.as_deref(), Some("Reuters"));
    assert_eq!(
        find(&claims, ClaimKind::Number, "3,200 firms").attributed_to.as_deref(),
        Some("The Wall Street Journal")
    );
    assert_eq!(find(&claims, ClaimKind::Percentage, "4%").attributed_to, None);
}

#[test]
fn figures_inside_a_quote_are_credited_to_the_speaker() {
    let claims = run("“We lost $2 billion,” Helena Varga, a director at the Northfield Policy Institute, said.", None);
    assert_eq!(find(&claims, ClaimKind::Money, "$2 billion").attributed_to.as_deref(), Some("Helena Varga"));
}

#[test]
fn spans_lines_and_columns_point_at_the_bytes_on_disk() {
    let text = "First line.\nPrices rose “sharply” by 12% in May.";
    let claims = run(text, None);
    let pct = find(&claims, ClaimKind::Percentage, "12%");
    assert_eq!(&text.as_bytes()[pct.span[0]..pct.span[1]], b"12%");
    assert_eq!((pct.line, pct.column), (2, 26));
    assert_eq!(&*pct.sentence, "Prices rose “sharply” by 12% in May.");
}

#[test]
fn windows_1252_spans_stay_true_to_the_file() {
    let bytes = b"Caf\xE9 owners said \x93prices rose 12%\x94 in May.";
    let doc = Document::from_bytes("cp.txt", bytes).expect("decodes");
    let claims = claimscan::extract(rules(), &doc);
    let pct = find(&claims, ClaimKind::Percentage, "12%");
    assert_eq!(&bytes[pct.span[0]..pct.span[1]], b"12%");
    assert_eq!(doc.warnings.len(), 1);
}

#[test]
fn boilerplate_footers_yield_nothing() {
    let text = "Exports rose 12% in May.\nThe figures surprised most economists in the city.\nContact us: press@example.com, +1 (555) 014-2231\nLeave a Reply\nAbout 3,200 readers commented on 4 June 2025.";
    let claims = run(text, None);
    let found: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(found, ["12%", "May"]);
}

#[test]
fn empty_text_gives_no_claims() {
    assert!(run("", None).is_empty());
    assert!(run("\n\n  \n", None).is_empty());
}

#[test]
fn values_serialize_as_the_contract_says() {
    let claims = run("Over 90% agreed.", None);
    let value = serde_json::to_value(&claims[0]).expect("serializes");
    for field in [
        "id",
        "source",
        "kind",
        "text",
        "span",
        "line",
        "column",
        "sentence",
        "rule",
        "value",
        "qualifier",
        "actor",
        "title",
        "speaker",
        "attributed_to",
        "topic",
        "flags",
    ] {
        assert!(value.get(field).is_some(), "missing field {field}");
    }
    assert_eq!(value["value"], Value::from(90));
}

/// Text made of the pieces that trip extractors up (quote marks of every kind, multi-byte
/// characters, digits, month names, titles, line breaks) in random order must never panic.
#[test]
fn no_panic_on_arbitrary_text() {
    const PIECES: &[&str] = &[
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        ".",
        ",",
        ":",
        "(",
        ")",
        "%",
        "$",
        "€",
        "é",
        "—",
        "–",
        "…",
        "\u{a0}",
        "12",
        "3,200",
        "2.5",
        "2025",
        "1980s",
        "11th",
        "May",
        "may",
        "June",
        "Monday",
        "President",
        "Trump",
        "Mrs",
        "Dr.",
        "U.S.",
        "said",
        "he",
        "according to",
        "Reuters",
        "from",
        "to",
        "over",
        "per cent",
        "billion",
        "six-month",
        "last week",
        "the",
        "Leave a Reply",
        "Ministry",
        "of",
        "a",
        "researcher",
        "at",
        "Council",
        "Wang He",
        "explained",
        "\u{feff}",
        "\t",
        "-",
        "K",
        "m",
        "ago",
        "two",
        "days",
        "on the",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..1500 {
        let len = (next() % 60) as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let claims = run(&text, Some("2025-06-12"));
        for claim in claims {
            assert!(claim.span[0] <= claim.span[1] && claim.span[1] <= text.len(), "bad span in {text:?}");
        }
    }
}

/// Arbitrary bytes (invalid UTF-8, stray BOMs, odd UTF-16) are decoded or rejected, never a panic.
#[test]
fn no_panic_on_arbitrary_bytes() {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..800 {
        let len = (round * 7) % 300;
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly printable ASCII with some high bytes, so rules get something to match.
                match state % 10 {
                    0 => (state >> 8) as u8,
                    1 => b'"',
                    _ => {
                        let alphabet = b" Mayon12%$'\x93\x94";
                        alphabet[(state >> 16) as usize % alphabet.len()]
                    }
                }
            })
            .collect();
        match round % 4 {
            1 => bytes.splice(0..0, *b"\xEF\xBB\xBF").for_each(drop),
            2 => bytes.splice(0..0, *b"\xFF\xFE").for_each(drop),
            _ => {}
        }
        if let Ok(doc) = Document::from_bytes("fuzz.txt", &bytes) {
            for claim in claimscan::extract(rules(), &doc) {
                assert!(claim.span[0] <= claim.span[1] && claim.span[1] <= bytes.len());
            }
        }
    }
}

#[test]
fn a_dateline_without_a_year_takes_the_year_the_text_is_about() {
    // A forecast year (2026) is not the year the article is written in; "September 2023" is.
    let text = "HARLOW, March 13 (Wirepost) — The council revised its figures for September 2023 on Friday.\n\nThe 2026 target stands, officials said.";
    let extraction = without_reference(text);
    assert_eq!(extraction.reference_date.map(|d| d.to_string()).as_deref(), Some("2023-03-13"));
    assert_eq!(extraction.reference_from, Some(claimscan::extract::ReferenceFrom::Text));
    assert_eq!(find(&extraction.claims, ClaimKind::Date, "Friday").value, json!("2023-03-10"));
}

#[test]
fn a_weekday_pins_a_month_and_day_to_its_year() {
    // 23 April fell on a Tuesday in 2024 (and in 2019): the year nearest the text's 2023.
    let text = "Cases rose by a fifth.\n\nThe agency said on Tuesday, April 23, that cases were up against the same period in 2023.";
    let extraction = without_reference(text);
    assert_eq!(extraction.reference_date.map(|d| d.to_string()).as_deref(), Some("2024-04-23"));
}

#[test]
fn a_date_inside_the_first_sentence_is_no_dateline() {
    let text = "Dockers said talks resume on 6 March.\n\nThe strike began in May 2024.";
    let extraction = without_reference(text);
    assert_eq!(extraction.reference_date, None);
}

#[test]
fn the_previous_month_counts_from_the_month_just_named() {
    let claims = run(
        "Inflation rose to 6.1% in September 2023 from 5.3% the previous month. Rates rose last month.",
        Some("2023-10-26"),
    );
    assert_eq!(date_of(&claims, "previous month").0, json!("2023-08"));
    // Without an anchor word the month is counted from the article's date.
    assert_eq!(date_of(&claims, "last month").0, json!("2023-09"));
}
