//! Throughput of entity recognition and of the whole engine on a large text made of the
//! sample articles. A measurement, not a gate (timings depend on the machine):
//! `cargo test --release --test entities_speed -- --ignored --nocapture`.

use std::time::Instant;

use dossier::engine::entity::EntityRecognizer;
use dossier::engine::gazetteer::Gazetteer;
use dossier::engine::lang::Lang;
use dossier::engine::Engine;

fn sample_text(mb: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut sample = String::new();
    for path in paths {
        sample.push_str(&std::fs::read_to_string(path).unwrap());
        sample.push('\n');
    }
    sample.repeat((mb << 20) / sample.len() + 1)
}

fn report(what: &str, bytes: usize, seconds: f64, n_entities: usize) {
    let mb = bytes as f64 / (1 << 20) as f64;
    println!(
        "{what}: {mb:.0} MB, {n_entities} entities, {seconds:.2} s, {:.1} MB/s",
        mb / seconds
    );
}

#[test]
#[ignore]
fn throughput() {
    let text = sample_text(50);
    let recognizer = EntityRecognizer::new(Gazetteer::builtin());
    let start = Instant::now();
    let entities = recognizer.recognize(&text, Lang::En, &[]);
    report(
        "entities",
        text.len(),
        start.elapsed().as_secs_f64(),
        entities.len(),
    );

    let engine = Engine::builtin();
    let start = Instant::now();
    let doc = engine.annotate(&text);
    report(
        "engine",
        text.len(),
        start.elapsed().as_secs_f64(),
        doc.entities.len(),
    );
}
