//! The interchange JSON: one format for the CLI's output and the web app's export.
//!
//! ```json
//! {"format":"dossier-annotations","version":1,
//!  "documents":[{"name":…,"lang":…,"text":…,"annotations":[{"layer":…,"label":…,"start":…,
//!                "end":…,"text":…,"canonical":…,"source":"auto|manual"}]}],
//!  "problems":[{"name":…,"message":…}]}
//! ```
//! `start`/`end` are Unicode code point offsets into `text`, end exclusive. Documents are
//! sorted by name and annotations by position, so the same inputs give the same bytes
//! wherever they are annotated.

use serde::{Deserialize, Serialize};

use crate::engine::{CodePointIndex, Document, Span};

pub const FORMAT: &str = "dossier-annotations";
pub const VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    Entity,
    Incident,
    Pledge,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Entity => "entity",
            Layer::Incident => "incident",
            Layer::Pledge => "pledge",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Auto,
    Manual,
}

/// One annotation as written in the interchange format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub layer: Layer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Code point offset into the document text.
    pub start: usize,
    /// Code point offset into the document text, exclusive.
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDocument {
    pub name: String,
    pub lang: String,
    pub text: String,
    pub annotations: Vec<Annotation>,
}

/// A file that could not be annotated, and why, in words a reader understands.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    pub name: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interchange {
    pub format: String,
    pub version: u32,
    pub documents: Vec<ExportDocument>,
    pub problems: Vec<Problem>,
}

/// Converts the engine's byte spans into interchange annotations (all `source: auto`).
pub fn annotations_of(text: &str, doc: &Document) -> Vec<Annotation> {
    let index = CodePointIndex::new(text);
    let make =
        |layer: Layer, span: Span, label: Option<&str>, canonical: Option<&str>| Annotation {
            layer,
            label: label.map(str::to_string),
            start: index.code_point(span.start),
            end: index.code_point(span.end),
            text: span.of(text).to_string(),
            canonical: canonical.map(str::to_string),
            source: Source::Auto,
        };
    let mut out: Vec<Annotation> = Vec::new();
    for e in &doc.entities {
        out.push(make(
            Layer::Entity,
            e.span,
            Some(e.label.as_str()),
            Some(&e.canonical),
        ));
    }
    for i in &doc.incidents {
        out.push(make(Layer::Incident, i.span, None, None));
    }
    for p in &doc.pledges {
        out.push(make(Layer::Pledge, p.span, None, None));
    }
    sort_annotations(&mut out);
    out
}

/// The canonical order of annotations: by position, then layer, label and source.
pub fn sort_annotations(annotations: &mut [Annotation]) {
    annotations.sort_by(|a, b| {
        (a.start, a.end, a.layer, &a.label, a.source)
            .cmp(&(b.start, b.end, b.layer, &b.label, b.source))
    });
}

/// Builds the interchange value: documents sorted by name, problems by name then message.
pub fn interchange(mut documents: Vec<ExportDocument>, mut problems: Vec<Problem>) -> Interchange {
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    problems.sort();
    Interchange {
        format: FORMAT.to_string(),
        version: VERSION,
        documents,
        problems,
    }
}

/// The interchange JSON text: pretty-printed, with a final newline.
pub fn to_json(value: &Interchange) -> String {
    let mut out = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        // Serialising plain strings and numbers cannot fail; keep the promise of never panicking.
        format!("{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"documents\":[],\"problems\":[{{\"name\":\"\",\"message\":\"{e}\"}}]}}")
    });
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;

    #[test]
    fn offsets_are_code_points() {
        let text = "وزير الخارجية: China and 中国.";
        let doc = Engine::builtin().annotate(text);
        let anns = annotations_of(text, &doc);
        let chars: Vec<char> = text.chars().collect();
        assert!(!anns.is_empty());
        for a in &anns {
            let slice: String = chars[a.start..a.end].iter().collect();
            assert_eq!(slice, a.text);
        }
    }

    #[test]
    fn documents_and_problems_are_sorted() {
        let doc = |name: &str| ExportDocument {
            name: name.into(),
            lang: "en".into(),
            text: String::new(),
            annotations: vec![],
        };
        let p = |name: &str| Problem {
            name: name.into(),
            message: "m".into(),
        };
        let value = interchange(
            vec![doc("b.txt"), doc("a.txt")],
            vec![p("z.bin"), p("c.png")],
        );
        assert_eq!(value.documents[0].name, "a.txt");
        assert_eq!(value.problems[0].name, "c.png");
        let json = to_json(&value);
        assert!(json.starts_with("{\n  \"format\": \"dossier-annotations\",\n  \"version\": 1,"));
        let back: Interchange = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }
}
