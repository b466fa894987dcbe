//! Event microsite: the story, photo timeline and quiz of one event, all
//! loaded from static JSON under `public/content/`.
//!
//! `content` and `quiz` are plain Rust (tested natively); the web app is
//! compiled only for the browser.

pub mod content;
pub mod decimal;
pub mod gesture;
pub mod quiz;
pub mod storage_key;
pub mod ui_text;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod i18n;
