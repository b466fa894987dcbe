//! The event page drawn ahead of the app, for new content: by the page
//! renderer the build made beside the studio (`src/bin/page-renderer`,
//! named in the studio's page as `<meta name="page-renderer">`), with the
//! app's own components as `cargo xtask build` draws it. It is loaded the
//! first time a site.zip is made, never when the studio opens.

use super::site_zip::Why;
use crate::content::files;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export async function load_module(url) {
  const module = await import(new URL(url, document.baseURI).href);
  await module.default();
  return module;
}")]
extern "C" {
    /// The ES module at `url` (from the page's base), its wasm started.
    #[wasm_bindgen(catch)]
    async fn load_module(url: &str) -> Result<JsValue, JsValue>;
}

/// The page's markup (the build's `render::body`) for the four content
/// files' texts, `(name, text)`, each already checked.
pub async fn render_page(texts: &[(&'static str, String)]) -> Result<String, Why> {
    let url = leptos::prelude::document()
        .query_selector("meta[name=page-renderer]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or_else(|| {
            said("the studio's page has no page renderer: is it a page `cargo xtask build` wrote?")
        })?;
    let module = load_module(&url)
        .await
        .map_err(|why| said(&text_of(&why)))?;
    let render: Function = Reflect::get(&module, &"render_page".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| said("the page renderer has no render_page"))?;
    let text = |file: &str| -> JsValue {
        texts
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
            .into()
    };
    let (site, story, timeline, quiz) = (
        text(files::SITE),
        text(files::STORY),
        text(files::TIMELINE),
        text(files::QUIZ),
    );
    render
        .apply(&JsValue::NULL, &Array::of4(&site, &story, &timeline, &quiz))
        .map_err(|why| said(&text_of(&why)))?
        .as_string()
        .ok_or_else(|| said("the page renderer gave no page"))
}

fn text_of(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| value.dyn_ref::<js_sys::Error>().map(|e| e.message().into()))
        .unwrap_or_else(|| format!("{value:?}"))
}

fn said(why: &str) -> Why {
    format!("the page ahead of the app could not be drawn ({why}) / 无法预先绘制页面（{why}）")
}
