//! The selected document with its highlights, the legend and the layer switches.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::export::Layer;
use crate::ui::app::AppContext;
use crate::ui::components::annotation_bar::{AnnotationBar, Selected, CHOICES};
use crate::ui::components::event_popover::{event_element, EventPopover, PopoverAt};
use crate::ui::components::legend::Legend;
use crate::ui::components::paragraph::Paragraph;
use crate::ui::corpus::same_stories_of;
use crate::ui::edit::{Edit, ENTITY_LABELS};
use crate::ui::state::{Action, Focus};
use crate::ui::view::{anchor_id, DocView};

#[component]
pub fn Reader() -> Html {
    let state = use_context::<AppContext>();
    let article = use_node_ref();
    // `_eq`: moving the pointer within one sentence must not re-render.
    let popover = use_state_eq(|| None::<PopoverAt>);
    // Text selected for a new annotation, waiting for its layer.
    let pending = use_state_eq(|| None::<Selected>);
    {
        let popover = popover.clone();
        let pending = pending.clone();
        let selected = state.as_ref().and_then(|s| s.selected.clone());
        use_effect_with(selected, move |_| {
            popover.set(None);
            pending.set(None);
        });
    }

    // The editing keys, on the whole page (outside text fields), for what is on screen now.
    {
        let doc = state.as_ref().and_then(|s| s.selected_doc().cloned());
        let editing = state.as_ref().and_then(|s| s.editing);
        let dispatcher = state.as_ref().map(|s| s.dispatcher());
        let pending = pending.clone();
        let deps = (
            doc.as_ref().map(|d| Rc::as_ptr(d) as usize),
            *pending,
            editing,
        );
        use_effect_with(deps, move |_| {
            let listener = dispatcher.map(|dispatcher| {
                // Not passive: a handled key must not also scroll or type.
                gloo::events::EventListener::new_with_options(
                    &gloo::utils::document(),
                    "keydown",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if let Some(action) = key_action(event, doc.as_deref(), *pending, editing) {
                            event.prevent_default();
                            if matches!(
                                action,
                                Action::Edit {
                                    edit: Edit::Add { .. },
                                    ..
                                }
                            ) {
                                pending.set(None);
                                clear_selection();
                            }
                            dispatcher.dispatch(action);
                        } else if event.key() == "Escape" && pending.is_some() {
                            pending.set(None);
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    // Scrolling to and flashing a mention is a side effect of the state's `focus`, run
    // after the render that put the mention's line on the page.
    let focus = state.as_ref().and_then(|s| s.focus);
    use_effect_with(focus, |focus| {
        if let Some(Focus { annotation, .. }) = *focus {
            show_and_flash(&anchor_id(annotation));
        }
    });

    // Which documents tell the same story as the one shown, over everything loaded. It
    // looks at every document, so while files are still coming in it waits for the last
    // of them rather than running again for each batch.
    let settled_docs = use_mut_ref(Vec::<Rc<DocView>>::new);
    if let Some(state) = state.as_ref().filter(|s| !s.is_busy()) {
        *settled_docs.borrow_mut() = state.docs.clone();
    }
    let selected = state.as_ref().and_then(|s| s.selected.clone());
    let same = use_memo(
        (selected, settled_docs.borrow().clone()),
        |(selected, docs)| {
            docs.iter()
                .position(|d| Some(&d.doc.name) == selected.as_ref())
                .map(|i| same_stories_of(docs, i))
                .unwrap_or_default()
        },
    );

    let Some(state) = state else {
        return Html::default();
    };
    let Some(doc) = state.selected_doc().cloned() else {
        return html! { <p class="reader-placeholder">{ "Choose a document on the left." }</p> };
    };
    let on_toggle = {
        let state = state.clone();
        Callback::from(move |layer: Layer| state.dispatch(Action::ToggleLayer(layer)))
    };
    let on_more = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowMore))
    };
    // Pointer and focus events bubble up to the text, so one pair of handlers serves every
    // sentence, however long the document.
    let show_popover = {
        let popover = popover.clone();
        let article = article.clone();
        move |event: &web_sys::Event| {
            let at = event_element(event)
                .zip(article.cast::<web_sys::Element>())
                .and_then(|(target, reader)| PopoverAt::for_target(&target, &reader));
            popover.set(at);
        }
    };
    let hide_popover = {
        let popover = popover.clone();
        Callback::from(move |_: Event| popover.set(None))
    };
    let on_pointer = {
        let show = show_popover.clone();
        Callback::from(move |event: MouseEvent| show(&event))
    };
    let on_focus = Callback::from(move |event: FocusEvent| show_popover(&event));
    let on_leave = hide_popover.reform(|event: MouseEvent| event.into());
    let on_blur = hide_popover.reform(|event: FocusEvent| event.into());
    // A drag that selects text offers to annotate it; a click on a highlight edits it.
    let on_mouse_up = {
        let pending = pending.clone();
        let doc = doc.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(selected) = selection_in(&doc) {
                pending.set(Some(selected));
            }
        })
    };
    let on_click = {
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |event: MouseEvent| {
            let selecting = state
                .selected_doc()
                .is_some_and(|doc| selection_in(doc).is_some());
            if selecting {
                return;
            }
            pending.set(None);
            let clicked = event_element(&event)
                .and_then(|e| e.closest("[data-ann]").ok().flatten())
                .and_then(|e| e.get_attribute("data-ann"))
                .and_then(|a| a.parse::<usize>().ok());
            state.dispatch(Action::EditAnnotation(clicked));
        })
    };
    let on_done = {
        let pending = pending.clone();
        Callback::from(move |()| {
            pending.set(None);
            clear_selection();
        })
    };
    let n_lines = doc.n_lines();
    let shown = doc.lines_in_pages(state.pages_shown);
    let hidden_layers = classes!(
        (!state.layers.entity).then_some("hide-entity"),
        (!state.layers.incident).then_some("hide-incident"),
        (!state.layers.pledge).then_some("hide-pledge"),
    );
    let compared = state
        .compare
        .as_ref()
        .and_then(|name| state.docs.iter().find(|d| d.doc.name == *name))
        .cloned();
    let links = same.iter().map(|link| {
        let beside = {
            let state = state.clone();
            let name = link.doc.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Compare(Some(name.clone()))))
        };
        let open = {
            let state = state.clone();
            let name = link.doc.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Select(name.clone())))
        };
        html! {
            <li>
                <button type="button" class="link-button" onclick={open} dir="auto">{ link.doc.clone() }</button>
                { format!(" ({}, {:.0}% alike) ", link.lang, link.similarity * 100.0) }
                <button type="button" class="link-button" data-action="side-by-side" onclick={beside}>{ "side by side" }</button>
            </li>
        }
    });
    let stop_compare = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Compare(None)))
    };
    html! {
        <article class={classes!("reader", compared.is_some().then_some("comparing"))} lang={doc.doc.lang.clone()} ref={article}>
            <div class="reader-head">
                <h1 class="doc-title" dir="auto">{ doc.doc.name.clone() }</h1>
                <Legend layers={state.layers} {on_toggle} />
                if !same.is_empty() {
                    <div class="same-story">
                        { "Same story: " }
                        <ul>{ for links }</ul>
                    </div>
                }
            </div>
            <div class="panes">
            <div class={classes!("text", "main-text", hidden_layers.clone())} key={doc.doc.name.clone()}
                 onmouseover={on_pointer} onmouseleave={on_leave} onfocusin={on_focus} onfocusout={on_blur}
                 onmouseup={on_mouse_up} onclick={on_click}>
                { for (0..shown).map(|line| html! { <Paragraph key={line} doc={doc.clone()} {line} /> }) }
            </div>
            if let Some(other) = compared {
                <aside class="compare-pane" aria-label={format!("{} beside it", other.doc.name)} lang={other.doc.lang.clone()}>
                    <div class="compare-head">
                        <span class="doc-name" dir="auto">{ other.doc.name.clone() }</span>
                        <button type="button" class="link-button" data-action="stop-compare" onclick={stop_compare}>{ "Close" }</button>
                    </div>
                    <div class={classes!("text", "compare-text", hidden_layers)}>
                        { for (0..other.lines_in_pages(1)).map(|line| html! {
                            <Paragraph key={line} doc={other.clone()} {line} anchors={false} />
                        }) }
                    </div>
                    if other.lines_in_pages(1) < other.n_lines() {
                        <p class="none">{ "The first page is shown; open the document for the rest." }</p>
                    }
                </aside>
            }
            </div>
            if let Some(at) = (*popover).clone() {
                <EventPopover doc={doc.clone()} {at} />
            }
            // Keyed by what it edits, so a half-typed canonical name never carries over.
            <AnnotationBar key={format!("{:?}/{:?}", state.editing, *pending)} doc={doc.clone()}
                           selected={*pending} {on_done} />
            if shown < n_lines {
                <button class="button more" type="button" onclick={on_more}>
                    { format!("Show more ({} of {} lines shown)", shown, n_lines) }
                </button>
            }
        </article>
    }
}

/// Scrolls an anchor into the middle of the view, focuses it and replays the flash.
fn show_and_flash(id: &str) {
    let Some(element) = gloo::utils::document().get_element_by_id(id) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(web_sys::ScrollBehavior::Smooth);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    let classes = element.class_list();
    classes.remove_1("flash").ok();
    if let Some(html_element) = element.dyn_ref::<web_sys::HtmlElement>() {
        // Reading the layout between removing and adding the class restarts the animation.
        let _ = html_element.offset_width();
        let focus_options = web_sys::FocusOptions::new();
        focus_options.set_prevent_scroll(true);
        html_element.focus_with_options(&focus_options).ok();
    }
    classes.add_1("flash").ok();
}

/// The selection in the document's text as code point offsets, when there is a non-empty
/// one inside the text.
fn selection_in(doc: &DocView) -> Option<Selected> {
    let selection = gloo::utils::window().get_selection().ok().flatten()?;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let start = offset_of(
        doc,
        &range.start_container().ok()?,
        range.start_offset().ok()?,
    )?;
    let end = offset_of(doc, &range.end_container().ok()?, range.end_offset().ok()?)?;
    (start < end).then_some(Selected { start, end })
}

/// The code point offset in the document of a DOM position inside a line of the text:
/// the line's start plus the characters of the line before the position.
fn offset_of(doc: &DocView, node: &web_sys::Node, offset: u32) -> Option<usize> {
    let element = match node.dyn_ref::<web_sys::Element>() {
        Some(element) => element.clone(),
        None => node.parent_element()?,
    };
    let line_element = element.closest(".main-text p[data-line]").ok().flatten()?;
    let line: usize = line_element.get_attribute("data-line")?.parse().ok()?;
    let before = gloo::utils::document().create_range().ok()?;
    before.select_node_contents(&line_element).ok()?;
    before.set_end(node, offset).ok()?;
    let within = String::from(before.to_string()).chars().count();
    Some(doc.line_starts.get(line)? + within)
}

fn clear_selection() {
    if let Ok(Some(selection)) = gloo::utils::window().get_selection() {
        selection.remove_all_ranges().ok();
    }
}

/// What a key press does, if anything: see `annotation_bar` for the keys.
fn key_action(
    event: &web_sys::KeyboardEvent,
    doc: Option<&DocView>,
    pending: Option<Selected>,
    editing: Option<usize>,
) -> Option<Action> {
    let in_field = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| {
            e.closest("input, textarea, select, [contenteditable]")
                .ok()
                .flatten()
        })
        .is_some();
    let key = event.key();
    // Enter on a focused button or link presses it, as everywhere else.
    let on_control = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("button, a, summary").ok().flatten())
        .is_some();
    if in_field || event.alt_key() || (on_control && (key == "Enter" || key == " ")) {
        return None;
    }
    let command = event.ctrl_key() || event.meta_key();
    if command {
        return match key.to_lowercase().as_str() {
            "z" if event.shift_key() => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            _ => None,
        };
    }
    let doc = doc?;
    let name = doc.doc.name.clone();
    let digit = key
        .parse::<usize>()
        .ok()
        .filter(|d| (1..=CHOICES.len()).contains(d));
    if let Some(Selected { start, end }) = pending {
        let (layer, label, _) = CHOICES[digit? - 1];
        return Some(Action::Edit {
            doc: name,
            edit: Edit::Add {
                layer,
                label: label.map(str::to_string),
                start,
                end,
            },
        });
    }
    if let Some(index) = editing {
        let edit = match key.as_str() {
            "Enter" => Edit::Confirm { index },
            "Delete" | "Backspace" => Edit::Remove { index },
            "Escape" => return Some(Action::EditAnnotation(None)),
            _ => {
                let label = ENTITY_LABELS.get(digit? - 1)?;
                Edit::Relabel {
                    index,
                    label: label.to_string(),
                }
            }
        };
        return Some(Action::Edit { doc: name, edit });
    }
    match key.as_str() {
        "j" => Some(Action::StepHighlight { forward: true }),
        "k" => Some(Action::StepHighlight { forward: false }),
        _ => None,
    }
}
