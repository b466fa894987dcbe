//! The content as a spreadsheet, in the browser: the workbook to download
//! (filled with the site's current content, or empty) and a filled one to
//! read back, with the same code as `cargo xtask sheet`. Every problem is
//! shown at its sheet, row and column; a workbook with none gives the
//! content files to put into the site's `content/`.

use crate::api::content_url;
use crate::content::{Validate, files, load};
use crate::i18n::{ui, words};
use crate::sheet::{Contents, SheetProblem, export_workbook, import_workbook};
use gloo_net::http::Request;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

/// A workbook's MIME type.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What reading a spreadsheet gave.
#[derive(Clone)]
enum Outcome {
    /// Its name, and each file it held: name, text.
    Read(String, Vec<(&'static str, String)>),
    /// Its name, and every problem in it.
    Problems(String, Vec<SheetProblem>),
}

/// Downloads of the workbook, and the import of a filled one.
#[component]
pub fn SheetPanel() -> impl IntoView {
    let current = LocalResource::new(current_contents);
    let outcome = RwSignal::new(None::<Outcome>);
    let download = move |empty: bool| {
        let contents = if empty {
            Contents::default()
        } else {
            current.get().unwrap_or_default()
        };
        if let Ok(book) = export_workbook(&contents) {
            let name = if empty { "template.xlsx" } else { "event.xlsx" };
            offer(&book, XLSX, name);
        }
    };
    let read = move |event: web_sys::Event| {
        let Some(file) = chosen_file(&event) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let Some(bytes) = file_bytes(&file).await else {
                return;
            };
            let base = current.await;
            outcome.set(Some(match import_workbook(&name, &bytes, &base) {
                Ok(imported) => Outcome::Read(name, imported.files()),
                Err(problems) => Outcome::Problems(name, problems),
            }));
        });
    };
    view! {
        <section class="check sheet" aria-labelledby="sheet-title">
            <h2 id="sheet-title">{ui(words::SHEET_TITLE)}</h2>
            <p>{ui(words::SHEET_INTRO)}</p>
            <p class="sheet__actions">
                <button type="button" on:click=move |_| download(false)>
                    {ui(words::SHEET_FILLED)}
                </button>
                <button type="button" on:click=move |_| download(true)>
                    {ui(words::SHEET_EMPTY)}
                </button>
            </p>
            <p>
                <label for="sheet-file">{ui(words::SHEET_IMPORT)}</label>
                <input id="sheet-file" type="file" accept=".xlsx,.xls,.ods,.csv,.tsv,.txt" on:change=read/>
            </p>
            {move || outcome.get().map(|outcome| view! { <OutcomeView outcome/> })}
        </section>
    }
}

#[component]
fn OutcomeView(outcome: Outcome) -> impl IntoView {
    match outcome {
        Outcome::Read(name, texts) => {
            let names: Vec<&str> = texts.iter().map(|(file, _)| *file).collect();
            let summary = format!(
                "{name}: every row is right; it gives {} / 每一行都正确，得到 {}",
                names.join(", "),
                names.join("、")
            );
            view! {
                <p class="check__summary" role="status">{summary}</p>
                <p>{ui(words::SHEET_SAVE_FILES)}</p>
                <ul class="sheet__files">
                    {texts.into_iter().map(|(file, text)| view! { <li><FileLink file text/></li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
        Outcome::Problems(name, problems) => {
            let count = problems.len();
            let summary = format!(
                "{name}: {count} problem(s); no file was made / 表格中有 {count} 个问题，未生成文件"
            );
            view! {
                <p class="check__summary" role="alert">{summary}</p>
                <ol class="check__list">
                    {problems.into_iter().map(|problem| view! {
                        <li class="check__item check__item--error">
                            <p class="check__where"><strong>"Error / 错误"</strong>": "{problem.place()}</p>
                            <p lang="en">{problem.message}</p>
                            <p lang="zh-CN">{problem.message_zh}</p>
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }
    }
}

/// A link that downloads `text` as the file `file`.
#[component]
fn FileLink(file: &'static str, text: String) -> impl IntoView {
    let href = object_url(text.as_bytes(), "application/json").unwrap_or_default();
    view! { <a href=href download=file>{file}</a> }
}

/// The site's content files as they are now, each that loads.
async fn current_contents() -> Contents {
    Contents {
        site: fetch(files::SITE).await,
        story: fetch(files::STORY).await,
        timeline: fetch(files::TIMELINE).await,
        quiz: fetch(files::QUIZ).await,
    }
}

async fn fetch<T: DeserializeOwned + Validate>(file: &'static str) -> Option<T> {
    let response = Request::get(&content_url(file))
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .ok()
        .filter(|response| response.ok())?;
    load(file, &response.text().await.ok()?).ok()
}

/// The file chosen in a file input.
fn chosen_file(event: &web_sys::Event) -> Option<js::File> {
    let input = event.target()?;
    let files = js_sys::Reflect::get(&input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get(&files, &0.into()).ok()?;
    (!file.is_undefined()).then(|| file.unchecked_into())
}

async fn file_bytes(file: &js::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A `blob:` address holding `bytes`.
fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &mime.into()).ok()?;
    let blob = js::Blob::new(&parts, &options).ok()?;
    js::create_object_url(&blob).ok()
}

/// Offers `bytes` as a download named `name`.
fn offer(bytes: &[u8], mime: &str, name: &str) {
    if let Some(url) = object_url(bytes, mime) {
        crate::browser::download(&url, name);
    }
}

/// The few browser file APIs used here, bound directly: web-sys's own
/// `File`, `Blob` and `Url` features would add to the visitor's wasm too,
/// since both pages are built in one go.
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// A file the organiser chose.
        pub type File;
        #[wasm_bindgen(method, getter)]
        pub fn name(this: &File) -> String;
        #[wasm_bindgen(method, js_name = arrayBuffer)]
        pub fn array_buffer(this: &File) -> js_sys::Promise;

        /// Bytes with a type, to download.
        pub type Blob;
        #[wasm_bindgen(constructor, catch)]
        pub fn new(parts: &js_sys::Array, options: &js_sys::Object) -> Result<Blob, JsValue>;

        /// `URL.createObjectURL(blob)`.
        #[wasm_bindgen(catch, js_namespace = URL, js_name = createObjectURL)]
        pub fn create_object_url(blob: &Blob) -> Result<String, JsValue>;
    }
}
