//! The photos made in the studio, kept in the browser (IndexedDB) as soon
//! as each is made, so that a reload, a closed tab or a crash loses none:
//! the studio offers them back when it opens. One database per site folder
//! (`storage_key::scoped`), so two events on one host keep theirs apart.

use super::photo_panel::MadePhoto;
use crate::content::Photo;
use crate::storage_key;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const STORE: &str = "photos";

/// The photos kept from earlier visits, oldest first; none if the browser
/// keeps nothing (private mode) or has none.
pub async fn load() -> Vec<MadePhoto> {
    let Some(store) = store(web_sys::IdbTransactionMode::Readonly).await else {
        return Vec::new();
    };
    let Some(all) = (match store.get_all() {
        Ok(request) => done(&request).await,
        Err(_) => None,
    }) else {
        return Vec::new();
    };
    js_sys::Array::from(&all)
        .iter()
        .filter_map(|item| from_js(&item))
        .collect()
}

/// Keeps `photo` (replacing one of the same copies).
pub async fn save(photo: &MadePhoto) {
    if let Some(store) = store(web_sys::IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.put_with_key(&to_js(photo), &photo.photo.src.as_str().into())
    {
        done(&request).await;
    }
}

/// Forgets every kept photo.
pub async fn clear() {
    if let Some(store) = store(web_sys::IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.clear()
    {
        done(&request).await;
    }
}

fn to_js(photo: &MadePhoto) -> JsValue {
    let value = js_sys::Object::new();
    let files = js_sys::Array::new();
    for (name, bytes) in &photo.files {
        files.push(&js_sys::Array::of2(
            &name.as_str().into(),
            &js_sys::Uint8Array::from(bytes.as_slice()),
        ));
    }
    let record = serde_json::to_string(&photo.photo).unwrap_or_default();
    let _ = js_sys::Reflect::set(&value, &"original".into(), &photo.original.as_str().into());
    let _ = js_sys::Reflect::set(&value, &"record".into(), &record.into());
    let _ = js_sys::Reflect::set(&value, &"files".into(), &files);
    value.into()
}

fn from_js(value: &JsValue) -> Option<MadePhoto> {
    let get = |key: &str| js_sys::Reflect::get(value, &key.into()).ok();
    let record: Photo = serde_json::from_str(&get("record")?.as_string()?).ok()?;
    let files = js_sys::Array::from(&get("files")?)
        .iter()
        .filter_map(|pair| {
            let pair = js_sys::Array::from(&pair);
            let bytes: js_sys::Uint8Array = pair.get(1).dyn_into().ok()?;
            Some((pair.get(0).as_string()?, bytes.to_vec()))
        })
        .collect();
    Some(MadePhoto {
        original: get("original")?.as_string()?,
        photo: record,
        files,
    })
}

/// The photos' store in this site's database, opened (and made on first use).
async fn store(mode: web_sys::IdbTransactionMode) -> Option<web_sys::IdbObjectStore> {
    let path = web_sys::window()?.location().pathname().ok()?;
    let name = storage_key::scoped(&path, storage_key::STUDIO_PHOTOS);
    let open = web_sys::window()?
        .indexed_db()
        .ok()??
        .open_with_u32(&name, 1)
        .ok()?;
    let upgrade = wasm_bindgen::closure::Closure::once(move |event: web_sys::Event| {
        let made = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|db| db.dyn_into::<web_sys::IdbDatabase>().ok());
        if let Some(db) = made {
            let _ = db.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: web_sys::IdbDatabase = done(&open).await?.dyn_into().ok()?;
    open.set_onupgradeneeded(None);
    let transaction = db.transaction_with_str_and_mode(STORE, mode).ok()?;
    transaction.object_store(STORE).ok()
}

/// The result of `request` once it succeeds; `None` if it fails.
async fn done(request: &web_sys::IdbRequest) -> Option<JsValue> {
    let finished = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(finished).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    outcome.ok()?;
    request.result().ok()
}
