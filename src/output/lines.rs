//! Claims as JSON Lines records, built from pieces: what extraction alone decides is rendered
//! once, on the thread that extracted the claim; what comparison decides (names linked across
//! sources, topic, corroboration, conflict flags) is put between the pieces when the output is
//! written. Every path — a report held whole, a file streamed without comparison, a compared
//! folder read back from its spool — writes a claim through [`Pieces`], so they agree byte for
//! byte.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::{SentenceRecord, Sentences, write_buffered, write_header, write_record};
use crate::claim::{Claim, Corroborated};
use crate::pipeline::{Report, SourceRecord};

/// The first fields of a claim record, through `rule` (the record still open).
///
/// A claim as a JSON Lines record (since 0.3) has the fields of a [`Claim`] in its order, less
/// those with nothing to say — `null`, no flags — as the kind-specific fields always were; a
/// reader takes a missing field as `null` (or no flags). The sentence is named by
/// `sentence_id` when it was written as a record.
#[derive(Serialize)]
struct Head<'a> {
    #[serde(rename = "type")]
    record_type: &'static str,
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
}

/// The fields after `value` that comparison may change (or, for `qualifier` and `title`,
/// that sit among them).
#[derive(Serialize)]
pub(super) struct Named<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<&'a str>,
}

impl<'a> Named<'a> {
    fn of(claim: &'a Claim) -> Named<'a> {
        Named {
            qualifier: claim.qualifier.as_deref(),
            actor: claim.actor.as_deref(),
            title: claim.title.as_deref(),
            speaker: claim.speaker.as_deref(),
            attributed_to: claim.attributed_to.as_deref(),
            topic: claim.topic.as_deref(),
        }
    }
}

/// Where the pieces of one claim's record end in a buffer.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Pieces {
    /// The sentence record, when this claim is the first in it, and the claim's first fields
    /// (see [`Head`]), without the closing brace.
    pub head: usize,
    /// `,"value":…`
    pub value: usize,
    /// The flags extraction set, as JSON strings joined by commas (no brackets).
    pub flags: usize,
    /// The kind-specific fields (`,"unit":…`), the closing brace and the line break.
    pub detail: usize,
}

impl Pieces {
    /// Appends the pieces of `claim` to `out`; `sentence_id` names its sentence record, or
    /// `None` to write the sentence in full (or, if it is empty, not at all).
    pub fn render(out: &mut Vec<u8>, claim: &Claim, sentence_id: Option<&str>, full: bool) -> io::Result<Pieces> {
        let start = out.len();
        let head = Head {
            record_type: "claim",
            id: &claim.id,
            source: &claim.source,
            kind: claim.kind,
            text: &claim.text,
            span: claim.span,
            line: claim.line,
            column: claim.column,
            sentence: if full && sentence_id.is_none() { &claim.sentence } else { "" },
            sentence_id,
            rule: &claim.rule,
        };
        serde_json::to_writer(&mut *out, &head)?;
        out.pop(); // the closing brace
        let head = out.len() - start;
        let start = out.len();
        out.extend_from_slice(b",\"value\":");
        serde_json::to_writer(&mut *out, &claim.value)?;
        let value = out.len() - start;
        let start = out.len();
        for (i, flag) in claim.flags.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, flag)?;
        }
        let flags = out.len() - start;
        let start = out.len();
        let detail = serde_json::to_vec(&claim.detail)?;
        // `{}` or `{"unit":…}`: the fields go on after the others.
        if detail.len() > 2 {
            out.push(b',');
            out.extend_from_slice(&detail[1..detail.len() - 1]);
        }
        out.extend_from_slice(b"}\n");
        Ok(Pieces { head, value, flags, detail: out.len() - start })
    }

    pub fn len(&self) -> usize {
        self.head + self.value + self.flags + self.detail
    }

    /// Writes the record from its pieces in `bytes` (as [`Pieces::render`] laid them out),
    /// with what comparison `found` put in.
    pub fn write(&self, bytes: &[u8], out: &mut impl Write, buffer: &mut Vec<u8>, found: &Found<'_>) -> io::Result<()> {
        let Found { value, named, flags, corroborated_by } = found;
        let (head, rest) = bytes.split_at(self.head.min(bytes.len()));
        let (stored_value, rest) = rest.split_at(self.value.min(rest.len()));
        let (stored_flags, detail) = rest.split_at(self.flags.min(rest.len()));
        buffer.clear();
        buffer.extend_from_slice(head);
        match value {
            Some(value) => {
                buffer.extend_from_slice(b",\"value\":");
                serde_json::to_writer(&mut *buffer, value)?;
            }
            None => buffer.extend_from_slice(stored_value),
        }
        let named_at = buffer.len();
        serde_json::to_writer(&mut *buffer, named)?;
        // `{}` or `{"actor":…}`: its fields go on after the value.
        if buffer.len() - named_at > 2 {
            buffer[named_at] = b',';
            buffer.pop();
        } else {
            buffer.truncate(named_at);
        }
        if !stored_flags.is_empty() || !flags.is_empty() {
            buffer.extend_from_slice(b",\"flags\":[");
            buffer.extend_from_slice(stored_flags);
            for (i, flag) in flags.iter().enumerate() {
                if i > 0 || !stored_flags.is_empty() {
                    buffer.push(b',');
                }
                serde_json::to_writer(&mut *buffer, flag)?;
            }
            buffer.push(b']');
        }
        if let Some(corroborated_by) = corroborated_by {
            buffer.extend_from_slice(b",\"corroborated_by\":");
            serde_json::to_writer(&mut *buffer, corroborated_by)?;
        }
        buffer.extend_from_slice(detail);
        out.write_all(buffer)
    }
}

/// What comparison decides of a claim, put between its pieces.
pub(super) struct Found<'a> {
    /// Replaces the value rendered (an actor renamed by linking).
    pub value: Option<&'a Value>,
    pub named: Named<'a>,
    /// Conflict flags, after those extraction set.
    pub flags: &'a [&'a str],
    pub corroborated_by: Option<&'a Corroborated>,
}

/// Sentence record ids of one source's claims (`s3:t1`, `s3:t2`, …), in the order the
/// sentences are first met.
#[derive(Default)]
pub(super) struct SentenceIds {
    source: String,
    ids: HashMap<Arc<str>, String>,
    /// The sentence of the claim before and its id: the claims of one sentence come together
    /// and share it, so most claims need no look-up.
    last: Option<(Arc<str>, String)>,
}

impl SentenceIds {
    /// The id of `claim`'s sentence, and whether it is met for the first time (its record is
    /// still to be written); `None` for a claim with no sentence.
    pub fn of(&mut self, claim: &Claim) -> Option<(&str, bool)> {
        if claim.sentence.is_empty() {
            return None;
        }
        if claim.source != self.source {
            self.source.clone_from(&claim.source);
            self.ids.clear();
            self.last = None;
        }
        let mut new = false;
        if !self.last.as_ref().is_some_and(|(sentence, _)| Arc::ptr_eq(sentence, &claim.sentence)) {
            let next = self.ids.len() + 1;
            let id = self
                .ids
                .entry(claim.sentence.clone())
                .or_insert_with(|| {
                    new = true;
                    format!("{}:t{next}", claim.source)
                })
                .clone();
            self.last = Some((claim.sentence.clone(), id));
        }
        self.last.as_ref().map(|(_, id)| (id.as_str(), new))
    }
}

/// Renders claims as JSON Lines, each sentence once per run of claims from one source (claims
/// of a source come together) unless the mode says in full.
pub(super) struct ClaimRenderer {
    mode: Sentences,
    ids: SentenceIds,
}

impl ClaimRenderer {
    pub fn new(mode: Sentences) -> ClaimRenderer {
        ClaimRenderer { mode, ids: SentenceIds::default() }
    }

    /// Appends `claim`'s pieces to `out`, its sentence record first if it is the first claim
    /// in it.
    pub fn render(&mut self, out: &mut Vec<u8>, claim: &Claim) -> io::Result<Pieces> {
        let start = out.len();
        let sentence_id = match self.mode {
            Sentences::Full => None,
            Sentences::Records => match self.ids.of(claim) {
                Some((id, new)) => {
                    if new {
                        let record = SentenceRecord { id, source: &claim.source, text: &claim.sentence };
                        write_record(out, "sentence", &record)?;
                    }
                    Some(id)
                }
                None => None,
            },
        };
        let sentence_record = out.len() - start;
        let mut pieces = Pieces::render(out, claim, sentence_id, true)?;
        pieces.head += sentence_record;
        Ok(pieces)
    }
}

/// Writes claims held whole as JSON Lines.
struct ClaimWriter {
    renderer: ClaimRenderer,
    pieces: Vec<u8>,
    buffer: Vec<u8>,
}

impl ClaimWriter {
    fn new(mode: Sentences) -> ClaimWriter {
        ClaimWriter { renderer: ClaimRenderer::new(mode), pieces: Vec::new(), buffer: Vec::new() }
    }

    fn write(&mut self, out: &mut impl Write, claim: &Claim) -> io::Result<()> {
        self.pieces.clear();
        let pieces = self.renderer.render(&mut self.pieces, claim)?;
        let found =
            Found { value: None, named: Named::of(claim), flags: &[], corroborated_by: claim.corroborated_by.as_ref() };
        pieces.write(&self.pieces, out, &mut self.buffer, &found)
    }
}

/// One source's record and its claims' records as JSON Lines, in memory: what `extract
/// --no-compare` writes for one file, serialised on the thread that extracted it.
pub fn source_jsonl(source: &SourceRecord, claims: Vec<Claim>, sentences: Sentences) -> io::Result<Vec<u8>> {
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
    let mut buffer = Vec::new();
    for conflict in &report.conflicts {
        write_buffered(&mut buffer, out, "conflict", conflict)?;
    }
    for corroboration in &report.corroborations {
        write_buffered(&mut buffer, out, "corroboration", corroboration)?;
    }
    for skipped in &report.skipped {
        write_buffered(&mut buffer, out, "skipped", skipped)?;
    }
    Ok(())
}
