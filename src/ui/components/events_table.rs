//! Every incident and pledge of every loaded document in one table, sortable by any column
//! and filterable by layer, type, document and words; a row opens its sentence in the reader.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::export::Layer;
use crate::ui::app::AppContext;
use crate::ui::events::{corpus_events, distinct, table_rows, Column, Filter, Sort};
use crate::ui::state::Action;

/// How many rows the table shows at first, and adds per "show more": thousands of rows
/// of DOM would make the page sluggish, and nobody reads them without filtering.
const ROWS_SHOWN: usize = 200;

#[component]
pub fn EventsTable() -> Html {
    let state = use_context::<AppContext>();
    let docs = state.as_ref().map(|s| s.docs.clone()).unwrap_or_default();
    let rows = use_memo(docs, |docs| corpus_events(docs));
    let filter = use_state(Filter::default);
    let sort = use_state(Sort::default);
    let limit = use_state(|| ROWS_SHOWN);
    let Some(state) = state else {
        return Html::default();
    };

    let shown = table_rows(&rows, &filter, *sort);
    let kinds = distinct(&rows, Column::Kind);
    let doc_names = distinct(&rows, Column::Document);

    // Each control replaces one field of the filter; the row limit starts over.
    let set_filter = |change: fn(&mut Filter, String)| {
        let filter = filter.clone();
        let limit = limit.clone();
        move |value: String| {
            let mut next = (*filter).clone();
            change(&mut next, value);
            filter.set(next);
            limit.set(ROWS_SHOWN);
        }
    };
    let on_query = {
        let set = set_filter(|f, v| f.query = v);
        Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_layer = {
        let set = set_filter(|f, v| {
            f.layer = match v.as_str() {
                "incident" => Some(Layer::Incident),
                "pledge" => Some(Layer::Pledge),
                _ => None,
            }
        });
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_kind = {
        let set = set_filter(|f, v| f.kind = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_doc = {
        let set = set_filter(|f, v| f.doc = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + ROWS_SHOWN))
    };

    let headings = Column::ALL.iter().map(|&column| {
        let aria_sort = if sort.column != column {
            "none"
        } else if sort.ascending {
            "ascending"
        } else {
            "descending"
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| sort.set(sort.clicked(column)))
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sort-button" data-column={column.title()} {onclick}>
                    { column.title() }
                </button>
            </th>
        }
    });
    let body = shown.iter().take(*limit).map(|row| {
        let open = {
            let state = state.clone();
            let (doc, annotation) = (row.doc.clone(), row.annotation);
            Callback::from(move |_: MouseEvent| {
                state.dispatch(Action::Open {
                    doc: doc.clone(),
                    annotation,
                })
            })
        };
        let cells = Column::ALL.iter().map(|&column| {
            let text = column.cell(row);
            match column {
                Column::Sentence => html! {
                    <td class="cell-sentence">
                        <button type="button" class="link-button open-event" dir="auto" onclick={open.clone()}
                                title="Show this sentence in its document">{ text }</button>
                    </td>
                },
                Column::Layer => html! { <td><span class={classes!("layer-tag", format!("tag-{text}"))}>{ text }</span></td> },
                _ => html! { <td dir="auto">{ text }</td> },
            }
        });
        html! { <tr data-layer-row={row.layer.as_str()}>{ for cells }</tr> }
    });
    let options = |values: &[String], chosen: &Option<String>| -> Html {
        values
            .iter()
            .map(|v| html! { <option value={v.clone()} selected={chosen.as_deref() == Some(v.as_str())}>{ v.clone() }</option> })
            .collect()
    };
    let layer_value = filter.layer.map_or("", |l| l.as_str());

    html! {
        <section class="events-view" aria-labelledby="events-title">
            <div class="events-head">
                <h1 id="events-title" class="doc-title">{ "Events in all documents" }</h1>
                <div class="events-filters" role="search">
                    <label>{ "Words " }
                        <input type="search" class="events-query" placeholder="actor, target, source, sentence…"
                               value={filter.query.clone()} oninput={on_query} />
                    </label>
                    <label>{ "Layer " }
                        <select class="events-layer" onchange={on_layer}>
                            <option value="" selected={layer_value.is_empty()}>{ "incidents and pledges" }</option>
                            <option value="incident" selected={layer_value == "incident"}>{ "incidents" }</option>
                            <option value="pledge" selected={layer_value == "pledge"}>{ "pledges" }</option>
                        </select>
                    </label>
                    <label>{ "Type " }
                        <select class="events-kind" onchange={on_kind}>
                            <option value="" selected={filter.kind.is_none()}>{ "any" }</option>
                            { options(&kinds, &filter.kind) }
                        </select>
                    </label>
                    <label>{ "Document " }
                        <select class="events-doc" onchange={on_doc}>
                            <option value="" selected={filter.doc.is_none()}>{ "any" }</option>
                            { options(&doc_names, &filter.doc) }
                        </select>
                    </label>
                </div>
                <p class="events-count" role="status">
                    { format!("{} of {} events", shown.len(), rows.len()) }
                </p>
            </div>
            if rows.is_empty() {
                <p class="none">{ "No incident or pledge sentences in the loaded documents." }</p>
            } else {
                <div class="table-scroll">
                    <table class="events-table">
                        <thead><tr>{ for headings }</tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
            }
            if shown.len() > *limit {
                <button type="button" class="button more" onclick={on_more}>
                    { format!("Show more ({} of {} rows shown)", *limit, shown.len()) }
                </button>
            }
        </section>
    }
}
