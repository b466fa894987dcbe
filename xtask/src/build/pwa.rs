//! What makes the site installable and usable offline: the web app
//! manifest, its icons (a gold star on the site's red, drawn here), and the
//! service worker with the list of files to keep (`sw.js`).

use anyhow::Result;
use event_microsite::content::Site;
use image::{Rgba, RgbaImage};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const RED: [u8; 4] = [0x8e, 0x1b, 0x1b, 0xff];
const GOLD: [u8; 4] = [0xe0, 0xa5, 0x26, 0xff];
pub const THEME_COLOUR: &str = "#8e1b1b";
const BACKGROUND_COLOUR: &str = "#fffaf2";

/// The icon as SVG (browsers' tabs and bookmarks).
const ICON_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#8e1b1b"/><polygon fill="#e0a526" points="50,16 58.2,38.7 82.3,39.5 63.3,54.3 70,77.5 50,64 30,77.5 36.7,54.3 17.7,39.5 41.8,38.7"/></svg>
"##;

/// The icon as a `data:` address, for the page's `<link rel="icon">`: no
/// request competes with the first paint.
pub fn icon_data_url() -> String {
    let svg = ICON_SVG
        .trim()
        .replace('"', "'")
        .replace('%', "%25")
        .replace('#', "%23")
        .replace('<', "%3C")
        .replace('>', "%3E");
    format!("data:image/svg+xml,{svg}")
}

/// Writes the icons, `manifest.webmanifest` and `sw.js` into `dist`; without
/// `offline`, `sw.js` is the worker that undoes offline support.
pub fn write(dist: &Path, site: &Site, offline: bool) -> Result<()> {
    std::fs::write(dist.join("icon.svg"), ICON_SVG)?;
    // (file, size, star radius as a share of the size): maskable icons
    // keep their picture inside the middle 80 %.
    for (file, size, radius) in [
        ("icon-192.png", 192, 0.36),
        ("icon-512.png", 512, 0.36),
        ("icon-maskable-512.png", 512, 0.28),
        ("apple-touch-icon.png", 180, 0.34),
    ] {
        star_icon(size, radius).save(dist.join(file))?;
    }
    std::fs::write(
        dist.join("manifest.webmanifest"),
        serde_json::to_string_pretty(&manifest(site))?,
    )?;
    if offline {
        write_service_worker(dist)
    } else {
        Ok(std::fs::write(dist.join("sw.js"), KILL_SWITCH)?)
    }
}

/// The service worker of `--no-offline`: deletes this site's caches,
/// unregisters itself and reloads the open pages.
pub const KILL_SWITCH: &str = include_str!("../../browser/sw-off.js");

/// The manifest: names from `site.json`, the site's colours, the icons.
pub fn manifest(site: &Site) -> serde_json::Value {
    let icon = |src: &str, sizes: &str, kind: &str, purpose: &str| serde_json::json!({ "src": src, "sizes": sizes, "type": kind, "purpose": purpose });
    serde_json::json!({
        "name": site.title.zh,
        "short_name": site
            .short_title
            .clone()
            .unwrap_or_else(|| short_name(&site.title.zh)),
        "description": site.share_description().zh,
        "lang": "zh-CN",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND_COLOUR,
        "theme_color": THEME_COLOUR,
        "icons": [
            icon("icon-192.png", "192x192", "image/png", "any"),
            icon("icon-512.png", "512x512", "image/png", "any"),
            icon("icon-maskable-512.png", "512x512", "image/png", "maskable"),
            icon("icon.svg", "any", "image/svg+xml", "any"),
        ],
    })
}

/// The home-screen label: the title up to its first break, at most 12
/// characters.
/// The home-screen name when `site.json` gives no `short_title`: the
/// title's first phrase, whole (a phone shortens a long one with an
/// ellipsis, rather than the build cutting a word in two).
fn short_name(title: &str) -> String {
    title
        .split(|c: char| c.is_whitespace() || "·:：，,、;；|｜—暨".contains(c))
        .find(|part| !part.is_empty())
        .unwrap_or(title)
        .to_string()
}

/// A five-pointed gold star on red, anti-aliased by 4x4 supersampling.
fn star_icon(size: u32, radius: f32) -> RgbaImage {
    let centre = size as f32 / 2.0;
    let outer = size as f32 * radius;
    let inner = outer * 0.382;
    let points: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let r = if i % 2 == 0 { outer } else { inner };
            let angle = std::f32::consts::PI * (i as f32 / 5.0 - 0.5);
            (centre + r * angle.cos(), centre * 1.04 + r * angle.sin())
        })
        .collect();
    RgbaImage::from_fn(size, size, |x, y| {
        let inside = (0..16)
            .filter(|s| {
                let px = x as f32 + (s % 4) as f32 / 4.0 + 0.125;
                let py = y as f32 + (s / 4) as f32 / 4.0 + 0.125;
                contains(&points, px, py)
            })
            .count() as f32
            / 16.0;
        Rgba(std::array::from_fn(|i| {
            (RED[i] as f32 + (GOLD[i] as f32 - RED[i] as f32) * inside) as u8
        }))
    })
}

/// Even-odd point-in-polygon test.
fn contains(polygon: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = polygon.len() - 1;
    for i in 0..polygon.len() {
        let ((xi, yi), (xj, yj)) = (polygon[i], polygon[j]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// The files a revisit without network needs: the page, every script,
/// wasm and stylesheet the build wrote, the icons and manifest, and the content
/// files (photos are kept as they are seen).
fn shell_files(dist: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let keep = name.ends_with(".js")
            || name.ends_with(".wasm")
            || name.ends_with(".css")
            || name.ends_with(".png")
            || name.ends_with(".svg")
            || name == "manifest.webmanifest"
            || name == "index.html";
        if keep && name != "sw.js" && name != "share.png" {
            files.push(path);
        }
    }
    for entry in std::fs::read_dir(dist.join("content"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Fills in `sw.js`: the shell's addresses and a version that changes
/// whenever any of those files does (so visitors get the new build).
fn write_service_worker(dist: &Path) -> Result<()> {
    let files = shell_files(dist)?;
    let mut hash = Sha256::new();
    let mut urls = vec!["./".to_string()];
    for file in &files {
        let relative = file
            .strip_prefix(dist)?
            .to_string_lossy()
            .replace('\\', "/");
        hash.update(relative.as_bytes());
        hash.update(std::fs::read(file)?);
        if relative != "index.html" {
            urls.push(relative);
        }
    }
    let version: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let script = include_str!("../../browser/sw.js")
        .replace("__VERSION__", &version)
        .replace("__SHELL__", &serde_json::to_string(&urls)?);
    std::fs::write(dist.join("sw.js"), script)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_name_is_the_titles_first_phrase() {
        assert_eq!(
            short_name("支部共建筑堡垒　共建共创促发展"),
            "支部共建筑堡垒"
        );
        assert_eq!(short_name("Party day: Hubei"), "Party");
        // Never cut mid-phrase.
        assert_eq!(
            short_name("湖北省外国科技交流中心项目对接会暨党建共建活动"),
            "湖北省外国科技交流中心项目对接会"
        );
    }

    #[test]
    fn the_star_is_gold_in_the_middle_and_red_in_the_corner() {
        let icon = star_icon(64, 0.36);
        assert_eq!(icon.get_pixel(32, 33).0, GOLD);
        assert_eq!(icon.get_pixel(1, 1).0, RED);
    }
}
