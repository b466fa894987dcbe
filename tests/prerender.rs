//! The build's first paint is drawn by the app's own components: each part
//! rendered natively holds what a visitor reads, in both languages, and no
//! content text ever becomes markup.
#![cfg(not(target_arch = "wasm32"))]

use event_microsite::app::prerender;
use event_microsite::content::{Quiz, Site, Story, Timeline, Validate, load};
use serde::de::DeserializeOwned;

fn read<T: DeserializeOwned + Validate>(dir: &str, file: &str) -> T {
    let path = format!("{}/{dir}/{file}", env!("CARGO_MANIFEST_DIR"));
    load(file, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn page(dir: &str) -> (String, Site, Story, Timeline, Quiz) {
    let (site, story, timeline, quiz): (Site, Story, Timeline, Quiz) = (
        read(dir, "site.json"),
        read(dir, "story.json"),
        read(dir, "timeline.json"),
        read(dir, "quiz.json"),
    );
    let html = prerender(site.clone(), story.clone(), timeline.clone(), quiz.clone());
    (html, site, story, timeline, quiz)
}

/// `text` as it appears in HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn both(html: &str, zh: &str, en: &str) {
    for (lang, text) in [("zh", zh), ("en", en)] {
        let span = format!("<span data-lang=\"{lang}\">{}</span>", escaped(text));
        assert!(html.contains(&span), "missing {span}");
    }
}

#[test]
fn every_part_of_both_packs_is_in_the_first_paint() {
    for dir in ["public/content", "tests/e2e/fixtures/next-event/content"] {
        let (html, site, story, timeline, quiz) = page(dir);
        both(&html, &site.title.zh, &site.title.en);
        for organiser in &site.organisers {
            both(&html, &organiser.name.zh, &organiser.name.en);
        }
        for section in &story.sections {
            both(&html, &section.heading.zh, &section.heading.en);
            assert!(html.contains(&format!("id=\"story-{}\"", section.id)));
        }
        let entries = timeline.ordered();
        assert_eq!(
            html.matches("class=\"tl-entry\"").count(),
            entries.len(),
            "{dir}"
        );
        for entry in &entries {
            both(&html, &entry.title.zh, &entry.title.en);
            assert!(html.contains(&format!("id=\"entry-{}\"", entry.id)));
            if let Some(time) = &entry.time {
                assert!(html.contains(&format!("<time class=\"tl-entry__time\">{time}</time>")));
            }
            // Before the app runs, a photo is a plain link to itself.
            for photo in &entry.photos {
                let link = format!("href=\"{}\"", escaped(&photo.src));
                assert!(html.contains(&link), "{dir}: no link {link}");
            }
        }
        let title = quiz.shown_title();
        both(&html, &title.zh, &title.en);
        both(&html, "竞答准备中…", "Getting the quiz ready…");
        assert!(
            html.contains("disabled"),
            "the start button waits for the app"
        );
        both(&html, &site.footer_text().zh, &site.footer_text().en);
        // The app's own header, with its label.
        assert!(
            html.contains("<nav aria-label=\"页面导航\" class=\"site-nav\">"),
            "{dir}"
        );
        assert!(!html.contains("<script"), "{dir}");
    }
}

#[test]
fn content_text_never_becomes_markup() {
    let dir = "public/content";
    let (_, mut site, mut story, mut timeline, quiz) = page(dir);
    site.title.zh = "</span><script>alert(1)</script>".into();
    story.sections[0].paragraphs[0].en = "<img src=x onerror=alert(2)>".into();
    timeline.entries[0].title.zh = "\"><b>bold</b>".into();
    let html = prerender(site, story, timeline, quiz);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b>bold"));
    assert!(html.contains("&lt;script&gt;alert(1)"));
}

#[test]
fn the_first_paint_shows_each_video_as_its_poster_with_the_browsers_own_controls() {
    let (html, _, _, timeline, _) = page("tests/e2e/fixtures/next-event/content");
    let videos: Vec<_> = timeline.entries.iter().flat_map(|e| &e.videos).collect();
    assert_eq!(videos.len(), 2);
    for video in videos {
        let at = html
            .find(&format!("src=\"{}\"", video.src))
            .unwrap_or_else(|| panic!("{} is not in the page", video.src));
        let tag = &html[html[..at].rfind("<video").unwrap()..];
        let tag = &tag[..tag.find('>').unwrap()];
        for attribute in [
            format!("poster=\"{}\"", video.poster),
            "preload=\"none\"".into(),
            "controls".into(),
            "playsinline".into(),
            format!("width=\"{}\"", video.width),
        ] {
            assert!(tag.contains(&attribute), "{attribute} missing in {tag}");
        }
        assert!(!tag.contains("autoplay"));
    }
    // Subtitles in both languages, the first paint's (Chinese) on; a
    // recording in its player, downloading nothing before play.
    assert!(html.contains("srclang=\"zh-CN\""), "no Chinese subtitles");
    assert!(html.contains("srclang=\"en\""), "no English subtitles");
    assert!(html.contains("<audio") && html.contains("src=\"content/media/songs."));
    // Before the app runs there is no play button of its own.
    assert!(!html.contains("video__play\""));
}
