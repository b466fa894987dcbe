//! Checking a whole content folder at once: every file, every problem,
//! plus what needs the files around them (photos that exist, sizes, share
//! texts that chat apps cut). Used by `cargo xtask check` and by the
//! site's `?check` panel, so both report the same.

use super::json_text::SourceMap;
use super::problem::{Problem, SHOWN_PER_KIND, Seg, cap_repeats, path_to_string};
use super::{Photo, Quiz, Site, Story, Timeline, Validate, files, load_with_warnings};
use serde::de::DeserializeOwned;

/// Photos larger than this are slow on a phone network (a warning).
pub const PHOTO_BUDGET_BYTES: u64 = 600 * 1024;
/// Share texts longer than these are cut in chat apps' link cards.
const SHARE_TITLE_MAX: (usize, usize) = (30, 70);
const SHARE_DESCRIPTION_MAX: (usize, usize) = (60, 160);

/// A picture a content file refers to, and where it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoUse {
    /// Path relative to the site root, as written (`content/photos/a.jpg`).
    pub src: String,
    pub file: &'static str,
    pub path: String,
    pub at: (usize, usize),
}

impl PhotoUse {
    /// The problem when the file is not there.
    pub fn missing(&self) -> Problem {
        Problem::error(
            self.file,
            &self.path,
            self.at,
            format!(
                "the photo \"{}\" does not exist; put the file in public/{} or correct the name",
                self.src, self.src
            ),
            format!(
                "照片 \"{}\" 不存在：请把文件放到 public/{}，或改正文件名",
                self.src, self.src
            ),
        )
    }

    /// The warning when the file is over the budget.
    pub fn too_large(&self, bytes: u64) -> Problem {
        let kib = bytes / 1024;
        let budget = PHOTO_BUDGET_BYTES / 1024;
        Problem::error(
            self.file,
            &self.path,
            self.at,
            format!("\"{}\" is {kib} KB, over the {budget} KB budget for phones; make smaller copies with `cargo xtask photos`", self.src),
            format!("\"{}\" 有 {kib} KB，超过手机的 {budget} KB 上限：请用 `cargo xtask photos` 生成较小的版本", self.src),
        )
        .warning()
    }
}

/// Everything found in a content folder.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Problems, errors first, then by file and line.
    pub problems: Vec<Problem>,
    /// Pictures to look for (the caller can reach the files).
    pub photos: Vec<PhotoUse>,
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

    /// Adds problems found by the caller (photos) and keeps the order;
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
    let mut photos = Vec::new();
    if let Some((site, source)) = check_file::<Site>(&read, files::SITE, &mut problems) {
        let map = SourceMap::new(&source);
        problems.extend(share_warnings(&site, &map));
        if let Some(image) = &site.share.image {
            photos.push(photo_use(
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
            for (p, photo) in entry.photos.iter().enumerate() {
                let base = [
                    Seg::Key("entries"),
                    Seg::Index(e),
                    Seg::Key("photos"),
                    Seg::Index(p),
                ];
                photos.extend(photo_files(&map, &base, photo));
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
                photos.push(photo_use(files::QUIZ, &map, &path, &image.src));
            }
        }
    }
    report.photos = photos;
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

fn photo_use(file: &'static str, map: &SourceMap, path: &[Seg], src: &str) -> PhotoUse {
    PhotoUse {
        src: src.to_string(),
        file,
        path: path_to_string(path),
        at: map.place(path),
    }
}

/// The original and every variant of a timeline photo.
fn photo_files(map: &SourceMap, base: &[Seg], photo: &Photo) -> Vec<PhotoUse> {
    let mut path = base.to_vec();
    path.push(Seg::Key("src"));
    let mut uses = vec![photo_use(files::TIMELINE, map, &path, &photo.src)];
    for (key, variants) in [("srcset", &photo.srcset), ("webp", &photo.webp)] {
        for (v, variant) in variants.iter().enumerate() {
            let mut path = base.to_vec();
            path.extend([Seg::Key(key), Seg::Index(v), Seg::Key("src")]);
            uses.push(photo_use(files::TIMELINE, map, &path, &variant.src));
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
