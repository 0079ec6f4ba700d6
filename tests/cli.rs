//! The `dossier` binary on real files: exit codes, the JSON it prints, the problems it
//! reports, and the text it decodes from each legacy encoding.
//!
//! The fixtures under `tests/fixtures/` are made by `tests/fixtures/make_fixtures.py`; the
//! expected texts below are the sentences that script encodes.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::export::Interchange;

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

fn dossier(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("annotate")
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

fn json_of(output: &Output) -> Interchange {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not interchange JSON ({err}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn text_of<'a>(value: &'a Interchange, name: &str) -> &'a str {
    match value.documents.iter().find(|d| d.name == name) {
        Some(doc) => &doc.text,
        None => panic!("no document named {name}; problems: {:?}", value.problems),
    }
}

fn message_for<'a>(value: &'a Interchange, name: &str) -> &'a str {
    match value.problems.iter().find(|p| p.name == name) {
        Some(problem) => &problem.message,
        None => panic!("no problem reported for {name}"),
    }
}

/// (file under tests/fixtures/good, the text it must decode to)
const LEGACY_TEXTS: &[(&str, &str)] = &[
    (
        "zh_gbk.txt",
        "美国国务院指责一个黑客组织对其政府网络发动网络攻击。\n\
         中国外交部发言人表示，中方一贯反对一切形式的网络攻击。\n",
    ),
    (
        "ja_shift_jis.txt",
        "日本政府は、国家が支援するハッカー集団によるサイバー攻撃を強く非難した。\n\
         外務省は、同盟国と協力して対応すると表明した。\n",
    ),
    (
        "ko_euc_kr.txt",
        "한국 정부는 북한 해커 조직의 사이버 공격을 규탄했다.\n\
         외교부는 미국과 정보 공유를 강화하기로 합의했다고 밝혔다.\n",
    ),
    (
        "ar_windows1256.txt",
        "أدانت وزارة الخارجية الهجوم الإلكتروني على المؤسسات الحكومية.\n\
         ودعت إلى تعزيز التعاون الدولي في مجال الأمن السيبراني.\n",
    ),
    (
        "nested/deeper/ru_windows1251.txt",
        "Министерство иностранных дел России отвергло обвинения в кибератаках.\n\
         Посол заявил, что Москва готова к переговорам о нормах поведения в киберпространстве.\n",
    ),
    (
        // CRLF in the file; LF in the decoded text.
        "en_utf16le_bom.txt",
        "The European Union imposed sanctions on six people over cyber attacks.\n\
         Diplomats said talks would resume in Geneva.\n",
    ),
    (
        "zh_meta_gbk.html",
        "网络安全\n美国与中国就网络攻击问题举行对话。",
    ),
    (
        // Four-byte GB18030 sequences (Uyghur letters, 𠮷) that GBK lacks.
        "zh_gb18030.txt",
        "新疆维吾尔自治区（ئۇيغۇر）官员表示，网络攻击针对政府网站。\n\
         外交部发言人说，中方反对一切形式的网络攻击𠮷。\n",
    ),
    (
        "fr_windows1252.txt",
        "Le ministère français a dénoncé une cyberattaque contre l’hôpital de Rennes.\n\
         « Nous répondrons », a déclaré le porte-parole à Bruxelles.\n",
    ),
    (
        "en_utf16be_bom.txt",
        "China denied the hack.\nTalks on cyber norms resumed in Geneva.\n",
    ),
    (
        // No byte order mark: recognised by the NUL bytes of its ASCII characters.
        "ar_en_utf16le_no_bom.txt",
        "Officials met in Riyadh.\nقال المسؤولون إن الهجوم الإلكتروني فشل.\n",
    ),
    (
        // No byte order mark and no ASCII at all: recognised by its script.
        "zh_utf16be_no_bom.txt",
        "美国国务院指责一个黑客组织对其政府网络发动网络攻击中方一贯反对一切形式的网络攻击",
    ),
    ("nul_bytes.txt", "Sanctions were announced on Monday.\n"),
];

#[test]
fn good_files_exit_zero_and_decode_correctly() {
    let output = dossier(&[&fixture("good")]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    let value = json_of(&output);
    assert!(value.problems.is_empty());
    for (name, expected) in LEGACY_TEXTS {
        assert_eq!(text_of(&value, name), *expected, "{name}");
    }
    let names: Vec<&str> = value.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names.len(), LEGACY_TEXTS.len() + 1, "{names:?}");
}

#[test]
fn html_is_reduced_to_safe_text() {
    let output = dossier(&[&fixture("good/page.html")]);
    assert_eq!(output.status.code(), Some(0));
    let value = json_of(&output);
    let text = text_of(&value, "page.html");
    assert_eq!(
        text,
        "Cyber talks in Geneva\nMinisters meet\n\
         Officials from France & Germany discussed a cyber attack on a water utility.\nRead more"
    );
    for forbidden in [
        "<",
        "alert",
        "onclick",
        "onerror",
        "javascript:",
        "color: red",
    ] {
        assert!(
            !text.contains(forbidden),
            "{forbidden:?} survived in {text:?}"
        );
    }
    // Annotation offsets refer to the extracted text.
    let doc = &value.documents[0];
    let chars: Vec<char> = doc.text.chars().collect();
    for a in &doc.annotations {
        assert_eq!(chars[a.start..a.end].iter().collect::<String>(), a.text);
    }
}

#[test]
fn bad_files_are_problems_with_reasons() {
    let output = dossier(&[&fixture("bad")]);
    assert_eq!(output.status.code(), Some(1));
    let value = json_of(&output);
    assert!(value.documents.is_empty());
    let expected = [
        (
            "articles.zip",
            "this is a ZIP archive; extract it and drop the documents inside",
        ),
        (
            "archive.txt",
            "this is a 7z archive; extract it and drop the documents inside",
        ),
        (
            "bundle.tar",
            "this is a tar archive; extract it and drop the documents inside",
        ),
        ("empty.txt", "the file is empty"),
        ("image.txt", "this is a PNG image, not a text document"),
        (
            "invalid_utf8.txt",
            "the bytes are not text in any supported encoding",
        ),
        (
            "notes.txt.gz",
            "this is a gzip-compressed file; decompress it and drop the documents inside",
        ),
        (
            "program.txt",
            "this is a compiled program (ELF), not a text document",
        ),
        ("whitespace.md", "the file contains only whitespace"),
    ];
    assert_eq!(value.problems.len(), expected.len(), "{:?}", value.problems);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (name, message) in expected {
        assert_eq!(message_for(&value, name), message);
        assert!(stderr.contains(&format!("{name}: {message}")), "{stderr}");
    }
}

#[test]
fn mixed_inputs_annotate_the_good_and_report_the_bad() {
    let output = dossier(&[
        &fixture("good/zh_gbk.txt"),
        &fixture("bad/image.txt"),
        &fixture("missing.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let value = json_of(&output);
    assert_eq!(text_of(&value, "zh_gbk.txt"), LEGACY_TEXTS[0].1);
    assert_eq!(
        message_for(&value, "image.txt"),
        "this is a PNG image, not a text document"
    );
    let missing = value
        .problems
        .iter()
        .find(|p| p.name.ends_with("missing.txt"))
        .expect("missing file reported");
    assert!(
        missing.message.starts_with("cannot open"),
        "{}",
        missing.message
    );
}

#[test]
fn directories_are_recursive_and_skip_hidden_entries() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("a/b/c")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join("top.txt"), "Top-level note on cyber diplomacy.").unwrap();
    std::fs::write(
        root.join("a/b/c/deep.md"),
        "# Deep\n\nA note three folders down.",
    )
    .unwrap();
    std::fs::write(root.join(".hidden.txt"), "not a document").unwrap();
    std::fs::write(root.join(".git/config"), "[core]").unwrap();
    std::fs::write(
        root.join(".DS_Store"),
        [0u8, 0, 0, 1, b'B', b'u', b'd', b'1', 0, 0],
    )
    .unwrap();
    let output = dossier(&[root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value = json_of(&output);
    let names: Vec<&str> = value.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a/b/c/deep.md", "top.txt"]);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/note.txt"), "Talks resumed.").unwrap();
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    let output = dossier(&[root]);
    assert_eq!(output.status.code(), Some(0));
    let value = json_of(&output);
    let names: Vec<&str> = value.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["sub/note.txt"]);
}

#[test]
fn output_is_deterministic() {
    let runs: Vec<Output> = (0..3)
        .map(|_| dossier(&[&fixture("good"), &fixture("bad")]))
        .collect();
    for run in &runs[1..] {
        assert_eq!(run.stdout, runs[0].stdout);
        assert_eq!(run.stderr, runs[0].stderr);
        assert_eq!(run.status.code(), Some(1));
    }
}

#[test]
fn output_matches_the_library_path_the_web_app_uses() {
    let file = fixture("good/ko_euc_kr.txt");
    let output = dossier(&[&file]);
    let bytes = std::fs::read(&file).unwrap();
    let doc = dossier::annotate_file("ko_euc_kr.txt", &bytes).unwrap();
    let expected = dossier::export::to_json(&dossier::export::interchange(vec![doc], vec![]));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
}

#[test]
fn output_option_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["annotate", "--output"])
        .arg(&out)
        .arg(fixture("good/zh_gbk.txt"))
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    assert!(status.stdout.is_empty());
    let value: Interchange = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(text_of(&value, "zh_gbk.txt"), LEGACY_TEXTS[0].1);
}

#[test]
fn verbose_reports_encodings_on_stderr_only() {
    let file = fixture("good/ja_shift_jis.txt");
    let plain = dossier(&[&file]);
    let verbose = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["annotate", "-v"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(verbose.stdout, plain.stdout);
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(
        stderr.contains("ja_shift_jis.txt: decoded as Shift_JIS (detected)"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_two() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .output()
            .unwrap()
    };
    for args in [
        &[][..],
        &["annotate"],
        &["frobnicate", "x"],
        &["annotate", "--nope", "x"],
        &["annotate", "-o"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("usage: dossier annotate"),
            "{args:?}"
        );
    }
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).starts_with("usage: dossier annotate"));
}
