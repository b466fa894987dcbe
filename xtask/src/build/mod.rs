//! `cargo xtask build`: the release site, checked first and published whole.
//!
//! The content is checked before anything is built; the site is built into a
//! fresh folder and moved into place only when every step has succeeded, so
//! a failed or interrupted build leaves the previous `dist/` as it was.

pub mod bundle;
pub mod csp;
pub mod deploy;
pub mod prerender;
pub mod pwa;
pub mod serve;
pub mod share_image;

use crate::setup::tools;
use crate::{check, cmd, size};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// What `cargo xtask build` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The content folder to build with (default `public/content`).
    pub content: Option<PathBuf>,
    /// Where the finished site goes (default `dist/`).
    pub out: Option<PathBuf>,
    /// Whether the site works offline; `false` writes a `sw.js` that undoes
    /// a previous build's offline support (the kill switch).
    pub offline: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            content: None,
            out: None,
            offline: true,
        }
    }
}

/// The event page's template, built into the site's folder.
pub const EVENT_PAGE: &str = "index.html";

/// The studio's page, built into `studio/` of the site.
pub const STUDIO_PAGE: &str = "src/bin/studio/index.html";

/// The built site's pages, by their folder in it: the event page, then the
/// organisers' studio. Each folder holds an `index.html` and its own hashed
/// JS, wasm and CSS.
pub const PAGE_FOLDERS: [&str; 2] = ["", "studio/"];

/// Checks the content, builds the site and publishes it.
pub fn run(env: &tools::Env, options: &Options) -> Result<()> {
    let root = env.root();
    let content = options
        .content
        .clone()
        .unwrap_or_else(|| root.join("public/content"));
    cmd::step(&format!("check the content in {}", content.display()));
    check::run(&content).context("the site was not built: fix the content first")?;

    let staging = root.join("target/dist-building");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    cmd::step("build the event page and the organisers' studio");
    let event = bundle::Template::read(&root.join(EVENT_PAGE))?;
    let studio = bundle::Template::read(&root.join(STUDIO_PAGE))?;
    bundle::compile(env, &[&event, &studio])?;
    // Relative URLs, so the site works in any folder of any host.
    let app = event.write(env, &staging, "./", bundle::Start::Deferred)?;
    // The studio's assets' addresses are relative to the site's folder: the
    // page says `<base href="../">`, so that `content/…` means what it
    // means there.
    studio.write(
        env,
        &staging.join(PAGE_FOLDERS[1]),
        "./studio/",
        bundle::Start::Module,
    )?;
    if options.content.is_some() {
        let built = staging.join("content");
        std::fs::remove_dir_all(&built)?;
        copy_dir(&content, &built)?;
    }
    finish(&staging, &app, options)?;
    let out = options.out.clone().unwrap_or_else(|| root.join("dist"));
    publish(&staging, &out)?;
    println!("the site is in {}", out.display());
    Ok(())
}

/// The steps after the pages are built, on the folder `dist`: the prerendered page,
/// its policy, the share image, icons, manifest, service worker,
/// precompressed files and deploy headers.
fn finish(dist: &Path, app: &bundle::App, options: &Options) -> Result<()> {
    let index = dist.join("index.html");
    cmd::step("render the event into index.html; share image, icons, manifest, service worker");
    let content = prerender::load_content(&dist.join("content"))?;
    let image = match &content.site.share.image {
        Some(path) => {
            let size = image::image_dimensions(dist.join(path)).ok();
            prerender::ShareImage {
                path: path.clone(),
                width: size.map(|s| s.0),
                height: size.map(|s| s.1),
            }
        }
        None => {
            share_image::write(&content.site, &dist.join("share.png"))?;
            prerender::ShareImage {
                path: "share.png".into(),
                width: Some(share_image::WIDTH),
                height: Some(share_image::HEIGHT),
            }
        }
    };
    prerender::apply(&index, app, &content, &image, options.offline)?;
    prerender::mark_studio(
        &dist.join(PAGE_FOLDERS[1]).join("index.html"),
        &dist.join("content"),
    )?;
    for folder in PAGE_FOLDERS {
        csp::apply(&dist.join(folder).join("index.html"))?;
    }
    pwa::write(dist, &content.site, options.offline)?;
    for folder in PAGE_FOLDERS {
        size::precompress_hashed(&dist.join(folder))?;
    }
    std::fs::write(
        dist.join("_headers"),
        deploy::netlify_headers(&deploy::built_header_policy(dist)?, &hashed_files(dist)?),
    )?;
    std::fs::write(
        dist.join(BUILT_FILES),
        serde_json::to_string_pretty(&site_files(dist)?)?,
    )?;
    Ok(())
}

/// The list of the built site's files (outside `content/`) that the
/// studio fetches for its whole-site zip.
const BUILT_FILES: &str = "studio/built-files.json";

/// Every file of the site `dist` (paths from its folder, `/` between
/// folders), but its content: the studio puts in its own.
fn site_files(dist: &Path) -> Result<Vec<String>> {
    fn walk(dir: &Path, dist: &Path, out: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let relative = path
                .strip_prefix(dist)?
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_dir() {
                if relative != "content" {
                    walk(&path, dist, out)?;
                }
            } else if relative != BUILT_FILES {
                out.push(relative);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dist, dist, &mut files)?;
    files.sort();
    Ok(files)
}

/// The paths (from the site's folder) of the files in `dist` and its
/// `studio/` whose names carry a content hash.
fn hashed_files(dist: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for folder in PAGE_FOLDERS {
        names.extend(
            std::fs::read_dir(dist.join(folder))?
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| size::is_hashed(name))
                .map(|name| format!("{folder}{name}")),
        );
    }
    names.sort();
    Ok(names)
}

/// Moves the finished site `staging` to `out`, replacing what was there
/// only now that the whole site is ready.
pub fn publish(staging: &Path, out: &Path) -> Result<()> {
    let previous = staging.with_file_name("dist-previous");
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    if out.exists() {
        rename(out, &previous)?;
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    rename(staging, out)?;
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    Ok(())
}

/// A rename, or a copy where the two folders are on different disks.
fn rename(from: &Path, to: &Path) -> Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    copy_dir(from, to)?;
    std::fs::remove_dir_all(from)
        .with_context(|| format!("removing {} after copying it", from.display()))
}

/// Copies the folder `from` (recursively) to `to`.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// A digest of every file's path and bytes under `dir`.
pub fn digest(dir: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    fn walk(dir: &Path, base: &Path, hash: &mut Sha256) -> Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            hash.update(path.strip_prefix(base)?.to_string_lossy().as_bytes());
            if entry.file_type()?.is_dir() {
                walk(&path, base, hash)?;
            } else {
                hash.update(std::fs::read(&path)?);
            }
        }
        Ok(())
    }
    let mut hash = Sha256::new();
    walk(dir, dir, &mut hash)?;
    Ok(format!("{:x}", hash.finalize()))
}

/// For `cargo xtask test`, with `dist/` freshly built: a build with broken
/// content, and a build killed half-way, each leave `dist/` byte for byte
/// as it was. Returns how many checks passed.
pub fn check_dist_survives(env: &tools::Env) -> Result<u64> {
    let root = env.root();
    let dist = root.join("dist");
    let before = digest(&dist)?;

    cmd::step("a build with broken content stops before touching dist/");
    let broken = root.join("target/e2e/broken-content");
    if broken.exists() {
        std::fs::remove_dir_all(&broken)?;
    }
    copy_dir(&root.join("public/content"), &broken)?;
    std::fs::write(broken.join("site.json"), "{\"title\": ")?;
    let options = Options {
        content: Some(broken),
        ..Options::default()
    };
    let error = match run(env, &options) {
        Ok(()) => bail!("the build accepted a site.json that is not JSON"),
        Err(error) => format!("{error:#}"),
    };
    if !error.contains("fix the content first") {
        bail!("the build failed, but not at the content check: {error}");
    }
    if digest(&dist)? != before {
        bail!("a build with broken content changed dist/");
    }

    cmd::step("a build killed half-way leaves dist/ as it was");
    kill_a_build_half_way(root)?;
    if digest(&dist)? != before {
        bail!("a build killed half-way changed dist/");
    }
    println!("  dist/ is unchanged after both");
    Ok(2)
}

/// Starts `cargo xtask build` and, once it has begun writing the new
/// site, kills it and every process it started (found in `/proc`, each
/// killed by its own id: nothing outside that build is touched).
fn kill_a_build_half_way(root: &Path) -> Result<()> {
    let staging = root.join("target/dist-building");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let mut child = std::process::Command::new(std::env::current_exe()?)
        .arg("build")
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .spawn()?;
    let started = std::time::Instant::now();
    while !staging.exists() && started.elapsed() < std::time::Duration::from_secs(300) {
        if child.try_wait()?.is_some() {
            bail!("the build ended before it could be interrupted");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let pids = with_descendants(child.id());
    println!("  killing the build: {} processes", pids.len());
    for pid in pids {
        // SAFETY: kill(2) with a positive pid of a process this build started.
        unsafe {
            libc::kill(pid as libc::pid_t, libc::SIGKILL);
        }
    }
    child.wait()?;
    Ok(())
}

/// `pid` and every process below it, from the parent ids in `/proc`.
fn with_descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let id: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{id}/stat")).ok()?;
            // The parent id is the second field after the command's ")".
            let parent = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((id, parent))
        })
        .collect();
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(id, _)| *id),
        );
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-build-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn publishing_replaces_the_old_site_whole() {
        let dir = temp("publish");
        let (staging, out) = (dir.join("dist-building"), dir.join("dist"));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.txt"), "old").unwrap();
        std::fs::create_dir_all(staging.join("content")).unwrap();
        std::fs::write(staging.join("content/site.json"), "{}").unwrap();
        publish(&staging, &out).unwrap();
        assert!(!out.join("old.txt").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("content/site.json")).unwrap(),
            "{}"
        );
        assert!(!staging.exists() && !dir.join("dist-previous").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_process_and_its_children_are_found() {
        let mut child = std::process::Command::new("sh")
            .args(["-c", "sleep 30 & sleep 30 & wait"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        let pids = with_descendants(child.id());
        assert_eq!(pids[0], child.id());
        assert!(pids.len() >= 3, "{pids:?}");
        assert!(!pids.contains(&std::process::id()));
        for pid in pids {
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGKILL);
            }
        }
        child.wait().unwrap();
    }
}
