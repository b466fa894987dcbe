//! The content model: serde types for the JSON files under `public/content/`,
//! their validation, and problems located by file, JSON path and line:column.
//!
//! No web dependencies, so it is tested natively and reused by tools.

pub mod check;
mod encoding;
mod json_text;
pub mod media;
mod model;
mod parse;
pub mod photo_copies;
mod problem;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
mod validate;

pub use encoding::decode;
pub use json_text::{SourceMap, locate, value_end};
pub use model::*;
pub use parse::{load, load_with_warnings};
pub use problem::{Problem, Seg, Severity, Step, line_column, path_to_string};
pub use validate::{
    AUDIO_EXTENSIONS, MediaKind, SrcKind, VIDEO_EXTENSIONS, Validate, extension, is_iso_date,
    is_safe_src, is_site_url, is_time_of_day, media_format, src_kind,
};

/// The content files, as named in URLs and messages.
pub mod files {
    pub const SITE: &str = "site.json";
    pub const STORY: &str = "story.json";
    pub const TIMELINE: &str = "timeline.json";
    pub const QUIZ: &str = "quiz.json";
    /// All four, in the order the page needs them.
    pub const ALL: [&str; 4] = [SITE, STORY, TIMELINE, QUIZ];
}

impl Timeline {
    /// The entries in the order to show them: by time of day when every
    /// entry has one, otherwise as written.
    pub fn ordered(&self) -> Vec<Entry> {
        let mut entries = self.entries.clone();
        if entries.iter().all(|e| e.time.is_some()) {
            entries.sort_by(|a, b| a.time.cmp(&b.time));
        }
        entries
    }
}

/// A slide's place in the day (a photo's or a video's): the viewer moves
/// through these in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRef {
    /// Stable id used in links: `{entry id}-{n}`, n counting from 1.
    pub id: String,
    /// Index of the entry (in display order).
    pub entry: usize,
    /// Index of the slide within its entry (photos first, then videos).
    pub index: usize,
    /// How many slides the entry has.
    pub count: usize,
}

/// Every photo and video of the day, entry by entry, in display order: an
/// entry's photos, then its videos.
pub fn gallery(entries: &[Entry]) -> Vec<PhotoRef> {
    entries
        .iter()
        .enumerate()
        .flat_map(|(entry, e)| {
            (0..e.slide_count()).map(move |index| PhotoRef {
                id: e.slide_id(index),
                entry,
                index,
                count: e.slide_count(),
            })
        })
        .collect()
}

#[cfg(test)]
mod gallery_tests {
    use super::*;

    #[test]
    fn every_photo_gets_a_stable_id_in_day_order() {
        let source = r#"{"entries": [
            {"id": "a", "title": {"zh": "甲", "en": "A"}, "text": {"zh": "甲", "en": "A"}, "photos": [
                {"src": "1.jpg", "alt": {"zh": "甲", "en": "A"}, "caption": {"zh": "甲", "en": "A"}, "width": 4, "height": 3},
                {"src": "2.jpg", "alt": {"zh": "甲", "en": "A"}, "caption": {"zh": "甲", "en": "A"}, "width": 4, "height": 3,
                 "srcset": [{"src": "2-480.jpg", "width": 480}, {"src": "2-960.jpg", "width": 960}]}]},
            {"id": "b", "title": {"zh": "乙", "en": "B"}, "text": {"zh": "乙", "en": "B"}},
            {"id": "c", "title": {"zh": "丙", "en": "C"}, "text": {"zh": "丙", "en": "C"}, "photos": [
                {"src": "3.jpg", "alt": {"zh": "丙", "en": "C"}, "caption": {"zh": "丙", "en": "C"}, "width": 3, "height": 4}]}
        ]}"#;
        let timeline: Timeline = load(files::TIMELINE, source).unwrap();
        let refs = gallery(&timeline.ordered());
        let ids: Vec<&str> = refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a-2", "c-1"]);
        assert_eq!((refs[1].entry, refs[1].index, refs[1].count), (0, 1, 2));
        assert_eq!((refs[2].entry, refs[2].count), (2, 1));
        assert_eq!(
            timeline.entries[0].photos[1].srcset_attr().as_deref(),
            Some("2.jpg 4w, 2-480.jpg 480w, 2-960.jpg 960w")
        );
        assert_eq!(timeline.entries[0].photos[0].srcset_attr(), None);
    }

    #[test]
    fn an_entrys_videos_follow_its_photos_in_the_days_sequence() {
        let source = r#"{"entries": [
            {"id": "a", "title": "A", "photos": [{"src": "1.jpg", "width": 4, "height": 3}],
             "videos": [{"src": "v.mp4", "poster": "v.jpg", "width": 16, "height": 9}]},
            {"id": "b", "title": "B", "videos": [{"src": "w.webm", "poster": "w.jpg", "width": 9, "height": 16}]}
        ]}"#;
        let timeline: Timeline = load(files::TIMELINE, source).unwrap();
        let entries = timeline.ordered();
        let refs = gallery(&entries);
        let ids: Vec<&str> = refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a-2", "b-1"]);
        assert!(matches!(entries[0].slide(0), Some(Slide::Photo(p)) if p.src == "1.jpg"));
        assert!(matches!(entries[0].slide(1), Some(Slide::Video(v)) if v.src == "v.mp4"));
        assert!(matches!(entries[1].slide(0), Some(Slide::Video(v)) if v.height == 16));
        assert_eq!(entries[1].slide(1), None);
    }
}
