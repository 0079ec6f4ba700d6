//! Recognising files that are not text: by their magic numbers, and by how many control bytes
//! they hold.
//!
//! Each known format gets its own message, so a reader who drops a PDF or a Word file learns
//! what to do instead of seeing "not text".

/// The message for a file whose first bytes identify a known non-text format, if they do.
///
/// The checks are ordered so that short signatures which could begin a real text file ("MZ",
/// "ID3") are only trusted together with the bytes that must follow them.
pub fn identify(bytes: &[u8]) -> Option<String> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);

    let image = |kind: &str| Some(format!("this is a {kind} image, not a text document"));
    let audio_video = |kind: &str| Some(format!("this is {kind}, not a text document"));
    let compressed = |kind: &str| {
        Some(format!(
            "this is a {kind}-compressed file; decompress it and drop the documents inside"
        ))
    };
    let archive = |kind: &str| {
        Some(format!(
            "this is a {kind} archive; extract it and drop the documents inside"
        ))
    };
    let program = |kind: &str| Some(format!("this is {kind}, not a text document"));

    if starts(b"\x89PNG\r\n\x1a\n") {
        return image("PNG");
    }
    if starts(b"\xff\xd8\xff") {
        return image("JPEG");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return image("GIF");
    }
    if starts(b"RIFF") && at(8, b"WEBP") {
        return image("WebP");
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return image("TIFF");
    }
    if starts(b"8BPS") {
        return image("Photoshop");
    }
    if at(4, b"ftyp") {
        // ISO media files name their flavour ("brand") right after "ftyp".
        return match bytes.get(8..12) {
            Some(b"heic" | b"heix" | b"mif1" | b"msf1") => image("HEIC"),
            Some(b"avif" | b"avis") => image("AVIF"),
            _ => audio_video("an MP4 or QuickTime video or audio file"),
        };
    }
    if starts(b"%PDF-") {
        return Some(
            "this is a PDF document; copy its text into a .txt file, or save it as text, and drop that"
                .to_string(),
        );
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Some(zip_message(bytes));
    }
    if starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Some(
            "this is an old-format Microsoft Office document (.doc, .xls or .ppt); save it as \
             plain text or HTML and drop that"
                .to_string(),
        );
    }
    if starts(b"{\\rtf") {
        return Some(
            "this is an RTF document; save it as plain text or HTML and drop that".to_string(),
        );
    }
    if starts(b"\x1f\x8b") {
        return compressed("gzip");
    }
    if starts(b"BZh") && at(4, b"1AY&SY") {
        return compressed("bzip2");
    }
    if starts(b"\xfd7zXZ\0") {
        return compressed("xz");
    }
    if starts(b"\x28\xb5\x2f\xfd") {
        return compressed("Zstandard");
    }
    if starts(b"7z\xbc\xaf\x27\x1c") {
        return archive("7z");
    }
    if starts(b"Rar!\x1a\x07") {
        return archive("RAR");
    }
    if at(257, b"ustar") {
        return archive("tar");
    }
    if starts(b"!<arch>\n") {
        return archive("ar");
    }
    if starts(b"\x7fELF") {
        return program("a compiled program (ELF)");
    }
    if is_windows_program(bytes) {
        return program("a Windows program (EXE or DLL)");
    }
    if starts(b"\xfe\xed\xfa\xce")
        || starts(b"\xfe\xed\xfa\xcf")
        || starts(b"\xce\xfa\xed\xfe")
        || starts(b"\xcf\xfa\xed\xfe")
    {
        return program("a compiled program (Mach-O)");
    }
    if starts(b"\xca\xfe\xba\xbe") {
        return program("a compiled program (Mach-O or Java class)");
    }
    if starts(b"\0asm") {
        return program("a WebAssembly module");
    }
    if starts(b"SQLite format 3\0") {
        return Some("this is an SQLite database, not a text document".to_string());
    }
    if starts(b"bplist00") {
        return Some("this is a binary property list, not a text document".to_string());
    }
    if starts(b"wOFF") || starts(b"wOF2") || starts(b"OTTO") {
        return Some("this is a font file, not a text document".to_string());
    }
    // "ID3" must be followed by a plausible version (2 to 4) and revision (0), else a text that
    // happens to begin with those letters would be refused.
    if starts(b"ID3") && matches!(bytes.get(3..5), Some([2..=4, 0])) {
        return audio_video("an MP3 audio file");
    }
    // A bare MPEG audio frame header. 0xFF never begins a UTF-8 or UTF-16 text (UTF-16 byte order
    // marks are handled before this check runs).
    if bytes.len() >= 4 && bytes[0] == 0xff && matches!(bytes[1], 0xfb | 0xf3 | 0xf2 | 0xfa) {
        return audio_video("an MP3 audio file");
    }
    if starts(b"OggS") {
        return audio_video("an Ogg audio or video file");
    }
    if starts(b"fLaC") {
        return audio_video("a FLAC audio file");
    }
    if starts(b"RIFF") && at(8, b"WAVE") {
        return audio_video("a WAV audio file");
    }
    if starts(b"RIFF") && at(8, b"AVI ") {
        return audio_video("an AVI video file");
    }
    if starts(b"\x1a\x45\xdf\xa3") {
        return audio_video("a Matroska or WebM video file");
    }
    None
}

/// Office documents, EPUB books and OpenDocument files are all ZIP archives; their first
/// entries tell them apart, and each deserves its own advice.
fn zip_message(bytes: &[u8]) -> String {
    // The first local file names and the EPUB/OpenDocument "mimetype" entry sit near the start.
    let head = &bytes[..bytes.len().min(4096)];
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    let save_as =
        |kind: &str| format!("this is {kind}; save it as plain text or HTML and drop that");
    if contains(b"application/epub+zip") {
        return save_as("an EPUB e-book");
    }
    if contains(b"application/vnd.oasis.opendocument") {
        return save_as("an OpenDocument file (.odt, .ods or .odp)");
    }
    if contains(b"word/") {
        return save_as("a Word document (.docx)");
    }
    if contains(b"xl/") {
        return save_as("an Excel workbook (.xlsx)");
    }
    if contains(b"ppt/") {
        return save_as("a PowerPoint presentation (.pptx)");
    }
    "this is a ZIP archive; extract it and drop the documents inside".to_string()
}

/// "MZ" alone could begin a text; a real DOS/Windows executable also has the "PE" header its
/// offset field points to, or the DOS stub message.
fn is_windows_program(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"MZ") || bytes.len() < 64 {
        return false;
    }
    let pe_offset = u32::from_le_bytes([bytes[60], bytes[61], bytes[62], bytes[63]]) as usize;
    let has_pe_header = pe_offset
        .checked_add(4)
        .and_then(|end| bytes.get(pe_offset..end))
        .is_some_and(|header| header == b"PE\0\0");
    let stub = b"This program cannot be run in DOS mode";
    let head = &bytes[..bytes.len().min(512)];
    has_pe_header || head.windows(stub.len()).any(|w| w == stub)
}

/// Whether a byte is a control character that plain text does not use. Tab, line feed, form
/// feed, carriage return and escape (which ISO-2022-JP needs) are allowed.
pub fn is_binary_control_byte(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0b | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f)
}

/// The number of control characters that plain text does not use (C0 other than tab, line
/// feed, form feed, carriage return and escape; DEL; C1) and of all characters in a text.
/// Works on the UTF-8 bytes, because it runs over whole files of up to 64 MB.
pub fn count_control_chars(text: &str) -> (usize, usize) {
    (count_controls(text.as_bytes(), true), text.chars().count())
}

/// The number of bytes that are [`is_binary_control_byte`], and with `c1` also of C1 control
/// characters in UTF-8 (C2 80 to C2 9F).
///
/// Decoding scans every file twice for controls, and a file may hold 64 MB. Eight bytes at a
/// time are tested at once, and only a group with a byte below 0x20, a DEL or a C2 lead byte is
/// looked at byte by byte; in text that is one group in several (line breaks), so large files
/// are scanned several times faster, in unoptimised test builds too.
pub fn count_controls(bytes: &[u8], c1: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Whether a word has a byte equal to zero: the classic test, exact for the word as a whole.
    let has_zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGH_BITS != 0;
    let is_c1_at = |i: usize| bytes[i] == 0xc2 && matches!(bytes.get(i + 1), Some(0x80..=0x9f));
    let count_in = |from: usize, to: usize| {
        (from..to)
            .filter(|&i| is_binary_control_byte(bytes[i]) || (c1 && is_c1_at(i)))
            .count()
    };
    let mut n = 0;
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of eight bytes"));
        // A byte below 0x20 borrows when 0x20 is taken from it and has its high bit clear.
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS != 0;
        let suspect = below_space
            || has_zero_byte(word ^ (ONES * 0x7f))
            || (c1 && has_zero_byte(word ^ (ONES * 0xc2)));
        if suspect {
            n += count_in(start, start + 8);
        }
        start += 8;
    }
    n + count_in(start, bytes.len())
}

/// Text may hold a few stray control characters (a NUL from a broken copy, a form feed from a
/// printer file); a file where more than 1 in 100 characters are controls is binary data.
pub fn too_many_controls(n_controls: usize, n_total: usize) -> bool {
    n_controls > 8 && n_controls * 100 > n_total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_signatures_need_their_context() {
        assert_eq!(identify(b"MZ is a postcode prefix"), None);
        assert_eq!(identify(b"ID3 tags are metadata"), None);
        assert_eq!(identify(b"BZh, a text"), None);
        assert_eq!(identify(b"RIFF in text"), None);
    }

    #[test]
    fn windows_program_by_pe_header() {
        let mut exe = vec![0u8; 200];
        exe[..2].copy_from_slice(b"MZ");
        exe[60] = 128;
        exe[128..132].copy_from_slice(b"PE\0\0");
        assert!(identify(&exe).unwrap().contains("Windows program"));
        // A header offset pointing past the end must not panic.
        exe[60..64].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(identify(&exe), None);
    }

    #[test]
    fn counting_controls() {
        assert_eq!(
            count_control_chars("a\u{0}b\u{85}c\u{7f}é\tx\u{9f}中\u{1}\u{a0}\u{1b}\n"),
            (5, 15)
        );
        assert_eq!(count_control_chars(""), (0, 0));
    }

    /// The eight-bytes-at-a-time scan against the plain definition, on every control byte at
    /// every position of a group, C1 controls split across two groups included.
    #[test]
    fn fast_count_matches_byte_by_byte() {
        let plain = |bytes: &[u8], c1: bool| {
            (0..bytes.len())
                .filter(|&i| {
                    is_binary_control_byte(bytes[i])
                        || (c1 && bytes[i] == 0xc2 && matches!(bytes.get(i + 1), Some(0x80..=0x9f)))
                })
                .count()
        };
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for byte in [
            0u8, 1, 8, 9, 10, 0x0c, 0x0d, 0x1b, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff,
        ] {
            for position in 0..19 {
                let mut text = b"Talks resumed in Geneva.".to_vec();
                text[position] = byte;
                texts.push(text);
            }
        }
        for position in 0..17 {
            let mut text = "Talks in Geneva, ".as_bytes().to_vec();
            text.splice(position..position, "\u{85}\u{a0}«".bytes());
            texts.push(text);
        }
        for text in &texts {
            for c1 in [false, true] {
                assert_eq!(count_controls(text, c1), plain(text, c1), "{text:?}");
            }
        }
    }

    #[test]
    fn control_threshold() {
        assert!(!too_many_controls(8, 10));
        assert!(!too_many_controls(9, 900));
        assert!(too_many_controls(10, 900));
    }
}
