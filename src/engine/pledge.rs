//! Pledge sentences: a state or official commits to doing (or not doing) something.

use super::lang::Lang;
use super::span::Span;
use super::{Entity, Pledge};

const TRIGGERS: &[&str] = &[
    "promise",
    "pledge",
    "agreed to",
    "willing to",
    "vowed",
    "assure",
    "تعهد",
    "اتفقا",
    "مستعد",
];

pub fn detect(text: &str, _lang: Lang, sentences: &[Span], _entities: &[Entity]) -> Vec<Pledge> {
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
            out.push(Pledge {
                sentence_idx,
                span,
                trigger: Span::new(start, start + trigger.len()),
            });
        }
    }
    out
}
