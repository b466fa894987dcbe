//! `cargo xtask photos SRC_DIR [OUT_DIR] [--into ENTRY_ID]`: turns the
//! organiser's original photos (any size, straight from a phone) into
//! web-ready copies: upright (EXIF orientation applied), 480/960/1600 px
//! wide, JPEG and WebP, with no metadata (EXIF and its GPS position are
//! dropped), plus a placeholder colour; then prints one JSON object per
//! photo for `timeline.json`, or adds them to an entry (`--into`).
//!
//! The originals are only read, and only regular files of at most 64 MB
//! and 100 megapixels; any other file is reported and skipped, the rest go
//! on. Photos already done (recorded in a manifest next to the copies,
//! with every copy intact) are skipped without reading them. Photos are
//! made on every core at once.

mod make;
mod manifest;
mod originals;

#[cfg(test)]
mod tests;
mod timeline;

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use make::Failure;
use manifest::Manifest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

pub use event_microsite::content::photo_copies::{
    JPEG_QUALITY, WEBP_QUALITY, WIDTHS, content_hash,
};

/// The copies made of one original: what its JSON is made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    /// The copies' common name: the original's slug and content hash.
    pub name: String,
    /// The size of the largest copy.
    pub width: u32,
    pub height: u32,
    /// The widths of all copies, smallest first.
    pub widths: Vec<u32>,
    /// The placeholder colour, `#rrggbb`.
    pub color: String,
    /// Every copy's file name and size in bytes.
    pub files: BTreeMap<String, u64>,
}

/// What became of one original.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Its copies were made now.
    Made(Photo),
    /// Its copies were made by an earlier run.
    AlreadyDone(Photo),
    /// It cannot be used: why, in plain words.
    Skipped(String),
}

/// One original (by file name) and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    pub file: String,
    pub outcome: Outcome,
}

impl Original {
    /// Its photo, unless it was skipped.
    pub fn photo(&self) -> Option<&Photo> {
        match &self.outcome {
            Outcome::Made(photo) | Outcome::AlreadyDone(photo) => Some(photo),
            Outcome::Skipped(_) => None,
        }
    }
}

/// What `cargo xtask photos` was asked to do.
#[derive(Debug)]
pub struct Request {
    pub src: PathBuf,
    pub out: PathBuf,
    /// How the site reaches `out`, e.g. `content/photos`.
    pub url_prefix: String,
    /// The `id` of the timeline entry to add the photos to.
    pub into: Option<String>,
}

/// `cargo xtask photos SRC [OUT] [--into ENTRY_ID]`: web copies of the photos
/// in `src` into `out` (default `public/content/photos`).
pub fn from_cli(
    root: &Path,
    src: PathBuf,
    out: Option<PathBuf>,
    into: Option<String>,
) -> Result<()> {
    let public = root.join("public");
    let out = out.unwrap_or_else(|| public.join("content/photos"));
    let url_prefix = url_prefix(&out, &public);
    command(&Request {
        src,
        out,
        url_prefix,
        into,
    })
}

/// Runs the command: makes the copies, prints the JSON (and adds it to an
/// entry with `--into`), then fails if any file was skipped.
pub fn command(request: &Request) -> Result<()> {
    let originals = run(&request.src, &request.out)?;
    let photos: Vec<Photo> = originals
        .iter()
        .filter_map(|o| o.photo().cloned())
        .collect();
    let count = |f: fn(&Outcome) -> bool| originals.iter().filter(|o| f(&o.outcome)).count();
    eprintln!(
        "{} photo(s) into {}: {} made, {} already done, {} skipped.",
        originals.len(),
        request.out.display(),
        count(|o| matches!(o, Outcome::Made(_))),
        count(|o| matches!(o, Outcome::AlreadyDone(_))),
        count(|o| matches!(o, Outcome::Skipped(_))),
    );
    if !photos.is_empty() {
        eprintln!(
            "Below, one JSON object per photo, in file-name order: paste them into an entry's \"photos\": [ ... ] in timeline.json (or use --into ENTRY_ID), then give each an \"alt\" (and a \"caption\" if you like):"
        );
        let texts: Vec<String> = photos
            .iter()
            .map(|p| timeline::photo_json(p, &request.url_prefix, "", "  "))
            .collect();
        println!("{}", texts.join(",\n"));
    }
    if let Some(id) = &request.into {
        add_to_timeline(&request.out, id, &photos, &request.url_prefix)?;
    }
    let skipped: Vec<String> = originals
        .iter()
        .filter_map(|o| match &o.outcome {
            Outcome::Skipped(why) => Some(format!("  {}: {why}", o.file)),
            _ => None,
        })
        .collect();
    if !skipped.is_empty() {
        bail!("{} file(s) skipped:\n{}", skipped.len(), skipped.join("\n"));
    }
    Ok(())
}

/// `--into ID`: appends the photos to entry `id` of the timeline.json of the
/// content folder holding `out`.
fn add_to_timeline(out: &Path, id: &str, photos: &[Photo], url_prefix: &str) -> Result<()> {
    let Some(path) = timeline::find(out) else {
        bail!(
            "--into: no timeline.json in a folder above {}; nothing added",
            out.display()
        );
    };
    let source = std::fs::read_to_string(&path)?;
    let (text, added) = timeline::insert(&source, id, photos, url_prefix)
        .map_err(|e| anyhow::anyhow!("{}: {e:#}", path.display()))?;
    if added > 0 {
        let dir = path.parent().unwrap_or(Path::new("."));
        make::write_atomically(dir, "timeline.json", text.as_bytes())?;
    }
    eprintln!(
        "Added {added} photo(s) to entry \"{id}\" in {}{}; give each an \"alt\" there.",
        path.display(),
        match photos.len() - added {
            0 => String::new(),
            n => format!(" ({n} were in it already)"),
        }
    );
    Ok(())
}

/// How the site reaches `out`: its path under `public` (the folder the
/// site is built from) or else under the site folder of the content folder
/// holding it; `content/photos` if neither.
pub fn url_prefix(out: &Path, public: &Path) -> String {
    let site = timeline::find(out).and_then(|t| Some(t.parent()?.parent()?.to_path_buf()));
    let relative = out
        .strip_prefix(public)
        .ok()
        .or_else(|| out.strip_prefix(site.as_deref()?).ok());
    relative.map_or_else(
        || "content/photos".into(),
        |p| p.to_string_lossy().replace('\\', "/"),
    )
}

/// Makes the copies of every JPEG, PNG and WebP in `src` into `out`, on all
/// cores; returns what became of each, in natural file-name order. Fails
/// only if `src` cannot be listed or `out` cannot be written.
pub fn run(src: &Path, out: &Path) -> Result<Vec<Original>> {
    let paths = originals::list(src)?;
    if paths.is_empty() {
        bail!("{} has no JPEG, PNG or WebP photos", src.display());
    }
    std::fs::create_dir_all(out)?;
    make::remove_leftovers(out);
    let mut manifest = Manifest::load(out);
    let mut progress = Progress::new(paths.len());
    let mut outcomes: Vec<Option<Outcome>> = vec![None; paths.len()];
    let mut todo = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        match look(path, &manifest, out) {
            Ok(key) => todo.push(Job { index, key }),
            Err(outcome) => {
                progress.finished(&originals::file_name(path), &outcome);
                outcomes[index] = Some(outcome);
            }
        }
    }
    let made = in_parallel(&paths, &todo, out, |event| match event {
        Event::Started(job) => {
            progress.started(&originals::file_name(&paths[job.index]));
            Ok(())
        }
        Event::Finished(job, result) => {
            let outcome = match result {
                Ok(photo) => {
                    manifest.record(job.key.clone(), photo.clone());
                    manifest.save(out)?;
                    Outcome::Made(photo)
                }
                Err(Failure::Skip(why)) => Outcome::Skipped(why),
                Err(Failure::Fatal(error)) => return Err(error),
            };
            progress.finished(&originals::file_name(&paths[job.index]), &outcome);
            outcomes[job.index] = Some(outcome);
            Ok(())
        }
    });
    progress.clear();
    made?;
    Ok(paths
        .iter()
        .zip(outcomes)
        .map(|(path, outcome)| Original {
            file: originals::file_name(path),
            outcome: outcome.unwrap_or_else(|| Outcome::Skipped("was not made".into())),
        })
        .collect())
}

/// A quick look at an original, from its metadata only: the key to make it
/// under, or what it already is (done, or unusable).
fn look(path: &Path, manifest: &Manifest, out: &Path) -> Result<String, Outcome> {
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| Outcome::Skipped(format!("could not be read ({e}), skipped")))?;
    originals::vet(&meta).map_err(Outcome::Skipped)?;
    let key = manifest::key(&originals::file_name(path), &meta);
    match manifest.done(&key, out) {
        Some(photo) => Err(Outcome::AlreadyDone(photo.clone())),
        None => Ok(key),
    }
}

/// An original to make: its place in the list and its manifest key.
#[derive(Debug)]
struct Job {
    index: usize,
    key: String,
}

/// What a worker reports.
enum Event<'a> {
    Started(&'a Job),
    Finished(&'a Job, Result<Photo, Failure>),
}

/// Makes the `jobs` on as many threads as there are cores (each photo on
/// one), passing every event to `handle` on this thread; stops starting
/// new photos at the first error `handle` returns, and returns it.
fn in_parallel(
    paths: &[PathBuf],
    jobs: &[Job],
    out: &Path,
    mut handle: impl FnMut(Event<'_>) -> Result<()>,
) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let (next, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
    std::thread::scope(|scope| {
        let (sender, events) = mpsc::channel();
        for _ in 0..cores.min(jobs.len()) {
            let (sender, next, stop) = (sender.clone(), &next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    let _ = sender.send(Event::Started(job));
                    let _ = sender.send(Event::Finished(job, make::photo(&paths[job.index], out)));
                }
            });
        }
        drop(sender);
        let mut result = Ok(());
        for event in events {
            if let Err(error) = handle(event) {
                stop.store(true, Ordering::Relaxed);
                result = result.and(Err(error));
            }
        }
        result
    })
}

/// Progress on stderr: a bar on a terminal (with skipped files printed
/// above it), else one plain line per photo.
struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    finished: usize,
    started: BTreeMap<String, Instant>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            total,
            finished: 0,
            started: BTreeMap::new(),
        }
    }

    fn started(&mut self, file: &str) {
        self.started.insert(file.to_string(), Instant::now());
        self.show_started();
    }

    fn finished(&mut self, file: &str, outcome: &Outcome) {
        self.finished += 1;
        let took = self.started.remove(file).map(|t| t.elapsed().as_secs_f32());
        let line = match outcome {
            Outcome::Made(photo) => format!(
                "{file}: made, {} px wide ({:.1} s)",
                photo
                    .widths
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("/"),
                took.unwrap_or_default()
            ),
            Outcome::AlreadyDone(_) => format!("{file}: already done"),
            Outcome::Skipped(why) => format!("{file}: {why}"),
        };
        match &self.bar {
            Some(bar) => {
                if matches!(outcome, Outcome::Skipped(_)) {
                    bar.println(&line);
                }
                bar.inc(1);
                self.show_started();
            }
            None => eprintln!("[{}/{}] {line}", self.finished, self.total),
        }
    }

    /// The bar's message: the photos being made.
    fn show_started(&self) {
        if let Some(bar) = &self.bar {
            let names: Vec<&str> = self.started.keys().map(String::as_str).collect();
            bar.set_message(names.join(", "));
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A file-name-safe, lower-case name for a photo: `IMG 0042.JPG` -> `img-0042`.
pub fn slug(path: &Path) -> String {
    event_microsite::content::photo_copies::slug(
        &path.file_name().unwrap_or_default().to_string_lossy(),
    )
}
