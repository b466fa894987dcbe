//! The `<head>` tags of the event page: title, description, canonical
//! address, Open Graph, Twitter card, icons and the JSON-LD `Event`.

use crate::content::Site;
use serde_json::json;

/// The share image as the page names it.
#[derive(Clone, Debug)]
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

/// `base` joined with a path relative to the site root (absolute addresses
/// pass through); without a base the path stays relative.
pub fn absolute(base: Option<&str>, path: &str) -> String {
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

/// The icon as SVG (browsers' tabs and bookmarks).
pub const ICON_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#8e1b1b"/><polygon fill="#e0a526" points="50,16 58.2,38.7 82.3,39.5 63.3,54.3 70,77.5 50,64 30,77.5 36.7,54.3 17.7,39.5 41.8,38.7"/></svg>
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

/// The `<head>` tags. (`head.js` links the manifest when it starts the app.)
pub fn head(site: &Site, image: &ShareImage) -> String {
    let title = escape(&site.title.zh);
    let share_title = escape(&site.share_title().zh);
    let description = escape(&site.share_description().zh);
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
        format!(
            "<link rel=\"icon\" href=\"{}\" type=\"image/svg+xml\" />",
            icon_data_url()
        ),
        "<link rel=\"icon\" href=\"icon-192.png\" sizes=\"192x192\" type=\"image/png\" />".into(),
        "<link rel=\"apple-touch-icon\" href=\"apple-touch-icon.png\" />".into(),
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
        "description": site.share_description().zh,
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
