//! Files that could not be loaded, each with its reason.

use yew::prelude::*;

use crate::ui::app::AppContext;

#[component]
pub fn ProblemList() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    if state.problems.is_empty() {
        return Html::default();
    }
    let items = state.problems.iter().map(|problem| {
        html! {
            <li class="problem" data-file={problem.name.clone()}>
                <span class="problem-name" dir="auto">{ problem.name.clone() }</span>
                { ": " }
                <span class="problem-message">{ problem.message.clone() }</span>
            </li>
        }
    });
    html! {
        <section class="problems" role="alert">
            <h2>{ format!("Not loaded ({})", state.problems.len()) }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}
