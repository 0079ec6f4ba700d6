//! The invariants the fuzz targets check, shared between them. Each check panics with a
//! message naming the broken promise, which libFuzzer reports as a crash with the input.

use dossier::engine::{Document, Span};
use dossier::export::{self, ExportDocument};

/// The names the targets give their inputs: each selects a different path through decoding.
pub const NAMES: &[&str] = &[
    "article.txt",
    "page.html",
    "notes.md",
    "untitled",
    "page.htm",
    "data.bin",
];

/// Splits fuzz input into a name chosen by the first byte and the rest.
pub fn name_and_bytes(data: &[u8]) -> (&'static str, &[u8]) {
    match data.split_first() {
        Some((&first, rest)) => (NAMES[usize::from(first) % NAMES.len()], rest),
        None => (NAMES[0], data),
    }
}

/// What every decoded text promises (see `dossier::input`): normalised line endings, no NUL,
/// and some visible character.
pub fn check_decoded_text(text: &str) {
    assert!(
        !text.contains('\r'),
        "decoded text contains a carriage return"
    );
    assert!(!text.contains('\0'), "decoded text contains NUL");
    assert!(
        !text.trim().is_empty(),
        "decoded text is blank but was accepted"
    );
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} is outside the text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} is not on char boundaries"
    );
}

/// The engine's promises about a [`Document`] for `text`.
pub fn check_document(text: &str, doc: &Document) {
    assert!(!doc.lang.is_empty(), "empty language code");

    for (i, &sentence) in doc.sentences.iter().enumerate() {
        check_span(text, sentence, "sentence");
        assert!(!sentence.is_empty(), "empty sentence {sentence:?}");
        if i > 0 {
            let previous = doc.sentences[i - 1];
            assert!(
                previous.end <= sentence.start,
                "sentences {previous:?} and {sentence:?} are unsorted or overlap"
            );
        }
    }

    for (i, entity) in doc.entities.iter().enumerate() {
        check_span(text, entity.span, "entity");
        assert!(!entity.span.is_empty(), "empty entity {:?}", entity.span);
        assert!(
            !entity.canonical.is_empty(),
            "entity {:?} has no canonical name",
            entity.span
        );
        if i > 0 {
            let previous = doc.entities[i - 1].span;
            assert!(
                previous.end <= entity.span.start,
                "entities {previous:?} and {:?} are unsorted or overlap",
                entity.span
            );
        }
    }

    let sentence_layers = [
        (
            "incident",
            doc.incidents
                .iter()
                .map(|i| (i.sentence_idx, i.span, i.trigger))
                .collect::<Vec<_>>(),
        ),
        (
            "pledge",
            doc.pledges
                .iter()
                .map(|p| (p.sentence_idx, p.span, p.trigger))
                .collect(),
        ),
    ];
    for (what, items) in sentence_layers {
        for (i, &(sentence_idx, span, trigger)) in items.iter().enumerate() {
            check_span(text, span, what);
            check_span(text, trigger, "trigger");
            let Some(&sentence) = doc.sentences.get(sentence_idx) else {
                panic!(
                    "{what} {span:?} names sentence {sentence_idx} of {}",
                    doc.sentences.len()
                );
            };
            assert!(
                sentence.contains(span),
                "{what} {span:?} is not within its sentence {sentence:?}"
            );
            assert!(
                span.contains(trigger),
                "{what} trigger {trigger:?} is not within {span:?}"
            );
            if i > 0 {
                assert!(
                    items[i - 1].1.start <= span.start,
                    "{what}s are not sorted by position"
                );
                assert!(
                    items[i - 1].0 < sentence_idx,
                    "two {what}s for sentence {sentence_idx}, or unsorted"
                );
            }
        }
    }
}

/// The interchange document's promises: code point offsets within the text, the covered text
/// repeated exactly, canonical order, and a JSON round trip that changes nothing.
pub fn check_export_document(doc: &ExportDocument) {
    check_decoded_text(&doc.text);
    let chars: Vec<char> = doc.text.chars().collect();
    for annotation in &doc.annotations {
        assert!(
            annotation.start < annotation.end && annotation.end <= chars.len(),
            "annotation {}..{} is empty or outside {} code points",
            annotation.start,
            annotation.end,
            chars.len()
        );
        let covered: String = chars[annotation.start..annotation.end].iter().collect();
        assert_eq!(
            covered, annotation.text,
            "annotation text differs from the text it covers"
        );
    }
    let mut sorted = doc.annotations.clone();
    export::sort_annotations(&mut sorted);
    assert_eq!(
        sorted, doc.annotations,
        "annotations are not in canonical order"
    );

    let value = export::interchange(vec![doc.clone()], Vec::new());
    let json = export::to_json(&value);
    let back: export::Interchange =
        serde_json::from_str(&json).expect("the interchange JSON parses");
    assert_eq!(back, value, "the interchange JSON does not round-trip");
}

/// What every importer promises about the value it returns, whatever the input: documents
/// with distinct names in canonical order, and annotations whose code point offsets lie in
/// their document's text and cover exactly their `text`, in canonical order. The texts
/// themselves come from the imported file and may be anything, blank included.
pub fn check_imported(value: &export::Interchange) {
    for pair in value.documents.windows(2) {
        assert!(
            pair[0].name < pair[1].name,
            "documents {:?} and {:?} are unsorted or share a name",
            pair[0].name,
            pair[1].name
        );
    }
    for doc in &value.documents {
        let chars: Vec<char> = doc.text.chars().collect();
        for annotation in &doc.annotations {
            assert!(
                annotation.start < annotation.end && annotation.end <= chars.len(),
                "{}: imported annotation {}..{} is empty or outside {} code points",
                doc.name,
                annotation.start,
                annotation.end,
                chars.len()
            );
            let covered: String = chars[annotation.start..annotation.end].iter().collect();
            assert_eq!(
                covered, annotation.text,
                "{}: imported annotation text differs from the text it covers",
                doc.name
            );
        }
        let mut sorted = doc.annotations.clone();
        export::sort_annotations(&mut sorted);
        assert_eq!(
            sorted, doc.annotations,
            "{}: imported annotations are not in canonical order",
            doc.name
        );
    }
}

/// The documents the W3C target places annotations on: Latin, Arabic (right to left) and
/// Chinese text with a character outside the Basic Multilingual Plane, so that code point and
/// byte offsets differ.
pub fn w3c_documents() -> Vec<ExportDocument> {
    let doc = |name: &str, lang: &str, text: &str| ExportDocument {
        name: name.to_string(),
        lang: lang.to_string(),
        text: text.to_string(),
        annotations: Vec::new(),
    };
    vec![
        doc(
            "article.txt",
            "en",
            "Volt Typhoon hacked US critical infrastructure last year.\nChina denied the hack.",
        ),
        doc(
            "تقرير.txt",
            "ar",
            "قالت وزارة الخارجية إن مجموعة APT28 اخترقت الشبكة.",
        ),
        doc(
            "报告 1.txt",
            "zh",
            "外交部发言人毛宁表示，中方反对一切网络攻击𠮷。",
        ),
    ]
}
