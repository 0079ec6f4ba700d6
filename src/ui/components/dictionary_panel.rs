//! The reader's own names: typed or pasted, or loaded from a file, one per line as
//! `name <TAB> TYPE <TAB> canonical`. Applied at once to every document and kept with the
//! workspace.

use yew::prelude::*;

use crate::ui::app::{files_of, AppContext};
use crate::ui::state::Action;

#[component]
pub fn DictionaryPanel() -> Html {
    let state = use_context::<AppContext>();
    let saved_text = state
        .as_ref()
        .map(|s| s.dictionary_text.clone())
        .unwrap_or_default();
    let draft = use_state(|| saved_text.clone());
    // The list can also change elsewhere (restored at start-up): show that one.
    {
        let draft = draft.clone();
        use_effect_with(saved_text, move |text| draft.set(text.clone()));
    }
    let Some(state) = state else {
        return Html::default();
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let apply = {
        let state = state.clone();
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::SetDictionary((*draft).clone()));
        })
    };
    let on_file = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input
                .files()
                .map(files_of)
                .and_then(|f| f.into_iter().next())
            else {
                return;
            };
            input.set_value("");
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let blob = gloo::file::Blob::from(file);
                match gloo::file::futures::read_as_bytes(&blob).await {
                    Ok(bytes) => {
                        // A list in a legacy encoding is decoded like any dropped file.
                        let text = match crate::input::decode("names.txt", &bytes) {
                            Ok(decoded) => decoded.text,
                            Err(message) => {
                                state.dispatch(Action::SetDictionaryProblem(message));
                                return;
                            }
                        };
                        let mut all = state.dictionary_text.clone();
                        if !all.is_empty() && !all.ends_with('\n') {
                            all.push('\n');
                        }
                        all.push_str(&text);
                        state.dispatch(Action::SetDictionary(all));
                    }
                    Err(err) => state.dispatch(Action::SetDictionaryProblem(format!(
                        "cannot read the file: {err}"
                    ))),
                }
            });
        })
    };
    let n = state.dictionary.entries().len();
    let problems = state
        .dictionary_problems
        .iter()
        .map(|p| html! { <li class="problem">{ p.clone() }</li> });
    html! {
        <details class="dictionary" open={n > 0 || !state.dictionary_problems.is_empty()}>
            <summary>{ format!("Your names ({n})") }</summary>
            <form class="dictionary-form" onsubmit={apply}>
                <label class="paste-label">
                    { "One per line: name, type (PERSON, ORG, PLACE or THREAT_ACTOR), canonical name" }
                    <textarea class="dictionary-text" rows="5" dir="auto" spellcheck="false"
                              placeholder={"Harbor Lantern\tTHREAT_ACTOR\tUNC9999"}
                              value={(*draft).clone()} {oninput} />
                </label>
                <div class="dictionary-actions">
                    <button type="submit" class="button small" data-action="apply-dictionary">{ "Apply to all documents" }</button>
                    <label class="button small">
                        { "Add from a file…" }
                        <input type="file" class="visually-hidden" accept=".txt,.tsv,.csv,text/plain" onchange={on_file} />
                    </label>
                </div>
            </form>
            if !state.dictionary_problems.is_empty() {
                <ul class="problems dictionary-problems" role="alert">{ for problems }</ul>
            }
        </details>
    }
}
