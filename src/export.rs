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

use crate::engine::{CodePointIndex, Document, Role, Span};

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
    /// The structured event of an incident or pledge sentence; entities have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// A phrase of a sentence in an event: code point offsets into the document text, like
/// every offset of the format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A participant of an event, linked to an entity's canonical name where possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRole {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

/// The event of an incident or pledge annotation (README, "Events"). Absent fields are left
/// out; incidents use `category`, `target`, `stance`, `attributed_by` and `date`, pledges
/// `polarity`, `cameo`, `plover`, `counterpart` and `content`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<EventSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<EventRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<EventRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_by: Option<EventRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<EventRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<EventSpan>,
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
            event: None,
        };
    let span_of = |span: Span| EventSpan {
        start: index.code_point(span.start),
        end: index.code_point(span.end),
        text: span.of(text).to_string(),
    };
    let role_of = |role: &Role| EventRole {
        start: index.code_point(role.span.start),
        end: index.code_point(role.span.end),
        text: role.span.of(text).to_string(),
        canonical: role.canonical.clone(),
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
        let mut a = make(Layer::Incident, i.span, None, None);
        a.event = Some(Event {
            trigger: Some(span_of(i.trigger)),
            category: Some(i.category.to_string()),
            actor: i.actor.as_ref().map(role_of),
            target: i.target.as_ref().map(role_of),
            stance: Some(i.stance.to_string()),
            attributed_by: i.attributed_by.as_ref().map(role_of),
            date: i.date.map(span_of),
            ..Event::default()
        });
        out.push(a);
    }
    for p in &doc.pledges {
        let mut a = make(Layer::Pledge, p.span, None, None);
        a.event = Some(Event {
            trigger: Some(span_of(p.trigger)),
            actor: p.actor.as_ref().map(role_of),
            polarity: Some(p.polarity.to_string()),
            cameo: Some(p.cameo.to_string()),
            plover: Some(p.plover.to_string()),
            counterpart: p.counterpart.as_ref().map(role_of),
            content: p.content.map(span_of),
            ..Event::default()
        });
        out.push(a);
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

/// The event columns of a CSV row for an incident or pledge, after the sentence columns
/// (document, layer, start, end, sentence) and before the source: see [`event_csv_cells`].
/// The CSV writer itself is `formats::csv`, which quotes cells and guards formulas.
pub const EVENT_CSV_COLUMNS: &[&str] = &[
    "trigger",
    "category_or_kind",
    "actor",
    "actor_canonical",
    "target_or_counterpart",
    "stance",
    "attributed_by",
    "date",
    "polarity",
    "cameo",
    "plover",
    "content",
];

/// The cells of [`EVENT_CSV_COLUMNS`] for one annotation, empty where a field is absent.
/// Incidents fill `category_or_kind` with their category and `target_or_counterpart` with
/// their target; pledges with their PLOVER type (lower case) and their counterpart.
pub fn event_csv_cells(annotation: &Annotation) -> Vec<String> {
    let e = annotation.event.clone().unwrap_or_default();
    let text = |s: &Option<EventSpan>| s.as_ref().map_or(String::new(), |s| s.text.clone());
    let role = |r: &Option<EventRole>| r.as_ref().map_or(String::new(), |r| r.text.clone());
    let pledge = annotation.layer == Layer::Pledge;
    let kind = if pledge {
        e.plover.as_ref().map(|p| p.to_lowercase())
    } else {
        e.category.clone()
    };
    vec![
        text(&e.trigger),
        kind.unwrap_or_default(),
        role(&e.actor),
        e.actor
            .as_ref()
            .and_then(|r| r.canonical.clone())
            .unwrap_or_default(),
        if pledge {
            role(&e.counterpart)
        } else {
            role(&e.target)
        },
        e.stance.clone().unwrap_or_default(),
        role(&e.attributed_by),
        text(&e.date),
        e.polarity.clone().unwrap_or_default(),
        e.cameo.clone().unwrap_or_default(),
        e.plover.clone().unwrap_or_default(),
        text(&e.content),
    ]
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

    #[test]
    fn incidents_and_pledges_carry_their_event_and_entities_do_not() {
        let text = "Volt Typhoon hacked US critical infrastructure last year. China is willing to work with the US side.";
        let doc = Engine::builtin().annotate(text);
        let anns = annotations_of(text, &doc);
        assert!(anns
            .iter()
            .filter(|a| a.layer == Layer::Entity)
            .all(|a| a.event.is_none()));
        let incident = anns.iter().find(|a| a.layer == Layer::Incident).unwrap();
        let event = incident.event.as_ref().unwrap();
        assert_eq!(event.actor.as_ref().unwrap().text, "Volt Typhoon");
        assert_eq!(
            event.target.as_ref().unwrap().text,
            "US critical infrastructure"
        );
        assert_eq!(event.date.as_ref().unwrap().text, "last year");
        assert_eq!(event.category.as_deref(), Some("intrusion/breach"));
        let pledge = anns.iter().find(|a| a.layer == Layer::Pledge).unwrap();
        let event = pledge.event.as_ref().unwrap();
        assert_eq!(event.cameo.as_deref(), Some("030"));
        assert_eq!(event.plover.as_deref(), Some("AGREE"));
        assert_eq!(event.counterpart.as_ref().unwrap().text, "US side");
        // Absent fields are left out of the JSON; entity annotations have no "event" key.
        let json = serde_json::to_string(&anns).unwrap();
        assert!(!json.contains("\"attributed_by\""));
        assert_eq!(json.matches("\"event\"").count(), 2);
        // Event offsets are code points, as everywhere in the format.
        let chars: Vec<char> = text.chars().collect();
        let actor = incident.event.as_ref().unwrap().actor.as_ref().unwrap();
        assert_eq!(
            chars[actor.start..actor.end].iter().collect::<String>(),
            actor.text
        );
    }

    #[test]
    fn event_csv_cells_follow_the_columns() {
        let text = "Volt Typhoon hacked US critical infrastructure last year. China is willing to work with the US side.";
        let doc = Engine::builtin().annotate(text);
        let anns = annotations_of(text, &doc);
        let incident = anns.iter().find(|a| a.layer == Layer::Incident).unwrap();
        let cells = event_csv_cells(incident);
        assert_eq!(cells.len(), EVENT_CSV_COLUMNS.len());
        assert_eq!(
            cells[..5],
            [
                "hacked",
                "intrusion/breach",
                "Volt Typhoon",
                "Volt Typhoon",
                "US critical infrastructure"
            ]
        );
        assert_eq!(cells[7], "last year");
        let pledge = anns.iter().find(|a| a.layer == Layer::Pledge).unwrap();
        let cells = event_csv_cells(pledge);
        assert_eq!(cells[1], "agree");
        assert_eq!(cells[4], "US side");
        assert_eq!(cells[9..11], ["030", "AGREE"]);
        // Entities have no event: every cell is empty.
        let entity = anns.iter().find(|a| a.layer == Layer::Entity).unwrap();
        assert!(event_csv_cells(entity).iter().all(String::is_empty));
    }
}
