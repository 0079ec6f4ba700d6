//! The workspace kept in the browser's IndexedDB, so it survives a reload and a restart.
//!
//! One database, two object stores: `documents` (one record per document, keyed by name,
//! `saved::encode_document` as UTF-8 bytes — older versions wrote strings, still read) and `meta` (the files that did not load, and the
//! settings). Every failure becomes a message for the reader (`saved::storage_message`);
//! nothing here panics, and work in memory is never dropped because storage failed.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Query, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

use gloo::timers::future::TimeoutFuture;

use crate::export::Problem;
use crate::ui::loader::{restore_in_worker, PendingRestore};
use crate::ui::saved::{
    decode_document, decode_document_bytes, decode_problems, decode_settings, encode_document,
    encode_problems, encode_settings, storage_message, SavePlan, Settings,
};
use crate::ui::view::DocView;

pub const DATABASE: &str = "dossier";
const VERSION: u32 = 1;
const DOCUMENTS: &str = "documents";
const META: &str = "meta";
const PROBLEMS_KEY: &str = "problems";
const SETTINGS_KEY: &str = "settings";
/// How long restoring works on the page before it yields to the browser, in ms.
const RESTORE_SLICE_MS: f64 = 20.0;

thread_local! {
    /// Stored forms of documents the annotation worker prepared, until they are saved. A
    /// record belongs to one allocation of a document: the state replaces a document's `Rc`
    /// on every change, so a changed document is never saved from a stale record.
    static PREPARED: RefCell<Vec<(Weak<DocView>, JsValue)>> = RefCell::default();
}

/// Keeps the stored form of `doc`, as the worker wrote it, for the next save.
pub fn prepared(doc: &Rc<DocView>, record: JsValue) {
    PREPARED.with(|records| records.borrow_mut().push((Rc::downgrade(doc), record)));
}

/// The worker's record for `doc`, if it has one; records of documents that are gone are
/// dropped on the way.
fn take_prepared(doc: &Rc<DocView>) -> Option<JsValue> {
    PREPARED.with(|records| {
        let mut records = records.borrow_mut();
        records.retain(|(weak, _)| weak.strong_count() > 0);
        let at = records
            .iter()
            .position(|(weak, _)| std::ptr::eq(weak.as_ptr(), Rc::as_ptr(doc)))?;
        Some(records.swap_remove(at).1)
    })
}

/// An open workspace database.
pub struct Storage {
    database: Database,
    /// Set when another tab deletes or upgrades the database: this connection is closed
    /// and saving here stops, with a message.
    closed: Rc<RefCell<bool>>,
}

/// What was read back: the documents, the files that did not load, the settings, and notes
/// on records that were damaged.
pub struct Restored {
    pub docs: Vec<Rc<DocView>>,
    pub problems: Vec<Problem>,
    pub settings: Option<Settings>,
    pub notes: Vec<Problem>,
}

/// A storage failure, as a message for the reader.
pub type Failure = String;

impl Storage {
    /// Opens (and on first use creates) the workspace database. `on_lost` is called when
    /// another tab takes the database away.
    pub async fn open(on_lost: impl Fn(Failure) + 'static) -> Result<Storage, Failure> {
        let factory = Factory::new().map_err(|e| failure(&e))?;
        let mut request = factory
            .open(DATABASE, Some(VERSION))
            .map_err(|e| failure(&e))?;
        request.on_upgrade_needed(|event| {
            let Ok(database) = event.database() else {
                return;
            };
            for name in [DOCUMENTS, META] {
                if !database.store_names().iter().any(|s| s == name) {
                    database
                        .create_object_store(name, ObjectStoreParams::new())
                        .ok();
                }
            }
        });
        let blocked = Rc::new(RefCell::new(false));
        {
            let blocked = blocked.clone();
            request.on_blocked(move |_| *blocked.borrow_mut() = true);
        }
        let mut database = request.await.map_err(|e| {
            if *blocked.borrow() {
                storage_message("Blocked", "")
            } else {
                failure(&e)
            }
        })?;
        let closed = Rc::new(RefCell::new(false));
        {
            let closed = closed.clone();
            // Another tab wants to delete or upgrade the database: let it, and stop saving.
            database.on_version_change(move |event| {
                if let Some(inner) = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok())
                {
                    inner.close();
                }
                *closed.borrow_mut() = true;
                on_lost(storage_message("VersionChange", ""));
            });
        }
        Ok(Storage { database, closed })
    }

    /// Reads the whole saved workspace. A damaged record is skipped with a note; only a
    /// database that cannot be read at all is an error.
    pub async fn load(&self) -> Result<Restored, Failure> {
        let transaction = self
            .database
            .transaction(&[DOCUMENTS, META], TransactionMode::ReadOnly)
            .map_err(|e| failure(&e))?;
        let documents = transaction
            .object_store(DOCUMENTS)
            .map_err(|e| failure(&e))?;
        let keys = documents
            .get_all_keys(None, None)
            .map_err(|e| failure(&e))?
            .await
            .map_err(|e| failure(&e))?;
        let values = documents
            .get_all(None, None)
            .map_err(|e| failure(&e))?
            .await
            .map_err(|e| failure(&e))?;
        let meta = transaction.object_store(META).map_err(|e| failure(&e))?;
        let problems_json = meta
            .get(Query::Key(JsValue::from_str(PROBLEMS_KEY)))
            .map_err(|e| failure(&e))?
            .await
            .map_err(|e| failure(&e))?;
        let settings_json = meta
            .get(Query::Key(JsValue::from_str(SETTINGS_KEY)))
            .map_err(|e| failure(&e))?
            .await
            .map_err(|e| failure(&e))?;

        let mut restored = Restored {
            docs: Vec::new(),
            problems: Vec::new(),
            settings: None,
            notes: Vec::new(),
        };
        let records: Vec<(String, JsValue)> = keys
            .iter()
            .zip(values)
            .map(|(key, value)| {
                let name = key
                    .as_string()
                    .unwrap_or_else(|| "(a saved document)".into());
                (name, value)
            })
            .collect();
        // Large records (Blobs) are all handed to the annotation worker first, which reads
        // them back while the page decodes the small ones itself; the page then takes each
        // in turn, yielding to the browser between slices of work.
        let in_worker: Vec<Option<PendingRestore>> = records
            .iter()
            .map(|(name, value)| {
                value
                    .dyn_ref::<web_sys::Blob>()
                    .and_then(|blob| restore_in_worker(name, blob))
            })
            .collect();
        let mut slice_start = js_sys::Date::now();
        for ((name, value), pending) in records.into_iter().zip(in_worker) {
            if js_sys::Date::now() - slice_start >= RESTORE_SLICE_MS {
                TimeoutFuture::new(0).await;
                slice_start = js_sys::Date::now();
            }
            let from_worker = match pending {
                Some(pending) => pending.read().await.ok(),
                None => None,
            };
            // Without the worker, or if it failed on the record, the page decodes it.
            let (doc, notes) = match from_worker {
                Some(restored) => restored,
                None => match value.as_string() {
                    Some(json) => decode_document(&name, &json),
                    None => decode_document_bytes(&name, &record_bytes(&value).await),
                },
            };
            restored.notes.extend(notes);
            if let Some(mut doc) = doc {
                // The record's key is the name the workspace knows it by.
                doc.name = name;
                restored.docs.push(Rc::new(DocView::new(doc)));
            }
        }
        if let Some(json) = problems_json.and_then(|v| v.as_string()) {
            match decode_problems(&json) {
                Ok(problems) => restored.problems = problems,
                Err(message) => restored.notes.push(Problem {
                    name: "saved workspace".into(),
                    message,
                }),
            }
        }
        if let Some(json) = settings_json.and_then(|v| v.as_string()) {
            match decode_settings(&json) {
                Ok(settings) => restored.settings = Some(settings),
                Err(message) => restored.notes.push(Problem {
                    name: "saved settings".into(),
                    message,
                }),
            }
        }
        Ok(restored)
    }

    /// Writes what changed, the files that did not load and the settings, in one
    /// transaction: either all of it is saved or none of it.
    pub async fn save(
        &self,
        plan: &SavePlan,
        problems: &[Problem],
        settings: &Settings,
    ) -> Result<(), Failure> {
        if *self.closed.borrow() {
            return Err(storage_message("VersionChange", ""));
        }
        let transaction = self
            .database
            .transaction(&[DOCUMENTS, META], TransactionMode::ReadWrite)
            .map_err(|e| failure(&e))?;
        {
            let documents = transaction
                .object_store(DOCUMENTS)
                .map_err(|e| failure(&e))?;
            for doc in &plan.put {
                // The worker's Blob, passed by reference; else UTF-8 bytes, not a string:
                // copying them is all IndexedDB has to do.
                let value: JsValue = take_prepared(doc).unwrap_or_else(|| {
                    js_sys::Uint8Array::from(encode_document(&doc.doc).as_bytes()).into()
                });
                documents
                    .put(&value, Some(&JsValue::from_str(&doc.doc.name)))
                    .map_err(|e| failure(&e))?;
            }
            for name in &plan.delete {
                documents
                    .delete(Query::Key(JsValue::from_str(name)))
                    .map_err(|e| failure(&e))?;
            }
            let meta = transaction.object_store(META).map_err(|e| failure(&e))?;
            meta.put(
                &JsValue::from_str(&encode_problems(problems)),
                Some(&JsValue::from_str(PROBLEMS_KEY)),
            )
            .map_err(|e| failure(&e))?;
            meta.put(
                &JsValue::from_str(&encode_settings(settings)),
                Some(&JsValue::from_str(SETTINGS_KEY)),
            )
            .map_err(|e| failure(&e))?;
        }
        let outcome = transaction.await.map_err(|e| failure(&e))?;
        if outcome.is_committed() {
            Ok(())
        } else {
            Err(storage_message(
                "AbortError",
                "the save was cancelled by the browser",
            ))
        }
    }

    /// Removes every saved document, problem and setting.
    pub async fn clear(&self) -> Result<(), Failure> {
        if *self.closed.borrow() {
            return Err(storage_message("VersionChange", ""));
        }
        let transaction = self
            .database
            .transaction(&[DOCUMENTS, META], TransactionMode::ReadWrite)
            .map_err(|e| failure(&e))?;
        for name in [DOCUMENTS, META] {
            transaction
                .object_store(name)
                .map_err(|e| failure(&e))?
                .clear()
                .map_err(|e| failure(&e))?;
        }
        transaction.await.map_err(|e| failure(&e))?;
        Ok(())
    }
}

/// A storage error in words: the DOMException's name decides the message
/// (`QuotaExceededError` → storage full, …).
/// The bytes of a stored record: a Blob (as the annotation worker makes them) or UTF-8
/// bytes. Anything else, or a Blob that cannot be read, is no bytes, which the decoder
/// reports as a damaged record.
async fn record_bytes(value: &JsValue) -> Vec<u8> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return bytes.to_vec();
    }
    let Some(blob) = value.dyn_ref::<web_sys::Blob>() else {
        return Vec::new();
    };
    match wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

fn failure(error: &idb::Error) -> Failure {
    let exception = match error {
        idb::Error::DomException(exception) => Some(exception.clone()),
        other => error_value(other).and_then(|v| v.dyn_into::<web_sys::DomException>().ok()),
    };
    match exception {
        Some(exception) => storage_message(&exception.name(), &exception.message()),
        None => storage_message("UnknownError", &error.to_string()),
    }
}

/// The JavaScript value an error carries, if any.
fn error_value(error: &idb::Error) -> Option<JsValue> {
    use idb::Error::*;
    match error {
        AddFailed(v)
        | ClearFailed(v)
        | DeleteFailed(v)
        | GetFailed(v)
        | GetAllFailed(v)
        | GetAllKeysFailed(v)
        | UpdateFailed(v)
        | TransactionOpenFailed(v)
        | TransactionCommitError(v)
        | ObjectStoreCreateFailed(v)
        | IndexedDbNotFound(v)
        | IndexedDbOpenFailed(v) => Some(v.clone()),
        _ => None,
    }
}
