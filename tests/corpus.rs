//! Scores the engine on the sample corpus against its gold annotations, the way
//! `eval/score.py` does (strict entity F1: same span and type; sentence-level incident and
//! pledge F1 by overlap), prints the table, and fails if any score drops below its floor in
//! `tests/corpus/floors.tsv`. Floors only ever go up: raise them when the engine improves.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use dossier::export::Layer;
use serde_json::Value;

type Span = (usize, usize);

fn is_word_char(c: char) -> bool {
    c == '_' || c == '-' || c.is_alphanumeric() || dossier::engine::script::is_mark(c)
}

fn is_cjk(c: char) -> bool {
    dossier::engine::script::is_cjk(c)
}

fn is_hangul(c: char) -> bool {
    dossier::engine::script::is_hangul(c)
}

fn is_arabic(c: char) -> bool {
    dossier::engine::script::is_arabic(c)
}

/// Code point spans where a gold entity string counts as a mention (the guidelines' rules).
fn occurrences(doc: &[char], text: &[char], joined: bool) -> Vec<Span> {
    let mut spans = Vec::new();
    let (hangul, arabic, cjk) = (
        text.iter().any(|&c| is_hangul(c)),
        text.iter().any(|&c| is_arabic(c)),
        text.iter().any(|&c| is_cjk(c)),
    );
    if text.is_empty() || text.len() > doc.len() {
        return spans;
    }
    for i in 0..=doc.len() - text.len() {
        if doc[i..i + text.len()] != *text {
            continue;
        }
        let j = i + text.len();
        let left_ok = i == 0 || !is_word_char(doc[i - 1]) || is_cjk(doc[i - 1]) != is_cjk(text[0]);
        let right_ok = j == doc.len()
            || !is_word_char(doc[j])
            || is_cjk(doc[j]) != is_cjk(text[text.len() - 1]);
        if cjk || (left_ok && right_ok) {
            spans.push((i, j));
            continue;
        }
        if !joined {
            continue;
        }
        if hangul && left_ok {
            let mut k = j;
            while k < doc.len() && is_word_char(doc[k]) {
                k += 1;
            }
            if k > j && doc[j..k].iter().all(|&c| is_hangul(c)) {
                spans.push((i, j));
            }
        } else if arabic && right_ok {
            let mut k = i;
            while k > 0 && is_word_char(doc[k - 1]) {
                k -= 1;
            }
            let head: String = doc[k..i].iter().collect();
            if is_arabic_proclitic(&head) {
                spans.push((i, j));
            }
        }
    }
    spans
}

/// `^[وف]?[بلك]?$`, non-empty.
fn is_arabic_proclitic(head: &str) -> bool {
    let mut chars = head.chars().peekable();
    let mut n = 0;
    if chars.peek().is_some_and(|c| matches!(c, 'و' | 'ف')) {
        chars.next();
        n += 1;
    }
    if chars.peek().is_some_and(|c| matches!(c, 'ب' | 'ل' | 'ك')) {
        chars.next();
        n += 1;
    }
    n > 0 && chars.next().is_none()
}

/// Longest-match-wins projection of the gold entity list onto the document.
fn gold_mentions(doc: &[char], entities: &[Value]) -> HashSet<(usize, usize, String)> {
    let mut candidates = Vec::new();
    for e in entities {
        let text: Vec<char> = e["text"].as_str().unwrap_or("").chars().collect();
        let joined = e["joined"].as_bool().unwrap_or(false);
        for (i, j) in occurrences(doc, &text, joined) {
            candidates.push((i, j, e["type"].as_str().unwrap_or("").to_string()));
        }
    }
    candidates.sort_by_key(|&(i, j, _)| (std::cmp::Reverse(j - i), i));
    let mut taken: Vec<Span> = Vec::new();
    let mut kept = HashSet::new();
    for (i, j, t) in candidates {
        if !taken.iter().any(|&(ti, tj)| i < tj && ti < j) {
            taken.push((i, j));
            kept.insert((i, j, t));
        }
    }
    kept
}

fn gold_sentences(doc: &str, items: &[Value]) -> Vec<Span> {
    let mut spans = HashSet::new();
    for item in items {
        let sentence = item["sentence"].as_str().unwrap_or("");
        if sentence.is_empty() {
            continue;
        }
        for (byte, _) in doc.match_indices(sentence) {
            let start = doc[..byte].chars().count();
            spans.insert((start, start + sentence.chars().count()));
        }
    }
    spans.into_iter().collect()
}

/// tp among predictions, number of predictions, tp among gold, number of gold.
#[derive(Default, Clone, Copy)]
struct Counts([usize; 4]);

impl Counts {
    fn add(&mut self, tp_pred: usize, n_pred: usize, tp_gold: usize, n_gold: usize) {
        self.0[0] += tp_pred;
        self.0[1] += n_pred;
        self.0[2] += tp_gold;
        self.0[3] += n_gold;
    }

    fn f1(&self) -> (f64, f64, f64) {
        let [tp_p, n_p, tp_g, n_g] = self.0.map(|x| x as f64);
        let p = if n_p > 0.0 { tp_p / n_p } else { 0.0 };
        let r = if n_g > 0.0 { tp_g / n_g } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn score_sample_corpus() -> BTreeMap<String, Counts> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scores: BTreeMap<String, Counts> = BTreeMap::new();
    let mut gold_files: Vec<_> = std::fs::read_dir(root.join("tests/corpus/gold"))
        .expect("tests/corpus/gold")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    assert!(!gold_files.is_empty(), "no gold files");
    for gold_path in gold_files {
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let name = gold["doc"].as_str().unwrap();
        let lang = gold["lang"].as_str().unwrap_or("?");
        let bytes = std::fs::read(root.join("samples").join(name)).expect("sample document");
        let doc = dossier::annotate_file(name, &bytes).expect("sample annotates");
        let chars: Vec<char> = doc.text.chars().collect();

        let predicted = |layer: Layer| -> Vec<&dossier::export::Annotation> {
            doc.annotations
                .iter()
                .filter(|a| a.layer == layer)
                .collect()
        };
        let pred_entities: HashSet<(usize, usize, String)> = predicted(Layer::Entity)
            .into_iter()
            .map(|a| (a.start, a.end, a.label.clone().unwrap_or_default()))
            .collect();
        let gold_entities = gold_mentions(&chars, gold["entities"].as_array().unwrap());
        let hits = pred_entities.intersection(&gold_entities).count();
        for key in ["entity.strict".to_string(), format!("entity.strict.{lang}")] {
            scores.entry(key).or_default().add(
                hits,
                pred_entities.len(),
                hits,
                gold_entities.len(),
            );
        }
        for label in ["PERSON", "ORG", "PLACE", "THREAT_ACTOR"] {
            let p: HashSet<_> = pred_entities.iter().filter(|e| e.2 == label).collect();
            let g: HashSet<_> = gold_entities.iter().filter(|e| e.2 == label).collect();
            let hits = p.intersection(&g).count();
            scores
                .entry(format!("entity.strict.{label}"))
                .or_default()
                .add(hits, p.len(), hits, g.len());
        }
        for (layer, key) in [(Layer::Incident, "incident"), (Layer::Pledge, "pledge")] {
            let gold_spans = gold_sentences(&doc.text, gold[format!("{key}s")].as_array().unwrap());
            let pred_spans: Vec<Span> = predicted(layer)
                .into_iter()
                .map(|a| (a.start, a.end))
                .collect();
            let tp_pred = pred_spans
                .iter()
                .filter(|p| gold_spans.iter().any(|g| overlaps(**p, *g)))
                .count();
            let tp_gold = gold_spans
                .iter()
                .filter(|g| pred_spans.iter().any(|p| overlaps(*p, **g)))
                .count();
            for k in [key.to_string(), format!("{key}.{lang}")] {
                scores.entry(k).or_default().add(
                    tp_pred,
                    pred_spans.len(),
                    tp_gold,
                    gold_spans.len(),
                );
            }
        }
    }
    scores
}

fn floors() -> Vec<(String, f64)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/floors.tsv");
    std::fs::read_to_string(path)
        .expect("tests/corpus/floors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (key, value) = l.split_once('\t').expect("key<TAB>floor");
            (key.to_string(), value.trim().parse().expect("a number"))
        })
        .collect()
}

#[test]
fn sample_corpus_scores_stay_above_their_floors() {
    let scores = score_sample_corpus();
    println!("sample corpus scores (strict entities; sentence-level incidents and pledges):");
    for (key, counts) in &scores {
        let (p, r, f) = counts.f1();
        println!(
            "  {key:28} P {p:.3}  R {r:.3}  F1 {f:.3}   (pred {}, gold {})",
            counts.0[1], counts.0[3]
        );
    }
    let mut failures = Vec::new();
    for (key, floor) in floors() {
        let f1 = scores.get(&key).map_or(0.0, |c| c.f1().2);
        if f1 + 1e-9 < floor {
            failures.push(format!("{key}: F1 {f1:.3} is below its floor {floor:.3}"));
        }
    }
    assert!(
        failures.is_empty(),
        "scores dropped:\n{}",
        failures.join("\n")
    );
}
