//! A strict Content-Security-Policy for the built page: scripts only from
//! the site itself, plus its inline head script (allowed by its hash), and
//! WebAssembly; no plugins, no foreign base URL.

use anyhow::{Context, Result, bail};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The policy, allowing the inline scripts and styles with these hashes
/// (`sha256-...`).
///
/// Styles: elements only from the site and the hashed inline `<style>` (the
/// no-JavaScript note); inline style *attributes* (aspect ratios, zoom) are
/// set by the app, so `style-src-attr` allows them. Photos and the photo
/// checks of `?check` may use any https host: content can be replaced on the
/// host without a rebuild (CONTENT.md), and a list of hosts computed at build
/// time would then block a new host's photos without a word.
pub fn policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let quoted =
        |hashes: &[String]| -> String { hashes.iter().map(|h| format!(" '{h}'")).collect() };
    [
        "default-src 'self'".to_string(),
        format!(
            "script-src 'self' 'wasm-unsafe-eval'{}",
            quoted(script_hashes)
        ),
        format!("style-src 'self'{}", quoted(style_hashes)),
        "style-src-attr 'unsafe-inline'".to_string(),
        // The poster preview is a data: URL.
        "img-src 'self' https: data:".to_string(),
        "connect-src 'self' https:".to_string(),
        // Videos, recordings and their subtitles, like photos.
        "media-src 'self' https:".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
    ]
    .join("; ")
}

/// Adds the policy as a `<meta>` to a built page (`index`), right after the
/// charset (a fixed place, whatever the page's text says), allowing each
/// inline script and style by its hash (JSON-LD data blocks never run, so
/// they need none). Returns the policy.
pub fn apply(index: &Path) -> Result<String> {
    let html =
        std::fs::read_to_string(index).with_context(|| format!("reading {}", index.display()))?;
    let scripts = inline_hashes(&html, "script")?;
    if scripts.is_empty() {
        bail!(
            "no inline script in {}: is this a page the build wrote?",
            index.display()
        );
    }
    let policy = policy(&scripts, &inline_hashes(&html, "style")?);
    std::fs::write(index, with_policy(&html, &policy)?)?;
    Ok(policy)
}

/// One policy for the whole built site `dist`, as a header sends it to every
/// page: it allows the inline scripts and styles of each of the site's pages
/// ([`super::PAGE_FOLDERS`]). Each
/// page's own `<meta>` still allows only its own, and a browser obeys both.
pub fn site_policy(dist: &Path) -> Result<String> {
    let (mut scripts, mut styles) = (Vec::new(), Vec::new());
    for folder in super::PAGE_FOLDERS {
        let path = dist.join(folder).join("index.html");
        let html = std::fs::read_to_string(&path)
            .with_context(|| format!("{} is missing: run `cargo xtask build`", path.display()))?;
        scripts.extend(inline_hashes(&html, "script")?);
        styles.extend(inline_hashes(&html, "style")?);
    }
    for hashes in [&mut scripts, &mut styles] {
        hashes.sort();
        hashes.dedup();
    }
    Ok(policy(&scripts, &styles))
}

/// `html` with the policy's `<meta>` right after its charset `<meta>`.
fn with_policy(html: &str, policy: &str) -> Result<String> {
    let charset = "<meta charset=\"utf-8\" />";
    let at = html
        .find(charset)
        .context("no charset meta in index.html")?
        + charset.len();
    let mut out = html.to_string();
    out.insert_str(
        at,
        &format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />"),
    );
    Ok(out)
}

/// `sha256-...` of every inline `<script>` that runs, or every `<style>`.
fn inline_hashes(html: &str, element: &str) -> Result<Vec<String>> {
    let (open_tag, close_tag) = (format!("<{element}"), format!("</{element}>"));
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find(&open_tag) {
        let tag_end = open
            + rest[open..]
                .find('>')
                .with_context(|| format!("unclosed {open_tag} tag"))?
            + 1;
        let tag = &rest[open..tag_end];
        let close = tag_end
            + rest[tag_end..]
                .find(&close_tag)
                .with_context(|| format!("unclosed {element}"))?;
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
        let hashes = inline_hashes(html, "script").unwrap();
        assert_eq!(hashes.len(), 2);
        assert!(hashes.iter().all(|h| h.starts_with("sha256-")));
    }

    #[test]
    fn inline_styles_are_allowed_by_hash_and_attributes_by_style_src_attr() {
        let html = "<noscript><style>.a{display:none}</style></noscript>";
        let styles = inline_hashes(html, "style").unwrap();
        assert_eq!(styles.len(), 1);
        let policy = policy(&["sha256-s".into()], &styles);
        assert!(
            policy.contains(&format!("style-src 'self' '{}'", styles[0])),
            "{policy}"
        );
        assert!(
            policy.contains("style-src-attr 'unsafe-inline'"),
            "{policy}"
        );
        assert!(
            !policy.contains("style-src 'self' 'unsafe-inline'"),
            "{policy}"
        );
    }

    #[test]
    fn the_policy_goes_in_whatever_the_page_says() {
        // Story text may well mention the header's name.
        let html = "<head><meta charset=\"utf-8\" /><script>start()</script></head><body><p>Content-Security-Policy</p></body>";
        let index = std::env::temp_dir().join(format!("csp-{}.html", std::process::id()));
        std::fs::write(&index, html).unwrap();
        let policy = apply(&index).unwrap();
        let out = std::fs::read_to_string(&index).unwrap();
        std::fs::remove_file(&index).unwrap();
        assert!(out.starts_with(&format!(
            "<head><meta charset=\"utf-8\" />\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />"
        )), "{out}");
    }
}
