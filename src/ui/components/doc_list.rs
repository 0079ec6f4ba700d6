//! The loaded documents: name, language and counts; a click shows one in the reader.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::app::AppContext;
use crate::ui::state::Action;
use crate::ui::view::DocView;

#[component]
pub fn DocList() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Action::Select(name)))
    };
    let items = state.docs.iter().map(|doc| {
        let selected = state.selected.as_deref() == Some(doc.doc.name.as_str());
        html! {
            <DocItem key={doc.doc.name.clone()} doc={doc.clone()} {selected} on_select={on_select.clone()} />
        }
    });
    html! {
        <section class="doc-list">
            <h2>{ format!("Documents ({})", state.docs.len()) }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DocItemProps {
    doc: Rc<DocView>,
    selected: bool,
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
            </button>
        </li>
    }
}
