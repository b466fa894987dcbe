//! Small wrappers over browser APIs that may be missing or refuse (private
//! modes, in-app browsers): every call degrades to "nothing happened".

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Whether this runs in the visitor's browser: `false` where the components
/// are rendered to HTML (the page before the app runs), natively by the build
/// or by the studio's page renderer.
pub const fn in_browser() -> bool {
    cfg!(all(target_arch = "wasm32", not(feature = "render-page")))
}

/// The browser's window; `None` where there is none: when the build renders
/// the components to HTML natively, every wrapper here does nothing.
fn browser_window() -> Option<web_sys::Window> {
    if in_browser() {
        web_sys::window()
    } else {
        None
    }
}

fn storage() -> Option<web_sys::Storage> {
    browser_window()?.local_storage().ok().flatten()
}

/// Runs `each` on every element of the document that matches `selector`.
pub fn for_each_element(selector: &str, mut each: impl FnMut(web_sys::Element)) {
    let Ok(found) = document().query_selector_all(selector) else {
        return;
    };
    for i in 0..found.length() {
        if let Some(element) = found.item(i).and_then(|n| n.dyn_into().ok()) {
            each(element);
        }
    }
}

/// `key` scoped to this page's folder, so events in other folders of the
/// same host keep their own (see `storage_key`).
fn scoped(key: &str) -> String {
    let path = browser_window().and_then(|w| w.location().pathname().ok());
    crate::storage_key::scoped(&path.unwrap_or_default(), key)
}

/// A saved value, if storage works and holds one.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(&scoped(key)).ok().flatten()
}

/// Saves a value; a full or disabled storage is ignored.
pub fn save(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&scoped(key), value);
    }
}

/// Forgets a saved value.
pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&scoped(key));
    }
}

/// A random seed for shuffling (0 where there is no browser).
pub fn random_seed() -> u64 {
    if browser_window().is_none() {
        return 0;
    }
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

/// Milliseconds since the epoch (0 where there is no browser).
pub fn now_millis() -> f64 {
    if browser_window().is_none() {
        return 0.0;
    }
    js_sys::Date::now()
}

/// The page's address without query or fragment.
pub fn page_base_url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The query string (`?a=b`), or empty.
pub fn query() -> String {
    browser_window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The address's fragment (`#entry-oath`), or empty.
pub fn fragment() -> String {
    browser_window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Whether the screen matches a CSS media query (`false` without a screen).
pub fn matches_media(query: &str) -> bool {
    browser_window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// One parameter of the address's query.
pub fn query_param(name: &str) -> Option<String> {
    browser_window()?;
    web_sys::UrlSearchParams::new_with_str(&query())
        .ok()?
        .get(name)
}

/// Sets (or removes, with `None`) one query parameter, keeping the others;
/// `push` adds a history entry (so Back undoes it), otherwise replaces.
pub fn set_query_param(name: &str, value: Option<&str>, push: bool) {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&query()) else {
        return;
    };
    match value {
        Some(value) => params.set(name, value),
        None => params.delete(name),
    }
    let query: String = params.to_string().into();
    let hash = fragment();
    let separator = if query.is_empty() { "" } else { "?" };
    let url = format!("{}{separator}{query}{hash}", page_base_url());
    if let Ok(history) = window().history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Goes one step back in the session history (as the Back button does).
pub fn history_back() {
    if let Ok(history) = window().history() {
        let _ = history.back();
    }
}

/// Replaces the address's query without reloading or adding history.
pub fn replace_query(query: &str) {
    let hash = fragment();
    let url = if query.is_empty() {
        format!("{}{hash}", page_base_url())
    } else {
        format!("{}?{query}{hash}", page_base_url())
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// How a link was handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The system share sheet took it (or the visitor closed it).
    Sheet,
    /// Copied to the clipboard.
    Copied,
    /// Neither works here: show the link to copy by hand.
    Neither,
}

/// Shares through the Web Share API where there is one, otherwise copies
/// the link to the clipboard.
pub async fn share_or_copy(title: &str, url: &str) -> Shared {
    let navigator = window().navigator();
    let has =
        |name: &str| js_sys::Reflect::has(&navigator, &JsValue::from_str(name)).unwrap_or(false);
    if has("share") {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        if let Some(promise) = call_method(&navigator, "share", &data) {
            // A cancelled sheet rejects too; either way the visitor saw it.
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            return Shared::Sheet;
        }
    }
    if copy_text(url).await {
        Shared::Copied
    } else {
        Shared::Neither
    }
}

/// Puts `text` on the clipboard; false where the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    match call_method(&clipboard, "writeText", &text.into()) {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

fn call_method(target: &JsValue, name: &str, arg: &JsValue) -> Option<js_sys::Promise> {
    let method = js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    method
        .call1(target, arg)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Offers `href` as a file download named `file_name`.
pub fn download(href: &str, file_name: &str) {
    let Ok(element) = document().create_element("a") else {
        return;
    };
    let anchor: web_sys::HtmlAnchorElement = element.unchecked_into();
    anchor.set_href(href);
    anchor.set_download(file_name);
    if let Some(body) = document().body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        anchor.remove();
    }
}

/// What the build recorded of the content it made the page from (see
/// `content::check::built_from`); empty on a page the build did not make.
pub fn built_from_record() -> String {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector(&format!(
                    "meta[name=\"{}\"]",
                    crate::content::check::BUILT_FROM_META
                ))
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default()
}
