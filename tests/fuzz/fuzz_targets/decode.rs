//! `input::decode` on arbitrary bytes under names that take different paths (.txt, .html,
//! no extension, ...): it must never panic, accepted text must be normalised and non-blank,
//! decoding must be deterministic, and plain UTF-8 text named .txt must come back unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = checks::name_and_bytes(data);
    let result = dossier::input::decode(name, bytes);
    assert_eq!(
        result,
        dossier::input::decode(name, bytes),
        "decoding is not deterministic"
    );
    match result {
        Ok(decoded) => {
            checks::check_decoded_text(&decoded.text);
            assert!(!decoded.encoding.is_empty());
            let plain = std::str::from_utf8(bytes).ok().filter(|text| {
                !text.starts_with('\u{feff}') && !text.contains(['\r', '\0', '\x1b'])
            });
            if let (Some(text), "article.txt") = (plain, name) {
                assert_eq!(decoded.text, text, "plain UTF-8 text was changed");
            }
        }
        Err(message) => assert!(!message.is_empty(), "an empty error message"),
    }
});
