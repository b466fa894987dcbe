//! The files that make the site installable and usable offline and follow
//! the content: the web app manifest (names from `site.json`) and the
//! service worker's version (which changes whenever a file it keeps does, so
//! visitors get the new site).

use crate::content::Site;

pub const THEME_COLOUR: &str = "#8e1b1b";
pub const BACKGROUND_COLOUR: &str = "#fffaf2";

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

/// `manifest.webmanifest`'s text.
pub fn manifest_text(site: &Site) -> String {
    serde_json::to_string_pretty(&manifest(site)).expect("JSON values serialise")
}

/// The home-screen name when `site.json` gives no `short_title`: the
/// title's first phrase, whole (a phone shortens a long one with an
/// ellipsis, rather than the build cutting a word in two).
pub fn short_name(title: &str) -> String {
    title
        .split(|c: char| c.is_whitespace() || "·:：，,、;；|｜—暨".contains(c))
        .find(|part| !part.is_empty())
        .unwrap_or(title)
        .to_string()
}

/// The service worker's version for the files it keeps (path from the
/// site's folder, bytes): 64-bit FNV-1a over each path and its bytes, in
/// the order of their paths.
pub fn shell_version(files: &[(String, Vec<u8>)]) -> String {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.split('/').cmp(b.0.split('/')));
    let hash = sorted
        .iter()
        .flat_map(|(path, bytes)| path.as_bytes().iter().chain([0].iter()).chain(bytes))
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

const VERSION_START: &str = "const VERSION = '";
const SHELL_START: &str = "const SHELL = ";

/// The service worker `script` (the build's `sw.js`, or its template) with
/// `version`; `None` for a worker with no version (the one that undoes
/// offline support).
pub fn with_version(script: &str, version: &str) -> Option<String> {
    let start = script.find(VERSION_START)? + VERSION_START.len();
    let end = start + script[start..].find('\'')?;
    Some(format!("{}{version}{}", &script[..start], &script[end..]))
}

/// The addresses a built `sw.js` keeps (its `SHELL`), if it keeps any.
pub fn shell_of(script: &str) -> Option<Vec<String>> {
    let start = script.find(SHELL_START)? + SHELL_START.len();
    let end = start + script[start..].find(";\n")?;
    serde_json::from_str(&script[start..end]).ok()
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
    fn the_version_follows_every_file_and_is_written_into_the_worker() {
        let files = vec![
            ("index.html".to_string(), b"a".to_vec()),
            ("content/site.json".to_string(), b"{}".to_vec()),
        ];
        let mut changed = files.clone();
        changed[1].1 = b"{ }".to_vec();
        assert_ne!(shell_version(&files), shell_version(&changed));
        let reordered = vec![files[1].clone(), files[0].clone()];
        assert_eq!(shell_version(&files), shell_version(&reordered));

        let script = "const VERSION = '__VERSION__';\nconst SHELL = [\"./\",\"app.js\"];\nrest";
        let built = with_version(script, "0123").unwrap();
        assert!(built.starts_with("const VERSION = '0123';\n"), "{built}");
        assert_eq!(
            with_version(&built, "4567").unwrap(),
            built.replace("0123", "4567")
        );
        assert_eq!(shell_of(&built).unwrap(), ["./", "app.js"]);
        assert_eq!(with_version("self.registration.unregister()", "1"), None);
    }
}
