//! Working without a network: the service worker that keeps the app's files, and the
//! single-file page opened from disk.
//!
//! Served over http(s), the page registers `sw.js` (written next to `index.html` by
//! `scripts/service-worker.mjs`), which keeps every file of the build in the browser's cache
//! so the app starts and annotates with the network off. `dossier.html` opened from a
//! `file://` address needs neither a service worker nor the annotation worker: everything it
//! needs is inside it, and Chromium refuses both kinds of worker to such pages.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// The service worker's script, relative so the app works from any sub-path (it then
/// controls that sub-path only).
const SERVICE_WORKER_SCRIPT: &str = "./sw.js";

/// Whether the page was opened from a file on disk rather than from a server.
pub fn opened_from_file() -> bool {
    gloo::utils::window()
        .location()
        .protocol()
        .is_ok_and(|protocol| protocol == "file:")
}

/// Registers the service worker that keeps the app for offline use. Where that is not
/// possible (a page opened from a file, a browser without service workers, a private window
/// that refuses them) the app works as before and says why on the console; it is never an
/// error for the reader.
pub fn register_service_worker() {
    if opened_from_file() {
        warn("this page was opened from a file and needs no service worker: it works offline as it is");
        return;
    }
    let navigator = gloo::utils::window().navigator();
    // `navigator.serviceWorker` is missing outside secure contexts and in some browsers.
    let available = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .is_ok_and(|container| !container.is_undefined() && !container.is_null());
    if !available {
        warn(
            "this browser offers no service worker here; the app will not start without a network",
        );
        return;
    }
    let registration = navigator.service_worker().register(SERVICE_WORKER_SCRIPT);
    spawn_local(async move {
        if let Err(reason) = JsFuture::from(registration).await {
            web_sys::console::warn_2(
                &"Dossier: the service worker was not registered; the app will not start without a network:"
                    .into(),
                &reason,
            );
        }
    });
}

fn warn(message: &str) {
    web_sys::console::warn_1(&format!("Dossier: {message}").into());
}
