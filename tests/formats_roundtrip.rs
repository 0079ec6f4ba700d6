//! Export followed by import gives back the same interchange value, for every importable
//! format, on hand-written multilingual documents and on the engine's output for the samples.
#![cfg(not(target_arch = "wasm32"))]

mod formats_common;

use dossier::export::{interchange, to_json, Interchange};
use dossier::formats::{brat, interchange as interchange_format, w3c, ImportProblem};
use formats_common::{multilingual, samples, tiny, without_annotations};

fn no_problems(problems: &[ImportProblem]) {
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(messages.is_empty(), "{messages:#?}");
}

/// The value as it comes back from a format that carries no file-level problems and no
/// event structure (W3C and brat keep spans, labels and canonicals, not incident roles).
fn without_problems(value: &Interchange) -> Interchange {
    let mut documents = value.documents.clone();
    for doc in &mut documents {
        for annotation in &mut doc.annotations {
            annotation.event = None;
        }
    }
    interchange(documents, Vec::new())
}

fn all_inputs() -> Vec<(&'static str, Interchange)> {
    vec![
        ("tiny", tiny()),
        ("multilingual", multilingual()),
        ("samples", samples()),
    ]
}

#[test]
fn interchange_json() {
    for (what, value) in all_inputs() {
        let imported = interchange_format::import(&to_json(&value));
        no_problems(&imported.problems);
        assert_eq!(imported.value, value, "{what}");
    }
}

#[test]
fn w3c_web_annotation() {
    for (what, value) in all_inputs() {
        let json = w3c::export(&value);
        let imported = w3c::import(&json, &without_annotations(&value));
        no_problems(&imported.problems);
        assert_eq!(imported.value, without_problems(&value), "{what}");
    }
}

#[test]
fn brat_zip() {
    for (what, value) in all_inputs() {
        let zip = brat::export(&value);
        let imported = brat::import(&zip);
        no_problems(&imported.problems);
        assert_eq!(imported.value, without_problems(&value), "{what}");
    }
}

#[test]
fn exports_are_deterministic() {
    let value = multilingual();
    assert_eq!(brat::export(&value), brat::export(&value.clone()));
    assert_eq!(w3c::export(&value), w3c::export(&value.clone()));
    let timestamp = "2026-11-22T10:00:00Z";
    assert_eq!(
        dossier::formats::stix::export(&value, timestamp),
        dossier::formats::stix::export(&value.clone(), timestamp)
    );
}

#[test]
fn w3c_places_by_quote_when_positions_are_stale() {
    // The analyst's copy of the document gained a line at the top since the export.
    let value = tiny();
    let json = w3c::export(&value);
    let mut edited = without_annotations(&value);
    edited[0].text = format!("Updated 𠮷.\n{}", edited[0].text);
    let imported = w3c::import(&json, &edited);
    let shift = "Updated 𠮷.\n".chars().count();
    let expected: Vec<(usize, usize, &str)> = value.documents[0]
        .annotations
        .iter()
        .map(|a| (a.start + shift, a.end + shift, a.text.as_str()))
        .collect();
    let got: Vec<(usize, usize, &str)> = imported.value.documents[0]
        .annotations
        .iter()
        .map(|a| (a.start, a.end, a.text.as_str()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(imported.problems.len(), expected.len());
    assert!(imported
        .problems
        .iter()
        .all(|p| p.outcome == dossier::formats::Outcome::Repaired));
}
