//! Where the workspace is kept: a warning when this device is not saving it, notes on saved
//! records that could not be restored, and clearing the workspace (after a confirmation).

use yew::prelude::*;

use crate::ui::app::AppContext;
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct StorageWarningProps {
    /// Saves everything in memory as the interchange JSON.
    pub on_export: Callback<()>,
}

/// Shown across the page while work is not being saved on this device.
#[component]
pub fn StorageWarning(props: &StorageWarningProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let Some(warning) = state.storage_warning.clone() else {
        return Html::default();
    };
    let on_export = props.on_export.reform(|_: MouseEvent| ());
    html! {
        <div class="storage-warning" role="alert">
            <span class="storage-message">{ warning }</span>
            if !state.docs.is_empty() {
                <button type="button" class="button" data-action="export-unsaved" onclick={on_export}>
                    { "Export JSON now" }
                </button>
            }
        </div>
    }
}

/// Notes on the saved workspace, and the way to empty it.
#[component]
pub fn WorkspacePanel() -> Html {
    let confirming = use_state_eq(|| false);
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let notes = state.restore_problems.iter().map(|p| {
        html! {
            <li class="problem restore-problem">
                <span class="problem-name" dir="auto">{ p.name.clone() }</span>
                { ": " }
                <span class="problem-message">{ p.message.clone() }</span>
            </li>
        }
    });
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissRestoreProblems))
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let clear = {
        let state = state.clone();
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            state.dispatch(Action::ClearWorkspace);
        })
    };
    let n = state.docs.len() + state.problems.len();
    html! {
        <>
            if !state.restore_problems.is_empty() {
                <section class="problems restore-problems" role="alert">
                    <h2>{ format!("Saved work not restored ({})", state.restore_problems.len()) }</h2>
                    <ul>{ for notes }</ul>
                    <button class="link-button" type="button" data-action="dismiss-restore-problems" onclick={on_dismiss}>
                        { "Dismiss" }
                    </button>
                </section>
            }
            <section class="workspace-panel">
                if state.storage_warning.is_none() && !state.restoring {
                    <p class="saved-note">{ "Kept on this device until you clear it." }</p>
                }
                if let Some(built) = state.knowledge_base {
                    <p class="knowledge-base">{ format!("Knowledge base: {}.", built.describe()) }</p>
                }
                if *confirming {
                    <div class="confirm-clear" role="group" aria-label="Clear the workspace">
                        <p>{ format!("Remove all {n} documents and files from this page and this device?") }</p>
                        <button type="button" class="button danger" data-action="confirm-clear" onclick={clear}>
                            { "Remove all" }
                        </button>
                        <button type="button" class="button" data-action="keep-workspace" onclick={keep}>
                            { "Keep" }
                        </button>
                    </div>
                } else {
                    <button type="button" class="link-button" data-action="clear-workspace" onclick={ask}
                            disabled={n == 0}>
                        { "Clear workspace…" }
                    </button>
                }
            </section>
        </>
    }
}
