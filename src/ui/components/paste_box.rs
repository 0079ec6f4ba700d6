//! A text box for pasting an article.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    /// Called with the pasted text when the reader adds it.
    pub on_add: Callback<String>,
}

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let text = use_state(String::new);
    let on_input = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            text.set(area.value());
        })
    };
    let on_add = {
        let text = text.clone();
        let on_add = props.on_add.clone();
        Callback::from(move |_: MouseEvent| {
            if !text.trim().is_empty() {
                on_add.emit((*text).clone());
                text.set(String::new());
            }
        })
    };
    html! {
        <div class="paste-box">
            <label class="paste-label">
                <span>{ "Paste an article" }</span>
                <textarea rows="6" dir="auto" value={(*text).clone()} oninput={on_input}
                          placeholder="Paste text in any language…" />
            </label>
            <button class="button" type="button" data-action="add-paste" onclick={on_add}
                    disabled={text.trim().is_empty()}>
                { "Add" }
            </button>
        </div>
    }
}
