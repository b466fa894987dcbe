//! The button that switches between Chinese and English.

use crate::i18n::{use_lang, words};
use leptos::prelude::*;

/// A button naming the other language, in that language ("English" /
/// "中文"), so its accessible name is what it shows.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    if !crate::browser::in_browser() {
        // The build's rendering: both names, each in its own language, and
        // nothing to press until the app runs.
        return view! {
            <button type="button" class="lang-switch" disabled>
                <span data-lang="zh" lang="en">{words::SWITCH_TO.zh}</span>
                <span data-lang="en" lang="zh-CN">{words::SWITCH_TO.en}</span>
            </button>
        }
        .into_any();
    }
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=move || lang.get().other().tag()
            on:click=move |_| lang.update(|l| *l = l.other())
        >
            {move || words::SWITCH_TO.get(lang.get())}
        </button>
    }
    .into_any()
}
