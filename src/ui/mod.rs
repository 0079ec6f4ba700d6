//! The Yew web app.
//!
//! [`view`], [`state`], [`transfer`], [`events`], [`corpus`], [`edit`] and [`saved`] are plain Rust and compile everywhere, so their logic is tested
//! natively; the components, which need a browser, are built for wasm32 only.

pub mod corpus;
pub mod edit;
pub mod events;
pub mod samples;
pub mod saved;
pub mod state;
pub mod transfer;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod loader;
#[cfg(target_arch = "wasm32")]
pub mod offline;
#[cfg(target_arch = "wasm32")]
pub mod persistence;
#[cfg(target_arch = "wasm32")]
pub mod storage;

/// Mounts the app on the page's body.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
