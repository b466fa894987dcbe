//! A strict Content-Security-Policy for the built page: scripts only from
//! the site itself, plus its inline head script (allowed by its hash), and
//! WebAssembly; no plugins, no foreign base URL.

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
/// charset, allowing each inline script by its hash (the head script;
/// JSON-LD data blocks never run, so they need none).
pub fn apply(index: &Path) -> Result<()> {
    let html =
        std::fs::read_to_string(index).with_context(|| format!("reading {}", index.display()))?;
    if html.contains("Content-Security-Policy") {
        return Ok(());
    }
    let hashes = inline_script_hashes(&html)?;
    if hashes.is_empty() {
        bail!("no inline script in index.html: is this trunk's output?");
    }
    let meta = format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        policy(&hashes.join("' '"))
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

/// `sha256-...` of every inline script that runs.
fn inline_script_hashes(html: &str) -> Result<Vec<String>> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let tag_end = open + rest[open..].find('>').context("unclosed <script tag")? + 1;
        let tag = &rest[open..tag_end];
        let close = tag_end
            + rest[tag_end..]
                .find("</script>")
                .context("unclosed script")?;
        let runs = !tag.contains(" src=") && !tag.contains("application/ld+json");
        if runs {
            let digest = Sha256::digest(&rest.as_bytes()[tag_end..close]);
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[close..];
    }
    Ok(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_running_scripts_only() {
        let html = r#"<script>a()</script><script type="application/ld+json">{}</script><script type="module">b()</script><script src="x.js"></script>"#;
        let hashes = inline_script_hashes(html).unwrap();
        assert_eq!(hashes.len(), 2);
        assert!(hashes.iter().all(|h| h.starts_with("sha256-")));
    }
}
