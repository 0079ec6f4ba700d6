//! What the app reads in and writes out: which incoming files are Dossier's own exports
//! (read back as they are) and which are text to annotate, and the export formats offered.
//!
//! Plain Rust, so the decisions are tested natively; the loader and the header only do the
//! browser's part (reading bytes, starting a download).

use serde_json::Value;

use crate::export::FORMAT;
use crate::formats::{brat, interchange, Format, Imported};
use crate::ui::state::Arrival;
use crate::worker::{ImportRecord, Outcome};

/// How an incoming file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Dossier's interchange JSON: documents with their annotations, restored as they are.
    Interchange,
    /// W3C Web Annotation JSON-LD, placed on the documents already loaded.
    WebAnnotations,
    /// A zip archive, read as a brat export.
    BratArchive,
    /// Anything else: decoded and annotated as the command-line tool does (which refuses
    /// archives and other binary files with a message saying so).
    Text,
}

/// The first bytes of every zip archive (a local file header).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// How far into a file that is not valid JSON the interchange format name is looked for.
const FORMAT_NAME_WINDOW: usize = 4096;

/// Decides from the contents, not the name, so a renamed export is still recognised and any
/// other file is read exactly as `dossier annotate` reads it.
pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(ZIP_MAGIC) {
        return Kind::BratArchive;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    if !matches!(start.map(|i| body[i]), Some(b'{' | b'[')) {
        return Kind::Text;
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(root) => {
            if root.get("format").and_then(Value::as_str) == Some(FORMAT) {
                Kind::Interchange
            } else if is_web_annotation(&root) {
                Kind::WebAnnotations
            } else {
                Kind::Text
            }
        }
        // A damaged export should be reported record by record by its importer, not as
        // "this is not text": it names its format near the start.
        Err(_) => {
            let head = &body[..body.len().min(FORMAT_NAME_WINDOW)];
            let needle = format!("\"{FORMAT}\"");
            let names_format = head
                .windows(needle.len())
                .any(|window| window == needle.as_bytes());
            if names_format {
                Kind::Interchange
            } else {
                Kind::Text
            }
        }
    }
}

/// True for a Web Annotation, a collection, a page, or a list of annotations.
fn is_web_annotation(root: &Value) -> bool {
    let first = match root {
        Value::Array(items) => match items.first() {
            Some(item) => item,
            None => return false,
        },
        other => other,
    };
    let context_is_anno = first
        .get("@context")
        .is_some_and(|c| c.to_string().contains("w3.org/ns/anno.jsonld"));
    let type_is_anno = first
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| matches!(t, "Annotation" | "AnnotationCollection" | "AnnotationPage"));
    context_is_anno || type_is_anno
}

/// Reads one incoming file into what the state takes.
pub fn arrive(name: &str, bytes: &[u8]) -> Arrival {
    read(name, bytes).into()
}

/// Reads one incoming file, without the page's views of its documents (the annotation
/// worker sends this, and the page builds the views): the one place that decides between
/// importing and annotating.
pub fn read(name: &str, bytes: &[u8]) -> Outcome {
    match sniff(bytes) {
        Kind::Interchange => imported(name, interchange::import(&String::from_utf8_lossy(bytes))),
        Kind::BratArchive => {
            let imported_archive = brat::import(bytes);
            if imported_archive.value.documents.is_empty() {
                // Not a brat export after all: the input module's message about archives
                // is clearer than a list of files the archive does not have.
                return Outcome::Annotated(crate::annotate_file(name, bytes));
            }
            imported(name, imported_archive)
        }
        Kind::WebAnnotations => Outcome::WebAnnotations {
            file: name.to_string(),
            json: String::from_utf8_lossy(bytes).into_owned(),
        },
        // The same function the command-line tool calls, so the export matches it exactly.
        Kind::Text => Outcome::Annotated(crate::annotate_file(name, bytes)),
    }
}

fn imported(file: &str, imported: Imported) -> Outcome {
    let Imported { value, problems } = imported;
    Outcome::Imported {
        file: file.to_string(),
        docs: value.documents,
        failed: value.problems,
        problems: problems.into_iter().map(ImportRecord::from).collect(),
    }
}

/// The button that exports `format`, which tests and scripts click.
pub fn export_action(format: Format) -> String {
    format!("export-{}", format.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{
        interchange as make_interchange, to_json, Annotation, Interchange, Layer, Problem, Source,
    };
    use crate::formats::w3c;
    use crate::ui::state::{Action, State};

    fn workspace() -> Interchange {
        let doc = crate::annotate_file(
            "report.txt",
            b"Hackers linked to APT28 breached an agency in Berlin. China pledged to cooperate.",
        )
        .unwrap();
        make_interchange(vec![doc], Vec::new())
    }

    fn load(state: State, name: &str, bytes: &[u8]) -> State {
        state
            .apply(Action::Enqueue(1))
            .apply(Action::Finished(vec![arrive(name, bytes)]))
    }

    #[test]
    fn sniff_tells_exports_from_text() {
        let json = to_json(&workspace());
        assert_eq!(sniff(json.as_bytes()), Kind::Interchange);
        assert_eq!(
            sniff(format!("\u{feff}  {json}").as_bytes()),
            Kind::Interchange
        );
        let w3c_json = w3c::export(&workspace());
        assert_eq!(sniff(w3c_json.as_bytes()), Kind::WebAnnotations);
        assert_eq!(
            sniff(br#"[{"type": "Annotation", "target": "x"}]"#),
            Kind::WebAnnotations
        );
        assert_eq!(sniff(&brat::export(&workspace())), Kind::BratArchive);
        assert_eq!(sniff(br#"{"name": "some other json"}"#), Kind::Text);
        assert_eq!(sniff(b"[]"), Kind::Text);
        assert_eq!(sniff(b"China pledged to cooperate."), Kind::Text);
        assert_eq!(sniff(b""), Kind::Text);
        assert_eq!(
            sniff(br#"{"format": "dossier-annotations", "version": 1, "documents": [,]"#),
            Kind::Interchange,
            "a damaged export goes to its importer, which says what is wrong"
        );
    }

    #[test]
    fn interchange_import_restores_the_workspace_exactly() {
        let mut value = workspace();
        value.documents[0].annotations.push(Annotation {
            layer: Layer::Entity,
            label: Some("ORG".into()),
            start: 0,
            end: 7,
            text: "Hackers".into(),
            canonical: None,
            source: Source::Manual,
            event: None,
        });
        crate::export::sort_annotations(&mut value.documents[0].annotations);
        value.problems.push(Problem {
            name: "photo.png".into(),
            message: "the file is not text".into(),
        });
        let json = to_json(&value);
        let state = load(State::default(), "saved.json", json.as_bytes());
        assert_eq!(to_json(&state.to_interchange()), json);
        assert!(state.import_problems.is_empty());
        assert_eq!(state.selected.as_deref(), Some("report.txt"));
    }

    #[test]
    fn import_merges_with_loaded_documents_and_lists_bad_records() {
        let state = load(
            State::default(),
            "other.txt",
            b"Wang Yi met Antony Blinken.",
        );
        let mut value = workspace();
        value.documents[0].annotations[0].text = "words not in the text".into();
        let state = load(state, "saved.json", to_json(&value).as_bytes());
        let names: Vec<&str> = state.docs.iter().map(|d| d.doc.name.as_str()).collect();
        assert_eq!(names, vec!["other.txt", "report.txt"]);
        assert_eq!(state.import_problems.len(), 1);
        let note = &state.import_problems[0];
        assert_eq!(note.file, "saved.json");
        assert_eq!(note.problem.document, "report.txt");
        assert_eq!(note.problem.record, "annotation 1");
        assert_eq!(
            state.docs[1].doc.annotations.len(),
            value.documents[0].annotations.len() - 1,
            "the good records load"
        );
        let state = state.apply(Action::DismissImportProblems);
        assert!(state.import_problems.is_empty());
    }

    #[test]
    fn web_annotations_apply_to_loaded_documents_by_name() {
        let value = workspace();
        let json = w3c::export(&value);
        let state = load(
            State::default(),
            "report.txt",
            value.documents[0].text.as_bytes(),
        );
        let state = load(state, "other.txt", b"Nothing to see here.");
        let before = to_json(&state.to_interchange());
        let state = load(state, "notes.jsonld", json.as_bytes());
        assert_eq!(to_json(&state.to_interchange()), before);
        assert!(state.import_problems.is_empty());

        let alone = load(State::default(), "notes.jsonld", json.as_bytes());
        assert!(alone.docs.is_empty());
        assert_eq!(alone.problems[0].name, "notes.jsonld");
    }

    #[test]
    fn brat_archives_import_and_other_files_are_still_refused() {
        let value = workspace();
        let state = load(State::default(), "corpus.zip", &brat::export(&value));
        assert_eq!(state.docs.len(), 1);
        assert_eq!(state.docs[0].doc.text, value.documents[0].text);

        let state = load(
            State::default(),
            "notes.zip",
            b"PK\x03\x04 not really an archive",
        );
        assert!(state.docs.is_empty());
        assert_eq!(
            state.problems.len(),
            1,
            "an archive that is not brat gets a message"
        );
        assert!(state.problems[0].message.contains("ZIP"));

        // Other JSON is text, as on the command line.
        let state = load(State::default(), "data.json", br#"{"rows": [1, 2, 3]}"#);
        assert_eq!(state.docs.len(), 1);
        assert!(state.problems.is_empty());
    }

    #[test]
    fn every_export_format_renders() {
        let value = workspace();
        for format in Format::ALL {
            let bytes = format.render(&value, "2026-11-22T01:02:03.456Z").unwrap();
            assert!(!bytes.is_empty(), "{format:?}");
            assert!(export_action(format).starts_with("export-"));
        }
        assert!(Format::Stix.render(&value, "yesterday").is_err());
    }
}
