//! Entities grouped by label and canonical name — of the selected document or of every
//! loaded document — and the selected document's incidents and pledges as cards.

use std::rc::Rc;

use yew::prelude::*;

use crate::export::Layer;
use crate::ui::app::AppContext;
use crate::ui::components::paragraph::label_name;
use crate::ui::corpus::{corpus_entities, CorpusEntity};
use crate::ui::events::{events_of, EventRow};
use crate::ui::state::{Action, MainView, Scope};
use crate::ui::view::{DocView, EntityGroup};

#[component]
pub fn Sidebar() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let set_scope = |scope: Scope| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetScope(scope)))
    };
    let scope_tabs = html! {
        <div class="scope-tabs" role="group" aria-label="Entities of">
            <button type="button" class="scope-tab" data-scope="document"
                    aria-pressed={(state.scope == Scope::Document).to_string()}
                    onclick={set_scope(Scope::Document)}>{ "This document" }</button>
            <button type="button" class="scope-tab" data-scope="corpus"
                    aria-pressed={(state.scope == Scope::Corpus).to_string()}
                    onclick={set_scope(Scope::Corpus)}>{ format!("All documents ({})", state.docs.len()) }</button>
        </div>
    };
    let body = match state.scope {
        Scope::Document => match state.selected_doc().cloned() {
            Some(doc) => html! { <DocumentSidebar {doc} /> },
            None => html! { <p class="none">{ "No document selected." }</p> },
        },
        Scope::Corpus => html! { <CorpusSidebar docs={state.docs.clone()} /> },
    };
    html! {
        <div class="sidebar-inner">
            { scope_tabs }
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DocumentSidebarProps {
    doc: Rc<DocView>,
}

/// The selected document's entities, then its incident and pledge cards.
#[component]
fn DocumentSidebar(props: &DocumentSidebarProps) -> Html {
    let rows = use_memo(props.doc.clone(), |doc| events_of(doc));
    let state = use_context::<AppContext>();
    // Callbacks made once: new ones on every render would re-render every entity item and
    // card whenever anything in the state changes (each file that comes in).
    let dispatcher = state.as_ref().map(|s| s.dispatcher());
    let on_entity = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(label, canonical): (String, String), _| {
            if let Some(dispatcher) = &dispatcher {
                dispatcher.dispatch(Action::StepEntity { label, canonical });
            }
        })
    };
    let on_card = use_callback((), move |annotation: usize, _| {
        if let Some(dispatcher) = &dispatcher {
            dispatcher.dispatch(Action::FocusAnnotation(annotation));
        }
    });
    let Some(state) = state else {
        return Html::default();
    };
    let doc = &props.doc;
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
    let (incidents, pledges): (Vec<EventRow>, Vec<EventRow>) = rows
        .iter()
        .cloned()
        .partition(|r| r.layer == Layer::Incident);
    html! {
        <>
            <h2>{ "Entities" }</h2>
            if doc.entity_groups.is_empty() {
                <p class="none">{ "No entities found." }</p>
            }
            { for label_sections }
            // Keyed by document, so a list's "show more" starts over for each document.
            <EventCards key={format!("incident/{}", doc.doc.name)} title="Cyber incidents" layer="incident"
                        rows={incidents} on_select={on_card.clone()} />
            <EventCards key={format!("pledge/{}", doc.doc.name)} title="Diplomatic pledges" layer="pledge"
                        rows={pledges} on_select={on_card} />
        </>
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
                <span class="count" aria-label={format!("{n} mentions")}>{ count }</span>
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct CorpusSidebarProps {
    docs: Vec<Rc<DocView>>,
}

/// Every entity of every loaded document, one entry per canonical name.
#[component]
fn CorpusSidebar(props: &CorpusSidebarProps) -> Html {
    // Recomputed only when the set of documents changes (each `Rc` compares by pointer first).
    let groups = use_memo(props.docs.clone(), |docs| corpus_entities(docs));
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let n_events: usize = props
        .docs
        .iter()
        .map(|d| d.n_incidents() + d.n_pledges())
        .sum();
    let on_open = {
        let state = state.clone();
        Callback::from(move |(doc, label, canonical): (String, String, String)| {
            state.dispatch(Action::OpenEntity {
                doc,
                label,
                canonical,
            })
        })
    };
    let show_events = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowView(MainView::Events)))
    };
    let sections = groups.iter().map(|group| {
        let items = group.entities.iter().map(|entity| {
            html! { <CorpusEntityItem key={entity.canonical.clone()} entity={entity.clone()} on_open={on_open.clone()} /> }
        });
        html! {
            <section class="entity-group" data-label={group.label.clone()}>
                <h3>{ format!("{} ({})", label_title(&group.label), group.entities.len()) }</h3>
                <ul>{ for items }</ul>
            </section>
        }
    });
    html! {
        <>
            <h2>{ "Entities in all documents" }</h2>
            if groups.is_empty() {
                <p class="none">{ "No entities found." }</p>
            }
            { for sections }
            <h2>{ "Events" }</h2>
            <button type="button" class="link-button" data-action="show-events" onclick={show_events}>
                { format!("Open the Events table ({n_events} incidents and pledges)") }
            </button>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CorpusEntityItemProps {
    entity: CorpusEntity,
    /// Called with `(document, label, canonical)`: show its first mention there.
    on_open: Callback<(String, String, String)>,
}

/// An entity of the corpus: its names in other languages, and on request the documents
/// that mention it.
#[component]
fn CorpusEntityItem(props: &CorpusEntityItemProps) -> Html {
    let open = use_state_eq(|| false);
    let entity = &props.entity;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let n_docs = entity.docs.len();
    let documents = entity.docs.iter().map(|d| {
        let key = (d.doc.clone(), entity.label.clone(), entity.canonical.clone());
        let onclick = props.on_open.reform(move |_: MouseEvent| key.clone());
        html! {
            <li>
                <button type="button" class="mention-doc" {onclick}>
                    <span class="doc-name" dir="auto">{ d.doc.clone() }</span>
                    <span class="count" aria-label={format!("{} mentions", d.mentions)}>{ d.mentions }</span>
                </button>
            </li>
        }
    });
    html! {
        <li class="corpus-entity">
            <button type="button" class="entity-item" data-label={entity.label.clone()}
                    aria-expanded={open.to_string()} onclick={toggle}
                    title={format!("List the documents that mention {}", entity.canonical)}>
                <span class="entity-name" dir="auto">{ entity.canonical.clone() }</span>
                <span class="count" aria-label={format!("{} mentions in {n_docs} documents", entity.n_mentions)}>
                    { format!("{} · {n_docs} doc{}", entity.n_mentions, if n_docs == 1 { "" } else { "s" }) }
                </span>
            </button>
            if !entity.names.is_empty() {
                <p class="other-names" lang="" dir="auto">
                    { for entity.names.iter().map(|name| html! { <bdi>{ name.clone() }</bdi> }) }
                </p>
            }
            if *open {
                <ul class="mention-docs" aria-label={format!("Documents that mention {}", entity.canonical)}>
                    { for documents }
                </ul>
            }
        </li>
    }
}

/// How many cards a list shows at first, and adds per "show more".
const CARDS_LISTED: usize = 100;

#[derive(Properties, PartialEq)]
struct EventCardsProps {
    title: AttrValue,
    layer: AttrValue,
    rows: Vec<EventRow>,
    on_select: Callback<usize>,
}

#[component]
fn EventCards(props: &EventCardsProps) -> Html {
    // A long document can have thousands of such sentences; list a screenful or two and
    // the rest on request, like the reader's pages.
    let limit = use_state(|| CARDS_LISTED);
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + CARDS_LISTED))
    };
    let n = props.rows.len();
    let cards = props.rows.iter().take(*limit).map(|row| {
        let annotation = row.annotation;
        let onclick = props.on_select.reform(move |_: MouseEvent| annotation);
        let qualifier = row.qualifier();
        html! {
            <li>
                <button type="button" class="event-card sentence-item" data-layer-item={props.layer.clone()}
                        data-kind={row.kind.clone()} {onclick}>
                    <span class="card-kind">{ row.kind.clone() }</span>
                    if let Some(headline) = row.headline() {
                        <span class="card-headline" dir="auto">{ headline }</span>
                    }
                    if !qualifier.is_empty() {
                        <span class="card-qualifier" dir="auto">{ qualifier }</span>
                    }
                    <span class="card-sentence" dir="auto">{ row.sentence.clone() }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class={classes!("sentence-list", format!("list-{}", props.layer))}>
            <h2>{ format!("{} ({n})", props.title) }</h2>
            if props.rows.is_empty() {
                <p class="none">{ "None found." }</p>
            } else {
                <ul>{ for cards }</ul>
            }
            if n > *limit {
                <button type="button" class="link-button" onclick={on_more}>
                    { format!("Show more ({} of {n} listed)", *limit) }
                </button>
            }
        </section>
    }
}
