//! `cargo xtask sheet export [DIR] FILE` and `cargo xtask sheet import FILE
//! [DIR]`: the content as a workbook, with the library's `sheet` code (the
//! same the studio uses).

use anyhow::{Context, Result, bail};
use event_microsite::content::{Problem, Validate, files, load};
use event_microsite::sheet::{self, Contents};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Writes the content of the folder `dir` (or, `empty`, the template) as a
/// workbook at `file`.
pub fn export(dir: &Path, file: &Path, empty: bool) -> Result<()> {
    let contents = if empty {
        Contents::default()
    } else {
        current(dir)?
    };
    let book = sheet::export_workbook(&contents).context("writing the workbook")?;
    std::fs::write(file, book).with_context(|| format!("writing {}", file.display()))?;
    println!(
        "wrote {}: edit it, then `cargo xtask sheet import {}`",
        file.display(),
        file.display()
    );
    Ok(())
}

/// Reads the spreadsheet `file` and, when every row of every sheet is
/// right, writes the files it holds into the content folder `dir`;
/// otherwise lists every problem and writes nothing.
pub fn import(file: &Path, dir: &Path) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let base = current(dir)?;
    match sheet::import_workbook(&name, &bytes, &base) {
        Ok(imported) => {
            for (file_name, text) in imported.files() {
                let target = dir.join(file_name);
                std::fs::write(&target, text)
                    .with_context(|| format!("writing {}", target.display()))?;
                println!("wrote {}", target.display());
            }
            Ok(())
        }
        Err(problems) => {
            for problem in &problems {
                println!(
                    "✗ {}\n    {}\n    {}",
                    problem.place(),
                    problem.message,
                    problem.message_zh
                );
            }
            bail!(
                "{} has {} problem(s); no file was changed / 表格中有 {} 个问题，文件均未改动",
                file.display(),
                problems.len(),
                problems.len()
            )
        }
    }
}

/// The content of `dir`: each file that is there; one with problems stops
/// here, to be fixed first.
fn current(dir: &Path) -> Result<Contents> {
    Ok(Contents {
        site: read(dir, files::SITE)?,
        story: read(dir, files::STORY)?,
        timeline: read(dir, files::TIMELINE)?,
        quiz: read(dir, files::QUIZ)?,
        new_photos: Vec::new(),
    })
}

fn read<T: DeserializeOwned + Validate>(dir: &Path, file: &str) -> Result<Option<T>> {
    let path = dir.join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    load::<T>(file, &text)
        .map(Some)
        .or_else(|problems: Vec<Problem>| {
            bail!(
                "{} has problems; fix them first (`cargo xtask check`):\n{}",
                path.display(),
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
}
