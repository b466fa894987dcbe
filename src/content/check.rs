//! Checking a whole content folder at once: every file, every problem,
//! plus what needs the files around them (photos that exist, sizes, share
//! texts that chat apps cut). Used by `cargo xtask check` and by the
//! site's `?check` panel, so both report the same.

use super::json_text::SourceMap;
use super::problem::{Problem, SHOWN_PER_KIND, Seg, cap_repeats, path_to_string};
use super::{Photo, Quiz, Site, Story, Timeline, Validate, Video, files, load_with_warnings};
use serde::de::DeserializeOwned;

/// Photos larger than this are slow on a phone network (a warning).
pub const PHOTO_BUDGET_BYTES: u64 = 600 * 1024;
/// Videos and recordings larger than this are slow and costly on a phone
/// network (a warning).
pub const MEDIA_BUDGET_BYTES: u64 = 20 * 1024 * 1024;
/// Share texts longer than these are cut in chat apps' link cards.
const SHARE_TITLE_MAX: (usize, usize) = (30, 70);
const SHARE_DESCRIPTION_MAX: (usize, usize) = (60, 160);

/// What a file a content file refers to is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A photo, a smaller copy of one, a share or quiz picture.
    Photo,
    /// The picture a video shows until it plays.
    Poster,
    Video,
    Audio,
    /// A video's WebVTT subtitles.
    Subtitles,
}

impl FileKind {
    /// What it is called in messages, in English and Chinese.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Photo => ("photo", "照片"),
            FileKind::Poster => ("poster", "视频封面"),
            FileKind::Video => ("video", "视频"),
            FileKind::Audio => ("recording", "录音"),
            FileKind::Subtitles => ("subtitles file", "字幕文件"),
        }
    }

    /// The size above which it is slow on a phone network, if any.
    pub fn budget(self) -> Option<u64> {
        match self {
            FileKind::Photo | FileKind::Poster => Some(PHOTO_BUDGET_BYTES),
            FileKind::Video | FileKind::Audio => Some(MEDIA_BUDGET_BYTES),
            FileKind::Subtitles => None,
        }
    }
}

/// A file a content file refers to (a photo, a video, its poster or
/// subtitles, a recording), and where it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUse {
    /// Path relative to the site root, as written (`content/photos/a.jpg`).
    pub src: String,
    pub kind: FileKind,
    pub file: &'static str,
    pub path: String,
    pub at: (usize, usize),
}

impl FileUse {
    /// The problem when the file is not there.
    pub fn missing(&self) -> Problem {
        let (name, name_zh) = self.kind.names();
        Problem::error(
            self.file,
            &self.path,
            self.at,
            format!(
                "the {name} \"{}\" does not exist; put the file in public/{} or correct the name",
                self.src, self.src
            ),
            format!(
                "{name_zh} \"{}\" 不存在：请把文件放到 public/{}，或改正文件名",
                self.src, self.src
            ),
        )
    }

    /// The warning when the file of `bytes` is over its budget, if it is.
    pub fn too_large(&self, bytes: u64) -> Option<Problem> {
        let budget = self.kind.budget().filter(|budget| bytes > *budget)?;
        let (en, zh) = match self.kind {
            FileKind::Photo | FileKind::Poster => {
                let (kib, budget) = (bytes / 1024, budget / 1024);
                (
                    format!(
                        "\"{}\" is {kib} KB, over the {budget} KB budget for phones; make smaller copies with `cargo xtask photos`",
                        self.src
                    ),
                    format!(
                        "\"{}\" 有 {kib} KB，超过手机的 {budget} KB 上限：请用 `cargo xtask photos` 生成较小的版本",
                        self.src
                    ),
                )
            }
            _ => {
                let (mib, budget) = (bytes.div_ceil(1024 * 1024), budget / (1024 * 1024));
                (
                    format!(
                        "\"{}\" is {mib} MB, over {budget} MB: visitors on a phone network wait long and pay for it. Shorten it, or export it smaller (720p at about 2 Mbit/s: `ffmpeg -i in.mp4 -vf scale=-2:720 -c:v libx264 -crf 28 -c:a aac -b:a 96k -movflags +faststart out.mp4`)",
                        self.src
                    ),
                    format!(
                        "\"{}\" 有 {mib} MB，超过 {budget} MB：访客用手机流量要等很久、花不少流量。请剪短，或导出得小一些（720p，约 2 Mbit/s：`ffmpeg -i in.mp4 -vf scale=-2:720 -c:v libx264 -crf 28 -c:a aac -b:a 96k -movflags +faststart out.mp4`）",
                        self.src
                    ),
                )
            }
        };
        Some(Problem::error(self.file, &self.path, self.at, en, zh).warning())
    }

    /// The error when the file's `bytes` are not what its kind needs: a
    /// video in HEVC or QuickTime, subtitles that are not WebVTT.
    pub fn wrong_content(&self, bytes: &[u8]) -> Option<Problem> {
        let (en, zh) = match self.kind {
            FileKind::Video
                if super::extension(&self.src) != "webm"
                    && super::media::is_unplayable_mp4(bytes) =>
            {
                (
                    format!(
                        "\"{}\" holds HEVC (H.265) or QuickTime video, which most Android phones and the chat apps' browsers do not play; export it as an MP4 with H.264 video and AAC sound (HandBrake: preset \"Fast 1080p30\"; ffmpeg: `-c:v libx264 -c:a aac -movflags +faststart`)",
                        self.src
                    ),
                    format!(
                        "\"{}\" 是 HEVC（H.265）或 QuickTime 视频，多数安卓手机和聊天软件内置浏览器无法播放：请导出为 MP4（H.264 视频、AAC 音频；HandBrake 用预设 \"Fast 1080p30\"，ffmpeg 用 `-c:v libx264 -c:a aac -movflags +faststart`）",
                        self.src
                    ),
                )
            }
            FileKind::Subtitles if !super::media::is_webvtt(bytes) => (
                format!(
                    "\"{}\" is not WebVTT: a subtitles file must begin with the line WEBVTT (an .srt file needs converting: add that line and write times with a dot, 00:00:01.000)",
                    self.src
                ),
                format!(
                    "\"{}\" 不是 WebVTT：字幕文件的第一行必须是 WEBVTT（.srt 需要转换：加上这一行，时间里的逗号改成点，如 00:00:01.000）",
                    self.src
                ),
            ),
            _ => return None,
        };
        Some(Problem::error(self.file, &self.path, self.at, en, zh))
    }

    /// Whether its contents can be checked (a video's codecs, subtitles'
    /// format): the caller reads the file only then.
    pub fn has_content_rules(&self) -> bool {
        matches!(self.kind, FileKind::Video | FileKind::Subtitles)
    }
}

/// Everything found in a content folder.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Problems, errors first, then by file and line.
    pub problems: Vec<Problem>,
    /// Files to look for: photos, videos and the rest (the caller can
    /// reach the files).
    pub files: Vec<FileUse>,
}

impl Report {
    /// How many errors there are, listed or counted in one listed.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == super::Severity::Error)
            .map(Problem::count)
            .sum()
    }

    /// How many warnings there are, listed or counted in one listed.
    pub fn warnings(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == super::Severity::Warning)
            .map(Problem::count)
            .sum()
    }

    /// How many files of `kind` the content uses.
    pub fn count(&self, kind: FileKind) -> usize {
        self.files.iter().filter(|f| f.kind == kind).count()
    }

    /// Adds problems found by the caller (files) and keeps the order;
    /// a mistake repeated many times is listed a few times, then counted.
    pub fn add(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.problems.extend(problems);
        self.problems.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
        });
        self.problems = cap_repeats(std::mem::take(&mut self.problems), SHOWN_PER_KIND);
    }
}

/// Checks the four content files; `read` returns a file's bytes, or why it
/// could not be read.
pub fn check(read: impl Fn(&str) -> Result<Vec<u8>, String>) -> Report {
    let mut report = Report::default();
    let mut problems = Vec::new();
    let mut uses = Vec::new();
    if let Some((site, source)) = check_file::<Site>(&read, files::SITE, &mut problems) {
        let map = SourceMap::new(&source);
        problems.extend(share_warnings(&site, &map));
        if let Some(image) = &site.share.image {
            uses.push(file_use(
                FileKind::Photo,
                files::SITE,
                &map,
                &[Seg::Key("share"), Seg::Key("image")],
                image,
            ));
        }
    }
    check_file::<Story>(&read, files::STORY, &mut problems);
    if let Some((timeline, source)) = check_file::<Timeline>(&read, files::TIMELINE, &mut problems)
    {
        let map = SourceMap::new(&source);
        for (e, entry) in timeline.entries.iter().enumerate() {
            // `entries[e].LIST[i]`
            let item = |list, i| {
                [
                    Seg::Key("entries"),
                    Seg::Index(e),
                    Seg::Key(list),
                    Seg::Index(i),
                ]
            };
            for (p, photo) in entry.photos.iter().enumerate() {
                uses.extend(photo_files(&map, &item("photos", p), photo));
            }
            for (v, video) in entry.videos.iter().enumerate() {
                uses.extend(video_files(&map, &item("videos", v), video));
            }
            for (a, audio) in entry.audio.iter().enumerate() {
                let path = [&item("audio", a)[..], &[Seg::Key("src")]].concat();
                uses.push(file_use(
                    FileKind::Audio,
                    files::TIMELINE,
                    &map,
                    &path,
                    &audio.src,
                ));
            }
        }
    }
    if let Some((quiz, source)) = check_file::<Quiz>(&read, files::QUIZ, &mut problems) {
        let map = SourceMap::new(&source);
        for (q, question) in quiz.questions.iter().enumerate() {
            if let Some(image) = &question.image {
                let path = [
                    Seg::Key("questions"),
                    Seg::Index(q),
                    Seg::Key("image"),
                    Seg::Key("src"),
                ];
                uses.push(file_use(
                    FileKind::Photo,
                    files::QUIZ,
                    &map,
                    &path,
                    &image.src,
                ));
            }
        }
    }
    report.files = uses;
    report.add(problems);
    report
}

fn check_file<T: DeserializeOwned + Validate>(
    read: &impl Fn(&str) -> Result<Vec<u8>, String>,
    file: &'static str,
    problems: &mut Vec<Problem>,
) -> Option<(T, String)> {
    let source = match read(file).map(|bytes| super::decode(file, &bytes)) {
        Ok(Ok(source)) => source,
        Ok(Err(found)) => {
            problems.extend(found);
            return None;
        }
        Err(why) => {
            problems.push(Problem::error(
                file,
                "",
                (1, 1),
                format!(
                    "{file} could not be read ({why}); every site needs it in the content folder"
                ),
                format!("无法读取 {file}（{why}）：内容文件夹里必须有这个文件"),
            ));
            return None;
        }
    };
    let source = source
        .strip_prefix('\u{feff}')
        .unwrap_or(&source)
        .to_string();
    match load_with_warnings::<T>(file, &source) {
        Ok((value, warnings)) => {
            problems.extend(warnings);
            Some((value, source))
        }
        Err(found) => {
            problems.extend(found);
            None
        }
    }
}

fn file_use(
    kind: FileKind,
    file: &'static str,
    map: &SourceMap,
    path: &[Seg],
    src: &str,
) -> FileUse {
    FileUse {
        src: src.to_string(),
        kind,
        file,
        path: path_to_string(path),
        at: map.place(path),
    }
}

/// The original and every variant of a timeline photo.
fn photo_files(map: &SourceMap, base: &[Seg], photo: &Photo) -> Vec<FileUse> {
    let mut path = base.to_vec();
    path.push(Seg::Key("src"));
    let mut uses = vec![file_use(
        FileKind::Photo,
        files::TIMELINE,
        map,
        &path,
        &photo.src,
    )];
    for (key, variants) in [("srcset", &photo.srcset), ("webp", &photo.webp)] {
        for (v, variant) in variants.iter().enumerate() {
            let mut path = base.to_vec();
            path.extend([Seg::Key(key), Seg::Index(v), Seg::Key("src")]);
            uses.push(file_use(
                FileKind::Photo,
                files::TIMELINE,
                map,
                &path,
                &variant.src,
            ));
        }
    }
    uses
}

/// A timeline video's file, poster and subtitles (those written, and not
/// empty: an empty name is already an error).
fn video_files(map: &SourceMap, base: &[Seg], video: &Video) -> Vec<FileUse> {
    let at = |keys: &[Seg]| [base, keys].concat();
    let mut uses = Vec::new();
    for (kind, key, src) in [
        (FileKind::Video, "src", &video.src),
        (FileKind::Poster, "poster", &video.poster),
    ] {
        if !src.trim().is_empty() {
            uses.push(file_use(
                kind,
                files::TIMELINE,
                map,
                &at(&[Seg::Key(key)]),
                src,
            ));
        }
    }
    for (lang, src) in video.captions.tracks() {
        if !src.trim().is_empty() {
            let path = at(&[Seg::Key("captions"), Seg::Key(lang.code())]);
            uses.push(file_use(
                FileKind::Subtitles,
                files::TIMELINE,
                map,
                &path,
                src,
            ));
        }
    }
    uses
}

/// Share texts longer than chat apps show, and what link previews and
/// search engines miss.
fn share_warnings(site: &Site, source: &SourceMap) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut warn = |key: &'static str, en: String, zh: String| {
        found.push(site_warning(source, &[Seg::Key(key)], en, zh));
    };
    match site.url.as_deref() {
        None => warn(
            "url",
            "there is no \"url\": link previews and search engines need the site's public address, such as \"https://example.org/event/\"".into(),
            "没有填写 \"url\"：链接预览和搜索引擎需要网站的公开网址，例如 \"https://example.org/event/\"".into(),
        ),
        Some(url) if url.contains("example.") => warn(
            "url",
            format!("\"{url}\" is an example address: set it to where the site is published"),
            format!("\"{url}\" 是示例网址：请改成网站实际发布的网址"),
        ),
        Some(_) => {}
    }
    if site.start_date.is_none() {
        warn(
            "start_date",
            "there is no \"start_date\": search engines show the event's date only from it, e.g. \"2021-06-06\"".into(),
            "没有填写 \"start_date\"：搜索引擎只从这里读取活动日期，例如 \"2021-06-06\"".into(),
        );
    }
    // What links show, written or by default.
    for (key, text, (zh_max, en_max)) in [
        ("title", &site.share_title(), SHARE_TITLE_MAX),
        (
            "description",
            &site.share_description(),
            SHARE_DESCRIPTION_MAX,
        ),
    ] {
        for (lang, value, max) in [("zh", &text.zh, zh_max), ("en", &text.en, en_max)] {
            let length = value.chars().count();
            if length > max {
                found.push(site_warning(
                    source,
                    &[Seg::Key("share"), Seg::Key(key), Seg::Key(lang)],
                    format!("the share {key} has {length} characters; chat apps show about {max}, so shorten it"),
                    format!("分享{}有 {length} 个字，聊天软件大约只显示 {max} 个：请缩短", if key == "title" { "标题" } else { "描述" }),
                ));
            }
        }
    }
    found
}

/// A warning about `site.json`, at `path` (or as near to it as the file has).
fn site_warning(map: &SourceMap, path: &[Seg], en: String, zh: String) -> Problem {
    let at = map.place(path);
    Problem::error(files::SITE, &path_to_string(path), at, en, zh).warning()
}

/// The name of the page's `<meta>` in which the build records the content it
/// was made from.
pub const BUILT_FROM_META: &str = "event-content";

/// A content file's fingerprint: FNV-1a over its bytes, 64 bits, in hex.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The record the build writes into the page: `site.json=… story.json=…`.
pub fn built_from(files: &[(&str, &[u8])]) -> String {
    files
        .iter()
        .map(|(file, bytes)| format!("{file}={}", fingerprint(bytes)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `bytes` of `file` differ from the file the page was built from
/// (`record`, as `built_from` wrote it); `false` when the record does not
/// name the file (a page not made by the build).
pub fn changed_since_build(record: &str, file: &str, bytes: &[u8]) -> bool {
    record
        .split(' ')
        .filter_map(|pair| pair.split_once('='))
        .any(|(built, hash)| built == file && hash != fingerprint(bytes))
}

/// A warning for each file on the host that is not the one the page was
/// built from (`record`, as `built_from` wrote it): the parts the build
/// made from it are older than what visitors now read.
pub fn stale_build(record: &str, current: &[(&str, &[u8])]) -> Vec<Problem> {
    current
        .iter()
        .filter(|(file, bytes)| changed_since_build(record, file, bytes))
        .map(|(file, _)| {
            Problem::error(
                file,
                "",
                (1, 1),
                format!("{file} has changed since the site was built: the page shows the new one once it has loaded, but its first paint, link previews, share image and home-screen name are still made from the old one. Run `cargo xtask build` and upload dist/ again"),
                format!("{file} 在生成网站之后被修改过：页面加载完成后会显示新内容，但首屏、链接预览、分享图和主屏名称仍来自旧文件。请运行 `cargo xtask build` 并重新上传 dist/"),
            )
            .warning()
        })
        .collect()
}

#[cfg(test)]
mod built_from_tests {
    use super::*;

    #[test]
    fn a_file_changed_on_the_host_since_the_build_is_a_warning() {
        let record = built_from(&[("site.json", b"{\"a\": 1}"), ("story.json", b"{}")]);
        assert!(record.starts_with("site.json=") && record.contains(" story.json="));
        assert_eq!(
            stale_build(
                &record,
                &[("site.json", b"{\"a\": 1}"), ("story.json", b"{}")]
            ),
            []
        );
        let stale = stale_build(
            &record,
            &[("site.json", b"{\"a\": 2}"), ("story.json", b"{}")],
        );
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].file, "site.json");
        assert_eq!(stale[0].severity, crate::content::Severity::Warning);
        assert!(stale[0].message.contains("cargo xtask build"));
        // A page without a record (trunk serve) warns about nothing.
        assert_eq!(stale_build("", &[("site.json", b"x")]), []);
    }
}
