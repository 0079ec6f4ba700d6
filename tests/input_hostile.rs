//! Hostile and broken files through `annotate_file`, the path the CLI and the web app share:
//! each is either refused with a message that names the file and the reason, or read into
//! the text it holds, with every annotation a valid code point span of that text.
//!
//! The CLI side of the same list (directories, file names, many files, the size limit) is in
//! `tests/cli_hostile.rs`.
#![cfg(not(target_arch = "wasm32"))]

use dossier::export::ExportDocument;
use dossier::input::MAX_FILE_BYTES;

/// What a file must give.
enum Expect {
    /// Refused with exactly this message.
    Refused(&'static str),
    /// Read into exactly this text.
    Text(&'static str),
    /// Read; the text contains these pieces and none of those.
    Contains(&'static [&'static str], &'static [&'static str]),
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text} does not fit {}", encoding.name());
    bytes.into_owned()
}

fn with(prefix: &[u8], body: &[u8]) -> Vec<u8> {
    [prefix, body].concat()
}

/// A tar archive of one file, as `tar` writes it: a 512-byte header with "ustar" at 257.
fn tar_of(name: &str, contents: &[u8]) -> Vec<u8> {
    let mut header = vec![0u8; 512];
    header[..name.len()].copy_from_slice(name.as_bytes());
    header[100..107].copy_from_slice(b"0000644");
    header[124..135].copy_from_slice(format!("{:011o}", contents.len()).as_bytes());
    header[156] = b'0';
    header[257..263].copy_from_slice(b"ustar\0");
    header[263..265].copy_from_slice(b"00");
    let mut tar = header;
    tar.extend_from_slice(contents);
    tar.resize(tar.len().div_ceil(512) * 512 + 1024, 0);
    tar
}

/// Every annotation covers exactly its text, in code points, within the document.
fn check_spans(doc: &ExportDocument) {
    let chars: Vec<char> = doc.text.chars().collect();
    for a in &doc.annotations {
        assert!(
            a.start < a.end && a.end <= chars.len(),
            "{}: {}..{} outside {} code points",
            doc.name,
            a.start,
            a.end,
            chars.len()
        );
        let covered: String = chars[a.start..a.end].iter().collect();
        assert_eq!(covered, a.text, "{}: span text", doc.name);
    }
}

fn entity_texts(doc: &ExportDocument) -> Vec<&str> {
    doc.annotations
        .iter()
        .filter(|a| a.layer.as_str() == "entity")
        .map(|a| a.text.as_str())
        .collect()
}

const LEGACY_ZH: &str =
    "外交部发言人表示，中方一贯反对一切形式的网络攻击。维吾尔语：ئۇيغۇر；生僻字𠮷。";
const LEGACY_KO: &str = "한국 정부는 북한 해커 조직의 사이버 공격을 규탄했다. 외교부는 미국과 정보 공유를 강화하기로 합의했다.";
const LEGACY_JA: &str = "日本政府は、国家が支援するハッカー集団によるサイバー攻撃を強く非難した。外務省は同盟国と協力すると表明した。";
const LEGACY_RU: &str = "Министерство иностранных дел России отвергло обвинения в кибератаках. Посол заявил, что Москва готова к переговорам.";
const LEGACY_FR: &str = "Le ministère français a dénoncé une cyberattaque contre l’hôpital. « Nous répondrons », a déclaré le porte-parole.";
const LEGACY_AR: &str =
    "أدانت وزارة الخارجية الهجوم الإلكتروني على المؤسسات الحكومية. ودعت إلى تعزيز التعاون الدولي.";
const MIXED: &str =
    "The ministry in Beijing said talks resumed. وقالت الوزارة إن المحادثات استؤنفت.\n";
const ZH_ONLY: &str =
    "美国国务院指责一个黑客组织对其政府网络发动网络攻击中方一贯反对一切形式的网络攻击";

fn cases() -> Vec<(&'static str, Vec<u8>, Expect)> {
    use encoding_rs::*;
    use Expect::*;
    let zip = with(b"PK\x03\x04\x14\0\0\0\x08\0", &[0; 40]);
    vec![
        // Empty and blank files.
        ("empty.txt", vec![], Refused("the file is empty")),
        ("blank.txt", b" \r\n\t\n  ".to_vec(), Refused("the file contains only whitespace")),
        (
            "unicode-blank.md",
            "\u{feff}\u{a0}\u{3000}\u{200b}\n".as_bytes().to_vec(),
            Refused("the file contains only whitespace"),
        ),
        ("blank.html", b"<html><body> <p> </p></body></html>".to_vec(), Refused("the HTML page contains no readable text")),
        // Binary files and images renamed .txt.
        ("photo.txt", with(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &[0; 64]), Refused("this is a PNG image, not a text document")),
        ("photo.jpg.txt", with(b"\xff\xd8\xff\xe0\0\x10JFIF\0", &[7; 64]), Refused("this is a JPEG image, not a text document")),
        ("animation.txt", with(b"GIF89a\x01\0\x01\0", &[0; 32]), Refused("this is a GIF image, not a text document")),
        ("program.txt", with(b"\x7fELF\x02\x01\x01\0", &[0; 64]), Refused("this is a compiled program (ELF), not a text document")),
        (
            "report.txt",
            with(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"1 0 obj"),
            Refused("this is a PDF document; copy its text into a .txt file, or save it as text, and drop that"),
        ),
        ("noise.txt", (0..=255u8).cycle().take(3000).collect(), Refused("this looks like binary data, not a text document")),
        // Archives, under their own names and renamed .txt.
        ("articles.zip", zip.clone(), Refused("this is a ZIP archive; extract it and drop the documents inside")),
        ("articles.txt", zip, Refused("this is a ZIP archive; extract it and drop the documents inside")),
        (
            "notes.txt.gz",
            with(b"\x1f\x8b\x08\0\0\0\0\0\0\x03", &[0x2b, 0x49, 0x2d, 0x2e, 0x01, 0]),
            Refused("this is a gzip-compressed file; decompress it and drop the documents inside"),
        ),
        ("notes.txt", with(b"\x1f\x8b\x08\0\0\0\0\0\0\x03", &[1; 20]), Refused("this is a gzip-compressed file; decompress it and drop the documents inside")),
        ("bundle.7z", with(b"7z\xbc\xaf\x27\x1c\0\x04", &[9; 24]), Refused("this is a 7z archive; extract it and drop the documents inside")),
        ("bundle.tar", tar_of("article.txt", b"Talks resumed in Geneva.\n"), Refused("this is a tar archive; extract it and drop the documents inside")),
        ("bundle.txt", tar_of("article.txt", b"Talks resumed in Geneva.\n"), Refused("this is a tar archive; extract it and drop the documents inside")),
        // Invalid UTF-8: behind a UTF-8 byte order mark the file claims UTF-8 and is refused
        // when mostly broken; without one, a Latin-1 file is legacy text; one damaged byte in
        // UTF-8 is replaced.
        (
            "broken-bom.txt",
            with(b"\xef\xbb\xbf", &[0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0xc0, 0xaf, b'a']),
            Refused("the bytes are not text in any supported encoding"),
        ),
        ("latin1.txt", b"Caf\xe9 cr\xe8me: the minist\xe8re said the talks in Gen\xe8ve went well.".to_vec(), Text("Café crème: the ministère said the talks in Genève went well.")),
        (
            "damaged.txt",
            with("Москва отвергла обвинения в кибератаках. Посол заявил о переговорах. ".as_bytes(), b"\xff end."),
            Text("Москва отвергла обвинения в кибератаках. Посол заявил о переговорах. \u{fffd} end."),
        ),
        // UTF-16 with and without a byte order mark, in both byte orders.
        ("utf16le-bom.txt", with(b"\xff\xfe", &utf16le(MIXED)), Text(MIXED)),
        ("utf16be-bom.txt", with(b"\xfe\xff", &utf16be(MIXED)), Text(MIXED)),
        ("utf16le.txt", utf16le(MIXED), Text(MIXED)),
        ("utf16be.txt", utf16be(MIXED), Text(MIXED)),
        ("utf16le-crlf.txt", utf16le("Talks resumed.\r\nChina denied the hack.\r\n"), Text("Talks resumed.\nChina denied the hack.\n")),
        // CJK without ASCII has too few NULs for the pattern test, and control bytes all over.
        ("utf16le-zh.txt", utf16le(ZH_ONLY), Text(ZH_ONLY)),
        ("utf16be-zh.txt", utf16be(ZH_ONLY), Text(ZH_ONLY)),
        ("utf16le-ja", utf16le(LEGACY_JA), Text(LEGACY_JA)),
        (
            "utf32.txt",
            with(b"\xff\xfe\0\0", &"Talks".chars().flat_map(|c| (c as u32).to_le_bytes()).collect::<Vec<u8>>()),
            Refused("this is UTF-32 text, which is not supported; save it as UTF-8"),
        ),
        // Legacy encodings, detected without any declaration. GB18030 includes four-byte
        // sequences (Uyghur letters, 𠮷) that GBK lacks.
        ("zh-gb18030.txt", encode(GB18030, LEGACY_ZH), Text(LEGACY_ZH)),
        ("ko-euc-kr.txt", encode(EUC_KR, LEGACY_KO), Text(LEGACY_KO)),
        ("ja-shift-jis.txt", encode(SHIFT_JIS, LEGACY_JA), Text(LEGACY_JA)),
        ("ru-windows-1251.txt", encode(WINDOWS_1251, LEGACY_RU), Text(LEGACY_RU)),
        ("fr-windows-1252.txt", encode(WINDOWS_1252, LEGACY_FR), Text(LEGACY_FR)),
        ("ar-windows-1256.txt", encode(WINDOWS_1256, LEGACY_AR), Text(LEGACY_AR)),
        // NUL bytes in an otherwise-text file are removed (their count is noted).
        ("nul.txt", b"China denied\0 the hack.\0\0 Talks\0 resumed.".to_vec(), Text("China denied the hack. Talks resumed.")),
        (
            "nul-padded.txt",
            with(b"Volt Typhoon hacked US networks.", &[0; 4096]),
            Text("Volt Typhoon hacked US networks."),
        ),
        // Markup: an HTML page gives its text only; a .txt file is text, so its markup is
        // kept as characters (the web app inserts text nodes, never HTML).
        (
            "page.html",
            br#"<html><head><title>Talks</title><script>alert(1)</script></head>
<body onload="steal()"><p onclick="alert(2)">China denied the hack.</p>
<a href="javascript:alert(3)">More</a><img src=x onerror="alert(4)">
<svg onload="alert(5)"><script>alert(6)</script><text>drawn words</text></svg>
<iframe src="javascript:alert(7)">frame text</iframe><p>End.</p></body></html>"#
                .to_vec(),
            Text("Talks\nChina denied the hack.\nMore\nEnd."),
        ),
        ("page", b"<!doctype html><p>Sniffed <script>x()</script>page.</p>".to_vec(), Text("Sniffed page.")),
        (
            "notes.txt",
            b"<script>alert(1)</script> <a href=\"javascript:x()\" onclick=\"y()\">link</a>".to_vec(),
            Text("<script>alert(1)</script> <a href=\"javascript:x()\" onclick=\"y()\">link</a>"),
        ),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><text>Hi</text></svg>".to_vec(),
            Refused("this is an SVG image, not a text document"),
        ),
        (
            "entities.html",
            b"<p>&lt;script&gt;alert(1)&lt;/script&gt; is shown, not run.</p>".to_vec(),
            Contains(&["<script>alert(1)</script> is shown"], &[]),
        ),
        (
            "comment.html",
            b"<p>Visible</p><!-- <script>alert(1)</script> --><style>body{}</style><noscript>no</noscript>".to_vec(),
            Contains(&["Visible"], &["alert", "body{}", "<", "no"]),
        ),
    ]
}

#[test]
fn hostile_and_broken_files() {
    let mut failures = Vec::new();
    for (name, bytes, expect) in cases() {
        let result = dossier::annotate_file(name, &bytes);
        let outcome = match (&result, &expect) {
            (Err(problem), Expect::Refused(message)) => {
                assert_eq!(problem.name, name, "the problem names the file");
                (problem.message == *message)
                    .then_some(())
                    .ok_or(format!("refused with {:?}", problem.message))
            }
            (Ok(doc), Expect::Text(text)) => {
                check_spans(doc);
                (doc.text == *text)
                    .then_some(())
                    .ok_or(format!("read as {:?}", doc.text))
            }
            (Ok(doc), Expect::Contains(present, absent)) => {
                check_spans(doc);
                let ok = present.iter().all(|p| doc.text.contains(p))
                    && !absent.iter().any(|a| doc.text.contains(a));
                ok.then_some(()).ok_or(format!("read as {:?}", doc.text))
            }
            (Ok(doc), Expect::Refused(_)) => Err(format!("read as {:?}", doc.text)),
            (Err(problem), _) => Err(format!("refused with {:?}", problem.message)),
        };
        if let Err(what) = outcome {
            failures.push(format!("{name}: {what}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A text in UTF-16 without a byte order mark is annotated like the same text in UTF-8.
#[test]
fn utf16_without_a_mark_is_annotated_like_utf8() {
    let text = "Volt Typhoon hacked US critical infrastructure last year. China denied the hack.\n";
    let expected = dossier::annotate_file("a.txt", text.as_bytes()).unwrap();
    assert!(!expected.annotations.is_empty());
    for bytes in [utf16le(text), utf16be(text)] {
        let doc = dossier::annotate_file("a.txt", &bytes).unwrap();
        assert_eq!(doc, expected);
    }
}

/// NUL bytes are removed before annotation, so the spans refer to the text without them
/// and names split by a NUL are found whole.
#[test]
fn nul_bytes_do_not_shift_spans() {
    let doc = dossier::annotate_file(
        "a.txt",
        b"\0Volt Ty\0phoon hacked US networks. China\0 denied it.",
    )
    .unwrap();
    check_spans(&doc);
    assert_eq!(
        doc.text,
        "Volt Typhoon hacked US networks. China denied it."
    );
    assert_eq!(entity_texts(&doc), ["Volt Typhoon", "China"]);
}

/// One line of 3 MB with no line break: read whole, and annotated along its full length.
/// Entities at the start, in the middle and at the end, after characters outside the Basic
/// Multilingual Plane, so that code point offsets differ from byte and UTF-16 offsets.
#[test]
fn a_three_megabyte_line() {
    let filler = "Officials met on Monday and 𠮷 talks went on. ";
    let mut line = String::from("China denied the hack. ");
    while line.len() < 3 << 19 {
        line.push_str(filler);
    }
    let middle = line.chars().count();
    line.push_str("Volt Typhoon hacked US networks. ");
    while line.len() < 3 << 20 {
        line.push_str(filler);
    }
    let end = line.chars().count();
    line.push_str("Wang Yi met Blinken.");
    assert!(!line.contains('\n') && line.len() > 3 << 20);

    let doc = dossier::annotate_file("line.txt", line.as_bytes()).unwrap();
    assert_eq!(doc.text, line);
    check_spans(&doc);
    let entities: Vec<(usize, &str)> = doc
        .annotations
        .iter()
        .filter(|a| a.layer.as_str() == "entity")
        .map(|a| (a.start, a.text.as_str()))
        .collect();
    assert_eq!(
        entities,
        [
            (0, "China"),
            (middle, "Volt Typhoon"),
            (end, "Wang Yi"),
            (end + 12, "Blinken"),
        ]
    );
    let incidents: Vec<usize> = doc
        .annotations
        .iter()
        .filter(|a| a.layer.as_str() == "incident")
        .map(|a| a.start)
        .collect();
    assert_eq!(incidents, [0, middle]);
}

/// A file of 60 MB is under the 64 MB limit and is read whole. (Its annotation is exercised
/// by `cli_hostile::a_sixty_megabyte_file_loads`, ignored in debug builds for its length.)
#[test]
fn a_sixty_megabyte_file_is_read() {
    let sentence = "Talks on cyber norms resumed in Geneva on Monday.\n";
    let text = sentence.repeat((60 << 20) / sentence.len());
    assert!(text.len() > 59 << 20 && text.len() <= 60 << 20);
    let decoded = dossier::input::decode("big.txt", text.as_bytes()).unwrap();
    assert_eq!(decoded.text.len(), text.len());
    assert!(decoded.text == text);
}

/// Over 64 MB the file is refused with a message that states the limit, before any decoding.
#[test]
fn over_the_limit_is_refused_with_the_limit() {
    let bytes = vec![b'a'; MAX_FILE_BYTES + 1];
    let problem = dossier::annotate_file("huge.txt", &bytes).unwrap_err();
    assert_eq!(problem.name, "huge.txt");
    assert_eq!(problem.message, "the file is 65 MB; the limit is 64 MB");
    let exactly = vec![b'a'; MAX_FILE_BYTES];
    assert_eq!(dossier::input::size_problem(exactly.len() as u64), None);
}

/// Markup nested 100,000 deep is reduced to its text without exhausting the stack.
#[test]
fn deeply_nested_html() {
    let depth = 100_000;
    for (open, close) in [
        ("<div>", "</div>"),
        ("<b><i>", ""),
        ("<table><tr><td>", ""),
        ("<svg><g>", ""),
    ] {
        let page = format!(
            "<title>Deep</title>{}China denied the hack.{}",
            open.repeat(depth),
            close.repeat(depth)
        );
        let result = dossier::annotate_file("deep.html", page.as_bytes());
        match result {
            // Inside <svg> nothing is text, so only the title remains.
            Ok(doc) if open == "<svg><g>" => assert_eq!(doc.text, "Deep"),
            Ok(doc) => {
                assert_eq!(doc.text, "Deep\nChina denied the hack.", "{open}");
                check_spans(&doc);
                assert_eq!(entity_texts(&doc), ["China"]);
            }
            Err(problem) => panic!("{open}: {}", problem.message),
        }
    }
}

/// Bidi controls and zero-width characters are kept in the text, as the file has them: removing
/// them would change what a reader sees in right-to-left text (U+200F marks) or in joined
/// scripts (U+200D, U+200C in Persian). Offsets count them as the code points they are. A name
/// next to them is found as if they were spaces or nothing; a name with one inside it ("Volt
/// U+200B Typhoon") is not, because the file does not spell the name.
#[test]
fn bidi_controls_and_zero_width_characters() {
    let text = "\u{202e}China\u{202c} denied the hack. \u{200b}Volt Typhoon\u{200b} hacked US \
                networks.\u{feff} Wang Yi\u{200d} met \u{2067}Blinken\u{2069}. \u{200f}Beijing\u{200e} \
                said Volt\u{200b}Typhoon is not real.";
    let doc = dossier::annotate_file("bidi.txt", text.as_bytes()).unwrap();
    assert_eq!(doc.text, text, "the characters are kept");
    check_spans(&doc);
    let chars: Vec<char> = text.chars().collect();
    let position = |needle: &str| {
        let byte = text.find(needle).unwrap();
        text[..byte].chars().count()
    };
    let entities: Vec<(usize, &str)> = doc
        .annotations
        .iter()
        .filter(|a| a.layer.as_str() == "entity")
        .map(|a| (a.start, a.text.as_str()))
        .collect();
    assert_eq!(
        entities,
        [
            (1, "China"),
            (position("Volt Typhoon"), "Volt Typhoon"),
            (position("Wang Yi"), "Wang Yi"),
            (position("Blinken"), "Blinken"),
            (position("Beijing"), "Beijing"),
        ]
    );
    assert_eq!(chars[1..6].iter().collect::<String>(), "China");
    // The incident sentence starts at the override character, which belongs to it.
    let first_incident = doc
        .annotations
        .iter()
        .find(|a| a.layer.as_str() == "incident")
        .unwrap();
    assert_eq!(first_incident.start, 0);
}
