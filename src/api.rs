//! Fetching the content files, with errors that say what went wrong where.

use crate::content::{self, Problem, Validate};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;

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

/// Downloads, parses and validates `content/{file}`. The browser always
/// asks the host whether the file changed (`no-cache` revalidates with its
/// ETag or date), so replaced content shows on the next visit.
pub async fn fetch_content<T: DeserializeOwned + Validate>(
    file: &'static str,
) -> Result<T, LoadError> {
    let response = Request::get(&content_url(file))
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|error| LoadError::Network {
            file: file.into(),
            message: error.to_string(),
        })?;
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
    let text = response.text().await.map_err(|error| LoadError::Network {
        file: file.into(),
        message: error.to_string(),
    })?;
    content::load(file, &text).map_err(|problems| LoadError::Invalid {
        file: file.into(),
        problems,
    })
}
