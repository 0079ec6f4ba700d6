//! Annotation throughput on a corpus of at least 10 MB, natively.
//!
//! ```text
//! cargo run --release --bin dossier-bench [-- [--mb N] PATH...]
//! ```
//! Without paths it uses the bundled sample articles, repeated until the corpus passes 10 MB
//! (or N MB: a small corpus keeps runs under an instruction-counting profiler short).
//! Prints MB/s and words/s for the whole engine (sentences, entities, incidents, pledges),
//! then for the whole path of the web app's annotation worker (bytes in: decoding, the
//! engine, code point offsets and the interchange JSON out), the same code that
//! `scripts/bench-browser.mjs` measures in the browser.
//! A benchmark, not a test: numbers depend on the machine.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::Instant;

    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut target_mb = 10.0;
    if let Some(at) = args.iter().position(|a| a == "--mb") {
        target_mb = args
            .get(at + 1)
            .and_then(|n| n.parse::<f64>().ok())
            .expect("--mb takes a number of megabytes");
        args.drain(at..at + 2);
    }
    let paths = args;
    let mut texts: Vec<String> = Vec::new();
    let sources = if paths.is_empty() {
        vec![concat!(env!("CARGO_MANIFEST_DIR"), "/samples").to_string()]
    } else {
        paths
    };
    for source in &sources {
        let path = std::path::Path::new(source);
        let files: Vec<std::path::PathBuf> = if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .expect("readable directory")
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            files
        } else {
            vec![path.to_path_buf()]
        };
        for file in files {
            let bytes = std::fs::read(&file).expect("readable file");
            match dossier::input::decode(&file.to_string_lossy(), &bytes) {
                Ok(decoded) => texts.push(decoded.text),
                Err(message) => eprintln!("skipping {}: {message}", file.display()),
            }
        }
    }
    assert!(!texts.is_empty(), "no text to annotate");

    let target_bytes = (target_mb * 1024.0 * 1024.0) as usize;
    let mut corpus: Vec<&str> = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        for text in &texts {
            corpus.push(text);
            total += text.len();
        }
    }
    let words: usize = corpus.iter().map(|t| t.split_whitespace().count()).sum();

    let started = Instant::now();
    let engine = dossier::engine::Engine::builtin();
    engine.annotate("warm up");
    let build = started.elapsed();

    let mut best = f64::MAX;
    let mut n_annotations = 0;
    for _ in 0..3 {
        let started = Instant::now();
        n_annotations = 0;
        for text in &corpus {
            let doc = engine.annotate(text);
            n_annotations += doc.entities.len() + doc.incidents.len() + doc.pledges.len();
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    // The worker's path: every document as bytes of its own, as the page posts them.
    let files: Vec<Vec<u8>> = corpus.iter().map(|t| t.as_bytes().to_vec()).collect();
    let mut best_worker = f64::MAX;
    let mut json_bytes = 0;
    for _ in 0..3 {
        let started = Instant::now();
        json_bytes = 0;
        for (i, bytes) in files.iter().enumerate() {
            let answer = dossier::worker::answer(&format!("doc-{i}.txt"), bytes);
            json_bytes += answer.outcome.len()
                + answer.text.as_ref().map_or(0, String::len)
                + answer
                    .annotation_parts
                    .iter()
                    .map(String::len)
                    .sum::<usize>()
                + answer.records.iter().map(String::len).sum::<usize>();
        }
        best_worker = best_worker.min(started.elapsed().as_secs_f64());
    }

    let mb = total as f64 / (1024.0 * 1024.0);
    println!("engine build: {:.1} ms", build.as_secs_f64() * 1000.0);
    println!(
        "corpus: {} documents, {mb:.1} MB, {words} words",
        corpus.len()
    );
    println!("annotations: {n_annotations}");
    println!(
        "engine, best of 3: {best:.3} s = {:.1} MB/s, {:.0} words/s",
        mb / best,
        words as f64 / best
    );
    println!(
        "worker path (bytes to the answer and stored record, {:.1} MB), best of 3: {best_worker:.3} s = {:.1} MB/s, {:.0} words/s",
        json_bytes as f64 / (1024.0 * 1024.0),
        mb / best_worker,
        words as f64 / best_worker
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
