//! Entities grouped by label and canonical name, and the incident and pledge sentences.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::app::AppContext;
use crate::ui::components::paragraph::label_name;
use crate::ui::state::Action;
use crate::ui::view::{DocView, EntityGroup};

#[component]
pub fn Sidebar() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let Some(doc) = state.selected_doc().cloned() else {
        return Html::default();
    };
    let on_entity = {
        let state = state.clone();
        Callback::from(move |(label, canonical): (String, String)| {
            state.dispatch(Action::StepEntity { label, canonical })
        })
    };
    let on_sentence = {
        let state = state.clone();
        Callback::from(move |annotation: usize| state.dispatch(Action::FocusAnnotation(annotation)))
    };
    let cursor = state.entity_cursor.clone();

    let label_sections = doc.entity_groups.iter().map(|group| {
        let items = group.entities.iter().map(|entity| {
            let position = cursor
                .as_ref()
                .filter(|c| c.label == entity.label && c.canonical == entity.canonical)
                .map(|c| c.position);
            html! { <EntityItem entity={entity.clone()} {position} on_step={on_entity.clone()} /> }
        });
        html! {
            <section class="entity-group" data-label={group.label.clone()}>
                <h3>{ label_title(&group.label) }</h3>
                <ul>{ for items }</ul>
            </section>
        }
    });

    html! {
        <div class="sidebar-inner">
            <h2>{ "Entities" }</h2>
            if doc.entity_groups.is_empty() {
                <p class="none">{ "No entities found." }</p>
            }
            { for label_sections }
            // Keyed by document, so a list's "show more" starts over for each document.
            <SentenceList key={format!("incident/{}", doc.doc.name)} title="Cyber incidents" layer="incident" doc={doc.clone()}
                          annotations={doc.incidents.clone()} on_select={on_sentence.clone()} />
            <SentenceList key={format!("pledge/{}", doc.doc.name)} title="Diplomatic pledges" layer="pledge" doc={doc.clone()}
                          annotations={doc.pledges.clone()} on_select={on_sentence} />
        </div>
    }
}

/// The heading of a label's group.
fn label_title(label: &str) -> String {
    match label {
        "PERSON" => "People".to_string(),
        "ORG" => "Organisations".to_string(),
        "PLACE" => "Places".to_string(),
        "THREAT_ACTOR" => "Threat actors".to_string(),
        other => label_name(other).to_string(),
    }
}

#[derive(Properties, PartialEq)]
struct EntityItemProps {
    entity: EntityGroup,
    /// Which mention the last click went to, if the last click was on this entity.
    position: Option<usize>,
    /// Called with `(label, canonical)`: go to the next mention.
    on_step: Callback<(String, String)>,
}

#[component]
fn EntityItem(props: &EntityItemProps) -> Html {
    let entity = &props.entity;
    let onclick = {
        let key = (entity.label.clone(), entity.canonical.clone());
        props.on_step.reform(move |_: MouseEvent| key.clone())
    };
    let n = entity.mentions.len();
    let count = match props.position {
        Some(position) => format!("{} / {n}", position + 1),
        None => n.to_string(),
    };
    html! {
        <li>
            <button type="button" class="entity-item" data-label={entity.label.clone()}
                    title={format!("Go to the next mention of {}", entity.canonical)} {onclick}>
                <span class="entity-name" dir="auto">{ entity.canonical.clone() }</span>
                <span class="count">{ count }</span>
            </button>
        </li>
    }
}

/// How many sentences a list shows at first, and adds per "show more".
const SENTENCES_LISTED: usize = 100;

#[derive(Properties, PartialEq)]
struct SentenceListProps {
    title: AttrValue,
    layer: AttrValue,
    doc: Rc<DocView>,
    annotations: Vec<usize>,
    on_select: Callback<usize>,
}

#[component]
fn SentenceList(props: &SentenceListProps) -> Html {
    // A long document can have thousands of such sentences; list a screenful or two and
    // the rest on request, like the reader's pages.
    let limit = use_state(|| SENTENCES_LISTED);
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + SENTENCES_LISTED))
    };
    let n = props.annotations.len();
    let items = props.annotations.iter().take(*limit).map(|&annotation| {
        let text = props.doc.doc.annotations.get(annotation).map(|a| a.text.clone()).unwrap_or_default();
        let onclick = props.on_select.reform(move |_: MouseEvent| annotation);
        html! {
            <li>
                <button type="button" class="sentence-item" data-layer-item={props.layer.clone()} {onclick}>
                    <span dir="auto">{ text }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class={classes!("sentence-list", format!("list-{}", props.layer))}>
            <h2>{ format!("{} ({})", props.title, props.annotations.len()) }</h2>
            if props.annotations.is_empty() {
                <p class="none">{ "None found." }</p>
            } else {
                <ul>{ for items }</ul>
            }
            if n > *limit {
                <button type="button" class="link-button" onclick={on_more}>
                    { format!("Show more ({} of {n} listed)", *limit) }
                </button>
            }
        </section>
    }
}
