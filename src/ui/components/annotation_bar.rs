//! Annotating by hand: the bar under the text that adds the selected text as an annotation,
//! or edits the annotation that was clicked, with undo and redo. Every action has a key.
//!
//! Keys (outside text fields): 1–4 entity labels and 5–6 incident or pledge, for a new
//! selection or to relabel; Enter confirms an automatic annotation; Delete removes;
//! Escape closes; Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo.

use std::rc::Rc;

use yew::prelude::*;

use crate::export::{Layer, Source};
use crate::ui::app::AppContext;
use crate::ui::components::paragraph::label_name;
use crate::ui::edit::{Edit, ENTITY_LABELS};
use crate::ui::state::Action;
use crate::ui::view::DocView;

/// Text the reader selected in the document, as code point offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selected {
    pub start: usize,
    pub end: usize,
}

/// The six choices for a new annotation, in key order (1–6).
pub const CHOICES: [(Layer, Option<&str>, &str); 6] = [
    (Layer::Entity, Some(ENTITY_LABELS[0]), "Person"),
    (Layer::Entity, Some(ENTITY_LABELS[1]), "Organisation"),
    (Layer::Entity, Some(ENTITY_LABELS[2]), "Place"),
    (Layer::Entity, Some(ENTITY_LABELS[3]), "Threat actor"),
    (Layer::Incident, None, "Cyber incident"),
    (Layer::Pledge, None, "Diplomatic pledge"),
];

#[derive(Properties, PartialEq)]
pub struct AnnotationBarProps {
    pub doc: Rc<DocView>,
    /// A selection waiting for a layer, if any.
    pub selected: Option<Selected>,
    /// Called when the selection is used or dropped.
    pub on_done: Callback<()>,
}

#[component]
pub fn AnnotationBar(props: &AnnotationBarProps) -> Html {
    let canonical_draft = use_state(String::new);
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let doc = &props.doc;
    let name = doc.doc.name.clone();
    let edit = {
        let state = state.clone();
        let name = name.clone();
        move |edit: Edit| {
            let state = state.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| {
                state.dispatch(Action::Edit {
                    doc: name.clone(),
                    edit: edit.clone(),
                })
            })
        }
    };
    let undo_redo = {
        let undo = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
        };
        let redo = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Redo))
        };
        html! {
            <span class="undo-redo">
                <button type="button" class="button small" data-action="undo" onclick={undo}
                        disabled={state.undo.is_empty()} title="Undo the last hand edit (Ctrl+Z)">{ "Undo" }</button>
                <button type="button" class="button small" data-action="redo" onclick={redo}
                        disabled={state.redo.is_empty()} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
            </span>
        }
    };
    let error = state.edit_error.clone().map(|e| {
        html! { <p class="edit-error" role="alert">{ e }</p> }
    });

    // A new selection: choose what it is.
    if let Some(Selected { start, end }) = props.selected {
        let text: String = doc.doc.text.chars().skip(start).take(end - start).collect();
        let buttons = CHOICES.iter().enumerate().map(|(i, &(layer, label, title))| {
            let add = edit(Edit::Add {
                layer,
                label: label.map(str::to_string),
                start,
                end,
            });
            let done = props.on_done.clone();
            let onclick = Callback::from(move |e: MouseEvent| {
                add.emit(e);
                done.emit(());
            });
            html! {
                <button type="button" class="button small choice" data-add={label.unwrap_or(layer.as_str()).to_string()}
                        {onclick} aria-keyshortcuts={(i + 1).to_string()}>
                    <kbd>{ i + 1 }</kbd>{ " " }{ title }
                </button>
            }
        });
        let cancel = props.on_done.reform(|_: MouseEvent| ());
        return html! {
            <div class="annotation-bar" role="toolbar" aria-label="Annotate the selected text">
                <span class="bar-what">{ "Add " }<q dir="auto">{ clip(&text) }</q>{ " as" }</span>
                { for buttons }
                <button type="button" class="link-button" onclick={cancel}>{ "Cancel (Esc)" }</button>
                { undo_redo }
                { for error }
            </div>
        };
    }

    let Some(index) = state.editing else {
        // Nothing to add or edit: only say how, and offer undo.
        return html! {
            <div class="annotation-bar quiet">
                <span class="bar-hint">{ "Select text to annotate it; click a highlight to change it." }</span>
                { undo_redo }
                { for error }
            </div>
        };
    };
    let Some(annotation) = doc.doc.annotations.get(index).cloned() else {
        return Html::default();
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::EditAnnotation(None)))
    };
    let what = match annotation.layer {
        Layer::Entity => label_name(annotation.label.as_deref().unwrap_or("")).to_string(),
        Layer::Incident => "cyber-incident sentence".to_string(),
        Layer::Pledge => "diplomatic-pledge sentence".to_string(),
    };
    let source = match annotation.source {
        Source::Auto => "found automatically",
        Source::Manual => "by hand",
    };
    let relabel = (annotation.layer == Layer::Entity).then(|| {
        ENTITY_LABELS
            .iter()
            .enumerate()
            .map(|(i, &label)| {
                let current = annotation.label.as_deref() == Some(label);
                html! {
                    <button type="button" class="button small choice" data-relabel={label}
                            aria-pressed={current.to_string()} aria-keyshortcuts={(i + 1).to_string()}
                            onclick={edit(Edit::Relabel { index, label: label.to_string() })}>
                        <kbd>{ i + 1 }</kbd>{ " " }{ CHOICES[i].2 }
                    </button>
                }
            })
            .collect::<Html>()
    });
    let canonical_editor = (annotation.layer == Layer::Entity).then(|| {
        let oninput = {
            let draft = canonical_draft.clone();
            Callback::from(move |e: InputEvent| {
                draft.set(
                    e.target_unchecked_into::<web_sys::HtmlInputElement>()
                        .value(),
                )
            })
        };
        let current = annotation.canonical.clone().unwrap_or_default();
        let save = {
            let state = state.clone();
            let name = name.clone();
            let draft = canonical_draft.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                state.dispatch(Action::Edit {
                    doc: name.clone(),
                    edit: Edit::SetCanonical {
                        index,
                        canonical: (*draft).clone(),
                    },
                });
            })
        };
        html! {
            <form class="canonical-form" onsubmit={save}>
                <label>{ "Canonical name " }
                    <input type="text" class="canonical-input" dir="auto" placeholder={current}
                           value={(*canonical_draft).clone()} {oninput} />
                </label>
                <button type="submit" class="button small">{ "Set" }</button>
            </form>
        }
    });
    let n_chars = doc.doc.text.chars().count();
    let nudge = |label: &'static str, action: &'static str, start: usize, end: usize, ok: bool| {
        html! {
            <button type="button" class="button small nudge" data-nudge={action} disabled={!ok}
                    onclick={edit(Edit::Move { index, start, end })}>{ label }</button>
        }
    };
    let (s, e) = (annotation.start, annotation.end);
    // Other annotations at the same place, so overlapping ones stay reachable.
    let overlapping: Html = doc
        .doc
        .annotations
        .iter()
        .enumerate()
        .filter(|&(i, a)| i != index && a.start < e && s < a.end)
        .take(6)
        .map(|(i, a)| {
            let state = state.clone();
            let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::EditAnnotation(Some(i))));
            let title = match a.layer {
                Layer::Entity => format!("{} ({})", a.text, label_name(a.label.as_deref().unwrap_or(""))),
                layer => format!("the {} sentence", layer.as_str()),
            };
            html! { <button type="button" class="link-button overlap" {onclick} dir="auto">{ clip(&title) }</button> }
        })
        .collect();
    html! {
        <div class="annotation-bar editing" role="toolbar" aria-label="Edit the annotation" data-editing={index.to_string()}>
            <span class="bar-what">
                <q dir="auto">{ clip(&annotation.text) }</q>{ format!(" — {what}, {source}") }
            </span>
            { for relabel }
            <span class="nudges" aria-label="Adjust the span">
                { nudge("◂ start", "start-earlier", s.saturating_sub(1), e, s > 0) }
                { nudge("start ▸", "start-later", s + 1, e, s + 1 < e) }
                { nudge("◂ end", "end-earlier", s, e - 1, s + 1 < e) }
                { nudge("end ▸", "end-later", s, e + 1, e < n_chars) }
            </span>
            { for canonical_editor }
            if annotation.source == Source::Auto {
                <button type="button" class="button small" data-action="confirm-annotation"
                        onclick={edit(Edit::Confirm { index })} aria-keyshortcuts="Enter">{ "Confirm (Enter)" }</button>
            }
            <button type="button" class="button small danger" data-action="remove-annotation"
                    onclick={edit(Edit::Remove { index })} aria-keyshortcuts="Delete">{ "Remove (Del)" }</button>
            <button type="button" class="link-button" onclick={close}>{ "Close (Esc)" }</button>
            if !doc.doc.annotations.is_empty() {
                <span class="overlaps">{ overlapping }</span>
            }
            { undo_redo }
            { for error }
        </div>
    }
}

/// A long text shortened for the bar.
fn clip(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}
