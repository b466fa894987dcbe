//! What the built `index.html` says before any script runs: link-preview
//! tags, a schema.org `Event`, and the top of the page (title, date,
//! organisers, the story) rendered from the content, so crawlers read real
//! text, the first paint is the event, and a browser without WebAssembly
//! still shows the story. The app takes this markup over once its own copy
//! is ready (see `src/app.rs`), so the markup mirrors the app's.

use anyhow::{Context, Result, bail};
use event_microsite::content::{Site, Story, Text, files, load};
use event_microsite::ui_text::{Ui, words};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::path::Path;

/// The content the build renders from.
pub struct Content {
    pub site: Site,
    pub story: Story,
}

impl Content {
    /// Reads and checks the content files in `dir`; a broken file stops the
    /// build with the same located messages as `cargo xtask check`.
    pub fn load(dir: &Path) -> Result<Content> {
        Ok(Content {
            site: read(dir, files::SITE)?,
            story: read(dir, files::STORY)?,
        })
    }
}

fn read<T: DeserializeOwned + event_microsite::content::Validate>(
    dir: &Path,
    file: &str,
) -> Result<T> {
    let path = dir.join(file);
    let source =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    load::<T>(file, source.trim_start_matches('\u{feff}')).or_else(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        bail!(
            "{file} has problems (see `cargo xtask check`):\n{}",
            list.join("\n")
        )
    })
}

/// The share image as the page names it.
pub struct ShareImage {
    /// Address relative to the site root, e.g. `share.png`.
    pub path: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Both languages of a text; CSS shows the one matching `<html lang>`.
fn both(text: &Text) -> String {
    format!(
        "<span data-lang=\"zh\">{}</span><span data-lang=\"en\">{}</span>",
        escape(&text.zh),
        escape(&text.en)
    )
}

fn both_ui(word: Ui) -> String {
    both(&Text {
        zh: word.zh.into(),
        en: word.en.into(),
    })
}

/// `base` joined with a path relative to the site root (absolute addresses
/// pass through); without a base the path stays relative.
fn absolute(base: Option<&str>, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        return path.to_string();
    }
    match base {
        Some(base) => format!(
            "{}/{}",
            base.trim_end_matches('/'),
            path.trim_start_matches("./")
        ),
        None => path.to_string(),
    }
}

/// The `<head>` tags: title, description, canonical address, Open Graph,
/// Twitter card, icons, manifest and the JSON-LD `Event`.
pub fn head(site: &Site, image: &ShareImage) -> String {
    let title = escape(&site.title.zh);
    let share_title = escape(&site.share.title.zh);
    let description = escape(&site.share.description.zh);
    let image_url = escape(&absolute(site.url.as_deref(), &image.path));
    let mut tags = vec![
        format!("<title>{title}</title>"),
        format!("<meta name=\"description\" content=\"{description}\" />"),
        "<meta property=\"og:type\" content=\"website\" />".into(),
        format!("<meta property=\"og:title\" content=\"{share_title}\" />"),
        format!("<meta property=\"og:description\" content=\"{description}\" />"),
        format!("<meta property=\"og:image\" content=\"{image_url}\" />"),
        format!("<meta property=\"og:image:alt\" content=\"{title}\" />"),
        "<meta property=\"og:locale\" content=\"zh_CN\" />".into(),
        "<meta property=\"og:locale:alternate\" content=\"en_GB\" />".into(),
        "<meta name=\"twitter:card\" content=\"summary_large_image\" />".into(),
        format!("<meta name=\"twitter:title\" content=\"{share_title}\" />"),
        format!("<meta name=\"twitter:description\" content=\"{description}\" />"),
        format!("<meta name=\"twitter:image\" content=\"{image_url}\" />"),
        format!("<meta name=\"twitter:image:alt\" content=\"{title}\" />"),
        "<link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\" />".into(),
        "<link rel=\"icon\" href=\"icon-192.png\" sizes=\"192x192\" type=\"image/png\" />".into(),
        "<link rel=\"apple-touch-icon\" href=\"apple-touch-icon.png\" />".into(),
        "<link rel=\"manifest\" href=\"manifest.webmanifest\" />".into(),
    ];
    if let (Some(width), Some(height)) = (image.width, image.height) {
        tags.push(format!(
            "<meta property=\"og:image:width\" content=\"{width}\" />"
        ));
        tags.push(format!(
            "<meta property=\"og:image:height\" content=\"{height}\" />"
        ));
    }
    if let Some(url) = &site.url {
        let url = escape(url);
        tags.push(format!("<link rel=\"canonical\" href=\"{url}\" />"));
        tags.push(format!("<meta property=\"og:url\" content=\"{url}\" />"));
    }
    tags.push(format!(
        "<script type=\"application/ld+json\">{}</script>",
        json_ld(site, image)
    ));
    tags.join("\n    ")
}

/// The schema.org `Event`, as JSON safe inside a `<script>` element.
pub fn json_ld(site: &Site, image: &ShareImage) -> String {
    let mut event = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": site.title.zh,
        "alternateName": site.title.en,
        "description": site.share.description.zh,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": site.place.zh,
            "address": format!("{} ({})", site.place.zh, site.place.en),
        },
        "organizer": site.organisers.iter().map(|o| json!({
            "@type": "Organization",
            "name": o.name.zh,
            "alternateName": o.name.en,
        })).collect::<Vec<_>>(),
        "image": [absolute(site.url.as_deref(), &image.path)],
        "inLanguage": ["zh-CN", "en"],
    });
    for (key, value) in [
        ("startDate", &site.start_date),
        ("endDate", &site.end_date),
        ("url", &site.url),
    ] {
        if let Some(value) = value {
            event[key] = json!(value);
        }
    }
    // `<` never appears raw, so no text can close the script element.
    serde_json::to_string(&event)
        .expect("JSON values serialise")
        .replace('<', "\\u003c")
}

/// Sets `<html lang>` before the first paint exactly as the app will (the
/// address's `?lang=`, the saved choice, the browser's language, Chinese)
/// and drops the other language's words once the page is parsed,
/// marks browsers without WebAssembly, and registers the service worker,
/// which is told which photos the page showed before it took control.
pub const HEAD_SCRIPT: &str = "(function(){var d=document.documentElement,p=function(c){c=(c||'').toLowerCase();return c.indexOf('zh')===0?'zh-CN':c.indexOf('en')===0?'en':null},l=null;try{l=p(new URLSearchParams(location.search).get('lang'))||p(localStorage.getItem('lang'))}catch(e){}d.lang=l||p(navigator.language)||'zh-CN';document.addEventListener('DOMContentLoaded',function(){var k=d.lang==='en'?'zh':'en';document.querySelectorAll('#prerender [data-lang=\"'+k+'\"]').forEach(function(e){e.remove()})});if(typeof WebAssembly!=='object')d.classList.add('no-wasm');var w=navigator.serviceWorker;if(w)addEventListener('load',function(){var seen=function(){w.controller&&w.controller.postMessage(performance.getEntriesByType('resource').map(function(e){return e.name}).filter(function(u){return /\\.(jpe?g|png|webp|avif|gif|svg)(\\?|$)/i.test(u)}))};w.addEventListener('controllerchange',seen);w.register('sw.js').then(seen,function(){})})})()";

/// The page's header, as the app draws it.
fn header() -> String {
    // The switch names the other language, in that language.
    format!(
        "<a class=\"skip-link\" href=\"#main\">{skip}</a>\n\
         <header class=\"site-header\"><nav class=\"site-nav\">\
         <a href=\"#story\">{story}</a><a href=\"#timeline\">{timeline}</a><a href=\"#quiz\">{quiz}</a>\
         </nav><button type=\"button\" class=\"lang-switch\" disabled>\
         <span data-lang=\"zh\" lang=\"en\">{to_en}</span><span data-lang=\"en\" lang=\"zh-CN\">{to_zh}</span>\
         </button></header>",
        skip = both_ui(words::SKIP),
        story = both_ui(words::STORY),
        timeline = both_ui(words::TIMELINE),
        quiz = both_ui(words::QUIZ),
        to_en = words::SWITCH_TO.zh,
        to_zh = words::SWITCH_TO.en,
    )
}

/// Title, subtitle, date, place and organisers, as `Hero` draws them.
pub fn hero(site: &Site) -> String {
    let organisers: String = site
        .organisers
        .iter()
        .map(|o| format!("<li>{}</li>", both(&o.name)))
        .collect();
    format!(
        "<div class=\"hero\"><h1 class=\"hero__title\">{title}</h1>\
         <p class=\"hero__subtitle\">{subtitle}</p>\
         <p class=\"hero__meta\"><span class=\"hero__date\">{date}</span> · <span class=\"hero__place\">{place}</span></p>\
         <h2 class=\"visually-hidden\">{heading}</h2><ul class=\"hero__organisers\">{organisers}</ul></div>",
        title = both(&site.title),
        subtitle = both(&site.subtitle),
        date = both(&site.date),
        place = both(&site.place),
        heading = both_ui(words::ORGANISERS),
    )
}

/// The story part, as `StoryView` draws it inside its section.
pub fn story(story: &Story) -> String {
    let sections: String = story
        .sections
        .iter()
        .map(|section| {
            let paragraphs: String = section
                .paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", both(p)))
                .collect();
            let id = escape(&section.id);
            format!(
                "<section class=\"story__section\" aria-labelledby=\"story-{id}\">\
                 <h3 id=\"story-{id}\">{}</h3>{paragraphs}</section>",
                both(&section.heading)
            )
        })
        .collect();
    format!(
        "<section id=\"story\" class=\"part\" aria-labelledby=\"story-heading\">\
         <h2 id=\"story-heading\">{}</h2>{sections}</section>",
        both_ui(words::STORY)
    )
}

/// The markup put at the start of `<body>`: the app's header, hero and
/// story, and the note for browsers that cannot run the app.
pub fn body(content: &Content) -> String {
    format!(
        "<div id=\"prerender\">\n{header}\n{hero}\n<main id=\"main\" tabindex=\"-1\">\
         <p class=\"prerender__note\" role=\"note\"><span class=\"prerender__no-wasm\">{no_wasm}</span>\
         <span class=\"prerender__no-script\">{no_script}</span></p>\n{story}</main>\n\
         <noscript><style>.prerender__note,.prerender__no-script{{display:block}}.prerender__no-wasm,#prerender .site-header{{display:none}}</style></noscript>\n</div>",
        header = header(),
        hero = hero(&content.site),
        no_wasm = both_ui(words::NO_WASM),
        no_script = both_ui(words::NO_SCRIPT),
        story = story(&content.story),
    )
}

/// Writes the head tags, the head script and the prerendered body into the
/// built page.
pub fn apply(index: &Path, content: &Content, image: &ShareImage) -> Result<()> {
    let mut html = std::fs::read_to_string(index)?;
    if html.contains("id=\"prerender\"") {
        return Ok(());
    }
    let start = html.find("<title>").context("index.html has no <title>")?;
    let end =
        html[start..].find("</title>").context("unclosed <title>")? + start + "</title>".len();
    let head_tags = format!(
        "{}\n    <script>{HEAD_SCRIPT}</script>",
        head(&content.site, image)
    );
    html.replace_range(start..end, &head_tags);
    let body_at = html.find("<body>").context("index.html has no <body>")? + "<body>".len();
    html.insert_str(body_at, &format!("\n{}", body(content)));
    std::fs::write(index, html)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content"))
            .expect("the shipped content loads")
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
