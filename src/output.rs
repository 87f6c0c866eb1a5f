//! Report → bytes: one JSON document, or JSON Lines with a `type` on every record; files are
//! written whole or not at all.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::compare::{Comparison, Name, Record};
use crate::pipeline::{Report, Skipped, SourceRecord};

/// A JSON Lines record: the record's own fields plus its `type`.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    record_type: &'static str,
    #[serde(flatten)]
    record: &'a T,
}

pub fn write_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// One JSON Lines record: `record`'s fields with a `type`, and a line break.
pub fn write_record<T: Serialize>(out: &mut impl Write, record_type: &'static str, record: &T) -> io::Result<()> {
    write_buffered(&mut Vec::new(), out, record_type, record)
}

/// [`write_record`] through `buffer`: the record is serialised into memory and written in one
/// call, not token by token through `out` (often a `dyn Write`).
fn write_buffered<T: Serialize>(
    buffer: &mut Vec<u8>,
    out: &mut impl Write,
    record_type: &'static str,
    record: &T,
) -> io::Result<()> {
    buffer.clear();
    serde_json::to_writer(&mut *buffer, &Tagged { record_type, record })?;
    buffer.push(b'\n');
    out.write_all(buffer)
}

/// How JSON Lines carry each claim's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sentences {
    /// Once per source, as a `sentence` record before the first claim in it; claims name it
    /// by `sentence_id`.
    #[default]
    Records,
    /// In full on every claim (the output of version 0.1).
    Full,
}

/// A sentence written once for the claims in it.
#[derive(Serialize)]
struct SentenceRecord<'a> {
    id: &'a str,
    source: &'a str,
    text: &'a str,
}

/// The first line of every JSON Lines output: which version wrote it (the JSON document's
/// `claimscan` field).
pub fn write_header(out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Header {
        claimscan: &'static str,
    }
    write_record(out, "header", &Header { claimscan: env!("CARGO_PKG_VERSION") })
}

/// A claim as a JSON Lines record (since 0.3): the fields of a [`crate::Claim`] in its order,
/// less those with nothing to say — `null`, no flags — as the kind-specific fields always were;
/// a reader takes a missing field as `null` (or no flags). The sentence is named by
/// `sentence_id` when it was written as a record.
#[derive(Serialize)]
struct LineClaim<'a> {
    id: &'a str,
    source: &'a str,
    kind: crate::ClaimKind,
    text: &'a str,
    span: [usize; 2],
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "str::is_empty")]
    sentence: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence_id: Option<&'a str>,
    rule: &'a str,
    value: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributed_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    flags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    corroborated_by: Option<&'a crate::claim::Corroborated>,
    #[serde(flatten)]
    detail: &'a crate::claim::Detail,
}

impl<'a> LineClaim<'a> {
    fn of(claim: &'a crate::Claim, sentence_id: Option<&'a str>) -> LineClaim<'a> {
        LineClaim {
            id: &claim.id,
            source: &claim.source,
            kind: claim.kind,
            text: &claim.text,
            span: claim.span,
            line: claim.line,
            column: claim.column,
            sentence: if sentence_id.is_some() { "" } else { &claim.sentence },
            sentence_id,
            rule: &claim.rule,
            value: &claim.value,
            qualifier: claim.qualifier.as_deref(),
            actor: claim.actor.as_deref(),
            title: claim.title.as_deref(),
            speaker: claim.speaker.as_deref(),
            attributed_to: claim.attributed_to.as_deref(),
            topic: claim.topic.as_deref(),
            flags: &claim.flags,
            corroborated_by: claim.corroborated_by.as_ref(),
            detail: &claim.detail,
        }
    }
}

/// Writes claims as JSON Lines, each sentence once per run of claims from one source (claims
/// of a source come together).
pub struct ClaimWriter {
    mode: Sentences,
    source: String,
    ids: std::collections::HashMap<Arc<str>, String>,
    /// The sentence of the claim written last and its id: the claims of one sentence come
    /// together and share it, so most claims need no look-up.
    last: Option<(Arc<str>, String)>,
    buffer: Vec<u8>,
}

impl ClaimWriter {
    pub fn new(mode: Sentences) -> ClaimWriter {
        ClaimWriter { mode, source: String::new(), ids: Default::default(), last: None, buffer: Vec::new() }
    }

    pub fn write(&mut self, out: &mut impl Write, claim: &crate::Claim) -> io::Result<()> {
        if self.mode == Sentences::Full || claim.sentence.is_empty() {
            return write_buffered(&mut self.buffer, out, "claim", &LineClaim::of(claim, None));
        }
        if claim.source != self.source {
            self.source.clone_from(&claim.source);
            self.ids.clear();
            self.last = None;
        }
        if !self.last.as_ref().is_some_and(|(sentence, _)| Arc::ptr_eq(sentence, &claim.sentence)) {
            let id = match self.ids.get(&claim.sentence) {
                Some(id) => id.clone(),
                None => {
                    let id = format!("{}:t{}", claim.source, self.ids.len() + 1);
                    write_buffered(
                        &mut self.buffer,
                        out,
                        "sentence",
                        &SentenceRecord { id: &id, source: &claim.source, text: &claim.sentence },
                    )?;
                    self.ids.insert(claim.sentence.clone(), id.clone());
                    id
                }
            };
            self.last = Some((claim.sentence.clone(), id));
        }
        let id = self.last.as_ref().map(|(_, id)| id.as_str());
        write_buffered(&mut self.buffer, out, "claim", &LineClaim::of(claim, id))
    }
}

/// One source's record and its claims' records as JSON Lines, in memory: what `extract
/// --no-compare` writes for one file, serialised on the thread that extracted it.
pub fn source_jsonl(source: &SourceRecord, claims: Vec<crate::Claim>, sentences: Sentences) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_record(&mut out, "source", source)?;
    let mut writer = ClaimWriter::new(sentences);
    for claim in &claims {
        writer.write(&mut out, claim)?;
    }
    Ok(out)
}

pub fn write_jsonl(report: &Report, sentences: Sentences, out: &mut impl Write) -> io::Result<()> {
    write_header(out)?;
    for source in &report.sources {
        write_record(out, "source", source)?;
    }
    let mut claims = ClaimWriter::new(sentences);
    for claim in &report.claims {
        claims.write(out, claim)?;
    }
    for conflict in &report.conflicts {
        write_record(out, "conflict", conflict)?;
    }
    for corroboration in &report.corroborations {
        write_record(out, "corroboration", corroboration)?;
    }
    for skipped in &report.skipped {
        write_record(out, "skipped", skipped)?;
    }
    Ok(())
}

/// Claims written out as each document is extracted, to be read back one at a time for the
/// output once the folder is compared: comparison holds only their [`Record`]s, never the
/// claims themselves. A scratch file, removed when the spool is dropped.
pub struct Spool {
    path: PathBuf,
    file: io::BufWriter<fs::File>,
    claims: usize,
}

impl Spool {
    /// A new scratch file in `dir`, named after `name`.
    pub fn create(dir: &Path, name: &str) -> io::Result<Spool> {
        let path = dir.join(format!(".{name}.{}.claims.tmp", std::process::id()));
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        Ok(Spool { path, file: io::BufWriter::new(file), claims: 0 })
    }

    /// The lines [`Spool::push`] writes for `claims`: one JSON object per claim without its
    /// sentence (the record keeps that); made on the thread that extracted them.
    pub fn render(claims: &mut [crate::Claim]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for claim in claims {
            let sentence = std::mem::take(&mut claim.sentence);
            let written = serde_json::to_writer(&mut out, claim);
            claim.sentence = sentence;
            written?;
            out.push(b'\n');
        }
        Ok(out)
    }

    /// Appends `count` claims rendered by [`Spool::render`].
    pub fn push(&mut self, rendered: &[u8], count: usize) -> io::Result<()> {
        self.claims += count;
        self.file.write_all(rendered)
    }

    /// Every claim written, in order, through `each`, with what comparison found put in (see
    /// [`Record::annotate`]) and its sentence (the record's).
    fn read_back(
        &mut self,
        records: &[Record],
        comparison: &Comparison,
        mut each: impl FnMut(crate::Claim) -> io::Result<()>,
    ) -> io::Result<()> {
        self.file.flush()?;
        let corrupt = |message: String| io::Error::new(io::ErrorKind::InvalidData, message);
        if records.len() != self.claims {
            return Err(corrupt(format!("{} claims spooled for {} records", self.claims, records.len())));
        }
        let mut lines = io::BufReader::new(fs::File::open(&self.path)?).lines();
        let mut flags = comparison.flags.iter().peekable();
        // The claims of one sentence come together and share one copy of it.
        let mut sentence: Option<(&Record, Arc<str>)> = None;
        for (index, record) in records.iter().enumerate() {
            let line = lines.next().ok_or_else(|| corrupt("the claims scratch file ends early".into()))??;
            let mut claim: crate::Claim = serde_json::from_str(&line)?;
            claim.sentence = match &sentence {
                Some((previous, text)) if Name::ptr_eq(&previous.sentence, &record.sentence) => text.clone(),
                _ => Arc::from(&*record.sentence),
            };
            sentence = Some((record, claim.sentence.clone()));
            record.annotate(&mut claim);
            while let Some((_, flag)) = flags.next_if(|(i, _)| *i == index) {
                claim.flags.push(flag.clone());
            }
            each(claim)?;
        }
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The JSON Lines of a compared folder whose claims are in `spool`, each with what comparison
/// found (`records`, `comparison`): the same records, in the same order, as [`write_jsonl`]
/// writes for the report held whole.
pub fn write_spooled_jsonl(
    sources: &[SourceRecord],
    spool: &mut Spool,
    records: &[Record],
    comparison: &Comparison,
    skipped: &[Skipped],
    sentences: Sentences,
    out: &mut impl Write,
) -> io::Result<()> {
    write_header(out)?;
    for source in sources {
        write_record(out, "source", source)?;
    }
    let mut claims = ClaimWriter::new(sentences);
    spool.read_back(records, comparison, |claim| claims.write(out, &claim))?;
    for conflict in &comparison.conflicts {
        write_record(out, "conflict", conflict)?;
    }
    for corroboration in &comparison.corroborations {
        write_record(out, "corroboration", corroboration)?;
    }
    for skipped in skipped {
        write_record(out, "skipped", skipped)?;
    }
    Ok(())
}

/// The JSON document of a compared folder whose claims are in `spool`: the bytes
/// [`write_json`] writes for the report held whole, the claims read back as they are
/// serialised.
pub fn write_spooled_json(
    sources: &[SourceRecord],
    spool: &mut Spool,
    records: &[Record],
    comparison: &Comparison,
    skipped: &[Skipped],
    out: &mut impl Write,
) -> io::Result<()> {
    /// [`Report`]'s fields, in its order, the claims streamed.
    #[derive(Serialize)]
    struct SpooledReport<'a> {
        claimscan: &'static str,
        sources: &'a [SourceRecord],
        claims: SpooledClaims<'a>,
        conflicts: &'a [crate::compare::Conflict],
        corroborations: &'a [crate::compare::Corroboration],
        #[serde(skip_serializing_if = "<[Skipped]>::is_empty")]
        skipped: &'a [Skipped],
    }
    let claims = SpooledClaims { spool: std::cell::RefCell::new(spool), records, comparison };
    let report = SpooledReport {
        claimscan: env!("CARGO_PKG_VERSION"),
        sources,
        claims,
        conflicts: &comparison.conflicts,
        corroborations: &comparison.corroborations,
        skipped,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}

/// A spool's claims as a JSON array, each read back as it is serialised.
struct SpooledClaims<'a> {
    spool: std::cell::RefCell<&'a mut Spool>,
    records: &'a [Record],
    comparison: &'a Comparison,
}

impl Serialize for SpooledClaims<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(Some(self.records.len()))?;
        let mut failed = None;
        let read = self.spool.borrow_mut().read_back(self.records, self.comparison, |claim| {
            seq.serialize_element(&claim).map_err(|e| {
                let message = e.to_string();
                failed = Some(e);
                io::Error::other(message)
            })
        });
        match (failed, read) {
            (Some(e), _) => Err(e),
            (None, Err(e)) => Err(S::Error::custom(e)),
            (None, Ok(())) => seq.end(),
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file and a failed run leaves the old file in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], streaming: `write` fills the temporary file, which replaces `path`
/// only if it succeeds.
/// Writes through `write` to `path` whole or not at all, or to standard output when there is no
/// path.
pub fn write_to(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    match path {
        Some(path) => write_atomic_with(path, write),
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            out.flush()
        }
    }
}

pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "output path has no file name"))?;
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = fs::File::create(&temp).and_then(|f| {
        let mut out = io::BufWriter::new(f);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    match result.and_then(|()| fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}

/// JSON Schema of the `extract` output (`claimscan schema`).
pub const OUTPUT_SCHEMA: &str = include_str!("../schema/output.schema.json");

/// JSON Schema of a rule file (`claimscan schema --rules`).
pub const RULES_SCHEMA: &str = include_str!("../schema/rules.schema.json");
