//! Standard formats that annotations leave and enter Dossier in, besides the interchange JSON
//! itself: W3C Web Annotation, brat standoff, CoNLL, CSV and STIX 2.1.
//!
//! Every function here is pure: exporters take an [`Interchange`] and return text or bytes,
//! importers take text or bytes and return an [`Imported`]. No clock is read (STIX takes its
//! timestamp as a parameter) and no order depends on hashing, so the same input always gives
//! the same bytes, in the CLI and in the browser alike.
//!
//! **Importers never fail as a whole on a bad record.** They load every record they can and
//! describe each one they could not load, or had to repair, in an [`ImportProblem`]. They
//! never panic, whatever the input; a malformed file as a whole (empty, truncated, not JSON,
//! not a zip) gives an empty result with one problem that says which.
//!
//! | module | export | import |
//! |---|---|---|
//! | [`interchange`] | `export::to_json` | yes |
//! | [`w3c`] | Web Annotation JSON-LD collection | yes, against the documents' texts |
//! | [`brat`] | zip of `.txt` + `.ann` per document | yes |
//! | [`conll`] | IOB2 entities, one token per line | no |
//! | [`csv`] | entities, events | no |
//! | [`stix`] | STIX 2.1 bundle | no |

use std::fmt;

use crate::engine::{CodePointIndex, EntityLabel};
use crate::export::{Annotation, Interchange, Layer, Problem};

pub mod brat;
pub mod conll;
pub mod csv;
pub mod interchange;
pub mod stix;
pub mod w3c;

/// Every format Dossier writes, with what the CLI (`--format NAME`) and the web app (the
/// export menu, downloads) need to know of it, so both offer the same list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Dossier's interchange JSON (`export::to_json`).
    Json,
    W3c,
    Brat,
    Conll,
    CsvEntities,
    CsvEvents,
    Stix,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::W3c,
        Format::Brat,
        Format::Conll,
        Format::CsvEntities,
        Format::CsvEvents,
        Format::Stix,
    ];

    /// The name `--format` takes; the web app's button is `export-<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::W3c => "w3c",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::CsvEntities => "csv-entities",
            Format::CsvEvents => "csv-events",
            Format::Stix => "stix",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// A short description for people choosing a format.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "Dossier JSON",
            Format::W3c => "Web Annotations (JSON-LD)",
            Format::Brat => "brat (zip)",
            Format::Conll => "CoNLL",
            Format::CsvEntities => "Entities (CSV)",
            Format::CsvEvents => "Incidents and pledges (CSV)",
            Format::Stix => "STIX 2.1 bundle",
        }
    }

    /// The name a download or output file gets by default.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "dossier-annotations.json",
            Format::W3c => "dossier-annotations.jsonld",
            Format::Brat => "dossier-brat.zip",
            Format::Conll => "dossier-entities.conll",
            Format::CsvEntities => "dossier-entities.csv",
            Format::CsvEvents => "dossier-events.csv",
            Format::Stix => "dossier-stix-bundle.json",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Json | Format::Stix => "application/json",
            Format::W3c => "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::Brat => "application/zip",
            Format::Conll => "text/plain;charset=utf-8",
            Format::CsvEntities | Format::CsvEvents => "text/csv;charset=utf-8",
        }
    }

    /// The file's bytes. `timestamp` (RFC 3339, UTC) is used by STIX only, which fails when
    /// it is malformed; the formats themselves read no clock.
    pub fn render(self, value: &Interchange, timestamp: &str) -> Result<Vec<u8>, String> {
        Ok(match self {
            Format::Json => crate::export::to_json(value).into_bytes(),
            Format::W3c => w3c::export(value).into_bytes(),
            Format::Brat => brat::export(value),
            Format::Conll => conll::export(value).into_bytes(),
            Format::CsvEntities => csv::entities(value).into_bytes(),
            Format::CsvEvents => csv::events(value).into_bytes(),
            Format::Stix => stix::export(value, timestamp)?.into_bytes(),
        })
    }
}

/// What an importer did with a record it could not take as it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The record was left out.
    Skipped,
    /// The record was loaded after a correction the message describes.
    Repaired,
}

/// One record an importer left out or repaired, and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportProblem {
    /// The document (or file in an archive) the record belongs to; empty for the whole input.
    pub document: String,
    /// Which record, in words: "annotation 3", "line 12", "document 2".
    pub record: String,
    pub message: String,
    pub outcome: Outcome,
}

impl ImportProblem {
    /// The problem as an interchange [`Problem`], to be listed with the files that failed.
    pub fn to_problem(&self) -> Problem {
        Problem {
            name: self.document.clone(),
            message: self.to_string(),
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match (self.document.is_empty(), self.record.is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("{}: ", self.record),
            (false, true) => format!("{}: ", self.document),
            (false, false) => format!("{}, {}: ", self.document, self.record),
        };
        let outcome = match self.outcome {
            Outcome::Skipped => "skipped",
            Outcome::Repaired => "repaired",
        };
        write!(f, "{place}{} ({outcome})", self.message)
    }
}

/// The result of an import: the records that could be loaded, and a problem for each record
/// that could not be loaded as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub value: Interchange,
    pub problems: Vec<ImportProblem>,
}

/// Collects problems for one document while an importer walks its records.
pub(crate) struct Problems {
    pub list: Vec<ImportProblem>,
}

impl Problems {
    pub fn new() -> Problems {
        Problems { list: Vec::new() }
    }

    pub fn skip(&mut self, document: &str, record: impl Into<String>, message: impl Into<String>) {
        self.push(document, record, message, Outcome::Skipped);
    }

    pub fn repair(
        &mut self,
        document: &str,
        record: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(document, record, message, Outcome::Repaired);
    }

    fn push(
        &mut self,
        document: &str,
        record: impl Into<String>,
        message: impl Into<String>,
        outcome: Outcome,
    ) {
        self.list.push(ImportProblem {
            document: document.to_string(),
            record: record.into(),
            message: message.into(),
            outcome,
        });
    }
}

/// A document text with code point access, for checking offsets that arrive in an import.
pub(crate) struct CodePoints<'t> {
    pub text: &'t str,
    index: CodePointIndex<'t>,
}

impl<'t> CodePoints<'t> {
    pub fn new(text: &'t str) -> CodePoints<'t> {
        CodePoints {
            text,
            index: CodePointIndex::new(text),
        }
    }

    pub fn len(&self) -> usize {
        self.index.n_code_points()
    }

    /// The text between two code point offsets, or `None` when they are out of order or past
    /// the end.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'t str> {
        if start > end || end > self.len() {
            return None;
        }
        Some(&self.text[self.index.byte(start)..self.index.byte(end)])
    }

    /// The code point offset of a byte offset on a char boundary.
    pub fn code_point(&self, byte_offset: usize) -> usize {
        self.index.code_point(byte_offset)
    }

    /// The byte offset of a code point offset (clamped to the end).
    pub fn byte(&self, code_point: usize) -> usize {
        self.index.byte(code_point)
    }

    /// Every place `needle` occurs, as code point `(start, end)` pairs, overlapping ones too.
    pub fn find_all(&self, needle: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let n_code_points = needle.chars().count();
        let mut from = 0;
        while let Some(pos) = self.text[from..].find(needle) {
            let byte_start = from + pos;
            let start = self.code_point(byte_start);
            found.push((start, start + n_code_points));
            // Step one char on, so overlapping occurrences ("aa" in "aaa") are found too.
            from = byte_start
                + self.text[byte_start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
        found
    }

    /// The occurrence of `needle` nearest to code point `near`, if any.
    pub fn find_nearest(&self, needle: &str, near: usize) -> Option<(usize, usize)> {
        self.find_all(needle)
            .into_iter()
            .min_by_key(|&(start, _)| start.abs_diff(near))
    }
}

/// Why a file that should hold JSON cannot be read, in words for the reader: an empty file, a
/// file cut off in the middle (a failed download or copy, a full disk), or something else than
/// JSON, with the place where reading stopped.
pub(crate) fn json_problem(json: &str, err: &serde_json::Error) -> String {
    if json.trim().is_empty() {
        return "the file is empty".to_string();
    }
    match err.classify() {
        serde_json::error::Category::Eof => format!(
            "the JSON stops in the middle, at line {} column {}: the file looks truncated",
            err.line(),
            err.column()
        ),
        _ => format!("not JSON: {err}"),
    }
}

/// A short quotation of a text for messages, so that a whole sentence does not flood them.
pub(crate) fn quote(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("{:?}", head + "…")
    }
}

/// Whether a layer and label go together: entities carry one of the guidelines' entity
/// types, incidents and pledges (whole sentences) carry none.
pub(crate) fn check_label(layer: Layer, label: Option<&str>) -> Result<(), String> {
    match (layer, label) {
        (Layer::Entity, Some(label)) if EntityLabel::parse(label).is_some() => Ok(()),
        (Layer::Entity, Some(label)) => Err(format!(
            "unknown entity label {label:?} (expected PERSON, ORG, PLACE or THREAT_ACTOR)"
        )),
        (Layer::Entity, None) => Err("entity annotation without a label".to_string()),
        (_, None) => Ok(()),
        (layer, Some(label)) => Err(format!(
            "{} annotations carry no label, but this one has {label:?}",
            layer.as_str()
        )),
    }
}

/// The one tag that names an annotation's kind in formats with a single type field (brat's
/// entity type, a Web Annotation tag): the entity label, or `INCIDENT` / `PLEDGE`.
pub(crate) fn tag_of(annotation: &Annotation) -> &str {
    match annotation.layer {
        Layer::Entity => annotation.label.as_deref().unwrap_or("ENTITY"),
        Layer::Incident => "INCIDENT",
        Layer::Pledge => "PLEDGE",
    }
}

/// The layer and label a tag written by [`tag_of`] stands for.
pub(crate) fn from_tag(tag: &str) -> Option<(Layer, Option<String>)> {
    match tag {
        "INCIDENT" => Some((Layer::Incident, None)),
        "PLEDGE" => Some((Layer::Pledge, None)),
        _ => EntityLabel::parse(tag).map(|label| (Layer::Entity, Some(label.as_str().to_string()))),
    }
}

/// The namespace of Dossier's name-based (version 5) UUIDs. Fixed forever: changing it would
/// change every identifier Dossier has ever exported, and platforms that merge re-imports by
/// identifier would then see duplicates.
const UUID_NAMESPACE: uuid::Uuid = uuid::uuid!("b406de72-8ad9-497a-aa5e-3287796f283e");

/// A UUID that depends only on `parts`, so that re-exporting the same thing gives it the same
/// identifier. The parts are joined with a separator that does not occur in names, so that
/// ("ab", "c") and ("a", "bc") differ.
pub(crate) fn stable_uuid(parts: &[&str]) -> uuid::Uuid {
    uuid::Uuid::new_v5(&UUID_NAMESPACE, parts.join("\u{1f}").as_bytes())
}
