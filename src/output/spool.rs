//! A compared folder's claims, held on disk until comparison is done: each claim is rendered
//! once, on the thread that extracted it, into the pieces of its output record; writing the
//! output copies the pieces and puts between them what comparison found. Comparison holds only
//! the claims' [`Record`]s, never the claims.

use std::fs;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::lines::{ClaimRenderer, Found, Named, Pieces};
use super::{Sentences, write_buffered, write_header, write_record};
use crate::claim::{ClaimKind, Corroborated};
use crate::compare::{Comparison, Record};
use crate::pipeline::{Skipped, SourceRecord};

/// What the spooled claims will be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpoolFor {
    /// JSON Lines, sentences as the mode says.
    Lines(Sentences),
    /// The JSON document: claims are read back whole and serialised there.
    Document,
}

/// The scratch file: per claim, the lengths of its four pieces (little-endian `u32`s) and the
/// pieces. Removed when the spool is dropped.
pub struct Spool {
    path: PathBuf,
    file: io::BufWriter<fs::File>,
    format: SpoolFor,
    claims: usize,
}

impl Spool {
    /// A new scratch file in `dir`, named after `name`, for output as `format`.
    pub fn create(dir: &Path, name: &str, format: SpoolFor) -> io::Result<Spool> {
        let path = dir.join(format!(".{name}.{}.claims.tmp", std::process::id()));
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        Ok(Spool { path, file: io::BufWriter::new(file), format, claims: 0 })
    }

    /// What [`Spool::push`] writes for one source's `claims`, made on the thread that
    /// extracted them.
    pub fn render(claims: &[crate::Claim], format: SpoolFor) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut renderer = match format {
            SpoolFor::Lines(mode) => Some(ClaimRenderer::new(mode)),
            SpoolFor::Document => None,
        };
        for claim in claims {
            let lengths = out.len();
            out.extend_from_slice(&[0; 16]);
            let pieces = match &mut renderer {
                Some(renderer) => renderer.render(&mut out, claim)?,
                // The record gives the sentence back.
                None => Pieces::render(&mut out, claim, None, false)?,
            };
            for (i, len) in [pieces.head, pieces.value, pieces.flags, pieces.detail].into_iter().enumerate() {
                let len = u32::try_from(len).map_err(|_| io::Error::other("a claim record over 4 GB"))?;
                out[lengths + 4 * i..lengths + 4 * i + 4].copy_from_slice(&len.to_le_bytes());
            }
        }
        Ok(out)
    }

    /// Appends `count` claims rendered by [`Spool::render`].
    pub fn push(&mut self, rendered: &[u8], count: usize) -> io::Result<()> {
        self.claims += count;
        self.file.write_all(rendered)
    }

    /// Every claim's pieces, in order, with its record, through `each`.
    fn read_back(
        &mut self,
        records: &[Record],
        mut each: impl FnMut(usize, &Record, Pieces, &[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        self.file.flush()?;
        let corrupt = |message: &str| io::Error::new(io::ErrorKind::InvalidData, message.to_string());
        if records.len() != self.claims {
            return Err(corrupt(&format!("{} claims spooled for {} records", self.claims, records.len())));
        }
        let mut file = BufReader::with_capacity(1 << 20, fs::File::open(&self.path)?);
        let mut bytes = Vec::new();
        for (index, record) in records.iter().enumerate() {
            let mut lengths = [0u8; 16];
            file.read_exact(&mut lengths).map_err(|_| corrupt("the claims scratch file ends early"))?;
            let len = |i: usize| {
                let mut four = [0u8; 4];
                four.copy_from_slice(&lengths[4 * i..4 * i + 4]);
                u32::from_le_bytes(four) as usize
            };
            let pieces = Pieces { head: len(0), value: len(1), flags: len(2), detail: len(3) };
            bytes.resize(pieces.len(), 0);
            file.read_exact(&mut bytes).map_err(|_| corrupt("the claims scratch file ends early"))?;
            each(index, record, pieces, &bytes)?;
        }
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A compared folder, less its claims (those are in the spool): what the output is written
/// from.
#[derive(Clone, Copy)]
pub struct Compared<'a> {
    pub sources: &'a [SourceRecord],
    /// One per spooled claim, in order, with what linking and comparison marked on it.
    pub records: &'a [Record],
    pub comparison: &'a Comparison,
    pub skipped: &'a [Skipped],
}

/// The flags comparison gives claim `index`, from `flags` (by claim index, ascending).
fn flags_of<'c>(flags: &mut std::iter::Peekable<std::slice::Iter<'c, (usize, String)>>, index: usize) -> Vec<&'c str> {
    let mut out = Vec::new();
    while let Some((_, flag)) = flags.next_if(|(i, _)| *i == index) {
        out.push(flag.as_str());
    }
    out
}

/// The named fields as linking and comparison left them.
fn named(record: &Record) -> Named<'_> {
    Named {
        qualifier: record.qualifier.as_deref(),
        actor: record.actor.as_deref(),
        title: record.title.as_deref(),
        speaker: record.speaker.as_deref(),
        attributed_to: record.attributed_to.as_deref(),
        topic: record.topic.as_deref(),
    }
}

fn corroboration(record: &Record) -> Option<Corroborated> {
    record.corroborated_by.map(|(n, count)| Corroborated { id: format!("k{n}"), count: count as usize })
}

/// The JSON Lines of a compared folder whose claims are in `spool`, each with what comparison
/// found: the same records, in the same order, as
/// [`super::write_jsonl`] writes for the report held whole.
pub fn write_spooled_jsonl(compared: &Compared<'_>, spool: &mut Spool, out: &mut impl Write) -> io::Result<()> {
    let Compared { sources, records, comparison, skipped } = *compared;
    if !matches!(spool.format, SpoolFor::Lines(_)) {
        return Err(io::Error::other("claims spooled for the JSON document, written as JSON Lines"));
    }
    write_header(out)?;
    for source in sources {
        write_record(out, "source", source)?;
    }
    let mut flags = comparison.flags.iter().peekable();
    let mut buffer = Vec::new();
    spool.read_back(records, |index, record, pieces, bytes| {
        // Linking renames actors: no other claim's value changes.
        let value = (record.kind == ClaimKind::Actor).then_some(&record.value);
        let flags = flags_of(&mut flags, index);
        let corroborated_by = corroboration(record);
        let found = Found { value, named: named(record), flags: &flags, corroborated_by: corroborated_by.as_ref() };
        pieces.write(bytes, out, &mut buffer, &found)
    })?;
    for conflict in &comparison.conflicts {
        write_buffered(&mut buffer, out, "conflict", conflict)?;
    }
    for corroboration in &comparison.corroborations {
        write_buffered(&mut buffer, out, "corroboration", corroboration)?;
    }
    for skipped in skipped {
        write_buffered(&mut buffer, out, "skipped", skipped)?;
    }
    Ok(())
}

/// The JSON document of a compared folder whose claims are in `spool`: the bytes
/// [`super::write_json`] writes for the report held whole, the claims read back as they are
/// serialised.
pub fn write_spooled_json(compared: &Compared<'_>, spool: &mut Spool, out: &mut impl Write) -> io::Result<()> {
    let Compared { sources, records, comparison, skipped } = *compared;
    /// [`crate::pipeline::Report`]'s fields, in its order, the claims streamed.
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
    if spool.format != SpoolFor::Document {
        return Err(io::Error::other("claims spooled for JSON Lines, written as the JSON document"));
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
        let mut flags = self.comparison.flags.iter().peekable();
        let (mut json, mut buffer) = (Vec::new(), Vec::new());
        let read = self.spool.borrow_mut().read_back(self.records, |index, record, pieces, bytes| {
            json.clear();
            let found = Found { value: None, named: named(record), flags: &[], corroborated_by: None };
            pieces.write(bytes, &mut json, &mut buffer, &found)?;
            let mut claim: crate::Claim = serde_json::from_slice(&json)?;
            claim.sentence = std::sync::Arc::from(&*record.sentence);
            record.annotate(&mut claim);
            claim.flags.extend(flags_of(&mut flags, index).into_iter().map(str::to_string));
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
