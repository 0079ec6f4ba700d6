//! Automaton searches that start only where a match may start.
//!
//! Cues in spaced scripts count only at the start of a word, but an unanchored automaton
//! run over every byte also reports them inside words ("a", "he" and "it" are in nearly
//! every English word), and each reported match costs far more than the step that found
//! it. Walking the automaton from each word start instead reads a few bytes per word and
//! reports only matches that start there.

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, PatternID};

/// Calls `found(pattern, end)` for every pattern of `automaton` that `haystack[at..]`
/// starts with, shortest first. The automaton must have been built for anchored searches
/// (`StartKind::Anchored` or `Both`); otherwise nothing is found.
///
/// The crate's overlapping iterator refuses anchored searches (what overlapping matches
/// mean there is unsettled), so this steps the automaton by hand through its documented
/// low-level interface.
pub fn prefixes_at<A: Automaton>(
    automaton: &A,
    haystack: &[u8],
    at: usize,
    mut found: impl FnMut(PatternID, usize),
) {
    let Ok(mut state) = automaton.start_state(Anchored::Yes) else {
        return;
    };
    for (pos, &byte) in haystack.iter().enumerate().skip(at) {
        state = automaton.next_state(Anchored::Yes, state, byte);
        if !automaton.is_special(state) {
            continue;
        }
        if automaton.is_dead(state) {
            return;
        }
        if automaton.is_match(state) {
            let len = pos + 1 - at;
            for i in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, i);
                // A state's matches also list the patterns that are suffixes of what was
                // read; those start after `at` and are found from their own start.
                if automaton.pattern_len(pattern) == len {
                    found(pattern, pos + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::dfa::DFA;
    use aho_corasick::nfa::contiguous::NFA;
    use aho_corasick::{AhoCorasick, MatchKind, StartKind};

    /// Every match (start, end, pattern) that walks from every offset of `text` find.
    fn walk_everywhere<A: Automaton>(automaton: &A, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for at in 0..text.len() {
            prefixes_at(automaton, text.as_bytes(), at, |pattern, end| {
                found.push((at, end, pattern.as_usize()))
            });
        }
        found.sort();
        found
    }

    /// Anchored walks from every offset find what one overlapping search finds.
    #[test]
    fn walks_from_every_offset_agree_with_an_overlapping_search() {
        let patterns = [
            "he", "the", "there", "her", "a", "an", "and", "e", "王", "王毅",
        ];
        let texts = ["there and then, hehe; a an and", "", "王毅和王", "thethere"];
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .unwrap();
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let overlapping = AhoCorasick::new(patterns).unwrap();
        for text in texts {
            let mut want: Vec<(usize, usize, usize)> = overlapping
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            want.sort();
            assert_eq!(walk_everywhere(&dfa, text), want, "{text:?}");
            assert_eq!(walk_everywhere(&nfa, text), want, "{text:?}");
        }
    }
}
