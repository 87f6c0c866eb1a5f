//! Testing a rule pack: every rule's examples and counter-examples, then the pack's case files
//! (short articles in `tests/` beside the rules) against committed snapshots.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::claim::Claim;
use crate::normalize::parse_iso_date;
use crate::rules::{Rule, RuleKind, RuleSet};
use crate::source::Document;

/// One failed expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The rule id or the case file name.
    pub name: String,
    pub message: String,
}

/// A case file whose claims differ from its snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDiff {
    pub case: PathBuf,
    pub snapshot: PathBuf,
    /// What the snapshot holds (`None` when there is none yet).
    pub expected: Option<String>,
    pub actual: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub examples_run: usize,
    pub failures: Vec<Failure>,
    pub cases_run: usize,
    pub changed: Vec<CaseDiff>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.changed.is_empty()
    }
}

/// Runs the examples of every rule whose id contains `filter` (all when empty).
pub fn run_examples(rules: &RuleSet, filter: &str, outcome: &mut Outcome) {
    for rule in rules.rules.iter().filter(|r| r.id.contains(filter)) {
        for example in &rule.examples {
            outcome.examples_run += 1;
            let reference = example.reference_date.as_deref().and_then(parse_iso_date);
            let wanted = example.matched.as_deref().unwrap_or(&example.text);
            // The rule itself must match; the claim the pack makes there (whichever rule is
            // credited: a gazetteer name keeps its id, the pattern gives it its title) must carry
            // the example's value, qualifier and title.
            let result = regex_finds(rule, &example.text, wanted).and_then(|()| match rule.kind {
                RuleKind::Attribution | RuleKind::Boilerplate => Ok(()),
                _ => {
                    let doc = Document::from_bytes("example", example.text.as_bytes()).map_err(|e| e.to_string())?;
                    let claims = crate::analyze(rules, &doc, reference).claims;
                    let claim =
                        claims.iter().find(|c| c.text == wanted).ok_or_else(|| describe_miss(&claims, wanted))?;
                    check_fields(claim, example)
                }
            });
            if let Err(message) = result {
                outcome
                    .failures
                    .push(Failure { name: rule.id.clone(), message: format!("example {:?}: {message}", example.text) });
            }
        }
        for counter in &rule.counter_examples {
            outcome.examples_run += 1;
            let found = match rule.kind {
                RuleKind::Attribution | RuleKind::Boilerplate => rule_matches(rule, counter).map(|m| m.to_string()),
                _ => claims_of_rule(rules, rule, counter).first().map(|c| c.text.clone()),
            };
            if let Some(text) = found {
                outcome.failures.push(Failure {
                    name: rule.id.clone(),
                    message: format!("counter-example {counter:?} matched {text:?}"),
                });
            }
        }
    }
}

/// The rule's own first match in `text` that its context checks let through.
fn rule_matches<'t>(rule: &Rule, text: &'t str) -> Option<&'t str> {
    rule.regex()?.find_iter(text).find(|m| !rule.rejects(text, m.start(), m.end())).map(|m| &text[m.range()])
}

fn regex_finds(rule: &Rule, text: &str, wanted: &str) -> Result<(), String> {
    match rule_matches(rule, text) {
        Some(found) if found.contains(wanted) || wanted.contains(found) => Ok(()),
        Some(found) => Err(format!("matched {found:?}, expected {wanted:?}")),
        None => Err("no match".into()),
    }
}

/// Claims credited to this rule when the whole pack reads `text`.
fn claims_of_rule(rules: &RuleSet, rule: &Rule, text: &str) -> Vec<Claim> {
    let Ok(doc) = Document::from_bytes("example", text.as_bytes()) else { return Vec::new() };
    crate::analyze(rules, &doc, None).claims.into_iter().filter(|c| c.rule == rule.id).collect()
}

fn describe_miss(claims: &[Claim], wanted: &str) -> String {
    let found: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
    format!("no claim {wanted:?}; the pack found {found:?}")
}

fn check_fields(claim: &Claim, example: &crate::rules::ExampleDef) -> Result<(), String> {
    if let Some(value) = &example.value {
        let want = toml_to_json(value);
        let same = match (&want, &claim.value) {
            (serde_json::Value::Number(a), serde_json::Value::Number(b)) => {
                a.as_f64().zip(b.as_f64()).is_some_and(|(a, b)| (a - b).abs() < 1e-9)
            }
            (a, b) => a == b,
        };
        if !same {
            return Err(format!("value {}, expected {want}", claim.value));
        }
    }
    if let Some(qualifier) = &example.qualifier
        && claim.qualifier.as_ref() != Some(qualifier)
    {
        return Err(format!("qualifier {:?}, expected {qualifier:?}", claim.qualifier));
    }
    if let Some(title) = &example.title
        && claim.title.as_ref() != Some(title)
    {
        return Err(format!("title {:?}, expected {title:?}", claim.title));
    }
    Ok(())
}

fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => crate::claim::number(*f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        other => serde_json::Value::String(other.to_string()),
    }
}

/// Header line of a case file that sets the reference date.
const REFERENCE_HEADER: &str = "reference-date:";

/// Case files of a pack folder: `tests/*.txt`, snapshots in `tests/snapshots/`.
pub fn case_files(pack: &Path) -> Vec<(PathBuf, PathBuf)> {
    let dir = pack.join("tests");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    cases
        .into_iter()
        .map(|case| {
            let name = case.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let snapshot = dir.join("snapshots").join(format!("{name}.snap"));
            (case, snapshot)
        })
        .collect()
}

/// Extracts a case file and renders its claims the way snapshots hold them: one line per
/// claim, stable order.
pub fn render_case(rules: &RuleSet, case: &Path) -> Result<String, String> {
    let bytes = fs::read(case).map_err(|e| format!("{}: {e}", case.display()))?;
    let doc = Document::from_bytes(case, &bytes).map_err(|e| format!("{}: {e}", case.display()))?;
    let reference = doc.text.lines().next().and_then(|l| l.strip_prefix(REFERENCE_HEADER)).and_then(parse_iso_date);
    let mut claims = crate::analyze(rules, &doc, reference).claims;
    // The header is not part of the case.
    if reference.is_some() {
        claims.retain(|c| c.line > 1);
    }
    Ok(render_claims(&claims))
}

/// One line per claim: position, kind, text, value and the fields that say who and how.
pub fn render_claims(claims: &[Claim]) -> String {
    let mut out = String::new();
    for c in claims {
        let _ = write!(out, "{}:{} {} {:?} = {}", c.line, c.column, c.kind.name(), c.text, c.value);
        for (name, value) in [
            ("qualifier", &c.qualifier),
            ("title", &c.title),
            ("speaker", &c.speaker),
            ("by", &c.attributed_to),
            ("noun", &c.detail.noun),
            ("currency", &c.detail.currency),
        ] {
            if let Some(v) = value {
                let _ = write!(out, " {name}={v:?}");
            }
        }
        if let Some(form) = c.detail.form {
            let _ = write!(out, " form={form:?}");
        }
        if !c.flags.is_empty() {
            let _ = write!(out, " flags={}", c.flags.join(","));
        }
        let _ = writeln!(out, "  ({})", c.rule);
    }
    out
}

/// Runs the case files of `packs` whose names contain `filter`; records those that differ
/// from their snapshots.
pub fn run_cases(rules: &RuleSet, packs: &[PathBuf], filter: &str, outcome: &mut Outcome) {
    for pack in packs {
        for (case, snapshot) in case_files(pack) {
            if !case.to_string_lossy().contains(filter) {
                continue;
            }
            outcome.cases_run += 1;
            let actual = match render_case(rules, &case) {
                Ok(a) => a,
                Err(message) => {
                    outcome.failures.push(Failure { name: case.display().to_string(), message });
                    continue;
                }
            };
            let expected = fs::read_to_string(&snapshot).ok();
            if expected.as_deref() != Some(actual.as_str()) {
                outcome.changed.push(CaseDiff { case, snapshot, expected, actual });
            }
        }
    }
}

/// A unified diff of a snapshot change.
pub fn unified_diff(change: &CaseDiff) -> String {
    let old = change.expected.as_deref().unwrap_or("");
    similar::TextDiff::from_lines(old, &change.actual)
        .unified_diff()
        .context_radius(2)
        .header(&change.snapshot.display().to_string(), "actual")
        .to_string()
}

/// Writes the new snapshot (whole or not at all).
pub fn accept(change: &CaseDiff) -> std::io::Result<()> {
    if let Some(dir) = change.snapshot.parent() {
        fs::create_dir_all(dir)?;
    }
    crate::output::write_atomic(&change.snapshot, change.actual.as_bytes())
}
