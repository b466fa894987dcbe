//! The content model: serde types for the JSON files under `public/content/`,
//! their validation, and problems located by file, JSON path and line:column.
//!
//! No web dependencies, so it is tested natively and reused by tools.

mod model;
mod parse;
mod problem;
mod validate;

pub use model::*;
pub use parse::load;
pub use problem::{Problem, Seg, line_column, locate, path_to_string};
pub use validate::{Validate, is_time_of_day};

/// The content files, as named in URLs and messages.
pub mod files {
    pub const SITE: &str = "site.json";
    pub const STORY: &str = "story.json";
    pub const TIMELINE: &str = "timeline.json";
    pub const QUIZ: &str = "quiz.json";
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
