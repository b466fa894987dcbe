//! `cargo xtask photos` as the organiser runs it: the real binary on
//! photos made on the spot. Set `XTASK_BIN` to run these against another
//! build of the xtask (say, an older one). Unix only: links, FIFOs, `sh`.
#![cfg(unix)]

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};
use support::{TempDir, phone_jpeg, png_claiming};

/// How long one run may take before it counts as hung.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What one run printed, and how it ended.
struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The printed photo objects: the output pastes into a JSON list.
    fn photos(&self) -> Vec<Value> {
        if self.stdout.trim().is_empty() {
            return Vec::new();
        }
        let list: Value = serde_json::from_str(&format!("[{}]", self.stdout))
            .unwrap_or_else(|e| panic!("{e}: not a list once in [ ]:\n{}", self.stdout));
        list.as_array().unwrap().clone()
    }

    /// The `src` of each printed photo (empty for anything else).
    fn srcs(&self) -> Vec<String> {
        let src = |p: &Value| p["src"].as_str().unwrap_or_default().to_string();
        self.photos().iter().map(src).collect()
    }
}

/// Runs `xtask photos ARGS` with its output piped (so stderr is no
/// terminal), at most 3 GB of memory (a runaway read fails instead of
/// filling the machine), killed after [`TIME_LIMIT`].
fn photos(work: &TempDir, args: &[&str]) -> Run {
    let bin = std::env::var_os("XTASK_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_xtask")), PathBuf::from);
    let (out, err) = (work.path().join("stdout"), work.path().join("stderr"));
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -v 3000000; exec \"$0\" photos \"$@\""])
        .arg(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`xtask photos` hung: killed after {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        success: status.success(),
        stdout: std::fs::read_to_string(out).unwrap(),
        stderr: std::fs::read_to_string(err).unwrap(),
    }
}

/// A work folder with `originals/` holding small phone photos by these names.
fn originals(test: &str, names: &[&str]) -> (TempDir, PathBuf, String) {
    let work = TempDir::new(test);
    let src = work.dir("originals");
    for (seed, name) in names.iter().enumerate() {
        std::fs::write(src.join(name), phone_jpeg(64, 48, 6, seed as u32)).unwrap();
    }
    let out = work.path().join("out").to_string_lossy().into_owned();
    (work, src, out)
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The run went on past `bad` and made `good`, then failed, naming `bad`
/// and why.
fn assert_skipped(run: &Run, bad: &str, why: &str, good: usize) {
    assert!(
        !run.success,
        "a skipped file makes the run fail\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{bad}: {why}")),
        "{}",
        run.stderr
    );
    assert_eq!(run.photos().len(), good, "the good photos' JSON is printed");
}

#[test]
fn a_png_claiming_50000_by_50000_pixels_is_reported_as_too_large() {
    let (work, src, out) = originals("cli-huge", &["ok.jpg"]);
    std::fs::write(src.join("huge.png"), png_claiming(50_000, 50_000)).unwrap();
    let started = Instant::now();
    let run = photos(&work, &[arg(&src), &out]);
    assert_skipped(&run, "huge.png", "50000 x 50000 pixels is too large", 1);
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_link_to_dev_zero_is_skipped() {
    let (work, src, out) = originals("cli-link", &["ok.jpg"]);
    std::os::unix::fs::symlink("/dev/zero", src.join("zero.jpg")).unwrap();
    let run = photos(&work, &[arg(&src), &out]);
    assert_skipped(&run, "zero.jpg", "is a link, skipped", 1);
}

#[test]
fn a_fifo_is_skipped_without_waiting_on_it() {
    let (work, src, out) = originals("cli-fifo", &["ok.jpg"]);
    let made = Command::new("mkfifo")
        .arg(src.join("pipe.jpg"))
        .status()
        .unwrap();
    assert!(made.success());
    let run = photos(&work, &[arg(&src), &out]);
    assert_skipped(&run, "pipe.jpg", "is not a regular file (FIFO), skipped", 1);
}

#[test]
fn a_file_over_64_mb_is_skipped_unread() {
    let (work, src, out) = originals("cli-big", &["ok.jpg"]);
    let big = std::fs::File::create(src.join("big.jpg")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap(); // sparse: takes no disk
    let run = photos(&work, &[arg(&src), &out]);
    assert_skipped(
        &run,
        "big.jpg",
        "is 65 MB, over the 64 MB a photo may be",
        1,
    );
}

#[test]
fn a_text_file_named_jpg_is_skipped_and_the_others_are_made() {
    let (work, src, out) = originals("cli-text", &["a.jpg", "b.jpg"]);
    std::fs::write(src.join("IMG_1.jpg"), "not a photo\n").unwrap();
    let run = photos(&work, &[arg(&src), &out]);
    let why = "this is not a photo the site can use (a text file named .jpg?), skipped";
    assert_skipped(&run, "IMG_1.jpg", why, 2);
    assert!(run.stderr.contains("1 file(s) skipped"), "{}", run.stderr);
}

/// The largest JPEG copy in `out`.
fn largest_jpeg(out: &Path) -> PathBuf {
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap()
}

#[test]
fn a_run_killed_while_writing_is_redone() {
    let work = TempDir::new("cli-killed");
    let src = work.dir("originals");
    std::fs::write(src.join("a.jpg"), phone_jpeg(1200, 900, 1, 7)).unwrap();
    let out = work.path().join("out");
    assert!(photos(&work, &[arg(&src), arg(&out)]).success);
    // As a killed run leaves it: a copy cut short (newer than the original)
    // and a temporary file.
    let copy = largest_jpeg(&out);
    let full = std::fs::read(&copy).unwrap();
    let cut = std::fs::OpenOptions::new().write(true).open(&copy).unwrap();
    cut.set_len(full.len() as u64 / 2).unwrap();
    cut.set_modified(SystemTime::now() + Duration::from_secs(3600))
        .unwrap();
    let leftover = out.join(format!(
        ".{}.999.partial",
        copy.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&leftover, &full[..100]).unwrap();

    let run = photos(&work, &[arg(&src), arg(&out)]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("a.jpg: made"),
        "made again\n{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        full,
        "the copy is whole again"
    );
    assert!(!leftover.exists(), "the leftover is gone");
}

#[test]
fn a_second_run_reads_no_original() {
    let (work, src, out) = originals("cli-again", &["a.jpg", "b.jpg"]);
    let first = photos(&work, &[arg(&src), &out]);
    assert!(first.success, "{}", first.stderr);
    // Same size and time, other bytes: only a run that reads would notice.
    for name in ["a.jpg", "b.jpg"] {
        let path = src.join(name);
        let meta = std::fs::metadata(&path).unwrap();
        std::fs::write(&path, vec![b'x'; meta.len() as usize]).unwrap();
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_modified(meta.modified().unwrap()).unwrap();
    }
    let second = photos(&work, &[arg(&src), &out]);
    assert!(second.success, "{}", second.stderr);
    assert_eq!(
        second.stderr.matches(": already done").count(),
        2,
        "{}",
        second.stderr
    );
    assert_eq!(second.stdout, first.stdout);
}

#[test]
fn without_a_terminal_each_photo_gets_one_plain_line() {
    let (work, src, out) = originals("cli-lines", &["a.jpg", "b.jpg"]);
    std::fs::write(src.join("c.jpg"), "text").unwrap();
    let run = photos(&work, &[arg(&src), &out]);
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    for (n, line) in lines.iter().enumerate() {
        assert!(line.starts_with(&format!("[{}/3] ", n + 1)), "{line}");
    }
    assert!(lines.iter().any(|l| l.contains("a.jpg: made")), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("c.jpg: this is not a photo"))
    );
}

#[test]
fn file_names_are_taken_in_natural_order() {
    let names = ["landscape-10.jpg", "landscape-2.jpg", "landscape-1.jpg"];
    let (work, src, out) = originals("cli-order", &names);
    let run = photos(&work, &[arg(&src), &out]);
    let order: Vec<String> = run
        .srcs()
        .iter()
        .map(|s| {
            s.split('/')
                .next_back()
                .unwrap()
                .split('-')
                .take(2)
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect();
    assert_eq!(
        order,
        ["landscape-1", "landscape-2", "landscape-10"],
        "{}",
        run.stdout
    );
}

#[test]
fn the_json_is_one_photo_object_per_original_without_alt_or_caption() {
    let (work, src, out) = originals("cli-json", &["a.jpg", "b.jpg", "c.jpg"]);
    let run = photos(&work, &[arg(&src), &out]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.starts_with('{'),
        "no list around them:\n{}",
        run.stdout
    );
    let photos = run.photos();
    assert_eq!(photos.len(), 3);
    for photo in &photos {
        assert!(photo.is_object(), "{photo}");
        assert!(photo.get("alt").is_none(), "no empty alt: {photo}");
        assert!(photo.get("caption").is_none(), "no empty caption: {photo}");
        assert_eq!(
            (photo["width"].as_u64(), photo["height"].as_u64()),
            (Some(48), Some(64))
        );
    }
}

const TIMELINE: &str = r#"{
  "entries": [
    { "id": "a", "photos": [] },
    {
      "id": "b",
      "title": { "zh": "乙", "en": "B" }
    }
  ]
}
"#;

/// A site folder with `content/timeline.json` and originals; the copies go
/// to `content/photos`.
fn site(test: &str) -> (TempDir, PathBuf, PathBuf) {
    let (work, src, _) = originals(test, &["one.jpg", "two.jpg"]);
    let content = work.dir("site/content");
    std::fs::write(content.join("timeline.json"), TIMELINE).unwrap();
    (work, src, content)
}

#[test]
fn into_adds_the_photos_to_the_entry_with_that_id() {
    let (work, src, content) = site("cli-into");
    let out = content.join("photos");
    let run = photos(&work, &[arg(&src), arg(&out), "--into", "b"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("Added 2 photo(s) to entry \"b\""),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(content.join("timeline.json")).unwrap();
    assert!(text.starts_with("{\n  \"entries\": [\n    { \"id\": \"a\", \"photos\": [] },\n"));
    assert!(text.contains("\"title\": { \"zh\": \"乙\", \"en\": \"B\" },\n      \"photos\": [\n"));
    let timeline: Value = serde_json::from_str(&text).unwrap();
    let added = timeline["entries"][1]["photos"].as_array().unwrap();
    assert_eq!(added, &run.photos());
    assert!(
        added[0]["src"]
            .as_str()
            .unwrap()
            .starts_with("content/photos/one-")
    );

    let again = photos(&work, &[arg(&src), arg(&out), "--into", "b"]);
    assert!(
        again.stderr.contains("Added 0 photo(s)"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("(2 were in it already)"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(content.join("timeline.json")).unwrap(),
        text
    );
}

#[test]
fn into_an_unknown_entry_fails_and_changes_nothing() {
    let (work, src, content) = site("cli-into-unknown");
    let out = content.join("photos");
    let run = photos(&work, &[arg(&src), arg(&out), "--into", "nope"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("no entry in timeline.json has the id \"nope\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("the ids are: a, b"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(content.join("timeline.json")).unwrap(),
        TIMELINE
    );
}

/// For timing: writes 17 phone photos of 4000 x 3000 (12 MP, EXIF
/// orientations 1, 6, 8 and 3 in turn) into `$PHOTOS_DIR`. Run with
/// `PHOTOS_DIR=/tmp/photos cargo test -p xtask --test photos -- --ignored`,
/// then time `cargo xtask photos /tmp/photos /tmp/photos-out`.
#[test]
#[ignore]
fn make_photos_for_timing() {
    let Some(dir) = std::env::var_os("PHOTOS_DIR") else {
        panic!("set PHOTOS_DIR to the folder to write the photos into");
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    for n in 1..=17u32 {
        let orientation = [1, 6, 8, 3][n as usize % 4];
        let path = dir.join(format!("IMG_{n:04}.JPG"));
        std::fs::write(&path, phone_jpeg(4000, 3000, orientation, n)).unwrap();
    }
}
