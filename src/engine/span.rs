//! Byte spans into the caller's original text, and their conversion to code points.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the text given to the engine.
///
/// Spans are always on `char` boundaries of that text. Byte offsets are what Rust string
/// slicing wants; the interchange format uses code points, converted in exactly one place
/// ([`CodePointIndex`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Maps byte offsets of one text to Unicode code point offsets.
///
/// Keeps the byte offset of every [`STRIDE`]th code point only (none for ASCII text, where
/// the two offsets are equal), so the index of a 5 MB document is a few hundred KB rather
/// than one `usize` per character; a lookup is a binary search and a scan of at most
/// `STRIDE` characters.
pub struct CodePointIndex<'t> {
    text: &'t str,
    /// `checkpoints[k]` is where code point `k * STRIDE` starts; empty for ASCII text.
    checkpoints: Vec<usize>,
    n_code_points: usize,
}

/// Code points between two checkpoints of a [`CodePointIndex`].
const STRIDE: usize = 32;

/// Whether a byte starts a UTF-8 sequence (is not a continuation byte).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

impl<'t> CodePointIndex<'t> {
    pub fn new(text: &'t str) -> CodePointIndex<'t> {
        if text.is_ascii() {
            return CodePointIndex {
                text,
                checkpoints: Vec::new(),
                n_code_points: text.len(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut n = 0;
        for (i, &byte) in text.as_bytes().iter().enumerate() {
            if starts_char(byte) {
                if n % STRIDE == 0 {
                    checkpoints.push(i);
                }
                n += 1;
            }
        }
        CodePointIndex {
            text,
            checkpoints,
            n_code_points: n,
        }
    }

    fn is_ascii(&self) -> bool {
        self.checkpoints.is_empty()
    }

    /// The code point offset of a byte offset that lies on a char boundary (or at the end);
    /// inside a char, the offset of that char.
    pub fn code_point(&self, byte_offset: usize) -> usize {
        if byte_offset >= self.text.len() {
            return self.n_code_points;
        }
        if self.is_ascii() {
            return byte_offset;
        }
        let k = self
            .checkpoints
            .partition_point(|&start| start <= byte_offset)
            .saturating_sub(1);
        let bytes = &self.text.as_bytes()[self.checkpoints[k]..=byte_offset];
        // The chars starting from the checkpoint up to and including the one at the offset.
        k * STRIDE + bytes.iter().filter(|&&b| starts_char(b)).count() - 1
    }

    /// The byte offset of code point `cp` (clamped to the end of the text).
    pub fn byte(&self, cp: usize) -> usize {
        if cp >= self.n_code_points {
            return self.text.len();
        }
        if self.is_ascii() {
            return cp;
        }
        let start = self.checkpoints[cp / STRIDE];
        self.text[start..]
            .char_indices()
            .nth(cp % STRIDE)
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    pub fn n_code_points(&self) -> usize {
        self.n_code_points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_of_mixed_scripts() {
        let text = "é王毅 Wang Yi وانغ";
        let index = CodePointIndex::new(text);
        let wang = text.find("Wang").unwrap();
        assert_eq!(index.code_point(wang), 4);
        assert_eq!(index.byte(4), wang);
        assert_eq!(index.code_point(text.len()), text.chars().count());
        let arabic = text.find('و').unwrap();
        assert_eq!(index.code_point(arabic), 12);
    }

    /// Every byte offset and every code point of texts longer than a stride, in several
    /// scripts, against the plain char iteration.
    #[test]
    fn code_points_agree_with_char_indices() {
        let texts = [
            String::new(),
            "plain ASCII text ".repeat(9),
            "é王毅 Wang Yi وانغ يي 🇺🇸 — 시진핑은 ".repeat(7),
            "王".repeat(100),
            format!("{}é", "a".repeat(64)),
        ];
        for text in &texts {
            let index = CodePointIndex::new(text);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            assert_eq!(index.n_code_points(), starts.len());
            for byte in 0..=text.len() + 2 {
                let expected = if byte >= text.len() {
                    starts.len()
                } else {
                    starts.partition_point(|&s| s <= byte) - 1
                };
                assert_eq!(index.code_point(byte), expected, "byte {byte} of {text:?}");
            }
            for cp in 0..=starts.len() + 2 {
                let expected = starts.get(cp).copied().unwrap_or(text.len());
                assert_eq!(index.byte(cp), expected, "code point {cp} of {text:?}");
            }
        }
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(a.contains(Span::new(1, 5)));
        assert!(!a.contains(Span::new(1, 6)));
    }
}
