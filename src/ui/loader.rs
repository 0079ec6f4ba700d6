//! Reads files and annotates them one after another, without freezing the page.

use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen_futures::spawn_local;
use yew::UseReducerDispatcher;

use crate::export::Problem;
use crate::ui::state::{Action, State};
use crate::ui::view::DocView;

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

/// Reads and annotates `files` in order, dispatching one `Finished` per file.
///
/// Files are processed one at a time, yielding to the event loop before each, so the
/// progress count repaints and the page stays responsive even for thousands of files.
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
        for file in files {
            TimeoutFuture::new(0).await;
            let result = annotate(file).await.map(|doc| Rc::new(DocView::new(doc)));
            dispatch.dispatch(Action::Finished(result));
        }
    });
}

async fn annotate(file: Incoming) -> Result<crate::export::ExportDocument, Problem> {
    let name = file.name;
    let bytes = match file.contents {
        Contents::Picked(web_file) => {
            let blob = gloo::file::Blob::from(web_file);
            gloo::file::futures::read_as_bytes(&blob)
                .await
                .map_err(|err| Problem {
                    name: name.clone(),
                    // A dropped folder, or a file removed since it was dropped, cannot be read.
                    message: format!("cannot read the file: {err}"),
                })?
        }
        Contents::Owned(bytes) => bytes,
        Contents::Builtin(bytes) => bytes.to_vec(),
    };
    // The same function the command-line tool calls, so the export matches it exactly.
    crate::annotate_file(&name, &bytes)
}
