//! `cargo xtask check [DIR]`: every problem in a content folder at once,
//! in English and Chinese, with the same checks as the site's `?check`.

use anyhow::{Result, bail};
use event_microsite::content::check::{FileKind, FileUse, Report, check};
use event_microsite::content::{Problem, Severity};
use std::path::{Path, PathBuf};

/// Checks `dir` (the folder with site.json and the others); photo paths
/// are relative to its parent, the site root. Fails if there are errors.
pub fn run(dir: &Path) -> Result<()> {
    let report = report(dir)?;
    print(dir, &report)
}

/// Every problem in the content folder `dir`, photo files included.
pub fn report(dir: &Path) -> Result<Report> {
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let site_root = dir.parent().unwrap_or(dir);
    let mut report = check(|file| std::fs::read(dir.join(file)).map_err(|e| e.to_string()));
    let file_problems: Vec<Problem> = report
        .files
        .iter()
        .filter(|used| !used.src.starts_with("https://"))
        .flat_map(|used| file_problems(site_root, used))
        .collect();
    report.add(file_problems);
    // Only a whole picture of what is used tells what is not.
    if report.errors() == 0 {
        let unused = unused_photos(dir, site_root, &report)?;
        report.add(unused);
    }
    Ok(report)
}

/// Whether a used file is there, within its budget, and holds what its kind
/// needs (a video's codecs, WebVTT subtitles).
fn file_problems(site_root: &Path, used: &FileUse) -> Vec<Problem> {
    let path = site_root.join(used.src.split(['?', '#']).next().unwrap_or_default());
    let Ok(meta) = std::fs::metadata(&path) else {
        return vec![used.missing()];
    };
    let mut found: Vec<Problem> = used.too_large(meta.len()).into_iter().collect();
    if used.has_content_rules()
        && let Ok(bytes) = std::fs::read(&path)
    {
        found.extend(used.wrong_content(&bytes));
    }
    found
}

/// A warning for each file in `dir/photos/` that no content file uses (such
/// as the shipped illustrations, left behind): it would be published.
fn unused_photos(dir: &Path, site_root: &Path, report: &Report) -> Result<Vec<Problem>> {
    let photos = dir.join("photos");
    let Ok(entries) = std::fs::read_dir(&photos) else {
        return Ok(Vec::new());
    };
    let used: std::collections::HashSet<PathBuf> = report
        .files
        .iter()
        .filter_map(|photo| {
            site_root
                .join(photo.src.split(['?', '#']).next().unwrap_or_default())
                .canonicalize()
                .ok()
        })
        .collect();
    let mut unused = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path().canonicalize()?;
        if name.starts_with('.') || !entry.file_type()?.is_file() || used.contains(&path) {
            continue;
        }
        unused.push(
            Problem::error(
                &format!("photos/{name}"),
                "",
                (1, 1),
                format!("content/photos/{name} is not used by any content file: delete it (the shipped illustrations too), or it is published with the site"),
                format!("content/photos/{name} 没有被任何内容文件使用：请删除（自带的示意图也一样），否则会随网站一起发布"),
            )
            .warning(),
        );
    }
    unused.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(unused)
}

/// Prints the report, every line starting with `file:line:column`; fails
/// if there are errors.
fn print(dir: &Path, report: &Report) -> Result<()> {
    let (photos, videos, audio) = (
        report.count(FileKind::Photo),
        report.count(FileKind::Video),
        report.count(FileKind::Audio),
    );
    println!(
        "Checking {} ({photos} photos, {videos} videos, {audio} recordings)\n",
        dir.display()
    );
    for problem in &report.problems {
        let kind = match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // `file:line:column` first, so editors and terminals make it a link.
        println!(
            "{}:{}:{}: {kind}{}",
            dir.join(&problem.file).display(),
            problem.line,
            problem.column,
            problem.at_path()
        );
        println!("  {}", problem.en());
        println!("  {}\n", problem.zh());
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    println!("{errors} error(s), {warnings} warning(s) / {errors} 个错误，{warnings} 个警告");
    if errors > 0 {
        bail!("the content has {errors} error(s)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_no_file_uses_are_a_warning_each() {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content");
        let root = std::env::temp_dir().join(format!("check-unused-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        crate::build::copy_dir(&shipped, &root.join("content")).unwrap();
        std::fs::write(root.join("content/photos/left-behind.jpg"), "x").unwrap();
        std::fs::write(root.join("content/photos/.xtask-photos.json"), "{}").unwrap();
        let report = report(&root.join("content")).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        let unused: Vec<&str> = report
            .problems
            .iter()
            .filter(|p| p.message.contains("is not used"))
            .map(|p| p.file.as_str())
            .collect();
        assert_eq!(unused, ["photos/left-behind.jpg"]);
        assert_eq!(report.errors(), 0);
    }

    #[test]
    fn a_video_file_in_quicktime_and_subtitles_that_are_not_webvtt_are_found_on_disk() {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content");
        let root = std::env::temp_dir().join(format!("check-media-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let content = root.join("content");
        crate::build::copy_dir(&shipped, &content).unwrap();
        let media = content.join("media");
        std::fs::create_dir_all(&media).unwrap();
        // An ftyp box with QuickTime's brand: a .mov renamed .mp4.
        std::fs::write(media.join("choir.mp4"), b"\0\0\0\x10ftypqt  \0\0\0\0").unwrap();
        std::fs::write(media.join("choir.jpg"), "jpeg").unwrap();
        std::fs::write(
            media.join("choir.vtt"),
            "1\n00:00:01,000 --> 00:00:02,000\nhi\n",
        )
        .unwrap();
        std::fs::write(media.join("songs.m4a"), "m4a").unwrap();
        let timeline = std::fs::read_to_string(content.join("timeline.json")).unwrap();
        let timeline = timeline.replacen(
            "\"photos\": [",
            r#""videos": [{"src": "content/media/choir.mp4", "poster": "content/media/choir.jpg", "width": 1280, "height": 720,
                "captions": {"en": "content/media/choir.vtt"}}],
              "audio": [{"src": "content/media/songs.m4a"}, {"src": "content/media/gone.mp3"}],
              "photos": ["#,
            1,
        );
        std::fs::write(content.join("timeline.json"), timeline).unwrap();
        let report = report(&content).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        let found: Vec<(&str, &str)> = report
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        let at = |path: &str| found.iter().find(|(p, _)| *p == path).map(|(_, m)| *m);
        assert!(
            at("entries[0].videos[0].src").is_some_and(|m| m.contains("QuickTime")),
            "{found:#?}"
        );
        assert!(
            at("entries[0].videos[0].captions.en").is_some_and(|m| m.contains("not WebVTT")),
            "{found:#?}"
        );
        assert!(
            at("entries[0].audio[1].src")
                .is_some_and(|m| m.contains("recording") && m.contains("does not exist")),
            "{found:#?}"
        );
        assert_eq!(at("entries[0].audio[0].src"), None, "{found:#?}");
        assert_eq!(report.count(FileKind::Video), 1);
        assert_eq!(report.count(FileKind::Audio), 2);
    }
}
