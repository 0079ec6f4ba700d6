//! CoNLL export of the entities, in IOB2: one token per line (`token<TAB>B-PERSON`), a blank
//! line after each sentence, and `-DOCSTART-<TAB>O` followed by a blank line before each
//! document, as in the CoNLL-2003 data that NER tools read.
//!
//! Tokens are the words of Unicode's word boundary rules (UAX #29), with three refinements:
//!
//! * white space separates tokens and is never part of one (so no token holds a tab or a
//!   line break);
//! * every Han character and every kana is a token of its own, since those scripts are
//!   written without spaces and UAX #29 would keep runs of katakana together;
//! * **a word is cut where an entity starts or ends inside it.** Arabic proclitics
//!   (وبلينكين → وب + لينكين), Korean particles (시진핑은 → 시진핑 + 은) and names inside CJK
//!   runs thus become tokens of their own, and every entity covers whole tokens exactly:
//!   none is widened to the whole word, shortened, or lost.
//!
//! IOB2 cannot nest, so where entities overlap the one that starts first (the longer one when
//! they start together) is kept and the others are left out. Sentences are the engine's
//! (the guidelines' definition); a sentence boundary is never placed inside an entity.

use std::collections::BTreeSet;

use unicode_segmentation::UnicodeSegmentation;

use super::CodePoints;
use crate::engine::script::is_cjk;
use crate::engine::sentence;
use crate::export::{ExportDocument, Interchange, Layer};

pub const DOCSTART: &str = "-DOCSTART-\tO\n\n";

/// The IOB2 text of every document's entities.
pub fn export(value: &Interchange) -> String {
    let mut out = String::new();
    for doc in &value.documents {
        out.push_str(DOCSTART);
        write_document(doc, &mut out);
    }
    out
}

/// An entity as a byte range and label.
struct Entity<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

fn write_document(doc: &ExportDocument, out: &mut String) {
    let text = doc.text.as_str();
    let code_points = CodePoints::new(text);
    let entities = chosen_entities(doc, &code_points);
    let mut cuts: BTreeSet<usize> = BTreeSet::new();
    for entity in &entities {
        cuts.insert(entity.start);
        cuts.insert(entity.end);
    }
    let sentence_starts: Vec<usize> = sentence::split(text).iter().map(|s| s.start).collect();
    let sentence_of = |byte: usize| sentence_starts.partition_point(|&start| start <= byte);

    let mut next_entity = 0;
    let mut last_sentence = None;
    let mut wrote_any = false;
    for (token_start, token) in tokens(text, &cuts) {
        // Entities are sorted and disjoint, and tokens never cross their edges, so a token is
        // inside the first entity not yet passed or outside every entity.
        while next_entity < entities.len() && entities[next_entity].end <= token_start {
            next_entity += 1;
        }
        let tag = match entities.get(next_entity) {
            Some(entity) if entity.start <= token_start => {
                let first_token = text[entity.start..token_start].trim().is_empty();
                let prefix = if first_token { "B" } else { "I" };
                Some((prefix, entity.label))
            }
            _ => None,
        };
        let sentence_idx = sentence_of(token_start);
        let continues_entity = matches!(tag, Some(("I", _)));
        if wrote_any && last_sentence != Some(sentence_idx) && !continues_entity {
            out.push('\n');
        }
        last_sentence = Some(sentence_idx);
        wrote_any = true;
        out.push_str(token);
        out.push('\t');
        match tag {
            Some((prefix, label)) => {
                out.push_str(prefix);
                out.push('-');
                out.push_str(label);
            }
            None => out.push('O'),
        }
        out.push('\n');
    }
    if wrote_any {
        out.push('\n');
    }
}

/// The document's labelled entities as byte ranges, sorted, without overlaps.
fn chosen_entities<'a>(doc: &'a ExportDocument, code_points: &CodePoints<'_>) -> Vec<Entity<'a>> {
    let mut candidates: Vec<Entity<'a>> = doc
        .annotations
        .iter()
        .filter(|a| a.layer == Layer::Entity && a.start < a.end && a.end <= code_points.len())
        .filter_map(|a| {
            Some(Entity {
                start: code_points.byte(a.start),
                end: code_points.byte(a.end),
                label: a.label.as_deref()?,
            })
        })
        .collect();
    candidates.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut chosen: Vec<Entity<'a>> = Vec::new();
    for entity in candidates {
        if chosen.last().is_none_or(|last| last.end <= entity.start) {
            chosen.push(entity);
        }
    }
    chosen
}

/// The tokens of `text` with their byte offsets, cut also at every offset in `cuts`.
fn tokens<'t>(text: &'t str, cuts: &BTreeSet<usize>) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    for (word_start, word) in text.split_word_bound_indices() {
        let mut piece_start: Option<usize> = None;
        let mut previous_cjk = false;
        for (i, c) in word.char_indices() {
            let at = word_start + i;
            let cjk = is_cjk(c);
            let cut_before = cuts.contains(&at) || cjk || previous_cjk || c.is_whitespace();
            if cut_before {
                if let Some(start) = piece_start.take() {
                    out.push((start, &text[start..at]));
                }
            }
            if !c.is_whitespace() && piece_start.is_none() {
                piece_start = Some(at);
            }
            previous_cjk = cjk;
        }
        if let Some(start) = piece_start {
            out.push((start, &text[start..word_start + word.len()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_texts<'t>(text: &'t str, cuts: &[usize]) -> Vec<&'t str> {
        let cuts = cuts.iter().copied().collect();
        tokens(text, &cuts).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn words_punctuation_and_cjk() {
        assert_eq!(
            token_texts("U.S. hackers, 2024.", &[]),
            ["U.S", ".", "hackers", ",", "2024", "."]
        );
        assert_eq!(token_texts("美国FBI称", &[]), ["美", "国", "FBI", "称"]);
        assert_eq!(
            token_texts("サイバー攻撃", &[]),
            ["サ", "イ", "バ", "ー", "攻", "撃"]
        );
        // No token holds white space, even where a combining mark joins it to a space.
        assert_eq!(
            token_texts("a\t \u{301}b\nc", &[]),
            ["a", "\u{301}", "b", "c"]
        );
    }

    #[test]
    fn cuts_split_words() {
        // "وبلينكين": the name starts after the two proclitic letters (4 bytes).
        assert_eq!(token_texts("وبلينكين", &[4]), ["وب", "لينكين"]);
        assert_eq!(token_texts("시진핑은", &[9]), ["시진핑", "은"]);
    }
}
