//! Reads files and annotates them one after another, without freezing the page.

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen_futures::spawn_local;
use yew::UseReducerDispatcher;

use crate::export::Problem;
use crate::ui::state::{Action, Arrival, State};

/// Where the bytes of one incoming file are.
pub enum Contents {
    /// A file the reader dropped or picked; read asynchronously.
    Picked(web_sys::File),
    /// Bytes already in memory (pasted text).
    Owned(Vec<u8>),
    /// Bytes built into the app (the samples).
    Builtin(&'static [u8]),
}

pub struct Incoming {
    pub name: String,
    pub contents: Contents,
}

impl Incoming {
    pub fn picked(file: web_sys::File) -> Incoming {
        Incoming {
            name: file.name(),
            contents: Contents::Picked(file),
        }
    }
}

/// How long the loader works before it hands the page back to the browser, in ms.
const SLICE_MS: f64 = 40.0;

/// Reads and annotates `files` in order, then reports them to the state.
///
/// Files are processed one at a time. Between files, once a slice of `SLICE_MS` is used
/// up, the results so far are dispatched and the loader yields to the event loop, so the
/// page repaints the progress and stays responsive even for thousands of files. Yielding
/// after every file instead would cost each file at least 4 ms (browsers clamp chained
/// zero-delay timers), and dispatching every file would re-render the document list once
/// per file. Reading a dropped file awaits the browser anyway.
pub fn load(files: Vec<Incoming>, dispatch: UseReducerDispatcher<State>) {
    if files.is_empty() {
        return;
    }
    // Said at once, not after the next render, so nobody watching `body[data-state]` sees
    // the old "ready" after handing over files. The app sets "ready" again once the last
    // document is on the page.
    if let Some(body) = gloo::utils::document().body() {
        body.dataset().set("state", "busy").ok();
    }
    dispatch.dispatch(Action::Enqueue(files.len()));
    spawn_local(async move {
        let mut finished = Vec::new();
        // Yield once first, so the "busy" state and the progress are painted.
        let mut slice_start = f64::NEG_INFINITY;
        for file in files {
            if js_sys::Date::now() - slice_start > SLICE_MS {
                if !finished.is_empty() {
                    dispatch.dispatch(Action::Finished(std::mem::take(&mut finished)));
                }
                TimeoutFuture::new(0).await;
                slice_start = js_sys::Date::now();
            }
            finished.push(read(file).await);
        }
        dispatch.dispatch(Action::Finished(finished));
    });
}

/// Reads one file, then imports it when it is one of Dossier's exports, or annotates it.
async fn read(file: Incoming) -> Arrival {
    let name = file.name;
    let bytes = match file.contents {
        Contents::Picked(web_file) => {
            let blob = gloo::file::Blob::from(web_file);
            match gloo::file::futures::read_as_bytes(&blob).await {
                Ok(bytes) => bytes,
                Err(err) => {
                    return Arrival::Annotated(Err(Problem {
                        name,
                        // A dropped folder, or a file removed since it was dropped, cannot be read.
                        message: format!("cannot read the file: {err}"),
                    }));
                }
            }
        }
        Contents::Owned(bytes) => bytes,
        Contents::Builtin(bytes) => bytes.to_vec(),
    };
    crate::ui::transfer::arrive(&name, &bytes)
}
