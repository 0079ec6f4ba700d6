//! HTML to text, through `input::decode` with an .html name (the extractor itself is private
//! to the input module). Accepted pages must give clean lines (no empty line, no line that
//! starts with a space or tab, or ends with whitespace); text without markup keeps its words;
//! and outside elements whose content is text by definition (title, textarea, xmp,
//! plaintext), no '<' of a tag survives.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = dossier::input::decode("page.html", data) else {
        return;
    };
    let text = decoded.text;
    checks::check_decoded_text(&text);
    for line in text.split('\n') {
        assert!(!line.is_empty(), "an empty line in {text:?}");
        assert!(
            !line.starts_with([' ', '\t']),
            "a line starts with a space: {line:?}"
        );
        assert_eq!(
            line.trim_end(),
            line,
            "a line ends with whitespace: {line:?}"
        );
    }

    // The checks below compare with the input, so they need input the decoder reads as is.
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    // ESC may make it ISO-2022-JP, and NUL bytes UTF-16 by their pattern.
    if source.contains(['\x1b', '\0']) {
        return;
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if !source.contains(['<', '&']) {
        let expected: Vec<&str> = source.split_whitespace().collect();
        let got: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(got, expected, "text without markup lost or changed words");
    }
    let lower = source.to_ascii_lowercase();
    let text_elements = ["title", "textarea", "xmp", "plaintext"];
    if !source.contains('&') && !text_elements.iter().any(|name| lower.contains(name)) {
        // Every '<' in the text must be one the page wrote as text: one not followed by what
        // starts a tag, end tag, comment or declaration. (Text on both sides of a dropped tag
        // may join into something like "<table>", which is text all the same.) A "</" that
        // ends the input is text too: the tokenizer emits it as characters, as browsers show it.
        let source = source.as_bytes();
        let n_literal = (0..source.len())
            .filter(|&i| {
                let ends_input_as_end_tag_start = source.len() == i + 2 && source[i + 1] == b'/';
                source[i] == b'<'
                    && (ends_input_as_end_tag_start
                        || !source.get(i + 1).is_some_and(|&next| {
                            next.is_ascii_alphabetic() || b"/!?".contains(&next)
                        }))
            })
            .count();
        let n_in_text = text.matches('<').count();
        assert!(n_in_text <= n_literal, "markup survived in {text:?}");
    }
});
