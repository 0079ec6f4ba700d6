//! What the page shows before any document is loaded: how to start.

use yew::prelude::*;

use crate::ui::components::paste_box::PasteBox;
use crate::ui::state::KnowledgeBase;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub on_samples: Callback<()>,
    pub on_paste: Callback<String>,
    /// The knowledge base, once the annotation worker has built it.
    pub knowledge_base: Option<KnowledgeBase>,
}

#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    let on_samples = props.on_samples.reform(|_: MouseEvent| ());
    html! {
        <main class="empty-state">
            <h1>{ "Read the news with the entities, incidents and pledges marked" }</h1>
            <p class="lede">
                { "Dossier highlights people, organisations, places and threat actors, sentences that \
                   report cyber incidents, and sentences that make diplomatic pledges — in English, Arabic, \
                   Chinese, Korean, Japanese, Russian, Spanish and more." }
            </p>
            <ul class="ways">
                <li><strong>{ "Drop files" }</strong>{ " anywhere on this page (text or HTML, many at once)," }</li>
                <li>{ "or use " }<strong>{ "Open files" }</strong>{ " above," }</li>
                <li>{ "or paste an article below," }</li>
                <li>
                    { "or try the " }
                    <button class="link-button" type="button" data-action="load-samples-inline" onclick={on_samples}>
                        { "sample articles" }
                    </button>
                    { "." }
                </li>
            </ul>
            <p class="privacy">
                { "Everything happens in this browser tab. Your documents never leave this machine, and \
                   the page works with the network switched off." }
            </p>
            <PasteBox on_add={props.on_paste.clone()} />
            if let Some(built) = props.knowledge_base {
                <p class="knowledge-base">{ format!("Knowledge base: {}.", built.describe()) }</p>
            }
        </main>
    }
}
