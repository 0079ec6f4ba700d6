//! Event roles: who did what to whom, when, and who says so.
//!
//! Incident and pledge sentences are found by [`super::incident`] and [`super::pledge`]; this
//! module reads the sentence around their trigger the way event-data coders do and fills the
//! roles of the event: the actor (perpetrator as claimed, or the one who commits), the target
//! of an operation or the counterpart of a commitment, the source a claim is attributed to, a
//! date expression, the content of a commitment and its CAMEO and PLOVER codes.
//!
//! The words that mark roles ("by", "against", "according to", 遭到, 의 소행, による) are data
//! in `data/cues/roles.tsv`; commitment codes in `data/cues/cameo.tsv` and
//! `data/cues/cameo_codes.tsv`; demonyms ("Chinese hackers" → China) in `data/cues/demonyms.tsv`
//! and the English demonym column of `data/countries.tsv`.
//!
//! Roles are phrases of the sentence, not only entities: entity recognition does not know
//! every name, and "Chinese cyberspies" or "the email account of Hillary Clinton" are what a
//! reader wants to see. A phrase is linked to an entity (its `canonical`) when it contains one,
//! or to a country when it contains a demonym. Every rule is a guess that may leave a role
//! empty; no rule may invent text that is not in the sentence.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::cue::{is_clause_break, CueMatch, CueSet, Normalized};
use super::gazetteer::tsv_rows;
use super::lang::Lang;
use super::script::{is_cjk, is_hangul, is_word_char};
use super::span::Span;
use super::{Entity, EntityLabel, Incident, Pledge, Role};

const ROLES_TSV: &str = include_str!("../../data/cues/roles.tsv");
const CAMEO_TSV: &str = include_str!("../../data/cues/cameo.tsv");
const CAMEO_CODES_TSV: &str = include_str!("../../data/cues/cameo_codes.tsv");
const DEMONYMS_TSV: &str = include_str!("../../data/cues/demonyms.tsv");
const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");

/// The roles a row of `roles.tsv` can play (described in `data/cues/README.md`).
pub const KINDS: &[&str] = &[
    "agent_before",
    "agent_after",
    "agent_noun",
    "target_before",
    "target_after",
    "passive",
    "source_before",
    "source_after",
    "source_verb_first",
    "date",
    "stop",
    "aux",
    "complementizer",
    "counterpart_before",
    "pronoun",
    "subject_particle",
    "object_particle",
    "party",
    "speaker",
    "reciprocal",
];

/// The CAMEO code of a commitment when no row of `cameo.tsv` matches: "express intent to
/// cooperate", the most general intent code.
pub const DEFAULT_CAMEO: &str = "030";

static ROLES: LazyLock<CueSet> = LazyLock::new(|| load_roles().unwrap_or_else(|_| CueSet::empty()));
static CODES: LazyLock<Vec<CameoCode>> = LazyLock::new(cameo_codes);
static CAMEO: LazyLock<CueSet> = LazyLock::new(|| load_cameo().unwrap_or_else(|_| CueSet::empty()));
static DEMONYMS: LazyLock<Demonyms> = LazyLock::new(demonyms);

/// Parses the bundled role lexicon (a test checks that it loads).
pub fn load_roles() -> Result<CueSet, super::cue::CueError> {
    CueSet::parse(ROLES_TSV, KINDS)
}

/// Parses the bundled CAMEO lexicon, whose `kind` column is a code of `cameo_codes.tsv`.
pub fn load_cameo() -> Result<CueSet, super::cue::CueError> {
    let codes: Vec<&'static str> = CODES.iter().map(|c| c.code).collect();
    CueSet::parse(CAMEO_TSV, &codes)
}

/// One row of `cameo_codes.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameoCode {
    pub code: &'static str,
    pub plover: &'static str,
    pub name: &'static str,
}

pub fn cameo_codes() -> Vec<CameoCode> {
    CAMEO_CODES_TSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split('\t');
            Some(CameoCode {
                code: cells.next()?,
                plover: cells.next()?,
                name: cells.next().unwrap_or(""),
            })
        })
        .collect()
}

/// The PLOVER event type of a CAMEO code.
pub fn plover_of(code: &str) -> &'static str {
    CODES
        .iter()
        .find(|c| c.code == code)
        .map_or("AGREE", |c| c.plover)
}

struct Demonym {
    /// Normalised, without the stem marker.
    text: String,
    stem: bool,
    canonical: String,
}

/// The demonyms in data order, with one automaton over their texts: a phrase is searched
/// once for all of them instead of once per demonym.
struct Demonyms {
    list: Vec<Demonym>,
    /// For each distinct text, the demonyms (indices into `list`) that share it.
    of_pattern: Vec<Vec<usize>>,
    matcher: Option<AhoCorasick>,
}

fn demonyms() -> Demonyms {
    let mut list = Vec::new();
    let mut push = |raw: &str, canonical: &str| {
        let raw = raw.trim();
        if raw.is_empty() {
            return;
        }
        let (text, stem) = match raw.strip_suffix('*') {
            Some(t) => (t, true),
            None => (raw, false),
        };
        list.push(Demonym {
            text: super::cue::normalize(text).text,
            stem,
            canonical: canonical.to_string(),
        });
    };
    for row in tsv_rows(COUNTRIES_TSV) {
        let (Some(&english), Some(&demonym)) = (row.get(1), row.get(10)) else {
            continue;
        };
        for d in demonym.split(',') {
            push(d, english);
        }
    }
    for row in tsv_rows(DEMONYMS_TSV) {
        if let (Some(&d), Some(&canonical)) = (row.get(1), row.get(2)) {
            push(d, canonical);
        }
    }
    let mut patterns: Vec<&str> = Vec::new();
    let mut of_pattern: Vec<Vec<usize>> = Vec::new();
    // An empty text (a demonym made only of characters the normalisation drops) names
    // nothing; it stays out of the automaton, which would match it everywhere.
    for (i, d) in list.iter().enumerate().filter(|(_, d)| !d.text.is_empty()) {
        match patterns.iter().position(|&p| p == d.text) {
            Some(p) => of_pattern[p].push(i),
            None => {
                patterns.push(&d.text);
                of_pattern.push(vec![i]);
            }
        }
    }
    let matcher = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(super::cue::matcher_kind()))
        .build(&patterns)
        .ok();
    Demonyms {
        list,
        of_pattern,
        matcher,
    }
}

/// The country named by a demonym in a normalised phrase ("state backed chinese hackers"):
/// the first demonym in data order that stands in the phrase as a word (or anywhere, for
/// Han, kana and Hangul; a stem may be followed by more letters).
fn demonym_in(phrase: &str) -> Option<&'static str> {
    let demonyms = &*DEMONYMS;
    let matcher = demonyms.matcher.as_ref()?;
    let mut best: Option<usize> = None;
    // Where the next occurrence of a demonym may start, after one that failed its boundary
    // test: an occurrence overlapping a failed one is not looked at, as a left-to-right
    // search for each demonym in turn would skip it.
    let mut resume: Vec<(usize, usize)> = Vec::new();
    for m in matcher.find_overlapping_iter(phrase) {
        for &idx in &demonyms.of_pattern[m.pattern().as_usize()] {
            if best.is_some_and(|b| b <= idx) {
                continue;
            }
            let from = resume.iter().find(|r| r.0 == idx).map_or(0, |r| r.1);
            if m.start() < from {
                continue;
            }
            let d = &demonyms.list[idx];
            let Some(first) = d.text.chars().next() else {
                continue;
            };
            let free = is_cjk(first) || is_hangul(first);
            let before_ok = phrase[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            let after_ok = d.stem
                || phrase[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !is_word_char(c));
            if free || (before_ok && after_ok) {
                best = Some(idx);
            } else {
                let next = m.start() + d.text.len();
                match resume.iter_mut().find(|r| r.0 == idx) {
                    Some(r) => r.1 = next,
                    None => resume.push((idx, next)),
                }
            }
        }
    }
    best.map(|idx| demonyms.list[idx].canonical.as_str())
}

/// In text without spaces, every role marker ends a phrase as a stop word does.
const UNSPACED_STOPS: &[&str] = &[
    "stop",
    "aux",
    "agent_before",
    "agent_after",
    "target_before",
    "target_after",
    "source_before",
    "source_after",
    "counterpart_before",
    "subject_particle",
    "object_particle",
];

/// Words in a role phrase, at most.
const MAX_ROLE_WORDS: usize = 6;
/// Han and kana characters in a role phrase, at most (they are written without spaces).
const MAX_ROLE_CHARS: usize = 12;
/// Words in the content of a commitment, at most.
const MAX_CONTENT_WORDS: usize = 12;
/// Han, kana or Hangul characters in the content of a commitment, at most.
const MAX_CONTENT_CHARS: usize = 24;
/// How far after the trigger a role marker may stand ("hacked into", "attacks on").
const MARKER_REACH: usize = 3;

/// A sentence prepared for role extraction: its normalised text, the role cues in it and the
/// entities it contains, all in normalised offsets.
struct Sentence<'a> {
    text: &'a str,
    span: Span,
    lang: Lang,
    norm: &'a Normalized,
    cues: Vec<CueMatch>,
    /// Entities of the sentence with their normalised spans.
    entities: Vec<(Span, &'a Entity)>,
}

impl<'a> Sentence<'a> {
    /// `norm` is the sentence normalised: the detectors made it already, so it is shared,
    /// not made again.
    fn new(
        text: &'a str,
        span: Span,
        lang: Lang,
        norm: &'a Normalized,
        entities: &'a [Entity],
    ) -> Sentence<'a> {
        let cues = ROLES.find_in(norm, span, lang);
        let mut s = Sentence {
            text,
            span,
            lang,
            norm,
            cues,
            entities: Vec::new(),
        };
        s.entities = super::entities_within(entities, span)
            .map(|e| (s.to_norm(e.span), e))
            .collect();
        s
    }

    /// Normalised offsets of an original byte span inside the sentence.
    fn to_norm(&self, original: Span) -> Span {
        let rel_start = original.start - self.span.start;
        let rel_end = original.end - self.span.start;
        let start = self.norm.first_at_or_after(rel_start);
        let mut end = self.norm.first_at_or_after(rel_end);
        // Trailing spaces are never part of a phrase.
        while end > start && self.norm.text[..end].ends_with(' ') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// The original byte span of normalised offsets.
    fn to_original(&self, norm: Span) -> Span {
        let o = self.norm.original(norm.start, norm.end);
        Span::new(self.span.start + o.start, self.span.start + o.end)
    }

    fn cues_of<'s>(&'s self, kind: &'s str) -> impl Iterator<Item = &'s CueMatch> + 's {
        self.cues.iter().filter(move |m| m.kind == kind)
    }

    fn starts_kind(&self, pos: usize, kinds: &[&str]) -> bool {
        self.cues
            .iter()
            .any(|m| m.norm.start == pos && kinds.contains(&m.kind))
    }

    fn ends_kind(&self, pos: usize, kinds: &[&str]) -> bool {
        self.cues
            .iter()
            .any(|m| m.norm.end == pos && kinds.contains(&m.kind))
    }

    /// Whether the language writes words without spaces (role phrases are counted in
    /// characters there).
    fn unspaced(&self) -> bool {
        matches!(self.lang, Lang::Zh | Lang::Ja)
    }

    /// The phrase that starts at `from` and ends before a stop word, a clause break or
    /// the end of the sentence.
    fn phrase_after(&self, from: usize, max_words: usize, max_chars: usize) -> Option<Span> {
        let t = &self.norm.text;
        let mut i = from.min(t.len());
        while t[i..].starts_with(' ') {
            i += 1;
        }
        let start = i;
        let mut end = i;
        if self.unspaced() {
            for (n_chars, (p, c)) in t[start..].char_indices().enumerate() {
                let pos = start + p;
                if n_chars >= max_chars
                    || (n_chars > 0 && self.starts_kind(pos, UNSPACED_STOPS))
                    || (n_chars == 0 && self.starts_kind(pos, &["stop", "aux"]))
                    || !(is_word_char(c) || c == ' ' || c == '.')
                {
                    break;
                }
                end = pos + c.len_utf8();
            }
        } else {
            let mut n_words = 0;
            while i < t.len() && n_words < max_words {
                if self.starts_kind(i, &["stop"]) {
                    break;
                }
                let j = t[i..].find(' ').map_or(t.len(), |p| i + p);
                let token = &t[i..j];
                let lead = token.len() - token.trim_start_matches(|c: char| !is_word_char(c)).len();
                // A bracket opens an aside; a quotation mark may open a quoted name
                // ("a “China-based threat actor”").
                if n_words > 0 && token.starts_with(['(', '[']) {
                    break;
                }
                let core_end = core_end(token);
                if core_end > lead {
                    end = i + core_end;
                    n_words += 1;
                }
                if core_end < token.len() || core_end <= lead {
                    break;
                }
                i = j + 1;
            }
        }
        let start = start + leading_junk(&t[start..end.max(start)]);
        (end > start).then(|| Span::new(start, end))
    }

    /// The phrase that ends at `to` and starts after a stop word, a clause break or the
    /// start of the sentence.
    fn phrase_before(&self, to: usize, max_words: usize, max_chars: usize) -> Option<Span> {
        let t = &self.norm.text;
        let mut i = to.min(t.len());
        while i > 0 && t[..i].ends_with(' ') {
            i -= 1;
        }
        let end = i;
        let mut start = i;
        if self.unspaced() {
            for (n_chars, (pos, c)) in t[..end].char_indices().rev().enumerate() {
                if n_chars >= max_chars
                    || self.ends_kind(pos + c.len_utf8(), UNSPACED_STOPS)
                    || !(is_word_char(c) || c == ' ' || c == '.')
                {
                    break;
                }
                start = pos;
            }
        } else {
            let mut n_words = 0;
            while i > 0 && n_words < max_words {
                if self.ends_kind(i, &["stop"]) {
                    break;
                }
                let k = t[..i].rfind(' ').map_or(0, |p| p + 1);
                let token = &t[k..i];
                let core_end = core_end(token);
                if core_end < token.len() {
                    // The word ends with punctuation: it closes an earlier clause.
                    break;
                }
                let lead = token.len() - token.trim_start_matches(|c: char| !is_word_char(c)).len();
                if lead < token.len() {
                    start = k + lead;
                    n_words += 1;
                }
                if lead > 0 {
                    break;
                }
                if k == 0 {
                    break;
                }
                i = k - 1;
            }
        }
        (end > start).then(|| Span::new(start, end))
    }

    /// The start of the auxiliaries and adverbs right before `pos` ("have pledged", "已承诺").
    fn skip_aux_back(&self, mut pos: usize) -> usize {
        loop {
            let t = &self.norm.text;
            let mut p = pos;
            while p > 0 && t[..p].ends_with(' ') {
                p -= 1;
            }
            match self.cues_of("aux").find(|m| m.norm.end == p) {
                Some(m) => pos = m.norm.start,
                None => return pos,
            }
        }
    }

    /// The role for a normalised phrase, linked to the first entity of the preferred labels
    /// that it contains, or to a country through a demonym.
    fn role(&self, phrase: Span, prefer: &[EntityLabel]) -> Role {
        let canonical = prefer
            .iter()
            .find_map(|&label| {
                self.entities
                    .iter()
                    .find(|(span, e)| {
                        e.label == label && phrase.contains(*span) && !span.is_empty()
                    })
                    .map(|(_, e)| e.canonical.clone())
            })
            .or_else(|| demonym_in(&self.norm.text[phrase.start..phrase.end]).map(str::to_string));
        Role {
            span: self.to_original(phrase),
            canonical,
        }
    }

    fn has_entity(&self, phrase: Span) -> bool {
        self.entities
            .iter()
            .any(|(span, _)| phrase.contains(*span) && !span.is_empty())
    }

    /// A phrase that can name a party: it holds an entity, a demonym, a word for a party
    /// ("both sides", "双方") or (in Latin script) a capitalised word that does not merely
    /// start the sentence.
    fn names_party(&self, phrase: Span) -> bool {
        self.has_entity(phrase)
            || demonym_in(&self.norm.text[phrase.start..phrase.end]).is_some()
            || self.party_in(phrase).is_some()
            || !self.name_words(phrase).is_empty()
    }

    fn party_in(&self, phrase: Span) -> Option<Span> {
        self.cues_of("party")
            .find(|m| phrase.contains(m.norm))
            .map(|m| m.norm)
    }

    /// The words of a phrase (normalised spans) that look like parts of a name: inside an
    /// entity, a demonym, or capitalised in the original text other than as the first word
    /// of the sentence.
    fn name_words(&self, phrase: Span) -> Vec<Span> {
        let t = &self.norm.text;
        let mut out = Vec::new();
        let mut i = phrase.start;
        while i < phrase.end {
            let j = t[i..phrase.end].find(' ').map_or(phrase.end, |p| i + p);
            let word = Span::new(i, j);
            let original = self.to_original(word).of(self.text);
            let capital = original
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| c.is_uppercase());
            // The first word of a sentence or quotation is capitalised anyway; it counts only
            // when the next word is capitalised too ("Xi Jinping Assures …"), and never as a
            // determiner ("The olive branch").
            let first = (t[..i].trim().is_empty()
                || t[..i].trim_end().ends_with(['"', '“', '\'', '(', '«']))
                && (!(self.next_is_capital(j) || self.and_then_capital(j))
                    || matches!(&t[i..j], "the" | "a" | "an" | "this" | "el" | "la"));
            let in_entity = self.entities.iter().any(|(span, _)| span.overlaps(word));
            if in_entity || (capital && !first) || demonym_in(&t[i..j]).is_some() {
                out.push(word);
            }
            i = j + 1;
        }
        out
    }

    /// "Biden and Xi": the word after `pos` is "and" and a capitalised word follows it.
    fn and_then_capital(&self, pos: usize) -> bool {
        let next = next_word(self, pos);
        self.norm.text[next..].starts_with("and ") && self.next_is_capital(next + 3)
    }

    /// A capitalised phrase of at most three words that opens the sentence, right before a
    /// verb ("Qin accepted", "Microsoft said"): a subject, though the first capital of a
    /// sentence alone proves nothing.
    fn sentence_initial_name(&self, phrase: Span) -> bool {
        let t = &self.norm.text;
        let first_word = t[phrase.start..phrase.end].split(' ').next().unwrap_or("");
        t[..phrase.start].chars().all(|c| !is_word_char(c))
            && !matches!(first_word, "the" | "a" | "an" | "this" | "el" | "la")
            && self.words_between(phrase.start, phrase.end) <= 3
            && self
                .to_original(phrase)
                .of(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    fn next_is_capital(&self, pos: usize) -> bool {
        let t = &self.norm.text;
        let start = next_word(self, pos);
        let end = t[start..].find(' ').map_or(t.len(), |p| start + p);
        end > start
            && self
                .to_original(Span::new(start, end))
                .of(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// The name in a phrase that reaches back too far ("President Xi made this",
    /// "take seriously Beijing's concerns about US"): the last run of name words, joined by
    /// "and" or "of", without a possessive ending. Phrases without a name, and up to
    /// `max_common_tail` common nouns after the name stay ("Russian intelligence agencies").
    fn tighten(&self, phrase: Span, max_common_tail: usize) -> Span {
        if self.unspaced() || matches!(self.lang, Lang::Ko | Lang::Ar) {
            // Without spaces a phrase may run on into the verb ("美方加强网络"): keep the
            // name it starts with.
            if let Some((span, _)) = self
                .entities
                .iter()
                .find(|(span, _)| span.start == phrase.start && phrase.contains(*span))
            {
                return *span;
            }
            if let Some(party) = self.party_in(phrase).filter(|p| p.start == phrase.start) {
                return party;
            }
            return phrase;
        }
        if let Some(party) = self.party_in(phrase) {
            if self.name_words(phrase).is_empty() {
                return party;
            }
        }
        let words = self.name_words(phrase);
        let Some(&last) = words.last() else {
            return phrase;
        };
        let t = &self.norm.text;
        if last.end < phrase.end {
            let first_of_run = self.run_start(&words);
            let tail = &t[last.end..phrase.end];
            if !tail.contains(['\'', '"'])
                && tail.split(' ').filter(|w| !w.is_empty()).count() <= max_common_tail
            {
                return Span::new(first_of_run, phrase.end);
            }
        }
        let start = self.run_start(&words);
        let mut end = last.end;
        let word = &t[last.start..last.end];
        if word.ends_with("'s") {
            end -= 2;
        } else if word.ends_with("s'") {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// The start of the last run of name words, allowing "and", "of" and "the" inside.
    fn run_start(&self, words: &[Span]) -> usize {
        let t = &self.norm.text;
        let mut start = words[words.len() - 1].start;
        for pair in words.windows(2).rev() {
            let gap = t[pair[0].end..pair[1].start].trim();
            if gap.is_empty() || matches!(gap, "and" | "of" | "of the" | "y" | "de" | "и") {
                start = pair[0].start;
            } else {
                break;
            }
        }
        start
    }

    fn clause_break_between(&self, a: usize, b: usize) -> bool {
        super::cue::clause_break_between(self.norm, a.min(b), a.max(b))
    }

    /// Words between two normalised offsets.
    fn words_between(&self, a: usize, b: usize) -> usize {
        self.norm.words_between(a.min(b), a.max(b))
    }

    /// A Korean phrase taken from the word before a particle, extended back over the words
    /// before it that carry no particle ("한국 정부 기관을" → "한국 정부 기관").
    fn korean_noun_phrase(&self, phrase: Span, actor: Option<Span>) -> Span {
        if self.lang != Lang::Ko {
            return phrase;
        }
        let t = &self.norm.text;
        let floor = actor.map_or(0, |a| a.end);
        let mut start = phrase.start;
        for _ in 0..2 {
            let before = t[..start].trim_end();
            if before.len() <= floor || before.ends_with(|c: char| !is_word_char(c)) {
                break;
            }
            let k = before.rfind(' ').map_or(0, |p| p + 1);
            if k < floor || self.ends_kind(before.len(), &["subject_particle", "object_particle"]) {
                break;
            }
            start = k;
        }
        Span::new(start, phrase.end)
    }

    /// Korean and Japanese phrases before `to` that end in a particle of `kind`, nearest
    /// first: (phrase without the particle).
    fn particle_phrases(&self, to: usize, kind: &str) -> Vec<Span> {
        let mut out: Vec<Span> = self
            .cues_of(kind)
            .filter(|m| m.norm.end <= to && m.norm.start > 0)
            .filter(|m| {
                // A particle ends a word: a space, punctuation or the next word follows, and
                // in Japanese it follows a kanji, katakana or Latin letter (not a verb ending
                // in hiragana).
                let after = self.norm.text[m.norm.end..].chars().next();
                let before = self.norm.text[..m.norm.start].chars().next_back();
                match self.lang {
                    Lang::Ko => after.is_none_or(|c| c == ' ' || !is_word_char(c)),
                    _ => before.is_some_and(|c| {
                        !('\u{3040}'..='\u{309F}').contains(&c) && is_word_char(c)
                    }),
                }
            })
            .filter_map(|m| {
                let phrase = if self.lang == Lang::Ko {
                    let k = self.norm.text[..m.norm.start]
                        .rfind(' ')
                        .map_or(0, |p| p + 1);
                    Span::new(k, m.norm.start)
                } else {
                    self.phrase_before(m.norm.start, MAX_ROLE_WORDS, MAX_ROLE_CHARS)?
                };
                (!phrase.is_empty()).then_some(phrase)
            })
            .collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.end));
        out.dedup();
        out
    }
}

/// The byte length of a token without its trailing punctuation ("Biden," → "Biden"); an
/// abbreviation keeps its final period ("u.s.").
fn core_end(token: &str) -> usize {
    let trimmed = token.trim_end_matches(|c: char| !is_word_char(c));
    if token[trimmed.len()..].starts_with('.') && trimmed.contains('.') {
        trimmed.len() + 1
    } else {
        trimmed.len()
    }
}

/// Bytes of quotes and brackets at the start of a phrase.
fn leading_junk(phrase: &str) -> usize {
    phrase.len() - phrase.trim_start_matches(|c: char| !is_word_char(c)).len()
}

const ACTOR_LABELS: &[EntityLabel] = &[
    EntityLabel::ThreatActor,
    EntityLabel::Place,
    EntityLabel::Org,
    EntityLabel::Person,
];
const TARGET_LABELS: &[EntityLabel] = &[
    EntityLabel::Org,
    EntityLabel::Place,
    EntityLabel::Person,
    EntityLabel::ThreatActor,
];
const SOURCE_LABELS: &[EntityLabel] = &[
    EntityLabel::Org,
    EntityLabel::Person,
    EntityLabel::Place,
    EntityLabel::ThreatActor,
];
const PARTY_LABELS: &[EntityLabel] = &[
    EntityLabel::Person,
    EntityLabel::Place,
    EntityLabel::Org,
    EntityLabel::ThreatActor,
];

/// Fills the actor, target, source and date of an incident whose trigger is known.
/// `norm` is the incident's sentence, normalised.
pub fn fill_incident(
    text: &str,
    lang: Lang,
    norm: &Normalized,
    entities: &[Entity],
    incident: &mut Incident,
) {
    let s = Sentence::new(text, incident.span, lang, norm, entities);
    let trigger = s.to_norm(incident.trigger);
    let (actor, target) = incident_roles(&s, trigger);
    let target = target.filter(|t| !t.is_empty());
    incident.actor = actor.map(|p| s.role(p, ACTOR_LABELS));
    incident.target = target.map(|p| s.role(p, TARGET_LABELS));
    incident.attributed_by = source(&s, trigger, actor).map(|p| s.role(p, SOURCE_LABELS));
    let date_span = date(&s);
    incident.date = date_span.map(|p| s.to_original(p));
    // A date is not part of a role: "на прошлой неделе сети Украины" → "сети Украины".
    if let (Some(d), Some(role)) = (date_span, actor) {
        if let Some(trimmed) = without(&s, role, d) {
            incident.actor = Some(s.role(trimmed, ACTOR_LABELS));
        }
    }
    if let (Some(d), Some(role)) = (date_span, target) {
        if let Some(trimmed) = without(&s, role, d) {
            incident.target = Some(s.role(trimmed, TARGET_LABELS));
        } else if d.overlaps(role) {
            incident.target = None;
        }
    }
    if incident.attributed_by.is_some() && incident.stance != "denied" {
        incident.stance = "attributed";
    }
}

/// A phrase without its indefinite article and an opening quotation mark ("a “China-based
/// threat actor" → "China-based threat actor").
fn without_article(s: &Sentence, phrase: Span) -> Span {
    let t = &s.norm.text;
    let mut start = phrase.start;
    for article in ["a ", "an "] {
        if t[start..phrase.end].starts_with(article) {
            start += article.len();
            break;
        }
    }
    start += leading_junk(&t[start..phrase.end]);
    if start < phrase.end {
        Span::new(start, phrase.end)
    } else {
        phrase
    }
}

/// `role` without the part `cut` covers when `cut` overlaps its start or its end.
fn without(s: &Sentence, role: Span, cut: Span) -> Option<Span> {
    if !cut.overlaps(role) {
        return None;
    }
    let t = &s.norm.text;
    let trimmed = if cut.start <= role.start {
        Span::new(next_word(s, cut.end.min(role.end)).min(role.end), role.end)
    } else {
        let mut end = cut.start;
        while end > role.start && t[..end].ends_with(' ') {
            end -= 1;
        }
        Span::new(role.start, end)
    };
    (trimmed.start < trimmed.end).then_some(trimmed)
}

/// The actor and target phrases of an incident, by the first rule that finds each.
fn incident_roles(s: &Sentence, trigger: Span) -> (Option<Span>, Option<Span>) {
    let mut actor = None;
    let mut target = None;
    let near = |m: &CueMatch| {
        m.norm.start >= trigger.start
            && !s.clause_break_between(trigger.end, m.norm.start)
            && s.words_between(trigger.end, m.norm.start) <= MARKER_REACH + 3
    };
    // "China and the US have accused each other of hacking": the pair is both actor and
    // target.
    if let Some(m) = s
        .cues_of("reciprocal")
        .find(|m| m.norm.end <= trigger.start)
    {
        let verb_start = s.norm.text[..m.norm.start]
            .trim_end()
            .rfind(' ')
            .map_or(0, |p| p + 1);
        let subject = s
            .phrase_before(s.skip_aux_back(verb_start), MAX_ROLE_WORDS, MAX_ROLE_CHARS)
            .filter(|&p| s.names_party(p) || s.sentence_initial_name(p));
        if let Some(subject) = subject {
            return (Some(subject), Some(m.norm));
        }
    }
    // A named threat actor is the best actor there is.
    if let Some((span, _)) = s
        .entities
        .iter()
        .find(|(_, e)| e.label == EntityLabel::ThreatActor)
    {
        actor = Some(*span);
    }
    // "hacked by X", "atribuido a X", "من قبل X", "由X".
    if actor.is_none() {
        actor = s
            .cues_of("agent_before")
            .filter(|m| near(m) || m.norm.end <= trigger.start && s.unspaced())
            .find_map(|m| s.phrase_after(m.norm.end, MAX_ROLE_WORDS, MAX_ROLE_CHARS))
            .filter(|&p| s.names_party(p))
            .map(|p| without_article(s, p));
    }
    // "X의 소행", "X所为", "Xによる".
    if actor.is_none() {
        actor = s
            .cues_of("agent_after")
            .find_map(|m| s.phrase_before(m.norm.start, MAX_ROLE_WORDS, MAX_ROLE_CHARS));
    }
    // "Chinese cyberspies", "state-backed hackers", "جواسيس إلكتروني صينيون".
    if actor.is_none() {
        actor = s
            .cues_of("agent_noun")
            .next()
            .map(|m| agent_phrase(s, m.norm));
    }
    // Chinese passive: "Y遭到X攻击", "Y被X入侵".
    if let Some(m) = s
        .cues_of("target_after")
        .find(|m| m.norm.end <= trigger.end || near(m))
    {
        target = s.phrase_before(m.norm.start, MAX_ROLE_WORDS, MAX_ROLE_CHARS);
        if actor.is_none() && m.norm.end < trigger.start {
            let between = Span::new(m.norm.end, trigger.start);
            actor = s
                .phrase_after(between.start, MAX_ROLE_WORDS, MAX_ROLE_CHARS)
                .map(|p| Span::new(p.start, p.end.min(between.end)))
                .filter(|p| !p.is_empty() && s.names_party(*p));
        }
    }
    // Korean and Japanese: the subject and object particles before the trigger.
    if matches!(s.lang, Lang::Ko | Lang::Ja) {
        if actor.is_none() {
            actor = s
                .particle_phrases(trigger.start, "subject_particle")
                .into_iter()
                .find(|&p| s.names_party(p));
        }
        if target.is_none() {
            // The trigger may be the perpetrator ("해커가 … 해킹했다"): the object is anywhere
            // after the actor, up to the end of the sentence.
            let end = s.norm.text.len();
            target = s
                .particle_phrases(end, "object_particle")
                .into_iter()
                .filter(|p| actor.is_none_or(|a| !a.overlaps(*p) && p.start >= a.end))
                .min_by_key(|p| p.start)
                .map(|p| s.korean_noun_phrase(p, actor));
        }
    }
    // The object of a transitive English verb: "hacked the email account of …".
    if target.is_none() && s.lang == Lang::En {
        let word = &s.norm.text[trigger.start..trigger.end];
        // "is cyber-attacking X": a progressive after an auxiliary takes an object too.
        let progressive = word.ends_with("ing") && s.skip_aux_back(trigger.start) < trigger.start;
        // "hacked and exposed the account of …": the object follows the second verb.
        let mut after = next_word(s, trigger.end);
        if s.norm.text[after..].starts_with("and ") {
            let second = next_word(s, after + 4);
            let end = s.norm.text[second..]
                .find(' ')
                .map_or(s.norm.text.len(), |p| second + p);
            if s.norm.text[second..end].ends_with("ed") {
                after = end;
            }
        }
        // "hackers breached the servers": the verb follows the perpetrator noun.
        let mut word = word;
        if let Some(a) = actor.filter(|a| a.end >= trigger.end) {
            let verb = next_word(s, a.end);
            let verb_end = s.norm.text[verb..]
                .find(' ')
                .map_or(s.norm.text.len(), |p| verb + p);
            if s.norm.text[verb..verb_end].ends_with("ed") && !s.starts_kind(verb, &["stop"]) {
                word = &s.norm.text[verb..verb_end];
                after = verb_end;
            }
        }
        if (word.ends_with("ed") || progressive)
            && !s.starts_kind(
                next_word(s, after),
                &["agent_before", "stop", "target_before"],
            )
        {
            target = s
                .phrase_after(after, MAX_ROLE_WORDS, MAX_ROLE_CHARS)
                .filter(|p| actor.is_none_or(|a| !a.overlaps(*p)));
        }
    }
    // "attacks on Y", "hacked into Y", "contra Y", "атаки на Y", "对Y发动攻击".
    if target.is_none() {
        target = s
            .cues_of("target_before")
            .filter(|m| {
                near(m)
                    || actor.is_some_and(|a| {
                        a.start >= trigger.end && s.words_between(a.end, m.norm.start) == 0
                    })
                    || (s.unspaced()
                        && m.norm.end <= trigger.start
                        && s.words_between(m.norm.end, trigger.start) <= MAX_ROLE_CHARS / 2)
            })
            .find_map(|m| {
                let p = s.phrase_after(m.norm.end, MAX_ROLE_WORDS, MAX_ROLE_CHARS)?;
                // In Chinese the target sits between 对 and the attack word.
                let p = if p.end > trigger.start && m.norm.end <= trigger.start {
                    Span::new(p.start, trigger.start)
                } else {
                    p
                };
                (!p.is_empty() && actor.is_none_or(|a| !a.overlaps(p))).then_some(p)
            });
        if target.is_some() && actor.is_none() && s.unspaced() {
            // "X对Y发动网络攻击": the actor is before 对.
            if let Some(m) = s
                .cues_of("target_before")
                .find(|m| m.norm.end <= trigger.start)
            {
                actor = s
                    .phrase_before(m.norm.start, MAX_ROLE_WORDS, MAX_ROLE_CHARS)
                    .filter(|&p| s.names_party(p));
            }
        }
    }
    // English and Spanish passives: "Y was hacked", "Y fue atacado".
    if target.is_none() {
        if let Some(m) = s.cues_of("passive").find(|m| {
            m.norm.end <= trigger.start && s.words_between(m.norm.end, trigger.start) <= 1
        }) {
            target = s.phrase_before(m.norm.start, MAX_ROLE_WORDS, MAX_ROLE_CHARS);
        }
    }
    // The subject of an active verb: "China hacked", "China's hacking", "Россия атаковала".
    if actor.is_none() && !matches!(s.lang, Lang::Ko | Lang::Ja | Lang::Ar) {
        actor = s
            .phrase_before(
                s.skip_aux_back(trigger.start),
                MAX_ROLE_WORDS,
                MAX_ROLE_CHARS,
            )
            .filter(|&p| s.names_party(p) && target.is_none_or(|t| !t.overlaps(p)))
            .map(|p| s.tighten(possessor(s, p), 2));
    }
    // Arabic verb first: "اخترق جواسيس صينيون البريد", the object follows the subject.
    if s.lang == Lang::Ar && target.is_none() {
        // Only when a single word (the verb) opens the clause before the subject.
        let verb_first = |a: &Span| {
            let before = s.norm.text[..a.start].trim_end();
            let clause = before
                .char_indices()
                .rev()
                .find(|&(_, c)| is_clause_break(c))
                .map_or(0, |(p, c)| p + c.len_utf8());
            s.words_between(clause, a.start) == 1
        };
        if let Some(a) = actor.filter(verb_first) {
            target = s
                .phrase_after(a.end, MAX_ROLE_WORDS, MAX_ROLE_CHARS)
                .filter(|&p| !s.clause_break_between(a.end, p.start));
        }
    }
    (actor, target)
}

/// The offset of the next word after `pos`.
fn next_word(s: &Sentence, pos: usize) -> usize {
    let t = &s.norm.text;
    let mut i = pos.min(t.len());
    while t[i..].starts_with(' ') {
        i += 1;
    }
    i
}

/// In "the U.S. government … neutralise China's hacking", only the possessor is the actor.
fn possessor(s: &Sentence, phrase: Span) -> Span {
    let t = &s.norm.text[phrase.start..phrase.end];
    if let Some(word) = t.rsplit(' ').next() {
        if word.ends_with("'s") || word.ends_with("s'") {
            let start = phrase.end - word.len();
            if let Some((span, _)) = s
                .entities
                .iter()
                .find(|(span, _)| span.start >= start && span.end <= phrase.end)
            {
                return *span;
            }
            return Span::new(start, phrase.end - 2);
        }
    }
    phrase
}

/// The noun phrase around a perpetrator noun: its modifiers before ("state-backed Chinese
/// hackers") and, in Arabic and Spanish, the demonyms after it ("جواسيس إلكتروني صينيون").
fn agent_phrase(s: &Sentence, noun: Span) -> Span {
    let mut start = noun.start;
    // Arabic modifiers follow the noun; the word before it is a verb or a preposition.
    let before = (s.lang != Lang::Ar)
        .then(|| s.phrase_before(noun.start, 3, 6))
        .flatten();
    if let Some(before) = before {
        // Articles and determiners stay out; the modifiers are what say who they are.
        let words = &s.norm.text[before.start..before.end];
        let skip = ["the ", "a ", "an ", "los ", "las ", "these ", "those "]
            .iter()
            .find(|d| words.starts_with(**d))
            .map_or(0, |d| d.len());
        start = before.start + skip;
    }
    let mut end = noun.end;
    if matches!(s.lang, Lang::Ar | Lang::Es | Lang::Fr) {
        let t = &s.norm.text;
        for _ in 0..2 {
            let from = next_word(s, end);
            let to = t[from..].find(' ').map_or(t.len(), |p| from + p);
            let word = &t[from..to];
            let adjective = demonym_in(word).is_some()
                || word.starts_with("الكترون")
                || word.starts_with("inform");
            if from >= t.len() || !adjective {
                break;
            }
            end = from + core_end(word);
        }
    }
    Span::new(start, end)
}

/// The source a claim is attributed to: "according to the FBI", "Microsoft said", "قالت
/// Microsoft", "据路透社报道", "CNN에 따르면".
fn source(s: &Sentence, trigger: Span, actor: Option<Span>) -> Option<Span> {
    let short_non_latin = |p: Span| {
        matches!(s.lang, Lang::Zh | Lang::Ja | Lang::Ko | Lang::Ar)
            && s.words_between(p.start, p.end) <= 3
    };
    let usable = |p: Span| {
        (s.names_party(p) || short_non_latin(p) || s.sentence_initial_name(p))
            && actor.is_none_or(|a| !a.overlaps(p))
            && !p.contains(trigger)
            && !s.starts_kind(p.start, &["pronoun"])
    };
    let before = s
        .cues_of("source_before")
        .find_map(|m| s.phrase_after(m.norm.end, 6, 8))
        .filter(|&p| usable(p))
        .map(|p| s.tighten(p, 2));
    if before.is_some() {
        return before;
    }
    let first = s
        .cues_of("source_verb_first")
        .find_map(|m| s.phrase_after(m.norm.end, 3, 8))
        .filter(|&p| usable(p));
    if first.is_some() {
        return first;
    }
    s.cues_of("source_after").find_map(|m| {
        let from = s.skip_aux_back(m.norm.start);
        s.phrase_before(from, 6, 8)
            .filter(|&p| usable(p))
            .map(|p| s.tighten(p, 2))
    })
}

/// A date expression: a cue ("last month", "지난해") or a year, with the month and day that
/// follow it in Chinese, Japanese and Korean ("2024年3月", "지난해 11월").
fn date(s: &Sentence) -> Option<Span> {
    let t = &s.norm.text;
    let found = s.cues_of("date").next().map(|m| m.norm).or_else(|| {
        t.char_indices().find_map(|(i, _)| {
            let digits: String = t[i..].chars().take_while(char::is_ascii_digit).collect();
            let before = t[..i].chars().next_back();
            let year: u32 = digits.parse().ok()?;
            (digits.len() == 4
                && (1990..2040).contains(&year)
                && before.is_none_or(|c| !c.is_ascii_digit()))
            .then(|| Span::new(i, i + 4))
        })
    })?;
    let mut end = found.end;
    // "in 2014" keeps its preposition when the language has one.
    let mut start = found.start;
    for preposition in ["in ", "since ", "en ", "в ", "عام "] {
        if t[..start].ends_with(preposition) {
            start -= preposition.len();
            break;
        }
    }
    loop {
        let rest = &t[end..];
        let spaces = rest.len() - rest.trim_start().len();
        let digits = rest[spaces..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        let unit = rest[spaces + digits..]
            .chars()
            .next()
            .filter(|c| "年月日号년월일".contains(*c));
        match unit {
            Some(c) if digits > 0 || matches!(c, '年' | '년') && spaces == 0 => {
                end += spaces + digits + c.len_utf8();
            }
            _ => break,
        }
    }
    Some(Span::new(start, end))
}

/// Fills the actor, counterpart, content and codes of a pledge whose trigger is known.
/// `sentences` and `sentence_idx` let a pronoun reach the person named just before it;
/// `norm` is the pledge's sentence, normalised.
pub fn fill_pledge(
    text: &str,
    lang: Lang,
    sentences: &[Span],
    norm: &Normalized,
    entities: &[Entity],
    pledge: &mut Pledge,
) {
    let s = Sentence::new(text, pledge.span, lang, norm, entities);
    let trigger = s.to_norm(pledge.trigger);
    let actor = pledge_actor(&s, trigger).map(|p| s.tighten(p, 0));
    let counterpart = counterpart(&s, trigger, actor).map(|p| s.tighten(p, 2));
    let content = content(&s, trigger, actor, counterpart);
    pledge.actor = actor.map(|p| {
        let mut role = s.role(p, PARTY_LABELS);
        if s.starts_kind(p.start, &["pronoun"]) && role.canonical.is_none() {
            role.canonical = antecedent(text, sentences, pledge, entities);
        }
        role
    });
    pledge.counterpart = counterpart.map(|p| s.role(p, PARTY_LABELS));
    pledge.content = content.map(|p| s.to_original(p));
    let coded = Span::new(
        trigger.start,
        content.map_or(trigger.end, |c| c.end.max(trigger.end)),
    );
    let coded = match content {
        Some(c) if c.start < trigger.start => Span::new(c.start, trigger.end),
        _ => coded,
    };
    pledge.cameo = cameo(lang, &s, coded);
    pledge.plover = plover_of(pledge.cameo);
}

/// The one who commits: the phrase before the trigger (after auxiliaries: "have pledged"),
/// the subject particle in Korean and Japanese, the subject after the verb in Arabic.
fn pledge_actor(s: &Sentence, trigger: Span) -> Option<Span> {
    match s.lang {
        Lang::Ko | Lang::Ja => s
            .particle_phrases(trigger.start, "subject_particle")
            .into_iter()
            .next(),
        _ => {
            let from = s.skip_aux_back(trigger.start);
            // Arabic names the entity recognizer does not know are still a subject when
            // the phrase is short and reaches back to a clause start or "إن".
            let arabic_subject =
                |p: Span| s.lang == Lang::Ar && s.words_between(p.start, p.end) <= 3;
            let before = s
                .phrase_before(from, MAX_ROLE_WORDS, MAX_ROLE_CHARS)
                .filter(|&p| {
                    s.names_party(p)
                        || s.sentence_initial_name(p)
                        || s.starts_kind(p.start, &["pronoun", "speaker"])
                        || s.unspaced()
                        || arabic_subject(p)
                });
            if before.is_some() || s.lang != Lang::Ar {
                return before;
            }
            s.phrase_after(trigger.end, 3, 8)
                .filter(|&p| s.names_party(p))
        }
    }
}

/// The person a pronoun or "the minister" stands for, when that is trivially safe: exactly
/// one person is named in the sentence before the pronoun and the sentence just before it.
fn antecedent(
    text: &str,
    sentences: &[Span],
    pledge: &Pledge,
    entities: &[Entity],
) -> Option<String> {
    let from = pledge
        .sentence_idx
        .checked_sub(1)
        .and_then(|i| sentences.get(i))
        .map_or(pledge.span.start, |s| s.start);
    let mut people: Vec<&str> =
        super::entities_within(entities, Span::new(from, pledge.trigger.start))
            .filter(|e| e.label == EntityLabel::Person)
            .map(|e| e.canonical.as_str())
            .collect();
    people.sort_unstable();
    people.dedup();
    let _ = text;
    match people.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// To whom the commitment is made: "promised Biden", "with the US side", "向美方",
/// "مع الولايات المتحدة", "미국과", "米国と".
fn counterpart(s: &Sentence, trigger: Span, actor: Option<Span>) -> Option<Span> {
    let free = |p: &Span| actor.is_none_or(|a| !a.overlaps(*p)) && !p.overlaps(trigger);
    if matches!(s.lang, Lang::Ko | Lang::Ja) {
        return s
            .particle_phrases(trigger.start, "object_particle")
            .into_iter()
            .filter(free)
            .find(|&p| s.names_party(p));
    }
    // An English direct object that names someone: "promised President Joe Biden that …".
    if s.lang == Lang::En {
        let next = next_word(s, trigger.end);
        if !s.starts_kind(next, &["stop", "complementizer", "counterpart_before"]) {
            if let Some(p) = s.phrase_after(next, 4, 8).filter(|p| free(p)) {
                let names = s.name_words(p);
                if names.first().is_some_and(|w| w.start == p.start) {
                    // The run of capitalised words right after the verb.
                    let mut end = names[0].end;
                    for w in &names[1..] {
                        if s.norm.only_spaces_between(end, w.start) {
                            end = w.end;
                        } else {
                            break;
                        }
                    }
                    return Some(Span::new(p.start, end));
                }
            }
        }
    }
    // Arabic: a name with the preposition ل attached ("لبلينكين").
    if s.lang == Lang::Ar {
        if let Some((span, _)) = s.entities.iter().find(|(span, _)| {
            span.start > trigger.end
                && s.norm.text[..span.start].ends_with('ل')
                && !s.clause_break_between(trigger.end, span.start)
        }) {
            return Some(*span);
        }
    }
    s.cues_of("counterpart_before")
        .filter(|m| {
            (m.norm.start >= trigger.end
                || (s.unspaced()
                    && m.norm.end <= trigger.start
                    && m.norm.start + 12 >= trigger.start))
                && !s.clause_break_between(
                    trigger.end.min(m.norm.start),
                    m.norm.start.max(trigger.end),
                )
                && s.words_between(trigger.end, m.norm.start) <= 8
        })
        .filter_map(|m| s.phrase_after(m.norm.end, 4, 6))
        .find(|p| free(p) && s.names_party(*p) && starts_with_party(s, *p))
}

/// The phrase after "with" or "to" begins with the party ("with the US side"), not with a
/// verb ("to visit Washington").
fn starts_with_party(s: &Sentence, phrase: Span) -> bool {
    if s.unspaced() || matches!(s.lang, Lang::Ar | Lang::Ko) {
        return true;
    }
    let t = &s.norm.text;
    let mut start = phrase.start;
    for determiner in ["the ", "el ", "la ", "los ", "las "] {
        if t[start..].starts_with(determiner) {
            start += determiner.len();
            break;
        }
    }
    s.name_words(phrase)
        .first()
        .is_some_and(|w| w.start == start)
        || s.party_in(phrase).is_some_and(|p| p.start <= start)
}

/// The content of the commitment: the clause or infinitive after the trigger ("to maintain
/// communication" → "maintain communication"), or before it in Korean and Japanese.
fn content(
    s: &Sentence,
    trigger: Span,
    actor: Option<Span>,
    counterpart: Option<Span>,
) -> Option<Span> {
    let t = &s.norm.text;
    if matches!(s.lang, Lang::Ko | Lang::Ja) {
        let from = actor.map_or(0, |a| a.end);
        let mut start = from;
        // Skip the particle after the actor.
        if let Some(m) = s.cues_of("subject_particle").find(|m| m.norm.start == from) {
            start = m.norm.end;
        }
        let start = next_word(s, start);
        let clause_start = t[..trigger.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_clause_break(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let start = next_word(s, start.max(clause_start));
        let mut chars = t[start..trigger.start].char_indices();
        let n = t[start..trigger.start].chars().count();
        let start = if n > MAX_CONTENT_CHARS {
            start + chars.nth(n - MAX_CONTENT_CHARS).map_or(0, |(p, _)| p)
        } else {
            start
        };
        let end = trigger.start
            - (t[start..trigger.start].len() - t[start..trigger.start].trim_end().len());
        return (end > start).then(|| Span::new(start, end));
    }
    let mut from = trigger.end;
    if let Some(a) =
        actor.filter(|a| a.start >= trigger.end && s.words_between(trigger.end, a.start) == 0)
    {
        from = a.end;
    }
    if let Some(c) = counterpart {
        let next = next_word(s, from);
        let marked = s
            .cues_of("counterpart_before")
            .any(|m| m.norm.start == next && m.norm.end <= c.start);
        // "promised Biden that …", "an invitation from Blinken to …": the counterpart right
        // after the trigger is not part of the content. In Chinese "与美方加强合作" it is.
        let reach = if marked { 2 } else { 1 };
        let reach = if !marked
            && s.cues_of("counterpart_before")
                .any(|m| m.norm.start >= from && m.norm.end <= c.start)
        {
            0
        } else {
            reach
        };
        if c.start >= from && !s.unspaced() && s.words_between(from, c.start) <= reach {
            from = c.end;
        }
    }
    let mut from = next_word(s, from);
    // "assures Biden of …", "promised … that …", "agreed to …".
    if let Some(m) = s
        .cues_of("complementizer")
        .find(|m| m.norm.start == from)
        .or_else(|| {
            s.cues_of("counterpart_before")
                .find(|m| m.norm.start == from && counterpart.is_none())
        })
    {
        from = next_word(s, m.norm.end);
    }
    if s.lang == Lang::En && t[from..].starts_with("of ") {
        from += 3;
    }
    let mut end = from;
    if s.unspaced() {
        for (n, (p, c)) in t[from..].char_indices().enumerate() {
            if n >= MAX_CONTENT_CHARS || !(is_word_char(c) || c == ' ' || c == '.' || c == '-') {
                break;
            }
            end = from + p + c.len_utf8();
        }
    } else {
        let mut i = from;
        let mut n_words = 0;
        while i < t.len() && n_words < MAX_CONTENT_WORDS {
            let j = t[i..].find(' ').map_or(t.len(), |p| i + p);
            let token = &t[i..j];
            let core = core_end(token);
            if core > 0 {
                end = i + core;
                n_words += 1;
            }
            if core < token.len() && n_words >= 2 {
                break;
            }
            i = j + 1;
        }
    }
    let start = from + leading_junk(&t[from..end.max(from)]);
    (end > start).then(|| Span::new(start, end))
}

/// The CAMEO code of a commitment: the first row of `cameo.tsv` (rows are in order of
/// precedence, most specific code first) found in the trigger or the content.
fn cameo(lang: Lang, s: &Sentence, coded: Span) -> &'static str {
    let cues = CAMEO.find_in(s.norm, s.span, lang);
    let range = s.to_original(coded);
    cues.iter()
        .filter(|m| range.contains(m.span))
        .min_by_key(|m| m.cue)
        .map_or(DEFAULT_CAMEO, |m| m.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demonym search as a plain loop: each demonym in data order, its occurrences left
    /// to right, an occurrence that fails the boundary test skipped whole.
    fn demonym_in_by_loop(phrase: &str) -> Option<&'static str> {
        DEMONYMS.list.iter().find_map(|d| {
            let first = d.text.chars().next()?;
            let mut from = 0;
            while let Some(pos) = phrase[from..].find(d.text.as_str()) {
                let start = from + pos;
                let end = start + d.text.len();
                let free = is_cjk(first) || is_hangul(first);
                let before_ok = phrase[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_word_char(c));
                let after_ok = d.stem
                    || phrase[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !is_word_char(c));
                if free || (before_ok && after_ok) {
                    return Some(d.canonical.as_str());
                }
                from = end;
            }
            None
        })
    }

    #[test]
    fn demonym_automaton_agrees_with_the_plain_loop() {
        let mut phrases: Vec<String> = [
            "",
            "the hackers",
            "state backed chinese hackers",
            "北朝鮮のハッカー",
            "الصينيين",
            "russian and chinese",
            "chineseyx chinese",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for d in &DEMONYMS.list {
            let t = &d.text;
            for phrase in [
                t.clone(),
                format!("x{t}"),
                format!("{t}x"),
                format!("{t} hackers"),
                format!("the {t}s and {t}"),
                format!("{t}{t}"),
                format!("x{t} {t}"),
            ] {
                phrases.push(phrase);
            }
        }
        for phrase in &phrases {
            assert_eq!(demonym_in(phrase), demonym_in_by_loop(phrase), "{phrase:?}");
        }
    }

    use crate::engine::Engine;

    /// An incident as a compact line: `[ACTOR …] [TARGET …] [BY …] [DATE …]`, with the
    /// canonical name after `=` where there is one.
    fn incident_line(text: &str) -> String {
        let doc = Engine::builtin().annotate(text);
        let Some(i) = doc.incidents.first() else {
            return "no incident".to_string();
        };
        let mut out = Vec::new();
        for (name, role) in [
            ("ACTOR", &i.actor),
            ("TARGET", &i.target),
            ("BY", &i.attributed_by),
        ] {
            if let Some(r) = role {
                out.push(show(name, r, text));
            }
        }
        if let Some(d) = i.date {
            out.push(format!("[DATE {}]", d.of(text)));
        }
        out.join(" ")
    }

    fn pledge_line(text: &str) -> String {
        let doc = Engine::builtin().annotate(text);
        let Some(p) = doc.pledges.first() else {
            return "no pledge".to_string();
        };
        let mut out = Vec::new();
        if let Some(r) = &p.actor {
            out.push(show("ACTOR", r, text));
        }
        out.push(format!("[{} {}]", p.cameo, p.trigger.of(text)));
        if let Some(r) = &p.counterpart {
            out.push(show("TO", r, text));
        }
        if let Some(c) = p.content {
            out.push(format!("[CONTENT {}]", c.of(text)));
        }
        out.join(" ")
    }

    fn show(name: &str, role: &Role, text: &str) -> String {
        match &role.canonical {
            Some(c) if c != role.span.of(text) => format!("[{name} {}={c}]", role.span.of(text)),
            _ => format!("[{name} {}]", role.span.of(text)),
        }
    }

    macro_rules! incident {
        ($name:ident, $text:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(incident_line($text), $want);
            }
        };
    }

    macro_rules! pledge {
        ($name:ident, $text:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(pledge_line($text), $want);
            }
        };
    }

    #[test]
    fn every_data_file_loads() {
        load_roles().unwrap_or_else(|e| panic!("roles.tsv: {e}"));
        let cameo = load_cameo().unwrap_or_else(|e| panic!("cameo.tsv: {e}"));
        assert!(CODES.iter().any(|c| c.code == DEFAULT_CAMEO));
        for cue in &cameo.cues {
            assert!(CODES.iter().any(|c| c.code == cue.kind), "{}", cue.kind);
        }
        assert_eq!(plover_of("036"), "CONSULT");
        assert_eq!(plover_of("057"), "AGREE");
    }

    #[test]
    fn demonyms_link_to_countries() {
        assert_eq!(demonym_in("state backed chinese hackers"), Some("China"));
        assert_eq!(demonym_in("russian intelligence agencies"), Some("Russia"));
        assert_eq!(demonym_in("the hackers"), None);
        // A demonym is a whole word: "Chinese" is not inside "Chinesey".
        assert_eq!(demonym_in("chineseyx hackers"), None);
    }

    // English: active, passive, agent after "by", attribution, date.
    incident!(
        en_active_threat_actor,
        "Volt Typhoon hacked US critical infrastructure last year.",
        "[ACTOR Volt Typhoon] [TARGET US critical infrastructure] [DATE last year]"
    );
    incident!(
        en_passive_by_and_according_to,
        "The State Department was hacked by Chinese hackers, according to the FBI.",
        "[ACTOR Chinese hackers=China] [TARGET The State Department=State Department] [BY FBI=Federal Bureau of Investigation]"
    );
    incident!(
        en_demonym_subject_and_object_after_second_verb,
        "In 2016 Russian intelligence agencies hacked and exposed the email account of Hillary Clinton.",
        "[ACTOR Russian intelligence agencies=Russia] [TARGET the email account of Hillary Clinton=Hillary Clinton] [DATE In 2016]"
    );
    incident!(
        en_said_names_the_source,
        "Microsoft said state-backed Chinese hackers breached email accounts.",
        "[ACTOR state-backed Chinese hackers=China] [TARGET email accounts] [BY Microsoft]"
    );
    incident!(
        en_possessive_is_the_actor,
        "Officials moved to neutralise China's hacking of the power grid.",
        "[ACTOR China] [TARGET the power grid]"
    );
    incident!(
        en_attacks_on,
        "Washington denied US cyberattacks on China.",
        "[ACTOR US] [TARGET China]"
    );
    incident!(
        en_by_a_quoted_actor_against,
        "Microsoft stopped a data-stealing attack by a “China-based threat actor” against government agencies.",
        "[ACTOR China-based threat actor=China] [TARGET government agencies]"
    );
    incident!(
        en_each_other,
        "China and the US have accused each other of hacking.",
        "[ACTOR China and the US=China] [TARGET each other]"
    );
    incident!(
        en_progressive_after_now,
        "Trump wrote that “the Chinese are now hacking White House computers.",
        "[ACTOR Chinese=China] [TARGET White House computers=White House]"
    );
    // Negative: a sentence-initial capital is not a name, so nothing is the actor here.
    incident!(
        en_no_actor_without_a_party,
        "Allegations of hacking remain.",
        ""
    );
    // Negative: a pronoun is not a source.
    incident!(
        en_pronoun_is_not_a_source,
        "He said hackers breached the servers.",
        "[ACTOR hackers] [TARGET the servers]"
    );

    incident!(
        zh_dui_fadong,
        "中国黑客对美国政府网络发动网络攻击。",
        "[ACTOR 中国黑客=China] [TARGET 美国政府网络=United States]"
    );
    incident!(
        zh_zaodao_with_source_and_date,
        "据路透社报道，2024年3月美国国务院遭到黑客攻击。",
        "[ACTOR 黑客] [TARGET 美国国务院=State Department] [BY 路透社=Reuters] [DATE 2024年3月]"
    );
    incident!(
        ko_subject_and_object_particles,
        "북한 해커가 한국 정부 기관을 해킹했다.",
        "[ACTOR 북한 해커=North Korea] [TARGET 한국 정부 기관=South Korea]"
    );
    incident!(
        ko_date_with_month,
        "지난해 11월 해커가 국방부 서버를 해킹했다.",
        "[ACTOR 해커] [TARGET 국방부 서버=Ministry of Defense] [DATE 지난해 11월]"
    );
    incident!(
        ja_ga_ni,
        "ロシアのハッカーが日本の政府機関にサイバー攻撃を行った。",
        "[ACTOR ロシアのハッカー=Russia] [TARGET 日本の政府機関=Japan]"
    );
    incident!(
        ru_na_and_date,
        "Российские хакеры атаковали на прошлой неделе сети Украины.",
        "[ACTOR Российские хакеры=Russia] [TARGET сети Украины=Ukraine] [DATE на прошлой неделе]"
    );
    incident!(
        es_atribuido_a,
        "El ataque contra el ministerio fue atribuido a Sandworm.",
        "[ACTOR Sandworm=Sandworm Team] [TARGET el ministerio]"
    );
    incident!(
        es_demonym_after_noun,
        "Hackers rusos atacaron a la red eléctrica de Ucrania el año pasado.",
        "[ACTOR Hackers rusos=Russia] [TARGET la red eléctrica de Ucrania=Ukraine] [DATE el año pasado]"
    );
    incident!(
        ar_verb_first,
        "اخترق قراصنة روس شبكات الحكومة الأوكرانية.",
        "[ACTOR قراصنة روس=Russia] [TARGET شبكات الحكومة الأوكرانية]"
    );
    incident!(
        ar_min_qibal,
        "تم اختراق شبكات الوزارة من قبل الصين.",
        "[ACTOR الصين=China]"
    );

    pledge!(
        en_promised_someone_that,
        "President Xi Jinping promised President Joe Biden that China would not interfere in the election.",
        "[ACTOR President Xi Jinping=Xi Jinping] [032 promised] [TO President Joe Biden=Joe Biden] [CONTENT China would not interfere in the election]"
    );
    pledge!(
        en_invitation_from,
        "Qin accepted an invitation from Blinken to visit Washington.",
        "[ACTOR Qin] [036 accepted an invitation] [TO Blinken=Antony Blinken] [CONTENT visit Washington]"
    );
    pledge!(
        en_work_with_the_side,
        "\"We are willing to work with the US side to build a cyber relationship,\" Wang said.",
        "[ACTOR We] [030 willing to] [TO US side] [CONTENT work with the US side to build a cyber relationship]"
    );
    pledge!(
        en_sign_is_057,
        "China and Russia agreed to sign a cybersecurity agreement.",
        "[ACTOR China and Russia=China] [057 agreed to] [CONTENT sign a cybersecurity agreement]"
    );
    // Negative: "to ensure we …" does not make "we" the counterpart.
    pledge!(
        en_we_is_not_a_counterpart,
        "Biden and Xi have pledged to improve communications to ensure we understand each other.",
        "[ACTOR Biden and Xi=Joe Biden] [036 pledged] [CONTENT improve communications to ensure we understand each other]"
    );
    pledge!(
        zh_yu_meifang,
        "中方愿意与美方加强网络安全合作。",
        "[ACTOR 中方=China] [030 愿意] [TO 美方=United States] [CONTENT 与美方加强网络安全合作]"
    );
    pledge!(
        ko_gwa,
        "중국은 미국과 협력하기로 약속했다.",
        "[ACTOR 중국=China] [030 협력하기로] [TO 미국=United States] [CONTENT 미국과]"
    );
    pledge!(
        ja_to_gōi,
        "中国は米国と協力することで合意した。",
        "[ACTOR 中国=China] [030 で合意] [TO 米国=United States] [CONTENT 米国と協力すること]"
    );
    pledge!(
        ru_s,
        "Россия пообещала сотрудничать с США.",
        "[ACTOR Россия=Russia] [030 пообещала] [TO США=United States] [CONTENT сотрудничать с США]"
    );
    pledge!(
        es_con,
        "China se comprometió a cooperar con Estados Unidos en ciberseguridad.",
        "[ACTOR China] [030 se comprometió] [TO Estados Unidos=United States] [CONTENT cooperar con Estados Unidos en ciberseguridad]"
    );
    pledge!(
        ar_verb_first_maa,
        "وتعهدت الصين بالتعاون مع الولايات المتحدة.",
        "[ACTOR الصين=China] [030 وتعهدت] [TO الولايات المتحدة=United States] [CONTENT بالتعاون مع الولايات المتحدة]"
    );

    #[test]
    fn a_pronoun_takes_the_only_person_named_before_it() {
        let text = "Wang Yi met Blinken. He promised to visit Washington.";
        let sentences = crate::engine::sentence::split(text);
        let person = |name: &str, canonical: &str| {
            let start = text.find(name).unwrap();
            Entity {
                span: Span::new(start, start + name.len()),
                label: EntityLabel::Person,
                canonical: canonical.to_string(),
            }
        };
        let he = text.find("He").unwrap();
        let trigger = text.find("promised").unwrap();
        let mut pledge = Pledge {
            sentence_idx: 1,
            span: sentences[1],
            trigger: Span::new(trigger, trigger + "promised".len()),
            polarity: "positive",
            actor: None,
            counterpart: None,
            content: None,
            cameo: DEFAULT_CAMEO,
            plover: "",
        };
        // Two people named before "He": not trivially safe, the text stays unlinked.
        let two = [
            person("Wang Yi", "Wang Yi"),
            person("Blinken", "Antony Blinken"),
        ];
        let norm = crate::engine::cue::normalize(sentences[1].of(text));
        fill_pledge(text, Lang::En, &sentences, &norm, &two, &mut pledge);
        let actor = pledge.actor.clone().unwrap();
        assert_eq!(actor.span, Span::new(he, he + 2));
        assert_eq!(actor.canonical, None);
        // One person: "He" is that person.
        let one = [person("Wang Yi", "Wang Yi")];
        fill_pledge(text, Lang::En, &sentences, &norm, &one, &mut pledge);
        assert_eq!(pledge.actor.unwrap().canonical.as_deref(), Some("Wang Yi"));
        assert_eq!(pledge.cameo, "036");
        assert_eq!(pledge.plover, "CONSULT");
    }

    /// Sentences built from role cues, names and punctuation of every script, in a fixed
    /// pseudo-random order: slicing by byte offsets must never land inside a character.
    #[test]
    fn roles_never_panic_on_mixed_pieces() {
        let pieces = [
            "hacked",
            " by ",
            "Chinese hackers",
            "，",
            "، ",
            "遭到",
            "黑客",
            "对",
            "美方",
            "해커가",
            " 를 ",
            "の",
            "ハッカーが",
            "に",
            "Россия",
            " на ",
            "قراصنة",
            " من قبل ",
            "الصين",
            "“",
            "”",
            "(",
            " each other ",
            "promised",
            " that ",
            " to ",
            "2024年3月",
            "지난해 11월",
            "'s",
            " ",
            ".",
            "é",
            "Ü",
            "İ",
            "\u{0651}",
            "ـ",
            "愿意",
            "与",
            "약속했다",
            "で合意",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..1000 {
            let mut text = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let _ = Engine::builtin().annotate(&text);
        }
    }

    #[test]
    fn roles_never_panic_on_odd_text() {
        let texts = [
            "hacked by",
            "by hackers.",
            "، اخترق ،",
            "遭到",
            "해커가 를",
            "Хакеры на",
            "promised to",
            "\"“ hacked ” by « »",
            "2024年",
            "hackers hacked hackers by by by on on on",
        ];
        for text in texts {
            let _ = Engine::builtin().annotate(text);
        }
    }
}
