//! HTML to text, through `input::decode` with an .html name (the extractor itself is private
//! to the input module). Accepted pages must give clean lines (no empty line, no line that
//! starts with a space or tab, or ends with whitespace); text without markup keeps its words;
//! and outside elements whose content is text by definition (title, textarea, xmp,
//! plaintext), no tag survives.

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
    if source.contains('\x1b') {
        return;
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if !source.contains(['<', '&']) {
        let expected: Vec<String> = source
            .replace('\0', "")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let got: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(got, expected, "text without markup lost or changed words");
    }
    let lower = source.to_ascii_lowercase();
    let text_elements = ["title", "textarea", "xmp", "plaintext"];
    if !source.contains('&') && !text_elements.iter().any(|name| lower.contains(name)) {
        let bytes = text.as_bytes();
        for (i, window) in bytes.windows(2).enumerate() {
            let tag_start = window[0] == b'<'
                && (window[1].is_ascii_alphabetic()
                    || (window[1] == b'/'
                        && bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic)));
            assert!(!tag_start, "markup survived in {text:?}");
        }
    }
});
