//! Event microsite: the story, photo timeline and quiz of one event, all
//! loaded from static JSON under `public/content/`.
//!
//! `content` and `quiz` are plain Rust (tested natively). The components
//! run in the browser and are also rendered to HTML natively, by the build,
//! for the page's first paint (`app::prerender`).

// The build renders the page natively (`ssr`), where the whole page is one
// nested view type: deeper than the compiler's default limit allows.
// (`into_any()` would also cut it, for 2.7 KB more of the visitor's wasm.)
#![recursion_limit = "256"]

pub mod content;
pub mod decimal;
pub mod gesture;
pub mod quiz;
#[cfg(any(
    not(target_arch = "wasm32"),
    feature = "render-page",
    feature = "studio"
))]
pub mod render;
#[cfg(feature = "sheet")]
pub mod sheet;
pub mod storage_key;
pub mod ui_text;

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod preview;
pub mod studio;
