//! `dossier annotate --jsonl`: one document per line in, one per line out, in order, with
//! error objects for bad lines, the exit status, and the usage errors of the mode.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use dossier::export::ExportDocument;
use serde_json::Value;

fn dossier_jsonl(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("annotate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dossier binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    // Written from another thread so a large output cannot block the input.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("dossier finishes");
    writer.join().unwrap().expect("the input is written");
    output
}

fn lines_of(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("the output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

#[test]
fn documents_in_order_with_fields_copied() {
    let input = concat!(
        r#"{"name":"a.txt","text":"China denied that it hacked the ministry.","source":"wire"}"#,
        "\n",
        r#"{"id":2,"text":"The ministers promised to meet again."}"#,
        "\r\n",
        r#"{"text":"Russia."}"#,
        "\n",
    );
    let output = dossier_jsonl(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty());
    let lines = lines_of(&output);
    let names: Vec<&str> = lines.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["a.txt", "2", "line 3"]);
    assert_eq!(lines[0]["source"], "wire");
    assert_eq!(lines[1]["id"], 2);
    for line in &lines {
        let doc: ExportDocument = serde_json::from_value(line.clone()).unwrap();
        assert_eq!(doc.lang, "en");
    }
    let first: ExportDocument = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(
        first,
        dossier::annotate_file("a.txt", b"China denied that it hacked the ministry.").unwrap()
    );
}

#[test]
fn bad_lines_give_error_objects_and_status_1() {
    let input = concat!(
        "{\"name\":\"ok.txt\",\"text\":\"Hello.\"}\n",
        "\n",
        "not json\n",
        "   \n",
        "{\"name\":\"n.txt\"}\n",
        "{\"name\":\"t.txt\",\"text\":[\"x\"]}\n",
        "{\"name\":\"last.txt\",\"text\":\"Bye.\"}",
    );
    let output = dossier_jsonl(&["--jsonl", "--threads", "3"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let lines = lines_of(&output);
    assert_eq!(lines.len(), 5, "empty lines give no output");
    assert_eq!(lines[0]["name"], "ok.txt");
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["name"], Value::Null);
    assert_eq!(lines[2]["line"], 5);
    assert_eq!(lines[2]["name"], "n.txt");
    assert_eq!(lines[2]["error"], "the line has no \"text\" field");
    assert_eq!(lines[3]["error"], "\"text\" is not a string");
    assert_eq!(lines[4]["name"], "last.txt");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let messages: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        messages,
        [
            "dossier: skipped line 3: not a valid JSON object (expected ident at column 2)",
            "dossier: skipped line 5 (n.txt): the line has no \"text\" field",
            "dossier: skipped line 6 (t.txt): \"text\" is not a string",
        ]
    );
}

#[test]
fn an_overlong_line_is_refused_and_the_stream_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"text\":\"");
    input.resize(dossier::stream::MAX_LINE_BYTES + 10, b'a');
    input.extend_from_slice(b"\"}\n{\"name\":\"next.txt\",\"text\":\"Next.\"}\n");
    let output = dossier_jsonl(&["--jsonl"], &input);
    assert_eq!(output.status.code(), Some(1));
    let lines = lines_of(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"], "the line is 17 MB; the limit is 16 MB");
    assert_eq!(lines[1]["name"], "next.txt");
}

#[test]
fn one_thread_and_many_give_the_same_bytes() {
    let mut input = String::new();
    for i in 0..60 {
        let text = "The United States accused Russia of hacking. ".repeat(1 + i % 7);
        input.push_str(&format!("{{\"id\":{i},\"text\":\"{text}\"}}\n"));
    }
    let one = dossier_jsonl(&["--jsonl", "--threads", "1"], input.as_bytes());
    let many = dossier_jsonl(&["--jsonl", "--threads", "8"], input.as_bytes());
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(lines_of(&one).len(), 60);
}

#[test]
fn output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.jsonl");
    let output = dossier_jsonl(
        &["--jsonl", "-o", file.to_str().unwrap()],
        b"{\"text\":\"Hello.\"}\n",
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("{\"name\":\"line 1\",") && written.ends_with("}\n"));
}

#[test]
fn usage_errors() {
    for args in [
        &["--jsonl", "a.txt"][..],
        &["--jsonl", "--verbose"],
        &["--jsonl", "--threads", "0"],
        &["--jsonl", "--threads"],
        &["--threads", "2", "a.txt"],
        &["--jsonl", "--format", "stix"],
        &["--jsonl", "--timestamp", "2026-01-01T00:00:00Z"],
    ] {
        let output = dossier_jsonl(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn empty_input_is_fine() {
    let output = dossier_jsonl(&["--jsonl"], b"\n\n");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}
