//! Checks beyond the types: what JSON can express but the site cannot use.

use super::json_text::SourceMap;
use super::model::{
    Answer, Audio, Band, Choice, Entry, Photo, Question, QuestionKind, Quiz, QuizSettings, Site,
    Story, Text, Timeline, Variant, Video,
};
use super::problem::{Problem, Seg, SetAside, Severity, Step, path_to_string};
use std::collections::HashMap;

/// Collects the problems of one file, locating each in the source text.
pub struct Checker<'a, 'm> {
    file: &'a str,
    map: &'m SourceMap<'a>,
    set_aside: Option<&'m SetAside>,
    path: Vec<Seg>,
    problems: Vec<Problem>,
}

impl<'a, 'm> Checker<'a, 'm> {
    /// A checker of `file`, whose text `map` maps.
    pub fn new(file: &'a str, map: &'m SourceMap<'a>) -> Self {
        Checker {
            file,
            map,
            set_aside: None,
            path: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The same, for a value read without the list items in `set_aside`:
    /// its problems are placed where the file has them.
    pub fn reading_around(mut self, set_aside: &'m SetAside) -> Self {
        self.set_aside = Some(set_aside);
        self
    }

    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Runs `check` with `seg` appended to the current path.
    fn at(&mut self, seg: Seg, check: impl FnOnce(&mut Self)) {
        self.path.push(seg);
        check(self);
        self.path.pop();
    }

    /// Reports a problem at the current path (or the nearest part of it
    /// that exists in the file).
    fn report(&mut self, en: impl Into<String>, zh: impl Into<String>) {
        let path = self.in_file(&self.path);
        let (line, column) = self.map.place(&path);
        self.problems.push(Problem {
            file: self.file.to_string(),
            path: path_to_string(&path),
            line,
            column,
            message: en.into(),
            message_zh: zh.into(),
            severity: Severity::Error,
            more: 0,
        });
    }

    /// Reports a warning at the current path: the site works, but it is
    /// probably not what the organisers meant.
    fn warn(&mut self, en: impl Into<String>, zh: impl Into<String>) {
        self.report(en, zh);
        if let Some(last) = self.problems.last_mut() {
            last.severity = Severity::Warning;
        }
    }

    /// Checks a text under `key`: both languages must be present.
    fn text(&mut self, key: &'static str, text: &Text) {
        self.at(Seg::Key(key), |c| c.text_here(text));
    }

    /// Checks each text that is given, at its key (a field left out is fine).
    fn texts<'t>(&mut self, fields: impl IntoIterator<Item = (&'static str, Option<&'t Text>)>) {
        for (key, text) in fields {
            if let Some(text) = text {
                self.text(key, text);
            }
        }
    }

    /// Checks the text at the current path.
    fn text_here(&mut self, text: &Text) {
        for (lang, name, name_zh, value) in [
            ("zh", "Chinese", "中文", &text.zh),
            ("en", "English", "英文", &text.en),
        ] {
            if value.trim().is_empty() {
                self.at(Seg::Key(lang), |c| {
                    c.report(
                        format!("the {name} text is empty"),
                        format!("{name_zh}文本为空"),
                    )
                });
            }
        }
    }

    /// Whether the file writes `key` at the current path.
    fn has(&self, key: &'static str) -> bool {
        let mut path = self.in_file(&self.path);
        path.push(Seg::Key(key));
        self.map.locate(&path).is_some()
    }

    /// A path in the value as a path in the file (they differ when list
    /// items were set aside).
    fn in_file<'s>(&self, path: &[Step<'s>]) -> Vec<Step<'s>> {
        match self.set_aside {
            Some(set_aside) => set_aside.in_file(path),
            None => path.to_vec(),
        }
    }

    /// Checks an item's id, if it has one (without one, it gets one from its
    /// position: see `fill_ids`).
    fn id(&mut self, id: &str, seen: &mut HashMap<String, usize>, index: usize, list: &str) {
        if !self.has("id") {
            return;
        }
        self.at(Seg::Key("id"), |c| {
            if id.trim().is_empty() {
                c.report(
                    "the id is empty; give each item a short unique name such as \"oath\"",
                    "id 为空：请给每一项起一个简短且唯一的名字，例如 \"oath\"",
                );
            } else if let Some(first) = seen.insert(id.to_string(), index) {
                let first = path_to_string(&c.in_file(&[Step::Key(list), Step::Index(first)]));
                c.report(
                    format!("the id \"{id}\" is used twice: also by {first}; ids must be unique"),
                    format!("id \"{id}\" 重复：{first} 也用了它；id 必须唯一"),
                );
            }
        });
    }

    /// Checks a picture's file, alt text and size.
    fn picture(&mut self, src: &str, alt: Option<&Text>, width: u32, height: u32) {
        if src.trim().is_empty() {
            self.at(Seg::Key("src"), |c| {
                c.report(
                    "the photo has no file (src is empty)",
                    "照片没有文件（src 为空）",
                )
            });
        } else {
            self.at(Seg::Key("src"), |c| c.safe_src(src));
        }
        match alt {
            Some(alt) => self.text("alt", alt),
            None => self.warn(
                "the photo has no \"alt\": screen readers read its caption or the entry's title instead; add \"alt\": {\"zh\": \"…\", \"en\": \"…\"} saying what the photo shows",
                "照片没有 \"alt\"：读屏软件会改读图注或条目标题；请加上 \"alt\": {\"zh\": \"…\", \"en\": \"…\"}，说明照片里是什么",
            ),
        }
        for (key, value) in [("width", width), ("height", height)] {
            if value == 0 {
                self.at(Seg::Key(key), |c| {
                    c.report(
                        format!("{key} must be the photo's real {key} in pixels, not 0"),
                        format!("{key} 必须是照片的实际像素尺寸，不能为 0"),
                    )
                });
            }
        }
    }

    /// Checks a recording: its file and format, and its texts.
    fn audio(&mut self, audio: &Audio) {
        self.media_file(&audio.src, MediaKind::Audio);
        self.texts([
            ("title", audio.title.as_ref()),
            ("caption", audio.caption.as_ref()),
            ("credit", audio.credit.as_ref()),
        ]);
    }

    /// Checks a photo: its file, alt text and size, texts, smaller copies
    /// and placeholder colour.
    fn photo(&mut self, photo: &Photo) {
        self.picture(&photo.src, photo.alt.as_ref(), photo.width, photo.height);
        self.texts([
            ("caption", photo.caption.as_ref()),
            ("credit", photo.credit.as_ref()),
        ]);
        for (key, variants) in [("srcset", &photo.srcset), ("webp", &photo.webp)] {
            self.each(key, variants, |c, _, variant: &Variant| {
                c.at(Seg::Key("src"), |c| c.safe_src(&variant.src));
                if variant.src.trim().is_empty() {
                    c.at(Seg::Key("src"), |c| {
                        c.report(
                            "the variant has no file (src is empty)",
                            "这个尺寸版本没有文件（src 为空）",
                        )
                    });
                }
                if variant.width == 0 {
                    c.at(Seg::Key("width"), |c| {
                        c.report(
                            "width must be the variant's width in pixels, not 0",
                            "width 必须是该版本的像素宽度，不能为 0",
                        )
                    });
                }
            });
        }
        if let Some(color) = &photo.color
            && !is_hex_colour(color)
        {
            self.at(Seg::Key("color"), |c| {
                c.report(
                    format!(
                        "\"{color}\" is not a colour; write it as \"#rrggbb\", e.g. \"#c9a27e\""
                    ),
                    format!("\"{color}\" 不是颜色：请写成 \"#rrggbb\"，例如 \"#c9a27e\""),
                )
            });
        }
    }

    /// Checks a video: its file and format, poster, size, texts and
    /// subtitles.
    fn video(&mut self, video: &Video) {
        self.media_file(&video.src, MediaKind::Video);
        self.at(Seg::Key("poster"), |c| {
            if video.poster.trim().is_empty() {
                c.report(
                    "the video has no poster (poster is empty): give a picture shown until it plays, such as one of its frames as a JPEG",
                    "视频没有封面（poster 为空）：请给一张播放前显示的图片，例如视频中的一帧（JPEG）",
                );
            } else {
                c.safe_src(&video.poster);
            }
        });
        for (key, value) in [("width", video.width), ("height", video.height)] {
            if value == 0 {
                self.at(Seg::Key(key), |c| {
                    c.report(
                        format!("{key} must be the video's real {key} in pixels, not 0"),
                        format!("{key} 必须是视频的实际像素尺寸，不能为 0"),
                    )
                });
            }
        }
        self.texts([
            ("title", video.title.as_ref()),
            ("caption", video.caption.as_ref()),
            ("credit", video.credit.as_ref()),
        ]);
        self.at(Seg::Key("captions"), |c| {
            for (lang, src) in video.captions.tracks() {
                c.at(Seg::Key(lang.code()), |c| c.subtitles_file(src));
            }
        });
    }

    /// A video's or a recording's file: there, safe, and in a format every
    /// phone's browser plays.
    fn media_file(&mut self, src: &str, kind: MediaKind) {
        self.at(Seg::Key("src"), |c| {
            if src.trim().is_empty() {
                let (en, zh) = match kind {
                    MediaKind::Video => (
                        "the video has no file (src is empty)",
                        "视频没有文件（src 为空）",
                    ),
                    MediaKind::Audio => (
                        "the recording has no file (src is empty)",
                        "录音没有文件（src 为空）",
                    ),
                };
                c.report(en, zh);
                return;
            }
            c.safe_src(src);
            if let Err((en, zh)) = media_format(src, kind) {
                c.report(en, zh);
            }
        });
    }

    /// A subtitles file: a WebVTT `.vtt`.
    fn subtitles_file(&mut self, src: &str) {
        if src.trim().is_empty() {
            self.report(
                "the subtitles file is empty (\"\"): give a .vtt file, or leave the language out",
                "字幕文件为空（\"\"）：请填写 .vtt 文件，或删去这种语言",
            );
            return;
        }
        self.safe_src(src);
        if extension(src) != "vtt" {
            self.report(
                format!("\"{src}\" is not a WebVTT file: browsers show subtitles only from .vtt files. Convert it (an .srt becomes WebVTT by adding the line WEBVTT at the top and writing times with a dot, 00:00:01.000) and name it .vtt"),
                format!("\"{src}\" 不是 WebVTT 文件：浏览器只显示 .vtt 字幕。请转换（.srt 在首行加上 WEBVTT，时间里的逗号改成点，如 00:00:01.000），并以 .vtt 命名"),
            );
        }
    }

    /// A picture's address must be a file path or an https address:
    /// `javascript:`, `data:` and other schemes are refused, and so are
    /// `http://` addresses, which the page's security policy blocks.
    fn safe_src(&mut self, src: &str) {
        match src_kind(src) {
            SrcKind::Path | SrcKind::Https => {}
            SrcKind::Http => self.report(
                format!("\"{src}\" starts with http://: browsers block insecure pictures on a secure page, so visitors would see a placeholder; use its https:// address, or put the photo in content/photos"),
                format!("\"{src}\" 以 http:// 开头：安全网页会拦截不安全的图片，访客只会看到占位框；请改用 https:// 网址，或把照片放进 content/photos"),
            ),
            SrcKind::Refused => self.report(
                format!("\"{src}\" is not allowed: use a file path such as content/photos/a.jpg (no spaces, commas or quotes) or an https address"),
                format!("不允许使用 \"{src}\"：请写文件路径（如 content/photos/a.jpg，不含空格、逗号或引号）或 https 网址"),
            ),
        }
    }

    /// Checks each item of a list under `key` with its own path.
    fn each<T>(
        &mut self,
        key: &'static str,
        items: &[T],
        mut check: impl FnMut(&mut Self, usize, &T),
    ) {
        self.at(Seg::Key(key), |c| {
            for (index, item) in items.iter().enumerate() {
                c.at(Seg::Index(index), |c| check(c, index, item));
            }
        });
    }
}

/// Content that can check itself beyond its types.
pub trait Validate {
    /// Reports every problem through `checker`.
    fn validate(&self, checker: &mut Checker);

    /// Fills in what a usable file may leave out (ids from positions, the
    /// date from `start_date`); runs once the file has no error.
    fn complete(&mut self) {}
}

/// Gives each item without an id (written as none) one from its position,
/// 1, 2, 3…, or `N-2`, `N-3`… where another item already uses it.
fn fill_ids<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut ids: Vec<&mut String> = ids.collect();
    let taken: std::collections::HashSet<String> = ids.iter().map(|id| id.to_string()).collect();
    for (index, id) in ids.iter_mut().enumerate() {
        if id.is_empty() {
            let mut candidate = (index + 1).to_string();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{}-{n}", index + 1);
                n += 1;
            }
            **id = candidate;
        }
    }
}

impl Validate for Site {
    fn validate(&self, c: &mut Checker) {
        if !c.has("date") && !self.start_date.as_deref().is_some_and(is_iso_date) {
            c.report(
                "there is no \"date\": write the date as visitors read it, {\"zh\": \"9月18日\", \"en\": \"18 September\"}, or a \"start_date\" such as \"2026-09-18\" to show it in both languages",
                "没有填写 \"date\"：请写出访客看到的日期，如 {\"zh\": \"9月18日\", \"en\": \"18 September\"}，或者填写 \"start_date\"（如 \"2026-09-18\"），日期会自动以两种语言显示",
            );
        }
        let date = c.has("date").then_some(&self.date);
        c.texts([
            ("title", Some(&self.title)),
            ("subtitle", self.subtitle.as_ref()),
            ("date", date),
            ("place", Some(&self.place)),
            ("footer", self.footer.as_ref()),
        ]);
        if self.organisers.is_empty() {
            c.at(Seg::Key("organisers"), |c| {
                c.report("list at least one organiser", "请至少列出一个主办单位")
            });
        }
        let mut ids = HashMap::new();
        c.each("organisers", &self.organisers, |c, i, organiser| {
            c.id(&organiser.id, &mut ids, i, "organisers");
            c.text("name", &organiser.name);
        });
        for (key, date) in [
            ("start_date", &self.start_date),
            ("end_date", &self.end_date),
        ] {
            if let Some(date) = date.as_deref().filter(|d| !is_iso_date(d)) {
                c.at(Seg::Key(key), |c| {
                    c.report(
                        format!("\"{date}\" is not an ISO 8601 date: write 2021-06-06, or 2021-06-06T09:00+08:00 with a time"),
                        format!("\"{date}\" 不是 ISO 8601 日期：请写成 2021-06-06，带时间则写 2021-06-06T09:00+08:00"),
                    )
                });
            }
        }
        if let Some(url) = self.url.as_deref().filter(|u| !is_site_url(u)) {
            c.at(Seg::Key("url"), |c| {
                c.report(
                    format!("\"{url}\" is not the site's full address: write it as https://example.org/event/ (with https:// and the host)"),
                    format!("\"{url}\" 不是网站的完整网址：请写成 https://example.org/event/（含 https:// 和域名）"),
                )
            });
        }
        c.at(Seg::Key("share"), |c| {
            if let Some(image) = &self.share.image {
                c.at(Seg::Key("image"), |c| c.safe_src(image));
            }
            c.texts([
                ("title", self.share.title.as_ref()),
                ("description", self.share.description.as_ref()),
            ]);
        });
    }

    fn complete(&mut self) {
        fill_ids(self.organisers.iter_mut().map(|o| &mut o.id));
        if self.date.zh.is_empty()
            && self.date.en.is_empty()
            && let Some(date) = self.start_date.as_deref().and_then(date_words)
        {
            self.date = date;
        }
    }
}

impl Validate for Story {
    fn validate(&self, c: &mut Checker) {
        if self.sections.is_empty() {
            c.at(Seg::Key("sections"), |c| {
                c.report(
                    "the story has no sections",
                    "活动纪实没有任何段落（sections 为空）",
                )
            });
        }
        let mut ids = HashMap::new();
        c.each("sections", &self.sections, |c, i, section| {
            c.id(&section.id, &mut ids, i, "sections");
            c.text("heading", &section.heading);
            if section.paragraphs.is_empty() {
                c.at(Seg::Key("paragraphs"), |c| {
                    c.report("this section has no paragraphs", "这一节没有正文段落")
                });
            }
            c.each("paragraphs", &section.paragraphs, |c, _, paragraph| {
                c.text_here(paragraph)
            });
        });
    }

    fn complete(&mut self) {
        fill_ids(self.sections.iter_mut().map(|s| &mut s.id));
    }
}

impl Validate for Timeline {
    fn validate(&self, c: &mut Checker) {
        if self.entries.is_empty() {
            c.at(Seg::Key("entries"), |c| {
                c.report("the timeline has no entries", "日程没有任何条目")
            });
        }
        let timed = self.entries.iter().filter(|e| e.time.is_some()).count();
        let mixed = timed > 0 && timed < self.entries.len();
        let mut ids = HashMap::new();
        c.each("entries", &self.entries, |c, i, entry: &Entry| {
            c.id(&entry.id, &mut ids, i, "entries");
            match &entry.time {
                Some(time) if !is_time_of_day(time) => c.at(Seg::Key("time"), |c| {
                    c.report(
                        format!(
                            "\"{time}\" is not a time of day; write it as HH:MM, e.g. \"09:30\""
                        ),
                        format!("\"{time}\" 不是时间：请写成 HH:MM，例如 \"09:30\""),
                    )
                }),
                None if mixed => c.report(
                    "this entry has no \"time\" but others do; give every entry a time, or none",
                    "这一条没有 \"time\"，其他条目却有：要么每条都写时间，要么都不写",
                ),
                _ => {}
            }
            c.text("title", &entry.title);
            c.texts([
                ("text", entry.text.as_ref()),
                ("place", entry.place.as_ref()),
                ("speaker", entry.speaker.as_ref()),
                ("part", entry.part.as_ref()),
            ]);
            c.each("videos", &entry.videos, |c, _, video: &Video| {
                c.video(video)
            });
            c.each("audio", &entry.audio, |c, _, audio: &Audio| c.audio(audio));
            c.each("photos", &entry.photos, |c, _, photo: &Photo| {
                c.photo(photo)
            });
        });
    }

    fn complete(&mut self) {
        fill_ids(self.entries.iter_mut().map(|e| &mut e.id));
    }
}

impl Validate for Quiz {
    fn validate(&self, c: &mut Checker) {
        c.texts([
            ("title", self.title.as_ref()),
            ("intro", self.intro.as_ref()),
        ]);
        if self.questions.is_empty() {
            c.at(Seg::Key("questions"), |c| {
                c.report("the quiz has no questions", "竞答没有任何题目")
            });
        }
        c.at(Seg::Key("settings"), |c| {
            self.settings.check(c, self.questions.len())
        });
        // One answer of 0 suggests every answer was counted from 0.
        let counted_from_zero = self
            .questions
            .iter()
            .any(|q| answer_numbers(&q.answer).contains(&0));
        let mut ids = HashMap::new();
        c.each("questions", &self.questions, |c, i, question: &Question| {
            c.id(&question.id, &mut ids, i, "questions");
            c.text("prompt", &question.prompt);
            c.text("explanation", &question.explanation);
            if let Some(image) = &question.image {
                c.at(Seg::Key("image"), |c| {
                    c.picture(&image.src, Some(&image.alt), image.width, image.height)
                });
            }
            check_options(c, question);
            c.at(Seg::Key("answer"), |c| {
                check_kind(c, question);
                let options = question.choices().len();
                check_answer(c, &question.answer, options);
                let numbers = answer_numbers(&question.answer);
                if counted_from_zero && !numbers.is_empty() && !numbers.contains(&0) {
                    c.warn(
                        "another answer in this quiz is 0, as if options were counted from 0: options count from 1 (the first option is 1), so check this answer too",
                        "本竞答中有答案写成了 0，像是从 0 开始数选项：选项从 1 开始编号（第一个选项是 1），请一并检查本题答案",
                    );
                }
            });
        });
    }

    fn complete(&mut self) {
        fill_ids(self.questions.iter_mut().map(|q| &mut q.id));
    }
}

impl QuizSettings {
    fn check(&self, c: &mut Checker, questions: usize) {
        if let Some(draw) = self.draw
            && (draw == 0 || draw > questions)
        {
            c.at(Seg::Key("draw"), |c| {
                c.report(
                    format!(
                        "draw {draw} questions is impossible: there are {questions}; use a number from 1 to {questions}"
                    ),
                    format!("无法抽取 {draw} 道题：一共只有 {questions} 道；请填 1 到 {questions}"),
                )
            });
        }
        if let Some(seconds) = self.time_limit_seconds
            && seconds < 5
        {
            c.at(Seg::Key("time_limit_seconds"), |c| {
                c.report(
                    format!("{seconds} seconds is too short to read a question; allow at least 5"),
                    format!("{seconds} 秒太短，来不及读题；至少留 5 秒"),
                )
            });
        }
        if self.pass_percent > 100 {
            c.at(Seg::Key("pass_percent"), |c| {
                c.report(
                    "pass_percent is a percentage: 0 to 100",
                    "pass_percent 是百分比：0 到 100",
                )
            });
        }
        c.each("bands", &self.bands, |c, _, band: &Band| {
            if band.min_percent > 100 {
                c.at(Seg::Key("min_percent"), |c| {
                    c.report(
                        "min_percent is a percentage: 0 to 100",
                        "min_percent 是百分比：0 到 100",
                    )
                });
            }
            c.text("message", &band.message);
        });
    }
}

fn check_options(c: &mut Checker, question: &Question) {
    let count = question.options.len();
    if question.kind() == QuestionKind::TrueFalse {
        if count > 0 {
            c.at(Seg::Key("options"), |c| {
                c.report(
                    "a true-or-false question (\"answer\": true or false) takes no options; remove them or answer with an option number",
                    "判断题（\"answer\": true 或 false）不需要 options：请删掉选项，或把答案改成选项编号",
                )
            });
        }
        return;
    }
    if count < 2 {
        c.at(Seg::Key("options"), |c| {
            c.report(
                "a question needs at least two options",
                "每道题至少要有两个选项",
            )
        });
    }
    c.each("options", &question.options, |c, _, option: &Choice| {
        c.text_here(&option.text());
        if let Some(feedback) = &option.feedback {
            c.text("feedback", feedback);
        }
    });
}

/// The option numbers an answer gives (none for true or false).
fn answer_numbers(answer: &Answer) -> Vec<usize> {
    match answer {
        Answer::Truth(_) => Vec::new(),
        Answer::One(n) => vec![*n],
        Answer::Many(list) => list.clone(),
    }
}

/// A written `"type"` must agree with the answer's form; without one, a
/// one-element list is most likely a single answer written in brackets.
fn check_kind(c: &mut Checker, question: &Question) {
    use QuestionKind::{Multiple, Single, TrueFalse};
    let mismatch = match (question.written_kind, &question.answer) {
        (None, Answer::Many(list)) if list.len() == 1 => {
            let n = list[0];
            c.warn(
                format!("the answer [{n}] is a list, so visitors get checkboxes (multiple choice) for one right option; for a single answer write \"answer\": {n} without brackets, or add \"type\": \"multiple\" if checkboxes are meant"),
                format!("答案 [{n}] 是列表，访客会看到多选框（多选题），却只有一个正确选项；单选题请写 \"answer\": {n}（不加方括号），若确实是多选题请加上 \"type\": \"multiple\""),
            );
            return;
        }
        (Some(Single), Answer::Many(list)) => list.len() > 1,
        (Some(Single | Multiple), Answer::Truth(_)) => true,
        (Some(TrueFalse), Answer::Many(_)) => true,
        _ => false,
    };
    if mismatch {
        c.report(
            "the answer does not fit \"type\": single choice takes one number such as 2, multiple choice a list such as [1, 3], true_false true or false",
            "答案与 \"type\" 不符：单选题写一个编号（如 2），多选题写编号列表（如 [1, 3]），判断题写 true 或 false",
        );
    }
}

fn check_answer(c: &mut Checker, answer: &Answer, options: usize) {
    let numbers = answer_numbers(answer);
    if matches!(answer, Answer::Truth(_)) {
        return;
    }
    if numbers.is_empty() {
        c.report(
            "no correct option is given; write its number, e.g. \"answer\": 2",
            "没有给出正确答案：请写出选项编号，例如 \"answer\": 2",
        );
        return;
    }
    let mut seen = Vec::new();
    for number in numbers {
        if number == 0 {
            c.report(
                "answer 0 does not exist: options are numbered from 1 (the first option is 1, not 0)",
                "答案 0 不存在：选项从 1 开始编号（第一个选项是 1，不是 0）",
            );
        } else if number > options {
            c.report(
                format!(
                    "answer {number} does not exist: this question has {options} options, numbered 1 to {options}"
                ),
                format!("答案 {number} 不存在：本题只有 {options} 个选项，编号为 1 到 {options}"),
            );
        } else if seen.contains(&number) {
            c.report(
                format!("answer {number} is listed twice"),
                format!("答案 {number} 写了两次"),
            );
        }
        seen.push(number);
    }
}

/// A date as visitors read it, from an ISO 8601 `start_date`:
/// "2026-09-18" gives 9月18日 / 18 September.
pub fn date_words(iso: &str) -> Option<Text> {
    if !is_iso_date(iso) {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month: usize = iso.get(5..7)?.parse().ok()?;
    let day: u32 = iso.get(8..10)?.parse().ok()?;
    Some(Text {
        zh: format!("{month}月{day}日"),
        en: format!("{day} {}", MONTHS.get(month.checked_sub(1)?)?),
    })
}

/// A kind of time-based media.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Video,
    Audio,
}

/// The extensions of the video and sound files every phone's browser plays.
pub const VIDEO_EXTENSIONS: [&str; 3] = ["mp4", "m4v", "webm"];
pub const AUDIO_EXTENSIONS: [&str; 3] = ["m4a", "mp3", "ogg"];

/// How to make a video every phone plays, for messages.
const EXPORT_MP4: &str = "export it as an MP4 with H.264 video and AAC sound: in HandBrake, the preset \"Fast 1080p30\"; with ffmpeg, `ffmpeg -i in.mov -c:v libx264 -crf 23 -c:a aac -movflags +faststart out.mp4`; on an iPhone, set Settings › Camera › Formats to \"Most Compatible\" before filming";
const EXPORT_MP4_ZH: &str = "请导出为 MP4（H.264 视频、AAC 音频）：HandBrake 用预设 \"Fast 1080p30\"；ffmpeg 用 `ffmpeg -i in.mov -c:v libx264 -crf 23 -c:a aac -movflags +faststart out.mp4`；iPhone 拍摄前把 设置 › 相机 › 格式 设为“兼容性最佳”";

/// The lower-case extension of a path or address (without its query).
pub fn extension(src: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether `src` is a format browsers play as `kind`; otherwise what to
/// do, in English and Chinese.
pub fn media_format(src: &str, kind: MediaKind) -> Result<(), (String, String)> {
    let ext = extension(src);
    match kind {
        MediaKind::Video if VIDEO_EXTENSIONS.contains(&ext.as_str()) => Ok(()),
        MediaKind::Audio if AUDIO_EXTENSIONS.contains(&ext.as_str()) => Ok(()),
        MediaKind::Video if matches!(ext.as_str(), "mov" | "qt" | "hevc" | "h265" | "heic") => {
            Err((
                format!(
                    "\"{src}\" is an Apple QuickTime/HEVC video, which Android phones and the chat apps' browsers do not play; {EXPORT_MP4}"
                ),
                format!(
                    "\"{src}\" 是苹果 QuickTime/HEVC 视频，安卓手机和聊天软件内置浏览器无法播放。{EXPORT_MP4_ZH}"
                ),
            ))
        }
        MediaKind::Video if AUDIO_EXTENSIONS.contains(&ext.as_str()) => Err((
            format!(
                "\"{src}\" is a sound file: put it in the entry's \"audio\" list, not \"videos\""
            ),
            format!("\"{src}\" 是音频文件：请放在条目的 \"audio\" 列表里，而不是 \"videos\""),
        )),
        MediaKind::Video => Err((
            format!(
                "\"{src}\" is not a video format every phone plays (.mp4 or .webm); {EXPORT_MP4}"
            ),
            format!("\"{src}\" 不是所有手机都能播放的视频格式（.mp4 或 .webm）。{EXPORT_MP4_ZH}"),
        )),
        MediaKind::Audio => Err((
            format!(
                "\"{src}\" is not a sound format every phone plays: convert it to .m4a (AAC) or .mp3, e.g. `ffmpeg -i in.{ext} -c:a aac -b:a 128k out.m4a`"
            ),
            format!(
                "\"{src}\" 不是所有手机都能播放的音频格式：请转换为 .m4a（AAC）或 .mp3，例如 `ffmpeg -i in.{ext} -c:a aac -b:a 128k out.m4a`"
            ),
        )),
    }
}

/// A relative path or an http(s) address (no `javascript:`, `data:`, …).
pub fn is_safe_src(src: &str) -> bool {
    matches!(src_kind(src), SrcKind::Path | SrcKind::Https)
}

/// What kind of address a picture's `src` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SrcKind {
    /// A path on the site, such as `content/photos/a.jpg`.
    Path,
    /// `https://host/...`.
    Https,
    /// `http://host/...`: blocked by the page's policy.
    Http,
    /// Anything else: another scheme (`javascript:`, `data:`), a
    /// protocol-relative `//host`, or characters that would break out of an
    /// attribute or a `srcset` list (spaces, commas, quotes, `<`, `>`, `\\`).
    Refused,
}

/// Parses a picture's address strictly, before it ever reaches an `src`,
/// `srcset` or `href`.
pub fn src_kind(src: &str) -> SrcKind {
    let src = src.trim();
    let clean = !src.is_empty()
        && !src.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, ',' | '"' | '\'' | '<' | '>' | '\\' | '`')
        });
    if !clean {
        return SrcKind::Refused;
    }
    let lower = src.to_ascii_lowercase();
    let with_host = |rest: &str| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !host.contains('@')
    };
    if let Some(rest) = lower.strip_prefix("https://") {
        return if with_host(rest) {
            SrcKind::Https
        } else {
            SrcKind::Refused
        };
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        return if with_host(rest) {
            SrcKind::Http
        } else {
            SrcKind::Refused
        };
    }
    // A path: no scheme (a colon before the first `/`, `?` or `#`) and no
    // other host (`//host`).
    let first = src.split(['/', '?', '#']).next().unwrap_or_default();
    if src.starts_with("//") || first.contains(':') {
        SrcKind::Refused
    } else {
        SrcKind::Path
    }
}

/// "#rgb" or "#rrggbb".
pub fn is_hex_colour(colour: &str) -> bool {
    colour
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// "HH:MM" with 00 <= HH <= 23 and 00 <= MM <= 59.
/// `YYYY-MM-DD`, optionally followed by `THH:MM`, seconds and a zone
/// (`Z` or `+08:00`), with a real month and day.
pub fn is_iso_date(text: &str) -> bool {
    if !text.is_ascii() {
        return false;
    }
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let date_ok = date.len() == 10
        && &date[4..5] == "-"
        && &date[7..8] == "-"
        && number(&date[..4]).is_some()
        && matches!(number(&date[5..7]), Some(1..=12))
        && matches!(number(&date[8..10]), Some(1..=31));
    let Some(time) = time else {
        return date_ok;
    };
    let (clock, zone) = time.split_at(time.find(['Z', '+', '-']).unwrap_or(time.len()));
    let seconds_ok = match clock.get(5..) {
        Some("") => true,
        Some(s) => s.len() == 3 && s.starts_with(':') && matches!(number(&s[1..]), Some(0..=59)),
        None => false,
    };
    let clock_ok = is_time_of_day(clock.get(..5).unwrap_or("")) && seconds_ok;
    let zone_ok = zone.is_empty() || zone == "Z" || (zone.len() == 6 && is_time_of_day(&zone[1..]));
    date_ok && clock_ok && zone_ok
}

/// An absolute http(s) address with a host, such as `https://example.org/event/`.
pub fn is_site_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.and_then(|r| r.split('/').next())
        .is_some_and(|host| !host.is_empty() && !host.contains(char::is_whitespace))
        && !url.contains(['"', '<', '>', ' '])
}

pub fn is_time_of_day(time: &str) -> bool {
    let bytes = time.as_bytes();
    bytes.len() == 5
        && bytes[2] == b':'
        && time[..2]
            .parse::<u8>()
            .is_ok_and(|h| h < 24 && bytes[0].is_ascii_digit() && bytes[1].is_ascii_digit())
        && time[3..]
            .parse::<u8>()
            .is_ok_and(|m| m < 60 && bytes[3].is_ascii_digit() && bytes[4].is_ascii_digit())
}
