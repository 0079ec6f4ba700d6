//! Entity recognition: dictionary matching with the guidelines' word-boundary rules.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::gazetteer::{Gazetteer, GazetteerEntry};
use super::lang::Lang;
use super::script::is_boundary;
use super::span::Span;
use super::Entity;

pub struct EntityRecognizer {
    entries: Vec<GazetteerEntry>,
    matcher: Option<AhoCorasick>,
}

impl EntityRecognizer {
    pub fn new(gazetteer: Gazetteer) -> EntityRecognizer {
        let entries = gazetteer.entries;
        // Overlapping search finds every candidate; the boundary rules and longest-match
        // selection below decide. (Leftmost-longest alone would let a match that fails the
        // boundary test hide a shorter one that passes.)
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(entries.iter().map(|e| e.name.as_str()))
            .ok();
        EntityRecognizer { entries, matcher }
    }

    pub fn recognize(&self, text: &str, _lang: Lang, _sentences: &[Span]) -> Vec<Entity> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut candidates: Vec<(Span, usize)> = matcher
            .find_overlapping_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let first = text[m.start()..].chars().next();
                let last = text[..m.end()].chars().next_back();
                is_boundary(before, first) && is_boundary(last, after)
            })
            .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
            .collect();
        select_longest(&mut candidates)
            .into_iter()
            .map(|(span, idx)| {
                let entry = &self.entries[idx];
                Entity {
                    span,
                    label: entry.label,
                    canonical: entry.canonical.clone(),
                }
            })
            .collect()
    }
}

/// Keeps the longest candidates that do not overlap a longer (or earlier equal-length) one,
/// sorted by position: "Wang Yi" wins over "Wang".
fn select_longest(candidates: &mut [(Span, usize)]) -> Vec<(Span, usize)> {
    candidates.sort_by_key(|(span, idx)| (std::cmp::Reverse(span.len()), span.start, *idx));
    let mut kept: Vec<(Span, usize)> = Vec::new();
    for &(span, idx) in candidates.iter() {
        if !kept.iter().any(|(k, _)| k.overlaps(span)) {
            kept.push((span, idx));
        }
    }
    kept.sort_by_key(|(span, _)| *span);
    kept
}

#[cfg(test)]
mod tests {
    use crate::engine::{Engine, EntityLabel};

    fn entities(text: &str) -> Vec<(String, EntityLabel)> {
        Engine::builtin()
            .annotate(text)
            .entities
            .into_iter()
            .map(|e| (e.span.of(text).to_string(), e.label))
            .collect()
    }

    #[test]
    fn threat_actor_with_digits_and_hyphen() {
        assert_eq!(
            entities("Storm-0558 breached mail."),
            vec![("Storm-0558".to_string(), EntityLabel::ThreatActor)]
        );
    }

    #[test]
    fn hyphenated_compound_is_not_a_place() {
        assert!(entities("the U.S.-China summit")
            .iter()
            .all(|(t, _)| t != "China"));
    }
}
