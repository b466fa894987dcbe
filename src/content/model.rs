//! The shape of the four content files under `public/content/`.
//!
//! Every type rejects unknown fields, so a typo such as `titel` is reported
//! instead of silently ignored.

use serde::{Deserialize, Deserializer, Serialize};

/// A text in both of the site's languages: `{"zh": "…", "en": "…"}` in a
/// file, or a plain string where both read the same (`"1965"`, `"08:30"`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// What a text is called in messages, in the organiser's terms.
pub const TEXT_EXPECTED: &str = "a text: {\"zh\": \"…\", \"en\": \"…\"} or a plain string";

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (zh, en, feedback) = deserializer.deserialize_any(TextVisitor { feedback: false })?;
        debug_assert!(feedback.is_none());
        Ok(Text { zh, en })
    }
}

/// Reads a text (or a quiz option, which may also have `feedback`) from a
/// plain string or an object, with serde's own words for unknown and
/// missing fields, so they are set aside and located like any other.
struct TextVisitor {
    feedback: bool,
}

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = (String, String, Option<Text>);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(TEXT_EXPECTED)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok((text.to_string(), text.to_string(), None))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        const TEXT: &[&str] = &["zh", "en"];
        const CHOICE: &[&str] = &["zh", "en", "feedback"];
        let (mut zh, mut en, mut feedback) = (None, None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "zh" if zh.is_none() => zh = Some(map.next_value::<String>()?),
                "en" if en.is_none() => en = Some(map.next_value::<String>()?),
                "feedback" if self.feedback && feedback.is_none() => {
                    feedback = Some(map.next_value::<Text>()?)
                }
                "zh" | "en" => {
                    return Err(A::Error::duplicate_field(if key == "zh" {
                        "zh"
                    } else {
                        "en"
                    }));
                }
                "feedback" if self.feedback => return Err(A::Error::duplicate_field("feedback")),
                other => {
                    return Err(A::Error::unknown_field(
                        other,
                        if self.feedback { CHOICE } else { TEXT },
                    ));
                }
            }
        }
        let zh = zh.ok_or_else(|| A::Error::missing_field("zh"))?;
        let en = en.ok_or_else(|| A::Error::missing_field("en"))?;
        Ok((zh, en, feedback))
    }
}

/// The schema of a text: an object with both languages, or a string.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A text in Chinese and English, or one plain string where both read the same.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "zh": { "type": "string" }, "en": { "type": "string" } },
                    "required": ["zh", "en"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// One of the site's two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Editors' schema reference; ignored by the site.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub title: Text,
    /// The name under the icon when the site is added to a phone's home
    /// screen (optional: the title's first phrase); about 12 characters.
    #[serde(default)]
    pub short_title: Option<String>,
    /// A line under the title (optional).
    #[serde(default)]
    pub subtitle: Option<Text>,
    /// The date as visitors read it, e.g. "6月6日" / "6 June" (optional with
    /// a `start_date`, from which it is then written in both languages).
    #[serde(default)]
    pub date: Text,
    pub place: Text,
    /// When the event started, for search engines and calendars: an ISO 8601
    /// date such as "2021-06-06", or a date and time such as
    /// "2021-06-06T09:00+08:00".
    #[serde(default)]
    pub start_date: Option<String>,
    /// When it ended, in the same form (optional).
    #[serde(default)]
    pub end_date: Option<String>,
    /// The site's public address, such as "https://example.org/event/":
    /// link previews need absolute addresses for the page and its image.
    #[serde(default)]
    pub url: Option<String>,
    pub organisers: Vec<Organiser>,
    /// What a shared link shows (optional: the title and subtitle by default).
    #[serde(default)]
    pub share: Share,
    /// The line at the foot of the page (optional: the organisers and the date).
    #[serde(default)]
    pub footer: Option<Text>,
}

impl Site {
    /// The line at the foot of the page: `footer`, else who organised it
    /// and when ("主办：甲、乙 · 6月6日" / "Organised by A and B · 6 June").
    pub fn footer_text(&self) -> Text {
        self.footer.clone().unwrap_or_else(|| {
            let names = |lang: Lang| -> Vec<&str> {
                self.organisers.iter().map(|o| o.name.get(lang)).collect()
            };
            let zh = names(Lang::Zh).join("、");
            let en = match names(Lang::En).as_slice() {
                [] => String::new(),
                [one] => one.to_string(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            };
            Text {
                zh: format!("主办：{zh} · {}", self.date.zh),
                en: format!("Organised by {en} · {}", self.date.en),
            }
        })
    }

    /// The title a shared link shows: `share.title`, else the title.
    pub fn share_title(&self) -> Text {
        self.share
            .title
            .clone()
            .unwrap_or_else(|| self.title.clone())
    }

    /// The description a shared link shows: `share.description`, else the
    /// subtitle, else the date and place.
    pub fn share_description(&self) -> Text {
        self.share
            .description
            .clone()
            .or_else(|| self.subtitle.clone())
            .unwrap_or_else(|| Text {
                zh: format!("{} · {}", self.date.zh, self.place.zh),
                en: format!("{} · {}", self.date.en, self.place.en),
            })
    }
}

/// One of the organisations that held the event.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Organiser {
    /// A short unique name, used in links (optional: from its position).
    #[serde(default)]
    pub id: String,
    pub name: Text,
}

/// What a shared link shows; every field is optional.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Default: the site's title.
    #[serde(default)]
    pub title: Option<Text>,
    /// Default: the subtitle, else the date and place.
    #[serde(default)]
    pub description: Option<Text>,
    /// Path of the share image (1200x630 px is best), relative to the site
    /// root. Without one, the build draws `share.png` from the title.
    #[serde(default)]
    pub image: Option<String>,
}

/// `story.json`: the narrative, in sections.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Story {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub sections: Vec<StorySection>,
}

/// A headed part of the story.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StorySection {
    /// A short unique name, used in links (optional: from its position).
    #[serde(default)]
    pub id: String,
    pub heading: Text,
    pub paragraphs: Vec<Text>,
}

/// `timeline.json`: the activities of the day, in order.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub entries: Vec<Entry>,
}

/// One activity of the day.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A short unique name, used in links (optional: from its position).
    #[serde(default)]
    pub id: String,
    /// Time of day as "HH:MM"; when every entry has one they are shown in
    /// time order, otherwise in the order of the file.
    #[serde(default)]
    pub time: Option<String>,
    pub title: Text,
    /// What happened (optional: a tea break needs none).
    #[serde(default)]
    pub text: Option<Text>,
    /// Where it happened, if worth saying.
    #[serde(default)]
    pub place: Option<Text>,
    /// Who spoke or led it.
    #[serde(default)]
    pub speaker: Option<Text>,
    /// Part of the day ("上午" / "Morning"); consecutive entries with the
    /// same part are grouped under it.
    #[serde(default)]
    pub part: Option<Text>,
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// Videos, shown after the photos and in the same viewer sequence.
    #[serde(default)]
    pub videos: Vec<Video>,
    /// Sound recordings (a song, a speech), each in a compact player.
    #[serde(default)]
    pub audio: Vec<Audio>,
}

impl Entry {
    /// How many slides the viewer has for this entry: photos, then videos.
    pub fn slide_count(&self) -> usize {
        self.photos.len() + self.videos.len()
    }

    /// The id of the entry's slide `index` in links (`?photo=ENTRY-N`, N
    /// counting from 1: its photos first, then its videos).
    pub fn slide_id(&self, index: usize) -> String {
        format!("{}-{}", self.id, index + 1)
    }

    /// The entry's slide `index` (counting from 0): its photos first, then
    /// its videos.
    pub fn slide(&self, index: usize) -> Option<Slide> {
        match index.checked_sub(self.photos.len()) {
            None => self.photos.get(index).cloned().map(Slide::Photo),
            Some(video) => self.videos.get(video).cloned().map(Slide::Video),
        }
    }
}

/// What the viewer shows at one place in the day.
#[derive(Debug, Clone, PartialEq)]
pub enum Slide {
    Photo(Photo),
    Video(Video),
}

/// A video with the poster shown until it plays. Nothing but the poster
/// downloads before the visitor presses play.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Video {
    /// Path relative to the site root: an `.mp4` (H.264 video, AAC sound)
    /// or a `.webm`, e.g. `content/media/choir.mp4`.
    pub src: String,
    /// A picture shown until it plays (one of its frames, as a JPEG).
    pub poster: String,
    /// The video's width and height in pixels (the poster's shape).
    pub width: u32,
    pub height: u32,
    /// What it is, for the play button and screen readers (optional: the
    /// entry's title).
    #[serde(default)]
    pub title: Option<Text>,
    /// A line shown under the video (optional).
    #[serde(default)]
    pub caption: Option<Text>,
    /// Who filmed it.
    #[serde(default)]
    pub credit: Option<Text>,
    /// Subtitles as WebVTT files, by language (optional).
    #[serde(default)]
    pub captions: Subtitles,
}

impl Video {
    /// What the video is called: its title, else `fallback` (the entry's).
    pub fn title_or(&self, fallback: &Text) -> Text {
        self.title.clone().unwrap_or_else(|| fallback.clone())
    }
}

/// A video's subtitle files (WebVTT, `.vtt`), one per language.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subtitles {
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
}

impl Subtitles {
    /// Each language that has a file, with the file.
    pub fn tracks(&self) -> impl Iterator<Item = (Lang, &str)> {
        [(Lang::Zh, &self.zh), (Lang::En, &self.en)]
            .into_iter()
            .filter_map(|(lang, src)| Some((lang, src.as_deref()?)))
    }
}

/// A sound recording: an `.m4a`, `.mp3` or `.ogg` file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Audio {
    /// Path relative to the site root, e.g. `content/media/songs.m4a`.
    pub src: String,
    /// What it is, shown with the player (optional: the entry's title).
    #[serde(default)]
    pub title: Option<Text>,
    /// A line shown under the player (optional).
    #[serde(default)]
    pub caption: Option<Text>,
    /// Who recorded it.
    #[serde(default)]
    pub credit: Option<Text>,
}

impl Audio {
    /// What the recording is called: its title, else `fallback` (the entry's).
    pub fn title_or(&self, fallback: &Text) -> Text {
        self.title.clone().unwrap_or_else(|| fallback.clone())
    }
}

/// A photo (or illustration) with the facts needed to show it without a
/// layout shift.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// Path relative to the site root, e.g. `content/photos/oath.svg`.
    pub src: String,
    /// What the photo shows, for screen readers (a warning when missing:
    /// the caption or the entry's title is read instead).
    #[serde(default)]
    pub alt: Option<Text>,
    /// A line shown under the photo (optional).
    #[serde(default)]
    pub caption: Option<Text>,
    /// Who took it.
    #[serde(default)]
    pub credit: Option<Text>,
    pub width: u32,
    pub height: u32,
    /// Smaller copies for small screens, each with its width in pixels.
    #[serde(default)]
    pub srcset: Vec<Variant>,
    /// WebP copies (smaller), offered to browsers that take them.
    #[serde(default)]
    pub webp: Vec<Variant>,
    /// A colour shown while the photo loads, e.g. "#c9a27e".
    #[serde(default)]
    pub color: Option<String>,
}

/// A resized copy of a photo.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub src: String,
    pub width: u32,
}

impl Photo {
    /// The text read out for the photo: its alt, else its caption, else
    /// `fallback` (the entry's title).
    pub fn alt_or(&self, fallback: &Text) -> Text {
        self.alt
            .clone()
            .or_else(|| self.caption.clone())
            .unwrap_or_else(|| fallback.clone())
    }

    /// The `srcset` of the WebP copies, if any.
    pub fn webp_srcset_attr(&self) -> Option<String> {
        (!self.webp.is_empty()).then(|| {
            self.webp
                .iter()
                .map(|v| format!("{} {}w", v.src, v.width))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// The `srcset` attribute: each variant and the original, by width.
    pub fn srcset_attr(&self) -> Option<String> {
        if self.srcset.is_empty() {
            return None;
        }
        let mut all: Vec<(u32, &str)> = self
            .srcset
            .iter()
            .map(|v| (v.width, v.src.as_str()))
            .collect();
        all.push((self.width, self.src.as_str()));
        all.sort_unstable();
        all.dedup_by_key(|(width, _)| *width);
        Some(
            all.iter()
                .map(|(w, src)| format!("{src} {w}w"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// `quiz.json`: the knowledge quiz.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// Default: 知识竞答 / Quiz.
    #[serde(default)]
    pub title: Option<Text>,
    /// A line under the title (optional).
    #[serde(default)]
    pub intro: Option<Text>,
    #[serde(default)]
    pub settings: QuizSettings,
    pub questions: Vec<Question>,
}

impl Quiz {
    /// The title visitors see: the file's, else 知识竞答 / Quiz.
    pub fn shown_title(&self) -> Text {
        self.title.clone().unwrap_or_else(|| {
            let quiz = crate::ui_text::words::QUIZ;
            Text {
                zh: quiz.get(Lang::Zh).into(),
                en: quiz.get(Lang::En).into(),
            }
        })
    }
}

/// How the quiz is run. Every field is optional.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct QuizSettings {
    /// Ask the questions in a random order.
    pub shuffle_questions: bool,
    /// Show each question's options in a random order.
    pub shuffle_options: bool,
    /// Ask only this many questions, drawn at random from all of them.
    pub draw: Option<usize>,
    /// Seconds allowed per question; none means no limit.
    pub time_limit_seconds: Option<u32>,
    /// The percentage needed to pass.
    pub pass_percent: u32,
    /// Multiple choice: credit for each correct option chosen, less each
    /// wrong one, instead of all or nothing.
    pub partial_credit: bool,
    /// Messages by score: the band with the highest `min_percent` reached.
    pub bands: Vec<Band>,
}

impl Default for QuizSettings {
    fn default() -> Self {
        QuizSettings {
            shuffle_questions: false,
            shuffle_options: false,
            draw: None,
            time_limit_seconds: None,
            pass_percent: 60,
            partial_credit: false,
            bands: Vec::new(),
        }
    }
}

/// A message for scores from `min_percent` up.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min_percent: u32,
    pub message: Text,
}

/// One quiz question. The form of `answer` sets its kind: a number for
/// single choice, a list for multiple choice, `true`/`false` for a
/// true-or-false statement (which has no options).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// A short unique name, used in links (optional: from its position).
    #[serde(default)]
    pub id: String,
    /// The kind, when written: without it, the form of `answer` sets it.
    #[serde(default, rename = "type")]
    pub written_kind: Option<QuestionKind>,
    pub prompt: Text,
    #[serde(default)]
    pub image: Option<QuizImage>,
    #[serde(default)]
    pub options: Vec<Choice>,
    pub answer: Answer,
    pub explanation: Text,
}

/// A picture shown with a question.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuizImage {
    pub src: String,
    pub alt: Text,
    pub width: u32,
    pub height: u32,
}

/// An option of a question, with optional feedback shown once answered:
/// `{"zh": "…", "en": "…", "feedback": …}`, or a plain string.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub zh: String,
    pub en: String,
    pub feedback: Option<Text>,
}

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (zh, en, feedback) = deserializer.deserialize_any(TextVisitor { feedback: true })?;
        Ok(Choice { zh, en, feedback })
    }
}

/// The schema of an option: a text, or a text with feedback.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Choice {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Choice".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = generator.subschema_for::<Text>();
        schemars::json_schema!({
            "description": "An option: a plain string, or its Chinese and English with optional feedback shown once answered.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "zh": { "type": "string" }, "en": { "type": "string" }, "feedback": text },
                    "required": ["zh", "en"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl Choice {
    /// The option's text.
    pub fn text(&self) -> Text {
        Text {
            zh: self.zh.clone(),
            en: self.en.clone(),
        }
    }
}

/// The correct answer, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// `2`: single choice, the option's number counting from 1.
    One(usize),
    /// `[1, 3]`: multiple choice, every correct option's number.
    Many(Vec<usize>),
    /// `true` or `false`: a true-or-false statement.
    Truth(bool),
}

/// The kinds of question, as `"type"` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One right option (radio buttons).
    Single,
    /// Every right option must be ticked (checkboxes).
    Multiple,
    /// A statement that is true or false.
    TrueFalse,
}

impl Question {
    /// The kind: as written in `"type"`, else as the answer's form implies.
    pub fn kind(&self) -> QuestionKind {
        self.written_kind.unwrap_or_else(|| self.answer_kind())
    }

    /// The kind the form of `answer` implies.
    pub fn answer_kind(&self) -> QuestionKind {
        match self.answer {
            Answer::One(_) => QuestionKind::Single,
            Answer::Many(_) => QuestionKind::Multiple,
            Answer::Truth(_) => QuestionKind::TrueFalse,
        }
    }

    /// Whether several options may be chosen (shown as checkboxes).
    pub fn is_multiple(&self) -> bool {
        self.kind() == QuestionKind::Multiple
    }

    /// The options to show: the file's, or True and False.
    pub fn choices(&self) -> Vec<Choice> {
        if self.kind() == QuestionKind::TrueFalse {
            let choice = |zh: &str, en: &str| Choice {
                zh: zh.into(),
                en: en.into(),
                feedback: None,
            };
            vec![choice("对", "True"), choice("错", "False")]
        } else {
            self.options.clone()
        }
    }

    /// The correct options as 0-based indexes, sorted.
    pub fn correct_indexes(&self) -> Vec<usize> {
        let mut indexes: Vec<usize> = match &self.answer {
            Answer::One(n) => vec![n.saturating_sub(1)],
            Answer::Many(list) => list.iter().map(|n| n.saturating_sub(1)).collect(),
            Answer::Truth(true) => vec![0],
            Answer::Truth(false) => vec![1],
        };
        indexes.sort_unstable();
        indexes.dedup();
        indexes
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            One(usize),
            Many(Vec<usize>),
            Truth(bool),
        }
        match Written::deserialize(deserializer) {
            Ok(Written::One(n)) => Ok(Answer::One(n)),
            Ok(Written::Many(list)) => Ok(Answer::Many(list)),
            Ok(Written::Truth(truth)) => Ok(Answer::Truth(truth)),
            Err(_) => Err(serde::de::Error::custom(
                "expected the correct option's number (counting from 1) such as 2, a list of numbers such as [1, 3] \
                 for multiple choice, or true / false for a true-or-false question",
            )),
        }
    }
}

/// The schema of `answer`: a number, a list of numbers, or true/false.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The correct answer: the option's number counting from 1 (single choice), a list of numbers (multiple choice), or true / false (a true-or-false statement, with no options).",
            "oneOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "array", "items": { "type": "integer", "minimum": 1 }, "minItems": 1, "uniqueItems": true },
                { "type": "boolean" }
            ]
        })
    }
}
