//! Files → report: read and extract every input in parallel (output order kept), then link
//! actors across articles.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::compare::{self, Conflict, Corroboration};
use crate::extract::{self, ReferenceFrom};
use crate::rules::RuleSet;
use crate::source::Document;

/// One input article in the report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceRecord {
    pub id: String,
    pub path: String,
    /// Size on disk.
    pub bytes: usize,
    pub encoding: String,
    /// The date relative dates were resolved against, if any.
    pub reference_date: Option<String>,
    /// Where that date came from: `option`, `dateline` or `lead`.
    pub reference_from: Option<ReferenceFrom>,
    pub warnings: Vec<String>,
}

/// An input that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The whole output document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub claimscan: String,
    pub sources: Vec<SourceRecord>,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    pub corroborations: Vec<Corroboration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// A report with nothing in it yet, stamped with this version.
    pub fn empty() -> Report {
        Report {
            claimscan: env!("CARGO_PKG_VERSION").to_string(),
            sources: Vec::new(),
            claims: Vec::new(),
            conflicts: Vec::new(),
            corroborations: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// One input, read and extracted: its source record and claims (ids set), or why it was skipped.
pub type Extracted = Result<(SourceRecord, Vec<Claim>), Skipped>;

/// Files extracted in parallel at a time by [`extract_each`]: enough to keep every core busy,
/// few enough that memory does not depend on the folder.
const BATCH: usize = 256;

/// Reads and extracts `files` in the given order, a batch at a time in parallel, handing each
/// file's result to `sink` in order as soon as its batch is done; nothing is kept, so memory
/// does not grow with the folder. Source ids are numbered over the files read (skipped ones
/// take no number), as in [`extract_files`]. This is the map step of a comparison: no claim
/// is compared or linked to another source. Stops at the first error `sink` returns.
pub fn extract_each<E>(
    rules: &RuleSet,
    files: &[PathBuf],
    reference: Option<Date>,
    sink: impl FnMut(Extracted) -> Result<(), E>,
) -> Result<(), E> {
    extract_each_rendered(rules, files, reference, |result| result, sink)
}

/// [`extract_each`], with each result turned by `render` into what `sink` takes on the worker
/// threads (serialising a file's records there keeps the writer from being the one serial
/// step), while `sink` runs on the calling thread: it consumes one batch while the next is
/// extracted.
pub fn extract_each_rendered<T: Send, E>(
    rules: &RuleSet,
    files: &[PathBuf],
    reference: Option<Date>,
    render: impl Fn(Extracted) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    // One batch waits while one is consumed and one extracted: memory stays a few batches.
    let (batches, received) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
    let render = &render;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut read = 0;
            for batch in files.chunks(BATCH) {
                let results: Vec<Result<Document, Skipped>> = batch
                    .par_iter()
                    .map(|path| {
                        Document::read(path)
                            .map_err(|e| Skipped { path: path.display().to_string(), reason: e.to_string() })
                    })
                    .collect();
                // Numbers follow the order of the files, so they are given before extracting.
                let numbered: Vec<(Result<Document, Skipped>, usize)> = results
                    .into_iter()
                    .map(|r| {
                        read += usize::from(r.is_ok());
                        (r, read)
                    })
                    .collect();
                let rendered: Vec<T> = numbered
                    .into_par_iter()
                    .map(|(doc, number)| render(doc.map(|doc| extract_doc(rules, doc, reference, number))))
                    .collect();
                // The receiver is gone only when `sink` failed: nothing more is wanted.
                if batches.send(rendered).is_err() {
                    break;
                }
            }
        });
        for batch in received {
            for result in batch {
                sink(result)?;
            }
        }
        Ok(())
    })
}

/// `extract_one` for a document already read.
fn extract_doc(rules: &RuleSet, doc: Document, reference: Option<Date>, number: usize) -> (SourceRecord, Vec<Claim>) {
    let extraction = extract::analyze(rules, &doc, reference);
    let id = format!("s{number}");
    let source = SourceRecord {
        id: id.clone(),
        path: doc.path.display().to_string(),
        bytes: doc.disk_len,
        encoding: doc.encoding.to_string(),
        reference_date: extraction.reference_date.map(|d| d.to_string()),
        reference_from: extraction.reference_from,
        warnings: doc.warnings,
    };
    let claims = extraction
        .claims
        .into_iter()
        .enumerate()
        .map(|(n, mut claim)| {
            claim.id = format!("{id}:c{}", n + 1);
            claim.source = id.clone();
            claim
        })
        .collect();
    (source, claims)
}

/// Reads and extracts `files` (in the given order), without comparing them. Unreadable and
/// binary files are skipped and listed; the rest go on.
pub fn extract_files_only(rules: &RuleSet, files: &[PathBuf], reference: Option<Date>) -> Report {
    extract_files_observed(rules, files, reference, |_| {})
}

/// [`extract_files_only`], telling `seen` about each file as it is done (for progress).
pub fn extract_files_observed(
    rules: &RuleSet,
    files: &[PathBuf],
    reference: Option<Date>,
    mut seen: impl FnMut(&Extracted),
) -> Report {
    let mut report = Report::empty();
    let _ = extract_each::<()>(rules, files, reference, |result| {
        seen(&result);
        match result {
            Ok((source, claims)) => {
                report.sources.push(source);
                report.claims.extend(claims);
            }
            Err(skipped) => report.skipped.push(skipped),
        }
        Ok(())
    });
    report
}

/// Reads and extracts `files` (in the given order), links people across sources and compares
/// the claims. Unreadable and binary files are skipped and listed; the rest go on.
pub fn extract_files(rules: &RuleSet, files: &[PathBuf], reference: Option<Date>) -> Report {
    let mut report = extract_files_only(rules, files, reference);
    compare_report(rules, &mut report);
    report
}

/// The reduce step: links people across the report's sources and compares its claims.
pub fn compare_report(rules: &RuleSet, report: &mut Report) {
    let comparison = compare::link_and_compare(rules, &mut report.claims);
    report.conflicts = comparison.conflicts;
    report.corroborations = comparison.corroborations;
}

/// Clears what comparison adds, so claims read back from files can be compared afresh.
pub fn reset_comparison(claims: &mut [Claim]) {
    for claim in claims {
        claim.topic = None;
        claim.corroborated_by = None;
        claim.flags.retain(|f| !f.starts_with("conflict:"));
    }
}

/// Why a claim file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ClaimFileError {
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: not a claimscan record: {message}")]
    Format { path: String, line: usize, message: String },
}

/// Reads claims written earlier by `claimscan extract`, as one JSON document or JSON Lines.
pub fn read_report(path: &Path) -> Result<Report, ClaimFileError> {
    let name = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|source| ClaimFileError::Io { path: name.clone(), source })?;
    let format =
        |line: usize, e: serde_json::Error| ClaimFileError::Format { path: name.clone(), line, message: e.to_string() };
    if text.trim_start().starts_with('{')
        && path.extension().is_none_or(|e| e != "jsonl")
        && let Ok(report) = serde_json::from_str::<Report>(&text)
    {
        return Ok(report);
    }
    let mut report = Report::empty();
    let mut sentences: HashMap<String, std::sync::Arc<str>> = HashMap::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).map_err(|e| format(n + 1, e))?;
        match record.get("type").and_then(|t| t.as_str()) {
            Some("source") => report.sources.push(serde_json::from_value(record).map_err(|e| format(n + 1, e))?),
            // Sentences written once per source come back on every claim in them.
            Some("sentence") => {
                let field = |name: &str| record.get(name).and_then(|v| v.as_str()).map(str::to_string);
                match (field("id"), field("text")) {
                    (Some(id), Some(text)) => {
                        sentences.insert(id, text.into());
                    }
                    _ => {
                        return Err(ClaimFileError::Format {
                            path: name,
                            line: n + 1,
                            message: "a sentence record needs an \"id\" and a \"text\"".into(),
                        });
                    }
                }
            }
            Some("claim") => {
                let mut claim: Claim = serde_json::from_value(record).map_err(|e| format(n + 1, e))?;
                if let Some(id) = claim.sentence_id.take() {
                    claim.sentence = sentences.get(&id).cloned().ok_or_else(|| ClaimFileError::Format {
                        path: name.clone(),
                        line: n + 1,
                        message: format!("sentence {id} is not defined before the claim"),
                    })?;
                }
                report.claims.push(claim);
            }
            // Comparisons are recomputed; skipped inputs stay skipped; the version line (since
            // 0.3) says nothing the records do not.
            Some("conflict" | "corroboration" | "skipped" | "header") => {}
            _ => {
                return Err(ClaimFileError::Format {
                    path: name,
                    line: n + 1,
                    message: "no \"type\" of source or claim".into(),
                });
            }
        }
    }
    Ok(report)
}

/// Puts reports read or extracted separately into one, sources renumbered so their ids do not
/// collide, and compares them together.
pub fn combine(rules: &RuleSet, reports: Vec<Report>) -> Report {
    let mut combined = Report::empty();
    for report in reports {
        let mut renamed: HashMap<String, String> = HashMap::new();
        for mut source in report.sources {
            let id = format!("s{}", combined.sources.len() + 1);
            renamed.insert(source.id.clone(), id.clone());
            source.id = id;
            combined.sources.push(source);
        }
        for mut claim in report.claims {
            let Some(id) = renamed.get(&claim.source) else { continue };
            let number = claim.id.rsplit_once(':').map_or(claim.id.clone(), |(_, n)| n.to_string());
            claim.id = format!("{id}:{number}");
            claim.source = id.clone();
            combined.claims.push(claim);
        }
        combined.skipped.extend(report.skipped);
    }
    reset_comparison(&mut combined.claims);
    let comparison = compare::link_and_compare(rules, &mut combined.claims);
    combined.conflicts = comparison.conflicts;
    combined.corroborations = comparison.corroborations;
    combined
}
