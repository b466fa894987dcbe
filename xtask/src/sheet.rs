//! `cargo xtask sheet export [DIR] FILE` and `cargo xtask sheet import FILE
//! [DIR]`: the quiz as a spreadsheet, with the library's `sheet` code (the
//! same the studio uses).

use anyhow::{Context, Result, bail};
use event_microsite::content::{Quiz, files, load};
use event_microsite::sheet;
use std::path::Path;

/// Writes the quiz of the content folder `dir` as a workbook at `file`.
pub fn export(dir: &Path, file: &Path) -> Result<()> {
    let quiz = current_quiz(dir)?.with_context(|| format!("{} has no quiz.json", dir.display()))?;
    let book = sheet::export_quiz(&quiz).context("writing the workbook")?;
    std::fs::write(file, book).with_context(|| format!("writing {}", file.display()))?;
    println!(
        "wrote {} ({} questions): edit it, then `cargo xtask sheet import {}`",
        file.display(),
        quiz.questions.len(),
        file.display()
    );
    Ok(())
}

/// Reads the spreadsheet `file` and, when every row is right, writes the
/// content folder's `quiz.json`; otherwise lists every problem and writes
/// nothing.
pub fn import(file: &Path, dir: &Path) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let base = current_quiz(dir)?;
    match sheet::import_quiz(&name, &bytes, base.as_ref()) {
        Ok(quiz) => {
            let target = dir.join(files::QUIZ);
            std::fs::write(&target, sheet::quiz_json(&quiz))
                .with_context(|| format!("writing {}", target.display()))?;
            println!(
                "wrote {} ({} questions) from {}",
                target.display(),
                quiz.questions.len(),
                file.display()
            );
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
                "{} has {} problem(s); quiz.json was not changed / 表格中有 {} 个问题，quiz.json 未改动",
                file.display(),
                problems.len(),
                problems.len()
            )
        }
    }
}

/// The quiz of `dir`, if it has one that loads.
fn current_quiz(dir: &Path) -> Result<Option<Quiz>> {
    let path = dir.join(files::QUIZ);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    match load::<Quiz>(files::QUIZ, &text) {
        Ok(quiz) => Ok(Some(quiz)),
        Err(problems) => bail!(
            "{} has problems; fix them first (`cargo xtask check`):\n{}",
            path.display(),
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}
