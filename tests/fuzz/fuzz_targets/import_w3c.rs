//! The W3C Web Annotation importer on arbitrary text, against fixed documents in three
//! scripts: it never panics, it returns the same documents (names, languages, texts) with
//! valid annotations only, and it is deterministic.

#![no_main]

use dossier::formats::w3c::import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    let documents = checks::w3c_documents();
    let imported = import(json, &documents);
    assert_eq!(
        imported,
        import(json, &documents),
        "import is not deterministic"
    );
    checks::check_imported(&imported.value);
    let mut expected: Vec<_> = documents
        .iter()
        .map(|d| (d.name.as_str(), d.lang.as_str(), d.text.as_str()))
        .collect();
    expected.sort();
    let got: Vec<_> = imported
        .value
        .documents
        .iter()
        .map(|d| (d.name.as_str(), d.lang.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(got, expected, "the documents themselves were changed");
    for problem in &imported.problems {
        assert!(!problem.message.is_empty(), "a problem without a message");
    }
});
