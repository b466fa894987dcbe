//! The studio's page renderer (`studio/page-renderer-HASH.js`): the event
//! page drawn by the app's own components exactly as `cargo xtask build`
//! draws it ahead of the app, for the new content of the studio's site.zip.
//! The studio loads it only when an organiser makes a site.zip.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use event_microsite::content::{Problem, files};
use event_microsite::render::{Content, body};
use wasm_bindgen::prelude::*;

/// The markup the build puts at the start of the event page's `<body>`, for
/// the texts of `site.json`, `story.json`, `timeline.json` and `quiz.json`;
/// else the first problem of the first file that has one.
#[wasm_bindgen]
pub fn render_page(site: &str, story: &str, timeline: &str, quiz: &str) -> Result<String, String> {
    // Set once; a second call finds it set and keeps it.
    let _ = Executor::init_local_custom_executor(DrawOnly);
    let texts = [
        (files::SITE, site),
        (files::STORY, story),
        (files::TIMELINE, timeline),
        (files::QUIZ, quiz),
    ];
    let content = Content::read(|file| {
        texts
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text.to_string())
            .ok_or_else(Vec::<Problem>::new)
    })
    .map_err(|(file, problems)| {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        format!("{file}: {first}")
    })?;
    Ok(body(&content))
}

/// Leaves every task undone: the page is drawn, never run. What the
/// components do once drawn (their effects) is the visitor's app's work;
/// the build's native rendering never runs effects either, and here they
/// would act on the studio's own page.
struct DrawOnly;

impl CustomExecutor for DrawOnly {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

fn main() {}
