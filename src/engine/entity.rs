//! Entity recognition: dictionary matching with the guidelines' word-boundary rules, cue
//! rules for names in no list ([`super::rules`]), and within-document back-references.
//!
//! Steps, each a plain function over the text:
//! 1. every dictionary name is found (overlapping), kept when it stands as a mention under
//!    the guidelines (whole word, Han/kana anywhere, Korean particles, Arabic proclitics),
//!    and dropped when a named check says otherwise ("US" as an adjective);
//! 2. cue rules propose people and organizations the dictionaries do not know;
//! 3. the longest candidates win, dictionary before rule on a tie;
//! 4. surnames of the people found ("Hodges" after "Adam Hodges") and short forms of
//!    newspapers ("Post") are matched as further mentions of the same entity.

use std::collections::{BTreeMap, HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::gazetteer::{Casing, Gazetteer, GazetteerEntry, COUNTRIES_TSV};
use super::lang::Lang;
use super::rules::{self, RuleMention};
use super::script::{is_arabic, is_cjk, is_hangul, is_word_char};
use super::span::Span;
use super::{Entity, EntityLabel};

pub struct EntityRecognizer {
    entries: Vec<GazetteerEntry>,
    /// Names matched exactly, and the entry index of each pattern.
    exact: Option<AhoCorasick>,
    exact_entries: Vec<usize>,
    /// Names matched regardless of ASCII case (distinctive threat-actor names).
    folded: Option<AhoCorasick>,
    folded_entries: Vec<usize>,
    rules: rules::LatinRules,
    /// Arabic country names without the article, to recognise the adjectives made from
    /// them (الصين → الصينية).
    arabic_country_stems: HashSet<String>,
}

/// Where a candidate came from; on equal length the dictionary wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Dictionary,
    Rule,
}

#[derive(Clone, Debug)]
struct Candidate {
    span: Span,
    label: EntityLabel,
    origin: Origin,
    /// The dictionary entry, or `None` for a name found by a rule.
    entry: Option<usize>,
}

impl EntityRecognizer {
    /// How many names it matches.
    pub fn n_names(&self) -> usize {
        self.entries.len()
    }

    pub fn new(gazetteer: Gazetteer) -> EntityRecognizer {
        let entries = gazetteer.entries;
        let (mut exact_entries, mut folded_entries) = (Vec::new(), Vec::new());
        for (i, entry) in entries.iter().enumerate() {
            match entry.casing {
                Casing::Exact => exact_entries.push(i),
                Casing::Capitalised => folded_entries.push(i),
            }
        }
        // Overlapping search finds every candidate; the boundary rules and longest-match
        // selection below decide. (Leftmost-longest alone would let a match that fails the
        // boundary test hide a shorter one that passes.)
        let build = |ids: &[usize], fold: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(automaton_kind(fold)))
                .ascii_case_insensitive(fold)
                .build(ids.iter().map(|&i| entries[i].name.as_str()))
                .ok()
        };
        let exact = build(&exact_entries, false);
        let folded = build(&folded_entries, true);
        let rules = rules::LatinRules::new(&demonyms(COUNTRIES_TSV));
        let arabic_country_stems = super::gazetteer::tsv_rows(COUNTRIES_TSV)
            .filter_map(|row| {
                row.get(2)
                    .map(|name| name.strip_prefix("ال").unwrap_or(name).to_string())
            })
            .filter(|name| !name.is_empty() && !name.contains(' '))
            .collect();
        EntityRecognizer {
            entries,
            exact,
            exact_entries,
            folded,
            folded_entries,
            rules,
            arabic_country_stems,
        }
    }

    pub fn recognize(&self, text: &str, _lang: Lang, _sentences: &[Span]) -> Vec<Entity> {
        let mut candidates = self.dictionary_candidates(text);
        let known: Vec<(Span, EntityLabel)> =
            candidates.iter().map(|c| (c.span, c.label)).collect();
        let mut proposed = self.rules.find(text, &known);
        proposed.extend(super::name_cues::find(text, &known));
        for RuleMention { span, label } in proposed {
            candidates.push(Candidate {
                span,
                label,
                origin: Origin::Rule,
                entry: None,
            });
        }
        let selected = select_longest(candidates);
        self.resolve(text, selected)
    }

    fn dictionary_candidates(&self, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        // Surfaces of "US"-like abbreviations seen used as adjectives in this text.
        let mut adjectival: HashSet<&str> = HashSet::new();
        let searches = [
            (&self.exact, &self.exact_entries),
            (&self.folded, &self.folded_entries),
        ];
        for (matcher, ids) in searches {
            let Some(matcher) = matcher else { continue };
            for m in matcher.find_overlapping_iter(text) {
                let idx = ids[m.pattern().as_usize()];
                let entry = &self.entries[idx];
                let mut span = Span::new(m.start(), m.end());
                if !is_mention(text, span, &entry.name) {
                    continue;
                }
                if entry.after_lam && !text[..span.start].ends_with('ل') {
                    continue;
                }
                if entry.casing == Casing::Capitalised && !is_capitalised(span.of(text)) {
                    continue;
                }
                if is_country_abbreviation(&entry.name)
                    && !abbreviation_used_as_noun(text, span.end)
                {
                    adjectival.insert(span.of(text));
                    continue;
                }
                if entry.label == EntityLabel::Org {
                    span.end = self.arabic_nisba_end(text, span.end);
                }
                out.push(Candidate {
                    span,
                    label: entry.label,
                    origin: Origin::Dictionary,
                    entry: Some(idx),
                });
            }
        }
        // The gold standard lists a string only when all its occurrences have one type, so a
        // text that uses "US" as an adjective anywhere gets no "US" place at all.
        if !adjectival.is_empty() {
            out.retain(|c| !adjectival.contains(c.span.of(text)));
        }
        out
    }

    /// Where an Arabic organization name ends when a country adjective follows it:
    /// "وزارة الخارجية الصينية" is one name, the Chinese foreign ministry.
    fn arabic_nisba_end(&self, text: &str, end: usize) -> usize {
        let Some(rest) = text[end..].strip_prefix(' ') else {
            return end;
        };
        let word_len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        let word = &rest[..word_len];
        let Some(stem) = word.strip_prefix("ال") else {
            return end;
        };
        let Some(stem) = stem.strip_suffix("ية").or_else(|| stem.strip_suffix('ي')) else {
            return end;
        };
        let known = [stem.to_string(), format!("{stem}ا"), format!("{stem}يا")]
            .iter()
            .any(|s| self.arabic_country_stems.contains(s));
        if known && !stem.is_empty() {
            end + 1 + word_len
        } else {
            end
        }
    }

    /// Turns selected candidates into entities, adds back-references, and fills in
    /// canonical names.
    fn resolve(&self, text: &str, selected: Vec<Candidate>) -> Vec<Entity> {
        // Forms that refer back to an entity named in full elsewhere in the text: a surname,
        // an acronym defined in brackets, a rule-found name repeated without its cue.
        let mut short_forms: HashMap<String, (String, EntityLabel)> = HashMap::new();
        let mut entities: Vec<Entity> = Vec::with_capacity(selected.len());
        for c in &selected {
            let surface = c.span.of(text);
            let canonical = match c.entry {
                Some(i) => self.entries[i].canonical.clone(),
                None => surface.to_string(),
            };
            if let Some(short) = short_form(surface, c.label, &canonical) {
                short_forms
                    .entry(short.to_string())
                    .or_insert_with(|| (canonical.clone(), c.label));
            }
            if c.entry.is_none() {
                short_forms
                    .entry(surface.to_string())
                    .or_insert_with(|| (canonical.clone(), c.label));
            }
            if let Some(acronym) = bracketed_acronym(&text[c.span.end..]) {
                short_forms
                    .entry(acronym.to_string())
                    .or_insert_with(|| (canonical.clone(), c.label));
            }
            entities.push(Entity {
                span: c.span,
                label: c.label,
                canonical,
            });
        }
        // A rule-found single name ("Advisor Sullivan") takes the full name's canonical.
        for (e, c) in entities.iter_mut().zip(&selected) {
            if c.entry.is_none() {
                if let Some((full, _)) = short_forms.get(e.span.of(text)) {
                    e.canonical = full.clone();
                }
            }
        }
        if short_forms.is_empty() {
            return entities;
        }
        let names: Vec<&String> = short_forms.keys().collect();
        let Some(occurrences) = occurrences(text, &names) else {
            return entities;
        };
        let mut found: Vec<(Span, &String)> = occurrences
            .into_iter()
            .filter(|(span, name)| is_mention(text, *span, name))
            .collect();
        // No two have the same span (a span holds one name), so an unstable sort orders them
        // as a stable one would, without the scratch buffer.
        found.sort_unstable_by_key(|(span, _)| (std::cmp::Reverse(span.len()), span.start));
        let mut taken: BTreeMap<usize, usize> = entities
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .collect();
        for (span, name) in found {
            let (canonical, label) = &short_forms[name];
            // "the Post" for the Washington Post; a bare "Post" is too often something else.
            if *label == EntityLabel::Org
                && name.as_str() != canonical
                && !name.chars().all(|c| c.is_uppercase())
                && !text[..span.start].ends_with("the ")
            {
                continue;
            }
            if overlaps_taken(&taken, span) {
                continue;
            }
            taken.insert(span.start, span.end);
            entities.push(Entity {
                span,
                label: *label,
                canonical: canonical.clone(),
            });
        }
        // Their spans do not overlap: no two are equal.
        entities.sort_unstable_by_key(|e| e.span);
        entities
    }
}

/// Above this many names, [`occurrences`] uses an automaton.
const MAX_NAMES_COMPARED: usize = 64;

/// Every occurrence of every name in `text`, overlapping ones included, in no particular
/// order; `None` if the automaton for many names cannot be built.
///
/// A document has a handful of short forms: comparing them wherever their first byte
/// stands costs far less than building an automaton for each document and running it over
/// every byte. With many names the automaton keeps the search linear.
fn occurrences<'n>(text: &str, names: &[&'n String]) -> Option<Vec<(Span, &'n String)>> {
    if names.len() > MAX_NAMES_COMPARED {
        // A contiguous NFA builds in microseconds, where the builder's default choice for
        // few patterns (a DFA) costs more to build than the search saves.
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(names)
            .ok()?;
        return Some(
            matcher
                .find_overlapping_iter(text)
                .map(|m| (Span::new(m.start(), m.end()), names[m.pattern().as_usize()]))
                .collect(),
        );
    }
    // The names grouped by first byte: `by_first[b]` is the range of `sorted` that starts
    // with byte `b`. An empty name is never a mention, so it is left out.
    let mut sorted: Vec<&'n String> = names.iter().copied().filter(|n| !n.is_empty()).collect();
    sorted.sort_by_key(|n| n.as_bytes()[0]);
    let mut by_first = [(0u8, 0u8); 256];
    for (i, name) in sorted.iter().enumerate() {
        let range = &mut by_first[usize::from(name.as_bytes()[0])];
        if range.0 == range.1 {
            range.0 = i as u8;
        }
        range.1 = i as u8 + 1;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (pos, &b) in bytes.iter().enumerate() {
        let (from, to) = by_first[usize::from(b)];
        if from == to {
            continue; // no name starts with this byte: most bytes of most texts
        }
        for &name in &sorted[usize::from(from)..usize::from(to)] {
            // The second byte first: most candidates differ there, and a full comparison
            // of a few bytes costs a call.
            let second = name.as_bytes().get(1);
            if second.is_some() && bytes.get(pos + 1) != second {
                continue;
            }
            // A name starts with an ASCII or a lead byte, so a match starts on a character
            // boundary, and being whole UTF-8 it ends on one.
            if bytes[pos..].starts_with(name.as_bytes()) {
                out.push((Span::new(pos, pos + name.len()), name));
            }
        }
    }
    Some(out)
}

/// The acronym in brackets right after a name: "China Daily Information Co (CDIC)".
fn bracketed_acronym(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('('))?;
    let close = inner.find(')')?;
    let acronym = &inner[..close];
    let letters = acronym.chars().count();
    let ok = (2..=8).contains(&letters)
        && acronym
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        && acronym.chars().any(|c| c.is_ascii_uppercase());
    ok.then_some(acronym)
}

/// A contiguous NFA for the dictionaries, natively and in the browser. A DFA over our
/// thousands of names took about 0.6 s and 100 MB to build and scanned no faster: its
/// tables are far larger than the CPU caches, so the scan waits on memory either way.
/// The names matched without regard to case are ASCII only, so their DFA has a small
/// alphabet and small tables: natively that one is a DFA (see [`super::cue::matcher_kind`]).
fn automaton_kind(case_folded: bool) -> aho_corasick::AhoCorasickKind {
    if case_folded {
        super::cue::matcher_kind()
    } else {
        aho_corasick::AhoCorasickKind::ContiguousNFA
    }
}

/// Demonyms ("Chinese", "American") from the countries table: never names themselves,
/// but they may open an organization name ("Chinese Foreign Ministry").
fn demonyms(countries_tsv: &str) -> Vec<String> {
    let mut out = Vec::new();
    for row in super::gazetteer::tsv_rows(countries_tsv) {
        if let Some(cell) = row.get(10) {
            for part in cell.split(['|', ',']) {
                let part = part.trim();
                if !part.is_empty() {
                    out.push(part.to_string());
                }
            }
        }
    }
    out
}

/// The part of a name that later stands for the whole: the family name of a person named
/// with two or more words, the last word of a newspaper title ("Post", "Times").
fn short_form<'t>(surface: &'t str, label: EntityLabel, canonical: &str) -> Option<&'t str> {
    let words: Vec<&str> = surface.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return None;
    }
    let short = match label {
        EntityLabel::Person => {
            // Chinese and Korean names put the family name first, in every script.
            let canonical_first = canonical.split([' ', '-']).next().unwrap_or("");
            if rules::is_east_asian_surname(canonical_first)
                || rules::is_east_asian_surname(words[0])
            {
                words[0]
            } else {
                words[words.len() - 1]
            }
        }
        EntityLabel::Org => {
            let last = words[words.len() - 1];
            if ["Post", "Times", "Journal", "Herald"].contains(&last) {
                last
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let letters = short.chars().filter(|c| c.is_alphabetic()).count();
    let starts_upper = short
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_ascii());
    if letters < 2 || !starts_upper || rules::is_common_word(short) {
        return None;
    }
    Some(short)
}

/// True when the dictionary name at `span` is a mention under the guidelines.
pub fn is_mention(text: &str, span: Span, name: &str) -> bool {
    // Han and kana have no word boundaries: every occurrence counts.
    if name.chars().any(is_cjk) {
        return true;
    }
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
        return false;
    };
    // The guidelines look at the neighbouring character only: "U.S." in "U.S.-China" is
    // inside a hyphenated compound although the name itself ends in a period.
    let side_ok = |neighbour: Option<char>, edge: char| {
        neighbour.is_none_or(|n| !is_word_char(n) || is_cjk(n) != is_cjk(edge))
    };
    let left_ok = side_ok(before, first);
    let right_ok = side_ok(after, last);
    if left_ok && right_ok {
        return true;
    }
    // Korean particles: 시진핑은 → 시진핑.
    if left_ok && name.chars().any(is_hangul) {
        let tail: &str = &text[span.end..];
        let word_len = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
        return word_len > 0 && tail[..word_len].chars().all(is_hangul);
    }
    // Arabic proclitics: وبلينكين, لبلينكين → بلينكين (but not inside الصينية).
    if right_ok && name.chars().any(is_arabic) {
        let head_text = &text[..span.start];
        let head_start = head_text
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        return is_arabic_proclitic(&head_text[head_start..]);
    }
    false
}

/// و or ف, then optionally ب, ل or ك; or ب, ل or ك alone.
fn is_arabic_proclitic(head: &str) -> bool {
    let mut chars = head.chars().peekable();
    if chars.peek().is_some_and(|c| matches!(c, 'و' | 'ف')) {
        chars.next();
    }
    if chars.peek().is_some_and(|c| matches!(c, 'ب' | 'ل' | 'ك')) {
        chars.next();
    }
    !head.is_empty() && chars.next().is_none()
}

/// For names matched regardless of case: not all lower case.
fn is_capitalised(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Abbreviations of country names that English also uses as adjectives ("US elections").
fn is_country_abbreviation(name: &str) -> bool {
    matches!(
        name,
        "US" | "U.S." | "U.S" | "UK" | "U.K." | "USA" | "U.S.A."
    )
}

/// Words after which "U.S." is still a noun ("the US and China", "in the U.S. to …").
#[rustfmt::skip]
const NOUN_FOLLOWERS: &[&str] = &[
    "and",
    "or",
    "nor",
    "but",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "with",
    "by",
    "of",
    "as",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "might",
    "did",
    "does",
    "do",
    "said",
    "says",
    "say",
    "also",
    "not",
    "that",
    "which",
    "who",
    "than",
    "over",
    "after",
    "before",
    "during",
    "since",
    "because",
    "against",
    "if",
    "when",
    "while",
    "about",
    "into",
    "under",
    "until",
    "so",
    "yet",
    "alone",
    "itself",
    "too",
    "again",
    "now",
    "then",
    "last",
    "this",
    "next",
    "already",
    "still",
    "needs",
    "wants",
    "accused",
    "announced",
    "claimed",
    "denied",
    "imposed",
    "plans",
    "sought",
    "urged",
    "warned",
];

/// Capitalised words that start a new sentence after "U.S." ended the previous one.
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "But",
    "And",
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "So",
    "There",
    "On",
    "At",
    "As",
    "If",
];

/// Decides by the next word whether "U.S." at `end` is a noun (PLACE) or an adjective.
fn abbreviation_used_as_noun(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with("'s") || rest.starts_with("’s") {
        return true;
    }
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let Some(next) = trimmed.chars().next() else {
        return true;
    };
    if !next.is_alphabetic() {
        return true;
    }
    let word_len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    let word = &trimmed[..word_len];
    if next.is_lowercase() {
        NOUN_FOLLOWERS.contains(&word)
    } else {
        text[..end].ends_with('.') && SENTENCE_STARTERS.contains(&word)
    }
}

/// Keeps the longest candidates that do not overlap a longer (or, on a tie, a dictionary or
/// earlier) one, sorted by position: "Wang Yi" wins over "Wang".
fn select_longest(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.span.len()),
            c.origin,
            c.span.start,
            c.entry,
        )
    });
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for c in candidates {
        if c.span.is_empty() || overlaps_taken(&taken, c.span) {
            continue;
        }
        taken.insert(c.span.start, c.span.end);
        kept.push(c);
    }
    // Their spans do not overlap: no two are equal.
    kept.sort_unstable_by_key(|c| c.span);
    kept
}

/// Whether `span` overlaps one of the non-overlapping spans in `taken` (start → end).
fn overlaps_taken(taken: &BTreeMap<usize, usize>, span: Span) -> bool {
    // Only the last taken span starting before `span.end` can overlap it.
    taken
        .range(..span.end)
        .next_back()
        .is_some_and(|(_, &end)| end > span.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;

    /// The comparison by first byte finds what an overlapping automaton search finds.
    #[test]
    fn occurrences_agree_with_an_automaton() {
        let texts = [
            "Hodges said Hodges. HodgesHodges and Hodge; the Post, WaPo, NSA NSANSA",
            "外交部发言人毛宁表示，毛宁毛宁。王毅和王",
            "قال بلينكين وبلينكين لبلينكين",
            "시진핑은 시진핑 주석",
            "",
        ];
        let names: Vec<String> = [
            "Hodges",
            "Hodge",
            "Post",
            "NSA",
            "NSANSA",
            "SANS",
            "毛宁",
            "王毅",
            "王",
            "بلينكين",
            "시진핑",
            "",
            "Wa",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let refs: Vec<&String> = names.iter().collect();
        let nonempty: Vec<&String> = names.iter().filter(|n| !n.is_empty()).collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&nonempty)
            .unwrap();
        for text in texts {
            let mut want: Vec<(Span, &String)> = matcher
                .find_overlapping_iter(text)
                .map(|m| {
                    (
                        Span::new(m.start(), m.end()),
                        nonempty[m.pattern().as_usize()],
                    )
                })
                .collect();
            let mut got = occurrences(text, &refs).unwrap();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{text:?}");
        }
    }

    fn entities(text: &str) -> Vec<(String, EntityLabel)> {
        Engine::builtin()
            .annotate(text)
            .entities
            .into_iter()
            .map(|e| (e.span.of(text).to_string(), e.label))
            .collect()
    }

    fn has(text: &str, name: &str, label: EntityLabel) -> bool {
        entities(text).iter().any(|(t, l)| t == name && *l == label)
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

    #[test]
    fn distinctive_actor_names_ignore_case_but_not_lower_case() {
        assert!(has(
            "Hafnium hacked Exchange.",
            "Hafnium",
            EntityLabel::ThreatActor
        ));
        assert!(!has(
            "hafnium is an element",
            "hafnium",
            EntityLabel::ThreatActor
        ));
    }

    #[test]
    fn us_as_noun_and_as_adjective() {
        assert!(has(
            "They interfered in the U.S. and China.",
            "U.S.",
            EntityLabel::Place
        ));
        assert!(has("China urged the US to stop.", "US", EntityLabel::Place));
        assert!(has("It hurt the U.S.'s image.", "U.S.", EntityLabel::Place));
        assert!(!has(
            "in the November US elections",
            "US",
            EntityLabel::Place
        ));
        assert!(!has("U.S. officials said", "U.S.", EntityLabel::Place));
        assert!(!has(
            "US Secretary of State Antony Blinken",
            "US",
            EntityLabel::Place
        ));
        assert!(!has("they told us so", "us", EntityLabel::Place));
    }

    #[test]
    fn korean_particles_attach_to_the_name() {
        assert!(has("시진핑은 말했다", "시진핑", EntityLabel::Person));
        assert!(has("바이든 대통령과", "바이든", EntityLabel::Person));
        assert!(!has("국왕이 왔다", "왕이", EntityLabel::Person));
    }

    #[test]
    fn arabic_proclitics_and_word_end() {
        assert!(has("وقال وانغ لبلينكين إن", "بلينكين", EntityLabel::Person));
        assert!(has("التقى والصين", "الصين", EntityLabel::Place));
        assert!(!has("الشركات الصينية", "الصين", EntityLabel::Place));
        assert!(has("زار للصين", "لصين", EntityLabel::Place));
    }

    #[test]
    fn han_names_match_inside_text() {
        assert!(has("外交部发言人毛宁表示", "毛宁", EntityLabel::Person));
        assert!(has("习近平会见拜登", "拜登", EntityLabel::Person));
    }

    #[test]
    fn russian_case_forms() {
        assert!(has(
            "встреча Владимира Путина и Си Цзиньпина",
            "Владимира Путина",
            EntityLabel::Person
        ));
        assert!(has(
            "встреча Владимира Путина и Си Цзиньпина",
            "Си Цзиньпина",
            EntityLabel::Person
        ));
        assert!(has("МИД Китая заявил", "Китая", EntityLabel::Place));
    }

    #[test]
    fn larger_name_wins() {
        assert_eq!(
            entities("China Daily reported"),
            vec![("China Daily".to_string(), EntityLabel::Org)]
        );
    }

    #[test]
    fn surname_refers_back_to_the_full_name() {
        let text = "Adam Hodges, spokesman for the council, spoke. Hodges added more.";
        let doc = Engine::builtin().annotate(text);
        let hodges: Vec<_> = doc
            .entities
            .iter()
            .filter(|e| e.span.of(text) == "Hodges")
            .collect();
        assert_eq!(hodges.len(), 1);
        assert_eq!(
            (hodges[0].label, hodges[0].canonical.as_str()),
            (EntityLabel::Person, "Adam Hodges")
        );
    }

    #[test]
    fn chinese_family_name_comes_first() {
        let text = "Wang Lei, the ministry's coordinator, spoke. Wang said so.";
        assert!(has(text, "Wang", EntityLabel::Person));
        let text = "قال وانغ يي شيئا. وقال وانغ لاحقا.";
        assert!(has(text, "وانغ", EntityLabel::Person));
    }

    #[test]
    fn proclitic_check() {
        for ok in ["و", "ف", "ل", "ب", "ك", "وب", "ول", "فل"] {
            assert!(is_arabic_proclitic(ok), "{ok}");
        }
        for bad in ["", "ال", "لل", "وو", "بو"] {
            assert!(!is_arabic_proclitic(bad), "{bad}");
        }
    }
}
