//! The app's state and every change to it.
//!
//! The reducer is a plain function ([`State::apply`]) so it is tested natively; on wasm it
//! is plugged into Yew's `use_reducer` through `impl Reducible`. Side effects (reading
//! files, scrolling, downloading) never happen here: components do them in effects and
//! callbacks, then dispatch an [`Action`].

use std::rc::Rc;

use crate::export::{interchange, ExportDocument, Interchange, Layer, Problem};
use crate::formats::ImportProblem;
use crate::ui::view::DocView;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Loaded documents, sorted by name (the export's order). At most one per name.
    pub docs: Vec<Rc<DocView>>,
    /// Files that could not be loaded, sorted by name. At most one per name.
    pub problems: Vec<Problem>,
    /// Name of the document shown in the reader.
    pub selected: Option<String>,
    /// How many pages of the selected document are rendered (see [`DocView::pages`]).
    pub pages_shown: usize,
    pub layers: LayerToggles,
    /// Files handed to the loader and not yet finished (counts since the loader went idle).
    pub n_queued: usize,
    pub n_finished: usize,
    /// The annotation to scroll to and flash. `nonce` changes on every request, so asking
    /// for the same annotation twice flashes it twice.
    pub focus: Option<Focus>,
    /// Which mention of which entity the last sidebar click went to.
    pub entity_cursor: Option<EntityCursor>,
    /// Records that imported files could not load as they were, in arrival order. Kept
    /// apart from `problems`: they describe the files handed in, not the workspace, so they
    /// are shown but never exported.
    pub import_problems: Vec<ImportNote>,
    /// What the middle column shows: the selected document, or the Events table.
    pub view: MainView,
    /// Whether the sidebar lists the entities of the selected document or of all documents.
    pub scope: Scope,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MainView {
    #[default]
    Reader,
    Events,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Document,
    Corpus,
}

/// One record of an imported file that was skipped or repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportNote {
    /// The file that was imported.
    pub file: String,
    pub problem: ImportProblem,
}

/// What became of one file handed to the loader.
#[derive(Clone, Debug, PartialEq)]
pub enum Arrival {
    /// A file read as text and annotated, or why it could not be.
    Annotated(Result<Rc<DocView>, Problem>),
    /// An export read back (interchange JSON or a brat archive): its documents, the files
    /// its workspace could not load, and the records it could not take.
    Imported {
        file: String,
        docs: Vec<Rc<DocView>>,
        failed: Vec<Problem>,
        problems: Vec<ImportProblem>,
    },
    /// Web Annotations, placed on the documents already loaded, which they name but do not
    /// contain. Applied in the reducer so they meet the documents loaded before them.
    WebAnnotations { file: String, json: String },
}

impl From<Result<Rc<DocView>, Problem>> for Arrival {
    fn from(result: Result<Rc<DocView>, Problem>) -> Arrival {
        Arrival::Annotated(result)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    pub annotation: usize,
    pub nonce: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCursor {
    pub label: String,
    pub canonical: String,
    pub position: usize,
}

/// Which highlight layers are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerToggles {
    pub entity: bool,
    pub incident: bool,
    pub pledge: bool,
}

impl Default for LayerToggles {
    fn default() -> Self {
        LayerToggles {
            entity: true,
            incident: true,
            pledge: true,
        }
    }
}

impl LayerToggles {
    pub fn is_on(&self, layer: Layer) -> bool {
        match layer {
            Layer::Entity => self.entity,
            Layer::Incident => self.incident,
            Layer::Pledge => self.pledge,
        }
    }

    fn toggle(&mut self, layer: Layer) {
        let flag = match layer {
            Layer::Entity => &mut self.entity,
            Layer::Incident => &mut self.incident,
            Layer::Pledge => &mut self.pledge,
        };
        *flag = !*flag;
    }
}

pub enum Action {
    /// `n` more files are about to be read and annotated.
    Enqueue(usize),
    /// Queued files finished, in order: what became of each one.
    Finished(Vec<Arrival>),
    /// The reader has read the import problems and closes the list.
    DismissImportProblems,
    Select(String),
    ToggleLayer(Layer),
    /// Go to the next mention of an entity of the selected document.
    StepEntity {
        label: String,
        canonical: String,
    },
    /// Go to one annotation of the selected document.
    FocusAnnotation(usize),
    /// Render the next page of the selected document.
    ShowMore,
    ShowView(MainView),
    SetScope(Scope),
    /// Show one annotation of any document in the reader (from the Events table).
    Open {
        doc: String,
        annotation: usize,
    },
    /// Show the first mention of an entity in a document (from the corpus entity list).
    OpenEntity {
        doc: String,
        label: String,
        canonical: String,
    },
}

impl Default for State {
    fn default() -> Self {
        State {
            docs: Vec::new(),
            problems: Vec::new(),
            selected: None,
            pages_shown: 1,
            layers: LayerToggles::default(),
            n_queued: 0,
            n_finished: 0,
            focus: None,
            entity_cursor: None,
            import_problems: Vec::new(),
            view: MainView::default(),
            scope: Scope::default(),
        }
    }
}

impl State {
    /// True while some file is still being read or annotated.
    pub fn is_busy(&self) -> bool {
        self.n_finished < self.n_queued
    }

    pub fn selected_doc(&self) -> Option<&Rc<DocView>> {
        let name = self.selected.as_deref()?;
        self.docs.iter().find(|d| d.doc.name == name)
    }

    /// Everything loaded, as the interchange value the export writes.
    pub fn to_interchange(&self) -> Interchange {
        let docs: Vec<ExportDocument> = self.docs.iter().map(|d| d.doc.clone()).collect();
        interchange(docs, self.problems.clone())
    }

    /// Returns the state after `action`.
    pub fn apply(mut self, action: Action) -> State {
        match action {
            Action::Enqueue(n) => self.n_queued += n,
            Action::Finished(results) => {
                self.n_finished += results.len();
                if self.n_finished >= self.n_queued {
                    self.n_finished = 0;
                    self.n_queued = 0;
                }
                for arrival in results {
                    self.arrive(arrival);
                }
            }
            Action::DismissImportProblems => self.import_problems.clear(),
            Action::Select(name) => self.select(name),
            Action::ToggleLayer(layer) => self.layers.toggle(layer),
            Action::StepEntity { label, canonical } => {
                let Some(doc) = self.selected_doc().cloned() else {
                    return self;
                };
                let mentions = doc
                    .entity_groups
                    .iter()
                    .flat_map(|g| &g.entities)
                    .find(|e| e.label == label && e.canonical == canonical)
                    .map(|e| e.mentions.clone())
                    .unwrap_or_default();
                if mentions.is_empty() {
                    return self;
                }
                let position = match &self.entity_cursor {
                    Some(c) if c.label == label && c.canonical == canonical => {
                        (c.position + 1) % mentions.len()
                    }
                    _ => 0,
                };
                self.entity_cursor = Some(EntityCursor {
                    label,
                    canonical,
                    position,
                });
                self.focus_annotation(&doc, mentions[position]);
            }
            Action::FocusAnnotation(annotation) => {
                if let Some(doc) = self.selected_doc().cloned() {
                    self.entity_cursor = None;
                    self.focus_annotation(&doc, annotation);
                }
            }
            Action::ShowMore => self.pages_shown += 1,
            Action::ShowView(view) => self.view = view,
            Action::SetScope(scope) => self.scope = scope,
            Action::Open { doc, annotation } => {
                if self.docs.iter().any(|d| d.doc.name == doc) {
                    self.select(doc);
                    self.view = MainView::Reader;
                    return self.apply(Action::FocusAnnotation(annotation));
                }
            }
            Action::OpenEntity {
                doc,
                label,
                canonical,
            } => {
                if self.docs.iter().any(|d| d.doc.name == doc) {
                    self.select(doc);
                    self.view = MainView::Reader;
                    self.entity_cursor = None;
                    return self.apply(Action::StepEntity { label, canonical });
                }
            }
        }
        self
    }

    fn arrive(&mut self, arrival: Arrival) {
        match arrival {
            Arrival::Annotated(result) => self.add(result),
            Arrival::Imported {
                file,
                docs,
                failed,
                problems,
            } => {
                for problem in failed {
                    self.add(Err(problem));
                }
                for doc in docs {
                    self.add(Ok(doc));
                }
                self.note(&file, problems);
            }
            Arrival::WebAnnotations { file, json } => {
                if self.docs.is_empty() {
                    self.add(Err(Problem {
                        name: file,
                        message: "Web Annotations only point at documents: load the documents \
                                  they annotate first, then this file"
                            .into(),
                    }));
                    return;
                }
                let loaded: Vec<ExportDocument> = self.docs.iter().map(|d| d.doc.clone()).collect();
                let imported = crate::formats::w3c::import(&json, &loaded);
                // The importer returns every document given to it; only those the file
                // placed annotations on change, so other documents keep theirs.
                for (before, mut after) in loaded.iter().zip(imported.value.documents) {
                    keep_event_structure(before, &mut after);
                    if !after.annotations.is_empty() && after != *before {
                        self.add(Ok(Rc::new(DocView::new(after))));
                    }
                }
                self.note(&file, imported.problems);
            }
        }
    }

    fn note(&mut self, file: &str, problems: Vec<ImportProblem>) {
        self.import_problems
            .extend(problems.into_iter().map(|problem| ImportNote {
                file: file.to_string(),
                problem,
            }));
    }

    /// Adds one file's outcome. A file loaded again under the same name replaces the
    /// earlier result, as it would on the command line: one entry per name.
    fn add(&mut self, result: Result<Rc<DocView>, Problem>) {
        match result {
            Ok(doc) => {
                let name = doc.doc.name.clone();
                self.problems.retain(|p| p.name != name);
                match self.docs.binary_search_by(|d| d.doc.name.cmp(&name)) {
                    Ok(i) => self.docs[i] = doc,
                    Err(i) => self.docs.insert(i, doc),
                }
                if self.selected.is_none() || self.selected.as_deref() == Some(name.as_str()) {
                    self.select(name);
                }
            }
            Err(problem) => {
                self.docs.retain(|d| d.doc.name != problem.name);
                if self.selected.as_deref() == Some(problem.name.as_str()) {
                    self.selected = None;
                }
                self.problems.retain(|p| p.name != problem.name);
                self.problems.push(problem);
                self.problems.sort();
            }
        }
    }

    fn select(&mut self, name: String) {
        if self.selected.as_deref() != Some(name.as_str()) {
            self.pages_shown = 1;
            self.focus = None;
            self.entity_cursor = None;
        }
        self.selected = Some(name);
    }

    /// Asks the reader to show an annotation, rendering more pages first if it lies beyond
    /// the ones rendered.
    fn focus_annotation(&mut self, doc: &DocView, annotation: usize) {
        let Some(&line) = doc.line_of_annotation.get(annotation) else {
            return;
        };
        self.pages_shown = self.pages_shown.max(doc.page_of_line(line) + 1);
        let nonce = self.focus.map_or(1, |f| f.nonce + 1);
        self.focus = Some(Focus { annotation, nonce });
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

/// Web Annotations carry spans, labels and canonical names but no event structure, so an
/// incident or pledge that comes back at the same place keeps the roles it already had.
fn keep_event_structure(before: &ExportDocument, after: &mut ExportDocument) {
    for annotation in &mut after.annotations {
        if annotation.event.is_some() {
            continue;
        }
        annotation.event = before
            .annotations
            .iter()
            .find(|b| {
                (b.layer, b.start, b.end, &b.label)
                    == (
                        annotation.layer,
                        annotation.start,
                        annotation.end,
                        &annotation.label,
                    )
            })
            .and_then(|b| b.event.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Annotation, Source};
    use crate::ui::view::LINES_PER_PAGE;

    fn loaded(name: &str, text: &str) -> Rc<DocView> {
        // Every capital X is one mention of the same person.
        let annotations = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == 'X')
            .map(|(start, _)| Annotation {
                layer: Layer::Entity,
                label: Some("PERSON".into()),
                start,
                end: start + 1,
                text: "X".into(),
                canonical: Some("Xi".into()),
                source: Source::Auto,
                event: None,
            })
            .collect();
        Rc::new(DocView::new(ExportDocument {
            name: name.into(),
            lang: "en".into(),
            text: text.into(),
            annotations,
        }))
    }

    fn problem(name: &str) -> Problem {
        Problem {
            name: name.into(),
            message: "the file is not text".into(),
        }
    }

    #[test]
    fn busy_until_every_queued_file_finishes() {
        let mut state = State::default();
        assert!(!state.is_busy());
        state = state.apply(Action::Enqueue(2));
        assert!(state.is_busy());
        state = state.apply(Action::Finished(vec![Ok(loaded("b.txt", "hello")).into()]));
        assert!(state.is_busy());
        state = state.apply(Action::Finished(vec![Err(problem("a.png")).into()]));
        assert!(!state.is_busy());
        assert_eq!((state.n_queued, state.n_finished), (0, 0));
        assert_eq!(state.selected.as_deref(), Some("b.txt"));
        assert_eq!(state.problems.len(), 1);
    }

    #[test]
    fn same_name_replaces_and_docs_stay_sorted() {
        let mut state = State::default().apply(Action::Enqueue(4));
        for name in ["c.txt", "a.txt", "c.txt"] {
            state = state.apply(Action::Finished(vec![Ok(loaded(name, "text")).into()]));
        }
        state = state.apply(Action::Finished(vec![Err(problem("a.txt")).into()]));
        let names: Vec<&str> = state.docs.iter().map(|d| d.doc.name.as_str()).collect();
        assert_eq!(names, vec!["c.txt"]);
        assert_eq!(state.problems, vec![problem("a.txt")]);
        let value = state.to_interchange();
        assert_eq!(value.documents.len(), 1);
        assert_eq!(value.problems.len(), 1);
    }

    #[test]
    fn stepping_through_an_entity_wraps_around() {
        let mut state = State::default().apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![Ok(loaded(
            "a.txt",
            "X1 met X2 and X3",
        ))
        .into()]));
        let step = || Action::StepEntity {
            label: "PERSON".into(),
            canonical: "Xi".into(),
        };
        let mut seen = Vec::new();
        for _ in 0..4 {
            state = state.apply(step());
            seen.push(state.focus.unwrap().annotation);
        }
        assert_eq!(seen, vec![0, 1, 2, 0]);
        assert_eq!(state.focus.unwrap().nonce, 4);
    }

    #[test]
    fn focusing_beyond_the_rendered_pages_renders_more() {
        let text = format!("{}X", "line\n".repeat(LINES_PER_PAGE * 2 + 10));
        let mut state = State::default().apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![Ok(loaded("long.txt", &text)).into()]));
        assert_eq!(state.pages_shown, 1);
        state = state.apply(Action::FocusAnnotation(0));
        assert_eq!(state.pages_shown, 3);
        state = state.apply(Action::Select("long.txt".into()));
        assert_eq!(
            state.pages_shown, 3,
            "reselecting the same document keeps its pages"
        );
        state = state.apply(Action::ShowMore);
        assert_eq!(state.pages_shown, 4);
    }

    #[test]
    fn toggles_flip_one_layer() {
        let state = State::default().apply(Action::ToggleLayer(Layer::Incident));
        assert!(state.layers.is_on(Layer::Entity));
        assert!(!state.layers.is_on(Layer::Incident));
    }

    #[test]
    fn opening_an_event_from_the_table_selects_its_document_and_shows_the_reader() {
        let mut state = State::default().apply(Action::Enqueue(2));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X")).into(),
            Ok(loaded("b.txt", "X and X")).into(),
        ]));
        state = state.apply(Action::ShowView(MainView::Events));
        state = state.apply(Action::Open {
            doc: "b.txt".into(),
            annotation: 1,
        });
        assert_eq!(state.selected.as_deref(), Some("b.txt"));
        assert_eq!(state.view, MainView::Reader);
        assert_eq!(state.focus.map(|f| f.annotation), Some(1));
        // A document that is not loaded changes nothing.
        let before = state.clone();
        state = state.apply(Action::Open {
            doc: "gone.txt".into(),
            annotation: 0,
        });
        assert_eq!(state, before);
    }

    #[test]
    fn opening_an_entity_in_a_document_goes_to_its_first_mention() {
        let mut state = State::default().apply(Action::Enqueue(2));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X X X")).into(),
            Ok(loaded("b.txt", "X X")).into(),
        ]));
        state = state.apply(Action::SetScope(Scope::Corpus));
        let open = |doc: &str| Action::OpenEntity {
            doc: doc.into(),
            label: "PERSON".into(),
            canonical: "Xi".into(),
        };
        state = state.apply(Action::StepEntity {
            label: "PERSON".into(),
            canonical: "Xi".into(),
        });
        state = state.apply(open("b.txt"));
        assert_eq!(state.selected.as_deref(), Some("b.txt"));
        assert_eq!(state.focus.map(|f| f.annotation), Some(0));
        assert_eq!(state.entity_cursor.as_ref().map(|c| c.position), Some(0));
        assert_eq!(
            state.scope,
            Scope::Corpus,
            "the sidebar stays on the corpus"
        );
    }
}
