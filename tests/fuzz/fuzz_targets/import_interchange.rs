//! The interchange JSON importer on arbitrary text: it never panics, what it loads is valid
//! (offsets within the text, covering the annotation's text, canonical order), importing is
//! deterministic, and exporting what was loaded and importing that again gives the same value
//! without a problem.

#![no_main]

use dossier::export::to_json;
use dossier::formats::interchange::import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    let imported = import(json);
    assert_eq!(imported, import(json), "import is not deterministic");
    checks::check_imported(&imported.value);
    for problem in &imported.problems {
        assert!(!problem.message.is_empty(), "a problem without a message");
    }

    let again = import(&to_json(&imported.value));
    let messages: Vec<String> = again.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages.is_empty(),
        "re-importing an export of what was loaded reports {messages:?}"
    );
    assert_eq!(
        again.value, imported.value,
        "re-importing an export of what was loaded changed it"
    );
});
