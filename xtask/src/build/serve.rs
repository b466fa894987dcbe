//! `cargo xtask serve`: the built site on http://127.0.0.1:8080, built
//! again whenever a source file changes.
//!
//! It serves `dist/` exactly as a static host would (the prerendered page,
//! the studio, the service worker), every file revalidated on each request,
//! so a rebuild shows on the next reload.

use super::Options;
use crate::cmd;
use crate::setup::tools;
use anyhow::{Result, anyhow};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The address the site is served on.
pub const ADDRESS: &str = "127.0.0.1:8080";

/// What a rebuild follows: the app's code, styles, pages and content.
const WATCHED: [&str; 6] = [
    "src",
    "style",
    "public",
    "index.html",
    "Cargo.toml",
    "Cargo.lock",
];

/// Builds the site, serves it, and builds it again on every change (a
/// failed rebuild keeps the previous site and says why).
pub fn run(env: &tools::Env) -> Result<()> {
    super::run(env, &Options::default())?;
    let dist = env.root().join("dist");
    let server =
        tiny_http::Server::http(ADDRESS).map_err(|e| anyhow!("serving on {ADDRESS}: {e}"))?;
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let _ = answer(&dist, request);
        }
    });
    cmd::step(&format!(
        "serving the site on http://{ADDRESS} (Ctrl-C to stop)"
    ));
    println!("\n    open http://{ADDRESS}\n");
    let root = env.root().to_path_buf();
    let mut seen = newest_change(&root);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = newest_change(&root);
        if now > seen {
            seen = now;
            if let Err(error) = super::run(env, &Options::default()) {
                println!("the rebuild failed, the previous site is still served: {error:#}");
            }
            println!("\n    serving http://{ADDRESS}: reload the page\n");
        }
    }
}

/// Answers one request with the file it names under `dist`.
fn answer(dist: &Path, request: tiny_http::Request) -> std::io::Result<()> {
    let Some(file) = file_for(dist, request.url()) else {
        return request.respond(tiny_http::Response::empty(404));
    };
    let Ok(opened) = std::fs::File::open(&file) else {
        return request.respond(tiny_http::Response::empty(404));
    };
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
    };
    let response = tiny_http::Response::from_file(opened)
        .with_header(header("Content-Type", content_type(&file)))
        .with_header(header("Cache-Control", "no-cache"));
    request.respond(response)
}

/// The file under `dist` that `url` names (`index.html` for a folder), or
/// `None` for a path that leaves it or names nothing.
fn file_for(dist: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decoded(path)?;
    let mut file = dist.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(name) => file.push(name),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// `%E6%B4%BB` and the like, decoded; `None` if not UTF-8.
fn percent_decoded(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The type a static host sends for `file`.
fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "vtt" => "text/vtt",
        _ => "application/octet-stream",
    }
}

/// The latest modification time of any watched file.
fn newest_change(root: &Path) -> SystemTime {
    fn walk(path: &Path, newest: &mut SystemTime) {
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        if let Ok(modified) = meta.modified() {
            *newest = (*newest).max(modified);
        }
        if meta.is_dir()
            && let Ok(entries) = std::fs::read_dir(path)
        {
            for entry in entries.flatten() {
                walk(&entry.path(), newest);
            }
        }
    }
    let mut newest = SystemTime::UNIX_EPOCH;
    for watched in WATCHED {
        walk(&root.join(watched), &mut newest);
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_a_file_inside_the_site_only() {
        let dist = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("studio")).unwrap();
        std::fs::create_dir_all(dist.join("content/照片")).unwrap();
        for file in ["index.html", "studio/index.html", "content/照片/a.jpg"] {
            std::fs::write(dist.join(file), "x").unwrap();
        }
        assert_eq!(file_for(&dist, "/"), Some(dist.join("index.html")));
        assert_eq!(
            file_for(&dist, "/?lang=en#quiz"),
            Some(dist.join("index.html"))
        );
        assert_eq!(
            file_for(&dist, "/studio/"),
            Some(dist.join("studio/index.html"))
        );
        assert_eq!(
            file_for(&dist, "/content/%E7%85%A7%E7%89%87/a.jpg"),
            Some(dist.join("content/照片/a.jpg"))
        );
        assert_eq!(file_for(&dist, "/../Cargo.toml"), None);
        assert_eq!(file_for(&dist, "/missing.js"), None);
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
