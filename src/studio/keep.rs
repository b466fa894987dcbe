//! The studio's work, kept in the browser (IndexedDB): each photo as soon
//! as it is made, and the last spreadsheet imported, so that a reload, a
//! closed tab or a crash loses none of it: the studio offers them back when
//! it opens. One database per site folder (`storage_key::scoped`), so two
//! events on one host keep theirs apart.

use super::photo_panel::MadePhoto;
use crate::content::Photo;
use crate::storage_key;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The photos made, by their largest copy's address.
const PHOTOS: &str = "photos";
/// The last spreadsheet imported, under [`LAST`].
const WORKBOOK: &str = "workbook";
const LAST: &str = "last";
/// The database's version: 2 added [`WORKBOOK`].
const VERSION: u32 = 2;

/// The photos kept from earlier visits, oldest first; none if the browser
/// keeps nothing (private mode) or has none.
pub async fn load() -> Vec<MadePhoto> {
    let Some(store) = store(PHOTOS, web_sys::IdbTransactionMode::Readonly).await else {
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
    if let Some(store) = store(PHOTOS, web_sys::IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.put_with_key(&to_js(photo), &photo.photo.src.as_str().into())
    {
        done(&request).await;
    }
}

/// Forgets every kept photo.
pub async fn clear() {
    if let Some(store) = store(PHOTOS, web_sys::IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.clear()
    {
        done(&request).await;
    }
}

/// The last spreadsheet imported: its file name and bytes.
pub async fn load_workbook() -> Option<(String, Vec<u8>)> {
    let store = store(WORKBOOK, web_sys::IdbTransactionMode::Readonly).await?;
    let value = done(&store.get(&LAST.into()).ok()?).await?;
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).ok();
    let bytes: js_sys::Uint8Array = get("bytes")?.dyn_into().ok()?;
    Some((get("name")?.as_string()?, bytes.to_vec()))
}

/// Keeps `bytes`, the spreadsheet `name`, as the last one imported.
pub async fn save_workbook(name: &str, bytes: &[u8]) {
    let value = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&value, &"name".into(), &name.into());
    let _ = js_sys::Reflect::set(&value, &"bytes".into(), &js_sys::Uint8Array::from(bytes));
    if let Some(store) = store(WORKBOOK, web_sys::IdbTransactionMode::Readwrite).await
        && let Ok(request) = store.put_with_key(&value, &LAST.into())
    {
        done(&request).await;
    }
}

/// Forgets the last spreadsheet imported.
pub async fn forget_workbook() {
    if let Some(store) = store(WORKBOOK, web_sys::IdbTransactionMode::Readwrite).await
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

/// The store `name` in this site's database, opened (its stores made on
/// first use, or when the database is older than [`VERSION`]).
async fn store(name: &str, mode: web_sys::IdbTransactionMode) -> Option<web_sys::IdbObjectStore> {
    let path = web_sys::window()?.location().pathname().ok()?;
    let database = storage_key::scoped(&path, storage_key::STUDIO_PHOTOS);
    let open = web_sys::window()?
        .indexed_db()
        .ok()??
        .open_with_u32(&database, VERSION)
        .ok()?;
    let upgrade = wasm_bindgen::closure::Closure::once(move |event: web_sys::Event| {
        let made = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|db| db.dyn_into::<web_sys::IdbDatabase>().ok());
        if let Some(db) = made {
            // (A store that is already there refuses to be made again.)
            for store in [PHOTOS, WORKBOOK] {
                let _ = db.create_object_store(store);
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: web_sys::IdbDatabase = done(&open).await?.dyn_into().ok()?;
    open.set_onupgradeneeded(None);
    let transaction = db.transaction_with_str_and_mode(name, mode).ok()?;
    transaction.object_store(name).ok()
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
