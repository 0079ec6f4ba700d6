//! Sentence splitting as the guidelines define it: a sentence is a maximal span ending in
//! `.` `!` `?` `。` `！` `？` `؟` or a line break, where a period inside an abbreviation
//! ("U.S.", "Sen.", "Jan.") or a number or address ("3.5", "chinadaily.com.cn") does not
//! end a sentence.

use super::span::Span;

/// Closing punctuation that belongs to the sentence it follows (`… computers.”`).
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', ')', ']', '」', '』', '）', '】', '〕', '》', '〉',
];

/// Words that are written with a period and rarely end a sentence. Compared without the
/// period, case-sensitively.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj", "Capt",
    "Cmdr", "Adm", "Sgt", "Rev", "Hon", "Pres", "Amb", "Sec", "Jr", "Sr", "St", "Mt", "Ft", "No",
    "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "vs", "etc", "approx", "est", "dept", "Dept", "Inc", "Corp", "Co", "Ltd", "Bros", "Univ",
    "Assn", "Ave", "e.g", "i.e", "a.m", "p.m", "Sr", "Sra", "Dra", "Ud", "Uds", "Lic", "Ing", "Av",
    "Art", "art", "p", "pp", "vol", "Vol", "fig", "Fig", "cf", "al", "г", "гг", "т", "др", "им",
    "ул",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '…' | '｡')
}

/// The first UTF-8 bytes of the terminators and line breaks: every other byte is skipped
/// without decoding. These are ASCII or lead bytes, so they always start a character.
static MAY_START_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let breaks = [
        '\n', '\r', '\u{2028}', '\u{2029}', '.', '!', '?', '。', '！', '？', '؟', '…', '｡',
    ];
    let mut i = 0;
    while i < breaks.len() {
        let mut utf8 = [0; 4];
        let encoded = breaks[i].encode_utf8(&mut utf8);
        table[encoded.as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// Splits `text` into sentence spans (trimmed of surrounding whitespace, never empty).
pub fn split(text: &str) -> Vec<Span> {
    let mut sentences = Vec::new();
    let mut start = 0;
    // Byte offsets throughout: walking the text in place costs no copy of its characters.
    let mut pos = 0;
    // Jump to the next byte that can begin a line break or a terminator; the characters in
    // between change nothing.
    while let Some(skip) = text.as_bytes()[pos..]
        .iter()
        .position(|&b| MAY_START_BREAK[usize::from(b)])
    {
        pos += skip;
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let after_c = pos + c.len_utf8();
        if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
            push_trimmed(text, start, pos, &mut sentences);
            start = after_c;
            pos = after_c;
            continue;
        }
        if !is_terminator(c) {
            pos = after_c;
            continue;
        }
        // Take a run of terminators ("?!", "...") and the closing quotes after it.
        let mut end = after_c;
        while let Some(next) = text[end..].chars().next().filter(|&n| is_terminator(n)) {
            end += next.len_utf8();
        }
        while let Some(next) = text[end..].chars().next().filter(|n| CLOSERS.contains(n)) {
            end += next.len_utf8();
        }
        if ends_sentence(text, pos, end) {
            push_trimmed(text, start, end, &mut sentences);
            start = end;
        }
        pos = end;
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

/// Decides whether the terminator run `text[run_start..run_end]` (closers included) ends a
/// sentence.
fn ends_sentence(text: &str, run_start: usize, run_end: usize) -> bool {
    let Some(c) = text[run_start..].chars().next() else {
        return true;
    };
    // Full-width terminators end a sentence wherever they stand.
    if matches!(c, '。' | '！' | '？' | '｡') {
        return true;
    }
    let rest = &text[run_end..];
    // A period with a letter or digit right after it is inside a token: 3.5, U.S, example.com.
    match rest.chars().next() {
        None => return true,
        Some(n) if n.is_alphanumeric() => return false,
        _ => {}
    }
    if c != '.' || run_end > run_start + c.len_utf8() {
        return true;
    }
    // What follows the spaces: a lowercase word or a digit continues the sentence
    // ("the U.S. government", "Inc. said"); an opening quote or capital may start a new one.
    let after = rest.chars().find(|c| !c.is_whitespace() || *c == '\n');
    if let Some(a) = after {
        if a.is_lowercase() || a == ',' || a == ';' {
            return false;
        }
    }
    let word = word_before(text, run_start);
    !is_abbreviation(word)
}

/// The run of letters and inner periods just before byte offset `end`.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    &head[start..]
}

fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "J", "U.S", "D.C", "U.N".
    let mut letters = word.split('.');
    if word.contains('.') && letters.all(|part| part.chars().count() <= 2 && !part.is_empty()) {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    ABBREVIATIONS.contains(&word)
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + trimmed_start;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_break_character_starts_with_a_marked_byte() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let breaks = is_terminator(c) || matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
            let mut utf8 = [0; 4];
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(!breaks || MAY_START_BREAK[usize::from(first)], "{c:?}");
        }
        for b in (0..=255u8).filter(|&b| MAY_START_BREAK[usize::from(b)]) {
            assert!(
                b.is_ascii() || b >= 0xC0,
                "{b:#x} is not the first byte of a character"
            );
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| s.of(text)).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$($want:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(sentences($text), want);
            }
        };
    }

    t!(
        plain_periods,
        "One. Two! Three? Four",
        ["One.", "Two!", "Three?", "Four"]
    );
    t!(
        us_is_not_an_end,
        "the U.S. government hacked. Then it stopped.",
        ["the U.S. government hacked.", "Then it stopped."]
    );
    t!(
        us_before_capital_name,
        "Currently, the U.S. Department of Justice said so.",
        ["Currently, the U.S. Department of Justice said so."]
    );
    t!(
        titles,
        "Sen. Warren and Dr. Smith met on Jan. 5. They agreed.",
        ["Sen. Warren and Dr. Smith met on Jan. 5.", "They agreed."]
    );
    t!(
        numbers_and_domains,
        "Growth was 3.5 percent, per chinadaily.com.cn today. Next.",
        [
            "Growth was 3.5 percent, per chinadaily.com.cn today.",
            "Next."
        ]
    );
    t!(
        closing_quote_belongs_to_sentence,
        "He said “it is over.” Then he left.",
        ["He said “it is over.”", "Then he left."]
    );
    t!(
        quote_inside_sentence_breaks_at_period,
        "Trump wrote that “the Chinese are now hacking White House computers. Why not?",
        [
            "Trump wrote that “the Chinese are now hacking White House computers.",
            "Why not?"
        ]
    );
    t!(
        chinese_full_stops,
        "中方愿同美方合作。双方同意保持沟通！好吗？",
        ["中方愿同美方合作。", "双方同意保持沟通！", "好吗？"]
    );
    t!(
        arabic_question_mark,
        "هل اخترقوا الشبكة؟ قال نعم.",
        ["هل اخترقوا الشبكة؟", "قال نعم."]
    );
    t!(
        line_breaks_end_sentences,
        "Headline without stop\nBody text.\r\n\nMore",
        ["Headline without stop", "Body text.", "More"]
    );
    t!(
        ellipsis_ends,
        "It could be China ...it could be someone. Yes.",
        ["It could be China ...it could be someone.", "Yes."]
    );
    t!(empty_and_blank, "  \n \n", []);
    t!(
        initials,
        "J. R. Smith spoke. Then left.",
        ["J. R. Smith spoke.", "Then left."]
    );
}
