//! Language identification by script, with stop words to tell Latin-script languages apart.
//!
//! The engine's rules are chosen per language, and the scripts of our languages are nearly
//! disjoint (Hangul, kana, Han, Arabic, Cyrillic), so counting letters per script decides
//! most texts exactly; a short stop-word vote separates English, Spanish, French and German.

use std::sync::LazyLock;

use super::script::{is_arabic, is_cyrillic, is_han, is_hangul, is_kana};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
    Fr,
    De,
    Ru,
    Ar,
    Zh,
    Ja,
    Ko,
    Und,
}

impl Lang {
    /// ISO 639-1 code, or "und" (undetermined).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Und => "und",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        match code {
            "en" => Lang::En,
            "es" => Lang::Es,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "ru" => Lang::Ru,
            "ar" => Lang::Ar,
            "zh" => Lang::Zh,
            "ja" => Lang::Ja,
            "ko" => Lang::Ko,
            _ => Lang::Und,
        }
    }
}

/// How much of a long text is looked at: enough to be sure, cheap on huge files.
const SAMPLE_CHARS: usize = 20_000;

const STOP_WORDS: [(Lang, &[&str]); 4] = [
    (
        Lang::En,
        &[
            "the", "and", "of", "to", "in", "is", "that", "with", "for", "was", "said", "on",
        ],
    ),
    (
        Lang::Es,
        &[
            "el", "la", "los", "las", "de", "del", "que", "y", "en", "con", "por", "una", "es",
        ],
    ),
    (
        Lang::Fr,
        &[
            "le", "la", "les", "des", "du", "et", "est", "que", "une", "dans", "pour", "sur",
        ],
    ),
    (
        Lang::De,
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "auf",
        ],
    ),
];

/// How many ASCII bytes [`detect`] counts at once.
const ASCII_BLOCK: usize = 32;

pub fn detect(text: &str) -> Lang {
    let (mut latin, mut cyrillic, mut arabic, mut han, mut kana, mut hangul) = (0, 0, 0, 0, 0, 0);
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut n_chars = 0;
    while pos < bytes.len() && n_chars < SAMPLE_CHARS {
        // A run of ASCII is counted a block at a time (the compiler vectorises the count).
        if let Some(block) = bytes.get(pos..pos + ASCII_BLOCK) {
            if n_chars + ASCII_BLOCK <= SAMPLE_CHARS && block.is_ascii() {
                latin += block.iter().filter(|b| b.is_ascii_alphabetic()).count();
                n_chars += ASCII_BLOCK;
                pos += ASCII_BLOCK;
                continue;
            }
        }
        n_chars += 1;
        let b = bytes[pos];
        // ASCII (most characters of most texts) is a Latin letter or nothing we count, and
        // is read from its byte without decoding.
        if b.is_ascii() {
            latin += usize::from(b.is_ascii_alphabetic());
            pos += 1;
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        pos += c.len_utf8();
        if ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else if is_cyrillic(c) {
            cyrillic += 1;
        } else if is_arabic(c) {
            arabic += 1;
        } else if is_hangul(c) {
            hangul += 1;
        } else if is_kana(c) {
            kana += 1;
        } else if is_han(c) {
            han += 1;
        }
    }
    // A Han or kana character carries about as much text as two or three Latin letters.
    let cjk_weight = 3;
    let candidates = [
        (Lang::En, latin),
        (Lang::Ru, cyrillic),
        (Lang::Ar, arabic),
        (Lang::Ko, hangul * 2),
        (Lang::Zh, (han + kana) * cjk_weight),
    ];
    let (best, count) = candidates
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .unwrap_or((Lang::Und, 0));
    if count == 0 {
        return Lang::Und;
    }
    match best {
        // Japanese mixes kana into Han text; Chinese has none.
        Lang::Zh if kana * 10 > han + kana => Lang::Ja,
        Lang::En => latin_language(text),
        other => other,
    }
}

/// The length of the longest stop word, in bytes.
const MAX_STOP_WORD_LEN: usize = 5;

/// A stop word candidate as a number: its bytes (at most [`MAX_STOP_WORD_LEN`]) and its
/// length, so looking it up compares integers rather than strings.
fn word_key(lower: &[u8]) -> u64 {
    let mut key = (lower.len() as u64) << 56;
    for (i, &b) in lower.iter().enumerate() {
        key |= u64::from(b) << (8 * i);
    }
    key
}

/// Every stop word once, by [`word_key`], with a bit for each language of [`STOP_WORDS`]
/// that has it ("la" is Spanish and French): one binary search over integers per short word
/// instead of comparing it with every list.
static STOP_WORD_LANGS: LazyLock<Vec<(u64, u8)>> = LazyLock::new(|| {
    let mut table: Vec<(u64, u8)> = Vec::new();
    for (i, (_, words)) in STOP_WORDS.iter().enumerate() {
        for &word in words.iter() {
            let key = word_key(word.as_bytes());
            match table.iter_mut().find(|(k, _)| *k == key) {
                Some((_, langs)) => *langs |= 1 << i,
                None => table.push((key, 1 << i)),
            }
        }
    }
    table.sort_unstable();
    table
});

/// The languages (bits of [`STOP_WORD_LANGS`]) that have `lower` as a stop word.
fn stop_word_langs(lower: &[u8]) -> u8 {
    if lower.len() > MAX_STOP_WORD_LEN {
        return 0;
    }
    langs_of_key(word_key(lower))
}

/// The languages that have the stop word with this [`word_key`].
fn langs_of_key(key: u64) -> u8 {
    let table = &*STOP_WORD_LANGS;
    table
        .binary_search_by_key(&key, |&(k, _)| k)
        .map_or(0, |at| table[at].1)
}

/// [`word_key`] of an ASCII word in lower case, lowered on the way.
fn ascii_lower_word_key(word: &[u8]) -> u64 {
    let mut key = (word.len() as u64) << 56;
    for (i, &b) in word.iter().enumerate() {
        key |= u64::from(b.to_ascii_lowercase()) << (8 * i);
    }
    key
}

fn latin_language(text: &str) -> Lang {
    let mut votes = [0usize; STOP_WORDS.len()];
    // The first SAMPLE_CHARS characters, borrowed rather than copied. A text of no more
    // bytes than that has no more characters either.
    let sample_end = if text.len() <= SAMPLE_CHARS {
        text.len()
    } else {
        text.char_indices()
            .nth(SAMPLE_CHARS)
            .map_or(text.len(), |(i, _)| i)
    };
    let sample = &text[..sample_end];
    let mut vote = |word: &str| {
        // The stop words are short and ASCII: an ASCII word longer than the longest cannot
        // be one, and a shorter one is lowered into its key; other words are lowered in full
        // (their lower case may be shorter: the Kelvin sign is three bytes, "k" one).
        let langs = if word.is_ascii() {
            if word.len() > MAX_STOP_WORD_LEN {
                return;
            }
            langs_of_key(ascii_lower_word_key(word.as_bytes()))
        } else {
            stop_word_langs(word.to_lowercase().as_bytes())
        };
        if langs == 0 {
            return;
        }
        for (i, votes) in votes.iter_mut().enumerate() {
            *votes += usize::from(langs >> i & 1);
        }
    };
    // Words are the runs of alphabetic characters. Most characters are ASCII and are
    // classified from their byte; others are decoded. A word of more characters than the
    // longest stop word has bytes cannot be one (lowering never makes fewer characters), so
    // most words are counted past without a vote.
    let bytes = sample.as_bytes();
    let mut word_start: Option<usize> = None;
    let mut word_chars = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        let (alphabetic, len) = if b.is_ascii() {
            (b.is_ascii_alphabetic(), 1)
        } else {
            let c = sample[pos..].chars().next().unwrap_or_default();
            (c.is_alphabetic(), c.len_utf8())
        };
        match (alphabetic, word_start) {
            (true, None) => (word_start, word_chars) = (Some(pos), 1),
            (true, Some(_)) => word_chars += 1,
            (false, Some(start)) => {
                if word_chars <= MAX_STOP_WORD_LEN {
                    vote(&sample[start..pos]);
                }
                word_start = None;
            }
            (false, None) => {}
        }
        pos += len;
    }
    if let Some(start) = word_start.filter(|_| word_chars <= MAX_STOP_WORD_LEN) {
        vote(&sample[start..]);
    }
    let best = (0..votes.len())
        .max_by_key(|&i| (votes[i], usize::MAX - i))
        .unwrap_or(0);
    STOP_WORDS[best].0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_language() {
        let cases = [
            (
                "President Xi Jinping promised that China would not interfere.",
                Lang::En,
            ),
            (
                "El presidente dijo que los hackers atacaron la red del gobierno.",
                Lang::Es,
            ),
            (
                "Le ministre a dit que les pirates sont dans le réseau.",
                Lang::Fr,
            ),
            (
                "Der Minister sagte, dass die Hacker nicht mit dem Netz verbunden sind.",
                Lang::De,
            ),
            ("Министр иностранных дел Китая Ван И заявил", Lang::Ru),
            (
                "قالت وزارة الخارجية الصينية يوم الجمعة إن وانغ يي",
                Lang::Ar,
            ),
            ("中国外交部发言人表示，中方愿同美方合作。", Lang::Zh),
            (
                "中国外務省の報道官は、サイバー攻撃について述べた。",
                Lang::Ja,
            ),
            (
                "시진핑 중국 국가주석이 정상회담을 마친 후 산책하고 있다.",
                Lang::Ko,
            ),
            ("", Lang::Und),
            ("12345 !!!", Lang::Und),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn longest_stop_word() {
        let longest = STOP_WORDS.iter().flat_map(|(_, words)| words.iter());
        assert_eq!(longest.map(|w| w.len()).max(), Some(MAX_STOP_WORD_LEN));
        assert!(STOP_WORDS
            .iter()
            .flat_map(|(_, w)| w.iter())
            .all(|w| w.is_ascii()));
    }

    #[test]
    fn english_article_with_korean_caption_is_english() {
        let text = "▲ 조 바이든 미국 대통령과 시진핑 중국 국가주석이\n\
                    President Joe Biden of the United States and President Xi Jinping of China \
                    are seen taking a walk together after concluding a summit at the estate.";
        assert_eq!(detect(text), Lang::En);
    }
}
