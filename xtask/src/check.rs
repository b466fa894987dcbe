//! `cargo xtask check [DIR]`: every problem in a content folder at once,
//! in English and Chinese, with the same checks as the site's `?check`.

use anyhow::{Result, bail};
use event_microsite::content::check::{PHOTO_BUDGET_BYTES, Report, check};
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
    // Only a whole picture of what is used tells what is not.
    if report.errors() == 0 {
        let unused = unused_photos(dir, site_root, &report)?;
        report.add(unused);
    }
    Ok(report)
}

/// A warning for each file in `dir/photos/` that no content file uses (such
/// as the shipped illustrations, left behind): it would be published.
fn unused_photos(dir: &Path, site_root: &Path, report: &Report) -> Result<Vec<Problem>> {
    let photos = dir.join("photos");
    let Ok(entries) = std::fs::read_dir(&photos) else {
        return Ok(Vec::new());
    };
    let used: std::collections::HashSet<PathBuf> = report
        .photos
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
}
