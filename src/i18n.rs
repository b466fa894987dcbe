//! The visitor's language: chosen from `?lang=`, the saved choice or the
//! browser, shared through context, and the interface's own words.
//!
//! Content words come from the JSON files; only the words of the interface
//! itself (buttons, headings of the page's parts, messages) live here, so
//! they still show when a content file fails.

use crate::content::{Lang, Text};
use crate::storage_key;
pub use crate::ui_text::{Ui, words};
use leptos::prelude::*;

/// The current language, provided by `App`.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// Provides the language to the component tree, starting from the URL,
/// then the saved choice, then the browser's language, then Chinese.
pub fn provide_language() -> Language {
    let language = Language(RwSignal::new(initial_lang()));
    provide_context(language);
    Effect::new(move |_| {
        let lang = language.0.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        crate::browser::save(storage_key::LANG, lang.code());
    });
    language
}

/// The current language signal.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<Language>()
        .map(|l| l.0)
        .unwrap_or_else(|| RwSignal::new(Lang::default()))
}

fn initial_lang() -> Lang {
    let from_url = window()
        .location()
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"))
        .and_then(|code| Lang::from_code(&code));
    let saved = || crate::browser::load(storage_key::LANG).and_then(|code| Lang::from_code(&code));
    let browser = || {
        window()
            .navigator()
            .language()
            .and_then(|code| Lang::from_code(&code))
    };
    from_url.or_else(saved).or_else(browser).unwrap_or_default()
}

/// A reactive view of a content text in the current language.
pub fn tr(text: Text) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let lang = use_lang();
    move || text.get(lang.get()).to_string()
}

/// A reactive view of an interface word in the current language.
pub fn ui(word: Ui) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let lang = use_lang();
    move || word.get(lang.get())
}
