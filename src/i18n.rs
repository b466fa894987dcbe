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

/// In the browser: the address's `?lang=`, the saved choice, the browser's
/// language, then Chinese.
#[cfg(all(target_arch = "wasm32", not(feature = "render-page")))]
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

/// In the build's rendering: the page's default language. Texts are drawn
/// in both languages anyway (see [`tr`]); attributes take this one.
#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
fn initial_lang() -> Lang {
    Lang::default()
}

/// A content text in the current language, as an element's content. The
/// build's rendering draws both languages, for CSS to show the one of
/// `<html lang>` (the head script sets it before the first paint).
#[cfg(all(target_arch = "wasm32", not(feature = "render-page")))]
pub fn tr(text: Text) -> impl IntoView + Clone + use<> {
    tr_attr(text)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub fn tr(text: Text) -> impl IntoView + Clone + use<> {
    move || both(text.zh.clone(), text.en.clone())
}

/// An interface word in the current language, as an element's content
/// (both languages in the build's rendering, as [`tr`]).
#[cfg(all(target_arch = "wasm32", not(feature = "render-page")))]
pub fn ui(word: Ui) -> impl IntoView + Copy {
    ui_attr(word)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub fn ui(word: Ui) -> impl IntoView + Copy {
    move || both(word.zh.to_string(), word.en.to_string())
}

/// A text in the language `lang`, for parts drawn anew when the language
/// changes (both languages in the build's rendering, as [`tr`]).
#[cfg(all(target_arch = "wasm32", not(feature = "render-page")))]
pub fn said(text: &Text, lang: Lang) -> impl IntoView + use<> {
    text.get(lang).to_string()
}

#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub fn said(text: &Text, _lang: Lang) -> impl IntoView + use<> {
    both(text.zh.clone(), text.en.clone())
}

/// An interface word in the language `lang` (see [`said`]).
pub fn said_ui(word: Ui, lang: Lang) -> impl IntoView + use<> {
    said(
        &Text {
            zh: word.zh.into(),
            en: word.en.into(),
        },
        lang,
    )
}

/// Both languages, each marked for the stylesheet to show or hide.
#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
fn both(zh: String, en: String) -> impl IntoView {
    view! { <span data-lang="zh">{zh}</span><span data-lang="en">{en}</span> }
}

/// A reactive content text in the current language, for an attribute.
pub fn tr_attr(text: Text) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let lang = use_lang();
    move || text.get(lang.get()).to_string()
}

/// A reactive interface word in the current language, for an attribute.
pub fn ui_attr(word: Ui) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let lang = use_lang();
    move || word.get(lang.get())
}
