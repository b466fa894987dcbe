//! A strict Content-Security-Policy for the built page: scripts only from
//! the site itself, plus the one inline module trunk writes (allowed by its
//! hash), and WebAssembly; no plugins, no foreign base URL.

use anyhow::{Context, Result, bail};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The policy, with `{script_hash}` for trunk's inline loader.
pub fn policy(script_hash: &str) -> String {
    [
        "default-src 'self'",
        &format!("script-src 'self' 'wasm-unsafe-eval' '{script_hash}'"),
        // Inline style attributes (aspect ratios, zoom) are set by the app.
        "style-src 'self' 'unsafe-inline'",
        // Photos may live on another https host; the poster preview is a data: URL.
        "img-src 'self' https: data:",
        "connect-src 'self' https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    .join("; ")
}

/// Adds the policy as a `<meta>` to `dist/index.html`, right after the
/// charset, hashing the inline module script trunk wrote.
pub fn apply(index: &Path) -> Result<()> {
    let html =
        std::fs::read_to_string(index).with_context(|| format!("reading {}", index.display()))?;
    if html.contains("Content-Security-Policy") {
        return Ok(());
    }
    let open = "<script type=\"module\">";
    let start = html
        .find(open)
        .context("no inline module script in index.html")?
        + open.len();
    let end = start + html[start..].find("</script>").context("unclosed script")?;
    if html[end..].contains(open) {
        bail!("more than one inline script in index.html: hash each one");
    }
    let digest = Sha256::digest(&html.as_bytes()[start..end]);
    let hash = format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    let meta = format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        policy(&hash)
    );
    let charset = "<meta charset=\"utf-8\" />";
    let at = html
        .find(charset)
        .context("no charset meta in index.html")?
        + charset.len();
    let mut out = html;
    out.insert_str(at, &meta);
    std::fs::write(index, out)?;
    Ok(())
}
