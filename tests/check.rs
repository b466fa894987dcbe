//! Native tests of the whole-folder check shared by `cargo xtask check`
//! and the site's `?check` panel.
#![cfg(not(target_arch = "wasm32"))]

use event_microsite::content::Severity;
use event_microsite::content::check::{PHOTO_BUDGET_BYTES, check};
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
    let photos: Vec<&str> = report.photos.iter().map(|p| p.src.as_str()).collect();
    assert!(photos.contains(&"content/photos/oath.svg"));
    assert_eq!(
        report.photos.len(),
        6,
        "six timeline photos (the share image is drawn by the build)"
    );
    let timeline_photo = &report.photos[0];
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
