//! The JSON Lines mode's per-line logic. The first byte chooses between the raw bytes as a
//! line and a well-formed record built from them (so the fuzzer also reaches annotation
//! quickly). Every output is one line of JSON: an interchange document that matches
//! `annotate_file` on the same text, with the other input fields copied; or an error object
//! with the line number.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

const LINE_NUMBER: u64 = 12;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let line: Vec<u8> = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let (name, text) = checks::name_and_bytes(rest);
        let mut record = Map::new();
        record.insert("id".into(), Value::from(u64::from(mode)));
        if mode % 4 == 1 {
            record.insert("name".into(), Value::from(name));
        }
        record.insert("text".into(), Value::from(String::from_utf8_lossy(text)));
        record.insert(
            "extra".into(),
            serde_json::json!({"z": [1, " a "], "a": null}),
        );
        serde_json::to_vec(&record).expect("a map of strings serialises")
    };

    let output = dossier::stream::annotate_line(LINE_NUMBER, &line);
    assert!(
        !output.json.contains(['\n', '\r']),
        "the output is not one line"
    );
    let value: Value = match serde_json::from_str(&output.json) {
        Ok(value) => value,
        Err(_) => {
            // Copied fields are written as they came; serde_json refuses some valid JSON
            // (1e400, an escaped lone surrogate), and then it must refuse the input too.
            assert!(
                serde_json::from_slice::<Value>(&line).is_err(),
                "the output is not JSON although the input is: {}",
                output.json
            );
            return;
        }
    };
    let object = value.as_object().expect("the output is an object");

    if let Some(problem) = &output.problem {
        assert_eq!(problem.line, LINE_NUMBER);
        assert_eq!(object["line"], LINE_NUMBER);
        assert_eq!(object["error"], problem.message.as_str());
        return;
    }
    assert!(
        object.get("error").is_none(),
        "an error object without a problem"
    );
    let doc: dossier::export::ExportDocument =
        serde_json::from_value(value.clone()).expect("the output is an interchange document");
    checks::check_export_document(&doc);

    // The document is what annotate_file makes of the same text under the same name, and
    // every other field of the input is there unchanged.
    let input: Map<String, Value> =
        serde_json::from_slice(&line).expect("an accepted line is JSON");
    let text = input["text"].as_str().expect("an accepted line has a text");
    let from_file = dossier::annotate_file(&doc.name, text.as_bytes()).expect("accepted as a file");
    assert_eq!(
        doc, from_file,
        "the line and the file give different documents"
    );
    for (key, field) in &input {
        if !["name", "text", "lang", "annotations"].contains(&key.as_str()) {
            assert_eq!(object.get(key), Some(field), "field {key} was not copied");
        }
    }
});
