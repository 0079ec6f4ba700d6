//! Incident sentences: reports, allegations, denials or threats of hostile cyber operations.

use super::lang::Lang;
use super::span::Span;
use super::{Entity, Incident};

const TRIGGERS: &[&str] = &[
    "hack",
    "breach",
    "cyberattack",
    "cyber attack",
    "cyber-attack",
    "espionage",
    "ransomware",
    "malware",
    "intrusion",
    "اختراق",
    "اخترق",
    "التجسس",
    "هجوم",
];

pub fn detect(text: &str, _lang: Lang, sentences: &[Span], _entities: &[Entity]) -> Vec<Incident> {
    let mut out = Vec::new();
    for (sentence_idx, &span) in sentences.iter().enumerate() {
        let sentence = span.of(text);
        let lower = sentence.to_lowercase();
        if lower.len() != sentence.len() {
            continue;
        }
        if let Some((pos, trigger)) = TRIGGERS
            .iter()
            .filter_map(|t| lower.find(t).map(|p| (p, t)))
            .min()
        {
            let start = span.start + pos;
            out.push(Incident {
                sentence_idx,
                span,
                trigger: Span::new(start, start + trigger.len()),
            });
        }
    }
    out
}
