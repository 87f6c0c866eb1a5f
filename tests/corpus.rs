//! The project's own corpus: every article yields what `corpus/expected.toml` says it must, and
//! nothing it says it must not; a snapshot per article shows what changed.
//!
//! An expectation marked `pending = "why"` is a known gap: the corpus states what a careful
//! reader lists, the tool does not yet find it, and the test asserts it still does not — so the
//! day it does, the test says to remove the mark.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use claimscan::{Claim, Document, Report, RuleSet};
use serde::Deserialize;
use serde_json::Value;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::default_pack().expect("the default pack compiles"))
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The whole corpus extracted together, as `claimscan extract corpus/` does.
fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let inputs = claimscan::source::discover(&[corpus_dir()], &["txt".to_string()]);
        claimscan::extract_files(rules(), &inputs.files, None)
    })
}

#[derive(Deserialize)]
struct Expected {
    article: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    file: String,
    reference_date: Option<String>,
    /// A known gap in finding the reference date.
    reference_pending: Option<String>,
    #[serde(default)]
    claim: Vec<ExpectedClaim>,
    #[serde(default)]
    absent: Vec<Absent>,
}

#[derive(Deserialize)]
struct ExpectedClaim {
    kind: String,
    text: String,
    value: Option<toml::Value>,
    qualifier: Option<String>,
    speaker: Option<String>,
    title: Option<String>,
    /// A known gap: why the tool does not find this yet.
    pending: Option<String>,
}

#[derive(Deserialize)]
struct Absent {
    kind: String,
    text: String,
    pending: Option<String>,
}

fn expected() -> Expected {
    let text = std::fs::read_to_string(corpus_dir().join("expected.toml")).expect("corpus/expected.toml is readable");
    toml::from_str(&text).expect("corpus/expected.toml parses")
}

fn claims_of<'a>(report: &'a Report, file: &str) -> (Vec<&'a Claim>, &'a claimscan::pipeline::SourceRecord) {
    let source = report
        .sources
        .iter()
        .find(|s| Path::new(&s.path).file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("{file} was not extracted"));
    (report.claims.iter().filter(|c| c.source == source.id).collect(), source)
}

fn same_value(expected: &toml::Value, actual: &Value) -> bool {
    match (expected, actual) {
        (toml::Value::String(e), Value::String(a)) => e == a,
        (toml::Value::Integer(e), Value::Number(a)) => a.as_f64().is_some_and(|a| (a - *e as f64).abs() < 1e-9),
        (toml::Value::Float(e), Value::Number(a)) => a.as_f64().is_some_and(|a| (a - e).abs() < 1e-9),
        _ => false,
    }
}

/// Checks one expected claim; `Err` says what was wrong.
fn check_claim(claims: &[&Claim], want: &ExpectedClaim) -> Result<(), String> {
    let candidates: Vec<&&Claim> = claims
        .iter()
        .filter(|c| c.kind.name() == want.kind && (c.text.contains(&want.text) || want.text.contains(&c.text)))
        .collect();
    if candidates.is_empty() {
        return Err("not found".into());
    }
    let fits = |c: &&&Claim| {
        // A change "from 30% to 45%" states both values.
        let from = c.detail.from.map(Value::from).unwrap_or_default();
        want.value.as_ref().is_none_or(|v| same_value(v, &c.value) || same_value(v, &from))
            && want.qualifier.as_ref().is_none_or(|q| c.qualifier.as_ref() == Some(q))
            && want.title.as_ref().is_none_or(|t| c.title.as_ref() == Some(t))
            && want
                .speaker
                .as_ref()
                .is_none_or(|s| if s.is_empty() { c.speaker.is_none() } else { c.speaker.as_ref() == Some(s) })
    };
    if candidates.iter().any(fits) {
        return Ok(());
    }
    let seen: Vec<String> = candidates
        .iter()
        .map(|c| {
            format!(
                "{:?} value={} qualifier={:?} title={:?} speaker={:?}",
                c.text, c.value, c.qualifier, c.title, c.speaker
            )
        })
        .collect();
    Err(format!("found with other fields: {}", seen.join("; ")))
}

#[test]
fn every_article_yields_its_expected_claims_and_none_of_the_absent_ones() {
    let report = report();
    let mut failures = Vec::new();
    let (mut claims_total, mut absent_total, mut pending) = (0, 0, 0);
    for article in expected().article {
        let (claims, source) = claims_of(report, &article.file);
        match (source.reference_date == article.reference_date, &article.reference_pending) {
            (false, None) => failures.push(format!(
                "{}: reference date {:?}, expected {:?}",
                article.file, source.reference_date, article.reference_date
            )),
            (true, Some(_)) => {
                failures.push(format!("{}: reference date found now: remove `reference_pending`", article.file))
            }
            (false, Some(_)) => pending += 1,
            (true, None) => {}
        }
        for want in &article.claim {
            claims_total += 1;
            match (check_claim(&claims, want), &want.pending) {
                (Err(why), None) => failures.push(format!("{}: {} {:?}: {why}", article.file, want.kind, want.text)),
                (Ok(()), Some(_)) => failures.push(format!(
                    "{}: {} {:?} is found now: remove its `pending` mark",
                    article.file, want.kind, want.text
                )),
                (Err(_), Some(_)) => pending += 1,
                (Ok(()), None) => {}
            }
        }
        let text = std::fs::read_to_string(corpus_dir().join(&article.file)).expect("article is readable");
        for absent in &article.absent {
            absent_total += 1;
            let places: Vec<(usize, usize)> = text.match_indices(&absent.text).map(|(i, s)| (i, i + s.len())).collect();
            assert!(!places.is_empty(), "{}: absent text {:?} does not occur", article.file, absent.text);
            let wrong: Vec<&&Claim> = claims
                .iter()
                .filter(|c| c.kind.name() == absent.kind && places.iter().any(|&(s, e)| c.span[0] < e && s < c.span[1]))
                .collect();
            match (wrong.first(), &absent.pending) {
                (Some(c), None) => failures.push(format!(
                    "{}: must not yield {} {:?}, got {:?}",
                    article.file, absent.kind, absent.text, c.text
                )),
                (None, Some(_)) => failures.push(format!(
                    "{}: {} {:?} is absent now: remove its `pending` mark",
                    article.file, absent.kind, absent.text
                )),
                (Some(_), Some(_)) => pending += 1,
                (None, None) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {claims_total} expected claims and {absent_total} absences failed ({pending} pending):\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{pending} of {claims_total} expected claims and {absent_total} absences are pending (known gaps)");
}

#[test]
fn one_bad_file_does_not_hide_the_others() {
    let report = report();
    assert!(report.skipped.is_empty());
    assert!(report.sources.len() >= 12, "the corpus has at least 12 articles");
    let per_source: HashMap<&str, usize> = report.claims.iter().fold(HashMap::new(), |mut m, c| {
        *m.entry(c.source.as_str()).or_default() += 1;
        m
    });
    assert!(report.sources.iter().all(|s| per_source.get(s.id.as_str()).copied().unwrap_or(0) > 5));
}

/// The snapshot form `claimscan test` uses, after checking every span against the bytes.
fn render(text: &str, claims: &[Claim]) -> String {
    for c in claims {
        let on_disk = text.as_bytes().get(c.span[0]..c.span[1]).map(|b| String::from_utf8_lossy(b).into_owned());
        assert_eq!(on_disk.as_deref(), Some(c.text.as_str()), "span of {:?}", c.text);
    }
    claimscan::ruletest::render_claims(claims)
}

#[test]
fn corpus_snapshots() {
    insta::glob!("../corpus", "*.txt", |path| {
        let doc = Document::read(path).expect("corpus article reads");
        let extraction = claimscan::analyze(rules(), &doc, None);
        let header = format!(
            "reference_date: {:?} ({:?})\n",
            extraction.reference_date.map(|d| d.to_string()),
            extraction.reference_from
        );
        insta::assert_snapshot!(format!("{header}{}", render(&doc.text, &extraction.claims)));
    });
}
