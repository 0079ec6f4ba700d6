//! The page header: the app's name, its actions and the loading progress.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::formats::Format;
use crate::ui::app::{files_of, AppContext};
use crate::ui::loader;
use crate::ui::transfer::export_action;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// `(n, total)` while annotating file `n` of `total`.
    pub progress: Option<(usize, usize)>,
    /// Whether anything is loaded (the export is only offered then).
    pub has_content: bool,
    pub on_open_files: Callback<Vec<web_sys::File>>,
    pub on_samples: Callback<()>,
    pub on_export: Callback<Format>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let on_change = {
        let on_open_files = props.on_open_files.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let files = input.files().map(files_of).unwrap_or_default();
            // Clearing the input lets the same file be picked again later.
            input.set_value("");
            on_open_files.emit(files);
        })
    };
    let on_samples = props.on_samples.reform(|_: MouseEvent| ());
    let state = use_context::<AppContext>();
    let on_cancel = Callback::from(move |_: MouseEvent| {
        let docs = state.as_ref().map(|s| s.docs.clone()).unwrap_or_default();
        // Documents are sorted by name.
        loader::cancel(|name| {
            docs.binary_search_by(|d| d.doc.name.as_str().cmp(name))
                .is_ok()
        });
    });
    let menu_item = |format: Format| {
        let on_export = props.on_export.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            close_menu(&event);
            on_export.emit(format);
        });
        html! {
            <button class="menu-item" type="button" data-action={export_action(format)} {onclick}
                    disabled={!props.has_content}
                    title={format!("Download every loaded document as {}", format.file_name())}>
                { format.label() }
            </button>
        }
    };
    let other_formats = Format::ALL
        .into_iter()
        .filter(|&format| format != Format::Json)
        .map(|format| html! { <li>{ menu_item(format) }</li> });

    html! {
        <header class="header">
            <div class="brand">
                <span class="brand-name">{ "Dossier" }</span>
                <span class="brand-tagline">{ "reads on this machine; nothing is sent anywhere" }</span>
            </div>
            <div class="loading">
                <p class="progress" role="status" aria-live="polite">
                    if let Some((n, total)) = props.progress {
                        { format!("Annotating {n} of {total}…") }
                    } else if let Some(n) = loader::cancelled() {
                        { cancelled_note(n) }
                    }
                </p>
                if let Some((n, total)) = props.progress {
                    <progress class="progress-bar" max={total.to_string()} value={n.saturating_sub(1).to_string()}
                              aria-label="Files annotated" />
                    if let Some(seconds) = loader::seconds_left() {
                        <span class="time-left">{ time_left(seconds) }</span>
                    }
                    <button class="button cancel" type="button" data-action="cancel-loading" onclick={on_cancel}
                            title="Stop loading: the files not annotated yet are not loaded">
                        { "Cancel" }
                    </button>
                }
            </div>
            <div class="actions">
                <label class="button" data-action="open-files">
                    { "Open files" }
                    <input class="visually-hidden" type="file" multiple=true onchange={on_change} />
                </label>
                <button class="button" type="button" data-action="load-samples" onclick={on_samples}>
                    { "Sample articles" }
                </button>
                <div class="export-group" role="group" aria-label="Export">
                    <button class="button primary" type="button" data-action="export-json"
                            onclick={props.on_export.reform(|_: MouseEvent| Format::Json)}
                            disabled={!props.has_content}
                            title="Download every loaded document's annotations as dossier-annotations.json">
                        { "Export JSON" }
                    </button>
                    // A disclosure rather than a scripted menu: the browser makes it keyboard
                    // accessible and announces whether it is open.
                    <details class="export-more" data-action="export-more">
                        <summary class="button" aria-label="Export in other formats">{ "Other formats" }</summary>
                        <ul class="menu" aria-label="Export formats">{ for other_formats }</ul>
                    </details>
                </div>
            </div>
        </header>
    }
}

/// "about 12 s left", "about 3 min left".
fn time_left(seconds: f64) -> String {
    if seconds < 60.0 {
        format!("about {} s left", seconds.ceil().max(1.0))
    } else {
        format!("about {} min left", (seconds / 60.0).round())
    }
}

fn cancelled_note(n: usize) -> String {
    match n {
        0 => "Loading cancelled; every file had been loaded".into(),
        1 => "Cancelled: 1 file not loaded".into(),
        n => format!("Cancelled: {n} files not loaded"),
    }
}

/// Closes the disclosure holding the clicked item and puts focus back on its summary, so a
/// keyboard user continues from where the menu was opened.
fn close_menu(event: &MouseEvent) {
    let details = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|item| item.closest("details").ok().flatten());
    let Some(details) = details else {
        return;
    };
    details.remove_attribute("open").ok();
    if let Some(summary) = details
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        summary.focus().ok();
    }
}
