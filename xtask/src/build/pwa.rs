//! What makes the site installable and usable offline: the web app
//! manifest, its icons (a gold star on the site's red, drawn here), and the
//! service worker with the list of files to keep (`sw.js`).

use anyhow::{Context, Result};
use event_microsite::content::Site;
use event_microsite::render::head::ICON_SVG;
use event_microsite::render::offline::{manifest_text, shell_version, with_version};
use image::{Rgba, RgbaImage};
use std::path::{Path, PathBuf};

const RED: [u8; 4] = [0x8e, 0x1b, 0x1b, 0xff];
const GOLD: [u8; 4] = [0xe0, 0xa5, 0x26, 0xff];

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
    std::fs::write(dist.join("manifest.webmanifest"), manifest_text(site))?;
    if offline {
        write_service_worker(dist)
    } else {
        Ok(std::fs::write(dist.join("sw.js"), KILL_SWITCH)?)
    }
}

/// The service worker of `--no-offline`: deletes this site's caches,
/// unregisters itself and reloads the open pages.
pub const KILL_SWITCH: &str = include_str!("../../browser/sw-off.js");

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
    let mut kept = Vec::new();
    let mut urls = vec!["./".to_string()];
    for file in shell_files(dist)? {
        let relative = file
            .strip_prefix(dist)?
            .to_string_lossy()
            .replace('\\', "/");
        if relative != "index.html" {
            urls.push(relative.clone());
        }
        kept.push((relative, std::fs::read(&file)?));
    }
    let script =
        include_str!("../../browser/sw.js").replace("__SHELL__", &serde_json::to_string(&urls)?);
    let script = with_version(&script, &shell_version(&kept)).context("sw.js names its VERSION")?;
    std::fs::write(dist.join("sw.js"), script)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_star_is_gold_in_the_middle_and_red_in_the_corner() {
        let icon = star_icon(64, 0.36);
        assert_eq!(icon.get_pixel(32, 33).0, GOLD);
        assert_eq!(icon.get_pixel(1, 1).0, RED);
    }
}
