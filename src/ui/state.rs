//! The app's state and every change to it.
//!
//! The reducer is a plain function ([`State::apply`]) so it is tested natively; on wasm it
//! is plugged into Yew's `use_reducer` through `impl Reducible`. Side effects (reading
//! files, scrolling, downloading) never happen here: components do them in effects and
//! callbacks, then dispatch an [`Action`].

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::export::{interchange, ExportDocument, Interchange, Layer, Problem, Source};
use crate::formats::ImportProblem;
use crate::ui::view::DocView;

/// The names the engine knows, and how long building their matchers took on this device.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KnowledgeBase {
    pub names: usize,
    pub build_ms: f64,
}

impl KnowledgeBase {
    /// "9,871 names built in 128 ms on this device".
    pub fn describe(&self) -> String {
        format!(
            "{} names built in {} ms on this device",
            thousands(self.names),
            self.build_ms.round()
        )
    }
}

/// `12345` → "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

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
    /// True until the workspace saved on this device has been read back (or found absent).
    pub restoring: bool,
    /// Why work is not being saved on this device, when it is not.
    pub storage_warning: Option<String>,
    /// The knowledge base the annotation worker built: how many names, in how long.
    pub knowledge_base: Option<KnowledgeBase>,
    /// Notes about the saved workspace that was read back (damaged records).
    pub restore_problems: Vec<Problem>,
    /// The reader's own names, applied to every document, and the text they came from.
    pub dictionary: Rc<crate::dictionary::Dictionary>,
    pub dictionary_text: String,
    /// Lines of that text that could not be read.
    pub dictionary_problems: Vec<String>,
    /// A second document shown beside the selected one (the same story elsewhere).
    pub compare: Option<String>,
    /// The annotation of the selected document the reader is editing.
    pub editing: Option<usize>,
    /// Why the last edit was refused.
    pub edit_error: Option<String>,
    /// Hand edits that can be undone (latest last) and redone.
    pub undo: Vec<EditStep>,
    pub redo: Vec<EditStep>,
}

/// One hand edit of one document: the document before and after it. Undoing puts the
/// `before` back only while the document is still the `after` (compared by allocation).
#[derive(Clone, Debug, PartialEq)]
pub struct EditStep {
    pub before: Rc<DocView>,
    pub after: Rc<DocView>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MainView {
    #[default]
    Reader,
    Events,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
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
    /// The workspace saved on this device, read back at start-up. Documents loaded while it
    /// was being read win over saved ones of the same name.
    Restored {
        docs: Vec<Rc<DocView>>,
        problems: Vec<Problem>,
        settings: Option<crate::ui::saved::Settings>,
        notes: Vec<Problem>,
    },
    /// Saving on this device failed, or works again (`None`).
    StorageWarning(Option<String>),
    /// The annotation worker has built its knowledge base.
    KnowledgeBaseReady(KnowledgeBase),
    DismissRestoreProblems,
    /// Remove every document, problem and note: an empty workspace.
    ClearWorkspace,
    /// Change the annotations of a document by hand.
    Edit {
        doc: String,
        edit: crate::ui::edit::Edit,
    },
    Undo,
    Redo,
    /// Use this list of the reader's own names (the text of the list) from now on, on every
    /// document.
    SetDictionary(String),
    /// A list of names that could not be read at all.
    SetDictionaryProblem(String),
    /// Show a document beside the selected one, or stop (`None`).
    Compare(Option<String>),
    /// Go to the next (or previous) highlight of a shown layer in the selected document.
    StepHighlight {
        forward: bool,
    },
    /// Start (or stop, with `None`) editing an annotation of the selected document.
    EditAnnotation(Option<usize>),
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
            restoring: false,
            storage_warning: None,
            knowledge_base: None,
            restore_problems: Vec::new(),
            dictionary: Rc::default(),
            dictionary_text: String::new(),
            dictionary_problems: Vec::new(),
            compare: None,
            editing: None,
            edit_error: None,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl State {
    /// The state at start-up in the browser: empty, and busy until the saved workspace
    /// has been read back.
    pub fn restoring() -> State {
        State {
            restoring: true,
            ..State::default()
        }
    }

    /// True while some file is still being read or annotated, or saved work restored.
    pub fn is_busy(&self) -> bool {
        self.restoring || self.n_finished < self.n_queued
    }

    /// The settings kept with the workspace.
    pub fn settings(&self) -> crate::ui::saved::Settings {
        crate::ui::saved::Settings {
            layers: self.layers,
            selected: self.selected.clone(),
            scope: self.scope,
            view: self.view,
            dictionary: self.dictionary_text.clone(),
        }
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
            Action::Restored {
                docs,
                problems,
                settings,
                notes,
            } => {
                self.restoring = false;
                let selected_before = self.selected.clone();
                for doc in docs {
                    if !self.docs.iter().any(|d| d.doc.name == doc.doc.name) {
                        self.add(Ok(doc));
                    }
                }
                for problem in problems {
                    let name = &problem.name;
                    if !self.docs.iter().any(|d| d.doc.name == *name)
                        && !self.problems.iter().any(|p| p.name == *name)
                    {
                        self.add(Err(problem));
                    }
                }
                self.restore_problems = notes;
                if let Some(settings) = settings {
                    self.set_dictionary(settings.dictionary, false);
                    self.layers = settings.layers;
                    self.scope = settings.scope;
                    self.view = settings.view;
                    // What the reader opened meanwhile stays open.
                    let wanted = selected_before.or(settings.selected);
                    if let Some(name) =
                        wanted.filter(|n| self.docs.iter().any(|d| d.doc.name == *n))
                    {
                        self.select(name);
                    }
                }
            }
            Action::StorageWarning(warning) => self.storage_warning = warning,
            Action::KnowledgeBaseReady(built) => self.knowledge_base = Some(built),
            Action::DismissRestoreProblems => self.restore_problems.clear(),
            Action::ClearWorkspace => {
                let storage_warning = self.storage_warning.take();
                let knowledge_base = self.knowledge_base;
                let layers = self.layers;
                let (n_queued, n_finished) = (self.n_queued, self.n_finished);
                let (dictionary, dictionary_text) =
                    (self.dictionary.clone(), self.dictionary_text.clone());
                self = State {
                    storage_warning,
                    knowledge_base,
                    layers,
                    dictionary,
                    dictionary_text,
                    n_queued,
                    n_finished,
                    ..State::default()
                };
            }
            Action::Edit { doc, edit } => self.edit(&doc, &edit),
            Action::Undo => {
                if let Some(step) = self.undo.pop() {
                    if self.swap(&step.after, &step.before) {
                        self.redo.push(step);
                    }
                }
            }
            Action::Redo => {
                if let Some(step) = self.redo.pop() {
                    if self.swap(&step.before, &step.after) {
                        self.undo.push(step);
                    }
                }
            }
            Action::SetDictionary(text) => self.set_dictionary(text, true),
            Action::SetDictionaryProblem(message) => self.dictionary_problems = vec![message],
            Action::Compare(other) => {
                self.compare = other.filter(|name| {
                    self.selected.as_ref() != Some(name)
                        && self.docs.iter().any(|d| d.doc.name == *name)
                });
            }
            Action::StepHighlight { forward } => {
                let Some(doc) = self.selected_doc().cloned() else {
                    return self;
                };
                let shown: Vec<usize> = (0..doc.doc.annotations.len())
                    .filter(|&i| self.layers.is_on(doc.doc.annotations[i].layer))
                    .collect();
                let current = self.focus.map(|f| f.annotation);
                // Annotations are sorted by position, so index order is reading order.
                let next = match (current, forward) {
                    (None, true) => shown.first(),
                    (None, false) => shown.last(),
                    (Some(at), true) => shown.iter().find(|&&i| i > at).or(shown.first()),
                    (Some(at), false) => shown.iter().rev().find(|&&i| i < at).or(shown.last()),
                };
                if let Some(&next) = next {
                    self.entity_cursor = None;
                    self.focus_annotation(&doc, next);
                }
            }
            Action::EditAnnotation(index) => {
                self.editing = index;
                self.edit_error = None;
            }
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

    /// Takes a new list of the reader's names. With `rerun`, every document whose text
    /// contains a name of the old list or the new one is annotated again — so names taken
    /// off the list lose their annotations — keeping the hand edits, then gets the new list.
    fn set_dictionary(&mut self, text: String, rerun: bool) {
        let (dictionary, problems) = crate::dictionary::Dictionary::parse(&text);
        let old = std::mem::replace(&mut self.dictionary, Rc::new(dictionary));
        self.dictionary_text = text;
        self.dictionary_problems = problems;
        if !rerun {
            return;
        }
        for slot in &mut self.docs {
            let doc = &slot.doc;
            if !old.occurs_in(&doc.text) && !self.dictionary.occurs_in(&doc.text) {
                continue;
            }
            let fresh = crate::annotate_text(&doc.name, &doc.text);
            let merged = crate::ui::edit::merge_rerun(doc, &fresh);
            *slot = Rc::new(DocView::new(self.dictionary.apply(&merged)));
        }
        // Edits recorded before refer to the documents as they were.
        self.undo.clear();
        self.redo.clear();
        self.editing = None;
    }

    /// How many hand edits are kept for undo.
    const UNDO_LIMIT: usize = 200;

    fn edit(&mut self, name: &str, edit: &crate::ui::edit::Edit) {
        let Some(before) = self.docs.iter().find(|d| d.doc.name == name).cloned() else {
            return;
        };
        match crate::ui::edit::apply_edit(&before.doc, edit) {
            Ok((doc, touched)) => {
                let after = Rc::new(DocView::new(doc));
                self.replace(after.clone());
                self.undo.push(EditStep { before, after });
                if self.undo.len() > Self::UNDO_LIMIT {
                    self.undo.remove(0);
                }
                self.redo.clear();
                self.editing = touched;
                self.edit_error = None;
            }
            Err(reason) => self.edit_error = Some(reason),
        }
    }

    /// Puts `to` where `from` is. False when the document has changed since (replaced by a
    /// new load, or removed): the step no longer applies.
    fn swap(&mut self, from: &Rc<DocView>, to: &Rc<DocView>) -> bool {
        let Some(i) = self.docs.iter().position(|d| Rc::ptr_eq(d, from)) else {
            return false;
        };
        self.docs[i] = to.clone();
        self.editing = None;
        self.edit_error = None;
        self.select(to.doc.name.clone());
        true
    }

    /// Replaces a document of the same name, keeping what is selected and shown.
    fn replace(&mut self, doc: Rc<DocView>) {
        if let Some(slot) = self.docs.iter_mut().find(|d| d.doc.name == doc.doc.name) {
            *slot = doc;
        }
    }

    fn arrive(&mut self, arrival: Arrival) {
        match arrival {
            Arrival::Annotated(result) => {
                let result = match result {
                    Ok(doc) if self.dictionary.occurs_in(&doc.doc.text) => {
                        Ok(Rc::new(DocView::new(self.dictionary.apply(&doc.doc))))
                    }
                    other => other,
                };
                self.add(result)
            }
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
                // The same text annotated again (a file dropped again, an import) keeps
                // what the reader did by hand.
                let doc = match self.docs.iter().find(|d| d.doc.name == name) {
                    Some(old)
                        if old.doc.text == doc.doc.text
                            && old
                                .doc
                                .annotations
                                .iter()
                                .any(|a| a.source == Source::Manual) =>
                    {
                        Rc::new(DocView::new(crate::ui::edit::merge_rerun(
                            &old.doc, &doc.doc,
                        )))
                    }
                    _ => doc,
                };
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
            self.editing = None;
            self.edit_error = None;
            self.compare = None;
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
    fn the_knowledge_base_is_described_in_words() {
        let state = State::default().apply(Action::KnowledgeBaseReady(KnowledgeBase {
            names: 12_345,
            build_ms: 127.6,
        }));
        let built = state.knowledge_base.unwrap();
        assert_eq!(
            built.describe(),
            "12,345 names built in 128 ms on this device"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
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

    #[test]
    fn restoring_keeps_the_page_busy_and_never_overrides_what_was_loaded_meanwhile() {
        let mut state = State::restoring();
        assert!(state.is_busy());
        state = state.apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![Ok(loaded("b.txt", "new X")).into()]));
        assert!(state.is_busy(), "still restoring");
        let saved_b = loaded("b.txt", "old");
        state = state.apply(Action::Restored {
            docs: vec![loaded("a.txt", "X"), saved_b.clone()],
            problems: vec![problem("c.png"), problem("b.txt")],
            settings: Some(crate::ui::saved::Settings {
                selected: Some("a.txt".into()),
                scope: Scope::Corpus,
                ..Default::default()
            }),
            notes: vec![problem("d.txt")],
        });
        assert!(!state.is_busy());
        let names: Vec<&str> = state.docs.iter().map(|d| d.doc.name.as_str()).collect();
        assert_eq!(names, vec!["a.txt", "b.txt"]);
        assert!(!Rc::ptr_eq(&state.docs[1], &saved_b), "the new b.txt stays");
        assert_eq!(state.problems, vec![problem("c.png")]);
        assert_eq!(state.restore_problems, vec![problem("d.txt")]);
        assert_eq!(state.scope, Scope::Corpus);
        assert_eq!(
            state.selected.as_deref(),
            Some("b.txt"),
            "the document opened meanwhile stays open"
        );
    }

    #[test]
    fn restored_settings_select_their_document_when_none_is_open() {
        let state = State::restoring().apply(Action::Restored {
            docs: vec![loaded("a.txt", "X"), loaded("b.txt", "X")],
            problems: Vec::new(),
            settings: Some(crate::ui::saved::Settings {
                selected: Some("b.txt".into()),
                ..Default::default()
            }),
            notes: Vec::new(),
        });
        assert_eq!(state.selected.as_deref(), Some("b.txt"));
    }

    #[test]
    fn clearing_the_workspace_empties_it_but_keeps_a_storage_warning_and_the_engine() {
        let mut state = State::default().apply(Action::Enqueue(2));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X")).into(),
            Err(problem("b.png")).into(),
        ]));
        state = state.apply(Action::StorageWarning(Some("full".into())));
        state = state.apply(Action::ToggleLayer(Layer::Entity));
        let built = KnowledgeBase {
            names: 10,
            build_ms: 5.0,
        };
        state = state.apply(Action::KnowledgeBaseReady(built));
        state = state.apply(Action::ClearWorkspace);
        assert!(state.docs.is_empty() && state.problems.is_empty());
        assert_eq!(state.selected, None);
        assert_eq!(state.storage_warning.as_deref(), Some("full"));
        assert_eq!(
            state.knowledge_base,
            Some(built),
            "the engine is still there"
        );
        assert!(!state.layers.entity, "settings are not work: they stay");
    }

    fn add_person(start: usize, end: usize) -> Action {
        Action::Edit {
            doc: "a.txt".into(),
            edit: crate::ui::edit::Edit::Add {
                layer: Layer::Entity,
                label: Some("PERSON".into()),
                start,
                end,
            },
        }
    }

    #[test]
    fn a_hand_edit_can_be_undone_and_redone() {
        let mut state = State::default().apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X met Yo")).into()
        ]));
        let original = state.docs[0].clone();
        state = state.apply(add_person(6, 8));
        assert_eq!(state.docs[0].doc.annotations.len(), 2);
        assert_eq!(
            state.editing,
            Some(1),
            "the new annotation is the one being edited"
        );
        let edited = state.docs[0].clone();
        state = state.apply(Action::Undo);
        assert!(Rc::ptr_eq(&state.docs[0], &original));
        state = state.apply(Action::Redo);
        assert!(Rc::ptr_eq(&state.docs[0], &edited));
        // A new edit after an undo drops the redo.
        state = state.apply(Action::Undo).apply(add_person(2, 5));
        assert!(state.redo.is_empty());
        assert_eq!(state.undo.len(), 1);
    }

    #[test]
    fn a_refused_edit_says_why_and_changes_nothing() {
        let mut state = State::default().apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X met Yo")).into()
        ]));
        let before = state.docs[0].clone();
        state = state.apply(add_person(3, 3));
        assert!(Rc::ptr_eq(&state.docs[0], &before));
        assert!(state.edit_error.is_some());
        assert!(state.undo.is_empty());
    }

    #[test]
    fn undo_does_not_bring_back_a_document_replaced_since() {
        let mut state = State::default().apply(Action::Enqueue(2));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X met Yo")).into()
        ]));
        state = state.apply(add_person(6, 8));
        // The same file, a different text: a new document, not an edit of the old one.
        state = state.apply(Action::Finished(vec![Ok(loaded("a.txt", "X only")).into()]));
        let replaced = state.docs[0].clone();
        state = state.apply(Action::Undo);
        assert!(Rc::ptr_eq(&state.docs[0], &replaced));
    }

    #[test]
    fn the_same_text_annotated_again_keeps_hand_edits() {
        let mut state = State::default().apply(Action::Enqueue(2));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X met Yo")).into()
        ]));
        state = state.apply(add_person(6, 8));
        state = state.apply(Action::Finished(vec![
            Ok(loaded("a.txt", "X met Yo")).into()
        ]));
        let sources: Vec<Source> = state.docs[0]
            .doc
            .annotations
            .iter()
            .map(|a| a.source)
            .collect();
        assert_eq!(sources, vec![Source::Auto, Source::Manual]);
    }

    #[test]
    fn next_and_previous_highlight_wrap_around_and_skip_hidden_layers() {
        let mut state = State::default().apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![Ok(loaded("a.txt", "X X X")).into()]));
        let mut seen = Vec::new();
        for _ in 0..4 {
            state = state.apply(Action::StepHighlight { forward: true });
            seen.push(state.focus.unwrap().annotation);
        }
        assert_eq!(seen, vec![0, 1, 2, 0]);
        state = state.apply(Action::StepHighlight { forward: false });
        assert_eq!(state.focus.unwrap().annotation, 2);
        state = state.apply(Action::ToggleLayer(Layer::Entity));
        let before = state.focus;
        state = state.apply(Action::StepHighlight { forward: true });
        assert_eq!(state.focus, before, "nothing shown, nothing to go to");
    }

    #[test]
    fn the_readers_names_apply_at_once_to_every_document_and_to_new_ones() {
        let text = "Ana Petrova met Harbor Lantern in Valletta.";
        let mut state = State::default().apply(Action::Enqueue(1));
        state = state.apply(Action::Finished(vec![Ok(Rc::new(DocView::new(
            crate::annotate_text("a.txt", text),
        )))
        .into()]));
        state = state.apply(Action::SetDictionary(
            "Harbor Lantern\tTHREAT_ACTOR\tUNC9999\nbad line\n".into(),
        ));
        let actors = |state: &State, name: &str| -> Vec<String> {
            let doc = state.docs.iter().find(|d| d.doc.name == name).unwrap();
            doc.doc
                .annotations
                .iter()
                .filter(|a| a.label.as_deref() == Some("THREAT_ACTOR"))
                .map(|a| a.canonical.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(actors(&state, "a.txt"), vec!["UNC9999"]);
        assert_eq!(state.dictionary_problems.len(), 1);
        assert_eq!(state.settings().dictionary, state.dictionary_text);
        // A document loaded afterwards gets the names too.
        state = state
            .apply(Action::Enqueue(1))
            .apply(Action::Finished(vec![Ok(Rc::new(DocView::new(
                crate::annotate_text("b.txt", text),
            )))
            .into()]));
        assert_eq!(actors(&state, "b.txt"), vec!["UNC9999"]);
        // Taking the name off the list takes its annotations away.
        state = state.apply(Action::SetDictionary(String::new()));
        assert!(actors(&state, "a.txt").is_empty());
        assert!(actors(&state, "b.txt").is_empty());
    }
}
