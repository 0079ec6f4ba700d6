//! Dossier: an offline reader that highlights entities, cyber incidents and diplomatic
//! pledges in news text.
//!
//! * [`engine`] turns text into annotations. It is pure: no I/O, no UI, no clock.
//! * [`dictionary`] applies a reader's own list of names over the engine's annotations.
//! * [`input`] turns the bytes of a dropped or named file into text, or a clear problem.
//! * [`stream`] annotates JSON Lines, one document per line, for corpus-scale runs.
//! * [`export`] writes the interchange JSON shared by the command-line tool and the web app.
//! * [`formats`] exports to and imports from standard formats: W3C Web Annotation, brat,
//!   CoNLL, CSV and STIX 2.1. Pure functions, like the engine.
//! * [`ui`] is the Yew web app (its components are built for wasm32 only).
//! * [`worker`] is what the web app's annotation worker answers for each file.
//!
//! See ARCHITECTURE.md for the map and the invariants.

pub mod dictionary;
pub mod engine;
pub mod export;
pub mod formats;
pub mod input;
pub mod stream;

pub mod ui;
pub mod worker;

use export::{annotations_of, ExportDocument, Problem};

/// Decodes and annotates one file: the one path from bytes to an interchange document,
/// used by both the CLI and the web app so their output is byte-identical.
pub fn annotate_file(name: &str, bytes: &[u8]) -> Result<ExportDocument, Problem> {
    let decoded = input::decode(name, bytes).map_err(|message| Problem {
        name: name.to_string(),
        message,
    })?;
    let doc = engine::Engine::builtin().annotate(&decoded.text);
    let annotations = annotations_of(&decoded.text, &doc);
    Ok(ExportDocument {
        name: name.to_string(),
        lang: doc.lang,
        text: decoded.text,
        annotations,
    })
}

/// Annotates text that is already decoded (a document annotated again, with its text as
/// loaded): the same engine and the same annotations as [`annotate_file`].
pub fn annotate_text(name: &str, text: &str) -> ExportDocument {
    let doc = engine::Engine::builtin().annotate(text);
    let annotations = annotations_of(text, &doc);
    ExportDocument {
        name: name.to_string(),
        lang: doc.lang,
        text: text.to_string(),
        annotations,
    }
}
