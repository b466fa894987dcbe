//! The names under which the site keeps things in the visitor's browser.
//!
//! Several events may live in folders of one host (`example.org/2026-06/`,
//! `example.org/2026-09/`), and the browser's storage is shared by the whole
//! host: every name is therefore scoped to the page's own folder, so one
//! event never reads, or clears, another's. The build fills the same rule
//! into the page's head script and the service worker.

/// The visitor's chosen language (`zh` or `en`).
pub const LANG: &str = "lang";
/// The quiz run in progress (see `quiz::QuizRun::save`).
pub const QUIZ_RUN: &str = "quiz-run";
/// The studio's photos made so far (an IndexedDB database).
pub const STUDIO_PHOTOS: &str = "studio-photos";

/// The folder of a page's path, with its trailing slash:
/// `/2026-06/index.html` and `/2026-06/` give `/2026-06/`.
pub fn site_folder(pathname: &str) -> &str {
    match pathname.rfind('/') {
        Some(slash) => &pathname[..=slash],
        None => "/",
    }
}

/// `key` scoped to the folder of the page at `pathname`: `/2026-06/lang`.
pub fn scoped(pathname: &str, key: &str) -> String {
    format!("{}{key}", site_folder(pathname))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_scoped_to_the_pages_folder() {
        assert_eq!(scoped("/2026-06/", LANG), "/2026-06/lang");
        assert_eq!(scoped("/2026-06/index.html", LANG), "/2026-06/lang");
        assert_eq!(scoped("/2026-09/", QUIZ_RUN), "/2026-09/quiz-run");
        assert_eq!(scoped("/", LANG), "/lang");
        assert_eq!(scoped("", LANG), "/lang");
        assert_ne!(scoped("/a/", LANG), scoped("/a/b/", LANG));
    }
}
