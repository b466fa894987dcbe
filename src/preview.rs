//! The studio's preview: the visitor's page, in a frame of the studio
//! (`?preview` in its address), shows the content the studio hands it
//! instead of the host's files. Only a parent page of the same site can
//! hand it anything: a frame in another site's page reads nothing (the
//! browser refuses it access to that page), and a page opened on its own
//! has no parent.

use wasm_bindgen::JsValue;

/// The studio page's global holding the texts to preview, by file name.
const HANDED: &str = "__studioPreview";

/// The text of content file `file` that the studio framing this page
/// hands it, if this page is such a preview.
pub fn handed_file(file: &str) -> Option<String> {
    crate::browser::query_param("preview")?;
    let parent: JsValue = web_sys::window()?.parent().ok()??.into();
    let handed = js_sys::Reflect::get(&parent, &HANDED.into())
        .ok()
        .filter(JsValue::is_object)?;
    js_sys::Reflect::get(&handed, &file.into())
        .ok()?
        .as_string()
}

/// Hands `files` (name, text) to the previews this page frames; each reads
/// them when it loads.
#[cfg(feature = "studio")]
pub fn hand(files: &[(&str, String)]) {
    let handed = js_sys::Object::new();
    for (file, text) in files {
        let _ = js_sys::Reflect::set(&handed, &(*file).into(), &text.into());
    }
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &HANDED.into(), &handed);
    }
}
