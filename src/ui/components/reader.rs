//! The selected document with its highlights, the legend and the layer switches.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::export::Layer;
use crate::ui::app::AppContext;
use crate::ui::components::event_popover::{event_element, EventPopover, PopoverAt};
use crate::ui::components::legend::Legend;
use crate::ui::components::paragraph::Paragraph;
use crate::ui::state::{Action, Focus};
use crate::ui::view::anchor_id;

#[component]
pub fn Reader() -> Html {
    let state = use_context::<AppContext>();
    let article = use_node_ref();
    // `_eq`: moving the pointer within one sentence must not re-render.
    let popover = use_state_eq(|| None::<PopoverAt>);
    {
        let popover = popover.clone();
        let selected = state.as_ref().and_then(|s| s.selected.clone());
        use_effect_with(selected, move |_| popover.set(None));
    }

    // Scrolling to and flashing a mention is a side effect of the state's `focus`, run
    // after the render that put the mention's line on the page.
    let focus = state.as_ref().and_then(|s| s.focus);
    use_effect_with(focus, |focus| {
        if let Some(Focus { annotation, .. }) = *focus {
            show_and_flash(&anchor_id(annotation));
        }
    });

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
    let n_lines = doc.lines.len();
    let shown = doc.lines_in_pages(state.pages_shown);
    let hidden_layers = classes!(
        (!state.layers.entity).then_some("hide-entity"),
        (!state.layers.incident).then_some("hide-incident"),
        (!state.layers.pledge).then_some("hide-pledge"),
    );
    html! {
        <article class="reader" lang={doc.doc.lang.clone()} ref={article}>
            <div class="reader-head">
                <h1 class="doc-title" dir="auto">{ doc.doc.name.clone() }</h1>
                <Legend layers={state.layers} {on_toggle} />
            </div>
            <div class={classes!("text", hidden_layers)} key={doc.doc.name.clone()}
                 onmouseover={on_pointer} onmouseleave={on_leave} onfocusin={on_focus} onfocusout={on_blur}>
                { for (0..shown).map(|line| html! { <Paragraph key={line} doc={doc.clone()} {line} /> }) }
            </div>
            if let Some(at) = (*popover).clone() {
                <EventPopover doc={doc.clone()} {at} />
            }
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
