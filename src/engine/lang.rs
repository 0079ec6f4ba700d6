//! Language identification by script, with stop words to tell Latin-script languages apart.
//!
//! The engine's rules are chosen per language, and the scripts of our languages are nearly
//! disjoint (Hangul, kana, Han, Arabic, Cyrillic), so counting letters per script decides
//! most texts exactly; a short stop-word vote separates English, Spanish, French and German.

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

pub fn detect(text: &str) -> Lang {
    let (mut latin, mut cyrillic, mut arabic, mut han, mut kana, mut hangul) = (0, 0, 0, 0, 0, 0);
    for c in text.chars().take(SAMPLE_CHARS) {
        // ASCII (most characters of most texts) is a Latin letter or nothing we count.
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
        } else if ('\u{00C0}'..='\u{024F}').contains(&c) {
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

fn latin_language(text: &str) -> Lang {
    let mut votes = [0usize; STOP_WORDS.len()];
    // The first SAMPLE_CHARS characters, borrowed rather than copied.
    let sample_end = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let sample = &text[..sample_end];
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        // The stop words are short and ASCII: an ASCII word longer than the longest cannot
        // be one, and a shorter one is lowered in a small buffer; other words are lowered in
        // full (their lower case may be shorter: the Kelvin sign is three bytes, "k" one).
        let mut buffer = [0u8; MAX_STOP_WORD_LEN];
        let lower_owned;
        let lower: &str = if word.is_ascii() {
            if word.len() > MAX_STOP_WORD_LEN {
                continue;
            }
            let buffer = &mut buffer[..word.len()];
            buffer.copy_from_slice(word.as_bytes());
            buffer.make_ascii_lowercase();
            std::str::from_utf8(buffer).unwrap_or_default()
        } else {
            lower_owned = word.to_lowercase();
            &lower_owned
        };
        for (i, (_, words)) in STOP_WORDS.iter().enumerate() {
            if words.contains(&lower) {
                votes[i] += 1;
            }
        }
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
