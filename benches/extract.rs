//! Speed benchmark: claims per second on a generated, news-like corpus.
//!
//! `cargo bench --bench extract` runs on 20 MB (`CLAIMSCAN_BENCH_MB=50` to change); any
//! argument (`cargo bench --bench extract -- --quick`) switches to a 2 MB smoke run. Under
//! `cargo test` (`--all-targets`, `--benches`: no `--bench` flag, usually a debug build) it only
//! checks that everything runs, on 0.05 MB, once.
//!
//! Plain `cargo bench -- --quick` stops earlier: the lib's libtest harness rejects `--quick`.
//! Name the target.
//!
//! Then each degenerate document of `degenerate_gen.rs` (3 MB; 0.5 MB with `--quick`) once, end
//! to end, and the peak resident memory of the run. The full-size folder runs (50 MB corpora,
//! 500 MB without comparison) are CLI runs: see the README's Performance section.
//!
//! Two measurements, best of 3 runs each:
//! - single-threaded: `Document::from_bytes` + `extract` per article, in memory;
//! - end to end, parallel: `extract_files` over the corpus written to a temp folder (files read
//!   and analysed on all cores with rayon), then `output::write_json` into memory.

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use claimscan::{ClaimKind, Document, RuleSet};

#[path = "corpus_gen.rs"]
mod corpus_gen;
#[path = "degenerate_gen.rs"]
mod degenerate_gen;

const SEED: u64 = 0x00C1_A135_CA17;
const RUNS: usize = 3;
const DEFAULT_MB: f64 = 20.0;
const QUICK_MB: f64 = 2.0;
const TEST_MB: f64 = 0.05;
const MB: f64 = 1_000_000.0;

/// The temp folder, removed when the benchmark ends (or panics).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1000.0)
}

/// One line of the results table; printed as soon as it is measured, so a panic in a later
/// stage still leaves the earlier numbers on screen.
fn print_row(name: &str, bytes: usize, files: usize, claims: usize, best: Duration) {
    let secs = best.as_secs_f64();
    let mb = bytes as f64 / MB;
    println!("{name:<37} {mb:>8.1} {files:>7} {claims:>9} {secs:>8.3} {:>8.1}", mb / secs);
}

fn main() {
    // `cargo bench` passes `--bench`, `cargo test` does not; anything else (e.g. `--quick`)
    // asks for a smoke run.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let under_test = !args.iter().any(|a| a == "--bench");
    let quick = args.iter().any(|a| a != "--bench");
    let runs = if under_test { 1 } else { RUNS };
    let mb = if under_test {
        TEST_MB
    } else if quick {
        QUICK_MB
    } else {
        match std::env::var("CLAIMSCAN_BENCH_MB") {
            Ok(v) => {
                v.trim().parse::<f64>().ok().filter(|mb| *mb > 0.0).expect("CLAIMSCAN_BENCH_MB: a positive number")
            }
            Err(_) => DEFAULT_MB,
        }
    };

    let t = Instant::now();
    let corpus = corpus_gen::generate(SEED, (mb * MB) as usize);
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    println!(
        "corpus: {} files, {:.1} MB generated in {:.2} s (seed {SEED:#x})",
        corpus.len(),
        bytes as f64 / MB,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let rules = RuleSet::default_pack().expect("default rule pack loads");
    println!("rules: default pack loaded in {:.3} s", t.elapsed().as_secs_f64());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("runs: best of {runs}; {threads} CPU(s) available\n");

    println!("{:<37} {:>8} {:>7} {:>9} {:>8} {:>8}", "benchmark", "MB", "files", "claims", "seconds", "MB/s");
    let mut by_kind: BTreeMap<ClaimKind, usize> = BTreeMap::new();

    // Single-threaded, in memory.
    let mut best = Duration::MAX;
    let mut claims = 0;
    for run in 0..runs {
        let t = Instant::now();
        let mut n = 0;
        for (name, text) in &corpus {
            let doc = Document::from_bytes(name.as_str(), text.as_bytes()).expect("generated text is a valid document");
            let found = claimscan::extract(&rules, &doc);
            n += found.len();
            if run == 0 {
                for claim in &found {
                    *by_kind.entry(claim.kind).or_default() += 1;
                }
            }
            black_box(found);
        }
        best = best.min(t.elapsed());
        claims = n;
    }
    print_row("single-threaded (extract)", bytes, corpus.len(), claims, best);

    // End to end, parallel: files on disk → extract_files → JSON.
    let dir = TempDir(std::env::temp_dir().join(format!("claimscan-bench-{}", std::process::id())));
    fs::create_dir_all(&dir.0).expect("create temp corpus folder");
    let mut paths = Vec::with_capacity(corpus.len());
    for (name, text) in &corpus {
        let path = dir.0.join(name);
        fs::write(&path, text).expect("write temp corpus file");
        paths.push(path);
    }
    let mut best = Duration::MAX;
    let mut best_split = (Duration::ZERO, Duration::ZERO);
    let mut claims = 0;
    let mut json_len = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let report = claimscan::extract_files(&rules, &paths, None);
        let extracted = t.elapsed();
        let mut json = Vec::new();
        claimscan::output::write_json(&report, &mut json).expect("JSON into memory");
        let total = t.elapsed();
        if total < best {
            best = total;
            best_split = (extracted, total - extracted);
        }
        assert!(report.skipped.is_empty(), "files skipped: {}", report.skipped.len());
        claims = report.claims.len();
        json_len = json.len();
        black_box(json);
    }
    drop(dir);
    print_row("end to end, parallel (files → JSON)", bytes, paths.len(), claims, best);
    println!(
        "(end to end, best run: extract_files {:.3} s + write_json {:.3} s; JSON output {:.1} MB)\n",
        best_split.0.as_secs_f64(),
        best_split.1.as_secs_f64(),
        json_len as f64 / MB
    );

    // Degenerate documents: one file per shape, end to end (extract and compare). Each must
    // stay linear in its size; the mark is 10 s for 2-5 MB.
    let shape_mb = if under_test {
        TEST_MB
    } else if quick {
        0.5
    } else {
        3.0
    };
    let dir = TempDir(std::env::temp_dir().join(format!("claimscan-bench-shapes-{}", std::process::id())));
    fs::create_dir_all(&dir.0).expect("create temp folder");
    println!("degenerate documents, {shape_mb} MB each, end to end:");
    for shape in degenerate_gen::shapes((shape_mb * MB) as usize, &corpus_gen::generate) {
        let path = dir.0.join(shape.name);
        fs::write(&path, &shape.text).expect("write temp file");
        // One run: some shapes are slow, and a second run would time the same work.
        let t = Instant::now();
        let report = claimscan::extract_files(&rules, std::slice::from_ref(&path), None);
        print_row(shape.name, shape.text.len(), 1, report.claims.len(), t.elapsed());
        black_box(report);
    }
    drop(dir);
    if let Some(mb) = peak_rss_mb() {
        println!("peak resident memory of the whole benchmark: {mb:.0} MB\n");
    }

    println!("claims per kind (single-threaded run):");
    for (kind, n) in &by_kind {
        println!("  {:<12} {:>9}", kind.name(), n);
    }
}
