//! The content as a spreadsheet, in the browser: the workbook to download
//! (filled with the site's current content, or empty) and a filled one to
//! read back, with the same code as `cargo xtask sheet`. Every problem is
//! shown at its sheet, row and column; a workbook with none gives the
//! content files to put into the site's `content/`, one by one or as one
//! zip with the photos made on the page.

use super::form_panel::{Edit, FormPanel, FormState};
use super::package::zip_files;
use super::photo_panel::{MadePhoto, Photos, file_bytes};
use super::preview_panel::PreviewPanel;
use super::site_files::{Fetched, SiteFiles};
use crate::content::{Validate, decode, files, load};
use crate::i18n::{ui, words};
use crate::sheet::{
    Contents, NewPhoto, SheetProblem, export_workbook, import_grids, read_grids, write_grids,
};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// A workbook's MIME type.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What reading a spreadsheet gave.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// Its name, and each file it held: name, text.
    Read(String, Vec<(&'static str, String)>),
    /// Its name, and every problem in it.
    Problems(String, Vec<SheetProblem>),
}

/// A spreadsheet chosen for import.
#[derive(Clone)]
struct Workbook {
    name: String,
    bytes: Vec<u8>,
    /// Kept from an earlier visit (see [`super::keep`]).
    earlier: bool,
}

/// Whether the edits made in the form are kept in the browser yet.
#[derive(Clone, Copy, PartialEq)]
enum Saving {
    /// Nothing edited since the workbook was read.
    Untouched,
    /// Edited, not kept yet.
    Pending,
    /// Every edit kept.
    Kept,
}

/// How long typing pauses before the workbook is kept.
const KEEP_AFTER_MS: u64 = 500;

/// Downloads of the workbook, the import of a filled one, and the form to
/// edit it in place. The workbook is kept in the browser after every edit
/// and read again after a reload, and again whenever a photo is made (the
/// agenda may name it).
#[component]
pub fn SheetPanel(
    site_files: SiteFiles,
    made: RwSignal<Vec<MadePhoto>>,
    waiting: Photos,
) -> impl IntoView {
    let current = LocalResource::new(move || async move { current_contents(&site_files.await) });
    let workbook = RwSignal::new(None::<Workbook>);
    leptos::task::spawn_local(async move {
        if let Some((name, bytes)) = super::keep::load_workbook().await
            && workbook.get_untracked().is_none()
        {
            workbook.set(Some(Workbook {
                name,
                bytes,
                earlier: true,
            }));
        }
    });
    // The form of the workbook chosen, or the reason it cannot be read.
    // Its signals belong to the panel, not to the effect that makes them.
    let form = RwSignal::new(None::<FormState>);
    let unreadable = RwSignal::new(None::<Outcome>);
    let owner = Owner::current().expect("a component has an owner");
    Effect::new(move |_| {
        let read = workbook.with(|chosen| {
            chosen.as_ref().map(|chosen| {
                read_grids(&chosen.name, &chosen.bytes)
                    .map(|grids| owner.with(|| FormState::new(chosen.name.clone(), &grids)))
                    .map_err(|problem| Outcome::Problems(chosen.name.clone(), vec![*problem]))
            })
        });
        match read {
            Some(Ok(state)) => {
                form.set(Some(state));
                unreadable.set(None);
            }
            Some(Err(outcome)) => {
                form.set(None);
                unreadable.set(Some(outcome));
            }
            None => {
                form.set(None);
                unreadable.set(None);
            }
        }
    });
    let base = Memo::new(move |_| {
        let mut base = current.get()?;
        base.new_photos = made.with(|all| {
            all.iter()
                .map(|m| NewPhoto {
                    original: m.original.clone(),
                    photo: m.photo.clone(),
                })
                .collect()
        });
        Some(base)
    });
    // The import's problems, found again as each key is typed.
    let problems = Memo::new(move |_| {
        let Some(base) = base.get() else {
            return Vec::new();
        };
        form.with(|form| {
            form.as_ref()
                .and_then(|form| import_grids(&form.name, &form.grids(), &base).err())
                .unwrap_or_default()
        })
    });
    // The outcome shown below the form (the files, the zip, the preview):
    // read again when a change is made, not at every key.
    let revision = RwSignal::new(0_u32);
    let shown = Memo::new(move |_| {
        revision.track();
        if let Some(outcome) = unreadable.get() {
            return Some(outcome);
        }
        let base = base.get()?;
        form.with(|form| {
            let form = form.as_ref()?;
            let grids = untrack(|| form.grids());
            Some(match import_grids(&form.name, &grids, &base) {
                Ok(imported) => Outcome::Read(form.name.clone(), imported.files()),
                Err(problems) => Outcome::Problems(form.name.clone(), problems),
            })
        })
    });
    let saving = RwSignal::new(Saving::Untouched);
    let edits = RwSignal::new(0_u64);
    let keep_now = move || {
        let edit = edits.get_untracked();
        let Some((name, grids)) = form.with_untracked(|form| {
            form.as_ref()
                .map(|form| (kept_name(&form.name), untrack(|| form.grids())))
        }) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = write_grids(&grids) {
                super::keep::save_workbook(&name, &bytes).await;
                if edits.get_untracked() == edit {
                    saving.set(Saving::Kept);
                }
            }
        });
    };
    let on_edit = Callback::new(move |edit: Edit| {
        saving.set(Saving::Pending);
        edits.update(|count| *count += 1);
        match edit {
            Edit::Typed => {
                let edit = edits.get_untracked();
                set_timeout(
                    move || {
                        if edits.get_untracked() == edit {
                            keep_now();
                        }
                    },
                    std::time::Duration::from_millis(KEEP_AFTER_MS),
                );
            }
            Edit::Changed => {
                revision.update(|count| *count += 1);
                keep_now();
            }
        }
    });
    let on_photos = Callback::new(move |files: Vec<web_sys::File>| {
        waiting.update(|all| all.extend(files));
    });
    let leaving = window_event_listener(leptos::ev::beforeunload, move |event| {
        if saving.get_untracked() == Saving::Pending {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    on_cleanup(move || leaving.remove());
    let start = move |empty: bool| {
        let replacing = form.with_untracked(Option::is_some);
        if replacing && !confirmed(words::FORM_REPLACE) {
            return;
        }
        let contents = if empty {
            Contents::default()
        } else {
            current.get_untracked().unwrap_or_default()
        };
        let Ok(bytes) = export_workbook(&contents) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = "event.xlsx".to_string();
            super::keep::save_workbook(&name, &bytes).await;
            saving.set(Saving::Untouched);
            workbook.set(Some(Workbook {
                name,
                bytes,
                earlier: false,
            }));
        });
    };
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
        let Some(file) = super::photo_panel::chosen_files(&event).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let Some(bytes) = file_bytes(&file).await else {
                return;
            };
            super::keep::save_workbook(&name, &bytes).await;
            saving.set(Saving::Untouched);
            workbook.set(Some(Workbook {
                name,
                bytes,
                earlier: false,
            }));
        });
    };
    let forget = move |_| {
        leptos::task::spawn_local(async move {
            super::keep::forget_workbook().await;
            saving.set(Saving::Untouched);
            workbook.set(None);
        });
    };
    let saved = move || match saving.get() {
        Saving::Untouched => None,
        Saving::Pending => Some(ui(words::FORM_UNSAVED)),
        Saving::Kept => Some(ui(words::FORM_SAVED)),
    };
    view! {
        <section class="check sheet" aria-labelledby="sheet-title">
            <h2 id="sheet-title">{ui(words::SHEET_TITLE)}</h2>
            <p>{ui(words::SHEET_INTRO)}</p>
            // Ready once the site's content has arrived: never an empty
            // workbook under the filled one's name.
            <FilledOrEmpty
                filled=words::SHEET_FILLED
                empty=words::SHEET_EMPTY
                ready=Signal::derive(move || current.get().is_some())
                choose=Callback::new(download)
            />
            <p>
                <label for="sheet-file">{ui(words::SHEET_IMPORT)}</label>
                <input id="sheet-file" type="file" accept=".xlsx,.xls,.ods,.csv,.tsv,.txt" on:change=read/>
            </p>
            <section class="form__panel" aria-labelledby="form-title">
                <h3 id="form-title">{ui(words::FORM_TITLE)}</h3>
                <p>{ui(words::FORM_INTRO)}</p>
                <FilledOrEmpty
                    filled=words::FORM_START_SITE
                    empty=words::FORM_START_EMPTY
                    ready=Signal::derive(move || current.get().is_some())
                    choose=Callback::new(start)
                />
                {move || workbook.with(|chosen| chosen.as_ref().map(|chosen| view! {
                    <p class="sheet__kept">
                        {chosen.earlier.then(|| format!(
                            "{name}, imported on an earlier visit, is kept in this browser / 上次导入的 {name} 保存在本浏览器中 ",
                            name = chosen.name
                        ))}
                        <button type="button" on:click=forget>{ui(words::SHEET_FORGET)}</button>
                    </p>
                }))}
                <p class="form__saved" aria-live="polite">{saved}</p>
                {move || form.get().map(|form| view! { <FormPanel form problems=problems.into() on_edit on_photos/> })}
            </section>
            {move || shown.get().map(|outcome| view! { <OutcomeView outcome made site_files/> })}
        </section>
    }
}

/// The name a workbook edited here is kept under: an `.xlsx` whatever it
/// was read from (a CSV becomes a workbook of one sheet).
fn kept_name(name: &str) -> String {
    if name.to_lowercase().ends_with(".xlsx") {
        return name.to_string();
    }
    let stem = std::path::Path::new(name)
        .file_stem()
        .map_or("event".into(), |stem| stem.to_string_lossy().into_owned());
    format!("{stem}.xlsx")
}

/// Whether the person says yes to `question`.
fn confirmed(question: crate::i18n::Ui) -> bool {
    let lang = untrack(|| crate::i18n::use_lang().get());
    window()
        .confirm_with_message(question.get(lang))
        .unwrap_or(false)
}

#[component]
fn OutcomeView(
    outcome: Outcome,
    made: RwSignal<Vec<MadePhoto>>,
    site_files: SiteFiles,
) -> impl IntoView {
    match outcome {
        Outcome::Read(name, texts) => {
            let names: Vec<&str> = texts.iter().map(|(file, _)| *file).collect();
            let summary = format!(
                "{name}: every row is right; it gives {} / 每一行都正确，得到 {}",
                names.join(", "),
                names.join("、")
            );
            let zip = {
                let texts = texts.clone();
                move |_| {
                    let mut files: Vec<(String, Vec<u8>)> = texts
                        .iter()
                        .map(|(file, text)| (file.to_string(), text.clone().into_bytes()))
                        .collect();
                    made.with_untracked(|all| {
                        files.extend(all.iter().flat_map(|m| m.files.clone()))
                    });
                    if let Ok(bytes) = zip_files(&files) {
                        offer(&bytes, "application/zip", "content.zip");
                    }
                }
            };
            view! {
                <p class="check__summary" role="status">{summary}</p>
                <p>
                    <button type="button" on:click=zip>{ui(words::SHEET_ZIP)}</button>
                </p>
                <SiteZip texts=texts.clone() made site_files/>
                <p>{ui(words::SHEET_SAVE_FILES)}</p>
                <ul class="sheet__files">
                    {texts.iter().cloned().map(|(file, text)| view! { <li><FileLink file text/></li> }).collect_view()}
                </ul>
                <PreviewPanel files=texts/>
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

/// Two buttons: one from the site's content (enabled once it is `ready`),
/// one from nothing; `choose` is told `true` for the empty one.
#[component]
fn FilledOrEmpty(
    filled: crate::i18n::Ui,
    empty: crate::i18n::Ui,
    ready: Signal<bool>,
    choose: Callback<bool>,
) -> impl IntoView {
    view! {
        <p class="sheet__actions">
            <button type="button" disabled=move || !ready.get() on:click=move |_| choose.run(false)>
                {ui(filled)}
            </button>
            <button type="button" on:click=move |_| choose.run(true)>
                {ui(empty)}
            </button>
        </p>
    }
}

/// The button that makes the whole site as `site.zip`, and what became of
/// it (fetching the built files takes a moment on a slow network).
#[component]
fn SiteZip(
    texts: Vec<(&'static str, String)>,
    made: RwSignal<Vec<MadePhoto>>,
    site_files: SiteFiles,
) -> impl IntoView {
    let status = RwSignal::new(ZipStatus::NotAsked);
    let texts = std::rc::Rc::new(texts);
    let making = move || status.get() == ZipStatus::Making;
    let make = move |_| {
        if untrack(making) {
            return;
        }
        let texts = texts.clone();
        status.set(ZipStatus::Making);
        leptos::task::spawn_local(async move {
            let host = site_files.await;
            let made = made.get_untracked();
            let zipped = super::site_zip::site_files(&texts, &host, &made)
                .await
                .and_then(|files| {
                    zip_files(&files.into_iter().collect::<Vec<_>>()).map_err(|e| e.to_string())
                });
            status.set(match zipped {
                Ok(bytes) => {
                    offer(&bytes, "application/zip", "site.zip");
                    ZipStatus::Ready
                }
                Err(why) => ZipStatus::Failed(why),
            });
        });
    };
    view! {
        <p>
            <button type="button" on:click=make aria-disabled=move || making().then_some("true")>
                {ui(words::SITE_ZIP)}
            </button>
        </p>
        <p class="sheet__site-zip" aria-live="polite">
            {move || match status.get() {
                ZipStatus::NotAsked => None,
                ZipStatus::Making => Some(ui(words::SITE_ZIP_MAKING).into_any()),
                ZipStatus::Ready => Some(ui(words::SITE_ZIP_READY).into_any()),
                ZipStatus::Failed(why) => Some(view! { <strong>{why}</strong> }.into_any()),
            }}
        </p>
    }
}

/// What became of the last request for `site.zip`.
#[derive(Clone, PartialEq)]
enum ZipStatus {
    NotAsked,
    Making,
    Ready,
    /// Why it could not be made, in both languages.
    Failed(String),
}

/// A link that downloads `text` as the file `file`.
#[component]
fn FileLink(file: &'static str, text: String) -> impl IntoView {
    let href = object_url(text.as_bytes(), "application/json").unwrap_or_default();
    view! { <a href=href download=file>{file}</a> }
}

/// The site's content files as they are now, each that loads.
fn current_contents(texts: &Fetched) -> Contents {
    Contents {
        site: parsed(texts, files::SITE),
        story: parsed(texts, files::STORY),
        timeline: parsed(texts, files::TIMELINE),
        quiz: parsed(texts, files::QUIZ),
        new_photos: Vec::new(),
    }
}

/// The file `file` of `texts`, if it loads.
fn parsed<T: DeserializeOwned + Validate>(texts: &Fetched, file: &'static str) -> Option<T> {
    let (_, bytes) = texts.iter().find(|(f, _)| *f == file)?;
    load(file, &decode(file, bytes.as_ref().ok()?).ok()?).ok()
}

/// A `blob:` address holding `bytes`.
fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Offers `bytes` as a download named `name`.
fn offer(bytes: &[u8], mime: &str, name: &str) {
    if let Some(url) = object_url(bytes, mime) {
        crate::browser::download(&url, name);
    }
}
