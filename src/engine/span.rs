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
/// Built once per text in O(n); each lookup is a binary search, so converting every
/// annotation of a document costs O(n + k log n).
pub struct CodePointIndex {
    /// Byte offset of every char, in order; `byte_offsets[i]` is where code point `i` starts.
    byte_offsets: Vec<usize>,
    text_len: usize,
}

impl CodePointIndex {
    pub fn new(text: &str) -> CodePointIndex {
        CodePointIndex {
            byte_offsets: text.char_indices().map(|(i, _)| i).collect(),
            text_len: text.len(),
        }
    }

    /// The code point offset of a byte offset that lies on a char boundary (or at the end).
    pub fn code_point(&self, byte_offset: usize) -> usize {
        if byte_offset >= self.text_len {
            return self.byte_offsets.len();
        }
        match self.byte_offsets.binary_search(&byte_offset) {
            Ok(i) => i,
            // Not a char boundary: round down to the char that contains it.
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of code point `cp` (clamped to the end of the text).
    pub fn byte(&self, cp: usize) -> usize {
        self.byte_offsets.get(cp).copied().unwrap_or(self.text_len)
    }

    pub fn n_code_points(&self) -> usize {
        self.byte_offsets.len()
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

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(a.contains(Span::new(1, 5)));
        assert!(!a.contains(Span::new(1, 6)));
    }
}
