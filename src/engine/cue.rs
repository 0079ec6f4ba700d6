//! Cue lexicons: trigger words and the words that cancel or support them, kept as data.
//!
//! Each lexicon is a TSV file in `data/cues/` with the columns `lang`, `kind`, `cue`, `note`.
//! The `kind` column names the role a cue plays in a detector's rules (`trigger`, `context`,
//! `demand`, …); every detector declares the kinds it knows, so a typo in a data file is a
//! load error caught by a test, not a silently dead row.
//!
//! Matching runs on a normalised copy of each sentence (lower case, one kind of apostrophe,
//! hyphens and runs of white space as one space, Arabic without vowel marks and with one
//! form of alef, common traditional Han characters in their simplified form), and every
//! match is mapped back to byte spans of the original text.
//!
//! Word boundaries depend on the script of the cue:
//! - Latin and Cyrillic: the cue starts and ends at word boundaries; a trailing `*` in the
//!   data makes it a stem that may be followed by more letters (`hack*` → "hackers").
//! - Arabic: as Latin, but the cue may carry the proclitics و ف ب ل ك and the article
//!   (`اختراق` matches "باختراق" and "الاختراق").
//! - Han, kana and Hangul: no boundaries; the cue matches anywhere (words are not spaced,
//!   and Korean particles attach to the end of a word).

use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use std::collections::HashMap;
use std::fmt;

use super::lang::Lang;
use super::script::{is_arabic, is_cjk, is_hangul, is_word_char};
use super::span::Span;

/// One row of a cue file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub lang: Lang,
    pub kind: &'static str,
    /// The cue as written in the data file, without the stem marker.
    pub text: &'static str,
    /// The cue may be followed by more letters of the same word.
    pub stem: bool,
}

/// Why a cue file could not be loaded: the line number (1-based) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A cue found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    /// Index into [`CueSet::cues`].
    pub cue: usize,
    pub kind: &'static str,
    /// Byte span in the original text.
    pub span: Span,
    /// Byte span in the normalised sentence ([`Normalized::text`]).
    pub norm: Span,
}

/// The kind that, wherever it matches, hides every other cue it overlaps: a longer phrase
/// that contains a cue but means something else ("hackathon", "약속하지 않").
pub const BLOCK: &str = "block";

/// A compiled cue lexicon.
///
/// A cue that starts with a Latin, Cyrillic or other spaced-script letter only counts at
/// the start of a word ([`fits_boundaries`]), but an automaton run over every byte reports
/// it inside words too: "a", "he" and "it" match in nearly every English word. So the
/// patterns are split in two: those that may start inside a written word (Han, kana,
/// Hangul, Arabic with its proclitics) are searched everywhere, the others only from the
/// offsets where a word can start ([`super::anchored`]).
pub struct CueSet {
    pub cues: Vec<Cue>,
    /// For each distinct normalised pattern, the cues that share it.
    cues_of_pattern: Vec<Vec<usize>>,
    /// For each pattern, whether none of its cues is a stem: it must end where a word ends.
    whole_word_pattern: Vec<bool>,
    /// The patterns that may start inside a word, for an unanchored search.
    inside_words: Option<(AhoCorasick, Vec<usize>)>,
    /// The patterns that start a word, for anchored searches from word starts.
    at_word_start: Option<(DFA, Vec<usize>)>,
    /// `starts_word_pattern[b]`: some pattern of `at_word_start` begins with byte `b`, so
    /// an anchored search from an offset holding another byte would find nothing.
    starts_word_pattern: [bool; 256],
}

/// The automaton over `ids` (indexes into `patterns`), and the ids again to map its
/// pattern numbers back; `None` without patterns.
fn build_matcher<M>(
    patterns: &[String],
    ids: Vec<usize>,
    build: impl FnOnce(Vec<&String>) -> Result<M, aho_corasick::BuildError>,
) -> Result<Option<(M, Vec<usize>)>, CueError> {
    if ids.is_empty() {
        return Ok(None);
    }
    let matcher = build(ids.iter().map(|&i| &patterns[i]).collect()).map_err(|e| CueError {
        line: 0,
        message: e.to_string(),
    })?;
    Ok(Some((matcher, ids)))
}

/// Whether a cue beginning with `first` may stand inside a written word: Han, kana and
/// Hangul have no word boundaries, and Arabic attaches proclitics to the front of a word.
/// Any other cue must start a word ([`fits_boundaries`]).
fn may_start_inside_word(first: char) -> bool {
    is_cjk(first) || is_hangul(first) || is_arabic(first)
}

impl CueSet {
    /// A lexicon without cues (what a detector falls back to if its data cannot load).
    pub fn empty() -> CueSet {
        CueSet {
            cues: Vec::new(),
            cues_of_pattern: Vec::new(),
            whole_word_pattern: Vec::new(),
            inside_words: None,
            at_word_start: None,
            starts_word_pattern: [false; 256],
        }
    }

    /// Parses a cue file whose `kind` column must be one of `kinds` (or [`BLOCK`]).
    pub fn parse(tsv: &'static str, kinds: &[&'static str]) -> Result<CueSet, CueError> {
        CueSet::parse_keeping(tsv, kinds, |_| true)
    }

    /// The cues of a file (as [`CueSet::parse`] reads it) of the kinds `gate` only, and no
    /// [`BLOCK`]: a smaller lexicon for a first look at every sentence, which a detector
    /// uses to pass over the sentences without any cue it needs before searching the whole
    /// lexicon. Whatever the whole lexicon finds of those kinds, this one finds too.
    pub fn parse_gate(
        tsv: &'static str,
        kinds: &[&'static str],
        gate: &[&str],
    ) -> Result<CueSet, CueError> {
        CueSet::parse_keeping(tsv, kinds, |kind| gate.contains(&kind))
    }

    fn parse_keeping(
        tsv: &'static str,
        kinds: &[&'static str],
        keep: impl Fn(&str) -> bool,
    ) -> Result<CueSet, CueError> {
        let mut cues = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (line_idx, line) in tsv.lines().enumerate() {
            let line_no = line_idx + 1;
            if line_idx == 0 || line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&'static str> = line.split('\t').collect();
            let err = |message: String| CueError {
                line: line_no,
                message,
            };
            if cells.len() < 3 {
                return Err(err(format!("expected lang, kind, cue, note; got {line:?}")));
            }
            let lang = Lang::from_code(cells[0]);
            if lang == Lang::Und {
                return Err(err(format!("unknown language {:?}", cells[0])));
            }
            let kind = if cells[1] == BLOCK {
                BLOCK
            } else {
                kinds
                    .iter()
                    .copied()
                    .find(|&k| k == cells[1])
                    .ok_or_else(|| err(format!("unknown kind {:?}", cells[1])))?
            };
            let raw = cells[2];
            if raw.trim() != raw {
                return Err(err(format!("cue {raw:?} has surrounding spaces")));
            }
            let (text, stem) = match raw.strip_suffix('*') {
                Some(t) => (t, true),
                None => (raw, false),
            };
            if normalize(text).text.trim().is_empty() {
                return Err(err("empty cue".to_string()));
            }
            if !seen.insert((cells[0], kind, raw)) {
                return Err(err(format!("duplicate cue {raw:?}")));
            }
            if !keep(kind) {
                continue;
            }
            cues.push(Cue {
                lang,
                kind,
                text,
                stem,
            });
        }
        let mut pattern_idx: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut cues_of_pattern: Vec<Vec<usize>> = Vec::new();
        for (cue_idx, cue) in cues.iter().enumerate() {
            let pattern = normalize(cue.text).text;
            let idx = *pattern_idx.entry(pattern.clone()).or_insert_with(|| {
                patterns.push(pattern);
                cues_of_pattern.push(Vec::new());
                cues_of_pattern.len() - 1
            });
            cues_of_pattern[idx].push(cue_idx);
        }
        let (inside, at_start): (Vec<usize>, Vec<usize>) = (0..patterns.len()).partition(|&i| {
            patterns[i]
                .chars()
                .next()
                .is_some_and(may_start_inside_word)
        });
        let mut starts_word_pattern = [false; 256];
        for &i in &at_start {
            if let Some(&first) = patterns[i].as_bytes().first() {
                starts_word_pattern[usize::from(first)] = true;
            }
        }
        let whole_word_pattern = cues_of_pattern
            .iter()
            .map(|ids| ids.iter().all(|&i| !cues[i].stem))
            .collect();
        Ok(CueSet {
            cues,
            cues_of_pattern,
            whole_word_pattern,
            // Overlapping search reports every candidate, so a long match that fails its
            // boundary test cannot hide a shorter one that passes.
            inside_words: build_matcher(&patterns, inside, |patterns| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(matcher_kind()))
                    .build(patterns)
            })?,
            // Always a DFA: the patterns of spaced scripts make small tables, and the walk
            // from each word start is a table lookup per byte.
            at_word_start: build_matcher(&patterns, at_start, |patterns| {
                DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Anchored)
                    .build(patterns)
            })?,
            starts_word_pattern,
        })
    }

    /// Every cue in `sentence` (a span of `text`) that applies to a document in `lang`,
    /// sorted by position; cues overlapped by a [`BLOCK`] cue are left out.
    pub fn find(&self, text: &str, sentence: Span, lang: Lang) -> (Normalized, Vec<CueMatch>) {
        let norm = normalize(sentence.of(text));
        let found = self.find_in(&norm, sentence, lang);
        (norm, found)
    }

    /// As [`CueSet::find`], on the sentence already normalised: the detectors that read
    /// every sentence share one normalised copy instead of each making its own.
    pub fn find_in(&self, norm: &Normalized, sentence: Span, lang: Lang) -> Vec<CueMatch> {
        let text = norm.text.as_str();
        let mut found = Vec::new();
        let mut consider = |pattern: usize, m_start: usize, m_end: usize| {
            for &cue_idx in &self.cues_of_pattern[pattern] {
                let cue = &self.cues[cue_idx];
                if !applies(cue.lang, lang) {
                    continue;
                }
                let Some(start) = fits_boundaries(text, m_start, m_end, cue) else {
                    continue;
                };
                let end = if cue.stem {
                    word_end(text, m_end)
                } else {
                    m_end
                };
                let orig = norm.original(start, end);
                found.push(CueMatch {
                    cue: cue_idx,
                    kind: cue.kind,
                    span: Span::new(sentence.start + orig.start, sentence.start + orig.end),
                    norm: Span::new(start, end),
                });
            }
        };
        // Most sentences have no character that may begin one of those patterns.
        let inside_words = self
            .inside_words
            .as_ref()
            .filter(|_| norm.has_inside_word_starts);
        if let Some((matcher, ids)) = inside_words {
            for m in matcher.find_overlapping_iter(text) {
                consider(ids[m.pattern().as_usize()], m.start(), m.end());
            }
        }
        if let Some((dfa, ids)) = &self.at_word_start {
            let bytes = text.as_bytes();
            for at in norm.word_starts.iter().map(|&at| at as usize) {
                if !self.starts_word_pattern[usize::from(bytes[at])] {
                    continue;
                }
                super::anchored::prefixes_at(dfa, bytes, at, |pattern, end| {
                    let pattern = ids[pattern.as_usize()];
                    // Most of these matches begin a longer word ("a" in "american"), which
                    // `fits_boundaries` refuses for every cue that is not a stem: refused
                    // here at once.
                    let inside_word = char_at(text, end).is_some_and(is_word_char);
                    if !(inside_word && self.whole_word_pattern[pattern]) {
                        consider(pattern, at, end);
                    }
                });
            }
        }
        let blocks: Vec<Span> = found
            .iter()
            .filter(|m| m.kind == BLOCK)
            .map(|m| m.norm)
            .collect();
        found.retain(|m| m.kind != BLOCK && !blocks.iter().any(|b| b.overlaps(m.norm)));
        // Longer cues first where two start together: "cyber espionage" before "cyber".
        // Two matches with the same key are the same match: an unstable sort orders them as
        // a stable one would.
        found.sort_unstable_by_key(|m| (m.norm.start, std::cmp::Reverse(m.norm.end), m.cue));
        found
    }
}

/// The automaton for the cue lexicons and other small word lists: a DFA, natively and in
/// the browser. A few thousand short patterns make tables of a few megabytes, built once
/// when the engine starts (in the browser, while the worker waits for its first file),
/// that scan several times faster than the NFA.
pub fn matcher_kind() -> AhoCorasickKind {
    AhoCorasickKind::DFA
}

/// Latin-script languages share an alphabet, so their cues apply only to documents in their
/// own language ("once" is Spanish for eleven); cues in other scripts cannot be mistaken and
/// apply everywhere (a Korean caption in an English article still counts).
fn applies(cue_lang: Lang, doc_lang: Lang) -> bool {
    let latin = |l: Lang| matches!(l, Lang::En | Lang::Es | Lang::Fr | Lang::De);
    cue_lang == doc_lang || !latin(cue_lang) || doc_lang == Lang::Und
}

/// Arabic proclitics: conjunction, then preposition, then article, as they may stand
/// before a cue inside one written word.
const ARABIC_PREFIXES: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول",
    "وك", "فب", "فل", "وبال", "فبال", "س", "وس",
];

/// Where the match really starts if `norm[start..end]` may stand for `cue` here: at `start`,
/// or earlier when Arabic proclitics are attached ("باختراق" for `اختراق`). `None` when the
/// cue is only part of a longer word.
fn fits_boundaries(norm: &str, start: usize, end: usize, cue: &Cue) -> Option<usize> {
    let first = char_at(norm, start)?;
    if is_cjk(first) || is_hangul(first) {
        return Some(start);
    }
    if !cue.stem && char_at(norm, end).is_some_and(is_word_char) {
        return None;
    }
    // Most candidates start a word or sit inside a Latin word; only an Arabic cue inside a
    // word needs the walk back to the word's start to look at its proclitics.
    if char_before(norm, start).is_none_or(|c| !is_word_char(c)) {
        return Some(start);
    }
    if !is_arabic(first) {
        return None;
    }
    let word_start = norm[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let prefix = &norm[word_start..start];
    ARABIC_PREFIXES.contains(&prefix).then_some(word_start)
}

/// The character at byte offset `pos` (a character boundary). Most characters around a
/// cue are ASCII, read from their byte without decoding.
fn char_at(text: &str, pos: usize) -> Option<char> {
    match text.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(pos..)?.chars().next(),
    }
}

/// The character that ends right before byte offset `pos` (a character boundary).
fn char_before(text: &str, pos: usize) -> Option<char> {
    match text.as_bytes().get(pos.checked_sub(1)?) {
        // An ASCII byte is a whole character: it is never part of a longer one.
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(..pos)?.chars().next_back(),
    }
}

/// The end of the word that a stem match ends inside ("hack" → "hackers"). Han, kana and
/// Hangul words are not extended: they have no spaces to stop at.
fn word_end(norm: &str, end: usize) -> usize {
    norm[end..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c) || is_cjk(c) || is_hangul(c))
        .map_or(norm.len(), |(p, _)| end + p)
}

/// A normalised copy of a piece of text with the way back to the original bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`, the original span of the character it came from; `u32`
    /// halves the memory written per byte, and a sentence is far shorter than 4 GiB.
    origin: Vec<(u32, u32)>,
    /// The offsets of `text` where a word can start: the beginning, and every character
    /// after one that is not a word character. Cue lexicons search from these offsets
    /// ([`CueSet`]); noted while normalising, they cost no pass of their own.
    word_starts: Vec<u32>,
    /// Whether `text` holds a character that may begin a cue inside a word
    /// ([`may_start_inside_word`]); most sentences have none.
    has_inside_word_starts: bool,
}

impl Normalized {
    /// The original byte span covered by the normalised bytes `start..end`.
    pub fn original(&self, start: usize, end: usize) -> Span {
        if start >= end || end > self.origin.len() {
            return Span::new(0, 0);
        }
        Span::new(
            self.origin[start].0 as usize,
            self.origin[end - 1].1 as usize,
        )
    }

    /// The first normalised offset whose character comes from the original offset
    /// `original` or later (the length of the text if there is none). A binary search:
    /// normalised characters keep the order of the original ones and no two share an
    /// origin, so the first byte found is the first byte of a character.
    pub fn first_at_or_after(&self, original: usize) -> usize {
        self.origin
            .partition_point(|&(start, _)| (start as usize) < original)
    }

    /// Nothing but spaces between the two offsets: the words stand next to each other.
    pub fn only_spaces_between(&self, start: usize, end: usize) -> bool {
        start <= end
            && self
                .text
                .get(start..end)
                .is_some_and(|gap| gap.trim().is_empty())
    }

    /// Words between two normalised offsets: space-separated tokens, with Han and kana
    /// counted as one word per two characters (they are written without spaces).
    pub fn words_between(&self, start: usize, end: usize) -> usize {
        if start >= end || end > self.text.len() {
            return 0;
        }
        let piece = &self.text[start..end];
        let tokens = piece
            .split(' ')
            .filter(|t| t.chars().any(is_word_char))
            .count();
        let cjk = piece.chars().filter(|&c| is_cjk(c)).count();
        tokens + cjk / 2
    }
}

/// How each ASCII byte is normalised: white space and hyphens become a space, the backtick
/// an apostrophe, letters lower case.
const ASCII_NORMALIZED: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'-' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => b' ',
            b'`' => b'\'',
            other => other.to_ascii_lowercase(),
        };
        b += 1;
    }
    table
};

pub fn normalize(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    // The normalised text is built as bytes, every character whole, and checked once at
    // the end: cheaper than pushing each byte through `String::push`.
    let mut normalized: Vec<u8> = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    // About one word in three bytes at most, in most text: enough not to grow.
    let mut word_starts = Vec::with_capacity(text.len() / 3 + 1);
    let mut has_inside_word_starts = false;
    // Whether the output is empty or ends in a space, so a space here would be doubled or
    // leading; tracked instead of looking at the output for every character.
    let mut after_space = true;
    // Whether the output ends in a word character (for `word_starts`).
    let mut after_word_char = false;
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        if b.is_ascii() {
            // Most news text is mostly ASCII: lower-case the byte directly instead of going
            // through the general character mapping.
            let mapped = ASCII_NORMALIZED[usize::from(b)];
            let start = pos as u32;
            pos += 1;
            if mapped == b' ' {
                if after_space {
                    continue;
                }
                after_space = true;
            } else {
                after_space = false;
            }
            if !after_word_char {
                word_starts.push(normalized.len() as u32);
            }
            after_word_char = is_word_char(char::from(mapped));
            normalized.push(mapped);
            origin.push((start, start + 1));
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let from = (pos as u32, (pos + c.len_utf8()) as u32);
        pos += c.len_utf8();
        let mapped = match c {
            // Arabic vowel marks and the tatweel only lengthen or vocalise a word.
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ё' | 'Ё' => 'е',
            c if is_cjk(c) => simplified(c),
            '’' | '‘' | '´' | 'ʼ' => '\'',
            '‐' | '‑' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if mapped == ' ' {
            if after_space {
                continue;
            }
            after_space = true;
        } else {
            after_space = false;
        }
        let single = if is_caseless(mapped) {
            // Han, kana, Hangul and Arabic have no case: no need for the case tables.
            mapped
        } else {
            let mut lower = mapped.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                // Characters whose lower case is several characters (İ) are kept as they are.
                _ => mapped,
            }
        };
        if !after_word_char {
            word_starts.push(normalized.len() as u32);
        }
        after_word_char = is_word_char(single);
        has_inside_word_starts |= may_start_inside_word(single);
        let mut buffer = [0; 4];
        let encoded = single.encode_utf8(&mut buffer);
        normalized.extend_from_slice(encoded.as_bytes());
        origin.extend(std::iter::repeat_n(from, encoded.len()));
    }
    Normalized {
        // Whole characters only, ASCII or encoded from a `char`.
        text: String::from_utf8(normalized).expect("normalised text is UTF-8"),
        origin,
        word_starts,
        has_inside_word_starts,
    }
}

/// Scripts without letter case.
fn is_caseless(c: char) -> bool {
    is_cjk(c) || is_hangul(c) || is_arabic(c)
}

/// Traditional Han characters of the cue words and their neighbours, with their simplified
/// forms, sorted by the traditional character. Chinese news from Taiwan and Hong Kong writes
/// 網絡攻擊 for 网络攻击; mapping both the text and the cues to one form lets one lexicon
/// serve both. Every pair has the same UTF-8 length, and no simplified form is itself a key.
const TRADITIONAL_TO_SIMPLIFIED: &[(char, char)] = &[
    ('並', '并'),
    ('亞', '亚'),
    ('來', '来'),
    ('係', '系'),
    ('個', '个'),
    ('們', '们'),
    ('傳', '传'),
    ('僅', '仅'),
    ('兩', '两'),
    ('動', '动'),
    ('務', '务'),
    ('區', '区'),
    ('協', '协'),
    ('厲', '厉'),
    ('參', '参'),
    ('問', '问'),
    ('嚴', '严'),
    ('國', '国'),
    ('報', '报'),
    ('壞', '坏'),
    ('實', '实'),
    ('寧', '宁'),
    ('將', '将'),
    ('對', '对'),
    ('導', '导'),
    ('屬', '属'),
    ('帳', '账'),
    ('庫', '库'),
    ('強', '强'),
    ('彈', '弹'),
    ('後', '后'),
    ('惡', '恶'),
    ('態', '态'),
    ('應', '应'),
    ('戰', '战'),
    ('擊', '击'),
    ('據', '据'),
    ('擬', '拟'),
    ('擴', '扩'),
    ('擾', '扰'),
    ('數', '数'),
    ('斷', '断'),
    ('於', '于'),
    ('時', '时'),
    ('會', '会'),
    ('極', '极'),
    ('構', '构'),
    ('機', '机'),
    ('權', '权'),
    ('歐', '欧'),
    ('決', '决'),
    ('洩', '泄'),
    ('滲', '渗'),
    ('濟', '济'),
    ('灣', '湾'),
    ('為', '为'),
    ('烏', '乌'),
    ('無', '无'),
    ('爭', '争'),
    ('獲', '获'),
    ('現', '现'),
    ('瘓', '痪'),
    ('癱', '瘫'),
    ('發', '发'),
    ('盜', '盗'),
    ('盡', '尽'),
    ('碼', '码'),
    ('稱', '称'),
    ('穩', '稳'),
    ('竊', '窃'),
    ('節', '节'),
    ('範', '范'),
    ('簽', '签'),
    ('籲', '吁'),
    ('約', '约'),
    ('結', '结'),
    ('絕', '绝'),
    ('絡', '络'),
    ('給', '给'),
    ('統', '统'),
    ('綁', '绑'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('緊', '紧'),
    ('線', '线'),
    ('總', '总'),
    ('織', '织'),
    ('繼', '继'),
    ('續', '续'),
    ('義', '义'),
    ('習', '习'),
    ('聯', '联'),
    ('腦', '脑'),
    ('臺', '台'),
    ('與', '与'),
    ('舉', '举'),
    ('蘭', '兰'),
    ('處', '处'),
    ('號', '号'),
    ('衛', '卫'),
    ('衝', '冲'),
    ('見', '见'),
    ('規', '规'),
    ('視', '视'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('記', '记'),
    ('訪', '访'),
    ('設', '设'),
    ('許', '许'),
    ('該', '该'),
    ('誌', '志'),
    ('認', '认'),
    ('誤', '误'),
    ('說', '说'),
    ('談', '谈'),
    ('請', '请'),
    ('論', '论'),
    ('諜', '谍'),
    ('諾', '诺'),
    ('證', '证'),
    ('識', '识'),
    ('議', '议'),
    ('護', '护'),
    ('變', '变'),
    ('讓', '让'),
    ('負', '负'),
    ('責', '责'),
    ('貿', '贸'),
    ('資', '资'),
    ('賊', '贼'),
    ('質', '质'),
    ('贖', '赎'),
    ('蹤', '踪'),
    ('軍', '军'),
    ('軟', '软'),
    ('輸', '输'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('連', '连'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('選', '选'),
    ('遺', '遗'),
    ('還', '还'),
    ('郵', '邮'),
    ('針', '针'),
    ('釣', '钓'),
    ('長', '长'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('際', '际'),
    ('險', '险'),
    ('雙', '双'),
    ('電', '电'),
    ('韓', '韩'),
    ('須', '须'),
    ('預', '预'),
    ('領', '领'),
    ('題', '题'),
    ('願', '愿'),
    ('類', '类'),
    ('顯', '显'),
    ('駐', '驻'),
    ('駭', '骇'),
    ('體', '体'),
    ('鬥', '斗'),
    ('魚', '鱼'),
    ('麼', '么'),
    ('黨', '党'),
];

fn simplified(c: char) -> char {
    TRADITIONAL_TO_SIMPLIFIED
        .binary_search_by_key(&c, |&(traditional, _)| traditional)
        .map_or(c, |i| TRADITIONAL_TO_SIMPLIFIED[i].1)
}

/// The character offsets where clauses break: punctuation that separates clauses in our
/// languages. A demand or hedge does not reach across one.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '，' | '；' | '：' | '、' | '،' | '؛' | '(' | ')' | '–' | '—'
    )
}

/// True when the normalised text between `start` and `end` holds a clause break.
pub fn clause_break_between(norm: &Normalized, start: usize, end: usize) -> bool {
    start < end && end <= norm.text.len() && norm.text[start..end].chars().any(is_clause_break)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[&str] = &["trigger", "context"];

    /// What `find_in` finds, the plain way: one overlapping search over every pattern and
    /// every offset, kept by the same boundary rules.
    fn found_everywhere(set: &CueSet, norm: &Normalized, lang: Lang) -> Vec<(usize, Span)> {
        let mut patterns: Vec<String> = Vec::new();
        for cue in &set.cues {
            let pattern = normalize(cue.text).text;
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        let everything = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap();
        let text = norm.text.as_str();
        let mut found = Vec::new();
        for m in everything.find_overlapping_iter(text) {
            for &i in &set.cues_of_pattern[m.pattern().as_usize()] {
                let cue = &set.cues[i];
                let Some(start) = fits_boundaries(text, m.start(), m.end(), cue) else {
                    continue;
                };
                if applies(cue.lang, lang) {
                    let end = if cue.stem {
                        word_end(text, m.end())
                    } else {
                        m.end()
                    };
                    found.push((i, Span::new(start, end)));
                }
            }
        }
        let blocks: Vec<Span> = found
            .iter()
            .filter(|(i, _)| set.cues[*i].kind == BLOCK)
            .map(|(_, span)| *span)
            .collect();
        found.retain(|(i, span)| {
            set.cues[*i].kind != BLOCK && !blocks.iter().any(|b| b.overlaps(*span))
        });
        found.sort_by_key(|&(i, span)| (span.start, std::cmp::Reverse(span.end), i));
        found
    }

    /// Searching from word starts, and inside words only where such scripts are, finds
    /// exactly what a search over every offset finds.
    #[test]
    fn word_start_search_agrees_with_a_search_everywhere() {
        let sets = [
            crate::engine::incident::load().unwrap(),
            crate::engine::pledge::load().unwrap(),
            crate::engine::roles::load_roles().unwrap(),
            crate::engine::roles::load_cameo().unwrap(),
        ];
        let texts = [
            (
                "President Xi Jinping promised that China would not interfere; hackers (APT41) \
              stole data, the FBI said. It is a hackathon, not an attack.",
                Lang::En,
            ),
            (
                "El Ministerio de Defensa confirmó el ataque y prometió que no habrá otro.",
                Lang::Es,
            ),
            (
                "Le ministre a promis de ne pas riposter aux pirates.",
                Lang::Fr,
            ),
            (
                "Der Minister versprach, die Hackerangriffe zu untersuchen.",
                Lang::De,
            ),
            (
                "Министр заявил, что хакеры взломали сеть и обещал ответить.",
                Lang::Ru,
            ),
            (
                "وتعهد الجانبان بعدم شن هجمات إلكترونية، وقال إن القراصنة اخترقوا الشبكة.",
                Lang::Ar,
            ),
            ("中方愿同美方合作，网络攻击窃取了数据。網絡攻擊", Lang::Zh),
            ("中国外務省はサイバー攻撃について約束した。", Lang::Ja),
            (
                "양측은 사이버 공격을 하지 않기로 약속했다. 해커가 침입",
                Lang::Ko,
            ),
            (
                "Beijing 承诺 not to hack; وتعهد the US — «промised»",
                Lang::En,
            ),
            ("", Lang::Und),
        ];
        let mut n_found = 0;
        for set in &sets {
            for (text, lang) in texts {
                let norm = normalize(text);
                let found: Vec<(usize, Span)> = set
                    .find_in(&norm, Span::new(0, text.len()), lang)
                    .into_iter()
                    .map(|m| (m.cue, m.norm))
                    .collect();
                assert_eq!(found, found_everywhere(set, &norm, lang), "{text}");
                n_found += found.len();
            }
        }
        assert!(
            n_found > 40,
            "the texts hold cues of every script: {n_found}"
        );
    }

    /// The word starts noted while normalising are where a character follows one that is
    /// not a word character.
    #[test]
    fn word_starts_follow_non_word_characters() {
        for text in [
            "The U.S.-China summit, 2024.",
            "  وقال وانغ  ",
            "习近平会见拜登",
            "a",
            "",
        ] {
            let norm = normalize(text);
            let mut want = Vec::new();
            let mut after_word_char = false;
            for (at, c) in norm.text.char_indices() {
                if !after_word_char {
                    want.push(at as u32);
                }
                after_word_char = is_word_char(c);
            }
            assert_eq!(norm.word_starts, want, "{text:?}");
        }
    }

    fn cue_texts(tsv: &'static str, text: &str, lang: Lang) -> Vec<(&'static str, String)> {
        let set = CueSet::parse(tsv, KINDS).expect("valid test lexicon");
        let (_, found) = set.find(text, Span::new(0, text.len()), lang);
        found
            .into_iter()
            .map(|m| (m.kind, m.span.of(text).to_string()))
            .collect()
    }

    macro_rules! t {
        ($name:ident, $tsv:expr, $text:expr, $lang:expr, [$(($kind:expr, $want:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(&str, String)> = vec![$(($kind, $want.to_string())),*];
                assert_eq!(cue_texts($tsv, $text, $lang), want);
            }
        };
    }

    const HEADER: &str = "lang\tkind\tcue\tnote\n";

    /// The gate of a lexicon finds every cue of its kinds that the whole lexicon finds,
    /// including those a block hides there, and nothing else.
    #[test]
    fn a_gate_finds_what_the_whole_lexicon_finds_of_its_kinds() {
        let tsv = "lang\tkind\tcue\tnote\n\
            en\ttrigger\tpromise*\t\n\
            en\ttrigger\tpledged\t\n\
            en\tcontext\tto\t\n\
            en\tblock\tpromised land\t\n\
            zh\ttrigger\t承诺\t\n\
            ar\ttrigger\tتعهد\t\n";
        let all = CueSet::parse(tsv, KINDS).expect("valid test lexicon");
        let gate = CueSet::parse_gate(tsv, KINDS, &["trigger"]).expect("valid test lexicon");
        let unblocked = CueSet::parse_gate(tsv, KINDS, KINDS).expect("valid test lexicon");
        for text in [
            "They promised to talk, and pledged it twice.",
            "The promised land is far.",
            "Nothing to see here.",
            "中方承诺不干涉。",
            "وتعهد الجانبان بالتعاون",
            "",
        ] {
            let span = Span::new(0, text.len());
            let norm = normalize(text);
            let of_kind = |set: &CueSet| -> Vec<Span> {
                let mut found: Vec<Span> = set
                    .find_in(&norm, span, Lang::En)
                    .into_iter()
                    .filter(|m| m.kind == "trigger")
                    .map(|m| m.span)
                    .collect();
                found.sort();
                found
            };
            // Every kind but blocks: what the whole lexicon finds before blocks hide some.
            let want = of_kind(&unblocked);
            assert!(of_kind(&all).iter().all(|s| want.contains(s)), "{text:?}");
            assert!(
                gate.find_in(&norm, span, Lang::En)
                    .iter()
                    .all(|m| m.kind == "trigger"),
                "{text:?}"
            );
            assert_eq!(of_kind(&gate), want, "{text:?}");
            // The test means something: the block hides a trigger from the whole lexicon.
            if text.contains("promised land") {
                assert!(of_kind(&all).is_empty() && !want.is_empty());
            }
        }
    }

    t!(
        whole_word_and_stem,
        "lang\tkind\tcue\tnote\nen\ttrigger\thack*\t\nen\ttrigger\tbreach\t\n",
        "Shackles aside, Hackers breached nothing; a breach.",
        Lang::En,
        [("trigger", "Hackers"), ("trigger", "breach")]
    );
    t!(
        block_hides_overlapped_cues,
        "lang\tkind\tcue\tnote\nen\ttrigger\thack*\t\nen\tblock\thackathon*\t\n",
        "The hackathon ended; then someone hacked the site.",
        Lang::En,
        [("trigger", "hacked")]
    );
    t!(
        hyphens_and_quotes_are_normalised,
        "lang\tkind\tcue\tnote\nen\ttrigger\tcyber attack*\t\nen\ttrigger\tchina's promise\t\n",
        "It was cyber-attacking, as per China’s promise.",
        Lang::En,
        [
            ("trigger", "cyber-attacking"),
            ("trigger", "China’s promise")
        ]
    );
    t!(
        arabic_proclitics_and_vowel_marks,
        "lang\tkind\tcue\tnote\nar\ttrigger\tاختراق*\t\nar\ttrigger\tهجوم\t\n",
        "وتزامن اكتشاف الاختراق مع باختراقها وهُجُوم وكهجومٍ لكن ماهجوم",
        Lang::Ar,
        [
            ("trigger", "الاختراق"),
            ("trigger", "باختراقها"),
            ("trigger", "وهُجُوم"),
            ("trigger", "وكهجوم")
        ]
    );
    t!(
        han_matches_inside_words,
        "lang\tkind\tcue\tnote\nzh\ttrigger\t黑客\t\n",
        "美国指责中国黑客组织",
        Lang::Zh,
        [("trigger", "黑客")]
    );
    t!(
        latin_cues_stay_in_their_language,
        "lang\tkind\tcue\tnote\nes\ttrigger\tataque*\t\nen\tcontext\tcyber\t\n",
        "ataque cyber",
        Lang::En,
        [("context", "cyber")]
    );
    t!(
        cyrillic_is_case_insensitive,
        "lang\tkind\tcue\tnote\nru\ttrigger\tвзлом*\t\n",
        "Взломали сервер.",
        Lang::Ru,
        [("trigger", "Взломали")]
    );

    /// Both bundled lexicons load: every row has a known language and kind, a non-empty cue,
    /// and no row is repeated.
    #[test]
    fn every_bundled_cue_row_is_valid() {
        let incident = crate::engine::incident::load();
        let pledge = crate::engine::pledge::load();
        assert!(incident.is_ok(), "incident.tsv: {:?}", incident.err());
        assert!(pledge.is_ok(), "pledge.tsv: {:?}", pledge.err());
    }

    #[test]
    fn rejects_bad_rows() {
        for (tsv, what) in [
            ("xx\ttrigger\thack\t\n", "unknown language"),
            ("en\tweird\thack\t\n", "unknown kind"),
            ("en\ttrigger\t*\t\n", "empty cue"),
            ("en\ttrigger\thack\t\nen\ttrigger\thack\t\n", "duplicate"),
        ] {
            let full: &'static str = format!("{HEADER}{tsv}").leak();
            let err = CueSet::parse(full, KINDS)
                .err()
                .unwrap_or_else(|| panic!("{tsv:?} accepted"));
            assert!(err.message.contains(what), "{tsv:?}: {err}");
        }
    }

    t!(
        traditional_chinese_matches_simplified_cues,
        "lang\tkind\tcue\tnote\nzh\ttrigger\t网络攻击\t\n",
        "美方指責中國發動網絡攻擊",
        Lang::Zh,
        [("trigger", "網絡攻擊")]
    );

    #[test]
    fn caseless_characters_are_their_own_lower_case() {
        for c in (0..0x11_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_caseless(c))
        {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn traditional_table_is_sorted_and_flat() {
        let keys: Vec<char> = TRADITIONAL_TO_SIMPLIFIED.iter().map(|&(t, _)| t).collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for &(traditional, simple) in TRADITIONAL_TO_SIMPLIFIED {
            assert_eq!(traditional.len_utf8(), simple.len_utf8());
            assert!(!keys.contains(&simple), "{simple} is also a key");
        }
    }

    /// The binary search agrees with a walk over the characters.
    #[test]
    fn first_at_or_after_agrees_with_a_walk() {
        for text in ["A  b-Ё’ c", "  美国指責  中國", "وهُجُوم ، x", ""] {
            let norm = normalize(text);
            for original in 0..=text.len() + 1 {
                let walked = norm
                    .text
                    .char_indices()
                    .map(|(i, _)| i)
                    .find(|&i| norm.original(i, i + 1).start >= original)
                    .unwrap_or(norm.text.len());
                assert_eq!(
                    norm.first_at_or_after(original),
                    walked,
                    "{text:?} {original}"
                );
            }
        }
    }

    #[test]
    fn original_spans_survive_normalisation() {
        let text = "A  b-Ё’";
        let norm = normalize(text);
        assert_eq!(norm.text, "a b е'");
        let e = norm.text.find('е').unwrap();
        assert_eq!(norm.original(e, e + 'е'.len_utf8()).of(text), "Ё");
        assert_eq!(norm.words_between(0, norm.text.len()), 3);
    }
}
