//! One line of a document with its highlights.
//!
//! A component per line, so toggling a layer or flashing a mention re-renders nothing of
//! the text: `DocView` is compared by pointer first (`Rc<T: Eq>`), and every line's props
//! are then equal.

use std::rc::Rc;

use yew::prelude::*;

use crate::export::{Layer, Source};
use crate::ui::view::{anchor_id, DocView, Inline, Piece};

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub doc: Rc<DocView>,
    pub line: usize,
    /// Whether highlights carry the anchor ids the sidebar and keys go to: only in the
    /// main text, never in a second document shown beside it.
    #[prop_or(true)]
    pub anchors: bool,
}

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    let Some(line) = props.doc.line(props.line) else {
        return Html::default();
    };
    if line.pieces.is_empty() {
        return html! { <p dir="auto" class="line blank" data-line={props.line.to_string()}></p> };
    }
    let doc = &props.doc;
    let anchors = props.anchors;
    let pieces = line.pieces.iter().map(|piece| match piece {
        Piece::Plain(inline) => render_inline(doc, inline, anchors),
        Piece::Sentence(sentence) => {
            let inner: Html = sentence
                .children
                .iter()
                .map(|inline| render_inline(doc, inline, anchors))
                .collect();
            // Incident and pledge on the same sentence: the inner layer wraps the text, the
            // outer wraps the inner.
            sentence.layers.iter().rev().fold(inner, |children, layer| {
                // No `title`: hovering or focusing a sentence shows its event (EventPopover).
                let manual = doc
                    .doc
                    .annotations
                    .get(layer.annotation)
                    .is_some_and(|a| a.source == Source::Manual);
                let class = classes!(
                    "sent",
                    match layer.layer {
                        Layer::Incident => "sent-incident",
                        _ => "sent-pledge",
                    },
                    manual.then_some("manual")
                );
                html! {
                    <span class={class} data-layer={layer.layer.as_str()}
                          data-ann={layer.annotation.to_string()}
                          id={(anchors && layer.first).then(|| anchor_id(layer.annotation))}
                          tabindex={(anchors && layer.first).then_some("-1")}>
                        { children }
                    </span>
                }
            })
        }
    });
    html! { <p dir="auto" class="line" data-line={props.line.to_string()}>{ for pieces }</p> }
}

fn render_inline(doc: &DocView, inline: &Inline, anchors: bool) -> Html {
    let text = inline.text(&doc.doc.text).to_string();
    let Some(entity) = inline.entity else {
        return html! { { text } };
    };
    let annotation = &doc.doc.annotations[entity.annotation];
    let label = annotation.label.clone().unwrap_or_default();
    let canonical = annotation
        .canonical
        .clone()
        .unwrap_or_else(|| annotation.text.clone());
    let title = match annotation.source {
        Source::Manual => format!("{canonical} · {} · by hand", label_name(&label)),
        Source::Auto => format!("{canonical} · {}", label_name(&label)),
    };
    html! {
        <span class={classes!("ent", (annotation.source == Source::Manual).then_some("manual"))}
              data-layer="entity" data-label={label} data-canonical={canonical} {title}
              data-ann={entity.annotation.to_string()}
              id={(anchors && entity.first).then(|| anchor_id(entity.annotation))}
              tabindex={(anchors && entity.first).then_some("-1")}>
            { text }
        </span>
    }
}

/// The label in words, for tooltips.
pub fn label_name(label: &str) -> &str {
    match label {
        "PERSON" => "person",
        "ORG" => "organisation",
        "PLACE" => "place",
        "THREAT_ACTOR" => "threat actor",
        other => other,
    }
}
