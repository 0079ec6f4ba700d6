//! Choosing the character encoding of a file's bytes.
//!
//! The order of evidence, strongest first: a byte order mark; the pattern of NUL bytes that
//! UTF-16 without a mark leaves; the escape sequences of ISO-2022-JP; valid (or almost valid)
//! UTF-8; an HTML or XML declaration; then `chardetng`, the detector browsers use for
//! unlabelled legacy pages.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_2022_JP, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How the encoding was chosen; each becomes a different note for the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    ByteOrderMark,
    Utf16Pattern,
    ValidUtf8,
    MostlyUtf8,
    Declared,
    Detected,
}

/// The encoding to read the bytes with, and how many leading bytes (a byte order mark) to skip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub encoding: &'static Encoding,
    pub skip: usize,
    pub evidence: Evidence,
}

/// The encoding given by a byte order mark, if the bytes start with one.
pub fn from_bom(bytes: &[u8]) -> Option<Choice> {
    Encoding::for_bom(bytes).map(|(encoding, skip)| Choice {
        encoding,
        skip,
        evidence: Evidence::ByteOrderMark,
    })
}

/// UTF-16 without a byte order mark. Text in UTF-16 has a NUL byte in every code unit of a
/// character below U+0100 (spaces, digits, punctuation, Latin letters), and always on the same
/// side of the unit: odd offsets for little-endian, even offsets for big-endian. A few stray
/// NULs in a UTF-8 text have no such bias, and binary data has NULs on both sides.
pub fn utf16_by_pattern(bytes: &[u8]) -> Option<Choice> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    let n_units = sample.len() / 2;
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for unit in sample.chunks_exact(2) {
        nul_even += usize::from(unit[0] == 0);
        nul_odd += usize::from(unit[1] == 0);
    }
    // One side must carry NULs in at least one unit in 20 (text mostly in CJK scripts has few
    // characters below U+0100), and either many of them or one unit in 4, so that a couple of
    // stray NULs in a short text do not qualify; the other side must carry almost none (a few
    // CJK characters such as U+4E00 have a zero low byte).
    let biased = |many: usize, few: usize| {
        many >= 2 && many * 20 >= n_units && (many >= 16 || many * 4 >= n_units) && few * 10 <= many
    };
    let encoding = if biased(nul_odd, nul_even) {
        UTF_16LE
    } else if biased(nul_even, nul_odd) {
        UTF_16BE
    } else {
        return None;
    };
    // The whole file must then be well-formed UTF-16 (paired surrogates) without NUL
    // characters; a trailing odd byte is tolerated as a truncated unit.
    let even = &bytes[..bytes.len() & !1];
    let text = encoding.decode_without_bom_handling_and_without_replacement(even)?;
    if text.contains('\0') {
        return None;
    }
    Some(Choice {
        encoding,
        skip: 0,
        evidence: Evidence::Utf16Pattern,
    })
}

/// UTF-16 without a byte order mark and with too few characters below U+0100 for
/// [`utf16_by_pattern`]: Chinese, Japanese or Korean text with little ASCII punctuation. About
/// one such character in ten has a byte below 0x20, so this runs for bytes that hold control
/// bytes, which text in 8-bit encodings does not.
///
/// The bytes are taken as UTF-16 in the byte order in which they are well-formed (paired
/// surrogates, no NUL, no control other than tab and line breaks) and in which at least 95 in
/// 100 of the characters belong to the blocks that text is written in (see
/// [`is_common_text_char`]). Random or binary bytes read as UTF-16 scatter over the whole Basic
/// Multilingual Plane, about half of it outside those blocks; the wrong byte order of real text
/// lands mostly outside them too. One byte in eight must be 0x80 or above, as in every CJK
/// text: ASCII letters read in pairs also fall in the CJK block.
pub fn utf16_by_script(bytes: &[u8]) -> Option<Choice> {
    const MIN_UNITS: usize = 8;
    let even = &bytes[..bytes.len() & !1];
    if even.len() < 2 * MIN_UNITS {
        return None;
    }
    let n_high = even.iter().filter(|&&b| b >= 0x80).count();
    if n_high * 8 < even.len() {
        return None;
    }
    let share_common = |encoding: &'static Encoding| -> Option<(usize, usize)> {
        let text = encoding.decode_without_bom_handling_and_without_replacement(even)?;
        let mut n_chars = 0;
        let mut n_common = 0;
        for c in text.chars() {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
                return None;
            }
            n_chars += 1;
            n_common += usize::from(is_common_text_char(c));
        }
        Some((n_common, n_chars))
    };
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| Some((encoding, share_common(encoding)?)))
        .filter(|&(_, (n_common, n_chars))| n_common * 100 >= n_chars * 95)
        .max_by_key(|&(_, (n_common, _))| n_common)
        .map(|(encoding, _)| Choice {
            encoding,
            skip: 0,
            evidence: Evidence::Utf16Pattern,
        })
}

/// Whether a character belongs to the blocks most text is written in: ASCII and Latin
/// letters, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, general punctuation, CJK
/// punctuation, kana, Hangul, the common CJK ideographs and full-width forms.
fn is_common_text_char(c: char) -> bool {
    matches!(u32::from(c),
        0x09 | 0x0a | 0x0d | 0x20..=0x7e
        | 0xa0..=0x24f
        | 0x370..=0x52f
        | 0x590..=0x6ff
        | 0x900..=0x97f
        | 0xe00..=0xe7f
        | 0x1100..=0x11ff
        | 0x2000..=0x206f
        | 0x3000..=0x30ff
        | 0x3130..=0x318f
        | 0x4e00..=0x9fff
        | 0xac00..=0xd7a3
        | 0xff00..=0xffef)
}

/// ISO-2022-JP, a 7-bit encoding still found in Japanese mail archives. Its bytes are all
/// ASCII and so also valid UTF-8; the escape sequences that switch to JIS X 0208 give it away,
/// and the whole file must then decode without error.
pub fn iso_2022_jp(bytes: &[u8]) -> Option<Choice> {
    let switches_to_kanji = |w: &[u8]| w == b"\x1b$B" || w == b"\x1b$@";
    if !bytes.is_ascii() || !bytes.windows(3).any(switches_to_kanji) {
        return None;
    }
    ISO_2022_JP.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Choice {
        encoding: ISO_2022_JP,
        skip: 0,
        evidence: Evidence::Detected,
    })
}

/// UTF-8, when the bytes are valid UTF-8, or when the valid multi-byte sequences outnumber the
/// invalid bytes ten to one: a UTF-8 file with a damaged byte is still a UTF-8 file, and reading
/// it as a legacy encoding would garble every other non-ASCII character. Legacy CJK text forms
/// valid UTF-8 sequences only by chance, far less often than that.
pub fn utf8(bytes: &[u8]) -> Option<Choice> {
    // Valid UTF-8, the common case, needs no counting.
    if std::str::from_utf8(bytes).is_ok() {
        return Some(Choice {
            encoding: UTF_8,
            skip: 0,
            evidence: Evidence::ValidUtf8,
        });
    }
    let (n_valid_multibyte, n_invalid) = count_utf8_sequences(bytes);
    if n_invalid == 0 {
        return Some(Choice {
            encoding: UTF_8,
            skip: 0,
            evidence: Evidence::ValidUtf8,
        });
    }
    if n_valid_multibyte >= 10 * n_invalid {
        return Some(Choice {
            encoding: UTF_8,
            skip: 0,
            evidence: Evidence::MostlyUtf8,
        });
    }
    None
}

/// Counts valid multi-byte UTF-8 sequences and invalid ones. Stops early, with counts that
/// already fail the ten-to-one test, once the rest of the bytes could not make up for the
/// invalid ones seen: legacy text has an invalid sequence every few bytes, and scanning all of
/// a large file for nothing would be slow.
fn count_utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let (mut n_valid_multibyte, mut n_invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                n_valid_multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                return (n_valid_multibyte, n_invalid);
            }
            Err(err) => {
                let good = &rest[..err.valid_up_to()];
                // The prefix is valid by construction; count its non-ASCII characters.
                n_valid_multibyte += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                n_invalid += 1;
                let skip = err.error_len().unwrap_or(rest.len() - err.valid_up_to());
                rest = &rest[err.valid_up_to() + skip..];
                // Each valid multi-byte sequence takes at least two bytes.
                if n_valid_multibyte + rest.len() / 2 < 10 * n_invalid {
                    return (n_valid_multibyte, n_invalid);
                }
            }
        }
    }
}

/// The encoding an HTML or XHTML file declares in its first 4 KB: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
///
/// Browsers look at the first 1024 bytes; pages in the wild put long comments or scripts first,
/// so a little more is read. Declarations of UTF-16 are ignored, as browsers do, because bytes
/// that reached this point are not UTF-16; a declaration of UTF-8 is ignored because the bytes
/// are known not to be valid UTF-8, so the declaration is wrong.
pub fn declared_in_html(bytes: &[u8]) -> Option<Choice> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut labels = Vec::new();
    if let Some(prolog) = head.trim_start().strip_prefix("<?xml") {
        let prolog = &prolog[..prolog.find("?>").unwrap_or(prolog.len())];
        labels.extend(value_after(prolog, "encoding"));
    }
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        labels.extend(value_after(tag, "charset"));
        rest = &rest[start + 5..];
    }
    labels.into_iter().find_map(|label| {
        let encoding = Encoding::for_label(label.as_bytes())?;
        if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
            return None;
        }
        // "x-user-defined" is a browser-internal mapping; pages that declare it mean Latin.
        let encoding = if encoding.name() == "x-user-defined" {
            WINDOWS_1252
        } else {
            encoding
        };
        Some(Choice {
            encoding,
            skip: 0,
            evidence: Evidence::Declared,
        })
    })
}

/// The value following `key` and `=` in an attribute list, with or without quotes. Finds
/// `charset` inside `content="text/html; charset=gbk"` as well.
fn value_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = text;
    while let Some(pos) = rest.find(key) {
        let after = rest[pos + key.len()..].trim_start();
        rest = &rest[pos + key.len()..];
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
            .unwrap_or(value.len());
        if end > 0 {
            return Some(&value[..end]);
        }
    }
    None
}

/// The legacy encoding `chardetng` considers most likely. It reads at most the first 128 KB:
/// tens of thousands of characters are plenty to tell encodings apart, and the detector
/// scores every candidate encoding for every byte, which takes long on whole large files.
pub fn detect(bytes: &[u8]) -> Choice {
    const SAMPLE: usize = 128 * 1024;
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    let whole = bytes.len() <= SAMPLE;
    detector.feed(&bytes[..bytes.len().min(SAMPLE)], whole);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    Choice {
        encoding,
        skip: 0,
        evidence: Evidence::Detected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_declarations() {
        let cases: &[(&str, Option<&str>)] = &[
            ("<meta charset=gbk>", Some("GBK")),
            ("<META CHARSET='Shift_JIS'>", Some("Shift_JIS")),
            (
                r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#,
                Some("windows-1251"),
            ),
            (
                r#"<?xml version="1.0" encoding="euc-kr"?><html>"#,
                Some("EUC-KR"),
            ),
            ("<meta charset=utf-8>", None),
            ("<meta charset=utf-16>", None),
            ("<meta charset=nonsense>", None),
            ("<meta name=description content=charset>", None),
            ("<meta charset=", None),
            ("<p>no meta</p>", None),
            ("<meta charset=x-user-defined>", Some("windows-1252")),
        ];
        for (html, expected) in cases {
            let found = declared_in_html(html.as_bytes()).map(|c| c.encoding.name());
            assert_eq!(found, *expected, "{html}");
        }
    }

    #[test]
    fn utf16_pattern_needs_bias() {
        let le: Vec<u8> = "Cyber talks resumed in Geneva."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Cyber talks resumed in Geneva."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_by_pattern(&le).map(|c| c.encoding), Some(UTF_16LE));
        assert_eq!(utf16_by_pattern(&be).map(|c| c.encoding), Some(UTF_16BE));
        assert_eq!(
            utf16_by_pattern(b"stray\0nul\0in a longer piece of ordinary text"),
            None
        );
        assert_eq!(utf16_by_pattern(&[0, 0, 0, 0, 0, 0]), None);
    }

    #[test]
    fn utf16_by_script_reads_cjk_without_ascii() {
        let texts = [
            "美国国务院指责一个黑客组织对其政府网络发动网络攻击中方一贯反对一切形式的网络攻击",
            "日本政府は、国家が支援するハッカー集団によるサイバー攻撃を強く非難した。",
            "한국정부는북한해커조직의사이버공격을규탄했다",
        ];
        for text in texts {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            // Too few NULs for the pattern.
            assert_eq!(utf16_by_pattern(&le), None, "{text}");
            assert_eq!(
                utf16_by_script(&le).map(|c| c.encoding),
                Some(UTF_16LE),
                "{text}"
            );
            assert_eq!(
                utf16_by_script(&be).map(|c| c.encoding),
                Some(UTF_16BE),
                "{text}"
            );
        }
    }

    #[test]
    fn utf16_by_script_refuses_binary_and_short_input() {
        // Bytes from a simple generator (a linear congruential one), like compressed data.
        let mut state = 0x1234_5678u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        assert_eq!(utf16_by_script(&noise), None);
        // Structured binary: small integers, each with NULs.
        let records: Vec<u8> = (0..512u32).flat_map(|i| (i * 3).to_le_bytes()).collect();
        assert_eq!(utf16_by_script(&records), None);
        let short: Vec<u8> = "网络攻击"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_by_script(&short), None);
        // Lowercase ASCII read in pairs is CJK ideographs (U+6xxx, U+7xxx); a text with a
        // control byte among its letters is still not UTF-16.
        let ascii = b"cyberattacks\x01on\x01ministries\x01were\x01reported\x01today";
        assert_eq!(utf16_by_script(ascii), None);
    }

    #[test]
    fn mostly_utf8_tolerates_a_damaged_byte() {
        let mut bytes = "Молдова и Румыния обсудили кибератаки. "
            .repeat(3)
            .into_bytes();
        bytes.push(0xff);
        assert_eq!(utf8(&bytes).map(|c| c.evidence), Some(Evidence::MostlyUtf8));
        assert_eq!(utf8(b"caf\xe9 cr\xe8me"), None);
    }
}
