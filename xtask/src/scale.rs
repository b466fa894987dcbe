//! `cargo xtask bench content`: the content check and the page's load at
//! 200, 1,000 and 5,000 timeline entries, valid and with a problem in every
//! entry (an empty text and an unknown field). Written as its own section of
//! `bench/results.md`; a table, never a pass/fail on timing.

use crate::setup::tools;
use crate::{check, cmd};
use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

const SIZES: [usize; 3] = [200, 1_000, 5_000];
const RUNS: usize = 3;
const START: &str = "<!-- content at scale: written by `cargo xtask bench content` -->";
const END: &str = "<!-- end of content at scale -->";

/// One generated content folder.
struct Case {
    entries: usize,
    problems: bool,
    dir: PathBuf,
}

impl Case {
    fn name(&self) -> String {
        format!(
            "{}-{}",
            self.entries,
            if self.problems { "problems" } else { "valid" }
        )
    }
}

/// Generates the folders, measures, and writes the section.
pub fn run(env: &tools::Env) -> Result<()> {
    let root = env.root();
    let work = root.join("target/bench/scale");
    let _ = std::fs::remove_dir_all(&work);
    cmd::step("content at scale: 200, 1,000 and 5,000 entries, valid and with a problem in each");
    let mut cases = Vec::new();
    for entries in SIZES {
        for problems in [false, true] {
            let mut case = Case {
                entries,
                problems,
                dir: PathBuf::new(),
            };
            case.dir = work.join(case.name()).join("content");
            write_case(root, &case)?;
            cases.push(case);
        }
    }
    let checks: Vec<f64> = cases.iter().map(time_check).collect::<Result<_>>()?;

    cmd::step("content at scale: the page's load in Chromium");
    let out = work.join("browser.json");
    env.npx([
        "playwright",
        "test",
        "--config",
        "bench.config.ts",
        "content.bench.ts",
    ])
    .env("SCALE_DIR", &work)
    .env("SCALE_OUT", &out)
    .run()?;
    let browser: Value = serde_json::from_str(
        &std::fs::read_to_string(&out).context("the browser benchmark wrote no results")?,
    )?;

    let mut section = format!(
        "{START}\n## Content at scale\n\n`cargo xtask bench content`: `timeline.json` with this many entries (each with \
         a photo), valid or with an empty text and an unknown field in every entry. `cargo xtask check` is the \
         whole check as organisers run it (all four files, photo files included), median of {RUNS}, in process. \
         The page: Chromium, 1280x800, no throttling, the longest main-thread task from navigation until the \
         timeline (or its list of problems) is shown, median of {RUNS}.\n\n\
         | entries | content | file size | `cargo xtask check` | page: timeline shown | page: longest task |\n\
         |---:|---|---:|---:|---:|---:|\n"
    );
    for (case, check) in cases.iter().zip(checks) {
        let page = &browser[case.name()];
        let size = std::fs::metadata(case.dir.join("timeline.json"))?.len();
        writeln!(
            section,
            "| {} | {} | {:.1} MB | {:.0} ms | {} | {} |",
            case.entries,
            if case.problems {
                "a problem in every entry"
            } else {
                "valid"
            },
            size as f64 / 1e6,
            check * 1000.0,
            ms(&page["shown"]),
            ms(&page["longest"]),
        )?;
    }
    section.push_str(END);
    section.push('\n');
    let results = root.join("bench/results.md");
    let old = std::fs::read_to_string(&results).unwrap_or_default();
    std::fs::write(&results, with_section(&old, &section))?;
    println!("\n{section}\nwrote bench/results.md");
    Ok(())
}

fn ms(value: &Value) -> String {
    value.as_f64().map_or("–".into(), |v| format!("{v:.0} ms"))
}

/// `results` with its content-at-scale section replaced by `section` (or
/// added at the end).
fn with_section(results: &str, section: &str) -> String {
    match (results.find(START), results.find(END)) {
        (Some(start), Some(end)) if end > start => format!(
            "{}{section}{}",
            &results[..start],
            results[end + END.len()..].trim_start_matches('\n')
        ),
        _ => format!("{}\n\n{section}", results.trim_end()),
    }
}

/// The shipped content with `case.entries` timeline entries, each made from
/// a shipped one (with a unique id, without times).
fn write_case(root: &Path, case: &Case) -> Result<()> {
    let shipped = root.join("public/content");
    crate::build::copy_dir(&shipped, &case.dir)?;
    let timeline: Value =
        serde_json::from_str(&std::fs::read_to_string(shipped.join("timeline.json"))?)?;
    let model = timeline["entries"].as_array().context("entries")?;
    let entries: Vec<Value> = (0..case.entries)
        .map(|i| {
            let mut entry = model[i % model.len()].clone();
            entry["id"] = json!(format!("e{i}"));
            if let Some(object) = entry.as_object_mut() {
                object.remove("time");
                if case.problems {
                    object.insert("extra".into(), json!(true));
                }
            }
            if case.problems {
                entry["text"]["zh"] = json!("");
            }
            entry
        })
        .collect();
    let mut timeline = timeline;
    timeline["entries"] = json!(entries);
    std::fs::write(
        case.dir.join("timeline.json"),
        serde_json::to_string_pretty(&timeline)?,
    )?;
    Ok(())
}

/// The median time of `cargo xtask check`'s work on the case's folder.
fn time_check(case: &Case) -> Result<f64> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let report = check::report(&case.dir)?;
        times.push(started.elapsed().as_secs_f64());
        if (report.errors() > 0) != case.problems {
            anyhow::bail!(
                "{}: {} error(s), not as generated",
                case.name(),
                report.errors()
            );
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_is_replaced_or_added() {
        let section = format!("{START}\nnew\n{END}\n");
        let added = with_section("# Bench\n", &section);
        assert_eq!(added, format!("# Bench\n\n{section}"));
        let again = with_section(
            &format!("{added}\n## After\n"),
            &format!("{START}\nnewer\n{END}\n"),
        );
        assert!(
            again.contains("newer") && !again.contains("\nnew\n") && again.ends_with("## After\n")
        );
    }
}
