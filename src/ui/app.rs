//! The root component: owns the state, wires loading and export, lays out the page.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::formats::Format;
use crate::ui::components::dictionary_panel::DictionaryPanel;
use crate::ui::components::doc_list::DocList;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::events_table::EventsTable;
use crate::ui::components::header::Header;
use crate::ui::components::import_report::ImportReport;
use crate::ui::components::paste_box::PasteBox;
use crate::ui::components::problem_list::ProblemList;
use crate::ui::components::reader::Reader;
use crate::ui::components::sidebar::Sidebar;
use crate::ui::components::workspace_panel::{StorageWarning, WorkspacePanel};
use crate::ui::loader::{load, Contents, Incoming};
use crate::ui::persistence::use_persistence;
use crate::ui::samples::SAMPLES;
use crate::ui::state::{Action, MainView, State};

/// The state and its dispatcher, shared with every component through a context.
pub type AppContext = UseReducerHandle<State>;

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::restoring);
    use_persistence(&state);
    let n_pasted = use_mut_ref(|| 0_usize);
    // `_eq`: dragover fires many times a second; only a change should re-render.
    let dragging = use_state_eq(|| false);

    // Automated tests and the page's own styles read `body[data-state]`: "busy" while any
    // file is being read or annotated, "ready" once everything loaded is on the page.
    // Effects run after rendering, so "ready" is only set once the last document is shown.
    // After every render, not only when `busy` changes: the loader marks the page busy
    // directly when files arrive, and a quick file can come and go within one render.
    {
        let busy = state.is_busy();
        use_effect(move || {
            if let Some(body) = gloo::utils::document().body() {
                body.dataset()
                    .set("state", if busy { "busy" } else { "ready" })
                    .ok();
            }
        });
    }

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            crate::ui::loader::report_knowledge_base(dispatcher)
        });
    }

    // Files may be dropped anywhere on the page, so the listeners are on the document.
    // Without prevent_default on dragover the browser never fires drop, and without it on
    // drop the browser would navigate away to the dropped file.
    {
        let dispatcher = state.dispatcher();
        let dragging = dragging.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let options = EventListenerOptions::enable_prevent_default();
            let over = {
                let dragging = dragging.clone();
                EventListener::new_with_options(&document, "dragover", options, move |event| {
                    event.prevent_default();
                    dragging.set(true);
                })
            };
            let leave = {
                let dragging = dragging.clone();
                EventListener::new(&document, "dragleave", move |event| {
                    // Leaving the window has no related target; moving between elements does.
                    let left_window = event
                        .dyn_ref::<web_sys::DragEvent>()
                        .is_none_or(|e| e.related_target().is_none());
                    if left_window {
                        dragging.set(false);
                    }
                })
            };
            let on_drop =
                EventListener::new_with_options(&document, "drop", options, move |event| {
                    event.prevent_default();
                    dragging.set(false);
                    let files = event
                        .dyn_ref::<web_sys::DragEvent>()
                        .and_then(|e| e.data_transfer())
                        .and_then(|transfer| transfer.files())
                        .map(files_of)
                        .unwrap_or_default();
                    load(
                        files.into_iter().map(Incoming::picked).collect(),
                        dispatcher.clone(),
                    );
                });
            move || drop((over, leave, on_drop))
        });
    }

    let on_open_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<web_sys::File>| {
            load(
                files.into_iter().map(Incoming::picked).collect(),
                dispatcher.clone(),
            )
        })
    };
    let on_samples = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            let files = SAMPLES
                .iter()
                .map(|&(name, bytes)| Incoming {
                    name: name.to_string(),
                    contents: Contents::Builtin(bytes),
                })
                .collect();
            load(files, dispatcher.clone())
        })
    };
    let on_paste = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| {
            let number = {
                let mut n = n_pasted.borrow_mut();
                *n += 1;
                *n
            };
            let name = format!("pasted-{number}.txt");
            load(
                vec![Incoming {
                    name,
                    contents: Contents::Owned(text.into_bytes()),
                }],
                dispatcher.clone(),
            )
        })
    };

    // Pasting with the keyboard anywhere outside a text field adds the text as a document,
    // like the paste box does.
    {
        let on_paste = on_paste.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "paste", move |event| {
                let in_text_field = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|e| {
                        e.closest("textarea, input, [contenteditable]")
                            .ok()
                            .flatten()
                            .is_some()
                    });
                if in_text_field {
                    return;
                }
                let text = event
                    .dyn_ref::<web_sys::ClipboardEvent>()
                    .and_then(|e| e.clipboard_data())
                    .and_then(|data| data.get_data("text/plain").ok())
                    .unwrap_or_default();
                if !text.trim().is_empty() {
                    on_paste.emit(text);
                }
            });
            move || drop(listener)
        });
    }

    let on_export = {
        let state = state.clone();
        Callback::from(move |format: Format| {
            // STIX wants the time of writing; ISO strings from Date are UTC with milliseconds,
            // the precision STIX asks for.
            let now = String::from(js_sys::Date::new_0().to_iso_string());
            let saved = format
                .render(&state.to_interchange(), &now)
                .map_err(|message| wasm_bindgen::JsValue::from_str(&message))
                .and_then(|bytes| download(format.file_name(), &bytes, format.mime()));
            if let Err(err) = saved {
                web_sys::console::error_2(&"Dossier: the export could not be saved".into(), &err);
            }
        })
    };

    let progress = (state.n_finished < state.n_queued)
        .then(|| ((state.n_finished + 1).min(state.n_queued), state.n_queued));
    let nothing_loaded = state.docs.is_empty()
        && state.problems.is_empty()
        && state.import_problems.is_empty()
        && state.restore_problems.is_empty();
    let body = if nothing_loaded && state.restoring {
        html! { <p class="restoring" role="status">{ "Opening the work saved on this device…" }</p> }
    } else if nothing_loaded && !state.is_busy() {
        html! { <EmptyState on_samples={on_samples.clone()} on_paste={on_paste.clone()}
        knowledge_base={state.knowledge_base} /> }
    } else {
        let show = |view: MainView| {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowView(view)))
        };
        let n_events: usize = state
            .docs
            .iter()
            .map(|d| d.n_incidents() + d.n_pledges())
            .sum();
        let events_mode = state.view == MainView::Events;
        let main = if events_mode {
            html! { <EventsTable /> }
        } else {
            html! { <Reader /> }
        };
        html! {
            <div class={classes!("workspace", events_mode.then_some("events-mode"))}>
                <nav class="column documents" aria-label="Documents">
                    <DocList />
                    <ImportReport />
                    <DictionaryPanel />
                    <WorkspacePanel />
                    <ProblemList />
                    <details class="paste-more">
                        <summary>{ "Paste text" }</summary>
                        <PasteBox on_add={on_paste.clone()} />
                    </details>
                </nav>
                <main class="column reader-column">
                    <div class="view-tabs" role="group" aria-label="Show">
                        <button type="button" class="view-tab" data-view="reader" aria-pressed={(!events_mode).to_string()}
                                onclick={show(MainView::Reader)}>{ "Reader" }</button>
                        <button type="button" class="view-tab" data-view="events" aria-pressed={events_mode.to_string()}
                                onclick={show(MainView::Events)}>{ format!("Events ({n_events})") }</button>
                    </div>
                    { main }
                </main>
                if !events_mode {
                    <aside class="column sidebar" aria-label="Entities and events">
                        <Sidebar />
                    </aside>
                }
            </div>
        }
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class={classes!("app", dragging.then_some("dragging"))}>
                <Header {progress} has_content={!nothing_loaded} {on_open_files} {on_samples} on_export={on_export.clone()} />
                <StorageWarning on_export={on_export.reform(|()| Format::Json)} />
                { body }
                <div class="drop-overlay" aria-hidden="true">{ "Drop files to annotate them here, on this machine" }</div>
            </div>
        </ContextProvider<AppContext>>
    }
}

/// The files of a `FileList`, in order.
pub fn files_of(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Saves `bytes` as a file through a temporary Blob URL and `<a download>`: no request
/// leaves the page.
fn download(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no body"))?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // The download has started reading the Blob; release it once the click is handled.
    gloo::timers::callback::Timeout::new(1_000, move || {
        web_sys::Url::revoke_object_url(&url).ok();
    })
    .forget();
    Ok(())
}
