//! Documents shared by the format tests: small, hand-written, and covering what breaks
//! formats (non-BMP characters, right-to-left and CJK text, manual annotations, a span across
//! a line break, commas, quotes and formula-like text).

#![allow(dead_code)]

use dossier::export::{
    interchange, sort_annotations, Annotation, ExportDocument, Interchange, Layer, Source,
};

/// An annotation over the `nth` occurrence (from 0) of `covered` in `text`, with code point
/// offsets computed here, independently of the code under test.
pub fn at(
    text: &str,
    covered: &str,
    nth: usize,
    layer: Layer,
    label: Option<&str>,
    canonical: Option<&str>,
    source: Source,
) -> Annotation {
    let byte = text
        .match_indices(covered)
        .nth(nth)
        .unwrap_or_else(|| panic!("{covered:?} does not occur {} times", nth + 1))
        .0;
    let start = text[..byte].chars().count();
    Annotation {
        layer,
        label: label.map(str::to_string),
        start,
        end: start + covered.chars().count(),
        text: covered.to_string(),
        canonical: canonical.map(str::to_string),
        source,
        event: None,
    }
}

pub fn entity(text: &str, covered: &str, label: &str, canonical: &str) -> Annotation {
    at(
        text,
        covered,
        0,
        Layer::Entity,
        Some(label),
        Some(canonical),
        Source::Auto,
    )
}

pub fn manual(mut annotation: Annotation) -> Annotation {
    annotation.source = Source::Manual;
    annotation
}

pub fn sentence(text: &str, covered: &str, layer: Layer) -> Annotation {
    at(text, covered, 0, layer, None, None, Source::Auto)
}

pub fn document(
    name: &str,
    lang: &str,
    text: &str,
    mut annotations: Vec<Annotation>,
) -> ExportDocument {
    sort_annotations(&mut annotations);
    ExportDocument {
        name: name.to_string(),
        lang: lang.to_string(),
        text: text.to_string(),
        annotations,
    }
}

/// The tiny English document of the golden tests.
pub fn tiny() -> Interchange {
    let text = "Xi Jinping promised Biden to talk.\nVolt Typhoon hacked =U.S. networks, \"again\".";
    interchange(
        vec![document(
            "tiny.txt",
            "en",
            text,
            vec![
                entity(text, "Xi Jinping", "PERSON", "Xi Jinping"),
                manual(entity(text, "Biden", "PERSON", "Joe Biden")),
                entity(text, "Volt Typhoon", "THREAT_ACTOR", "Volt Typhoon"),
                entity(text, "U.S.", "PLACE", "United States"),
                sentence(text, "Xi Jinping promised Biden to talk.", Layer::Pledge),
                sentence(
                    text,
                    "Volt Typhoon hacked =U.S. networks, \"again\".",
                    Layer::Incident,
                ),
            ],
        )],
        Vec::new(),
    )
}

/// Several documents in several scripts, with every kind of annotation.
pub fn multilingual() -> Interchange {
    let ar = "قال وانغ يي إن الصين لن تتدخل. ووعد بلينكين 𠮷 بالحوار.";
    let zh = "王毅表示，中国愿同美方合作。美国指责伏特台风黑客入侵𠮷网络🙂。";
    let en = "Emoji 🙂🇺🇸 first: Salt Typhoon, also \"Salt, Typhoon\", breached AT&T.\nThe FBI said\nso. -DOCSTART- +1 @x";
    let ja = "習近平氏はバイデン氏に選挙へ介入しないと約束した。";
    interchange(
        vec![
            document(
                "ar/وانغ.txt",
                "ar",
                ar,
                vec![
                    entity(ar, "وانغ يي", "PERSON", "Wang Yi"),
                    entity(ar, "الصين", "PLACE", "China"),
                    manual(entity(ar, "بلينكين", "PERSON", "Antony Blinken")),
                    sentence(ar, "قال وانغ يي إن الصين لن تتدخل.", Layer::Pledge),
                    manual(sentence(ar, "ووعد بلينكين 𠮷 بالحوار.", Layer::Pledge)),
                ],
            ),
            document(
                "en report, v2.html",
                "en",
                en,
                vec![
                    entity(en, "Salt Typhoon", "THREAT_ACTOR", "Salt Typhoon"),
                    manual(at(
                        en,
                        "Salt, Typhoon",
                        0,
                        Layer::Entity,
                        Some("THREAT_ACTOR"),
                        Some("Salt Typhoon"),
                        Source::Manual,
                    )),
                    entity(en, "AT&T", "ORG", "AT&T"),
                    entity(en, "FBI", "ORG", "Federal Bureau of Investigation"),
                    // A manual annotation across line breaks, which brat cannot store as is.
                    manual(sentence(en, "The FBI said\nso.", Layer::Incident)),
                    // An entity without a canonical name, as an analyst may leave it.
                    at(
                        en,
                        "🙂🇺🇸",
                        0,
                        Layer::Entity,
                        Some("ORG"),
                        None,
                        Source::Manual,
                    ),
                ],
            ),
            document(
                "ja.txt",
                "ja",
                ja,
                vec![
                    entity(ja, "習近平", "PERSON", "Xi Jinping"),
                    entity(ja, "バイデン", "PERSON", "Joe Biden"),
                    sentence(ja, ja, Layer::Pledge),
                ],
            ),
            document(
                "zh.txt",
                "zh",
                zh,
                vec![
                    entity(zh, "王毅", "PERSON", "Wang Yi"),
                    entity(zh, "中国", "PLACE", "China"),
                    entity(zh, "美国", "PLACE", "United States"),
                    entity(zh, "伏特台风", "THREAT_ACTOR", "Volt Typhoon"),
                    sentence(zh, "美国指责伏特台风黑客入侵𠮷网络🙂。", Layer::Incident),
                    // Two annotations on the same span: both must survive.
                    manual(entity(zh, "王毅", "PERSON", "Wang Yi")),
                ],
            ),
            document("empty.txt", "und", "", Vec::new()),
        ],
        vec![dossier::export::Problem {
            name: "photo.txt".to_string(),
            message: "this is a PNG image, not a text document".to_string(),
        }],
    )
}

/// The bundled sample articles as the engine annotates them.
pub fn samples() -> Interchange {
    let mut documents = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples/")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        documents.push(dossier::annotate_file(&name, &bytes).expect("sample annotates"));
    }
    interchange(documents, Vec::new())
}

/// The same documents without annotations: what a reader has open before importing.
pub fn without_annotations(value: &Interchange) -> Vec<ExportDocument> {
    value
        .documents
        .iter()
        .map(|doc| ExportDocument {
            annotations: Vec::new(),
            ..doc.clone()
        })
        .collect()
}

/// A small deterministic random number generator (xorshift64*), so that the "any bytes"
/// tests see the same inputs on every run and a failure can be replayed.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    /// `input` with a few bytes changed, removed or duplicated.
    pub fn mutate(&mut self, input: &[u8]) -> Vec<u8> {
        let mut out = input.to_vec();
        for _ in 0..1 + self.below(4) {
            if out.is_empty() {
                break;
            }
            let i = self.below(out.len());
            match self.below(3) {
                0 => out[i] = self.next() as u8,
                1 => {
                    out.remove(i);
                }
                _ => {
                    let byte = out[i];
                    out.insert(i, byte);
                }
            }
        }
        out
    }
}
