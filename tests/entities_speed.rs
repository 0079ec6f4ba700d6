//! Throughput of the whole engine on a large text made of the sample articles.
//! Run with `cargo test --release --test entities_speed -- --ignored --nocapture`.

use std::time::Instant;

use dossier::engine::Engine;

#[test]
#[ignore]
fn annotates_at_least_50_mb_per_second() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut sample = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        sample.push_str(&std::fs::read_to_string(path).unwrap());
        sample.push('\n');
    }
    let text = sample.repeat((50 << 20) / sample.len() + 1);
    let engine = Engine::builtin();
    engine.annotate("warm up");
    let start = Instant::now();
    let doc = engine.annotate(&text);
    let seconds = start.elapsed().as_secs_f64();
    let mb_per_s = text.len() as f64 / (1 << 20) as f64 / seconds;
    println!(
        "{} MB, {} entities, {seconds:.2} s, {mb_per_s:.0} MB/s",
        text.len() >> 20,
        doc.entities.len()
    );
    assert!(
        mb_per_s >= 50.0 || cfg!(debug_assertions),
        "{mb_per_s:.0} MB/s"
    );
}
