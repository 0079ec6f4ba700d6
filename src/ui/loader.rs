//! Reads and annotates files in a Web Worker, in order, and reports them to the state.
//!
//! The page only posts files (a `File` handle, or bytes for pasted text and the samples) to
//! the worker (`src/bin/dossier-worker.rs`) and turns its answers into [`Arrival`]s, so a
//! huge file or a large drop never blocks the page. A few files are posted ahead, never the
//! whole queue: the worker answers in order, and whatever was not posted yet can be
//! cancelled at once. When the worker cannot start (the browser tests mount the app
//! without it), files are read and annotated on the page instead, in short slices.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::UseReducerDispatcher;

use crate::export::{ExportDocument, Problem};
use crate::ui::state::{Action, Arrival, KnowledgeBase, State};

/// Where the bytes of one incoming file are.
pub enum Contents {
    /// A file the reader dropped or picked; read by whoever annotates it.
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

    fn size(&self) -> f64 {
        match &self.contents {
            Contents::Picked(file) => file.size(),
            Contents::Owned(bytes) => bytes.len() as f64,
            Contents::Builtin(bytes) => bytes.len() as f64,
        }
    }
}

/// The worker's start-up script, written by Trunk next to `index.html` (`data-loader-shim`).
/// Relative, so the app works from any sub-path.
const WORKER_SCRIPT: &str = "./dossier-worker_loader.js";
/// How long the page waits for the worker to say it is listening before annotating on the
/// page instead, in ms. Loading and compiling its WebAssembly takes well under a second.
const WORKER_START_TIMEOUT_MS: i32 = 30_000;
/// Files posted to the worker ahead of its answers: enough that it never waits for the
/// page, few enough that a cancel leaves it little to finish.
const MAX_POSTED_FILES: usize = 32;
const MAX_POSTED_BYTES: f64 = 4.0 * 1024.0 * 1024.0;
/// Results are handed to the state at most this often, in ms: every hand-over re-renders
/// the document list, and once per file would be thousands of renders for a large drop.
const FLUSH_MS: f64 = 250.0;
/// Without a worker, how long the page annotates before it yields to the browser, in ms.
const SLICE_MS: f64 = 40.0;
/// How long the page reads the worker's answers before it yields to the browser, in ms:
/// what the state then does with them (rendering the document list) must fit in the same
/// 50 ms that keeps a page responsive.
const READ_SLICE_MS: f64 = 20.0;
/// The estimate of the time left is shown once loading has run this long, in ms, so it
/// rests on some measured throughput.
const ETA_AFTER_MS: f64 = 1_000.0;

struct Job {
    id: u64,
    incoming: Incoming,
    size: f64,
}

/// An answer of the worker, read in steps on the page.
struct Unread {
    id: u64,
    /// The answer, or why the worker failed on the file.
    answer: Result<Answer, String>,
}

struct Answer {
    /// The outcome as JSON; an annotated document's text comes in `text`, UTF-8, and its
    /// annotations in `parts`.
    head: js_sys::Uint8Array,
    text: Option<js_sys::Uint8Array>,
    parts: VecDeque<js_sys::Uint8Array>,
    /// The stored form of each document (a Blob, or UTF-8 bytes).
    records: Vec<JsValue>,
    /// The outcome once read from `head`.
    outcome: Option<crate::worker::Outcome>,
}

/// A stored record the worker is reading back: where its answer goes.
struct Restoring {
    answer: Rc<RefCell<Option<Result<Answer, String>>>>,
    /// Resolves the promise [`PendingRestore::read`] waits on.
    resolve: js_sys::Function,
}

/// A file handed to the worker (or being annotated on the page) and not answered yet.
struct Started {
    id: u64,
    name: String,
    size: f64,
    /// Why the worker never got this file, if posting it failed: no answer will come, and
    /// the file is reported in its turn instead.
    unposted: Option<String>,
}

#[derive(Clone, Copy, Default)]
struct Progress {
    started_at: f64,
    bytes_total: f64,
    bytes_done: f64,
}

#[derive(Default)]
struct Pipeline {
    /// `None` until the worker said it is listening, and for good if it never did.
    worker: Option<web_sys::Worker>,
    dispatch: Option<UseReducerDispatcher<State>>,
    waiting: VecDeque<Job>,
    started: VecDeque<Started>,
    /// Answers of the worker not read yet, in order.
    unread: VecDeque<Unread>,
    /// Stored records posted to the worker to be read back, by id.
    restores: BTreeMap<u64, Restoring>,
    /// Whether the answers are being read.
    reading: bool,
    /// Answered, in order, and not yet handed to the state.
    done: Vec<Arrival>,
    next_id: u64,
    progress: Progress,
    last_flush: f64,
    flush_pending: bool,
    annotating_on_page: bool,
    /// How many files the last cancel left unloaded, until the next load.
    cancelled: Option<usize>,
    /// What the worker said about its knowledge base, and who wants to know.
    knowledge_base: Option<KnowledgeBase>,
    knowledge_base_listener: Option<UseReducerDispatcher<State>>,
}

thread_local! {
    static PIPELINE: RefCell<Pipeline> = RefCell::default();
}

/// Runs `f` on the pipeline. Never dispatch to the state inside: the state's components
/// read the pipeline when they render.
fn with<R>(f: impl FnOnce(&mut Pipeline) -> R) -> R {
    PIPELINE.with(|pipeline| f(&mut pipeline.borrow_mut()))
}

/// Starts the annotation worker and waits until it listens, so its script and WebAssembly
/// are fetched while the app starts (nothing is requested once the page is ready). Without
/// it, files are annotated on the page.
pub async fn start_worker() {
    // Chromium starts no worker for a page opened from a file, and the single-file page
    // (`dossier.html`) carries none: it annotates on the page.
    if crate::ui::offline::opened_from_file() {
        web_sys::console::warn_1(
            &"Dossier: opened from a file, so documents are annotated on the page, not in a worker"
                .into(),
        );
        return;
    }
    match spawn_worker().await {
        Ok(worker) => with(|p| p.worker = Some(worker)),
        Err(reason) => web_sys::console::warn_2(
            &"Dossier: the annotation worker did not start; annotating on the page".into(),
            &reason,
        ),
    }
}

async fn spawn_worker() -> Result<web_sys::Worker, JsValue> {
    let worker = web_sys::Worker::new(WORKER_SCRIPT)?;
    // The worker's first message says it is listening; a script that fails to load fires
    // "error"; a worker that never answers is given up after a while.
    let listening = js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, WORKER_START_TIMEOUT_MS)
            .ok();
    });
    let started = JsFuture::from(listening).await;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    if let Err(reason) = started {
        worker.terminate();
        return Err(reason);
    }

    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let data = event.data();
            let field = |key: &str| js_sys::Reflect::get(&data, &JsValue::from_str(key)).ok();
            let id = field("id").and_then(|v| v.as_f64());
            let outcome = field("outcome").and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok());
            let list = |key: &str| -> Vec<JsValue> {
                field(key)
                    .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
                    .map(|list| list.iter().collect())
                    .unwrap_or_default()
            };
            if let (Some(id), Some(head)) = (id, outcome) {
                let parts = list("parts")
                    .into_iter()
                    .filter_map(|part| part.dyn_into().ok())
                    .collect();
                let text = field("text").and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok());
                deliver(
                    id as u64,
                    Ok(Answer {
                        head,
                        text,
                        parts,
                        records: list("records"),
                        outcome: None,
                    }),
                );
            } else if let Some(built) = field("knowledge_base") {
                let number = |key: &str| {
                    js_sys::Reflect::get(&built, &JsValue::from_str(key))
                        .ok()
                        .and_then(|v| v.as_f64())
                };
                if let (Some(names), Some(build_ms)) = (number("names"), number("ms")) {
                    knowledge_base_built(KnowledgeBase {
                        names: names as usize,
                        build_ms,
                    });
                }
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // An error escaping the worker can only come from what it was working on: the
    // oldest message not answered, a file or a stored record.
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        let oldest = with(|p| {
            let file = p
                .started
                .iter()
                .find(|s| s.unposted.is_none())
                .map(|s| s.id);
            let record = p.restores.keys().next().copied();
            file.into_iter().chain(record).min()
        });
        if let Some(id) = oldest {
            deliver(id, Err(event.message()));
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both handlers live as long as the page.
    on_message.forget();
    on_error.forget();
    Ok(worker)
}

/// Tells `dispatch` about the worker's knowledge base once it is built (at once if it is).
pub fn report_knowledge_base(dispatch: UseReducerDispatcher<State>) {
    let built = with(|p| {
        p.knowledge_base_listener = Some(dispatch.clone());
        p.knowledge_base
    });
    if let Some(built) = built {
        dispatch.dispatch(Action::KnowledgeBaseReady(built));
    }
}

fn knowledge_base_built(built: KnowledgeBase) {
    let listener = with(|p| {
        p.knowledge_base = Some(built);
        p.knowledge_base_listener.clone()
    });
    if let Some(dispatch) = listener {
        dispatch.dispatch(Action::KnowledgeBaseReady(built));
    }
}

/// Queues `files` to be read and annotated in order; their results reach the state in
/// order, a batch at a time.
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
    with(|p| {
        if p.waiting.is_empty() && p.started.is_empty() && p.done.is_empty() {
            p.progress = Progress {
                started_at: js_sys::Date::now(),
                ..Progress::default()
            };
            // Results wait for one flush interval at first, so a drop of many small files
            // is handed over in batches from the start.
            p.last_flush = p.progress.started_at;
        }
        p.cancelled = None;
        p.dispatch = Some(dispatch);
        for incoming in files {
            let size = incoming.size();
            p.progress.bytes_total += size;
            p.next_id += 1;
            p.waiting.push_back(Job {
                id: p.next_id,
                incoming,
                size,
            });
        }
    });
    post_more();
}

/// Stops loading: the files not answered yet are not loaded, and each is reported as such,
/// except a file whose name is already loaded, which keeps its earlier version. Returns
/// how many files were not loaded.
pub fn cancel(already_loaded: impl Fn(&str) -> bool) -> usize {
    let (dispatch, arrivals, n_cancelled) = with(|p| {
        let names: Vec<String> = p
            .started
            .drain(..)
            .map(|s| s.name)
            .chain(p.waiting.drain(..).map(|job| job.incoming.name))
            .collect();
        let n_cancelled = names.len();
        p.unread.clear();
        let mut arrivals = std::mem::take(&mut p.done);
        arrivals.extend(names.into_iter().map(|name| {
            if already_loaded(&name) {
                // Counts as finished for the state and changes nothing.
                Arrival::Imported {
                    file: name,
                    docs: Vec::new(),
                    failed: Vec::new(),
                    problems: Vec::new(),
                }
            } else {
                Arrival::Annotated(Err(Problem {
                    name,
                    message: "not loaded: loading was cancelled".into(),
                }))
            }
        }));
        p.progress = Progress::default();
        p.cancelled = Some(n_cancelled);
        (p.dispatch.clone(), arrivals, n_cancelled)
    });
    // The worker still finishes what it was given; its answers no longer match a started
    // file and are dropped.
    if let Some(dispatch) = dispatch {
        if !arrivals.is_empty() {
            dispatch.dispatch(Action::Finished(arrivals));
        }
    }
    n_cancelled
}

/// How many files the last cancel left unloaded, until files are loaded again.
pub fn cancelled() -> Option<usize> {
    with(|p| p.cancelled)
}

/// An estimate of the seconds left, from the bytes annotated so far.
pub fn seconds_left() -> Option<f64> {
    with(|p| {
        let Progress {
            started_at,
            bytes_total,
            bytes_done,
        } = p.progress;
        let elapsed = js_sys::Date::now() - started_at;
        (elapsed >= ETA_AFTER_MS && bytes_done > 0.0 && bytes_total > bytes_done)
            .then(|| elapsed / 1000.0 * (bytes_total - bytes_done) / bytes_done)
    })
}

/// Hands waiting files to the worker, up to the limits, or starts annotating on the page.
fn post_more() {
    let start_on_page = with(|p| {
        let Some(worker) = p.worker.clone() else {
            let start = !p.annotating_on_page && !p.waiting.is_empty();
            p.annotating_on_page |= start;
            return start;
        };
        let mut posted_bytes: f64 = p.started.iter().map(|s| s.size).sum();
        while let Some(next) = p.waiting.front() {
            let full =
                p.started.len() >= MAX_POSTED_FILES || posted_bytes + next.size > MAX_POSTED_BYTES;
            if full && !p.started.is_empty() {
                break;
            }
            let Some(job) = p.waiting.pop_front() else {
                break;
            };
            posted_bytes += job.size;
            let name = job.incoming.name.clone();
            let unposted = post(&worker, job.id, job.incoming)
                .err()
                .map(|err| format!("cannot hand the file to the annotation worker: {err:?}"));
            p.started.push_back(Started {
                id: job.id,
                name,
                size: job.size,
                unposted,
            });
        }
        false
    });
    if start_on_page {
        spawn_local(annotate_on_page());
    }
    if with(settle_unposted) {
        flush();
    }
}

/// Reports the files at the head of the queue that were never posted, in their turn.
fn settle_unposted(p: &mut Pipeline) -> bool {
    let mut settled = false;
    while p.started.front().is_some_and(|s| s.unposted.is_some()) {
        let Some(started) = p.started.pop_front() else {
            break;
        };
        p.progress.bytes_done += started.size;
        p.done.push(Arrival::Annotated(Err(Problem {
            name: started.name,
            message: started.unposted.unwrap_or_default(),
        })));
        settled = true;
    }
    settled
}

/// Posts one file to the worker: a `File` as a handle (the worker reads it), bytes by
/// transferring their buffer.
fn post(worker: &web_sys::Worker, id: u64, incoming: Incoming) -> Result<(), JsValue> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"id".into(), &(id as f64).into())?;
    js_sys::Reflect::set(&message, &"name".into(), &incoming.name.into())?;
    match incoming.contents {
        Contents::Picked(file) => {
            js_sys::Reflect::set(&message, &"file".into(), &file)?;
            worker.post_message(&message)
        }
        Contents::Owned(bytes) => post_bytes(worker, &message, &bytes),
        Contents::Builtin(bytes) => post_bytes(worker, &message, bytes),
    }
}

fn post_bytes(
    worker: &web_sys::Worker,
    message: &js_sys::Object,
    bytes: &[u8],
) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    js_sys::Reflect::set(message, &"bytes".into(), &array)?;
    worker.post_message_with_transfer(message, &js_sys::Array::of1(&array.buffer()))
}

/// Hands an answer of the worker to whoever waits for it: a stored record being read
/// back, or else the files being loaded.
fn deliver(id: u64, answer: Result<Answer, String>) {
    match with(|p| p.restores.remove(&id)) {
        Some(restoring) => {
            *restoring.answer.borrow_mut() = Some(answer);
            restoring.resolve.call0(&JsValue::NULL).ok();
        }
        None => answered(id, answer),
    }
}

/// A stored record of the saved workspace handed to the worker to read back.
pub struct PendingRestore {
    name: String,
    answered: js_sys::Promise,
    answer: Rc<RefCell<Option<Result<Answer, String>>>>,
}

/// Hands a stored record (a Blob, as the worker made it) to the worker to read back, off
/// the page's main thread: decoding a document of many megabytes at once would hold the
/// page up for as long. `None` without a worker, or if posting fails: the page then decodes
/// the record itself. Records are answered in the order they are handed over.
pub fn restore_in_worker(name: &str, record: &web_sys::Blob) -> Option<PendingRestore> {
    let worker = with(|p| p.worker.clone())?;
    let answer = Rc::new(RefCell::new(None));
    let mut resolve = None;
    let answered = js_sys::Promise::new(&mut |resolve_fn, _| resolve = Some(resolve_fn));
    let id = with(|p| {
        p.next_id += 1;
        p.next_id
    });
    let message = js_sys::Object::new();
    for (key, value) in [
        ("id", JsValue::from(id as f64)),
        ("name", JsValue::from_str(name)),
        ("restore", JsValue::TRUE),
        ("file", record.into()),
    ] {
        js_sys::Reflect::set(&message, &key.into(), &value).ok()?;
    }
    with(|p| {
        p.restores.insert(
            id,
            Restoring {
                answer: answer.clone(),
                resolve: resolve.expect("the promise's executor runs at once"),
            },
        )
    });
    if worker.post_message(&message).is_err() {
        with(|p| p.restores.remove(&id));
        return None;
    }
    Some(PendingRestore {
        name: name.to_string(),
        answered,
        answer,
    })
}

impl PendingRestore {
    /// The document read back (`None` if its record was beyond repair) and what was wrong
    /// with the record; an error if the worker failed on it. Its annotations are read a
    /// part at a time, yielding to the browser every `READ_SLICE_MS`.
    pub async fn read(self) -> Result<(Option<ExportDocument>, Vec<Problem>), String> {
        JsFuture::from(self.answered).await.ok();
        let answer = self
            .answer
            .borrow_mut()
            .take()
            .unwrap_or_else(|| Err("no answer".into()))?;
        let name = &self.name;
        let text = answer.text.map(|text| text.to_vec());
        let mut outcome = crate::worker::read_outcome_head(name, &answer.head.to_vec(), text)
            .map_err(|problem| problem.message)?;
        let mut parts = answer.parts;
        let mut slice_start = js_sys::Date::now();
        while let Some(part) = parts.pop_front() {
            if js_sys::Date::now() - slice_start >= READ_SLICE_MS {
                TimeoutFuture::new(0).await;
                slice_start = js_sys::Date::now();
            }
            crate::worker::read_annotation_part(name, &mut outcome, &part.to_vec(), parts.len())
                .map_err(|problem| problem.message)?;
        }
        match outcome {
            crate::worker::Outcome::Restored { doc, notes } => Ok((doc, notes)),
            _ => Err("the answer is not a restored document".into()),
        }
    }
}

/// One answer for file `id`: the worker's JSON and the stored form of each document, or the
/// error that stopped it. Answers are read in order, a slice of time at a time.
fn answered(id: u64, answer: Result<Answer, String>) {
    let start = with(|p| {
        p.unread.push_back(Unread { id, answer });
        !std::mem::replace(&mut p.reading, true)
    });
    if start {
        spawn_local(read_answers());
    }
}

/// Reads the answers waiting, one step at a time (the outcome, one part of a document's
/// annotations, or the document's views), yielding to the browser after every
/// `READ_SLICE_MS`, so a document of many megabytes never holds up the page for long.
async fn read_answers() {
    loop {
        let slice_start = js_sys::Date::now();
        while js_sys::Date::now() - slice_start < READ_SLICE_MS {
            if !read_step() {
                with(|p| p.reading = false);
                return;
            }
        }
        TimeoutFuture::new(0).await;
    }
}

/// Takes one step of reading the oldest answer; false when none is waiting.
fn read_step() -> bool {
    let Some(Unread { id, answer }) = with(|p| p.unread.pop_front()) else {
        return false;
    };
    // An answer for a file no longer waited for (cancelled) is dropped.
    let name = with(|p| {
        p.started
            .front()
            .filter(|s| s.id == id)
            .map(|s| s.name.clone())
    });
    let Some(name) = name else {
        return true;
    };
    let mut answer = match answer {
        Ok(answer) => answer,
        Err(message) => {
            let problem = Problem {
                name,
                message: format!("annotation failed: {message}"),
            };
            finish(id, Arrival::Annotated(Err(problem)));
            return true;
        }
    };
    let step = match answer.outcome.as_mut() {
        None => {
            let text = answer.text.take().map(|text| text.to_vec());
            crate::worker::read_outcome_head(&name, &answer.head.to_vec(), text)
                .map(|outcome| answer.outcome = Some(outcome))
        }
        Some(outcome) => match answer.parts.pop_front() {
            Some(part) => {
                let parts_after = answer.parts.len();
                crate::worker::read_annotation_part(&name, outcome, &part.to_vec(), parts_after)
            }
            None => {
                let outcome = answer.outcome.take().expect("matched as read");
                finish(id, arrival_with_records(outcome, answer.records));
                return true;
            }
        },
    };
    match step {
        Ok(()) => with(|p| {
            p.unread.push_front(Unread {
                id,
                answer: Ok(answer),
            })
        }),
        Err(problem) => finish(id, Arrival::Annotated(Err(problem))),
    }
    true
}

/// The page's views of the documents read, each with the stored form the worker made.
fn arrival_with_records(outcome: crate::worker::Outcome, records: Vec<JsValue>) -> Arrival {
    let arrival = Arrival::from(outcome);
    let docs = match &arrival {
        Arrival::Annotated(Ok(doc)) => std::slice::from_ref(doc),
        Arrival::Imported { docs, .. } => docs.as_slice(),
        _ => &[],
    };
    if docs.len() == records.len() {
        for (doc, record) in docs.iter().zip(records) {
            crate::ui::storage::prepared(doc, record);
        }
    }
    arrival
}

fn finish(id: u64, arrival: Arrival) {
    let current = with(|p| {
        if p.started.front().is_none_or(|s| s.id != id) {
            return false;
        }
        if let Some(started) = p.started.pop_front() {
            p.progress.bytes_done += started.size;
        }
        p.done.push(arrival);
        settle_unposted(p);
        true
    });
    if current {
        post_more();
        flush();
    }
}

/// Hands the finished results to the state: at once when nothing else is under way,
/// otherwise at most every `FLUSH_MS`.
fn flush() {
    let now = js_sys::Date::now();
    let due = with(|p| {
        if p.done.is_empty() {
            return Err(None);
        }
        let idle = p.waiting.is_empty() && p.started.is_empty();
        let since = now - p.last_flush;
        if idle || since >= FLUSH_MS {
            p.last_flush = now;
            if idle {
                p.progress = Progress::default();
            }
            let dispatch = p.dispatch.clone();
            Ok((dispatch, std::mem::take(&mut p.done)))
        } else if !p.flush_pending {
            p.flush_pending = true;
            Err(Some(FLUSH_MS - since))
        } else {
            Err(None)
        }
    });
    match due {
        // In a task of its own: the render the results cause must not lengthen a slice of
        // reading answers.
        Ok((Some(dispatch), arrivals)) => spawn_local(async move {
            TimeoutFuture::new(0).await;
            dispatch.dispatch(Action::Finished(arrivals));
        }),
        Ok((None, _)) | Err(None) => {}
        Err(Some(wait_ms)) => spawn_local(async move {
            TimeoutFuture::new(wait_ms.ceil() as u32).await;
            with(|p| p.flush_pending = false);
            flush();
        }),
    }
}

/// Without a worker: reads and annotates the waiting files on the page, one at a time,
/// yielding to the browser after every `SLICE_MS` so the progress is painted.
async fn annotate_on_page() {
    let mut slice_start = f64::NEG_INFINITY;
    loop {
        if js_sys::Date::now() - slice_start > SLICE_MS {
            TimeoutFuture::new(0).await;
            slice_start = js_sys::Date::now();
        }
        let job = with(|p| {
            let job = p.waiting.pop_front();
            match &job {
                Some(job) => p.started.push_back(Started {
                    id: job.id,
                    name: job.incoming.name.clone(),
                    size: job.size,
                    unposted: None,
                }),
                None => p.annotating_on_page = false,
            }
            job
        });
        let Some(job) = job else {
            break;
        };
        let arrival = read_on_page(job.incoming).await;
        finish(job.id, arrival);
    }
}

async fn read_on_page(file: Incoming) -> Arrival {
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
