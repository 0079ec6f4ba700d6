//! Browser tests of the web app: what only a real DOM can tell.
//! Run with `cargo test --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use dossier::ui::app::App;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

fn body_state() -> String {
    document()
        .body()
        .and_then(|b| b.dataset().get("state"))
        .unwrap_or_default()
}

/// Mounts a fresh app in its own element, on an empty saved workspace (the app keeps its
/// work in IndexedDB; apps mounted earlier let the deletion through and stop saving).
async fn mount() -> web_sys::Element {
    idb::Factory::new()
        .expect("IndexedDB")
        .delete(dossier::ui::storage::DATABASE)
        .expect("a delete request")
        .await
        .expect("the saved workspace is deleted");
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

/// Waits (up to ~10 s) until the app says it is ready and `ok` holds.
async fn wait_until(ok: impl Fn() -> bool) {
    for _ in 0..500 {
        yew::scheduler::flush().await;
        if body_state() == "ready" && ok() {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("timed out: state is {:?}", body_state());
}

fn click(root: &web_sys::Element, selector: &str) {
    let element = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"));
    element.unchecked_into::<web_sys::HtmlElement>().click();
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn samples_load_and_highlight_every_layer() {
    let root = mount().await;
    wait_until(|| true).await;
    assert!(
        root.query_selector(".empty-state").unwrap().is_some(),
        "the start page explains what to do"
    );

    click(&root, "[data-action=load-samples]");
    // No window in which a test could see the old "ready" after the click.
    assert_eq!(body_state(), "busy", "busy is set in the click itself");
    yew::scheduler::flush().await;
    assert_eq!(body_state(), "busy");
    wait_until(|| count(&root, ".doc-item") == 5).await;

    assert!(count(&root, "[data-layer=entity][data-label]") > 0);
    assert!(count(&root, "[data-layer=incident]") + count(&root, "[data-layer=pledge]") > 0);
    let entity = root.query_selector("[data-layer=entity]").unwrap().unwrap();
    assert!(
        !entity.get_attribute("title").unwrap_or_default().is_empty(),
        "entities name their canonical form"
    );
    assert!(count(&root, "p[dir=auto]") > 0);

    // Every layer appears somewhere across the samples.
    let mut layers_seen = std::collections::BTreeSet::new();
    let n_docs = count(&root, ".doc-item");
    for i in 0..n_docs {
        let items = root.query_selector_all(".doc-item").unwrap();
        items
            .item(i)
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
        yew::scheduler::flush().await;
        for layer in ["entity", "incident", "pledge"] {
            if count(&root, &format!(".text [data-layer={layer}]")) > 0 {
                layers_seen.insert(layer);
            }
        }
        // The Arabic sample's paragraphs are laid out right to left.
        let title = root
            .query_selector(".doc-title")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default();
        if title.starts_with("004_") {
            let paragraph: web_sys::HtmlElement = root
                .query_selector(".text p[dir=auto]")
                .unwrap()
                .unwrap()
                .unchecked_into();
            let style = web_sys::window()
                .unwrap()
                .get_computed_style(&paragraph)
                .unwrap()
                .unwrap();
            assert_eq!(style.get_property_value("direction").unwrap(), "rtl");
        }
    }
    assert_eq!(layers_seen.len(), 3, "layers seen: {layers_seen:?}");
    root.remove();
}

#[wasm_bindgen_test]
async fn pasted_text_is_text_never_markup() {
    let root = mount().await;
    wait_until(|| true).await;
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    area.set_value("<img src=x onerror=\"window.__pasted=1\"> China said APT28 hacked Microsoft.");
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    click(&root, "[data-action=add-paste]");
    wait_until(|| count(&root, ".doc-item") == 1).await;
    assert_eq!(
        count(&root, ".text img"),
        0,
        "no element is made from the text"
    );
    assert!(root
        .query_selector(".doc-title")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("pasted-1.txt"));
    assert!(count(&root, "[data-layer=entity][data-label=THREAT_ACTOR]") > 0);
    assert!(
        count(&root, "[data-layer=incident] [data-layer=entity]") > 0,
        "entities nest in sentences"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn export_menu_is_labelled_and_offered_only_with_content() {
    let root = mount().await;
    wait_until(|| true).await;
    let group = root
        .query_selector(".export-group[role=group][aria-label]")
        .unwrap()
        .expect("the export buttons form one labelled group");
    let actions = [
        "export-json",
        "export-w3c",
        "export-brat",
        "export-conll",
        "export-csv-entities",
        "export-csv-events",
        "export-stix",
    ];
    let button = |action: &str| -> web_sys::HtmlButtonElement {
        group
            .query_selector(&format!("button[data-action={action}]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no {action} button"))
            .unchecked_into()
    };
    for action in actions {
        assert!(button(action).disabled(), "{action} waits for content");
        assert!(!button(action)
            .text_content()
            .unwrap_or_default()
            .trim()
            .is_empty());
    }

    click(&root, "[data-action=load-samples]");
    wait_until(|| count(&root, ".doc-item") == 5).await;
    for action in actions {
        assert!(
            !button(action).disabled(),
            "{action} is offered once loaded"
        );
    }
}
