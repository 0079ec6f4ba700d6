//! `dossier annotate --format …`: every format from the command line, the default unchanged.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the dossier binary runs")
}

#[test]
fn every_format_from_the_command_line() {
    let default = dossier(&["annotate", "samples"]);
    assert_eq!(default.status.code(), Some(0));
    let json = dossier(&["annotate", "--format", "json", "samples"]);
    assert_eq!(
        json.stdout, default.stdout,
        "--format json is the default output"
    );

    let value = dossier::formats::interchange::import(&String::from_utf8_lossy(&json.stdout));
    assert!(value.problems.is_empty());
    let timestamp = "2026-11-22T10:00:00Z";
    let expected: [(&str, Vec<u8>); 6] = [
        (
            "w3c",
            dossier::formats::w3c::export(&value.value).into_bytes(),
        ),
        ("brat", dossier::formats::brat::export(&value.value)),
        (
            "conll",
            dossier::formats::conll::export(&value.value).into_bytes(),
        ),
        (
            "csv-entities",
            dossier::formats::csv::entities(&value.value).into_bytes(),
        ),
        (
            "csv-events",
            dossier::formats::csv::events(&value.value).into_bytes(),
        ),
        (
            "stix",
            dossier::formats::stix::export(&value.value, timestamp)
                .unwrap()
                .into_bytes(),
        ),
    ];
    for (format, bytes) in expected {
        let out = dossier(&[
            "annotate",
            "--timestamp",
            timestamp,
            "-f",
            format,
            "samples",
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(
            out.stdout == bytes,
            "{format}: the CLI differs from the library"
        );
    }
}

#[test]
fn stix_without_a_timestamp_uses_the_clock() {
    let out = dossier(&["annotate", "--format=stix", "samples"]);
    assert_eq!(out.status.code(), Some(0));
    let bundle: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let created = bundle["objects"][0]["created"].as_str().unwrap();
    assert!(
        dossier::formats::stix::stix_timestamp(created).is_ok(),
        "{created}"
    );
    assert!(created.as_bytes()[..2] == *b"20", "{created}");
}

#[test]
fn bad_format_or_timestamp_is_a_usage_error() {
    let out = dossier(&["annotate", "--format", "xml", "samples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format 'xml'"));
    let out = dossier(&["annotate", "--timestamp", "noon", "samples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not of the form"));
}
