//! The web app's annotation worker (built for wasm32 by Trunk from `index.html`, as a Web
//! Worker): reads and annotates the files the page posts, one at a time and in order, off
//! the page's main thread, so even a huge file never freezes the page.
//!
//! The page posts `{id, name, file}` (a `File`) or `{id, name, bytes}` (a `Uint8Array`), or
//! `{id, name, restore: true, file}` for a stored record of the saved workspace (a `Blob`)
//! to read back ([`dossier::worker::restore`]);
//! the worker answers `{id, outcome, text, parts, records}`, the outcome being
//! [`dossier::worker::Outcome`] as UTF-8 JSON in a `Uint8Array` (an annotated document's
//! text follows in `text`, UTF-8 in a `Uint8Array`, and its annotations in `parts`, JSON
//! arrays in `Uint8Array`s), and `records` the stored
//! form of each of its documents (Blobs of UTF-8 JSON, see [`dossier::worker::Answer`]). Its first message, `{ready: true}`, says it is listening.

/// Annotating allocates and frees many small buffers for every sentence; talc does that
/// faster than wasm32's default allocator (dlmalloc). Only the worker uses it: the page is
/// built for size and does little allocating work.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let job = event.data();
        let field = |key: &str| js_sys::Reflect::get(&job, &JsValue::from_str(key)).ok();
        let id = field("id").unwrap_or(JsValue::NULL);
        let name = field("name")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        // A stored record of the saved workspace to read back, or a file to annotate.
        let restore = field("restore").is_some_and(|v| v.is_truthy());
        let answer = match bytes_of(field("file"), field("bytes")) {
            Ok(bytes) if restore => dossier::worker::restore(&name, &bytes),
            Ok(bytes) => dossier::worker::answer(&name, &bytes),
            Err(message) => dossier::worker::Answer {
                outcome: dossier::worker::problem_json(&name, message),
                text: None,
                annotation_parts: Vec::new(),
                records: Vec::new(),
            },
        };
        // UTF-8 bytes in a transferred buffer: a large document's answer is tens of MB, and
        // a JavaScript string would be converted to UTF-16 here and back on the page. The
        // outcome, text and parts are views of one buffer: one allocation and one transfer
        // per answer instead of one per piece (with thousands of small files, that halves
        // the cost of posting them).
        let transfer = js_sys::Array::new();
        let pieces: Vec<&str> = std::iter::once(answer.outcome.as_str())
            .chain(answer.text.as_deref())
            .chain(answer.annotation_parts.iter().map(String::as_str))
            .collect();
        let buffer = js_sys::Uint8Array::new_with_length(
            pieces.iter().map(|piece| piece.len() as u32).sum(),
        );
        transfer.push(&buffer.buffer());
        let mut at = 0;
        let mut views = pieces.iter().map(|piece| {
            let end = at + piece.len() as u32;
            let view = buffer.subarray(at, end);
            view.copy_from(piece.as_bytes());
            at = end;
            view
        });
        let outcome = views
            .next()
            .unwrap_or_else(|| js_sys::Uint8Array::new_with_length(0));
        let text = answer.text.as_ref().and_then(|_| views.next());
        let parts: js_sys::Array = views.collect();
        let bytes_of_text = |text: &str| {
            let bytes = js_sys::Uint8Array::from(text.as_bytes());
            transfer.push(&bytes.buffer());
            bytes
        };
        // A large stored record goes to IndexedDB as a Blob made here, which the page passes
        // on by reference where bytes would be copied on its main thread. Making a Blob has a
        // fixed cost (a round trip to the browser) larger than copying a small record.
        let records: js_sys::Array = answer
            .records
            .iter()
            .map(|record| {
                (record.len() >= BLOB_RECORD_BYTES)
                    .then(|| blob_of(record))
                    .flatten()
                    .unwrap_or_else(|| JsValue::from(bytes_of_text(record)))
            })
            .collect();
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"id".into(), &id).ok();
        js_sys::Reflect::set(&message, &"outcome".into(), &outcome).ok();
        if let Some(text) = &text {
            js_sys::Reflect::set(&message, &"text".into(), text).ok();
        }
        js_sys::Reflect::set(&message, &"parts".into(), &parts).ok();
        js_sys::Reflect::set(&message, &"records".into(), &records).ok();
        answer_to
            .post_message_with_transfer(&message, &transfer)
            .ok();
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();

    let ready = js_sys::Object::new();
    js_sys::Reflect::set(&ready, &"ready".into(), &JsValue::TRUE).ok();
    scope.post_message(&ready).ok();
    // Build the dictionaries' matchers now, while the reader looks at the page, rather than
    // when the first file comes in. Messages posted meanwhile wait in the worker's queue.
    // The page shows how many names were built in how long: `{knowledge_base: {names, ms}}`.
    let start = js_sys::Date::now();
    dossier::annotate_file("warm-up.txt", b"Wang Yi met Antony Blinken in Jakarta.").ok();
    let built = js_sys::Object::new();
    let names = dossier::engine::Engine::builtin().n_names() as f64;
    js_sys::Reflect::set(&built, &"names".into(), &names.into()).ok();
    let ms = js_sys::Date::now() - start;
    js_sys::Reflect::set(&built, &"ms".into(), &ms.into()).ok();
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"knowledge_base".into(), &built).ok();
    scope.post_message(&message).ok();
    warm_up(js_sys::Date::now(), 0);
}

/// How long after start-up the worker keeps annotating the sample articles.
///
/// Browsers start WebAssembly on a baseline compiler and recompile a function with their
/// optimizing compiler once it has run for a while. Annotating the samples right after
/// start-up gets the engine's hot code optimized before the first real file comes, which
/// annotates the first 10 MB of a drop about 8% faster in Chromium (4.2 → 4.6 MB/s, close
/// to the 4.8 MB/s of code optimized from the start).
#[cfg(target_arch = "wasm32")]
const WARM_UP_MS: f64 = 150.0;

/// Annotates sample `next` (and the ones after it, until [`WARM_UP_MS`] after `start`),
/// one per task: a file posted meanwhile waits for one sample article at most.
#[cfg(target_arch = "wasm32")]
fn warm_up(start: f64, next: usize) {
    use dossier::ui::samples::SAMPLES;

    if js_sys::Date::now() - start >= WARM_UP_MS {
        return;
    }
    let (name, bytes) = SAMPLES[next % SAMPLES.len()];
    std::hint::black_box(dossier::worker::answer(name, bytes));
    gloo::timers::callback::Timeout::new(0, move || warm_up(start, next + 1)).forget();
}

/// Stored records at least this large are sent as Blobs. Measured in Chromium: a Blob costs
/// the worker about 0.4 ms whatever its size, and storing bytes costs the page about 9 ms
/// per MB; below this size the copy is a few milliseconds at most.
#[cfg(target_arch = "wasm32")]
const BLOB_RECORD_BYTES: usize = 256 * 1024;

/// `text` as a Blob of its UTF-8 bytes.
#[cfg(target_arch = "wasm32")]
fn blob_of(text: &str) -> Option<wasm_bindgen::JsValue> {
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&bytes), &options)
        .ok()
        .map(Into::into)
}

/// The bytes of a posted file: read from the `File` (synchronous reading is allowed in a
/// worker, and keeps the order of files trivially), or the bytes posted as they are.
#[cfg(target_arch = "wasm32")]
fn bytes_of(
    file: Option<wasm_bindgen::JsValue>,
    bytes: Option<wasm_bindgen::JsValue>,
) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;

    if let Some(bytes) = bytes.and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok()) {
        return Ok(bytes.to_vec());
    }
    let Some(file) = file.and_then(|f| f.dyn_into::<web_sys::Blob>().ok()) else {
        return Err("cannot read the file: nothing was posted".into());
    };
    let reader = web_sys::FileReaderSync::new().map_err(|err| describe(&err))?;
    let buffer = reader
        .read_as_array_buffer(&file)
        // A dropped folder, or a file removed since it was dropped, cannot be read.
        .map_err(|err| format!("cannot read the file: {}", describe(&err)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[cfg(target_arch = "wasm32")]
fn describe(err: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;

    match err.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => err.as_string().unwrap_or_else(|| format!("{err:?}")),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "dossier-worker is part of the browser app; build it with `trunk build` (see README.md)."
    );
    std::process::exit(2);
}
