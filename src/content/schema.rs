//! JSON Schemas of the content files, generated from the types above so
//! they never drift: editors such as VS Code use them (through `"$schema"`
//! in each file) to complete fields and underline mistakes while typing.

use super::{Quiz, Site, Story, Timeline, files};

/// Where the schemas live, relative to the content folder.
pub const DIR: &str = "schema";

/// Each content file with its schema as pretty JSON.
pub fn all() -> Vec<(&'static str, String)> {
    let pretty =
        |schema: schemars::Schema| serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    vec![
        (files::SITE, pretty(schemars::schema_for!(Site))),
        (files::STORY, pretty(schemars::schema_for!(Story))),
        (files::TIMELINE, pretty(schemars::schema_for!(Timeline))),
        (files::QUIZ, pretty(schemars::schema_for!(Quiz))),
    ]
}

/// The schema's file name for a content file: `quiz.json` -> `quiz.schema.json`.
pub fn file_name(content_file: &str) -> String {
    content_file.replace(".json", ".schema.json")
}
