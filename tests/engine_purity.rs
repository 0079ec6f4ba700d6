//! Architecture invariant: the engine does no I/O and names no UI crate, so the same code
//! runs natively and in the browser. This test reads the engine's sources and fails on any
//! forbidden name.

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
    "std::thread",
    "println!",
    "eprintln!",
    "print!(",
    "dbg!(",
];

#[test]
fn engine_names_no_ui_crate_and_does_no_io() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut checked = 0;
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/engine is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("source is UTF-8");
                for (n, line) in source.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    for word in FORBIDDEN {
                        assert!(
                            !code.contains(word),
                            "{}:{}: the engine must not use `{word}`",
                            path.display(),
                            n + 1
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 5,
        "expected the engine's sources, found {checked} files"
    );
}
