//! The site's content files as the host serves them now, fetched once for
//! the whole studio: the check and the spreadsheet read the same bytes.

use crate::api::content_url;
use crate::content::files;
use futures::future::join_all;
use gloo_net::http::Request;
use leptos::prelude::*;

/// Each content file (`files::ALL`, in that order): its bytes, or why the
/// host did not give them.
pub type Fetched = Vec<(&'static str, Result<Vec<u8>, String>)>;

/// The four files, requested when the studio opens.
pub type SiteFiles = LocalResource<Fetched>;

/// Starts the requests for the site's content files.
pub fn site_files() -> SiteFiles {
    LocalResource::new(|| {
        join_all(
            files::ALL.map(|file| async move { (file, fetch_bytes(&content_url(file)).await) }),
        )
    })
}

/// The file at `url` (from the site's folder) as the host serves it now
/// (the browser revalidates).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    response.binary().await.map_err(|e| e.to_string())
}
