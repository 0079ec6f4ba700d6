//! The loaded documents: name, language and counts; a click shows one in the reader.

use yew::prelude::*;

use crate::ui::app::AppContext;
use crate::ui::state::Action;

#[component]
pub fn DocList() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let items = state.docs.iter().map(|doc| {
        let name = doc.doc.name.clone();
        let selected = state.selected.as_deref() == Some(name.as_str());
        let onclick = {
            let state = state.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Select(name.clone())))
        };
        html! {
            <li key={name.clone()}>
                <button type="button" class={classes!("doc-item", selected.then_some("selected"))}
                        aria-current={selected.then_some("true")} {onclick}>
                    <span class="doc-name" dir="auto">{ name.clone() }</span>
                    <span class="doc-meta">
                        <span class="lang" title="Language">{ doc.doc.lang.clone() }</span>
                        <span title="Entity mentions">{ format!("{} entities", doc.n_entities) }</span>
                        <span title="Cyber-incident sentences">{ format!("{} incidents", doc.n_incidents()) }</span>
                        <span title="Diplomatic-pledge sentences">{ format!("{} pledges", doc.n_pledges()) }</span>
                    </span>
                </button>
            </li>
        }
    });
    html! {
        <section class="doc-list">
            <h2>{ format!("Documents ({})", state.docs.len()) }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}
