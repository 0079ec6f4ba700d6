//! Character classes used for word boundaries and script detection.
//!
//! The boundary rules follow the annotation guidelines: a word character is a letter, mark,
//! digit, "_" or "-", and a change between a space-less script (Han, kana) and any other
//! script is a boundary even without a space.

/// Letters, marks, digits, `_` and `-` (a hyphenated compound is one word).
pub fn is_word_char(c: char) -> bool {
    // Asked for nearly every character of a text; outside ASCII, the Unicode tables behind
    // `is_alphanumeric` cost a search each, so the Basic Multilingual Plane (where all our
    // scripts are) is answered from a bit table computed once from the same definition.
    if c.is_ascii() {
        ASCII_WORD_CHARS[c as usize]
    } else if (c as u32) < 0x1_0000 {
        let table = &*BMP_WORD_CHARS;
        let i = c as usize;
        table[i / 64] & (1 << (i % 64)) != 0
    } else {
        is_word_char_by_tables(c)
    }
}

/// [`is_word_char`] for each ASCII character: one lookup instead of five comparisons, for
/// the most common characters of most texts.
const ASCII_WORD_CHARS: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    table
};

fn is_word_char_by_tables(c: char) -> bool {
    c == '_' || c == '-' || c.is_alphanumeric() || is_mark(c)
}

/// [`is_word_char`] for every code point below U+10000, one bit each (8 KB).
static BMP_WORD_CHARS: std::sync::LazyLock<Box<[u64; 1024]>> = std::sync::LazyLock::new(|| {
    let mut table = Box::new([0u64; 1024]);
    for (i, c) in (0..0x1_0000u32).filter_map(|i| char::from_u32(i).map(|c| (i, c))) {
        if is_word_char_by_tables(c) {
            table[i as usize / 64] |= 1 << (i % 64);
        }
    }
    table
});

/// Combining marks common in our scripts (Arabic harakat, Latin combining accents,
/// Devanagari and Hangul jamo are letters already).
pub fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Han ideographs and kana: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D)
}

pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F)
}

pub fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

pub fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F)
}

/// True when `before` and `after` are not joined into one word: either is not a word
/// character, or one is Han/kana and the other is not (as in 美FBI).
pub fn is_boundary(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => !is_word_char(b) || !is_word_char(a) || is_cjk(b) != is_cjk(a),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters() {
        for c in ['a', 'Я', 'و', '王', '시', '7', '_', '-', '\u{064E}'] {
            assert!(is_word_char(c), "{c:?} should be a word char");
        }
        for c in [' ', '.', '’', '“', '،', '。', '\n'] {
            assert!(!is_word_char(c), "{c:?} should not be a word char");
        }
    }

    #[test]
    fn table_agrees_with_the_definition() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_by_tables(c), "{c:?}");
        }
    }

    #[test]
    fn script_change_is_a_boundary() {
        assert!(is_boundary(Some('美'), Some('F')));
        assert!(!is_boundary(Some('a'), Some('b')));
        assert!(!is_boundary(Some('-'), Some('C')));
        assert!(is_boundary(None, Some('C')));
    }
}
