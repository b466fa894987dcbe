//! `cargo xtask size`: what a visitor downloads, raw and compressed.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// Prints the size of every wasm, JS and CSS file in `dist/`: raw, gzip -9
/// and brotli -q 11 (what a static host with compression serves).
pub fn report(dist: &Path) -> Result<()> {
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(dist)
        .with_context(|| format!("reading {}: run `cargo xtask build` first", dist.display()))?
    {
        let path = entry?.path();
        let kind = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_string();
        if matches!(kind.as_str(), "wasm" | "js" | "css" | "html") {
            let bytes = std::fs::read(&path)?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            rows.push((name, bytes.len(), gzip(&bytes)?, brotli(&bytes)?));
        }
    }
    if rows.is_empty() {
        bail!(
            "{} has no built files: run `cargo xtask build` first",
            dist.display()
        );
    }
    rows.sort();
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    let mut total = (0, 0, 0);
    for (name, raw, gz, br) in &rows {
        println!("{name:<48} {raw:>10} {gz:>10} {br:>10}");
        total = (total.0 + raw, total.1 + gz, total.2 + br);
    }
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "total (bytes)", total.0, total.1, total.2
    );
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out.len())
}
