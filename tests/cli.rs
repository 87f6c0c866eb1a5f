//! The command line: bad input is reported and skipped, exit codes say what happened, output
//! files are written whole or not at all.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn claimscan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimscan")).args(args).env("NO_COLOR", "1").output().expect("claimscan runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write");
    }
    dir
}

fn path(dir: &Path) -> &str {
    dir.to_str().expect("utf-8 temp path")
}

#[test]
fn all_inputs_read_exits_zero() {
    let dir = folder(&[("a.txt", "Exports rose 12% in May.".as_bytes()), ("b.md", b"Nothing here.")]);
    let out = claimscan(&["extract", path(dir.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["sources"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["claims"][0]["text"], "12%");
    assert_eq!(report["conflicts"], Value::Array(vec![]));
}

#[test]
fn a_binary_file_is_skipped_with_its_path_and_the_run_goes_on() {
    let dir = folder(&[("a.txt", "Exports rose 12%.".as_bytes()), ("b.txt", b"\x00\x01binary\x00")]);
    let out = claimscan(&["extract", path(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("b.txt") && stderr(&out).contains("binary"), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["sources"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["skipped"][0]["reason"], "binary file (contains NUL bytes), skipped");
}

#[test]
fn a_windows_1252_file_is_decoded_with_a_warning() {
    let dir = folder(&[("cp.txt", b"Caf\xE9 owners said prices rose 12% in May.")]);
    let out = claimscan(&["extract", path(dir.path())]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("Windows-1252"), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["sources"][0]["encoding"], "windows-1252");
    let percentage = report["claims"]
        .as_array()
        .and_then(|claims| claims.iter().find(|c| c["kind"] == "percentage"))
        .expect("the 12% is a claim");
    assert_eq!(percentage["span"], serde_json::json!([29, 32]));
}

#[test]
fn an_empty_file_gives_no_claims_and_no_error() {
    let dir = folder(&[("empty.txt", b"")]);
    let out = claimscan(&["extract", path(dir.path())]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["claims"], Value::Array(vec![]));
}

#[test]
fn a_missing_path_is_a_usage_error_and_nothing_is_written() {
    let dir = folder(&[]);
    let target = dir.path().join("out.json");
    let out = claimscan(&["extract", "no/such/folder", "-o", target.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
    assert!(!target.exists());
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    let out = claimscan(&["extract", "--no-such-flag", "corpus"]);
    assert_eq!(out.status.code(), Some(2));
    let out = claimscan(&["extract", "--reference-date", "12/06/2025", "corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("12/06/2025"));
}

#[test]
fn a_bad_rule_file_points_at_line_and_column_and_nothing_is_written() {
    let rules = folder(&[(
        "bad.toml",
        b"[[rule]]\nid = \"vote.tally\"\nkind = \"number\"\npattern = '''passed (?P<num>\\d+-\\d+'''\n",
    )]);
    let articles = folder(&[("a.txt", b"The bill passed 52-48.")]);
    let target = articles.path().join("out.json");
    let out = claimscan(&[
        "extract",
        path(articles.path()),
        "--rules",
        path(rules.path()),
        "-o",
        target.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.toml:4:"), "{err}");
    assert!(err.contains("vote.tally"), "{err}");
    assert!(err.contains('^'), "{err}");
    assert!(!target.exists());
}

#[test]
fn output_file_is_written_whole() {
    let dir = folder(&[("a.txt", "Exports rose 12% in May.".as_bytes())]);
    let target = dir.path().join("claims.json");
    let out = claimscan(&["extract", path(dir.path()), "-o", target.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written: Value = serde_json::from_slice(&fs::read(&target).expect("written")).expect("JSON");
    assert_eq!(written["claims"][0]["text"], "12%");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn jsonl_gives_one_typed_record_per_line() {
    let dir = folder(&[("a.txt", "Exports rose 12% in May, Reuters reported.".as_bytes())]);
    let out = claimscan(&["extract", "--format", "jsonl", path(dir.path())]);
    assert_eq!(out.status.code(), Some(0));
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    // Since 0.3 the first line says which version wrote the file.
    assert_eq!(records[0], serde_json::json!({"type": "header", "claimscan": env!("CARGO_PKG_VERSION")}));
    assert_eq!(records[1]["type"], "source");
    assert!(records[2..].iter().all(|r| r["type"] == "claim" || r["type"] == "sentence"));
    assert!(records.iter().any(|r| r["kind"] == "percentage" && r["attributed_to"] == "Reuters"));
    // Since 0.3 a claim leaves out the fields with nothing to say.
    let percentage = records.iter().find(|r| r["kind"] == "percentage").expect("a percentage");
    for absent in ["qualifier", "title", "speaker", "flags"] {
        assert!(percentage.get(absent).is_none(), "{absent} in {percentage}");
    }
    // Since 0.2 each sentence is written once, before the first claim that names it.
    let sentence = records.iter().find(|r| r["type"] == "sentence").expect("a sentence record");
    assert_eq!(sentence["text"], "Exports rose 12% in May, Reuters reported.");
    for claim in records.iter().filter(|r| r["type"] == "claim") {
        assert_eq!(claim["sentence_id"], sentence["id"]);
        assert!(claim.get("sentence").is_none());
    }
    let full = claimscan(&["extract", "--format", "jsonl", "--sentences", "full", path(dir.path())]);
    let first_claim: Value = String::from_utf8_lossy(&full.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"))
        .find(|r| r["type"] == "claim")
        .expect("a claim");
    assert_eq!(first_claim["sentence"], "Exports rose 12% in May, Reuters reported.");
}

#[test]
fn extensions_can_be_chosen() {
    let dir = folder(&[("a.txt", "Rose 12%.".as_bytes()), ("b.html", "Rose 15%.".as_bytes())]);
    let out = claimscan(&["extract", "--ext", "html", path(dir.path())]);
    let report = json(&out);
    assert_eq!(report["sources"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["claims"][0]["text"], "15%");
}

#[test]
fn the_reference_date_option_wins_and_is_reported() {
    let dir = folder(&[("a.txt", "Talks collapsed last week.".as_bytes())]);
    let out = claimscan(&["extract", "--reference-date", "2025-06-12", path(dir.path())]);
    let report = json(&out);
    assert_eq!(report["sources"][0]["reference_date"], "2025-06-12");
    assert_eq!(report["sources"][0]["reference_from"], "option");
    assert_eq!(report["claims"][0]["value"], "2025-W23");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["extract", "--format", "jsonl", concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut first = [0u8; 16];
    child.stdout.as_mut().expect("stdout").read_exact(&mut first).expect("some output");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn schema_is_printed() {
    let out = claimscan(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["title"], "claimscan extract output");
    let out = claimscan(&["schema", "--rules"]);
    assert_eq!(json(&out)["title"], "claimscan rule file");
}

fn corpus(file: &str) -> String {
    format!("{}/corpus/{file}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn diff_shows_what_two_sources_say_differently() {
    let out = claimscan(&["diff", &corpus("harbor-strike-wire.txt"), &corpus("harbor-strike-newsblitz.txt")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    let different = text.split("Same in both").next().unwrap_or_default();
    assert!(different.contains("About 3,200 dockworkers") && different.contains("Around 2,800 dock workers"), "{text}");
    assert!(different.contains("Former Transport Minister"), "{text}");
    let same = text.split("Same in both").nth(1).and_then(|t| t.split("Only in A").next()).unwrap_or_default();
    assert!(same.contains("4.5%") && same.contains("4.5 percent"), "{text}");
    insta::assert_snapshot!(text.replace(env!("CARGO_MANIFEST_DIR"), "."));
}

#[test]
fn diff_as_json_and_from_claim_files() {
    let dir = folder(&[]);
    let a = dir.path().join("a.jsonl");
    let out =
        claimscan(&["extract", "--format", "jsonl", &corpus("recall-wire.txt"), "-o", a.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let out = claimscan(&["diff", "--format", "json", a.to_str().expect("utf-8"), &corpus("recall-clickwire.txt")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let diff = json(&out);
    let entries = diff["entries"].as_array().expect("entries");
    let recalled = entries
        .iter()
        .find(|e| {
            e["status"] == "different" && e["a"].as_array().is_some_and(|a| a.iter().any(|s| s["value"] == 412000))
        })
        .expect("412,000 vs 421,000 is a difference");
    assert!(recalled["b"].as_array().is_some_and(|b| b.iter().any(|s| s["value"] == 421000)));
}

#[test]
fn conflicts_are_recomputed_from_claim_files_extracted_separately() {
    let dir = folder(&[]);
    let mut files = Vec::new();
    for (name, article) in [("wire.json", "harbor-strike-wire.txt"), ("blitz.jsonl", "harbor-strike-newsblitz.txt")] {
        let path = dir.path().join(name);
        let format = if name.ends_with("jsonl") { "jsonl" } else { "json" };
        let out = claimscan(&["extract", "--format", format, &corpus(article), "-o", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(0));
        files.push(path.to_str().expect("utf-8").to_string());
    }
    let out = claimscan(&["conflicts", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["sources"].as_array().map(Vec::len), Some(2));
    let conflicts = report["conflicts"].as_array().expect("conflicts");
    assert!(conflicts.iter().any(|c| c["kind"] == "title" && c["scope"] == "cross-source"), "{conflicts:#?}");
    let figures =
        |c: &Value| c["values"] == serde_json::json!([2800, 3200]) || c["values"] == serde_json::json!([3200, 2800]);
    assert!(conflicts.iter().any(|c| c["kind"] == "numeric" && figures(c)), "{conflicts:#?}");
}

#[test]
fn a_broken_claim_file_is_a_clear_error() {
    let dir = folder(&[("bad.jsonl", b"{\"type\": \"claim\", \"id\": 3}\n")]);
    let out = claimscan(&["conflicts", dir.path().join("bad.jsonl").to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.jsonl:1"), "{}", stderr(&out));
}

#[test]
fn rules_check_reports_the_exact_line_and_column_of_a_broken_regex() {
    let ok = claimscan(&["rules", "check"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let pack = folder(&[(
        "votes.toml",
        b"[[rule]]\nid = \"number.vote-tally\"\nkind = \"number\"\npattern = '''passed (?P<num>\\d+)-(\\d+'''\n\n[[rule]]\nid = \"number.other\"\nkind = \"nmber\"\npattern = '''x'''\n",
    )]);
    let out = claimscan(&["rules", "check", path(pack.path())]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("votes.toml:4:34"), "{err}");
    assert!(err.contains("number.vote-tally") && err.contains("unclosed group"), "{err}");
    assert!(err.contains("unknown rule kind `nmber`"), "every error is reported: {err}");
}

#[test]
fn test_exit_codes_tell_failing_tests_from_broken_rules() {
    let pack = folder(&[(
        "votes.toml",
        b"[[rule]]\nid = \"number.vote-tally\"\nkind = \"number\"\npattern = '''passed (?P<text>(?P<num>\\d+)-\\d+)'''\nexamples = [{ text = \"passed 52-48\", match = \"52-48\" }]\ncounter_examples = [\"no vote\"]\n",
    )]);
    std::fs::create_dir_all(pack.path().join("tests")).expect("tests dir");
    std::fs::write(pack.path().join("tests/senate.txt"), "The Senate passed 52-48.\n").expect("case");
    let out = claimscan(&["test", path(pack.path())]);
    assert_eq!(out.status.code(), Some(1), "a new snapshot needs accepting");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("+1:19 number \"52-48\""),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = claimscan(&["test", "--update", path(pack.path())]);
    assert_eq!(out.status.code(), Some(0));
    let out = claimscan(&["test", path(pack.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    std::fs::write(pack.path().join("broken.toml"), b"[[rule]]\nid = 3\n").expect("broken rule");
    let out = claimscan(&["test", path(pack.path())]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_says_which_rule_and_why() {
    let out = claimscan(&["explain", &format!("{}:4", corpus("harbor-strike-wire.txt"))]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("rule      quote.direct"), "{text}");
    assert!(text.contains("speaker   Maria Okafor, tied by \"told\""), "{text}");
    assert!(text.contains("actor.org-role-name"), "{text}");
}

/// `--no-compare --format jsonl` streams each file's source and claims, then the skipped files:
/// the same claims as a full run (less what comparison adds), and a sharded run's claim files
/// compared afterwards give the same conflicts as one run over the folder.
#[test]
fn extract_without_comparing_streams_the_claims_and_compares_later() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = corpus.to_str().expect("utf-8 path");
    let lines = |out: &Output| -> Vec<Value> {
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
    };
    let full = claimscan(&["extract", corpus, "--format", "jsonl"]);
    let only = claimscan(&["extract", corpus, "--format", "jsonl", "--no-compare"]);
    assert_eq!(only.status.code(), Some(0), "{}", stderr(&only));
    let only_bytes = only.stdout.clone();
    let (full, only) = (lines(&full), lines(&only));
    let of = |records: &[Value], kind: &str| records.iter().filter(|r| r["type"] == kind).cloned().collect::<Vec<_>>();
    assert_eq!(of(&only, "source"), of(&full, "source"));
    assert!(of(&only, "conflict").is_empty() && of(&only, "corroboration").is_empty());
    let (claims_full, claims_only) = (of(&full, "claim"), of(&only, "claim"));
    assert_eq!(claims_full.len(), claims_only.len());
    for (a, b) in claims_full.iter().zip(&claims_only) {
        assert_eq!((&a["id"], &a["span"], &a["kind"]), (&b["id"], &b["span"], &b["kind"]));
        assert!(b["topic"].is_null() && b.get("corroborated_by").is_none());
    }
    // Each source's records come together: its source line, then its claims.
    let mut current = String::new();
    for record in &only {
        match record["type"].as_str() {
            Some("source") => current = record["id"].as_str().unwrap_or_default().to_string(),
            Some("claim" | "sentence") => assert_eq!(record["source"].as_str(), Some(current.as_str())),
            Some("header") => assert!(current.is_empty(), "the header comes first"),
            other => panic!("unexpected record {other:?}"),
        }
    }
    // Compared afterwards: the same conflicts as the full run.
    let dir = tempfile::tempdir().expect("temp dir");
    let claims_file = dir.path().join("claims.jsonl");
    fs::write(&claims_file, &only_bytes).expect("write");
    let later = claimscan(&["conflicts", claims_file.to_str().expect("utf-8"), "--format", "jsonl"]);
    assert_eq!(later.status.code(), Some(0), "{}", stderr(&later));
    let reasons = |records: &[Value]| -> Vec<String> {
        of(records, "conflict").iter().map(|c| c["reason"].as_str().unwrap_or_default().to_string()).collect()
    };
    assert_eq!(reasons(&lines(&later)), reasons(&full));
}

/// With comparison, `extract` writes its output from a scratch file of the claims (only
/// compact records are held for comparison): the JSON document is the library's report held
/// whole, byte for byte; the JSON Lines carry the same sources, claims, conflicts and
/// corroborations; and the scratch file is gone afterwards.
#[test]
fn compared_output_matches_the_report_held_whole_and_leaves_no_scratch_file() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let rules = claimscan::RuleSet::load(&claimscan::PackOptions::default()).expect("the default pack loads");
    let files = claimscan::source::discover(std::slice::from_ref(&corpus), &["txt".to_string(), "md".to_string()]);
    let held = claimscan::extract_files(&rules, &files.files, None);
    let mut expected = serde_json::to_vec_pretty(&held).expect("serialises");
    expected.push(b'\n');
    let corpus = corpus.to_str().expect("utf-8 path");
    let document = claimscan(&["extract", corpus]);
    assert!(document.stdout == expected, "the JSON document differs from the report held whole");
    let whole = json(&document);
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("out.jsonl");
    let target_str = target.to_str().expect("utf-8");
    let out = claimscan(&["extract", corpus, "--format", "jsonl", "--sentences", "full", "-o", target_str]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(&target).expect("written");
    let records: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let of = |kind: &str| -> Vec<Value> {
        records
            .iter()
            .filter(|r| r["type"] == kind)
            .map(|r| {
                let mut r = r.clone();
                r.as_object_mut().map(|o| o.remove("type"));
                r
            })
            .collect()
    };
    for (kind, field) in [("source", "sources"), ("conflict", "conflicts"), ("corroboration", "corroborations")] {
        assert_eq!(Value::Array(of(kind)), whole[field], "{field}");
    }
    // A JSON Lines claim is the document's less its null fields and empty flags.
    let mut claims = whole["claims"].clone();
    for claim in claims.as_array_mut().into_iter().flatten().filter_map(Value::as_object_mut) {
        claim.retain(|k, v| match k.as_str() {
            "qualifier" | "actor" | "title" | "speaker" | "attributed_to" | "topic" => !v.is_null(),
            "flags" => v.as_array().is_none_or(|a| !a.is_empty()),
            _ => true,
        });
    }
    assert_eq!(Value::Array(of("claim")), claims);
    assert!(!whole["conflicts"].as_array().is_none_or(Vec::is_empty));
    let names: Vec<_> = fs::read_dir(dir.path()).expect("list").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.jsonl")]);
}
