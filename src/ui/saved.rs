//! What the web app keeps on this device between visits, in plain Rust: how a document and
//! the settings are written to storage and read back, what changed since the last save,
//! and what to tell the reader when storage fails. The browser side is `storage.rs`.
//!
//! Each document is stored as its own record: an interchange file holding that one document.
//! Reading it back goes through the interchange importer, so a damaged record is checked like
//! any imported file — the good parts load, and what could not be restored is named.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::export::{ExportDocument, Problem, FORMAT, VERSION};
use crate::formats::interchange::import;
use crate::ui::state::{LayerToggles, MainView, Scope};
use crate::ui::view::DocView;

/// The settings kept with the workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub layers: LayerToggles,
    pub selected: Option<String>,
    pub scope: Scope,
    pub view: MainView,
    /// The reader's own names, as they typed or loaded them (see `crate::dictionary`).
    pub dictionary: String,
}

/// The stored form of one document: an interchange file with that one document, compact
/// (storage is for the app, not for reading). The annotation worker writes it for every
/// document it annotates, so the page stores a new document without encoding it again.
pub fn encode_document(doc: &ExportDocument) -> String {
    // Only strings, numbers and derived structs: serialising cannot fail.
    record_of_json(&serde_json::to_string(doc).unwrap_or_default())
}

/// The stored form of a document already serialised as JSON: the same text as
/// `interchange(vec![doc], vec![])` serialised compactly.
pub fn record_of_json(doc_json: &str) -> String {
    format!("{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"documents\":[{doc_json}],\"problems\":[]}}")
}

/// A document read back from its record, and what was wrong with the record, in words
/// naming the document. `None` when nothing of it could be restored.
pub fn decode_document(key: &str, json: &str) -> (Option<ExportDocument>, Vec<Problem>) {
    let imported = import(json);
    let damaged = |detail: String| Problem {
        name: key.to_string(),
        message: format!("the copy saved on this device is damaged ({detail})"),
    };
    let mut problems: Vec<Problem> = imported
        .problems
        .iter()
        .map(|p| damaged(p.to_string()))
        .collect();
    let mut documents = imported.value.documents;
    let doc = match documents.len() {
        1 => documents.pop(),
        _ => {
            if problems.is_empty() {
                problems.push(damaged(format!(
                    "{} documents where one was saved",
                    documents.len()
                )));
            }
            None
        }
    };
    if doc.is_none() {
        for problem in &mut problems {
            problem.message.push_str(" and could not be restored");
        }
    }
    (doc, problems)
}

/// [`decode_document`] for a record stored as UTF-8 bytes (the form written since records
/// come ready-made from the annotation worker, as Blobs or bytes; older records are strings).
pub fn decode_document_bytes(key: &str, bytes: &[u8]) -> (Option<ExportDocument>, Vec<Problem>) {
    match std::str::from_utf8(bytes) {
        Ok(json) => decode_document(key, json),
        Err(err) => (
            None,
            vec![Problem {
                name: key.to_string(),
                message: format!(
                    "the copy saved on this device is damaged (not UTF-8 text: {err}) and could not be restored"
                ),
            }],
        ),
    }
}

/// The stored form of the files that could not be loaded.
pub fn encode_problems(problems: &[Problem]) -> String {
    serde_json::to_string(problems).unwrap_or_else(|_| "[]".to_string())
}

pub fn decode_problems(json: &str) -> Result<Vec<Problem>, String> {
    serde_json::from_str(json)
        .map_err(|err| format!("the saved list of files that did not load is damaged ({err})"))
}

pub fn encode_settings(settings: &Settings) -> String {
    serde_json::to_string(settings).unwrap_or_default()
}

/// Damaged settings fall back to the defaults: they are worth a note, not the workspace.
pub fn decode_settings(json: &str) -> Result<Settings, String> {
    serde_json::from_str(json)
        .map_err(|err| format!("the saved settings are damaged ({err}); the defaults are used"))
}

/// What a save has to write: documents that are new or changed, and names that are gone.
#[derive(Debug, Default, PartialEq)]
pub struct SavePlan {
    pub put: Vec<Rc<DocView>>,
    pub delete: Vec<String>,
}

impl SavePlan {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty()
    }
}

/// Compares two lists of documents, both sorted by name as the state keeps them. A document
/// is unchanged when it is the same allocation: the state replaces a document's `Rc` on
/// every change and never mutates one in place.
pub fn plan_save(saved: &[Rc<DocView>], now: &[Rc<DocView>]) -> SavePlan {
    let mut plan = SavePlan::default();
    for doc in now {
        let name = &doc.doc.name;
        match saved.binary_search_by(|d| d.doc.name.cmp(name)) {
            Ok(i) if Rc::ptr_eq(&saved[i], doc) => {}
            _ => plan.put.push(doc.clone()),
        }
    }
    for doc in saved {
        let name = &doc.doc.name;
        if now.binary_search_by(|d| d.doc.name.cmp(name)).is_err() {
            plan.delete.push(name.clone());
        }
    }
    plan
}

/// What went wrong with storage, from the browser's error name, in words that say what it
/// means for the reader's work and what to do.
pub fn storage_message(error_name: &str, detail: &str) -> String {
    match error_name {
        "QuotaExceededError" => "This browser's storage for Dossier is full, so recent changes are not saved on \
             this device. Export your work (Export JSON) to keep it, then remove documents you no \
             longer need."
            .to_string(),
        "SecurityError" | "InvalidAccessError" | "NotAllowedError" => "This browser does not let Dossier \
             keep data on this device (a private window, or a site-data setting), so nothing will \
             survive closing the tab. Export your work (Export JSON) to keep it."
            .to_string(),
        "Blocked" => "Saved work could not be opened because Dossier is open in another tab with an \
             older version. Close the other tabs and reload; until then nothing is saved here."
            .to_string(),
        "VersionChange" => "The saved workspace was replaced or deleted from another tab; changes in this \
             tab are no longer saved. Export your work (Export JSON) to keep it, then reload."
            .to_string(),
        _ => format!(
            "Dossier could not save on this device ({}). Export your work (Export JSON) to keep it.",
            if detail.is_empty() { error_name } else { detail }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Annotation, Layer, Source};

    fn doc(name: &str) -> ExportDocument {
        ExportDocument {
            name: name.into(),
            lang: "en".into(),
            text: "Wang Yi met Blinken.".into(),
            annotations: vec![Annotation {
                layer: Layer::Entity,
                label: Some("PERSON".into()),
                start: 0,
                end: 7,
                text: "Wang Yi".into(),
                canonical: Some("Wang Yi".into()),
                source: Source::Manual,
                event: None,
            }],
        }
    }

    #[test]
    fn a_record_is_the_compact_interchange_file_of_its_document() {
        let value = crate::export::interchange(vec![doc("a.txt")], Vec::new());
        assert_eq!(
            encode_document(&doc("a.txt")),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn a_document_comes_back_as_it_was_saved() {
        let saved = encode_document(&doc("a.txt"));
        let (back, problems) = decode_document("a.txt", &saved);
        assert_eq!(back, Some(doc("a.txt")));
        assert!(problems.is_empty());
        let (back, problems) = decode_document_bytes("a.txt", saved.as_bytes());
        assert_eq!(back, Some(doc("a.txt")));
        assert!(problems.is_empty());
    }

    #[test]
    fn a_record_that_is_not_text_is_named_and_not_restored() {
        let (back, problems) = decode_document_bytes("report.txt", b"{\"format\":\xff\xfe");
        assert_eq!(back, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].name, "report.txt");
        assert!(
            problems[0].message.contains("not UTF-8")
                && problems[0].message.ends_with("could not be restored"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn a_damaged_record_is_named_and_not_restored() {
        for garbage in [
            "",
            "{\"format\":",
            "not json",
            "[1,2]",
            "{\"format\":\"dossier-annotations\",\"version\":1,\"documents\":[],\"problems\":[]}",
        ] {
            let (back, problems) = decode_document("report.txt", garbage);
            assert_eq!(back, None, "{garbage:?}");
            assert_eq!(problems.len(), 1, "{garbage:?}: {problems:?}");
            assert_eq!(problems[0].name, "report.txt");
            assert!(
                problems[0]
                    .message
                    .starts_with("the copy saved on this device is damaged")
                    && problems[0].message.ends_with("could not be restored"),
                "{}",
                problems[0].message
            );
        }
    }

    #[test]
    fn a_damaged_annotation_is_dropped_and_the_rest_restored() {
        let saved = encode_document(&doc("a.txt")).replace("\"PERSON\"", "\"NOT_A_LABEL\"");
        let (back, problems) = decode_document("a.txt", &saved);
        assert_eq!(back.map(|d| d.annotations.len()), Some(0));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].message.contains("could not be restored"));
    }

    #[test]
    fn settings_and_problems_round_trip_and_damage_is_reported() {
        let settings = Settings {
            selected: Some("a.txt".into()),
            scope: Scope::Corpus,
            ..Settings::default()
        };
        assert_eq!(decode_settings(&encode_settings(&settings)), Ok(settings));
        assert!(decode_settings("{\"scope\": 7}").is_err());
        // Settings saved by an older version lack fields: the defaults fill them.
        assert_eq!(decode_settings("{}"), Ok(Settings::default()));
        let problems = vec![Problem {
            name: "x.png".into(),
            message: "an image".into(),
        }];
        assert_eq!(decode_problems(&encode_problems(&problems)), Ok(problems));
        assert!(decode_problems("[{").is_err());
    }

    #[test]
    fn a_save_writes_what_changed_and_deletes_what_is_gone() {
        let a = Rc::new(DocView::new(doc("a.txt")));
        let b = Rc::new(DocView::new(doc("b.txt")));
        let c = Rc::new(DocView::new(doc("c.txt")));
        let b2 = Rc::new(DocView::new(doc("b.txt")));
        let plan = plan_save(&[a.clone(), b.clone()], &[a.clone(), b2.clone(), c.clone()]);
        let put: Vec<&str> = plan.put.iter().map(|d| d.doc.name.as_str()).collect();
        assert_eq!(put, vec!["b.txt", "c.txt"]);
        assert!(plan.delete.is_empty());
        let plan = plan_save(&[a.clone(), b.clone()], std::slice::from_ref(&b));
        assert!(plan.put.is_empty());
        assert_eq!(plan.delete, vec!["a.txt"]);
        assert!(plan_save(std::slice::from_ref(&a), std::slice::from_ref(&a)).is_empty());
    }

    #[test]
    fn messages_say_what_happened_and_what_to_do() {
        assert!(storage_message("QuotaExceededError", "").contains("full"));
        assert!(storage_message("QuotaExceededError", "").contains("Export"));
        assert!(storage_message("SecurityError", "").contains("private window"));
        assert!(storage_message("Blocked", "").contains("another tab"));
        assert!(storage_message("UnknownError", "disk I/O").contains("disk I/O"));
    }
}
