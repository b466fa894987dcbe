//! The live preview: the visitor's own page, in two frames (a phone's width
//! and a desktop's), showing the content just imported. The frames load
//! `./?preview` and read the content from this page ([`crate::preview`]),
//! so the preview is the real page, drawn by the real components, with its
//! own media queries at each width.

use crate::i18n::{ui, ui_attr, use_lang, words};
use leptos::prelude::*;

/// Each preview's address differs from the last, so a frame never shows
/// an earlier import from its cache.
static DRAWN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The preview of `files` (name, text); files not among them come from the
/// site, as the visitor page loads them.
#[component]
pub fn PreviewPanel(files: Vec<(&'static str, String)>) -> impl IntoView {
    crate::preview::hand(&files);
    let drawn = DRAWN.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    let lang = use_lang();
    let src = move || format!("./?preview={drawn}&lang={}", lang.get().code());
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h3 id="preview-title">{ui(words::PREVIEW_TITLE)}</h3>
            <p>{ui(words::PREVIEW_INTRO)}</p>
            <div class="preview__frames">
                <figure class="preview__frame preview__frame--phone">
                    <iframe src=src title=ui_attr(words::PREVIEW_PHONE) width="390" height="760"></iframe>
                    <figcaption>{ui(words::PREVIEW_PHONE)}</figcaption>
                </figure>
                <figure class="preview__frame preview__frame--desktop">
                    <div class="preview__scaled">
                        <iframe src=src title=ui_attr(words::PREVIEW_DESKTOP) width="1280" height="800"></iframe>
                    </div>
                    <figcaption>{ui(words::PREVIEW_DESKTOP)}</figcaption>
                </figure>
            </div>
        </section>
    }
}
