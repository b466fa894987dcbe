//! `cargo xtask check [DIR]`: every problem in a content folder at once,
//! in English and Chinese, with the same checks as the site's `?check`.

use anyhow::{Result, bail};
use event_microsite::content::check::{PHOTO_BUDGET_BYTES, Report, check};
use event_microsite::content::{Problem, Severity};
use std::path::Path;

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
    let photo_problems: Vec<Problem> = report
        .photos
        .iter()
        .filter_map(|photo| {
            let path = site_root.join(photo.src.split(['?', '#']).next().unwrap_or_default());
            match std::fs::metadata(&path) {
                Err(_) => Some(photo.missing()),
                Ok(meta) if meta.len() > PHOTO_BUDGET_BYTES => Some(photo.too_large(meta.len())),
                Ok(_) => None,
            }
        })
        .collect();
    report.add(photo_problems);
    Ok(report)
}

/// Prints the report, every line starting with `file:line:column`; fails
/// if there are errors.
fn print(dir: &Path, report: &Report) -> Result<()> {
    println!(
        "Checking {} ({} photos)\n",
        dir.display(),
        report.photos.len()
    );
    for problem in &report.problems {
        let kind = match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = if problem.path.is_empty() {
            String::new()
        } else {
            format!(" at {}", problem.path)
        };
        // `file:line:column` first, so editors and terminals make it a link.
        println!(
            "{}:{}:{}: {kind}{place}",
            dir.join(&problem.file).display(),
            problem.line,
            problem.column
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
