//! What the built `index.html` says before any script runs: link-preview
//! tags, a schema.org `Event`, and the whole page (hero, story, timeline,
//! the quiz's start) rendered from the content by the app's own components
//! (`event_microsite::app::prerender`), so crawlers read real text, the
//! first paint is the event, and a browser without WebAssembly still shows
//! the story and the day. The app takes this markup over once its own copy
//! is ready (see `src/app.rs`).

use anyhow::{Context, Result, bail};
use event_microsite::content::{Lang, files, load};
use event_microsite::render::head::icon_data_url;
use event_microsite::render::page::page_markup;
pub use event_microsite::render::{Content, ShareImage};
use event_microsite::render::{Region, body, escape, render_event_page, render_studio_page};
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Reads and checks the content files in `dir`; a broken file stops the
/// build with the same located messages as `cargo xtask check`.
pub fn load_content(dir: &Path) -> Result<Content> {
    Ok(Content {
        site: read(dir, files::SITE)?,
        story: read(dir, files::STORY)?,
        timeline: read(dir, files::TIMELINE)?,
        quiz: read(dir, files::QUIZ)?,
    })
}

fn read<T: DeserializeOwned + event_microsite::content::Validate>(
    dir: &Path,
    file: &str,
) -> Result<T> {
    let path = dir.join(file);
    let source =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    load::<T>(file, &source).or_else(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        bail!(
            "{file} has problems (see `cargo xtask check`):\n{}",
            list.join("\n")
        )
    })
}

/// The page's one inline script (`head.js`): sets `<html lang>` before the
/// first paint as the app will, keeps only that language of the build's
/// markup, marks browsers without WebAssembly, and once the page has been
/// painted starts the app (`app_js`, `app_wasm`), requests the content files
/// for it (`files::ALL`) and registers the service worker (`offline`; else it
/// only lets an old worker update itself to the one that undoes it).
pub fn head_script(app_js: &str, app_wasm: &str, offline: bool) -> String {
    include_str!("../../browser/head.js")
        .replace("__APP_JS__", app_js)
        .replace("__APP_WASM__", app_wasm)
        .replace(
            "__CONTENT_FILES__",
            &serde_json::to_string(&files::ALL).expect("names serialise"),
        )
        .replace("__OFFLINE__", if offline { "true" } else { "false" })
        .replace("__LANGS__", &languages_json())
        .replace(
            "__LANG_KEY__",
            &serde_json::to_string(event_microsite::storage_key::LANG).expect("a name serialises"),
        )
}

/// `[{"code": "zh", "tag": "zh-CN"}, ...]`: the site's languages, the
/// default first, for `head.js` to choose the page's language as the app
/// does.
fn languages_json() -> String {
    let langs: Vec<serde_json::Value> = Lang::ALL
        .iter()
        .map(|lang| serde_json::json!({ "code": lang.code(), "tag": lang.tag() }))
        .collect();
    serde_json::to_string(&langs).expect("JSON values serialise")
}

/// Writes the head tags, the head script (which starts `app`) and the
/// prerendered body into the built page, and the record of the content it
/// was built from, each in its [`Region`] (so the studio can render them
/// again for new content). The regions are placed with an HTML rewriter: the
/// template's `<title>` gives way to the head tags, `<body>` starts with the
/// page; then filled by the same code the studio runs.
pub fn apply(
    index: &Path,
    app: &super::bundle::App,
    content: &Content,
    image: &ShareImage,
    offline: bool,
) -> Result<()> {
    let html = std::fs::read_to_string(index)?;
    if html.contains("id=\"prerender\"") {
        return Ok(());
    }
    let head_tags = format!(
        "{}\n    <script>{}</script>",
        Region::Head.empty(),
        head_script(&app.js, &app.wasm, offline)
    );
    let page = format!("\n{}", Region::Page.empty());
    let record = format!("\n    {}\n  ", Region::BuiltFrom.empty());
    let html = rewrite_str(
        &html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("title", |el| {
                el.replace(&head_tags, ContentType::Html);
                Ok(())
            }))
            .append_element_content_handler(element!("head", |el| {
                el.append(&record, ContentType::Html);
                Ok(())
            }))
            .append_element_content_handler(element!("body", |el| {
                el.prepend(&page, ContentType::Html);
                Ok(())
            })),
    )?;
    let dir = index.parent().context("index.html has a folder")?;
    let built = content_files(&dir.join("content"))?;
    let page = body(content);
    let html = render_event_page(&html, &content.site, &page, image, &borrowed(&built))
        .map_err(anyhow::Error::msg)?;
    std::fs::write(index, html)?;
    Ok(())
}

/// Writes into the studio's page (`studio/index.html`) which content files
/// the site was built from, as `apply` does for the event page, so the
/// studio's check can tell when the host's files have changed since.
pub fn mark_studio(studio_index: &Path, content: &Path) -> Result<()> {
    let html = std::fs::read_to_string(studio_index)
        .with_context(|| format!("reading {}", studio_index.display()))?;
    let record = format!("\n    {}\n  ", Region::BuiltFrom.empty());
    let html = rewrite_str(
        &html,
        RewriteStrSettings::new().append_element_content_handler(element!("head", |el| {
            el.append(&record, ContentType::Html);
            Ok(())
        })),
    )?;
    let built = content_files(content)?;
    let html = render_studio_page(&html, &borrowed(&built)).map_err(anyhow::Error::msg)?;
    std::fs::write(studio_index, html)?;
    Ok(())
}

/// The content files in `content` (`files::ALL`): name and bytes.
fn content_files(content: &Path) -> Result<Vec<(&'static str, Vec<u8>)>> {
    files::ALL
        .iter()
        .map(|file| Ok((*file, std::fs::read(content.join(file))?)))
        .collect()
}

fn borrowed<'a>(files: &'a [(&'static str, Vec<u8>)]) -> Vec<(&'static str, &'a [u8])> {
    files.iter().map(|(f, b)| (*f, b.as_slice())).collect()
}

/// A page with the same markup, CSS and photos as the site's first paint,
/// and no script at all: the lower bound `cargo xtask bench` compares the
/// site with.
pub fn static_page(content: &Content, stylesheet: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{description}\" />\n\
         <link rel=\"stylesheet\" href=\"{stylesheet}\" />\n<link rel=\"icon\" href=\"{icon}\" type=\"image/svg+xml\" />\n</head>\n<body>\n\
         <div id=\"prerender\">{page}</div>\n</body>\n</html>\n",
        title = escape(&content.site.title.zh),
        description = escape(&content.site.share_description().zh),
        page = page_markup(content),
        icon = icon_data_url(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_microsite::render::head::{absolute, head, json_ld};

    fn content() -> Content {
        load_content(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content"))
            .expect("the shipped content loads")
    }

    #[test]
    fn a_broken_content_file_stops_the_build_with_located_problems() {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content");
        let dir = std::env::temp_dir().join(format!("prerender-broken-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for file in files::ALL {
            std::fs::copy(shipped.join(file), dir.join(file)).unwrap();
        }
        let site = std::fs::read_to_string(dir.join(files::SITE)).unwrap();
        std::fs::write(
            dir.join(files::SITE),
            site.replacen("\"2021-06-06\"", "\"June\"", 1),
        )
        .unwrap();
        let error = load_content(&dir)
            .expect_err("the build refuses it")
            .to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            error.contains("site.json at start_date (line 19, column"),
            "{error}"
        );
        assert!(error.contains("is not an ISO 8601 date"), "{error}");
    }

    #[test]
    fn the_head_script_has_every_placeholder_filled_and_the_apps_languages() {
        let script = head_script("app-1.js", "app-1_bg.wasm", true);
        let placeholder_left = script
            .match_indices("__")
            .any(|(at, _)| script[at + 2..].starts_with(|c: char| c.is_ascii_uppercase()));
        assert!(!placeholder_left, "a placeholder is left:\n{script}");
        let langs = script
            .split("var langs = ")
            .nth(1)
            .and_then(|rest| rest.split(';').next())
            .expect("the script names the languages");
        let langs: Vec<serde_json::Value> = serde_json::from_str(langs).unwrap();
        assert_eq!(langs.len(), Lang::ALL.len());
        assert_eq!(langs[0]["tag"], Lang::default().tag(), "the default first");
        assert_eq!(langs[1]["code"], "en");
    }

    #[test]
    fn json_ld_is_an_event_with_the_sites_fields() {
        let content = content();
        let image = ShareImage {
            path: "share.png".into(),
            width: Some(1200),
            height: Some(630),
        };
        let event: serde_json::Value =
            serde_json::from_str(&json_ld(&content.site, &image)).unwrap();
        assert_eq!(event["@type"], "Event");
        assert_eq!(event["name"], content.site.title.zh.as_str());
        assert_eq!(
            event["startDate"],
            content.site.start_date.as_deref().unwrap()
        );
        assert_eq!(
            event["organizer"].as_array().unwrap().len(),
            content.site.organisers.len()
        );
        assert!(event["image"][0].as_str().unwrap().ends_with("/share.png"));
    }

    #[test]
    fn text_never_becomes_markup() {
        let mut content = content();
        content.story.sections[0].paragraphs[0].zh = "<script>alert(1)</script>".into();
        content.site.title.zh = "</script><script>alert(2)</script>".into();
        let image = ShareImage {
            path: "share.png".into(),
            width: None,
            height: None,
        };
        let page = format!("{}{}", head(&content.site, &image), body(&content));
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)"));
        assert!(!json_ld(&content.site, &image).contains("</script>"));
    }

    #[test]
    fn the_head_script_starts_the_app_it_is_given() {
        let script = head_script("app-1.js", "app-1_bg.wasm", true);
        assert!(script.contains("import('./app-1.js')"));
        assert!(script.contains("module_or_path: './app-1_bg.wasm'"));
        assert!(
            script.contains(r#"["site.json","story.json","timeline.json","quiz.json"].forEach"#)
        );
        for placeholder in [
            "__APP_JS__",
            "__APP_WASM__",
            "__CONTENT_FILES__",
            "__LANG_KEY__",
            "__OFFLINE__",
        ] {
            assert!(!script.contains(placeholder), "{placeholder} is left");
        }
    }

    #[test]
    fn relative_addresses_join_the_site_url() {
        assert_eq!(
            absolute(Some("https://a.org/event/"), "share.png"),
            "https://a.org/event/share.png"
        );
        assert_eq!(absolute(None, "share.png"), "share.png");
        assert_eq!(
            absolute(Some("https://a.org/"), "https://cdn.org/x.jpg"),
            "https://cdn.org/x.jpg"
        );
    }
}
