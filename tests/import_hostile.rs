//! Broken files offered to the importers: empty, truncated, wrong types at every level, and a
//! bad record among good ones. Each whole-file problem says what is wrong with the file; each
//! bad record is named by its position with the reason, and the good records still load.
#![cfg(not(target_arch = "wasm32"))]

mod formats_common;

use dossier::export::to_json;
use dossier::formats::{brat, interchange, w3c, ImportProblem, Imported, Outcome};
use formats_common::{multilingual, tiny, without_annotations};

fn messages(problems: &[ImportProblem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

fn n_annotations(imported: &Imported) -> usize {
    imported
        .value
        .documents
        .iter()
        .map(|d| d.annotations.len())
        .sum()
}

/// The one problem of an import that refused the whole file.
fn whole_file_problem(imported: &Imported) -> String {
    assert!(
        imported
            .value
            .documents
            .iter()
            .all(|d| d.annotations.is_empty()),
        "annotations were loaded from a refused file"
    );
    match &imported.problems[..] {
        [problem] => {
            assert_eq!(problem.outcome, Outcome::Skipped);
            assert_eq!(problem.document, "");
            problem.message.clone()
        }
        other => panic!("expected one problem, got {:#?}", messages(other)),
    }
}

#[test]
fn empty_and_truncated_interchange_files() {
    assert_eq!(
        whole_file_problem(&interchange::import("")),
        "the file is empty"
    );
    assert_eq!(
        whole_file_problem(&interchange::import(" \n\t")),
        "the file is empty"
    );
    let json = to_json(&multilingual());
    // Cut anywhere after the opening brace: the message says the file looks truncated and
    // where the JSON stops.
    for cut in [1, json.len() / 3, json.len() / 2, json.len() - 2] {
        let cut = (0..=cut).rev().find(|&i| json.is_char_boundary(i)).unwrap();
        let message = whole_file_problem(&interchange::import(&json[..cut]));
        assert!(
            message.starts_with("the JSON stops in the middle, at line ")
                && message.ends_with("the file looks truncated"),
            "cut at {cut}: {message}"
        );
    }
    assert_eq!(
        whole_file_problem(&interchange::import("{\"format\": \"dossier-annotations\"")),
        "the JSON stops in the middle, at line 1 column 32: the file looks truncated"
    );
    // Not JSON at all keeps the parser's words and place.
    assert_eq!(
        whole_file_problem(&interchange::import("PK\u{3}\u{4} a zip, not JSON")),
        "not JSON: expected value at line 1 column 1"
    );
}

#[test]
fn interchange_wrong_types_at_every_level() {
    for (json, expected) in [
        (
            "[1, 2]",
            "not an interchange file: the JSON is not an object",
        ),
        (
            r#"{"format": 7, "version": 1, "documents": []}"#,
            "no \"format\": \"dossier-annotations\" field",
        ),
        (
            r#"{"format": "dossier-annotations", "version": "1", "documents": []}"#,
            "no numeric \"version\" field",
        ),
        (
            r#"{"format": "dossier-annotations", "version": 1, "documents": {"a": 1}}"#,
            "\"documents\" is not a list",
        ),
    ] {
        assert_eq!(
            whole_file_problem(&interchange::import(json)),
            expected,
            "{json}"
        );
    }
}

#[test]
fn interchange_bad_records_among_good_ones() {
    let json = r#"{"format": "dossier-annotations", "version": 1, "documents": [
      "a string, not a document",
      {"name": 5, "text": "a number for a name"},
      {"name": "text-is-a-list.txt", "text": ["no"]},
      {"name": "good.txt", "lang": "en", "text": "China denied the hack.", "annotations": [
        {"layer": "entity", "label": "PLACE", "start": "0", "end": 5, "text": "China", "source": "auto"},
        {"layer": "entity", "label": "PLACE", "start": 0, "end": 5.5, "text": "China", "source": "auto"},
        {"layer": "entity", "label": 3, "start": 0, "end": 5, "text": "China", "source": "auto"},
        {"layer": "entity", "label": "PLACE", "start": 0, "end": 5, "text": "China", "canonical": ["China"], "source": "auto"},
        {"layer": ["entity"], "start": 0, "end": 5, "text": "China", "source": "auto"},
        {"layer": "entity", "label": "PLACE", "start": 0, "end": 5, "text": "China", "canonical": "China", "source": "auto"},
        null,
        {"layer": "incident", "start": 0, "end": 22, "text": "China denied the hack.", "source": "auto"}
      ]},
      {"name": "annotations-not-a-list.txt", "lang": "en", "text": "Talks.", "annotations": {}}
    ]}"#;
    let imported = interchange::import(json);
    assert_eq!(
        messages(&imported.problems),
        [
            "document 1: not an object (skipped)",
            "document 2: no \"name\" string (skipped)",
            "text-is-a-list.txt, document 3: no \"text\" string (skipped)",
            "good.txt, annotation 1: \"start\" is not a non-negative integer: \"0\" (skipped)",
            "good.txt, annotation 2: \"end\" is not a non-negative integer: 5.5 (skipped)",
            "good.txt, annotation 3: \"label\" is not a string (skipped)",
            "good.txt, annotation 4: \"canonical\" is not a string (skipped)",
            "good.txt, annotation 5: no \"layer\" string (skipped)",
            "good.txt, annotation 7: not an object (skipped)",
            "annotations-not-a-list.txt, document 5: \"annotations\" is not a list; none loaded (skipped)",
        ]
    );
    let names: Vec<&str> = imported
        .value
        .documents
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(names, ["annotations-not-a-list.txt", "good.txt"]);
    let good = &imported.value.documents[1];
    let loaded: Vec<(usize, usize, &str)> = good
        .annotations
        .iter()
        .map(|a| (a.start, a.end, a.layer.as_str()))
        .collect();
    assert_eq!(loaded, [(0, 5, "entity"), (0, 22, "incident")]);
}

#[test]
fn empty_and_truncated_w3c_files() {
    let value = tiny();
    let documents = without_annotations(&value);
    assert_eq!(
        whole_file_problem(&w3c::import("", &documents)),
        "the file is empty"
    );
    let json = w3c::export(&value);
    let cut = json.len() / 2;
    let cut = (0..=cut).rev().find(|&i| json.is_char_boundary(i)).unwrap();
    let message = whole_file_problem(&w3c::import(&json[..cut], &documents));
    assert!(message.ends_with("the file looks truncated"), "{message}");
    // The documents themselves are returned untouched.
    assert_eq!(
        w3c::import(&json[..cut], &documents).value.documents,
        documents
    );
}

#[test]
fn w3c_wrong_types_among_good_annotations() {
    let documents = without_annotations(&tiny());
    let good = r#"{"type": "Annotation", "body": {"purpose": "tagging", "value": "PERSON"},
        "target": {"source": "tiny.txt", "selector": {"type": "TextQuoteSelector", "exact": "Biden"}}}"#;
    let json = format!(
        r#"[
        {good},
        {{"type": "Annotation", "body": 7, "target": {{"source": "tiny.txt",
          "selector": {{"type": "TextQuoteSelector", "exact": "Biden"}}}}}},
        {{"type": "Annotation", "body": {{"purpose": "tagging", "value": "PERSON"}}, "target": 12}},
        {{"type": "Annotation", "body": {{"purpose": "tagging", "value": "PERSON"}},
          "target": {{"source": "tiny.txt", "selector": {{"type": "TextPositionSelector", "start": "0", "end": 10}}}}}},
        {{"type": "Annotation", "body": {{"purpose": "tagging", "value": "PERSON"}},
          "target": {{"source": "tiny.txt", "selector": {{"type": "TextQuoteSelector", "exact": 5}}}}}},
        {{"type": "Annotation", "body": {{"purpose": "tagging", "value": ["PERSON"]}},
          "target": {{"source": "tiny.txt", "selector": {{"type": "TextQuoteSelector", "exact": "Biden"}}}}}},
        "a string"
    ]"#
    );
    let imported = w3c::import(&json, &documents);
    // The good annotation loads; each bad one is reported by its position.
    assert_eq!(
        n_annotations(&imported),
        1,
        "{:#?}",
        messages(&imported.problems)
    );
    let positions: Vec<&str> = imported
        .problems
        .iter()
        .map(|p| p.record.as_str())
        .collect();
    assert_eq!(
        positions,
        [
            "annotation 2",
            "annotation 3",
            "annotation 4",
            "annotation 5",
            "annotation 6",
            "annotation 7"
        ],
        "{:#?}",
        messages(&imported.problems)
    );
    for problem in &imported.problems {
        assert_eq!(problem.outcome, Outcome::Skipped, "{problem}");
        assert!(!problem.message.is_empty());
    }
    // The collection forms with a wrong type where the list of annotations belongs.
    for json in [
        r#"{"type": "AnnotationPage", "items": 5}"#,
        r#"{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": "x"}}"#,
    ] {
        let imported = w3c::import(json, &documents);
        assert_eq!(n_annotations(&imported), 0, "{json}");
    }
}

#[test]
fn empty_truncated_and_damaged_brat_archives() {
    assert_eq!(whole_file_problem(&brat::import(b"")), "the file is empty");
    let zip = brat::export(&multilingual());
    for cut in [4, zip.len() / 2, zip.len() - 10] {
        let message = whole_file_problem(&brat::import(&zip[..cut]));
        assert!(
            message.starts_with("a damaged or truncated zip archive: "),
            "cut at {cut}: {message}"
        );
    }
    let message = whole_file_problem(&brat::import(b"{\"format\": \"dossier-annotations\"}"));
    assert!(message.starts_with("not a zip archive: "), "{message}");
}

#[test]
fn brat_bad_lines_among_good_ones() {
    use std::io::Write;
    let text = "China denied the hack.";
    let ann = "T1\tPLACE 0 5\tChina\n\
               T2\tPLACE zero five\tChina\n\
               T3\tPLACE 0 5 7\tChina\n\
               T4\tINCIDENT 0 22\tChina denied the hack.\n\
               T5\tPLACE 5 0\tChina\n";
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, contents) in [("a.txt", text), ("a.ann", ann)] {
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(contents.as_bytes()).unwrap();
    }
    let imported = brat::import(&writer.finish().unwrap().into_inner());
    let records: Vec<&str> = imported
        .problems
        .iter()
        .map(|p| p.record.as_str())
        .collect();
    assert_eq!(
        records,
        ["line 2", "line 3", "line 5"],
        "{:#?}",
        messages(&imported.problems)
    );
    assert_eq!(n_annotations(&imported), 2);
}
