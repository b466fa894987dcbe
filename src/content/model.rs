//! The shape of the four content files under `public/content/`.
//!
//! Every type rejects unknown fields, so a typo such as `titel` is reported
//! instead of silently ignored.

use serde::{Deserialize, Deserializer};

/// A text in both of the site's languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// One of the site's two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code used in URLs and saved preferences.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `en`, `en-GB`, ...
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code.starts_with("zh") {
            Some(Lang::Zh)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The other language (for the switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// `site.json`: the event itself and how it is shared.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Editors' schema reference; ignored by the site.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub title: Text,
    pub subtitle: Text,
    /// The date as visitors read it, e.g. "6月6日" / "6 June".
    pub date: Text,
    pub place: Text,
    pub organisers: Vec<Organiser>,
    pub share: Share,
}

/// One of the organisations that held the event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organiser {
    pub id: String,
    pub name: Text,
}

/// What a shared link shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Share {
    pub title: Text,
    pub description: Text,
    /// Path of the share image, relative to the site root.
    pub image: String,
}

/// `story.json`: the narrative, in sections.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub sections: Vec<StorySection>,
}

/// A headed part of the story.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorySection {
    pub id: String,
    pub heading: Text,
    pub paragraphs: Vec<Text>,
}

/// `timeline.json`: the activities of the day, in order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub entries: Vec<Entry>,
}

/// One activity of the day.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    /// Time of day as "HH:MM"; when every entry has one they are shown in
    /// time order, otherwise in the order of the file.
    #[serde(default)]
    pub time: Option<String>,
    pub title: Text,
    pub text: Text,
    #[serde(default)]
    pub photos: Vec<Photo>,
}

/// A photo (or illustration) with the facts needed to show it without a
/// layout shift.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// Path relative to the site root, e.g. `content/photos/oath.svg`.
    pub src: String,
    pub alt: Text,
    pub caption: Text,
    pub width: u32,
    pub height: u32,
}

/// `quiz.json`: the knowledge quiz.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub title: Text,
    pub intro: Text,
    pub questions: Vec<Question>,
}

/// One quiz question. With one correct option it is single choice; with
/// several, every correct option must be chosen.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub prompt: Text,
    pub options: Vec<Text>,
    /// The correct option numbers, counting from 1: `2` or `[1, 3]`.
    pub answer: Answer,
    pub explanation: Text,
}

/// Correct option numbers (counting from 1), written as one number or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer(pub Vec<usize>);

impl Question {
    /// Whether more than one option is correct (shown as checkboxes).
    pub fn is_multiple(&self) -> bool {
        self.answer.0.len() > 1
    }

    /// The correct options as 0-based indexes, sorted.
    pub fn correct_indexes(&self) -> Vec<usize> {
        let mut indexes: Vec<usize> = self.answer.0.iter().map(|n| n.saturating_sub(1)).collect();
        indexes.sort_unstable();
        indexes.dedup();
        indexes
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(usize),
            Many(Vec<usize>),
        }
        match OneOrMany::deserialize(deserializer) {
            Ok(OneOrMany::One(n)) => Ok(Answer(vec![n])),
            Ok(OneOrMany::Many(list)) => Ok(Answer(list)),
            Err(_) => Err(serde::de::Error::custom(
                "expected the correct option's number (counting from 1), such as 2, or a list of them, such as [1, 3]",
            )),
        }
    }
}
