//! The structure of an incident or pledge sentence, shown beside it while the pointer is
//! over it or it has the keyboard focus.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::events::EventRow;
use crate::ui::view::DocView;

/// The popover's widest, as in the style sheet (`.event-popover { max-width }`).
const POPOVER_WIDTH_PX: f64 = 352.0;

/// Which sentence annotations the popover describes, and where, in pixels from the top
/// left of the reader.
#[derive(Clone, Debug, PartialEq)]
pub struct PopoverAt {
    /// Outermost first: a sentence that is both an incident and a pledge has two.
    pub annotations: Vec<usize>,
    pub top: f64,
    pub left: f64,
}

impl PopoverAt {
    /// The popover for the sentence around `target`, placed under it, or `None` when
    /// `target` is not inside a highlighted sentence. `reader` is the positioned ancestor.
    pub fn for_target(target: &web_sys::Element, reader: &web_sys::Element) -> Option<PopoverAt> {
        let mut annotations = Vec::new();
        let mut element = target.closest(".sent").ok().flatten();
        let innermost = element.clone()?;
        while let Some(sentence) = element {
            // A switched-off layer shows no marks, so it shows no popover either.
            let layer = sentence.get_attribute("data-layer").unwrap_or_default();
            let hidden = sentence
                .closest(&format!(".hide-{layer}"))
                .ok()
                .flatten()
                .is_some();
            if let Some(index) = sentence
                .get_attribute("data-ann")
                .filter(|_| !hidden)
                .and_then(|a| a.parse::<usize>().ok())
            {
                annotations.insert(0, index);
            }
            element = sentence
                .parent_element()
                .and_then(|p| p.closest(".sent").ok().flatten());
        }
        if annotations.is_empty() {
            return None;
        }
        // Under the sentence's last line fragment, from the start of its first.
        let rects = innermost.get_client_rects();
        let first = rects.get(0)?;
        let last = rects.get(rects.length().saturating_sub(1))?;
        let origin = reader.get_bounding_client_rect();
        Some(PopoverAt {
            annotations,
            top: last.bottom() - origin.top() + 6.0,
            // Kept inside the reader: the popover is at most POPOVER_WIDTH_PX wide.
            left: (first.left() - origin.left())
                .min(origin.width() - POPOVER_WIDTH_PX)
                .max(0.0),
        })
    }
}

/// The element an event came from, as an `Element`.
pub fn event_element(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.target()?.dyn_into::<web_sys::Element>().ok()
}

#[derive(Properties, PartialEq)]
pub struct EventPopoverProps {
    pub doc: Rc<DocView>,
    pub at: PopoverAt,
}

#[component]
pub fn EventPopover(props: &EventPopoverProps) -> Html {
    // Placed through the CSS object model after rendering: the page's Content Security
    // Policy refuses inline `style` attributes.
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(
            (props.at.top as i64, props.at.left as i64),
            move |&(top, left)| {
                if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                    let style = element.style();
                    style.set_property("top", &format!("{top}px")).ok();
                    style.set_property("left", &format!("{left}px")).ok();
                }
            },
        );
    }
    let doc = &props.doc;
    let events = props.at.annotations.iter().filter_map(|&index| {
        let annotation = doc.doc.annotations.get(index)?;
        let row = EventRow::of(&doc.doc.name, index, annotation)?;
        let heading = match row.layer {
            crate::export::Layer::Incident => "Cyber incident",
            _ => "Diplomatic pledge",
        };
        let fields = row.structure().into_iter().map(|(name, value)| {
            html! { <><dt>{ name }</dt><dd dir="auto">{ value }</dd></> }
        });
        Some(html! {
            <div class="popover-event" data-layer-item={row.layer.as_str()}>
                <p class="popover-title">{ heading }</p>
                <dl>{ for fields }</dl>
            </div>
        })
    });
    html! {
        // Announced politely when a sentence gets the focus, for screen reader users.
        <div class="event-popover" role="status" aria-live="polite" ref={node}>
            { for events }
        </div>
    }
}
