//! `annotate_file` end to end on arbitrary bytes and names: an accepted file is the decoded
//! text annotated, in valid interchange JSON that round-trips; a refused one carries its name
//! and a reason.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = checks::name_and_bytes(data);
    match dossier::annotate_file(name, bytes) {
        Ok(doc) => {
            assert_eq!(doc.name, name);
            let decoded = dossier::input::decode(name, bytes).expect("annotate_file accepted it");
            assert_eq!(
                doc.text, decoded.text,
                "the document text is not the decoded text"
            );
            checks::check_export_document(&doc);
        }
        Err(problem) => {
            assert_eq!(problem.name, name);
            assert!(!problem.message.is_empty());
        }
    }
});
