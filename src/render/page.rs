//! The parts of a built page that follow the content, each between a pair
//! of comments the build puts in ([`Region`]): the head tags, the whole page
//! as the app's components draw it, and the record of the content files it
//! was drawn from.

use super::head::{ShareImage, head};
use crate::content::check::{BUILT_FROM_META, built_from};
use crate::content::{Problem, Quiz, Site, Story, Timeline, Validate, files, load};
use serde::de::DeserializeOwned;

/// The content a page is rendered from.
#[derive(Clone, Debug)]
pub struct Content {
    pub site: Site,
    pub story: Story,
    pub timeline: Timeline,
    pub quiz: Quiz,
}

impl Content {
    /// Each content file read from its text, `source(file)`, and checked as
    /// the build checks it; else the first file with problems, and them.
    pub fn read(
        mut source: impl FnMut(&'static str) -> Result<String, Vec<Problem>>,
    ) -> Result<Content, (&'static str, Vec<Problem>)> {
        Ok(Content {
            site: read_one(&mut source, files::SITE)?,
            story: read_one(&mut source, files::STORY)?,
            timeline: read_one(&mut source, files::TIMELINE)?,
            quiz: read_one(&mut source, files::QUIZ)?,
        })
    }
}

fn read_one<T: DeserializeOwned + Validate>(
    source: &mut impl FnMut(&'static str) -> Result<String, Vec<Problem>>,
    file: &'static str,
) -> Result<T, (&'static str, Vec<Problem>)> {
    source(file)
        .and_then(|text| load(file, &text))
        .map_err(|problems| (file, problems))
}

/// A rendered part of a page, between `<!--event:NAME-->` and
/// `<!--/event:NAME-->`. Text from the content never holds `<` unescaped,
/// so no content can end a region early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// The `<head>` tags (title, link previews, JSON-LD).
    Head,
    /// The whole page before the app runs, at the start of `<body>`.
    Page,
    /// The `<meta>` naming the content files' fingerprints.
    BuiltFrom,
}

impl Region {
    fn name(self) -> &'static str {
        match self {
            Region::Head => "head",
            Region::Page => "page",
            Region::BuiltFrom => "built-from",
        }
    }

    /// The region's two comments with nothing between: where the build
    /// wants it.
    pub fn empty(self) -> String {
        format!("<!--event:{0}--><!--/event:{0}-->", self.name())
    }
}

/// `html` with `region` holding `inner` instead of what it held; `None`
/// when `html` has no such region (not a page the build wrote).
pub fn fill(html: &str, region: Region, inner: &str) -> Option<String> {
    let (open, close) = (
        format!("<!--event:{}-->", region.name()),
        format!("<!--/event:{}-->", region.name()),
    );
    let start = html.find(&open)? + open.len();
    let end = start + html[start..].find(&close)?;
    Some(format!("{}{inner}{}", &html[..start], &html[end..]))
}

/// The markup at the start of `<body>`: the whole page as the app's
/// components draw it, and what a browser without JavaScript shows.
#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub fn body(content: &Content) -> String {
    format!(
        "<div id=\"prerender\">\n{page}\n\
         <noscript><style>.prerender__note,.prerender__no-script{{display:block}}.prerender__no-wasm,#prerender .site-header,#prerender .tl-entry__copy,#prerender .quiz__actions{{display:none}}</style></noscript>\n</div>",
        page = page_markup(content),
    )
}

/// The page, rendered by the app's components.
#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub fn page_markup(content: &Content) -> String {
    crate::app::prerender(
        content.site.clone(),
        content.story.clone(),
        content.timeline.clone(),
        content.quiz.clone(),
    )
}

/// The record of the content files (`files::ALL`, name and bytes), a `<meta>`
/// for the end of a page's `<head>`.
fn built_from_meta(content_files: &[(&str, &[u8])]) -> String {
    format!(
        "<meta name=\"{BUILT_FROM_META}\" content=\"{}\" />",
        built_from(content_files)
    )
}

/// The event page `html` (the build's template with the regions in, or a
/// page it built) rendered for `site` and the other `content_files`, with
/// `page` (its [`body`], which the build renders natively and the studio
/// with its page renderer) drawn ahead of the app.
pub fn render_event_page(
    html: &str,
    site: &Site,
    page: &str,
    image: &ShareImage,
    content_files: &[(&str, &[u8])],
) -> Result<String, String> {
    let html = fill_or_say(html, Region::Head, &head(site, image))?;
    let html = fill_or_say(&html, Region::Page, &format!("\n{page}\n"))?;
    render_studio_page(&html, content_files)
}

/// The studio's page `html` with the record of the content it was built
/// with (so its check can tell when the host's files changed since).
pub fn render_studio_page(html: &str, content_files: &[(&str, &[u8])]) -> Result<String, String> {
    debug_assert!(content_files.len() == files::ALL.len());
    fill_or_say(html, Region::BuiltFrom, &built_from_meta(content_files))
}

fn fill_or_say(html: &str, region: Region, inner: &str) -> Result<String, String> {
    fill(html, region, inner).ok_or_else(|| {
        format!(
            "the page has no place for {} (no {}): is it a page `cargo xtask build` wrote?",
            region.name(),
            region.empty()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_filled_again_and_the_rest_kept() {
        let html = format!("<head>{}</head><body>x</body>", Region::Head.empty());
        let once = fill(&html, Region::Head, "<title>A</title>").unwrap();
        let twice = fill(&once, Region::Head, "<title>B</title>").unwrap();
        assert_eq!(
            twice,
            "<head><!--event:head--><title>B</title><!--/event:head--></head><body>x</body>"
        );
        assert_eq!(fill("<head></head>", Region::Page, "p"), None);
    }

    #[test]
    fn a_page_rendered_again_for_new_content_keeps_nothing_of_the_earlier_one() {
        let mut site: Site = serde_json::from_str(include_str!("../../public/content/site.json"))
            .expect("the shipped site.json");
        let template = format!(
            "<head>{}<script>start()</script>{}</head><body>{}</body>",
            Region::Head.empty(),
            Region::BuiltFrom.empty(),
            Region::Page.empty()
        );
        let image = ShareImage {
            path: "share.png".into(),
            width: Some(1200),
            height: Some(630),
        };
        let files: Vec<(&str, &[u8])> = files::ALL.iter().map(|f| (*f, &b"{}"[..])).collect();
        let built =
            render_event_page(&template, &site, "<p>Earlier day</p>", &image, &files).unwrap();
        site.title.zh = "下一次活动 <b>".into();
        let again = render_event_page(&built, &site, "<p>Next day</p>", &image, &files).unwrap();
        assert!(
            again.contains("<title>下一次活动 &lt;b&gt;</title>"),
            "{again}"
        );
        assert!(!again.contains("Earlier day"), "{again}");
        assert!(again.contains("<!--event:page-->\n<p>Next day</p>\n<!--/event:page-->"));
        assert!(
            again.contains("<script>start()</script>"),
            "the app still starts"
        );
        assert!(again.contains("<meta name=\"event-content\" content=\"site.json="));
        assert!(render_event_page("<head></head>", &site, "", &image, &files).is_err());
    }
}
