//! `cargo xtask size`: what a visitor downloads, raw and compressed.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// One built file's size: raw, gzip -9 and brotli -q 11 (what a static host
/// with compression serves).
pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// The wasm, JS, CSS and HTML files of `dist`, by name.
pub fn measure(dist: &Path) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist)
        .with_context(|| format!("reading {}: run `cargo xtask build` first", dist.display()))?
    {
        let path = entry?.path();
        let kind = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if matches!(kind, "wasm" | "js" | "css" | "html") {
            let bytes = std::fs::read(&path)?;
            // The build's precompressed copies, where it wrote them, have
            // the same settings: their sizes need no second compression.
            let kept = |suffix: &str| {
                let mut copy = path.clone().into_os_string();
                copy.push(suffix);
                std::fs::metadata(copy).ok().map(|m| m.len() as usize)
            };
            files.push(FileSize {
                name: path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                raw: bytes.len(),
                gzip: kept(".gz").map_or_else(|| gzip(&bytes), Ok)?,
                brotli: kept(".br").map_or_else(|| brotli(&bytes), Ok)?,
            });
        }
    }
    if files.is_empty() {
        bail!(
            "{} has no built files: run `cargo xtask build` first",
            dist.display()
        );
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// A page's lines in the budget start with its folder's name: `studio_wasm`.
fn budget_prefix(folder: &str) -> String {
    folder.replace('/', "_")
}

/// Prints the size of every wasm, JS, CSS and HTML file in `dist`, then of
/// the studio's (which visitors never load).
pub fn report(dist: &Path) -> Result<()> {
    for folder in crate::build::PAGE_FOLDERS {
        let files = measure(&dist.join(folder))?;
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            "file", "raw", "gzip -9", "brotli 11"
        );
        let mut total = (0, 0, 0);
        for f in &files {
            println!(
                "{:<48} {:>10} {:>10} {:>10}",
                format!("{folder}{}", f.name),
                f.raw,
                f.gzip,
                f.brotli
            );
            total = (total.0 + f.raw, total.1 + f.gzip, total.2 + f.brotli);
        }
        println!(
            "{:<48} {:>10} {:>10} {:>10}\n",
            format!(
                "total of {} (bytes)",
                if folder.is_empty() {
                    "the event page"
                } else {
                    "the studio"
                }
            ),
            total.0,
            total.1,
            total.2
        );
    }
    Ok(())
}

/// The budget file: brotli bytes per built file of the release `dist/`.
pub const BUDGET_FILE: &str = "bench/size-budget.toml";

/// Fails when the brotli size of any wasm, JS or CSS file in `dist` (or in
/// its `studio/`) is over its line in `bench/size-budget.toml`; returns one
/// line per file.
pub fn check_budget(root: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(root.join(BUDGET_FILE))
        .with_context(|| format!("reading {BUDGET_FILE}"))?;
    check_budget_of(&root.join("dist"), &text)
}

fn check_budget_of(dist: &Path, text: &str) -> Result<Vec<String>> {
    let budget = |key: &str| -> Result<usize> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#'))
            .find_map(|l| {
                let (name, value) = l.split_once('=')?;
                (name.trim() == key).then(|| value.trim().replace('_', "").parse().ok())?
            })
            .with_context(|| format!("{BUDGET_FILE} has no `{key} = BYTES` line"))
    };
    let mut lines = Vec::new();
    let mut over = Vec::new();
    for folder in crate::build::PAGE_FOLDERS {
        let prefix = budget_prefix(folder);
        let files = measure(&dist.join(folder))?;
        for kind in ["wasm", "js", "css"] {
            let key = format!("{prefix}{kind}");
            let limit = budget(&key)?;
            let mut seen = false;
            for file in files
                .iter()
                .filter(|f| f.name.ends_with(&format!(".{kind}")) && f.name != "sw.js")
            {
                seen = true;
                let line = format!(
                    "{folder}{}: {} B brotli, budget ({key}) {limit} B",
                    file.name, file.brotli
                );
                if file.brotli > limit {
                    over.push(line.clone());
                }
                lines.push(line);
            }
            if !seen {
                bail!(
                    "{} has no .{kind} file: is this a built site?",
                    dist.join(folder).display()
                );
            }
        }
    }
    if !over.is_empty() {
        bail!(
            "over the size budget in {BUDGET_FILE}:\n  {}\nMake it smaller, or raise the budget there with a dated reason.",
            over.join("\n  ")
        );
    }
    Ok(lines)
}

/// `twiggy top` of the app's code and data, from the wasm built once more
/// with its function names kept (the shipped build strips them), in
/// `target/twiggy`.
pub fn twiggy_top(env: &crate::setup::tools::Env, rows: usize) -> Result<String> {
    let twiggy = crate::setup::tools::twiggy()?.join("twiggy");
    let target = env.root().join("target/twiggy");
    env.wasm_command("cargo")
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            "event-microsite",
        ])
        .env("CARGO_PROFILE_RELEASE_STRIP", "false")
        .env("CARGO_TARGET_DIR", &target)
        .run()?;
    let wasm = target.join("wasm32-unknown-unknown/release/event-microsite.wasm");
    let top = crate::cmd::Cmd::new(twiggy)
        .args(["top", "-n", &(rows + 10).to_string()])
        .arg(&wasm)
        .output()
        .context("twiggy failed")?;
    // Names and debug sections are there only for twiggy: leave them out.
    Ok(top
        .lines()
        .filter(|l| !l.contains("custom section") && !l.contains("subsection"))
        .map(|l| format!("{l}\n"))
        .collect())
}

/// Writes `NAME.gz` (gzip -9) and `NAME.br` (brotli 11) beside each hashed
/// JS, wasm and CSS file, for servers that send precompressed files (nginx
/// `gzip_static`, `brotli_static`). Only hashed
/// files: a content file replaced on the host would leave a stale `.gz`.
pub fn precompress_hashed(dist: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if is_hashed(&name) {
            let bytes = std::fs::read(&path)?;
            std::fs::write(dist.join(format!("{name}.gz")), gzip_bytes(&bytes)?)?;
            std::fs::write(dist.join(format!("{name}.br")), brotli_bytes(&bytes)?)?;
        }
    }
    Ok(())
}

/// A JS, wasm or CSS file whose name carries a content hash, such as
/// `app-1b7e36b111e3f34a_bg.wasm`: 16 hex digits as the build writes them
/// (`build::bundle`), or 8 to 16 as trunk writes them (a u64 without
/// leading zeros); `deploy.rs` and `sw.js` match the same names.
pub fn is_hashed(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        matches!(ext, "js" | "wasm" | "css")
            && stem
                .trim_end_matches("_bg")
                .rsplit_once('-')
                .is_some_and(|(_, hash)| {
                    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
                })
    })
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn gzip(bytes: &[u8]) -> Result<usize> {
    Ok(gzip_bytes(bytes)?.len())
}

fn brotli(bytes: &[u8]) -> Result<usize> {
    Ok(brotli_bytes(bytes)?.len())
}

fn brotli_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_have_up_to_16_hex_digits() {
        assert!(is_hashed("event-microsite-212bf5b5f96eb0be_bg.wasm"));
        assert!(is_hashed("event-microsite-1b7e36b111e3f34.js"));
        assert!(is_hashed("main-f38e6eb49c4da338.css"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("share.png"));
        assert!(!is_hashed("main-f38e6eb49c4da33812.css"));
    }

    #[test]
    fn a_build_over_its_budget_fails_and_says_which_file() {
        let dist = std::env::temp_dir().join(format!("size-budget-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("studio")).unwrap();
        // Incompressible bytes, so brotli cannot shrink them under the budget.
        let mut state = 1u32;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        for (folder, name) in [("", "app"), ("studio/", "studio")] {
            let at = dist.join(folder);
            std::fs::write(at.join(format!("{name}-0123456789abcdef_bg.wasm")), &noise).unwrap();
            std::fs::write(at.join(format!("{name}-0123456789abcdef.js")), "x").unwrap();
            std::fs::write(at.join("main-0123456789abcdef.css"), "x").unwrap();
        }
        let studio = "studio_wasm = 10_000\nstudio_js = 100\nstudio_css = 100\n";
        let fits = format!("# comment\nwasm = 10_000\njs = 100\ncss = 100\n{studio}");
        assert_eq!(check_budget_of(&dist, &fits).unwrap().len(), 6);
        let tight = format!("wasm = 1_000\njs = 100\ncss = 100\n{studio}");
        let error = check_budget_of(&dist, &tight).unwrap_err().to_string();
        assert!(
            error.contains("app-0123456789abcdef_bg.wasm:")
                && error.contains("budget (wasm) 1000 B"),
            "{error}"
        );
        assert!(!error.contains("studio/"), "{error}");
        assert!(!error.contains("css"), "{error}");
        assert!(
            check_budget_of(&dist, "wasm = 1\n").is_err(),
            "a missing line is an error"
        );
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
