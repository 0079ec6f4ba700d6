//! Architecture invariant: the format exporters and importers are pure functions, like the
//! engine: no I/O, no clock, no UI crate. The web app and the CLI call the same code, and an
//! export is the same bytes wherever and whenever it is made (which also rules out hash
//! maps, whose iteration order changes from run to run).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "yew",
    "web_sys",
    "gloo",
    "wasm_bindgen",
    "js_sys",
    "std::fs",
    "std::net",
    "std::process",
    "std::env",
    "std::time",
    "SystemTime",
    "Instant",
    "std::thread",
    "HashMap",
    "HashSet",
    "println!",
    "eprintln!",
    "print!(",
    "dbg!(",
];

#[test]
fn formats_do_no_io_and_read_no_clock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/formats");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("src/formats is readable") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).expect("source is UTF-8");
            for (n, line) in source.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for word in FORBIDDEN {
                    assert!(
                        !code.contains(word),
                        "{}:{}: formats must not use `{word}`",
                        path.display(),
                        n + 1
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 7, "only {checked} files checked");
}
