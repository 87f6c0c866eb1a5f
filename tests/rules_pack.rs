//! The default pack is tested the way `claimscan test` tests any pack: every rule's examples
//! and counter-examples, and the case files in `rules/tests/` against their snapshots.

use std::path::{Path, PathBuf};

use claimscan::RuleSet;
use claimscan::ruletest::{self, Outcome};

#[test]
fn the_default_pack_passes_its_own_tests() {
    let rules = RuleSet::default_pack().expect("the default pack compiles");
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut outcome = Outcome::default();
    ruletest::run_examples(&rules, "", &mut outcome);
    ruletest::run_cases(&rules, &[pack], "", &mut outcome);
    let failures: Vec<String> = outcome.failures.iter().map(|f| format!("{}: {}", f.name, f.message)).collect();
    let changed: Vec<String> = outcome.changed.iter().map(ruletest::unified_diff).collect();
    assert!(failures.is_empty(), "rule examples failed:\n{}", failures.join("\n"));
    assert!(
        changed.is_empty(),
        "case snapshots changed (run `claimscan test --update` to accept):\n{}",
        changed.join("\n")
    );
    assert!(outcome.examples_run > 100 && outcome.cases_run >= 3);
}

#[test]
fn every_rule_in_the_default_pack_has_an_example_and_a_counter_example() {
    let rules = RuleSet::default_pack().expect("the default pack compiles");
    let bare: Vec<&str> = rules
        .rules
        .iter()
        .filter(|r| r.examples.is_empty() || r.counter_examples.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(bare.is_empty(), "rules without an example or a counter-example: {bare:?}");
}

#[test]
fn a_failing_example_and_a_changed_snapshot_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack: PathBuf = dir.path().to_path_buf();
    std::fs::write(
        pack.join("votes.toml"),
        r#"[[rule]]
id = "number.vote-tally"
kind = "number"
pattern = '''\b(?:passed|rejected)\s+(?P<text>(?P<num>\d{1,3})-\d{1,3})\b'''
examples = [{ text = "The bill passed 52-48.", match = "52-48", value = 53 }]
counter_examples = ["call 555-1234"]
"#,
    )
    .expect("write rule");
    std::fs::create_dir_all(pack.join("tests")).expect("tests dir");
    std::fs::write(pack.join("tests/senate.txt"), "The Senate passed 52-48 and the House rejected 201-230.\n")
        .expect("case");
    let rules = RuleSet::load(&claimscan::PackOptions { add: Vec::new(), replace: vec![pack.clone()] }).expect("loads");
    let mut outcome = Outcome::default();
    ruletest::run_examples(&rules, "", &mut outcome);
    ruletest::run_cases(&rules, std::slice::from_ref(&pack), "", &mut outcome);
    assert_eq!(outcome.failures.len(), 1, "{:?}", outcome.failures);
    assert!(outcome.failures[0].message.contains("value 52, expected 53"), "{:?}", outcome.failures);
    assert_eq!(outcome.changed.len(), 1);
    assert!(outcome.changed[0].expected.is_none());
    assert!(outcome.changed[0].actual.contains("\"52-48\" = 52"));
    ruletest::accept(&outcome.changed[0]).expect("accepted");
    let mut again = Outcome::default();
    ruletest::run_cases(&rules, &[pack], "", &mut again);
    assert!(again.changed.is_empty());
}
