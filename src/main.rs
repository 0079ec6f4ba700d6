//! The web app's entry point (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    // The app mounts (and the page says "ready") once the annotation worker listens, so
    // everything the app needs has been fetched by then.
    wasm_bindgen_futures::spawn_local(async {
        dossier::ui::loader::start_worker().await;
        dossier::ui::start();
        // Keeps the app's files for offline use, once the app is up.
        dossier::ui::offline::register_service_worker();
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dossier-web is the browser app; build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
