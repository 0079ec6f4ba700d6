//! Keeps the workspace on this device: reads it back once at start-up, then saves what
//! changed after every change of the documents, the failed files or the settings.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::ui::saved::plan_save;
use crate::ui::state::{Action, State};
use crate::ui::storage::Storage;
use crate::ui::view::DocView;

#[derive(Default)]
struct Saver {
    storage: Option<Rc<Storage>>,
    /// The documents as last handed to storage (by allocation, see `plan_save`).
    saved: Vec<Rc<DocView>>,
    /// The last save failed: the next one writes every document again.
    failed: bool,
}

#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>) {
    let saver = use_mut_ref(Saver::default);

    // Start-up: open the database and restore what it holds. Until `Restored` arrives the
    // page stays busy, and nothing is saved, so an empty page never overwrites saved work.
    {
        let dispatcher = state.dispatcher();
        let saver = saver.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let lost = dispatcher.clone();
                let opened = Storage::open(move |message| {
                    lost.dispatch(Action::StorageWarning(Some(message)))
                })
                .await;
                let storage = match opened {
                    Ok(storage) => Rc::new(storage),
                    Err(message) => {
                        dispatcher.dispatch(Action::StorageWarning(Some(message)));
                        dispatcher.dispatch(restored_nothing());
                        return;
                    }
                };
                match storage.load().await {
                    Ok(restored) => {
                        let mut saver = saver.borrow_mut();
                        saver.saved = restored.docs.clone();
                        saver.storage = Some(storage);
                        drop(saver);
                        dispatcher.dispatch(Action::Restored {
                            docs: restored.docs,
                            problems: restored.problems,
                            settings: restored.settings,
                            notes: restored.notes,
                        });
                    }
                    Err(message) => {
                        // Saving over a workspace that could not be read would destroy it.
                        dispatcher.dispatch(Action::StorageWarning(Some(message)));
                        dispatcher.dispatch(restored_nothing());
                    }
                }
            });
        });
    }

    // Every change worth keeping: save what differs from the last save.
    {
        let dispatcher = state.dispatcher();
        let deps = (
            state.docs.clone(),
            state.problems.clone(),
            state.settings(),
            state.restoring,
        );
        use_effect_with(deps, move |(docs, problems, settings, restoring)| {
            if *restoring {
                return;
            }
            let Some(storage) = saver.borrow().storage.clone() else {
                return;
            };
            let plan = {
                let mut saver = saver.borrow_mut();
                let previous: &[Rc<DocView>] = if saver.failed { &[] } else { &saver.saved };
                let plan = plan_save(previous, docs);
                saver.saved = docs.clone();
                plan
            };
            let (problems, settings) = (problems.clone(), settings.clone());
            let saver = saver.clone();
            spawn_local(async move {
                let result = storage.save(&plan, &problems, &settings).await;
                let recovered = {
                    let mut saver = saver.borrow_mut();
                    let was_failed = saver.failed;
                    saver.failed = result.is_err();
                    was_failed && result.is_ok()
                };
                match result {
                    Err(message) => dispatcher.dispatch(Action::StorageWarning(Some(message))),
                    Ok(()) if recovered => dispatcher.dispatch(Action::StorageWarning(None)),
                    Ok(()) => {}
                }
            });
        });
    }
}

fn restored_nothing() -> Action {
    Action::Restored {
        docs: Vec::new(),
        problems: Vec::new(),
        settings: None,
        notes: Vec::new(),
    }
}
