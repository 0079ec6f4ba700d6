//! What the page shows before any document is loaded: how to start.

use yew::prelude::*;

use crate::ui::components::paste_box::PasteBox;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub on_samples: Callback<()>,
    pub on_paste: Callback<String>,
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
        </main>
    }
}
