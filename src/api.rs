//! Fetching the content files, with errors that say what went wrong where.

use crate::content::{self, Problem, Validate};
use gloo_net::http::Request;
use leptos::prelude::set_timeout_with_handle;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Why a content file could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The request did not complete (offline, blocked, aborted).
    #[error("{file} could not be downloaded ({message}). Check the connection and try again.")]
    Network { file: String, message: String },
    /// The server answered with an error status.
    #[error("{file} could not be loaded: the server answered {status}{hint}.")]
    Http {
        file: String,
        status: u16,
        hint: &'static str,
    },
    /// The file arrived but its content is wrong.
    #[error("{} has {} problem(s)", file, problems.len())]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
}

/// The URL of a content file, relative to the page (works under any path).
pub fn content_url(file: &str) -> String {
    format!("content/{file}")
}

/// How long a content file may take before the section says so.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Downloads, parses and validates `content/{file}`. The browser always
/// asks the host whether the file changed (`no-cache` revalidates with its
/// ETag or date), so replaced content shows on the next visit. A request
/// that takes longer than [`TIMEOUT`] is abandoned with a clear message.
pub async fn fetch_content<T: DeserializeOwned + Validate>(
    file: &'static str,
) -> Result<T, LoadError> {
    let bytes = download(file).await?;
    if content::check::changed_since_build(&crate::browser::built_from_record(), file, &bytes) {
        CHANGED_SINCE_BUILD.with(|changed| changed.borrow_mut().push(file));
    }
    let invalid = |problems| LoadError::Invalid {
        file: file.into(),
        problems,
    };
    let text = content::decode(file, &bytes).map_err(invalid)?;
    if text.trim_start().starts_with('<') {
        return Err(invalid(vec![html_instead_of_json(file)]));
    }
    content::load(file, &text).map_err(invalid)
}

/// The bytes of `content/{file}`: the studio's text when the page is its
/// preview ([`crate::preview`]), else from the page's early request if it
/// made one, else fetched now.
async fn download(file: &'static str) -> Result<Vec<u8>, LoadError> {
    if let Some(text) = crate::preview::handed_file(file) {
        return Ok(text.into_bytes());
    }
    let early = take_early_request(file);
    let controller = match &early {
        Some((_, controller)) => controller.clone(),
        None => web_sys::AbortController::new()
            .map_err(|_| network_error(file, "the browser cannot fetch".into()))?,
    };
    let deadline = Deadline::start(file, controller.clone());
    let response = match early {
        Some((response, _)) => wasm_bindgen_futures::JsFuture::from(response)
            .await
            .map(|raw| gloo_net::http::Response::from(raw.unchecked_into::<web_sys::Response>()))
            .map_err(|error| {
                js_sys::Reflect::get(&error, &"message".into())
                    .ok()
                    .and_then(|message| message.as_string())
                    .unwrap_or_else(|| "the request failed".into())
            }),
        None => Request::get(&content_url(file))
            .cache(web_sys::RequestCache::NoCache)
            .abort_signal(Some(&controller.signal()))
            .send()
            .await
            .map_err(|error| error.to_string()),
    }
    .map_err(|message| deadline.failed(message))?;
    if !response.ok() {
        let status = response.status();
        let hint = if status == 404 {
            " (not found: is the file in public/content/?)"
        } else {
            ""
        };
        return Err(LoadError::Http {
            file: file.into(),
            status,
            hint,
        });
    }
    let bytes = response.binary().await;
    bytes.map_err(|error| deadline.failed(error.to_string()))
}

fn network_error(file: &str, message: String) -> LoadError {
    LoadError::Network {
        file: file.into(),
        message,
    }
}

/// The [`TIMEOUT`] of one request: it aborts the request when reached,
/// and tells a request that failed for being slow from one that failed
/// otherwise. Dropping it clears the timer.
struct Deadline {
    file: &'static str,
    timed_out: Rc<Cell<bool>>,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

impl Deadline {
    fn start(file: &'static str, controller: web_sys::AbortController) -> Deadline {
        let timed_out = Rc::new(Cell::new(false));
        let flag = timed_out.clone();
        let timer = set_timeout_with_handle(
            move || {
                flag.set(true);
                controller.abort();
            },
            TIMEOUT,
        )
        .ok();
        Deadline {
            file,
            timed_out,
            timer,
        }
    }

    /// The error for a request that failed with `message`.
    fn failed(&self, message: String) -> LoadError {
        if self.timed_out.get() {
            let slow = format!("it took longer than {} seconds", TIMEOUT.as_secs());
            network_error(self.file, slow)
        } else {
            network_error(self.file, message)
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

thread_local! {
    /// The content files that differ from those the page was built from.
    static CHANGED_SINCE_BUILD: std::cell::RefCell<Vec<&'static str>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether any of `files`, as loaded, differs from the file the build made
/// the page from (content replaced on the host without a rebuild).
pub fn changed_since_build(files: &[&str]) -> bool {
    CHANGED_SINCE_BUILD.with(|changed| changed.borrow().iter().any(|file| files.contains(file)))
}

/// The request for `file` that the page's first script started beside the
/// app's code (`xtask/browser/head.js`, as `window.__eventContent[file]`: the
/// response promise and its AbortController), taken so that a retry fetches
/// anew. `None` without that script (`trunk serve`, component tests). The
/// 20 s limit counts from here.
fn take_early_request(file: &str) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    let window: JsValue = web_sys::window()?.into();
    let started = js_sys::Reflect::get(&window, &"__eventContent".into()).ok()?;
    let key = JsValue::from_str(file);
    let request = js_sys::Reflect::get(&started, &key)
        .ok()
        .filter(JsValue::is_object)?;
    js_sys::Reflect::delete_property(started.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    let field = |name: &str| js_sys::Reflect::get(&request, &name.into()).ok();
    Some((
        field("response")?.dyn_into().ok()?,
        field("controller")?.dyn_into().ok()?,
    ))
}

/// What to say when a host answers with a web page (often its own "not
/// found" page, or the site's index.html) instead of the JSON file.
fn html_instead_of_json(file: &str) -> Problem {
    Problem::error(
        file,
        "",
        (1, 1),
        format!(
            "the server sent a web page (HTML) instead of {file}: the file is probably missing from content/ on the host"
        ),
        format!("服务器返回的是网页（HTML），而不是 {file}：主机上的 content/ 里可能缺少这个文件"),
    )
}
