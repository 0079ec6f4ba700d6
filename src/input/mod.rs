//! From the bytes of a file to text the engine can read, or a clear reason why not.
//!
//! Shared by the CLI and the web app, so both accept and refuse exactly the same files. Every
//! file is untrusted: nothing here panics, recurses on input structure, or keeps markup.
//!
//! The steps, in order:
//!
//! 1. Size and emptiness; UTF-32 is refused by name.
//! 2. A byte order mark (UTF-8, UTF-16LE, UTF-16BE) settles the encoding.
//! 3. Otherwise magic numbers name known binary formats (PNG, PDF, ZIP, …), then UTF-16
//!    without a mark is recognised by its NUL pattern, and files with too many control bytes
//!    are refused as binary data. Bytes with control bytes that read as UTF-16 text in a CJK
//!    script (which has too few NULs for the pattern) are taken as such.
//! 4. The encoding: ISO-2022-JP by its escapes, valid UTF-8, an HTML `<meta charset>`
//!    declaration, or `chardetng`.
//! 5. The format, from the extension or, for other names, from the text itself; HTML becomes
//!    readable text (the `html` module).
//!
//! **The text is normalised once, here**: a leading byte order mark is removed, line endings
//! become `\n` (CRLF and lone CR), stray NUL characters are removed, and HTML is reduced to its
//! text. Every offset in the interchange JSON refers to [`DecodedText::text`], the text after
//! these steps; the original bytes are never addressed.
//!
//! Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F) and zero-width characters
//! (U+200B, U+200C, U+200D, U+2060, U+FEFF after the start) are kept: they change how
//! right-to-left and joined scripts read, and the text shown must be the file's. They are
//! ordinary code points for offsets, and the engine's word boundaries treat them as
//! separators, so names beside them are found (`tests/input_hostile.rs`).

mod binary;
mod charset;
mod html;

use charset::{Choice, Evidence};

/// Files larger than this are refused with a message that states the limit.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// How the text of a file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// Text decoded from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    /// The normalised text (see the module documentation); the offsets of annotations refer
    /// to it.
    pub text: String,
    /// The encoding the bytes were read as ("UTF-8", "GBK", "windows-1256", …).
    pub encoding: &'static str,
    pub format: Format,
    /// Remarks for the reader that did not stop the file from being read, such as "decoded as
    /// GBK (detected)" or "removed 3 NUL byte(s)".
    pub notes: Vec<String>,
}

/// Decodes a file's bytes into text. The error is a message for the reader, without the
/// file name (callers attach it).
pub fn decode(name: &str, bytes: &[u8]) -> Result<DecodedText, String> {
    if let Some(message) = size_problem(bytes.len() as u64) {
        return Err(message);
    }
    if bytes.is_empty() {
        return Err("the file is empty".to_string());
    }
    let declared_format = format_from_name(name);
    let mut notes = Vec::new();

    // UTF-32 marks begin with the UTF-16 ones, so they are checked first.
    if bytes.starts_with(b"\xff\xfe\0\0") || bytes.starts_with(b"\0\0\xfe\xff") {
        return Err("this is UTF-32 text, which is not supported; save it as UTF-8".to_string());
    }
    let choice = match charset::from_bom(bytes) {
        Some(choice) => choice,
        None => {
            if let Some(message) = binary::identify(bytes) {
                return Err(message);
            }
            match charset::utf16_by_pattern(bytes) {
                Some(choice) => choice,
                None => choose_8bit_encoding(bytes, declared_format)?,
            }
        }
    };

    let body = &bytes[choice.skip..];
    let (decoded, had_errors) = choice.encoding.decode_without_bom_handling(body);
    let encoding = choice.encoding.name();
    match choice.evidence {
        Evidence::ByteOrderMark if encoding != "UTF-8" => {
            notes.push(format!("decoded as {encoding} (byte order mark)"));
        }
        Evidence::Utf16Pattern => notes.push(format!("decoded as {encoding} (no byte order mark)")),
        Evidence::Declared => notes.push(format!("decoded as {encoding} (declared in the page)")),
        Evidence::Detected => notes.push(format!("decoded as {encoding} (detected)")),
        _ => {}
    }

    // Control characters are counted before NULs are removed, so that a file with a byte
    // order mark but binary content is still refused; trailing NUL padding does not count.
    let content = decoded.trim_end_matches('\0');
    let (n_controls, n_chars) = binary::count_control_chars(content);
    if binary::too_many_controls(n_controls, n_chars) {
        return Err("this looks like binary data, not a text document".to_string());
    }
    let mut text = normalize(&decoded, &mut notes);
    drop(decoded);
    if had_errors {
        // A damaged byte here and there is noted; a text where more than 1 character in 100
        // (or, in a short text, 1 in 10) could not be decoded is not text in this encoding,
        // and the detector found none better.
        let n_replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
        let n_chars = text.chars().count();
        if binary::too_many_controls(n_replaced, n_chars) || n_replaced * 10 > n_chars {
            return Err("the bytes are not text in any supported encoding".to_string());
        }
        notes.push(format!(
            "{n_replaced} byte sequence(s) that are not valid {encoding} were replaced with \u{fffd}"
        ));
    }

    let format = match declared_format {
        Some(format) => format,
        None => sniff_format(&text)?,
    };
    if format == Format::Html {
        text = html::extract_text(&text);
        if is_blank(&text) {
            return Err("the HTML page contains no readable text".to_string());
        }
    } else if is_blank(&text) {
        return Err("the file contains only whitespace".to_string());
    }
    Ok(DecodedText {
        text,
        encoding,
        format,
        notes,
    })
}

/// The message for a file of `len` bytes that is over the size limit. Callers that can learn
/// a file's size before reading it (the CLI) use it to refuse huge files without loading them,
/// with the same words [`decode`] would use.
pub fn size_problem(len: u64) -> Option<String> {
    const MB: u64 = 1024 * 1024;
    if len <= MAX_FILE_BYTES as u64 {
        return None;
    }
    // Rounded up, so a file just over the limit does not read "64 MB; the limit is 64 MB".
    Some(format!(
        "the file is {} MB; the limit is {} MB",
        len.div_ceil(MB),
        MAX_FILE_BYTES as u64 / MB
    ))
}

/// The format an extension promises, or `None` when the contents must decide.
fn format_from_name(name: &str) -> Option<Format> {
    let file_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, extension) = file_name.rsplit_once('.')?;
    if stem.is_empty() {
        // ".txt" alone is a hidden file named "txt", not a text file without a name.
        return None;
    }
    match extension.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// For files without a telling extension: HTML if the text starts like an HTML page, else
/// plain text (the checks before this one have already refused binary data). An SVG image is
/// text too, but its words are drawing instructions, so it is refused by name.
fn sniff_format(text: &str) -> Result<Format, String> {
    let start: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if !start.starts_with('<') {
        return Ok(Format::Text);
    }
    let html_markers = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ];
    if html_markers.iter().any(|marker| start.contains(marker)) {
        Ok(Format::Html)
    } else if start.contains("<svg") {
        Err("this is an SVG image, not a text document".to_string())
    } else {
        Ok(Format::Text)
    }
}

/// Picks the encoding of bytes without a byte order mark that are not UTF-16, after refusing
/// binary data.
fn choose_8bit_encoding(bytes: &[u8], declared_format: Option<Format>) -> Result<Choice, String> {
    // NUL padding at the end (from fixed-size records or a preallocated file) is not binary
    // content; it is removed later with the other NULs.
    let content_len = bytes
        .iter()
        .rposition(|&b| b != 0)
        .map_or(0, |last| last + 1);
    let content = &bytes[..content_len];
    let n_controls = binary::count_controls(content, false);
    // CJK text in UTF-16 without a byte order mark has control bytes here and there (one
    // character in ten or more); text in an 8-bit encoding has almost none.
    if n_controls > 0 {
        if let Some(choice) = charset::utf16_by_script(content) {
            return Ok(choice);
        }
    }
    if content.is_empty() || binary::too_many_controls(n_controls, content.len()) {
        return Err("this looks like binary data, not a text document".to_string());
    }
    if let Some(choice) = charset::iso_2022_jp(bytes) {
        return Ok(choice);
    }
    // A UTF-8 file with a few damaged bytes gets a note when they are replaced, below.
    if let Some(choice) = charset::utf8(bytes) {
        return Ok(choice);
    }
    let may_be_html = declared_format.is_none_or(|format| format == Format::Html);
    if may_be_html {
        if let Some(choice) = charset::declared_in_html(bytes) {
            return Ok(choice);
        }
    }
    Ok(charset::detect(bytes))
}

/// Removes a leading byte order mark and NUL characters, and turns CRLF and CR into LF.
///
/// Each step searches for a single byte, which is fast, and copies the text only where there
/// is something to change: most files have neither NULs nor carriage returns.
fn normalize(decoded: &str, notes: &mut Vec<String>) -> String {
    let text = decoded.strip_prefix('\u{feff}').unwrap_or(decoded);
    let without_nul;
    let text = if text.as_bytes().contains(&0) {
        let n_nul = text.bytes().filter(|&b| b == 0).count();
        notes.push(format!("removed {n_nul} NUL byte(s)"));
        without_nul = text.replace('\0', "");
        without_nul.as_str()
    } else {
        text
    };
    if !text.as_bytes().contains(&b'\r') {
        return text.to_string();
    }
    let mut normalized = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('\r') {
        normalized.push_str(&rest[..pos]);
        normalized.push('\n');
        rest = &rest[pos + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    normalized.push_str(rest);
    normalized
}

/// Whether text has no visible character: only whitespace, byte order marks or zero-width
/// spaces.
fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(name: &str, bytes: &[u8]) -> DecodedText {
        decode(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn err(name: &str, bytes: &[u8]) -> String {
        match decode(name, bytes) {
            Ok(d) => panic!("{name}: expected a problem, got {:?}", d.text),
            Err(e) => e,
        }
    }

    fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(
            !unmappable,
            "{text} is not representable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    #[test]
    fn legacy_encodings() {
        use encoding_rs::*;
        // (encoding to write, text, name the decoder must report)
        let cases: &[(&'static Encoding, &str, &str)] = &[
            (GBK, "美国指责黑客组织对其政府网络发动网络攻击，中国外交部表示反对一切形式的网络攻击。", "GBK"),
            (GB18030, "外交部发言人表示，中方愿同各方加强网络安全领域的对话与合作，共同应对网络攻击。", "GBK"),
            (BIG5, "美國與台灣官員討論網路攻擊與資訊安全合作，外交部呼籲各國共同維護網路空間和平。", "Big5"),
            (SHIFT_JIS, "日本政府は、国家が支援するハッカー集団によるサイバー攻撃を強く非難し、各国と協力すると表明した。", "Shift_JIS"),
            (EUC_JP, "外務省は、重要インフラへのサイバー攻撃について関係国と緊密に連携していくと発表しました。", "EUC-JP"),
            (ISO_2022_JP, "防衛省は、サイバー攻撃への対処能力を強化するため、同盟国との演習を実施した。", "ISO-2022-JP"),
            (EUC_KR, "한국 정부는 북한 해커 조직의 사이버 공격을 규탄하고 미국과 정보 공유를 강화하기로 합의했다.", "EUC-KR"),
            (WINDOWS_1251, "Министерство иностранных дел России заявило, что обвинения в кибератаках на европейские правительства безосновательны.", "windows-1251"),
            (KOI8_R, "Министерство иностранных дел России заявило, что обвинения в кибератаках на европейские правительства безосновательны.", "KOI8-U"),
            (WINDOWS_1256, "أدانت وزارة الخارجية الهجوم الإلكتروني على المؤسسات الحكومية ودعت إلى تعزيز التعاون الدولي في مجال الأمن السيبراني.", "windows-1256"),
            (WINDOWS_1250, "Polské ministerstvo zahraničí odsoudilo kybernetický útok na vládní servery a vyzvalo k mezinárodní spolupráci. Útočníci údajně působí ze zahraničí.", "windows-1250"),
            (WINDOWS_1252, "Le ministère des Affaires étrangères a condamné la cyberattaque et appelé à une réponse européenne coordonnée contre les pirates.", "windows-1252"),
            (WINDOWS_1253, "Το υπουργείο Εξωτερικών καταδίκασε την κυβερνοεπίθεση κατά κυβερνητικών υπηρεσιών και ζήτησε διεθνή συνεργασία.", "windows-1253"),
        ];
        for (encoding, text, expected) in cases {
            let decoded = ok("news.txt", &encode(encoding, text));
            assert_eq!(decoded.encoding, *expected, "{text}");
            assert_eq!(decoded.text, *text);
            assert!(
                decoded.notes.iter().any(|n| n.contains("detected")),
                "{:?}",
                decoded.notes
            );
        }
    }

    #[test]
    fn byte_order_marks() {
        let text = "Talks on cyber norms — 网络 — переговоры";
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let utf8: Vec<u8> = b"\xef\xbb\xbf"
            .iter()
            .copied()
            .chain(text.bytes())
            .collect();
        for (bytes, expected) in [
            (utf16le, "UTF-16LE"),
            (utf16be, "UTF-16BE"),
            (utf8, "UTF-8"),
        ] {
            let decoded = ok("a.txt", &bytes);
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.encoding, expected);
        }
    }

    #[test]
    fn utf16_without_bom() {
        let text = "The ministry said the intrusion began in March.\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(ok("x.txt", &le).encoding, "UTF-16LE");
        assert_eq!(ok("x.txt", &be).encoding, "UTF-16BE");
        assert_eq!(
            ok("x.txt", &le).text,
            "The ministry said the intrusion began in March.\n"
        );
        // Odd length: the truncated last unit does not stop recognition.
        let mut odd = le.clone();
        odd.push(b'x');
        assert_eq!(ok("x", &odd).encoding, "UTF-16LE");
    }

    #[test]
    fn utf8_stays_utf8() {
        let decoded = ok("a.md", "# Briefing\n\nÉtats-Unis, 中国, Россия.".as_bytes());
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.format, Format::Markdown);
        assert!(decoded.notes.is_empty());
    }

    #[test]
    fn binary_kinds() {
        let mut tar = vec![b'a'; 600];
        tar[257..263].copy_from_slice(b"ustar\0");
        let zip_with =
            |entry: &[u8]| [b"PK\x03\x04".as_slice(), &[0; 26], entry, &[0; 40]].concat();
        // (bytes, words the message must contain)
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
                "this is a PNG image, not a text document",
            ),
            (b"\xff\xd8\xff\xe0\0\x10JFIF".to_vec(), "JPEG image"),
            (b"GIF89a\x01\0\x01\0".to_vec(), "GIF image"),
            (b"RIFF\x24\0\0\0WEBPVP8 ".to_vec(), "WebP image"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3".to_vec(), "PDF document"),
            (
                zip_with(b"notes.txt"),
                "this is a ZIP archive; extract it and drop the documents inside",
            ),
            (zip_with(b"word/document.xml"), "Word document"),
            (zip_with(b"xl/workbook.xml"), "Excel workbook"),
            (zip_with(b"mimetypeapplication/epub+zip"), "EPUB"),
            (b"\x1f\x8b\x08\0\0\0\0\0".to_vec(), "gzip-compressed"),
            (b"7z\xbc\xaf\x27\x1c\0\x04".to_vec(), "7z archive"),
            (b"Rar!\x1a\x07\x01\0".to_vec(), "RAR archive"),
            (tar, "tar archive"),
            (b"\x7fELF\x02\x01\x01\0".to_vec(), "ELF"),
            (b"\xcf\xfa\xed\xfe\x07\0\0\x01".to_vec(), "Mach-O"),
            (b"\0asm\x01\0\0\0".to_vec(), "WebAssembly"),
            (b"SQLite format 3\0\x10\0".to_vec(), "SQLite database"),
            (b"ID3\x04\0\0\0\0\0\0".to_vec(), "MP3"),
            (b"\0\0\0\x20ftypisom\0\0\x02\0".to_vec(), "MP4"),
            (b"\0\0\0\x1cftypheic".to_vec(), "HEIC image"),
            (b"OggS\0\x02".to_vec(), "Ogg"),
            (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0".to_vec(),
                "old-format Microsoft Office",
            ),
            (b"{\\rtf1\\ansi Hello}".to_vec(), "RTF document"),
            ((0..=255u8).cycle().take(4096).collect(), "binary data"),
        ];
        for (bytes, expected) in cases {
            // The extension does not matter: a PNG renamed .txt is still a PNG.
            for name in ["file.txt", "file.html", "file"] {
                let message = err(name, &bytes);
                assert!(
                    message.contains(expected),
                    "{name}: {message:?} should contain {expected:?}"
                );
            }
        }
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(err("a.txt", b""), "the file is empty");
        assert_eq!(
            err("a.txt", b" \r\n\t\n "),
            "the file contains only whitespace"
        );
        assert_eq!(
            err("a.txt", "\u{feff}\u{3000}\u{a0}\n".as_bytes()),
            "the file contains only whitespace"
        );
        assert_eq!(
            err("a.txt", b"\xef\xbb\xbf"),
            "the file contains only whitespace"
        );
        assert_eq!(
            err("a.html", b"<html><script>x()</script></html>"),
            "the HTML page contains no readable text"
        );
    }

    #[test]
    fn size_limit() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert_eq!(
            err("big.txt", &big),
            "the file is 65 MB; the limit is 64 MB"
        );
        let big = vec![b'a'; 70 * 1024 * 1024];
        assert_eq!(
            err("big.txt", &big),
            "the file is 70 MB; the limit is 64 MB"
        );
    }

    #[test]
    fn utf32_refused_by_name() {
        let utf32: Vec<u8> = [0xff, 0xfe, 0, 0]
            .into_iter()
            .chain("Talks".chars().flat_map(|c| (c as u32).to_le_bytes()))
            .collect();
        assert_eq!(
            err("a.txt", &utf32),
            "this is UTF-32 text, which is not supported; save it as UTF-8"
        );
    }

    #[test]
    fn binary_behind_a_byte_order_mark_is_refused() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain((0..400u16).flat_map(|i| [(i % 7) as u8 + 1, 0, 0, 0]))
            .collect();
        assert_eq!(
            err("a.txt", &bytes),
            "this looks like binary data, not a text document"
        );
    }

    #[test]
    fn svg_without_a_text_extension_is_an_image() {
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Hi</text></svg>";
        assert_eq!(
            err("logo.svg", svg),
            "this is an SVG image, not a text document"
        );
        assert_eq!(
            err("logo", svg),
            "this is an SVG image, not a text document"
        );
        assert_eq!(ok("logo.txt", svg).format, Format::Text);
    }

    #[test]
    fn undecodable_bytes_refused() {
        let bytes = [b"\xef\xbb\xbf".as_slice(), &[0xff; 100], b" text"].concat();
        assert_eq!(
            err("a.txt", &bytes),
            "the bytes are not text in any supported encoding"
        );
        let bytes = [
            b"\xef\xbb\xbfA long enough sentence about talks in Geneva.".as_slice(),
            &[0xff],
        ]
        .concat();
        let decoded = ok("a.txt", &bytes);
        assert_eq!(
            decoded.notes,
            ["1 byte sequence(s) that are not valid UTF-8 were replaced with \u{fffd}"]
        );
    }

    #[test]
    fn line_endings_normalised() {
        assert_eq!(
            ok("a.txt", b"one\r\ntwo\rthree\n").text,
            "one\ntwo\nthree\n"
        );
    }

    #[test]
    fn stray_nuls_removed_with_a_note() {
        let decoded = ok("a.txt", b"Sanctions were\0 announced on\0 Monday.\0\0\0\0");
        assert_eq!(decoded.text, "Sanctions were announced on Monday.");
        assert_eq!(decoded.notes, ["removed 6 NUL byte(s)"]);
    }

    #[test]
    fn many_controls_are_binary() {
        let mut bytes = b"some text ".repeat(10);
        bytes.extend(
            [0u8, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
                .iter()
                .cycle()
                .take(100),
        );
        bytes.extend(b"more text");
        assert_eq!(
            err("a.txt", &bytes),
            "this looks like binary data, not a text document"
        );
        assert_eq!(
            err("a.txt", &[0u8; 100]),
            "this looks like binary data, not a text document"
        );
    }

    #[test]
    fn html_by_extension_and_by_sniffing() {
        let page = b"<!DOCTYPE html><title>T</title><p>Hello <script>alert(1)</script>world</p>";
        for name in ["a.html", "a.htm", "a.xhtml", "a", "a.xyz", "A.HTML"] {
            let decoded = ok(name, page);
            assert_eq!(decoded.format, Format::Html, "{name}");
            assert_eq!(decoded.text, "T\nHello world");
        }
        // A .txt file is text even when it holds markup: the UI inserts it as text.
        assert_eq!(ok("a.txt", page).text, String::from_utf8_lossy(page));
        assert_eq!(ok("notes", b"<not html> just a note").format, Format::Text);
        assert_eq!(
            ok("data.csv", b"country,incidents\nEstonia,3\n").format,
            Format::Text
        );
    }

    #[test]
    fn html_meta_charset_honoured() {
        let body = "<p>Министерство иностранных дел заявило о кибератаке.</p>";
        let page = [
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>".as_slice(),
            &encode(encoding_rs::KOI8_R, body),
        ]
        .concat();
        let decoded = ok("page.html", &page);
        assert_eq!(decoded.encoding, "KOI8-R");
        assert_eq!(
            decoded.text,
            "Министерство иностранных дел заявило о кибератаке."
        );
        assert!(decoded
            .notes
            .contains(&"decoded as KOI8-R (declared in the page)".to_string()));
        // Valid UTF-8 wins over a declaration.
        let utf8 = "<meta charset=windows-1251><p>Привет</p>";
        assert_eq!(ok("page.html", utf8.as_bytes()).text, "Привет");
    }

    #[test]
    fn html_extraction_is_safe() {
        let page = r#"<p onclick="steal()">Click</p><img src=x onerror="alert(1)"><a href="javascript:alert(1)">link</a><script>alert(1)</script>"#;
        let text = ok("a.html", page.as_bytes()).text;
        assert_eq!(text, "Click\nlink");
        for forbidden in ["<", "alert", "onerror", "onclick", "javascript:"] {
            assert!(!text.contains(forbidden), "{forbidden}");
        }
    }

    #[test]
    fn deeply_nested_html() {
        let depth = 10_000;
        let page = format!(
            "<title>Deep</title>{}bottom{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert_eq!(ok("deep.html", page.as_bytes()).text, "Deep\nbottom");
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "Десятки кибератак на министерства. ".repeat(4).into_bytes();
        bytes.insert(10, 0xff);
        let decoded = ok("a.txt", &bytes);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(
            decoded.notes,
            ["1 byte sequence(s) that are not valid UTF-8 were replaced with \u{fffd}"]
        );
    }

    #[test]
    fn names_with_paths_and_hidden_looking_names() {
        assert_eq!(format_from_name("dir/sub/a.HTM"), Some(Format::Html));
        assert_eq!(format_from_name("dir\\a.markdown"), Some(Format::Markdown));
        assert_eq!(format_from_name(".txt"), None);
        assert_eq!(format_from_name("README"), None);
        assert_eq!(format_from_name("archive.tar.gz"), None);
    }

    /// A small deterministic generator (xorshift64*), so the random tests need no crate and
    /// fail the same way every time.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn never_panics_on_random_bytes() {
        // Pieces that steer decoding down its different paths, mixed with random bytes.
        let pieces: &[&[u8]] = &[
            b"<",
            b">",
            b"</",
            b"<script>",
            b"</script>",
            b"<title>",
            b"<svg>",
            b"</svg>",
            b"<pre>",
            b"<!--",
            b"-->",
            b"&amp;",
            b"&#x",
            b"<meta charset=",
            b"gbk",
            b"\0",
            b"\r",
            b"\n",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b"\xfe\xff",
            b"PK\x03\x04",
            b"MZ",
            b"\xe4\xb8",
            b"\xd8\x3d",
            "网络攻击".as_bytes(),
            b" ",
        ];
        let names = ["a.txt", "a.html", "a", "a.md", "a.bin"];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..rng.below(120) {
                if rng.below(3) == 0 {
                    bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
                } else {
                    bytes.push(rng.next() as u8);
                }
            }
            let name = names[rng.below(names.len())];
            if let Ok(decoded) = decode(name, &bytes) {
                assert!(!decoded.text.contains('\0'), "{name}: {bytes:?}");
                assert!(!decoded.text.contains('\r'), "{name}: {bytes:?}");
                assert!(!is_blank(&decoded.text));
            }
        }
    }
}
