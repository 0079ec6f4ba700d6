//! The loaded documents: name, language and counts; a click shows one in the reader.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::app::AppContext;
use crate::ui::corpus::{search, SearchHit};
use crate::ui::state::Action;
use crate::ui::view::DocView;

/// Lists this many matches of a search at most; a narrower search finds the rest.
const MATCHES_LISTED: usize = 500;
/// How many documents the list shows at first, and adds per "show more": a corpus of
/// thousands would otherwise be thousands of list items to build on every load and reload,
/// and the search box finds any of them.
const ITEMS_SHOWN: usize = 200;

#[component]
pub fn DocList() -> Html {
    let query = use_state(String::new);
    let limit = use_state_eq(|| ITEMS_SHOWN);
    let state = use_context::<AppContext>();
    // One callback for the life of the list: a new one on every render would make every
    // item's props differ, and re-render thousands of items whenever a file comes in.
    let on_select = {
        let dispatcher = state.as_ref().map(|s| s.dispatcher());
        use_callback((), move |name: String, _| {
            if let Some(dispatcher) = &dispatcher {
                dispatcher.dispatch(Action::Select(name));
            }
        })
    };
    let Some(state) = state else {
        return Html::default();
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let searching = !query.trim().is_empty();
    let item = |doc: &Rc<DocView>, hit: Option<SearchHit>| {
        let selected = state.selected.as_deref() == Some(doc.doc.name.as_str());
        html! {
            <DocItem key={doc.doc.name.clone()} doc={doc.clone()} {selected} {hit} on_select={on_select.clone()} />
        }
    };
    let (items, heading): (Html, String) = if searching {
        let matches: Vec<(&Rc<DocView>, SearchHit)> = state
            .docs
            .iter()
            .filter_map(|d| search(d, &query).map(|hit| (d, hit)))
            .collect();
        let heading = format!(
            "Documents ({} of {} match)",
            matches.len(),
            state.docs.len()
        );
        let items = matches
            .into_iter()
            .take(MATCHES_LISTED)
            .map(|(d, hit)| item(d, Some(hit)))
            .collect();
        (items, heading)
    } else {
        // The first documents, and the one in the reader wherever it is in the list.
        let items = state
            .docs
            .iter()
            .enumerate()
            .filter(|(i, d)| *i < *limit || state.selected.as_deref() == Some(d.doc.name.as_str()))
            .map(|(_, d)| item(d, None))
            .collect();
        (items, format!("Documents ({})", state.docs.len()))
    };
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + ITEMS_SHOWN))
    };
    let hidden = if searching {
        0
    } else {
        state.docs.len().saturating_sub(*limit)
    };
    html! {
        <section class="doc-list">
            <h2>{ heading }</h2>
            if state.docs.len() > 1 {
                <input type="search" class="doc-search" aria-label="Search the documents and their entities"
                       placeholder="Search text and entities…" value={(*query).clone()} oninput={on_query} />
            }
            <ul>{ items }</ul>
            if hidden > 0 {
                <button type="button" class="link-button more-documents" data-action="more-documents" onclick={on_more}>
                    { format!("Show {} more ({} not listed)", hidden.min(ITEMS_SHOWN), hidden) }
                </button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DocItemProps {
    doc: Rc<DocView>,
    selected: bool,
    /// Where a search matched it, while searching.
    hit: Option<SearchHit>,
    /// Called with the document's name.
    on_select: Callback<String>,
}

/// One document in the list. A component of its own so that, with thousands of files, a
/// new file re-renders only itself: the other items' props compare equal by pointer.
#[component]
fn DocItem(props: &DocItemProps) -> Html {
    let doc = &props.doc;
    let onclick = {
        let name = doc.doc.name.clone();
        props.on_select.reform(move |_: MouseEvent| name.clone())
    };
    html! {
        <li>
            <button type="button" class={classes!("doc-item", props.selected.then_some("selected"))}
                    aria-current={props.selected.then_some("true")} {onclick}>
                <span class="doc-name" dir="auto">{ doc.doc.name.clone() }</span>
                <span class="doc-meta">
                    <span class="lang" title="Language">{ doc.doc.lang.clone() }</span>
                    <span title="Entity mentions">{ format!("{} entities", doc.n_entities) }</span>
                    <span title="Cyber-incident sentences">{ format!("{} incidents", doc.n_incidents()) }</span>
                    <span title="Diplomatic-pledge sentences">{ format!("{} pledges", doc.n_pledges()) }</span>
                </span>
                if let Some(hit) = &props.hit {
                    <span class="search-hit">
                        { format!("{} in the text", hit.in_text) }
                        if !hit.entities.is_empty() {
                            { " · " }<bdi>{ hit.entities.join(", ") }</bdi>
                        }
                    </span>
                }
            </button>
        </li>
    }
}
