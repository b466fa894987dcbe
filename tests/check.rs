//! Native tests of the whole-folder check shared by `cargo xtask check`
//! and the site's `?check` panel.
#![cfg(not(target_arch = "wasm32"))]

use event_microsite::content::Severity;
use event_microsite::content::check::{FileKind, MEDIA_BUDGET_BYTES, PHOTO_BUDGET_BYTES, check};
use std::collections::HashMap;

const EXAMPLE_URL: &str = "https://event.example.org/";

/// The shipped folder as an organiser publishes it: with the site's real
/// address instead of the example one.
fn shipped() -> HashMap<&'static str, String> {
    let mut files = shipped_as_is();
    let site = files["site.json"].replacen(EXAMPLE_URL, "https://party-day.test/", 1);
    files.insert("site.json", site);
    files
}

fn shipped_as_is() -> HashMap<&'static str, String> {
    ["site.json", "story.json", "timeline.json", "quiz.json"]
        .into_iter()
        .map(|file| {
            let path = format!("{}/public/content/{file}", env!("CARGO_MANIFEST_DIR"));
            (file, std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

fn check_files(files: &HashMap<&'static str, String>) -> event_microsite::content::check::Report {
    check(|file| {
        files
            .get(file)
            .map(|text| text.clone().into_bytes())
            .ok_or_else(|| "No such file".to_string())
    })
}

#[test]
fn the_shipped_folder_has_no_problems_and_names_its_photos() {
    let report = check_files(&shipped());
    assert_eq!(report.problems, []);
    let photos: Vec<&str> = report.files.iter().map(|p| p.src.as_str()).collect();
    assert!(photos.contains(&"content/photos/oath.svg"));
    assert_eq!(
        report.count(FileKind::Photo),
        6,
        "six timeline photos (the share image is drawn by the build)"
    );
    let timeline_photo = &report.files[0];
    assert_eq!(
        (timeline_photo.file, timeline_photo.path.as_str()),
        ("timeline.json", "entries[0].photos[0].src")
    );
}

#[test]
fn every_file_is_checked_even_when_one_is_missing_or_broken() {
    let mut files = shipped();
    files.remove("story.json");
    files.insert(
        "quiz.json",
        files["quiz.json"].replacen("\"answer\": 2", "\"answer\": 9", 1),
    );
    files.insert(
        "timeline.json",
        files["timeline.json"].replacen("\"id\": \"training\"", "\"id\": \"oath\"", 1),
    );
    let report = check_files(&files);
    let found: Vec<(&str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("quiz.json", "questions[0].answer"),
            ("story.json", ""),
            ("timeline.json", "entries[1].id")
        ]
    );
    assert!(
        report.problems[1]
            .message
            .contains("story.json could not be read")
    );
    assert!(
        report.problems[1]
            .message_zh
            .contains("无法读取 story.json")
    );
    assert_eq!(report.errors(), 3);
}

#[test]
fn the_shipped_example_address_is_a_warning_to_replace_it() {
    let report = check_files(&shipped_as_is());
    assert_eq!((report.errors(), report.warnings()), (0, 1));
    let warning = &report.problems[0];
    assert_eq!(
        (warning.file.as_str(), warning.path.as_str()),
        ("site.json", "url")
    );
    assert!(warning.message.contains("is an example address"));
}

#[test]
fn link_previews_warn_without_an_address_or_a_date() {
    let mut files = shipped();
    let site = files["site.json"]
        .replacen("  \"start_date\": \"2021-06-06\",\n", "", 1)
        .replacen("  \"url\": \"https://party-day.test/\",\n", "", 1);
    files.insert("site.json", site);
    let report = check_files(&files);
    let paths: Vec<&str> = report.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(report.errors(), 0);
    assert!(
        paths.contains(&"url") && paths.contains(&"start_date"),
        "{paths:?}"
    );
}

#[test]
fn a_date_that_is_not_iso_8601_is_an_error_at_its_place() {
    let mut files = shipped();
    let site = files["site.json"].replacen("\"2021-06-06\"", "\"6 June\"", 1);
    files.insert("site.json", site);
    let report = check_files(&files);
    assert_eq!(report.errors(), 1);
    let error = &report.problems[0];
    assert_eq!(error.path, "start_date");
    assert!(error.message.contains("is not an ISO 8601 date"));
    let line = files["site.json"]
        .lines()
        .position(|l| l.contains("6 June\","))
        .unwrap()
        + 1;
    assert_eq!(error.line, line);
}

#[test]
fn long_share_texts_are_warnings_with_their_place() {
    let mut files = shipped();
    let long = "很长的分享标题".repeat(6);
    files.insert("site.json", files["site.json"].replacen("\"zh\": \"支部共建筑堡垒　共建共创促发展\",\n      \"en\": \"Branches build strong fortresses\"", &format!("\"zh\": \"{long}\",\n      \"en\": \"Branches build strong fortresses\""), 1));
    let report = check_files(&files);
    assert_eq!(report.errors(), 0);
    assert_eq!(report.warnings(), 1);
    let warning = &report.problems[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.path, "share.title.zh");
    assert!(
        warning
            .message
            .contains("the share title has 42 characters"),
        "{}",
        warning.message
    );
    let line = files["site.json"]
        .lines()
        .position(|l| l.contains(&long))
        .unwrap()
        + 1;
    assert_eq!(warning.line, line);
}

#[test]
fn photo_problems_point_at_the_src_that_names_them() {
    let report = check_files(&shipped());
    let photo = report
        .files
        .iter()
        .find(|p| p.src.ends_with("red-songs.svg"))
        .unwrap();
    let missing = photo.missing();
    assert_eq!(
        (missing.file.as_str(), missing.path.as_str()),
        ("timeline.json", "entries[4].photos[0].src")
    );
    let line = shipped()["timeline.json"]
        .lines()
        .position(|l| l.contains("red-songs.svg"))
        .unwrap()
        + 1;
    assert_eq!(missing.line, line);
    assert!(missing.message.contains("does not exist"));
    assert_eq!(photo.too_large(PHOTO_BUDGET_BYTES), None);
    let big = photo.too_large(PHOTO_BUDGET_BYTES * 2).unwrap();
    assert_eq!(big.severity, Severity::Warning);
    assert!(big.message.contains("1200 KB"), "{}", big.message);
}

/// The shipped folder with these videos and recordings in its first entry.
fn with_media(videos: &str, audio: &str) -> HashMap<&'static str, String> {
    let mut files = shipped();
    let timeline = files["timeline.json"].replacen(
        "\"photos\": [",
        &format!("\"videos\": [{videos}],\n      \"audio\": [{audio}],\n      \"photos\": ["),
        1,
    );
    files.insert("timeline.json", timeline);
    files
}

const CHOIR: &str = r#"{"src": "content/media/choir.mp4", "poster": "content/media/choir.jpg", "width": 1920, "height": 1080,
    "title": {"zh": "合唱", "en": "The choir"}, "captions": {"zh": "content/media/choir.zh.vtt", "en": "content/media/choir.en.vtt"}}"#;

#[test]
fn videos_their_posters_and_subtitles_and_recordings_are_files_to_look_for() {
    let report = check_files(&with_media(
        CHOIR,
        r#"{"src": "content/media/songs.m4a", "title": "红歌"}"#,
    ));
    assert_eq!(report.problems, []);
    let kinds: Vec<(FileKind, &str, &str)> = report
        .files
        .iter()
        .filter(|f| f.kind != FileKind::Photo)
        .map(|f| (f.kind, f.src.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                FileKind::Video,
                "content/media/choir.mp4",
                "entries[0].videos[0].src"
            ),
            (
                FileKind::Poster,
                "content/media/choir.jpg",
                "entries[0].videos[0].poster"
            ),
            (
                FileKind::Subtitles,
                "content/media/choir.zh.vtt",
                "entries[0].videos[0].captions.zh"
            ),
            (
                FileKind::Subtitles,
                "content/media/choir.en.vtt",
                "entries[0].videos[0].captions.en"
            ),
            (
                FileKind::Audio,
                "content/media/songs.m4a",
                "entries[0].audio[0].src"
            ),
        ]
    );
    let video = &report
        .files
        .iter()
        .find(|f| f.kind == FileKind::Video)
        .unwrap();
    assert!(
        video
            .missing()
            .message
            .starts_with("the video \"content/media/choir.mp4\" does not exist")
    );
    assert_eq!(video.too_large(MEDIA_BUDGET_BYTES), None);
    let big = video.too_large(MEDIA_BUDGET_BYTES + 1).unwrap();
    assert_eq!(big.severity, Severity::Warning);
    assert!(big.message.contains("21 MB, over 20 MB"), "{}", big.message);
}

#[test]
fn a_mov_an_unknown_format_and_srt_subtitles_are_errors_placed_where_written() {
    let files = with_media(
        r#"{"src": "content/media/oath.MOV", "poster": "content/media/oath.jpg", "width": 1080, "height": 1920, "captions": {"en": "content/media/oath.srt"}},
           {"src": "content/media/talk.avi", "poster": "", "width": 0, "height": 720}"#,
        r#"{"src": "content/media/voice.amr"}, {"src": "content/media/clip.mp4"}"#,
    );
    let report = check_files(&files);
    let found: Vec<(&str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    let at = |path: &str| {
        found
            .iter()
            .find(|(p, _)| *p == path)
            .unwrap_or_else(|| panic!("nothing at {path}: {found:#?}"))
            .1
    };
    assert!(at("entries[0].videos[0].src").contains("QuickTime"));
    assert!(at("entries[0].videos[0].src").contains("export it as an MP4 with H.264"));
    assert!(at("entries[0].videos[0].captions.en").contains("not a WebVTT file"));
    assert!(at("entries[0].videos[1].src").contains("not a video format every phone plays"));
    assert!(at("entries[0].videos[1].poster").contains("no poster"));
    assert!(at("entries[0].videos[1].width").contains("not 0"));
    assert!(at("entries[0].audio[0].src").contains("convert it to .m4a"));
    assert!(at("entries[0].audio[1].src").contains("not a sound format"));
    let line = files["timeline.json"]
        .lines()
        .position(|l| l.contains("oath.MOV"))
        .unwrap()
        + 1;
    let mov = report
        .problems
        .iter()
        .find(|p| p.path == "entries[0].videos[0].src")
        .unwrap();
    assert_eq!(mov.line, line);
    assert_eq!(mov.severity, Severity::Error);
}

#[test]
fn a_video_without_a_poster_is_a_located_error_in_plain_words() {
    let report = check_files(&with_media(
        r#"{"src": "content/media/choir.mp4", "width": 1920}"#,
        "",
    ));
    let messages: Vec<String> = report
        .problems
        .iter()
        .map(|p| format!("{} {}", p.path, p.message))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("entries[0].videos[0]") && m.contains("poster")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .all(|m| !m.contains("Video") && !m.contains("struct")),
        "{messages:#?}"
    );
}

#[test]
fn a_video_in_hevc_and_subtitles_that_are_not_webvtt_are_errors_once_read() {
    let report = check_files(&with_media(CHOIR, ""));
    let video = report
        .files
        .iter()
        .find(|f| f.kind == FileKind::Video)
        .unwrap();
    let hevc = mp4(b"hvc1");
    let wrong = video.wrong_content(&hevc).expect("HEVC is refused");
    assert_eq!(wrong.path, "entries[0].videos[0].src");
    assert!(wrong.message.contains("HEVC"), "{}", wrong.message);
    assert_eq!(video.wrong_content(&mp4(b"avc1")), None);
    let subtitles = report
        .files
        .iter()
        .find(|f| f.kind == FileKind::Subtitles)
        .unwrap();
    assert!(
        subtitles
            .wrong_content(b"1\n00:00:01,000 --> 00:00:02,000\nhi\n")
            .is_some()
    );
    assert_eq!(
        subtitles.wrong_content(b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n"),
        None
    );
}

/// The smallest MP4 with one video track of `codec`.
fn mp4(codec: &[u8; 4]) -> Vec<u8> {
    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        [&((body.len() + 8) as u32).to_be_bytes()[..], kind, body].concat()
    }
    let stsd = [&[0, 0, 0, 0, 0, 0, 0, 1][..], &boxed(codec, &[0; 8])].concat();
    let trak = boxed(
        b"trak",
        &boxed(
            b"mdia",
            &boxed(b"minf", &boxed(b"stbl", &boxed(b"stsd", &stsd))),
        ),
    );
    [boxed(b"ftyp", b"isom\0\0\x02\0"), boxed(b"moov", &trak)].concat()
}
