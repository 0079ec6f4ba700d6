//! Incidents and pledges as rows: the sidebar's cards, the sentence popover and the
//! corpus-wide Events table all read the same [`EventRow`].
//!
//! Plain Rust (no Yew, no DOM), so the wording of a card and the table's sorting and
//! filtering are tested natively.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::export::{Annotation, EventRole, Layer};
use crate::ui::view::DocView;

/// One incident or pledge sentence of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// The document's name.
    pub doc: String,
    /// Index of the sentence annotation in the document's annotations.
    pub annotation: usize,
    pub layer: Layer,
    /// The incident type ("espionage", "intrusion/breach", …) or the pledge's PLOVER
    /// category ("AGREE", "CONSULT", …).
    pub kind: String,
    /// The pledge's CAMEO code ("057").
    pub cameo: Option<String>,
    /// Who did it, as claimed, or who commits: an entity's canonical name where linked.
    pub actor: Option<String>,
    /// The incident's target or the pledge's counterpart.
    pub other: Option<String>,
    /// Incidents: alleged, attributed, confirmed, denied. Pledges: positive or negative.
    pub stance: Option<String>,
    /// Who says so ("Microsoft", "the FBI").
    pub attributed_by: Option<String>,
    pub date: Option<String>,
    /// What is promised (pledges).
    pub content: Option<String>,
    /// The word that made the sentence an event.
    pub trigger: Option<String>,
    pub sentence: String,
    /// Code point offset of the sentence, for ordering within a document.
    pub start: usize,
}

impl EventRow {
    /// The row of an incident or pledge annotation; `None` for an entity.
    pub fn of(doc: &str, index: usize, annotation: &Annotation) -> Option<EventRow> {
        if annotation.layer == Layer::Entity {
            return None;
        }
        let event = annotation.event.clone().unwrap_or_default();
        let kind = match annotation.layer {
            Layer::Incident => event.category.clone(),
            _ => event.plover.clone(),
        }
        .or_else(|| annotation.label.clone())
        .unwrap_or_else(|| "unclassified".to_string());
        let other = match annotation.layer {
            Layer::Incident => event.target.as_ref(),
            _ => event.counterpart.as_ref(),
        };
        let stance = match annotation.layer {
            Layer::Incident => event.stance.clone(),
            _ => event.polarity.clone(),
        };
        Some(EventRow {
            doc: doc.to_string(),
            annotation: index,
            layer: annotation.layer,
            kind,
            cameo: event.cameo.clone(),
            actor: event.actor.as_ref().map(role_name),
            other: other.map(role_name),
            stance,
            attributed_by: event.attributed_by.as_ref().map(role_name),
            date: event.date.as_ref().map(|d| d.text.clone()),
            content: event.content.as_ref().map(|c| c.text.clone()),
            trigger: event.trigger.as_ref().map(|t| t.text.clone()),
            sentence: annotation.text.clone(),
            start: annotation.start,
        })
    }

    /// "Volt Typhoon → US critical infrastructure", "Xi Jinping → Joe Biden"; a missing
    /// side is a question mark, and with neither side there is no headline.
    pub fn headline(&self) -> Option<String> {
        match (&self.actor, &self.other) {
            (None, None) => None,
            (actor, other) => Some(format!(
                "{} → {}",
                actor.as_deref().unwrap_or("?"),
                other.as_deref().unwrap_or("?")
            )),
        }
    }

    /// The second line of a card: how sure the report is, by whom and when, for incidents
    /// ("alleged by Microsoft · in May"); what is promised, for pledges ("will not
    /// interfere in elections").
    pub fn qualifier(&self) -> String {
        let mut parts = Vec::new();
        match self.layer {
            Layer::Incident => {
                match (&self.stance, &self.attributed_by) {
                    (Some(stance), Some(by)) => parts.push(format!("{stance} by {by}")),
                    (Some(stance), None) => parts.push(stance.clone()),
                    (None, Some(by)) => parts.push(format!("according to {by}")),
                    (None, None) => {}
                }
                if let Some(date) = &self.date {
                    parts.push(date.clone());
                }
            }
            _ => {
                if self.stance.as_deref() == Some("negative") {
                    parts.push("not to".to_string());
                }
                if let Some(content) = &self.content {
                    parts.push(content.clone());
                }
                if let Some(date) = &self.date {
                    parts.push(date.clone());
                }
            }
        }
        parts.join(" · ")
    }

    /// Every field in words, one per line: the popover of a highlighted sentence.
    pub fn structure(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![(
            "type",
            match (&self.layer, &self.cameo) {
                (Layer::Pledge, Some(cameo)) => format!("{} (CAMEO {cameo})", self.kind),
                _ => self.kind.clone(),
            },
        )];
        let (actor, other, stance) = match self.layer {
            Layer::Incident => ("actor", "target", "stance"),
            _ => ("who commits", "to whom", "polarity"),
        };
        let optional = [
            (actor, &self.actor),
            (other, &self.other),
            (stance, &self.stance),
            ("according to", &self.attributed_by),
            ("what", &self.content),
            ("when", &self.date),
            ("trigger", &self.trigger),
        ];
        fields.extend(
            optional
                .into_iter()
                .filter_map(|(name, value)| value.clone().map(|v| (name, v))),
        );
        fields
    }
}

/// A role in words: its entity's canonical name where it is linked to one.
fn role_name(role: &EventRole) -> String {
    role.canonical.clone().unwrap_or_else(|| role.text.clone())
}

/// The events of one document, in text order.
pub fn events_of(doc: &DocView) -> Vec<EventRow> {
    let mut rows: Vec<EventRow> = doc
        .doc
        .annotations
        .iter()
        .enumerate()
        .filter_map(|(i, a)| EventRow::of(&doc.doc.name, i, a))
        .collect();
    rows.sort_by_key(|r| (r.start, r.layer));
    rows
}

/// The events of every document, in document then text order.
pub fn corpus_events(docs: &[Rc<DocView>]) -> Vec<EventRow> {
    docs.iter().flat_map(|d| events_of(d)).collect()
}

/// A column of the Events table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Document,
    Layer,
    Kind,
    Actor,
    Other,
    Stance,
    Source,
    Date,
    Sentence,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Document,
        Column::Layer,
        Column::Kind,
        Column::Actor,
        Column::Other,
        Column::Stance,
        Column::Source,
        Column::Date,
        Column::Sentence,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Document => "Document",
            Column::Layer => "Layer",
            Column::Kind => "Type",
            Column::Actor => "Actor",
            Column::Other => "Target / counterpart",
            Column::Stance => "Stance",
            Column::Source => "According to",
            Column::Date => "Date",
            Column::Sentence => "Sentence",
        }
    }

    /// The cell's text.
    pub fn cell(self, row: &EventRow) -> String {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        match self {
            Column::Document => row.doc.clone(),
            Column::Layer => row.layer.as_str().to_string(),
            Column::Kind => row.kind.clone(),
            Column::Actor => text(&row.actor),
            Column::Other => text(&row.other),
            Column::Stance => text(&row.stance),
            Column::Source => text(&row.attributed_by),
            Column::Date => text(&row.date),
            Column::Sentence => row.sentence.clone(),
        }
    }
}

/// How the table is sorted: by one column, ascending or not. Ties keep document and text
/// order, and empty cells go last whichever the direction, so sorting by actor puts the
/// events with an actor first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: Column::Document,
            ascending: true,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`'s heading: a second click reverses it.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                ascending: !self.ascending,
            }
        } else {
            Sort {
                column,
                ascending: true,
            }
        }
    }

    pub fn apply(self, rows: &mut [EventRow]) {
        rows.sort_by(|a, b| {
            let (x, y) = (self.column.cell(a), self.column.cell(b));
            let by_column = match (x.is_empty(), y.is_empty()) {
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => {
                    let order = compare_text(&x, &y);
                    if self.ascending {
                        order
                    } else {
                        order.reverse()
                    }
                }
            };
            by_column
                .then_with(|| a.doc.cmp(&b.doc))
                .then_with(|| (a.start, a.layer).cmp(&(b.start, b.layer)))
        });
    }
}

/// Case-insensitive first, so "microsoft" and "Microsoft" sort together.
fn compare_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

/// Which rows the table shows. Empty fields filter nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub layer: Option<Layer>,
    pub kind: Option<String>,
    pub doc: Option<String>,
    /// Words that must all appear (ignoring case) in the actor, target/counterpart,
    /// source or sentence.
    pub query: String,
}

impl Filter {
    pub fn keeps(&self, row: &EventRow) -> bool {
        if self.layer.is_some_and(|l| l != row.layer)
            || self.kind.as_ref().is_some_and(|k| *k != row.kind)
            || self.doc.as_ref().is_some_and(|d| *d != row.doc)
        {
            return false;
        }
        let haystack = [
            row.actor.as_deref(),
            row.other.as_deref(),
            row.attributed_by.as_deref(),
            Some(row.sentence.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
        self.query
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// The rows a table shows: filtered, then sorted.
pub fn table_rows(rows: &[EventRow], filter: &Filter, sort: Sort) -> Vec<EventRow> {
    let mut kept: Vec<EventRow> = rows.iter().filter(|r| filter.keeps(r)).cloned().collect();
    sort.apply(&mut kept);
    kept
}

/// The distinct values of a column over `rows`, sorted: the choices of a filter menu.
pub fn distinct(rows: &[EventRow], column: Column) -> Vec<String> {
    let mut values: Vec<String> = rows
        .iter()
        .map(|r| column.cell(r))
        .filter(|v| !v.is_empty())
        .collect();
    values.sort_by(|a, b| compare_text(a, b));
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Event, EventSpan, ExportDocument, Source};

    fn role(text: &str, canonical: Option<&str>) -> EventRole {
        EventRole {
            start: 0,
            end: 0,
            text: text.into(),
            canonical: canonical.map(str::to_string),
        }
    }

    fn span(text: &str) -> EventSpan {
        EventSpan {
            start: 0,
            end: 0,
            text: text.into(),
        }
    }

    fn sentence(layer: Layer, start: usize, text: &str, event: Event) -> Annotation {
        Annotation {
            layer,
            label: None,
            start,
            end: start + text.chars().count(),
            text: text.into(),
            canonical: None,
            source: Source::Auto,
            event: Some(event),
        }
    }

    fn volt_typhoon() -> Annotation {
        sentence(
            Layer::Incident,
            40,
            "Microsoft said Volt Typhoon hacked US critical infrastructure in May.",
            Event {
                trigger: Some(span("hacked")),
                category: Some("intrusion/breach".into()),
                actor: Some(role("Volt Typhoon", Some("Volt Typhoon"))),
                target: Some(role("US critical infrastructure", None)),
                stance: Some("alleged".into()),
                attributed_by: Some(role("Microsoft", Some("Microsoft"))),
                date: Some(span("in May")),
                ..Event::default()
            },
        )
    }

    fn xi_pledge() -> Annotation {
        sentence(
            Layer::Pledge,
            0,
            "Xi told Biden China would not interfere in the election.",
            Event {
                trigger: Some(span("would")),
                actor: Some(role("Xi", Some("Xi Jinping"))),
                counterpart: Some(role("Biden", Some("Joe Biden"))),
                polarity: Some("negative".into()),
                cameo: Some("032".into()),
                plover: Some("SUPPORT".into()),
                content: Some(span("interfere in the election")),
                ..Event::default()
            },
        )
    }

    fn doc(name: &str, annotations: Vec<Annotation>) -> Rc<DocView> {
        Rc::new(DocView::new(ExportDocument {
            name: name.into(),
            lang: "en".into(),
            text: "x".repeat(200),
            annotations,
        }))
    }

    #[test]
    fn an_incident_card_names_actor_target_stance_source_and_date() {
        let row = EventRow::of("a.txt", 3, &volt_typhoon()).unwrap();
        assert_eq!(
            row.headline().as_deref(),
            Some("Volt Typhoon → US critical infrastructure")
        );
        assert_eq!(row.qualifier(), "alleged by Microsoft · in May");
        assert_eq!(row.kind, "intrusion/breach");
        assert_eq!(row.annotation, 3);
    }

    #[test]
    fn a_pledge_card_uses_canonical_names_and_says_a_negative_commitment() {
        let row = EventRow::of("a.txt", 0, &xi_pledge()).unwrap();
        assert_eq!(row.headline().as_deref(), Some("Xi Jinping → Joe Biden"));
        assert_eq!(row.qualifier(), "not to · interfere in the election");
        assert_eq!(row.kind, "SUPPORT");
        let structure = row.structure();
        assert_eq!(structure[0], ("type", "SUPPORT (CAMEO 032)".to_string()));
        assert!(structure.contains(&("to whom", "Joe Biden".to_string())));
        assert!(structure.contains(&("polarity", "negative".to_string())));
    }

    #[test]
    fn missing_roles_are_question_marks_and_no_roles_no_headline() {
        let mut annotation = volt_typhoon();
        annotation.event.as_mut().unwrap().actor = None;
        let row = EventRow::of("a.txt", 0, &annotation).unwrap();
        assert_eq!(
            row.headline().as_deref(),
            Some("? → US critical infrastructure")
        );
        annotation.event.as_mut().unwrap().target = None;
        let row = EventRow::of("a.txt", 0, &annotation).unwrap();
        assert_eq!(row.headline(), None);
        // An event-less sentence (an older export) still gets a row.
        annotation.event = None;
        let row = EventRow::of("a.txt", 0, &annotation).unwrap();
        assert_eq!(
            (row.kind.as_str(), row.qualifier().as_str()),
            ("unclassified", "")
        );
    }

    #[test]
    fn entities_are_not_events() {
        let mut annotation = volt_typhoon();
        annotation.layer = Layer::Entity;
        assert_eq!(EventRow::of("a.txt", 0, &annotation), None);
    }

    #[test]
    fn corpus_rows_come_in_document_then_text_order() {
        let docs = vec![
            doc("a.txt", vec![volt_typhoon(), xi_pledge()]),
            doc("b.txt", vec![xi_pledge()]),
        ];
        let rows = corpus_events(&docs);
        let order: Vec<(&str, Layer)> = rows.iter().map(|r| (r.doc.as_str(), r.layer)).collect();
        assert_eq!(
            order,
            vec![
                ("a.txt", Layer::Pledge),
                ("a.txt", Layer::Incident),
                ("b.txt", Layer::Pledge)
            ]
        );
    }

    #[test]
    fn sorting_by_a_column_reverses_on_a_second_click_and_keeps_empty_cells_last() {
        let mut no_actor = volt_typhoon();
        no_actor.event.as_mut().unwrap().actor = None;
        let mut apt28 = volt_typhoon();
        apt28.event.as_mut().unwrap().actor = Some(role("APT28", Some("APT28")));
        let docs = vec![
            doc("a.txt", vec![no_actor]),
            doc("b.txt", vec![volt_typhoon(), apt28]),
        ];
        let rows = corpus_events(&docs);
        let actors = |sort: Sort| -> Vec<String> {
            table_rows(&rows, &Filter::default(), sort)
                .iter()
                .map(|r| Column::Actor.cell(r))
                .collect()
        };
        let by_actor = Sort::default().clicked(Column::Actor);
        assert_eq!(actors(by_actor), vec!["APT28", "Volt Typhoon", ""]);
        assert_eq!(
            actors(by_actor.clicked(Column::Actor)),
            vec!["Volt Typhoon", "APT28", ""]
        );
    }

    #[test]
    fn filters_combine_layer_type_document_and_words() {
        let docs = vec![
            doc("a.txt", vec![volt_typhoon(), xi_pledge()]),
            doc("b.txt", vec![xi_pledge()]),
        ];
        let rows = corpus_events(&docs);
        let count = |filter: Filter| table_rows(&rows, &filter, Sort::default()).len();
        assert_eq!(count(Filter::default()), 3);
        assert_eq!(
            count(Filter {
                layer: Some(Layer::Pledge),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            count(Filter {
                kind: Some("intrusion/breach".into()),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                doc: Some("b.txt".into()),
                ..Filter::default()
            }),
            1
        );
        // Words match actor, counterpart, source and sentence, ignoring case, all of them.
        assert_eq!(
            count(Filter {
                query: "joe BIDEN".into(),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            count(Filter {
                query: "microsoft typhoon".into(),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            count(Filter {
                query: "microsoft biden".into(),
                ..Filter::default()
            }),
            0
        );
    }

    #[test]
    fn filter_menus_list_each_value_once() {
        let docs = vec![doc("a.txt", vec![volt_typhoon(), xi_pledge(), xi_pledge()])];
        let rows = corpus_events(&docs);
        assert_eq!(
            distinct(&rows, Column::Kind),
            vec!["intrusion/breach", "SUPPORT"]
        );
    }
}
