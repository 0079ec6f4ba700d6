//! `Engine::annotate` on arbitrary UTF-8: spans on char boundaries and within the text,
//! sentences and entities sorted without overlap, incidents and pledges within their
//! sentences, and the same result twice.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let engine = dossier::engine::Engine::builtin();
    let doc = engine.annotate(text);
    checks::check_document(text, &doc);
    assert_eq!(
        doc,
        engine.annotate(text),
        "annotation is not deterministic"
    );
});
