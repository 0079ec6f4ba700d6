//! The `dossier` binary on hostile corpora: file names in other scripts and with spaces,
//! thousands of files, files at and over the size limit, and good files mixed with every kind
//! of bad one. Bad files are named with their reason; nothing else is lost.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

use dossier::export::Interchange;

fn annotate(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("annotate")
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

fn json_of(output: &Output) -> Interchange {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not interchange JSON ({err}); stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn names(value: &Interchange) -> Vec<&str> {
    value.documents.iter().map(|d| d.name.as_str()).collect()
}

#[test]
fn names_with_spaces_and_other_scripts_are_kept_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files = [
        ("تقرير الأمن.txt", "China denied the hack."),
        (
            "报告 1.txt",
            "外交部发言人表示，中方反对一切形式的网络攻击。",
        ),
        ("Доклад (черновик).md", "Посол заявил о переговорах."),
        ("보고서 2024.txt", "한국 정부는 사이버 공격을 규탄했다."),
        ("  leading spaces.txt", "Talks resumed in Geneva."),
        ("quote \"and\" backslash \\.txt", "Talks resumed in Geneva."),
    ];
    for (name, text) in files {
        std::fs::write(root.join(name), text).unwrap();
    }
    std::fs::create_dir(root.join("مجلد فرعي")).unwrap();
    std::fs::write(root.join("مجلد فرعي/ملف.txt"), "Talks resumed.").unwrap();
    std::fs::write(root.join("صورة.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();

    let output = annotate(&[root]);
    assert_eq!(output.status.code(), Some(1));
    let value = json_of(&output);
    let mut expected: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    expected.push("مجلد فرعي/ملف.txt");
    expected.sort();
    assert_eq!(names(&value), expected);
    for (name, text) in files {
        let doc = value.documents.iter().find(|d| d.name == name).unwrap();
        assert_eq!(doc.text, text, "{name}");
    }
    // The raw JSON carries the names as they are, not escaped into \u sequences.
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(stdout.contains("\"name\": \"تقرير الأمن.txt\""), "{stdout}");
    assert!(stdout.contains("\"name\": \"报告 1.txt\""));
    assert_eq!(value.problems.len(), 1);
    assert_eq!(value.problems[0].name, "صورة.txt");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("صورة.txt: this is a PNG image, not a text document"),
        "{stderr}"
    );

    // A file named on the command line is named by its file name.
    let single = annotate(&[&root.join("报告 1.txt")]);
    assert_eq!(single.status.code(), Some(0));
    assert_eq!(names(&json_of(&single)), ["报告 1.txt"]);
}

#[test]
fn three_thousand_files_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = 3000;
    for i in 0..n {
        // Created in an order unlike the sorted one, in several folders.
        let k = (i * 7919) % n;
        let folder = root.join(format!("batch {}", k % 3));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("note {k:04}.txt")),
            format!("Note {k}: China denied the hack."),
        )
        .unwrap();
    }
    let first = annotate(&[root]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let value = json_of(&first);
    assert_eq!(value.documents.len(), n);
    assert!(value.problems.is_empty());
    let got = names(&value);
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted, "documents are in name order");
    assert_eq!(got[0], "batch 0/note 0000.txt");
    for doc in &value.documents {
        let k: usize = doc.name[13..17].parse().unwrap();
        assert_eq!(doc.text, format!("Note {k}: China denied the hack."));
        assert!(
            doc.annotations.iter().any(|a| a.text == "China"),
            "{} has no annotation",
            doc.name
        );
    }
    // The same corpus gives the same bytes again.
    assert_eq!(annotate(&[root]).stdout, first.stdout);
}

/// Over the limit is refused by its size before it is read, with the limit in the message;
/// the files beside it still load. The big file is sparse, so it costs no disk space.
#[test]
fn a_file_over_the_limit_is_refused_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let huge = std::fs::File::create(root.join("huge.txt")).unwrap();
    huge.set_len(65 * 1024 * 1024 + 1).unwrap();
    drop(huge);
    std::fs::write(root.join("small.txt"), "China denied the hack.").unwrap();
    let output = annotate(&[root]);
    assert_eq!(output.status.code(), Some(1));
    let value = json_of(&output);
    assert_eq!(names(&value), ["small.txt"]);
    assert_eq!(value.problems.len(), 1);
    assert_eq!(value.problems[0].name, "huge.txt");
    assert_eq!(
        value.problems[0].message,
        "the file is 66 MB; the limit is 64 MB"
    );
}

/// A 60 MB file is read and annotated whole. Ignored in the debug test run, which would take
/// minutes over it; `scripts/test.sh` runs it in a release build
/// (`cargo test --release --test cli_hostile -- --ignored`), where it takes seconds. With one
/// entity per sentence, as here and in most news, it is also the guard against the engine
/// looking at every entity of the document for each sentence, which made 4 MB take 97 s.
#[test]
#[ignore]
fn a_sixty_megabyte_file_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let sentence = "Talks on cyber norms resumed in Geneva on Monday.\n";
    let mut text = sentence.repeat((60 << 20) / sentence.len() - 1);
    text.push_str("China denied the hack.\n");
    std::fs::write(&path, &text).unwrap();
    let output = annotate(&[&path]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value = json_of(&output);
    let doc = &value.documents[0];
    assert_eq!(doc.text.len(), text.len());
    let last = doc.annotations.iter().rev().find(|a| a.text == "China");
    let offset = text.chars().count() - "China denied the hack.\n".chars().count();
    assert_eq!(last.map(|a| a.start), Some(offset));
}

/// Every kind of bad file in one folder with good ones: each bad file is one problem with its
/// reason, each good file one document, and the good files' JSON is what they give alone.
#[test]
fn bad_files_cost_nothing_but_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let bad: &[(&str, &[u8], &str)] = &[
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b" \n\t\n", "the file contains only whitespace"),
        (
            "image.txt",
            b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01",
            "this is a JPEG image, not a text document",
        ),
        (
            "docs.zip",
            b"PK\x03\x04\x14\0\0\0\x08\0notes.txt",
            "this is a ZIP archive; extract it and drop the documents inside",
        ),
        (
            "docs.txt.gz",
            b"\x1f\x8b\x08\0\0\0\0\0\0\x03\x01\x02",
            "this is a gzip-compressed file; decompress it and drop the documents inside",
        ),
        (
            "docs.7z",
            b"7z\xbc\xaf\x27\x1c\0\x04\0\0",
            "this is a 7z archive; extract it and drop the documents inside",
        ),
        (
            "no-text.html",
            b"<html><script>alert(1)</script></html>",
            "the HTML page contains no readable text",
        ),
    ];
    for (name, bytes, _) in bad {
        std::fs::write(root.join(name), bytes).unwrap();
    }
    let good = [
        ("a.txt", "China denied the hack.".as_bytes()),
        (
            "b.html",
            b"<p onclick=\"x()\">Volt Typhoon hacked US networks.<script>y()</script></p>"
                .as_slice(),
        ),
    ];
    for (name, bytes) in good {
        std::fs::write(root.join(name), bytes).unwrap();
    }
    let output = annotate(&[root]);
    assert_eq!(output.status.code(), Some(1));
    let value = json_of(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(value.problems.len(), bad.len(), "{:?}", value.problems);
    for (name, _, message) in bad {
        let problem = value.problems.iter().find(|p| p.name == *name);
        assert_eq!(
            problem.map(|p| p.message.as_str()),
            Some(*message),
            "{name}"
        );
        assert!(stderr.contains(&format!("{name}: {message}")), "{stderr}");
    }
    let docs: Vec<_> = good
        .iter()
        .map(|(name, bytes)| dossier::annotate_file(name, bytes).unwrap())
        .collect();
    assert_eq!(value.documents, docs);
    assert_eq!(value.documents[1].text, "Volt Typhoon hacked US networks.");
}
