//! Records of imported files that were skipped or repaired, one by one, so the reader knows
//! exactly what did not come across.

use yew::prelude::*;

use crate::formats::Outcome;
use crate::ui::app::AppContext;
use crate::ui::state::Action;

#[component]
pub fn ImportReport() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    if state.import_problems.is_empty() {
        return Html::default();
    }
    let on_dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::DismissImportProblems))
    };
    let items = state.import_problems.iter().map(|note| {
        let problem = &note.problem;
        let outcome = match problem.outcome {
            Outcome::Skipped => "skipped",
            Outcome::Repaired => "repaired",
        };
        let place = [problem.document.as_str(), problem.record.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        html! {
            <li class="problem import-problem" data-file={note.file.clone()}
                data-document={problem.document.clone()} data-outcome={outcome}>
                <span class="problem-name" dir="auto">{ note.file.clone() }</span>
                if !place.is_empty() {
                    { " — " }<span class="import-place" dir="auto">{ place }</span>
                }
                { ": " }
                <span class="problem-message">{ format!("{} ({outcome})", problem.message) }</span>
            </li>
        }
    });
    html! {
        <section class="problems import-problems" role="alert">
            <h2>{ format!("Import problems ({})", state.import_problems.len()) }</h2>
            <ul>{ for items }</ul>
            <button class="link-button" type="button" data-action="dismiss-import-problems"
                    onclick={on_dismiss}>
                { "Dismiss" }
            </button>
        </section>
    }
}
