//! Native tests of the whole-folder check shared by `cargo xtask check`
//! and the site's `?check` panel.
#![cfg(not(target_arch = "wasm32"))]

use event_microsite::content::Severity;
use event_microsite::content::check::{PHOTO_BUDGET_BYTES, check};
use std::collections::HashMap;

fn shipped() -> HashMap<&'static str, String> {
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
            .cloned()
            .ok_or_else(|| "No such file".to_string())
    })
}

#[test]
fn the_shipped_folder_has_no_problems_and_names_its_photos() {
    let report = check_files(&shipped());
    assert_eq!(report.problems, []);
    let photos: Vec<&str> = report.photos.iter().map(|p| p.src.as_str()).collect();
    assert!(photos.contains(&"content/photos/oath.svg"));
    assert_eq!(
        report.photos.len(),
        7,
        "share image and six timeline photos"
    );
    let timeline_photo = &report.photos[1];
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
        .photos
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
    let big = photo.too_large(PHOTO_BUDGET_BYTES * 2);
    assert_eq!(big.severity, Severity::Warning);
    assert!(big.message.contains("1200 KB"), "{}", big.message);
}
