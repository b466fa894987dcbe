//! The day's photos, made web-ready in the browser as `cargo xtask photos`
//! makes them: each original is checked against the limits before it is
//! decoded (its size, and its pixels from its header), decoded and turned
//! upright by the browser (EXIF orientation applied), scaled to the copies'
//! widths (each from the one above it) and saved as JPEG and WebP from a canvas, which keeps no metadata
//! (no EXIF, no GPS). One photo at a time, each decoded off the page's
//! thread (`createImageBitmap`), so the page stays responsive; a report line
//! per photo says what became of it. Each photo made is kept in the browser
//! at once (`keep`), and leaving while photos are being made asks first.

use crate::content::Photo;
use crate::content::photo_copies::{
    JPEG_QUALITY, MAX_BYTES, MAX_PIXELS, WEBP_QUALITY, copies_name, copy_file, height_at,
    photo_record, widths_for,
};
use crate::i18n::{ui, words};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A photo made in the studio: its original's name, its record and its
/// copies (file name in `photos/`, bytes).
#[derive(Clone, Debug)]
pub struct MadePhoto {
    pub original: String,
    pub photo: Photo,
    pub files: Vec<(String, Vec<u8>)>,
}

/// What became of one chosen file, in both languages.
#[derive(Clone)]
struct Report {
    made: bool,
    en: String,
    zh: String,
}

/// The panel's state: the photos made, the report lines, which photo of
/// how many is being made, and how many were kept from an earlier visit.
#[derive(Clone, Copy)]
struct Work {
    made: RwSignal<Vec<MadePhoto>>,
    reports: RwSignal<Vec<Report>>,
    progress: RwSignal<Option<(usize, usize)>>,
    kept: RwSignal<usize>,
    waiting: Photos,
}

/// Photos waiting to be made: chosen here, or dropped on an agenda entry.
pub type Photos = RwSignal<Vec<web_sys::File>, LocalStorage>;

impl Work {
    /// Offers back the photos kept from an earlier visit.
    fn offer_kept(self) {
        leptos::task::spawn_local(async move {
            let earlier = super::keep::load().await;
            if !earlier.is_empty() {
                self.kept.set(earlier.len());
                self.made.update(|all| all.extend(earlier));
            }
        });
    }

    /// Forgets every photo, here and in the browser.
    async fn forget(self) {
        super::keep::clear().await;
        self.made.set(Vec::new());
        self.reports.set(Vec::new());
        self.kept.set(0);
    }

    /// Leaving while photos are being made asks first.
    fn ask_before_leaving(self) {
        let progress = self.progress;
        let leaving = window_event_listener(leptos::ev::beforeunload, move |event| {
            if progress.get_untracked().is_some() {
                event.prevent_default();
                event.set_return_value("");
            }
        });
        on_cleanup(move || leaving.remove());
    }

    /// Makes the photos waiting, one after the other, when none is being
    /// made: those added meanwhile join the queue.
    fn make_waiting(self) {
        Effect::new(move |_| {
            self.waiting.track();
            if self.progress.get_untracked().is_none() {
                leptos::task::spawn_local(async move {
                    loop {
                        let files = self
                            .waiting
                            .try_update_untracked(std::mem::take)
                            .unwrap_or_default();
                        if files.is_empty() {
                            break;
                        }
                        self.make_all(files).await;
                    }
                });
            }
        });
    }

    /// Makes `files` one after the other, keeping each photo made.
    async fn make_all(self, files: Vec<web_sys::File>) {
        let total = files.len();
        for (i, file) in files.into_iter().enumerate() {
            self.progress.set(Some((i + 1, total)));
            let report = match make(&file).await {
                Ok(photo) => {
                    let report = made_report(&photo);
                    super::keep::save(&photo).await;
                    self.made.update(|all| {
                        all.retain(|p| p.photo.src != photo.photo.src);
                        all.push(photo);
                    });
                    report
                }
                Err((en, zh)) => Report {
                    made: false,
                    en: format!("{}: {en}", file.name()),
                    zh: format!("{}：{zh}", file.name()),
                },
            };
            self.reports.update(|all| all.push(report));
        }
        self.progress.set(None);
    }
}

/// Chooses photos and makes their copies into `made`, with those put in
/// `waiting` elsewhere (an agenda entry of the form).
#[component]
pub fn PhotoPanel(made: RwSignal<Vec<MadePhoto>>, waiting: Photos) -> impl IntoView {
    let work = Work {
        made,
        reports: RwSignal::new(Vec::new()),
        progress: RwSignal::new(None),
        kept: RwSignal::new(0),
        waiting,
    };
    let Work {
        reports,
        progress,
        kept,
        ..
    } = work;
    work.offer_kept();
    work.ask_before_leaving();
    work.make_waiting();
    let forget = move |_| leptos::task::spawn_local(work.forget());
    let choose = move |event: web_sys::Event| {
        let files = chosen_files(&event);
        if !files.is_empty() {
            waiting.update(|all| all.extend(files));
        }
    };
    let status = move || match progress.get() {
        Some((n, total)) => {
            format!("Making photo {n} of {total}… / 正在处理第 {n} 张，共 {total} 张…")
        }
        None => {
            let n = made.with(Vec::len);
            format!(
                "{n} photo(s) ready for the agenda's 照片 column / 已准备好 {n} 张照片，可写入日程的“照片”列"
            )
        }
    };
    view! {
        <section class="check photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{ui(words::PHOTOS_TITLE)}</h2>
            <p>{ui(words::PHOTOS_INTRO)}</p>
            <p>
                <label for="photo-files">{ui(words::PHOTOS_CHOOSE)}</label>
                <input id="photo-files" type="file" multiple accept="image/jpeg,image/png,image/webp" on:change=choose/>
            </p>
            <p class="check__summary" role="status">{status}</p>
            {move || (kept.get() > 0).then(|| view! {
                <p>
                    {format!(
                        "{} photo(s) made on an earlier visit are kept in this browser / 上次制作的 {} 张照片保存在本浏览器中",
                        kept.get(),
                        kept.get()
                    )}
                    " "
                    <button type="button" on:click=forget>{ui(words::PHOTOS_FORGET)}</button>
                </p>
            })}
            <ul class="check__list">
                {move || reports.get().into_iter().map(|report| {
                    let class = if report.made { "check__item" } else { "check__item check__item--error" };
                    view! {
                        <li class=class>
                            <p lang="en">{report.en}</p>
                            <p lang="zh-CN">{report.zh}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn made_report(photo: &MadePhoto) -> Report {
    let record = &photo.photo;
    let name = record.src.rsplit('/').next().unwrap_or_default();
    let copies = photo.files.len();
    let webp = if record.webp.is_empty() {
        " (this browser cannot write WebP: JPEG only)"
    } else {
        ""
    };
    Report {
        made: true,
        en: format!(
            "{}: {} x {} upright, {copies} copies without EXIF or GPS{webp}; in the agenda write {} (or {name})",
            photo.original, record.width, record.height, photo.original
        ),
        zh: format!(
            "{}：已转正为 {} x {}，生成 {copies} 个副本，不含 EXIF 和 GPS 信息；日程中写 {}（或 {name}）",
            photo.original, record.width, record.height, photo.original
        ),
    }
}

/// The files chosen in a file input.
pub fn chosen_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| files_of(&list))
        .unwrap_or_default();
    input.set_value("");
    files
}

/// Every file of a file list (an input's, or a drop's).
pub fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads the bytes of a chosen file.
pub async fn file_bytes(file: &web_sys::Blob) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

type Why = (String, String);

fn unreadable() -> Why {
    (
        "is not a photo this page can read (JPEG, PNG or WebP), skipped".to_string(),
        "不是可读取的照片（JPEG、PNG 或 WebP），已跳过".to_string(),
    )
}

/// Whether an original is small enough to read at all: 64 MB.
fn within_size(file: &web_sys::File) -> Result<(), Why> {
    let megabytes = file.size() / 1e6;
    if file.size() > MAX_BYTES as f64 {
        return Err((
            format!("{megabytes:.0} MB is larger than the limit of 64 MB, skipped"),
            format!("文件大小 {megabytes:.0} MB，超过 64 MB 的上限，已跳过"),
        ));
    }
    Ok(())
}

/// Whether an original's pixels, as its header gives them, are few enough
/// to decode: 100 megapixels.
fn within_pixels(bytes: &[u8]) -> Result<(), Why> {
    let size = imagesize::blob_size(bytes).map_err(|_| unreadable())?;
    if (size.width as u64) * (size.height as u64) > MAX_PIXELS {
        let (w, h) = (size.width, size.height);
        return Err((
            format!("{w} x {h} pixels is too large (the limit is 100 megapixels), skipped"),
            format!("{w} x {h} 像素过大（上限 1 亿像素），已跳过"),
        ));
    }
    Ok(())
}

/// Makes the copies of one original, or says why not.
async fn make(file: &web_sys::File) -> Result<MadePhoto, Why> {
    within_size(file)?;
    let bytes = file_bytes(file).await.ok_or_else(unreadable)?;
    within_pixels(&bytes)?;
    // Decoded once for its upright size (decoding is off the page's thread).
    let bitmap = decode(file).await.ok_or_else(unreadable)?;
    let upright = (bitmap.width(), bitmap.height());
    bitmap.close();
    let name = copies_name(&file.name(), &bytes);
    drop(bytes);
    let widths = widths_for(upright.0);
    let (files, webp, color) = copies(file, &name, upright, &widths).await?;
    let largest = widths[widths.len() - 1];
    let size = (largest, height_at(largest, upright));
    Ok(MadePhoto {
        original: file.name(),
        photo: photo_record(&name, size, &widths, webp, &color),
        files,
    })
}

/// The photos' worker, in the studio's folder (the page's base is the site).
const WORKER: &str = "studio/photo-worker.js";

/// The copies of `file` (upright size `upright`) at `widths`, named after
/// `name`; whether WebP copies were made; the placeholder colour. The
/// worker (`src/bin/studio/photo-worker.js`) scales, draws and encodes them
/// off the page's thread, each from the one above it (as `cargo xtask
/// photos` does), so no step works on all 12 megapixels but the first.
async fn copies(
    file: &web_sys::File,
    name: &str,
    upright: (u32, u32),
    widths: &[u32],
) -> Result<(Vec<(String, Vec<u8>)>, bool, String), Why> {
    let largest_first: Vec<u32> = widths.iter().rev().copied().collect();
    let sizes = js_sys::Array::new();
    for &w in &largest_first {
        sizes.push(&js_sys::Array::of2(
            &w.into(),
            &height_at(w, upright).into(),
        ));
    }
    let request = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&request, &"file".into(), file);
    let _ = js_sys::Reflect::set(&request, &"sizes".into(), &sizes);
    let quality = |q: f64| JsValue::from(q / 100.0);
    let _ = js_sys::Reflect::set(
        &request,
        &"jpegQuality".into(),
        &quality(f64::from(JPEG_QUALITY)),
    );
    let _ = js_sys::Reflect::set(
        &request,
        &"webpQuality".into(),
        &quality(f64::from(WEBP_QUALITY)),
    );
    let reply = in_worker(&request).await.ok_or_else(unreadable)?;
    let get = |value: &JsValue, key: &str| js_sys::Reflect::get(value, &key.into()).ok();
    let bytes = |value: Option<JsValue>| {
        value
            .filter(|v| v.is_object())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec())
    };
    let made = js_sys::Array::from(&get(&reply, "copies").ok_or_else(unreadable)?);
    if made.length() as usize != largest_first.len() {
        return Err(unreadable());
    }
    let mut files = Vec::new();
    let mut webp = true;
    for (copy, &w) in made.iter().zip(&largest_first) {
        let jpeg = bytes(get(&copy, "jpeg")).ok_or_else(unreadable)?;
        files.push((format!("photos/{}", copy_file(name, w, "jpg")), jpeg));
        // A browser that cannot write WebP gives none: then JPEG alone.
        match bytes(get(&copy, "webp")) {
            Some(bytes) if bytes.starts_with(b"RIFF") => {
                files.push((format!("photos/{}", copy_file(name, w, "webp")), bytes));
            }
            _ => webp = false,
        }
    }
    if !webp {
        files.retain(|(path, _)| !path.ends_with(".webp"));
    }
    let rgb: Vec<u8> = get(&reply, "color")
        .map(|c| {
            js_sys::Array::from(&c)
                .iter()
                .filter_map(|v| v.as_f64())
                .map(|v| v as u8)
                .collect()
        })
        .unwrap_or_default();
    let color = match rgb[..] {
        [r, g, b] => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => "#808080".to_string(),
    };
    Ok((files, webp, color))
}

/// Sends `request` to a photo worker of its own and gives its reply, or
/// `None` if the worker cannot start or says it failed.
async fn in_worker(request: &JsValue) -> Option<JsValue> {
    let worker = web_sys::Worker::new(WORKER).ok()?;
    let replied = js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
    });
    let sent = worker.post_message(request);
    let reply = match sent {
        Ok(()) => JsFuture::from(replied).await.ok(),
        Err(_) => None,
    };
    worker.terminate();
    let data = reply?.dyn_into::<web_sys::MessageEvent>().ok()?.data();
    let failed = js_sys::Reflect::get(&data, &"error".into()).ok()?;
    failed.is_undefined().then_some(data)
}

/// The photo decoded and upright (browsers apply the EXIF orientation).
async fn decode(file: &web_sys::File) -> Option<web_sys::ImageBitmap> {
    bitmap_of(window().create_image_bitmap_with_blob(file)).await
}

/// The bitmap a `createImageBitmap` promise gives.
async fn bitmap_of(promise: Result<js_sys::Promise, JsValue>) -> Option<web_sys::ImageBitmap> {
    JsFuture::from(promise.ok()?).await.ok()?.dyn_into().ok()
}
