//! Importers report bad records one by one and load the good ones; no input makes any
//! importer or exporter panic.
#![cfg(not(target_arch = "wasm32"))]

mod formats_common;

use std::io::Write;

use dossier::export::{to_json, Annotation, ExportDocument, Interchange, Layer, Source};
use dossier::formats::{brat, conll, csv, interchange, stix, w3c, Imported};
use expect_test::expect;
use formats_common::{multilingual, tiny, without_annotations, Random};

/// The problems of an import, one per line, then the annotations loaded as
/// `document start-end layer/label source`.
fn summary(imported: &Imported) -> String {
    let mut out = String::new();
    for problem in &imported.problems {
        out.push_str(&format!("! {problem}\n"));
    }
    for doc in &imported.value.documents {
        for a in &doc.annotations {
            out.push_str(&format!(
                "{} {}-{} {}/{} {:?} {:?}\n",
                doc.name,
                a.start,
                a.end,
                a.layer.as_str(),
                a.label.as_deref().unwrap_or("-"),
                a.source,
                a.canonical.as_deref().unwrap_or("-"),
            ));
        }
    }
    out
}

#[test]
fn interchange_refuses_other_files_whole() {
    expect![[r#"
        ! not JSON: expected value at line 1 column 1 (skipped)
    "#]]
    .assert_eq(&summary(&interchange::import("hello")));
    expect![[r#"
        ! format is "w3c", not "dossier-annotations": not an interchange file (skipped)
    "#]]
    .assert_eq(&summary(&interchange::import(
        r#"{"format":"w3c","version":1,"documents":[]}"#,
    )));
    expect![[r#"
        ! version 2 is not supported (this Dossier reads version 1) (skipped)
    "#]]
    .assert_eq(&summary(&interchange::import(
        r#"{"format":"dossier-annotations","version":2,"documents":[]}"#,
    )));
}

#[test]
fn interchange_bad_records() {
    let json = r#"{"format": "dossier-annotations", "version": 1, "documents": [
      {"name": "a.txt", "lang": "en", "text": "Wang Yi met 𠮷 Blinken in Jakarta.", "annotations": [
        {"layer": "entity", "label": "PERSON", "start": 0, "end": 7, "text": "Wang Yi", "canonical": "Wang Yi", "source": "auto"},
        {"layer": "entity", "label": "PERSON", "start": 14, "end": 21, "text": "Blinken", "canonical": "Antony Blinken", "source": "manual"},
        {"layer": "entity", "label": "PLACE", "start": 27, "end": 34, "text": "Jakarta", "source": "manual"},
        {"layer": "entity", "label": "PLACE", "start": 24, "end": 31, "text": "Jakarta", "source": "auto"},
        {"layer": "entity", "label": "VILLAIN", "start": 0, "end": 7, "text": "Wang Yi", "source": "auto"},
        {"layer": "entity", "start": 0, "end": 7, "text": "Wang Yi", "source": "auto"},
        {"layer": "rumour", "start": 0, "end": 7, "text": "Wang Yi", "source": "auto"},
        {"layer": "incident", "label": "PERSON", "start": 0, "end": 33, "text": "Wang Yi met 𠮷 Blinken in Jakarta.", "source": "auto"},
        {"layer": "pledge", "start": 0, "end": 99, "text": "nothing like this", "source": "auto"},
        {"layer": "entity", "label": "ORG", "start": -1, "end": 3, "text": "Wan", "source": "auto"},
        {"layer": "entity", "label": "ORG", "start": 0, "end": 3, "text": "Wan", "source": "robot"},
        {"layer": "entity", "label": "ORG", "start": 0, "end": 3, "text": "Wan"},
        {"layer": "entity", "label": "ORG", "start": 0, "end": 0, "text": "", "source": "auto"},
        "not an object"
      ]},
      {"name": "a.txt", "lang": "en", "text": "duplicate", "annotations": []},
      {"lang": "en", "text": "nameless", "annotations": []},
      {"name": "b.txt", "text": "no language, no annotations"}
    ], "problems": [{"name": "x.png", "message": "an image"}, {"name": 3}]}"#;
    let imported = interchange::import(json);
    expect![[r#"
        ! a.txt, annotation 3: offsets 27–34 lie outside the text (33 code points); "Jakarta" was found at 25–32, which is used (repaired)
        ! a.txt, annotation 4: offsets 24–31 cover " Jakart", not "Jakarta"; "Jakarta" was found at 25–32, which is used (repaired)
        ! a.txt, annotation 5: unknown entity label "VILLAIN" (expected PERSON, ORG, PLACE or THREAT_ACTOR) (skipped)
        ! a.txt, annotation 6: entity annotation without a label (skipped)
        ! a.txt, annotation 7: unknown layer "rumour" (expected entity, incident or pledge) (skipped)
        ! a.txt, annotation 8: incident annotations carry no label, but this one has "PERSON" (skipped)
        ! a.txt, annotation 9: offsets 0–99 lie outside the text (33 code points); "nothing like this" does not occur in the document (skipped)
        ! a.txt, annotation 10: "start" is not a non-negative integer: -1 (skipped)
        ! a.txt, annotation 11: unknown source "robot" (expected auto or manual) (skipped)
        ! a.txt, annotation 12: no "source"; taken as manual (repaired)
        ! a.txt, annotation 13: empty "text" (skipped)
        ! a.txt, annotation 14: not an object (skipped)
        ! a.txt, document 2: a second document with the same name (skipped)
        ! document 3: no "name" string (skipped)
        ! b.txt, document 4: no "lang" string; language set to "und" (repaired)
        ! b.txt, document 4: no "annotations" list; none loaded (repaired)
        ! problem 2: a problem needs a "name" and a "message" string (skipped)
        a.txt 0-3 entity/ORG Manual "-"
        a.txt 0-7 entity/PERSON Auto "Wang Yi"
        a.txt 14-21 entity/PERSON Manual "Antony Blinken"
        a.txt 25-32 entity/PLACE Auto "-"
        a.txt 25-32 entity/PLACE Manual "-"
    "#]]
    .assert_eq(&summary(&imported));
    assert_eq!(imported.value.problems.len(), 1);
    assert_eq!(imported.value.documents.len(), 2);
}

#[test]
fn w3c_bad_records() {
    let documents = without_annotations(&tiny());
    let json = r#"[
      {"type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", "value": "PERSON"},
       "target": {"source": "tiny.txt", "selector": {"type": "TextQuoteSelector", "exact": "Biden"}}},
      {"type": "Annotation", "body": [{"purpose": "tagging", "value": "PERSON"}, {"purpose": "identifying", "value": "Xi Jinping"}],
       "creator": {"type": "Software", "name": "Dossier"},
       "target": {"source": "tiny.txt", "selector": [{"type": "TextPositionSelector", "start": 0, "end": 10}]}},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"},
       "target": {"source": "other.txt", "selector": {"type": "TextQuoteSelector", "exact": "Biden"}}},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "VILLAIN"},
       "target": {"source": "tiny.txt", "selector": {"type": "TextQuoteSelector", "exact": "Biden"}}},
      {"type": "Annotation", "body": {"purpose": "commenting", "value": "nice"},
       "target": {"source": "tiny.txt", "selector": {"type": "TextQuoteSelector", "exact": "Biden"}}},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"},
       "target": {"source": "tiny.txt", "selector": {"type": "TextQuoteSelector", "exact": "Trump"}}},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"},
       "target": {"source": "tiny.txt", "selector": {"type": "TextPositionSelector", "start": 5, "end": 500}}},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"}, "target": "tiny.txt"},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"}},
      {"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"}, "target": {"source": "%FF"}},
      42
    ]"#;
    expect![[r#"
        ! other.txt, annotation 3: no open document is named "other.txt" (skipped)
        ! tiny.txt, annotation 4: unknown tag "VILLAIN" (expected PERSON, ORG, PLACE, THREAT_ACTOR, INCIDENT or PLEDGE) (skipped)
        ! tiny.txt, annotation 5: no tagging body names its kind (skipped)
        ! tiny.txt, annotation 6: the quoted text "Trump" does not occur in the document (skipped)
        ! tiny.txt, annotation 7: the position selector lies outside the text or is empty (skipped)
        ! tiny.txt, annotation 8: no TextPositionSelector or TextQuoteSelector (skipped)
        ! annotation 9: no target (skipped)
        ! %FF, annotation 10: the target source is not a valid IRI (skipped)
        ! annotation 11: not an object (skipped)
        tiny.txt 0-10 entity/PERSON Auto "Xi Jinping"
        tiny.txt 20-25 entity/PERSON Manual "-"
    "#]]
    .assert_eq(&summary(&w3c::import(json, &documents)));

    expect![[r#"
        ! the file is empty (skipped)
    "#]]
    .assert_eq(&summary(&w3c::import("", &documents)));
    expect![[r#"
        ! page 1: the page is only linked, not included, and cannot be fetched offline (skipped)
    "#]]
    .assert_eq(&summary(&w3c::import(
        r#"{"type": "AnnotationCollection", "first": "https://example.org/page1"}"#,
        &documents,
    )));
}

/// A zip archive of the given files, written here rather than by the code under test.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, contents) in files {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(contents).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn brat_bad_records() {
    let text = "Wang Yi met\nBlinken in Jakarta.";
    let ann = "T1\tPERSON 0 7\tWang Yi\n\
               #1\tAnnotatorNotes T1\tcanonical: Wang Yi\n\
               #2\tAnnotatorNotes T1\treviewed twice\n\
               T2\tPERSON 12 19\tBlinkin\n\
               T3\tVILLAIN 0 7\tWang Yi\n\
               T4\tPLACE 23 99\tJakarta\n\
               T5\tPLACE 23\tJakarta\n\
               T6\tINCIDENT 0 4;8 11\tWang met\n\
               T7\tINCIDENT 0 11;12 31\tWang Yi met Blinken in Jakarta.\n\
               R1\tMeets Arg1:T1 Arg2:T2\n\
               E1\tMeet:T1\n\
               A1\tNegated T1\n\
               A2\tManual T9\n\
               #3\tAnnotatorNotes T9\tcanonical: nobody\n\
               garbage line\n\
               T8\tORG\n";
    let imported = brat::import(&zip_of(&[
        ("corpus/a.txt", text.as_bytes()),
        ("corpus/a.ann", ann.as_bytes()),
        ("corpus/orphan.ann", b"T1\tORG 0 1\tx\n"),
        ("corpus/latin1.txt", b"caf\xe9"),
        ("README.md", b"ignored"),
    ]));
    expect![[r#"
        ! corpus/latin1.txt: not UTF-8 text, as brat requires (skipped)
        ! corpus/a.ann, line 4: the written text "Blinkin" differs from the document's text at the offsets, "Blinken"; the offsets are used (repaired)
        ! corpus/a.ann, line 5: unknown type "VILLAIN" (expected PERSON, ORG, PLACE, THREAT_ACTOR, INCIDENT or PLEDGE) (skipped)
        ! corpus/a.ann, line 6: offsets 23 99 are empty, reversed or past the end of the text (31 characters) (skipped)
        ! corpus/a.ann, line 7: offsets "23" are not two numbers (skipped)
        ! corpus/a.ann, line 8: a discontinuous span with text between its parts; Dossier spans are continuous (skipped)
        ! corpus/a.ann, line 10: relations are not imported (skipped)
        ! corpus/a.ann, line 11: events are not imported (skipped)
        ! corpus/a.ann, line 12: attribute "Negated T1" is not one Dossier keeps (skipped)
        ! corpus/a.ann, line 13: it is about T9, which is not a loaded annotation (skipped)
        ! corpus/a.ann, line 14: it is about T9, which is not a loaded annotation (skipped)
        ! corpus/a.ann, line 15: not a brat annotation line: "garbage line" (skipped)
        ! corpus/a.ann, line 16: a text-bound annotation needs three tab-separated fields (skipped)
        ! corpus/orphan.ann: no corpus/orphan.txt holds its text (skipped)
        corpus/a.txt 0-7 entity/PERSON Manual "Wang Yi"
        corpus/a.txt 0-31 incident/- Manual "-"
        corpus/a.txt 12-19 entity/PERSON Manual "-"
    "#]]
    .assert_eq(&summary(&imported));
    assert_eq!(imported.value.documents[0].lang, "und");

    expect![[r#"
        ! a damaged or truncated zip archive: invalid Zip archive: Could not find EOCD (skipped)
    "#]]
    .assert_eq(&summary(&brat::import(b"PK\x03\x04 not really")));
}

/// Every importer on random bytes and on damaged copies of valid exports: none may panic,
/// and whatever they load must be consistent (offsets inside the text, text matching them).
#[test]
fn importers_survive_any_bytes() {
    let value = multilingual();
    let documents = without_annotations(&value);
    let valid_json = to_json(&value);
    let valid_w3c = w3c::export(&value);
    let valid_zip = brat::export(&value);
    let mut random = Random::new(0x5eed_d055_1e55);
    for round in 0..1500 {
        let len = random.below(300);
        let noise = random.bytes(len);
        let damaged_json = random.mutate(valid_json.as_bytes());
        let damaged_w3c = random.mutate(valid_w3c.as_bytes());
        let damaged_zip = random.mutate(&valid_zip);
        for bytes in [&noise, &damaged_json, &damaged_w3c] {
            let text = String::from_utf8_lossy(bytes);
            check_consistent(&interchange::import(&text).value, round);
            check_consistent(&w3c::import(&text, &documents).value, round);
        }
        check_consistent(&brat::import(&noise).value, round);
        check_consistent(&brat::import(&damaged_zip).value, round);
    }
}

fn check_consistent(value: &Interchange, round: usize) {
    for doc in &value.documents {
        let chars: Vec<char> = doc.text.chars().collect();
        for a in &doc.annotations {
            assert!(
                a.start < a.end && a.end <= chars.len(),
                "round {round}: {a:?}"
            );
            let covered: String = chars[a.start..a.end].iter().collect();
            assert_eq!(covered, a.text, "round {round}");
        }
    }
}

/// Exporters take values built by hand too: offsets past the end, reversed, empty text.
#[test]
fn exporters_survive_inconsistent_values() {
    let mut random = Random::new(7);
    for _ in 0..300 {
        let text: String = ["a", "𠮷", "\n", " ", "王", "و", ",", "=", "\""]
            .iter()
            .cycle()
            .skip(random.below(9))
            .take(random.below(20))
            .copied()
            .collect();
        let annotations = (0..random.below(6))
            .map(|_| Annotation {
                layer: [Layer::Entity, Layer::Incident, Layer::Pledge][random.below(3)],
                label: ["PERSON", "ORG", "PLACE", "THREAT_ACTOR", "BOGUS"]
                    .get(random.below(6))
                    .map(|l| l.to_string()),
                start: random.below(30),
                end: random.below(30),
                text: "x".to_string(),
                canonical: Some("\n=x".to_string()).filter(|_| random.below(2) == 0),
                source: [Source::Auto, Source::Manual][random.below(2)],
                event: None,
            })
            .collect();
        let value = dossier::export::interchange(
            vec![ExportDocument {
                name: "../../etc/x".to_string(),
                lang: String::new(),
                text,
                annotations,
            }],
            Vec::new(),
        );
        let _ = brat::export(&value);
        let _ = conll::export(&value);
        let _ = csv::entities(&value);
        let _ = csv::events(&value);
        let _ = w3c::export(&value);
        let _ = stix::export(&value, "2026-11-22T10:00:00Z");
        let _ = brat::import(&brat::export(&value));
    }
}

#[test]
fn w3c_accepts_a_page_or_a_single_annotation() {
    let documents = without_annotations(&tiny());
    let annotation = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "motivation": "tagging", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "PLACE"}],
        "target": {"source": {"id": "tiny.txt"},
                   "selector": {"type": "TextQuoteSelector", "exact": "U.S.", "prefix": "=", "suffix": " net"}}}"#;
    let page = format!(r#"{{"type": "AnnotationPage", "items": [{annotation}]}}"#);
    for json in [annotation.to_string(), page] {
        expect![[r#"
            tiny.txt 56-60 entity/PLACE Manual "-"
        "#]]
        .assert_eq(&summary(&w3c::import(&json, &documents)));
    }
}
