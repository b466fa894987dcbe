//! The whole site as one zip for any static host: the built visitor files
//! fetched from the studio's own host (the list the build wrote,
//! `studio/built-files.json`), the new content and its photos, and
//! everything that follows the content rendered again by the build's own
//! code ([`crate::render`]): `index.html`'s page drawn ahead of the app (by
//! the page renderer, [`render_page`]), its link-preview tags and JSON-LD,
//! the studio's record of the content, the web app manifest, the service
//! worker's version and the share card.

use super::page_renderer::render_page;
use super::photo_panel::MadePhoto;
use super::site_files::{Fetched, fetch_bytes};
use crate::content::check::check;
use crate::content::{Site, decode, files};
use crate::render::offline::{manifest_text, shell_of, shell_version, with_version};
use crate::render::share_card::{HEIGHT, WIDTH};
use crate::render::{Content, ShareImage, render_event_page, render_studio_page};
use futures::future::join_all;
use std::collections::BTreeMap;

/// The files of the site, path from its folder to bytes.
type SiteFiles = BTreeMap<String, Vec<u8>>;

/// Each content file's name and text.
pub type Texts = Vec<(&'static str, String)>;

/// Why the zip could not be made: in English, then in Chinese.
pub type Why = String;

/// The site's files for `new` content (each file the studio made; the
/// others as the host has them, `host`) and the photos `made` here.
pub async fn site_files(
    new: &[(&'static str, String)],
    host: &Fetched,
    made: &[MadePhoto],
) -> Result<SiteFiles, Why> {
    let content_files = content_bytes(new, host)?;
    let (content, texts) = parsed(&content_files)?;
    let listed: Vec<String> = serde_json::from_slice(
        &fetch_bytes("studio/built-files.json")
            .await
            .map_err(|why| not_built(&why))?,
    )
    .map_err(|why| not_built(&why.to_string()))?;
    let mut site = fetch_all(listed).await?;
    for (file, bytes) in &content_files {
        site.insert(format!("content/{file}"), bytes.clone());
    }
    for photo in made {
        for (path, bytes) in &photo.files {
            site.insert(format!("content/{path}"), bytes.clone());
        }
    }
    // The photos, videos and recordings the content names that were not
    // made here: as the host has them.
    let report = check(|file| {
        content_files
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| "not made".to_string())
    });
    let named: Vec<String> = report
        .files
        .iter()
        .map(|used| used.src.trim_start_matches("./").to_string())
        .filter(|src| !src.contains("://") && !site.contains_key(src))
        .collect();
    site.extend(fetch_all(named).await?);

    let image = share_image(&content.site, &mut site).await?;
    let borrowed: Vec<(&str, &[u8])> = content_files
        .iter()
        .map(|(f, b)| (*f, b.as_slice()))
        .collect();
    let index = text(&site, "index.html")?;
    let page = render_page(&texts).await?;
    let index = render_event_page(&index, &content.site, &page, &image, &borrowed)
        .map_err(|why| not_built(&why))?;
    site.insert("index.html".into(), index.into_bytes());
    let studio = text(&site, "studio/index.html")?;
    let studio = render_studio_page(&studio, &borrowed).map_err(|why| not_built(&why))?;
    site.insert("studio/index.html".into(), studio.into_bytes());
    site.insert(
        "manifest.webmanifest".into(),
        manifest_text(&content.site).into_bytes(),
    );
    let worker = text(&site, "sw.js")?;
    if let Some(shell) = shell_of(&worker) {
        let kept: Vec<(String, Vec<u8>)> = std::iter::once("index.html".to_string())
            .chain(shell.into_iter().filter(|url| url != "./"))
            .map(|path| {
                let bytes = site.get(&path).cloned().unwrap_or_default();
                (path, bytes)
            })
            .collect();
        if let Some(worker) = with_version(&worker, &shell_version(&kept)) {
            site.insert("sw.js".into(), worker.into_bytes());
        }
    }
    Ok(site)
}

/// The four content files: those made here, the rest as the host has them.
fn content_bytes(
    new: &[(&'static str, String)],
    host: &Fetched,
) -> Result<Vec<(&'static str, Vec<u8>)>, Why> {
    files::ALL
        .iter()
        .map(|&file| {
            if let Some((_, text)) = new.iter().find(|(f, _)| *f == file) {
                return Ok((file, text.clone().into_bytes()));
            }
            match host.iter().find(|(f, _)| *f == file) {
                Some((_, Ok(bytes))) => Ok((file, bytes.clone())),
                _ => Err(format!(
                    "content/{file} is neither made here nor on the site: fill in its sheet / content/{file} 既不在表格中，网站上也没有：请填写它的工作表"
                )),
            }
        })
        .collect()
}

/// The content, each file checked as the build checks it, and each file's
/// text.
fn parsed(content_files: &[(&'static str, Vec<u8>)]) -> Result<(Content, Texts), Why> {
    let mut texts = Vec::new();
    let content = Content::read(|file| {
        let (_, bytes) = content_files
            .iter()
            .find(|(f, _)| *f == file)
            .expect("every content file is there");
        let text = decode(file, bytes)?;
        texts.push((file, text.clone()));
        Ok(text)
    })
    .map_err(|(file, problems)| {
        let first = problems.first().map(ToString::to_string).unwrap_or_default();
        format!(
            "{file} has {} problem(s), so no site was made; the check above lists them ({first}) / {file} 有 {} 个问题，未生成网站；见上方的检查",
            problems.len(),
            problems.len()
        )
    })?;
    Ok((content, texts))
}

/// Each of `paths` from the host, all at once.
async fn fetch_all(paths: Vec<String>) -> Result<SiteFiles, Why> {
    let fetched = join_all(paths.into_iter().map(|path| async move {
        let bytes = fetch_bytes(&path).await;
        (path, bytes)
    }))
    .await;
    fetched
        .into_iter()
        .map(|(path, bytes)| {
            bytes.map(|bytes| (path.clone(), bytes)).map_err(|why| {
                format!("{path} could not be fetched from the site ({why}) / 未能从网站取得 {path}（{why}）")
            })
        })
        .collect()
}

/// The share image the page names: the one `site.json` gives, or the card
/// drawn for this content (`share.png`).
async fn share_image(site: &Site, files: &mut SiteFiles) -> Result<ShareImage, Why> {
    if let Some(path) = &site.share.image {
        let size = files
            .get(path.trim_start_matches("./"))
            .and_then(|bytes| imagesize::blob_size(bytes).ok());
        return Ok(ShareImage {
            path: path.clone(),
            width: size.map(|s| s.width as u32),
            height: size.map(|s| s.height as u32),
        });
    }
    let png = super::share_canvas::share_png(site).await?;
    files.insert("share.png".into(), png);
    Ok(ShareImage {
        path: "share.png".into(),
        width: Some(WIDTH),
        height: Some(HEIGHT),
    })
}

fn text(files: &SiteFiles, path: &str) -> Result<String, Why> {
    files
        .get(path)
        .and_then(|bytes| String::from_utf8(bytes.clone()).ok())
        .ok_or_else(|| not_built(&format!("no {path}")))
}

fn not_built(why: &str) -> Why {
    format!(
        "this studio is not on a site `cargo xtask build` made ({why}), so the built files cannot be fetched / 此工作室不在构建好的网站上（{why}），无法取得网站文件"
    )
}
