//! The annotation engine: text in, [`Document`] out.
//!
//! **Architecture invariant:** this module does no I/O and names no UI crate (a test in
//! `tests/engine_purity.rs` checks it), so the same code runs in the browser and in the CLI.
//! Annotation never fails and never panics on any input: problems become `warnings`.
//!
//! Pipeline: [`lang`] detection → [`sentence`] splitting → [`entity`] recognition
//! (dictionary matching over [`gazetteer`] data plus rules) → [`incident`] and [`pledge`]
//! sentence classification → [`roles`] of each incident and pledge (actor, target or
//! counterpart, source, date, content, CAMEO code).

pub mod anchored;
pub mod cue;
pub mod entity;
pub mod gazetteer;
pub mod incident;
pub mod lang;
pub mod morph;
pub mod name_cues;
pub mod names;
pub mod pledge;
pub mod roles;
pub mod rules;
pub mod script;
pub mod sentence;
pub mod span;

use serde::Serialize;
use std::sync::LazyLock;

pub use span::{CodePointIndex, Span};

/// The entity types of the annotation guidelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityLabel {
    Person,
    Org,
    Place,
    ThreatActor,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Person,
        EntityLabel::Org,
        EntityLabel::Place,
        EntityLabel::ThreatActor,
    ];

    /// The label as written in data files and the interchange format.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Org => "ORG",
            EntityLabel::Place => "PLACE",
            EntityLabel::ThreatActor => "THREAT_ACTOR",
        }
    }

    pub fn parse(s: &str) -> Option<EntityLabel> {
        EntityLabel::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// A mention of a named entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub span: Span,
    pub label: EntityLabel,
    /// One name for the entity across languages and documents ("Wang Yi" for 王毅 and وانغ يي).
    pub canonical: String,
}

/// The entities lying wholly inside `span`. `entities` must be sorted by start, as the
/// recognizer returns them: a binary search finds the first one, so checking every sentence
/// of a long document stays linear instead of scanning all its entities each time.
pub fn entities_within(entities: &[Entity], span: Span) -> impl Iterator<Item = &Entity> {
    let first = entities.partition_point(|e| e.span.start < span.start);
    entities[first..]
        .iter()
        .take_while(move |e| e.span.start < span.end)
        .filter(move |e| span.contains(e.span))
}

/// A sentence that reports, alleges, denies or threatens a hostile cyber operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Incident {
    /// Index into [`Document::sentences`].
    pub sentence_idx: usize,
    pub span: Span,
    /// The word or phrase that signals the operation ("hacked", "cyberattacks", "اختراق").
    pub trigger: Span,
    /// The kind of operation, in the Council on Foreign Relations' vocabulary: "espionage",
    /// "data theft", "intrusion/breach", "ddos", "ransomware", "destructive", "hack-and-leak"
    /// or "other". A guess from the trigger and the sentence.
    pub category: &'static str,
    /// "alleged", "attributed" (a named source makes the claim: see `attributed_by`),
    /// "confirmed" or "denied": how the sentence presents the operation.
    pub stance: &'static str,
    /// The perpetrator as claimed ("Chinese cyberspies", "Volt Typhoon").
    pub actor: Option<Role>,
    /// The target or victim ("the email account of Hillary Clinton").
    pub target: Option<Role>,
    /// Who makes the claim ("Microsoft said", "according to the FBI").
    pub attributed_by: Option<Role>,
    /// A date expression of the sentence ("last month", "in 2014", "2024年3月").
    pub date: Option<Span>,
}

/// A participant of an event: a phrase of the sentence, linked to an entity's canonical
/// name when the phrase is or contains one, or to a country through a demonym.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Role {
    pub span: Span,
    pub canonical: Option<String>,
}

/// A sentence in which a state or official commits to doing (or not doing) something.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pledge {
    /// Index into [`Document::sentences`].
    pub sentence_idx: usize,
    pub span: Span,
    /// The word or phrase that carries the commitment ("promised", "willing to", "تعهدوا").
    pub trigger: Span,
    /// "positive" for a commitment to do something, "negative" for one not to do something
    /// ("promised … would not interfere").
    pub polarity: &'static str,
    /// Who commits ("President Xi Jinping", "both sides", "中方").
    pub actor: Option<Role>,
    /// To whom ("President Joe Biden", "the US side", "美方").
    pub counterpart: Option<Role>,
    /// What is promised: the clause or infinitive after the trigger, at most about twelve
    /// words ("China would not interfere in the November US elections").
    pub content: Option<Span>,
    /// The CAMEO code of the commitment ("030" express intent to cooperate, "036" to meet
    /// or negotiate, "057" sign formal agreement …), from `data/cues/cameo.tsv`.
    pub cameo: &'static str,
    /// The PLOVER event type of the CAMEO code ("AGREE", "CONSULT", "SUPPORT" …).
    pub plover: &'static str,
}

/// Everything the engine found in one text. All spans are byte spans into that text;
/// every list is sorted by position.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Document {
    /// ISO 639-1 code of the main language ("en", "ar", "zh", …), or "und".
    pub lang: String,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub incidents: Vec<Incident>,
    pub pledges: Vec<Pledge>,
    /// Things the engine could not do well on this text; never fatal.
    pub warnings: Vec<String>,
}

/// Texts longer than this are annotated only up to this length (a warning says so), so one
/// pathological input cannot make the engine run for minutes.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// The annotation engine with its built-in data. Building it parses the bundled
/// dictionaries and compiles the matchers, so build it once: [`Engine::builtin`].
pub struct Engine {
    entities: entity::EntityRecognizer,
}

static BUILTIN: LazyLock<Engine> = LazyLock::new(Engine::new_builtin);

impl Engine {
    /// The shared engine over the bundled data, built on first use.
    pub fn builtin() -> &'static Engine {
        &BUILTIN
    }

    /// How many names (with their variants in every language) the engine knows.
    pub fn n_names(&self) -> usize {
        self.entities.n_names()
    }

    fn new_builtin() -> Engine {
        Engine {
            entities: entity::EntityRecognizer::new(gazetteer::Gazetteer::builtin()),
        }
    }

    /// Annotates one text. Never fails: problems are reported in [`Document::warnings`].
    pub fn annotate(&self, text: &str) -> Document {
        let mut warnings = Vec::new();
        let text = if text.len() > MAX_TEXT_BYTES {
            let mut cut = MAX_TEXT_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            warnings.push(format!(
                "only the first {} MB of this {} MB text were annotated",
                MAX_TEXT_BYTES / (1024 * 1024),
                text.len() / (1024 * 1024)
            ));
            &text[..cut]
        } else {
            text
        };
        let lang = lang::detect(text);
        let sentences = sentence::split(text);
        let entities = self.entities.recognize(text, lang, &sentences);
        // Both detectors match cues on every sentence; normalise each sentence once for both.
        let norms: Vec<cue::Normalized> = sentences
            .iter()
            .map(|span| cue::normalize(span.of(text)))
            .collect();
        let incidents = incident::detect_normalized(text, lang, &sentences, &norms, &entities);
        let pledges = pledge::detect_normalized(text, lang, &sentences, &norms, &entities);
        Document {
            lang: lang.code().to_string(),
            sentences,
            entities,
            incidents,
            pledges,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(start: usize, end: usize) -> Entity {
        Entity {
            span: Span::new(start, end),
            label: EntityLabel::Place,
            canonical: format!("{start}-{end}"),
        }
    }

    #[test]
    fn entities_within_keeps_only_those_wholly_inside() {
        let entities = [
            entity(0, 5),
            entity(3, 12),
            entity(10, 15),
            entity(15, 20),
            entity(18, 25),
            entity(30, 35),
        ];
        let cases: &[((usize, usize), &[&str])] = &[
            ((10, 20), &["10-15", "15-20"]),
            ((0, 5), &["0-5"]),
            ((4, 11), &[]),
            (
                (0, 40),
                &["0-5", "3-12", "10-15", "15-20", "18-25", "30-35"],
            ),
            ((25, 30), &[]),
            ((36, 50), &[]),
        ];
        for &((start, end), expected) in cases {
            let found: Vec<&str> = entities_within(&entities, Span::new(start, end))
                .map(|e| e.canonical.as_str())
                .collect();
            assert_eq!(found, expected, "span {start}..{end}");
        }
    }
}
