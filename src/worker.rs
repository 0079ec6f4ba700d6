//! What the web app's annotation worker sends back for one file.
//!
//! The worker (`src/bin/dossier-worker.rs`) reads and annotates files off the page's main
//! thread, so a huge file cannot freeze the page. It answers each file with an [`Answer`]:
//! the [`Outcome`] as UTF-8 JSON bytes (transferred buffers: no copy into a JavaScript
//! string and back), an annotated document's text and annotations in pieces the page reads
//! one at a time, and the stored record of each document; the page turns it back into the
//! [`Arrival`] the state takes. Plain Rust, so the round trip is tested natively: whatever
//! crosses the thread boundary arrives exactly as [`crate::ui::transfer::arrive`] produced it.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::export::{Annotation, ExportDocument, Problem};
use crate::formats::{ImportProblem, Outcome as RecordOutcome};
use crate::ui::state::Arrival;
use crate::ui::view::DocView;

/// An [`Arrival`] without its rendering plans: the page builds those, since they only
/// matter where the document is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    Annotated(Result<ExportDocument, Problem>),
    Imported {
        file: String,
        docs: Vec<ExportDocument>,
        failed: Vec<Problem>,
        problems: Vec<ImportRecord>,
    },
    WebAnnotations {
        file: String,
        json: String,
    },
    /// A document of the saved workspace read back from its stored record (`None` if the
    /// record was beyond repair), and what was wrong with the record.
    Restored {
        doc: Option<ExportDocument>,
        notes: Vec<Problem>,
    },
}

impl Outcome {
    /// The document whose text and annotations travel apart from the outcome, in pieces.
    fn pieced_document(&mut self) -> Option<&mut ExportDocument> {
        match self {
            Outcome::Annotated(Ok(doc)) | Outcome::Restored { doc: Some(doc), .. } => Some(doc),
            _ => None,
        }
    }
}

/// An [`ImportProblem`] as it travels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub document: String,
    pub record: String,
    pub message: String,
    pub repaired: bool,
}

impl From<ImportProblem> for ImportRecord {
    fn from(problem: ImportProblem) -> ImportRecord {
        ImportRecord {
            document: problem.document,
            record: problem.record,
            message: problem.message,
            repaired: problem.outcome == RecordOutcome::Repaired,
        }
    }
}

impl From<ImportRecord> for ImportProblem {
    fn from(record: ImportRecord) -> ImportProblem {
        ImportProblem {
            document: record.document,
            record: record.record,
            message: record.message,
            outcome: if record.repaired {
                RecordOutcome::Repaired
            } else {
                RecordOutcome::Skipped
            },
        }
    }
}

fn document_of(view: Rc<DocView>) -> ExportDocument {
    Rc::try_unwrap(view).map_or_else(|shared| shared.doc.clone(), |view| view.doc)
}

impl From<Arrival> for Outcome {
    fn from(arrival: Arrival) -> Outcome {
        match arrival {
            Arrival::Annotated(result) => Outcome::Annotated(result.map(document_of)),
            Arrival::Imported {
                file,
                docs,
                failed,
                problems,
            } => Outcome::Imported {
                file,
                docs: docs.into_iter().map(document_of).collect(),
                failed,
                problems: problems.into_iter().map(ImportRecord::from).collect(),
            },
            Arrival::WebAnnotations { file, json } => Outcome::WebAnnotations { file, json },
        }
    }
}

impl From<Outcome> for Arrival {
    fn from(outcome: Outcome) -> Arrival {
        let view = |doc| Rc::new(DocView::new(doc));
        match outcome {
            Outcome::Annotated(result) => Arrival::Annotated(result.map(view)),
            Outcome::Imported {
                file,
                docs,
                failed,
                problems,
            } => Arrival::Imported {
                file,
                docs: docs.into_iter().map(view).collect(),
                failed,
                problems: problems.into_iter().map(ImportProblem::from).collect(),
            },
            Outcome::WebAnnotations { file, json } => Arrival::WebAnnotations { file, json },
            // The page reads restored documents back itself ([`restore`]); as an arrival, a
            // restored document is one imported, and a damaged record a failed one.
            Outcome::Restored { doc, notes } => Arrival::Imported {
                file: doc.as_ref().map(|doc| doc.name.clone()).unwrap_or_default(),
                docs: doc.into_iter().map(view).collect(),
                failed: notes,
                problems: Vec::new(),
            },
        }
    }
}

/// Reads one file as the app does (import or annotate), as the JSON of the whole outcome.
pub fn outcome_json(name: &str, bytes: &[u8]) -> String {
    to_json(&crate::ui::transfer::read(name, bytes))
}

/// What the worker posts for one file: the outcome as JSON, and the stored form of each of
/// its documents, in order ([`crate::ui::saved::encode_document`]). Encoding a large
/// document for storage takes about as long as reading it back; done here, it is done off
/// the page's main thread, which only hands the stored form to IndexedDB.
///
/// An annotated document travels in pieces the page reads one at a time, letting the
/// browser paint in between, so even a document of many megabytes never holds up its main
/// thread for long ([`read_outcome_head`], [`read_annotation_part`]): its text apart, as
/// UTF-8 (taken as it is, where a JSON string is scanned character by character), and its
/// annotations in `annotation_parts` of about [`ANNOTATION_PART_BYTES`] each.
pub struct Answer {
    pub outcome: String,
    /// The annotated document's text, left empty in `outcome`.
    pub text: Option<String>,
    /// JSON arrays of the annotations of the annotated document, in order.
    pub annotation_parts: Vec<String>,
    pub records: Vec<String>,
}

/// The size of one part of a document's annotations, in bytes of JSON. The page reads
/// answers at roughly 60 MB of JSON per second (headless Chromium, one core of a 2-core
/// machine), so a part is one or two milliseconds of its main thread.
pub const ANNOTATION_PART_BYTES: usize = 64 * 1024;

/// The stored record of an annotated document, exactly as
/// [`crate::ui::saved::encode_document`] writes it (`doc` names the document, `text` and
/// `annotations` are its own), and its annotations as JSON arrays of about
/// [`ANNOTATION_PART_BYTES`] each.
///
/// Written by hand around serde's output rather than through a borrowed copy of the
/// document: each annotation is serialised once, into the record, and its bytes are copied
/// into its part from there; nothing is serialised and then parsed again.
fn record_and_parts(
    doc: &ExportDocument,
    text: &str,
    annotations: &[Annotation],
) -> (String, Vec<String>) {
    use crate::export::{FORMAT, VERSION};
    use std::io::Write;

    // Only strings, numbers and derived structs, into memory: writing cannot fail.
    let mut record: Vec<u8> = Vec::with_capacity(text.len() + annotations.len() * 200 + 256);
    write!(
        record,
        "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"documents\":["
    )
    .ok();
    // The fields in the order `ExportDocument` declares them.
    record.extend_from_slice(b"{\"name\":");
    serde_json::to_writer(&mut record, &doc.name).ok();
    record.extend_from_slice(b",\"lang\":");
    serde_json::to_writer(&mut record, &doc.lang).ok();
    record.extend_from_slice(b",\"text\":");
    serde_json::to_writer(&mut record, text).ok();
    record.extend_from_slice(b",\"annotations\":[");
    let mut parts = Vec::new();
    let mut part: Vec<u8> = Vec::new();
    for (i, annotation) in annotations.iter().enumerate() {
        if i > 0 {
            record.push(b',');
        }
        let start = record.len();
        serde_json::to_writer(&mut record, annotation).ok();
        part.push(if part.is_empty() { b'[' } else { b',' });
        part.extend_from_slice(&record[start..]);
        if part.len() >= ANNOTATION_PART_BYTES {
            part.push(b']');
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        part.push(b']');
        parts.push(part);
    }
    record.extend_from_slice(b"]}],\"problems\":[]}");
    // serde_json writes UTF-8 from `&str`s: these conversions only check it.
    let utf8 = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap_or_default();
    (utf8(record), parts.into_iter().map(utf8).collect())
}

pub fn answer(name: &str, bytes: &[u8]) -> Answer {
    match crate::ui::transfer::read(name, bytes) {
        Outcome::Imported {
            file,
            docs,
            failed,
            problems,
        } => Answer {
            records: docs.iter().map(crate::ui::saved::encode_document).collect(),
            outcome: to_json(&Outcome::Imported {
                file,
                docs,
                failed,
                problems,
            }),
            text: None,
            annotation_parts: Vec::new(),
        },
        // The common case, a file annotated, comes with its stored record.
        outcome => in_pieces(outcome, true),
    }
}

/// What the worker posts for a stored record of the saved workspace (`name` is its key):
/// the document read back, in pieces as an annotated one travels, so that restoring a
/// large document never holds up the page's main thread for long either.
pub fn restore(name: &str, record: &[u8]) -> Answer {
    let (doc, notes) = crate::ui::saved::decode_document_bytes(name, record);
    let doc = doc.map(|mut doc| {
        // The record's key is the name the workspace knows it by.
        doc.name = name.to_string();
        doc
    });
    in_pieces(Outcome::Restored { doc, notes }, false)
}

/// `outcome` as an answer: its document's text and annotations apart, and with
/// `with_record` the document's stored record.
fn in_pieces(mut outcome: Outcome, with_record: bool) -> Answer {
    let Some(doc) = outcome.pieced_document() else {
        return Answer {
            outcome: to_json(&outcome),
            text: None,
            annotation_parts: Vec::new(),
            records: Vec::new(),
        };
    };
    let annotations = std::mem::take(&mut doc.annotations);
    let text = std::mem::take(&mut doc.text);
    // The parts are copied out of the record as it is written, so it is written either way.
    let (record, annotation_parts) = record_and_parts(doc, &text, &annotations);
    Answer {
        outcome: to_json(&outcome),
        text: Some(text),
        annotation_parts,
        records: if with_record {
            vec![record]
        } else {
            Vec::new()
        },
    }
}

/// The JSON the worker posts for a file it could not read at all.
pub fn problem_json(name: &str, message: String) -> String {
    to_json(&Outcome::Annotated(Err(Problem {
        name: name.to_string(),
        message,
    })))
}

fn to_json(outcome: &Outcome) -> String {
    // Only strings, numbers and derived structs: serialising cannot fail.
    serde_json::to_string(outcome).unwrap_or_default()
}

/// What the page makes of one answer of the worker. A garbled answer (which would be a bug)
/// still becomes a problem naming the file, never a silently missing file.
pub fn arrival_from_json(name: &str, json: &[u8]) -> Arrival {
    match read_outcome_head(name, json, None) {
        Ok(outcome) => outcome.into(),
        Err(problem) => Arrival::Annotated(Err(problem)),
    }
}

/// The outcome in an answer, without the annotated document's annotations, which
/// [`read_annotation_part`] adds; `text` is the annotated document's text, sent apart.
pub fn read_outcome_head(
    name: &str,
    json: &[u8],
    text: Option<Vec<u8>>,
) -> Result<Outcome, Problem> {
    let mut outcome = serde_json::from_slice::<Outcome>(json).map_err(|err| garbled(name, &err))?;
    if let Some(text) = text {
        let Some(doc) = outcome.pieced_document() else {
            return Err(Problem {
                name: name.to_string(),
                message: "the annotation worker's answer could not be read: a text came without its document".into(),
            });
        };
        doc.text = String::from_utf8(text).map_err(|err| Problem {
            name: name.to_string(),
            message: format!(
                "the annotation worker's answer could not be read: the text is not UTF-8 ({err})"
            ),
        })?;
    }
    Ok(outcome)
}

/// Adds one part of the annotated document's annotations to `outcome`, after those it has;
/// `parts_after` more are to come.
pub fn read_annotation_part(
    name: &str,
    outcome: &mut Outcome,
    json: &[u8],
    parts_after: usize,
) -> Result<(), Problem> {
    let Some(doc) = outcome.pieced_document() else {
        return Err(Problem {
            name: name.to_string(),
            message: "the annotation worker's answer could not be read: annotations came without their document".into(),
        });
    };
    let annotations: Vec<Annotation> =
        serde_json::from_slice(json).map_err(|err| garbled(name, &err))?;
    if doc.annotations.is_empty() {
        // Room for all of them at once (parts are about the same size): growing a list of
        // tens of thousands of annotations step by step would copy it over and over.
        doc.annotations
            .reserve(annotations.len().saturating_mul(parts_after + 1));
    }
    doc.annotations.extend(annotations);
    Ok(())
}

fn garbled(name: &str, err: &serde_json::Error) -> Problem {
    Problem {
        name: name.to_string(),
        message: format!("the annotation worker's answer could not be read: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{interchange, to_json as interchange_json};
    use crate::formats::{brat, w3c};
    use crate::ui::transfer::arrive;

    fn through_worker(name: &str, bytes: &[u8]) -> Arrival {
        arrival_from_json(name, outcome_json(name, bytes).as_bytes())
    }

    #[test]
    fn every_kind_of_file_arrives_as_the_page_would_read_it() {
        let doc = crate::annotate_file(
            "report.txt",
            b"Hackers linked to APT28 breached an agency in Berlin. China pledged to cooperate.",
        )
        .unwrap();
        let mut damaged = interchange(vec![doc.clone()], Vec::new());
        damaged.documents[0].annotations[0].text = "not in the text".into();
        let value = interchange(vec![doc], Vec::new());
        let files: Vec<(&str, Vec<u8>)> = vec![
            (
                "plain.txt",
                b"Wang Yi met Antony Blinken in Jakarta.".to_vec(),
            ),
            ("empty.txt", Vec::new()),
            ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
            ("saved.json", interchange_json(&value).into_bytes()),
            ("damaged.json", interchange_json(&damaged).into_bytes()),
            ("notes.jsonld", w3c::export(&value).into_bytes()),
            ("corpus.zip", brat::export(&value)),
        ];
        for (name, bytes) in files {
            assert_eq!(through_worker(name, &bytes), arrive(name, &bytes), "{name}");
        }
    }

    /// The page's side of an answer: the head, then each part of the annotations.
    fn read_answer(name: &str, answer: &Answer) -> Arrival {
        let text = answer.text.clone().map(String::into_bytes);
        let mut outcome = read_outcome_head(name, answer.outcome.as_bytes(), text).unwrap();
        let n_parts = answer.annotation_parts.len();
        for (i, part) in answer.annotation_parts.iter().enumerate() {
            read_annotation_part(name, &mut outcome, part.as_bytes(), n_parts - i - 1).unwrap();
        }
        outcome.into()
    }

    /// Reads a restore answer as the page does: the outcome, then its parts.
    fn read_restored(name: &str, answer: &Answer) -> (Option<ExportDocument>, Vec<Problem>) {
        let text = answer.text.clone().map(String::into_bytes);
        let mut outcome = read_outcome_head(name, answer.outcome.as_bytes(), text).unwrap();
        let n_parts = answer.annotation_parts.len();
        for (i, part) in answer.annotation_parts.iter().enumerate() {
            read_annotation_part(name, &mut outcome, part.as_bytes(), n_parts - i - 1).unwrap();
        }
        match outcome {
            Outcome::Restored { doc, notes } => (doc, notes),
            other => panic!("expected a restored document, got {other:?}"),
        }
    }

    #[test]
    fn a_stored_record_is_restored_in_pieces_exactly_as_the_page_would_decode_it() {
        let sentence = "Hackers linked to APT28 breached networks of the FBI in Berlin. \
                        Wang Yi met Antony Blinken in Jakarta and pledged to cooperate. ";
        let long = crate::annotate_file("long.txt", sentence.repeat(1_000).as_bytes()).unwrap();
        let short = crate::annotate_file("short.txt", b"Wang Yi met Antony Blinken.").unwrap();
        for doc in [long, short] {
            let record = crate::ui::saved::encode_document(&doc);
            // Stored under another key than the name inside: the key wins.
            let answer = restore("renamed.txt", record.as_bytes());
            assert!(
                answer.records.is_empty(),
                "a restored record is not stored again"
            );
            let (back, notes) = read_restored("renamed.txt", &answer);
            let (expected, expected_notes) =
                crate::ui::saved::decode_document_bytes("renamed.txt", record.as_bytes());
            let mut expected = expected.unwrap();
            expected.name = "renamed.txt".into();
            assert_eq!(back, Some(expected));
            assert_eq!(notes, expected_notes);
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    fn a_damaged_record_restores_what_it_can_and_names_the_rest() {
        let doc = crate::annotate_file("a.txt", b"Wang Yi met Antony Blinken in Jakarta.").unwrap();
        let record = crate::ui::saved::encode_document(&doc);
        let one_bad_annotation = record.replacen("\"PERSON\"", "\"NOT_A_LABEL\"", 1);
        let (back, notes) =
            read_restored("a.txt", &restore("a.txt", one_bad_annotation.as_bytes()));
        assert_eq!(
            back.map(|d| d.annotations.len()),
            Some(doc.annotations.len() - 1)
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].name, "a.txt");
        for garbage in [&b"{\"format\":"[..], b"\xff\xfe\x00", b"", b"[]"] {
            let answer = restore("b.txt", garbage);
            assert_eq!(answer.text, None);
            let (back, notes) = read_restored("b.txt", &answer);
            assert_eq!(back, None, "{garbage:?}");
            assert!(
                notes
                    .iter()
                    .any(|n| n.name == "b.txt" && n.message.contains("damaged")),
                "{garbage:?}: {notes:?}"
            );
        }
    }

    #[test]
    fn each_document_comes_with_its_stored_form() {
        let doc = crate::annotate_file("a.txt", b"Wang Yi met Antony Blinken in Jakarta.").unwrap();
        let mut other = doc.clone();
        other.name = "b.txt".into();
        let saved = interchange_json(&interchange(vec![doc, other], Vec::new()));
        let files: Vec<(&str, Vec<u8>, usize)> = vec![
            (
                "plain.txt",
                b"China pledged to cooperate with Japan.".to_vec(),
                1,
            ),
            ("saved.json", saved.into_bytes(), 2),
            ("empty.txt", Vec::new(), 0),
        ];
        for (name, bytes, n_docs) in files {
            let answer = answer(name, &bytes);
            let arrival = read_answer(name, &answer);
            assert_eq!(arrival, arrive(name, &bytes), "{name}");
            let docs: Vec<ExportDocument> = match arrival {
                Arrival::Annotated(Ok(view)) => vec![view.doc.clone()],
                Arrival::Imported { docs, .. } => docs.iter().map(|v| v.doc.clone()).collect(),
                _ => Vec::new(),
            };
            assert_eq!(docs.len(), n_docs, "{name}");
            assert_eq!(answer.records.len(), n_docs, "{name}");
            for (doc, record) in docs.iter().zip(&answer.records) {
                assert_eq!(record, &crate::ui::saved::encode_document(doc), "{name}");
                let (restored, problems) = crate::ui::saved::decode_document(&doc.name, record);
                assert!(problems.is_empty(), "{name}: {problems:?}");
                assert_eq!(restored.as_ref(), Some(doc), "{name}");
            }
        }
    }

    #[test]
    fn a_long_document_travels_in_parts_that_add_up_to_it() {
        let sentence =
            "Hackers linked to APT28 breached networks of the FBI in Berlin, officials said. \
                        Wang Yi met Antony Blinken in Jakarta and pledged to cooperate. ";
        let text = sentence.repeat(2_000);
        let answer = answer("long.txt", text.as_bytes());
        assert!(
            answer.annotation_parts.len() > 10,
            "{}",
            answer.annotation_parts.len()
        );
        for part in &answer.annotation_parts {
            // A part ends at the first annotation that takes it past the size.
            assert!(part.len() < ANNOTATION_PART_BYTES + 4096, "{}", part.len());
        }
        let arrival = read_answer("long.txt", &answer);
        assert_eq!(arrival, arrive("long.txt", text.as_bytes()));
        let Arrival::Annotated(Ok(view)) = &arrival else {
            panic!("expected a document");
        };
        assert_eq!(
            answer.records,
            vec![crate::ui::saved::encode_document(&view.doc)]
        );
    }

    #[test]
    fn a_document_without_annotations_has_no_parts() {
        let answer = answer("quiet.txt", b"Nothing happened here today.");
        assert!(answer.annotation_parts.is_empty());
        assert_eq!(
            read_answer("quiet.txt", &answer),
            arrive("quiet.txt", b"Nothing happened here today.")
        );
    }

    #[test]
    fn parts_without_a_document_or_garbled_become_problems() {
        let gone = problem_json("x.txt", "gone".into());
        let mut problem = read_outcome_head("x.txt", gone.as_bytes(), None).unwrap();
        let err = read_outcome_head("x.txt", gone.as_bytes(), Some(b"text".to_vec())).unwrap_err();
        assert!(
            err.message.contains("without its document"),
            "{}",
            err.message
        );
        let err = read_annotation_part("x.txt", &mut problem, b"[]", 0).unwrap_err();
        assert_eq!(err.name, "x.txt");
        let answer = answer("a.txt", b"Wang Yi met Antony Blinken in Jakarta.");
        let bad_text = read_outcome_head("a.txt", answer.outcome.as_bytes(), Some(vec![0xff]));
        assert!(bad_text.unwrap_err().message.contains("UTF-8"));
        let mut outcome = read_outcome_head("a.txt", answer.outcome.as_bytes(), None).unwrap();
        let err = read_annotation_part("a.txt", &mut outcome, b"[{\"layer\":", 0).unwrap_err();
        assert!(err.message.contains("worker"), "{}", err.message);
    }

    #[test]
    fn unreadable_files_and_garbled_answers_become_problems() {
        let Arrival::Annotated(Err(problem)) = arrival_from_json(
            "gone.txt",
            problem_json("gone.txt", "cannot read the file".into()).as_bytes(),
        ) else {
            panic!("expected a problem");
        };
        assert_eq!(problem.name, "gone.txt");
        let Arrival::Annotated(Err(problem)) = arrival_from_json("x.txt", b"{not json") else {
            panic!("expected a problem");
        };
        assert_eq!(problem.name, "x.txt");
        assert!(problem.message.contains("worker"));
    }
}
