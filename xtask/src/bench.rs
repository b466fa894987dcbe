//! `cargo xtask bench`: this site against the pages organisers would
//! otherwise publish, in one run on this machine. Three pages with the same
//! content are served by the same nginx (the shipped server block: gzip,
//! `application/wasm`, long caching of hashed files):
//! 1. the site's release build (`dist/`);
//! 2. a static page with the same story, timeline, CSS and photos and no
//!    script at all, rendered from the same JSON (the lower bound);
//! 3. a TimelineJS3 page with the same entries and photos (npm
//!    `@knight-lab/timelinejs`, local files, no web fonts).
//!
//! Lighthouse (mobile, simulated slow 4G, 4x CPU slowdown) runs on each
//! several times; the median runs go into one table in `bench/results.md`,
//! with the wasm's size and its largest parts (twiggy).

use crate::build::deploy;
use crate::build::prerender;
use crate::cmd;
use crate::setup::tools;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Lighthouse runs per page; the median is reported.
const RUNS: &str = "3";
const PAGES: [(&str, u16); 3] = [("site", 4181), ("static", 4182), ("timelinejs", 4183)];

/// What "ready" means per page for `bench/ready.mjs`: a name, the page, what
/// a visitor sees, the element whose appearance marks it (a photo counts
/// once it has loaded), and, for a tap, what the tap must open.
const READY: [(&str, &str, &str, &str, &str); 8] = [
    ("site-story", "site", "this site: the story", "h1", ""),
    (
        "site-timeline",
        "site",
        "this site: the timeline's first entry",
        ".tl-entry",
        "",
    ),
    (
        "site-photo",
        "site",
        "this site: the timeline's first photo shown",
        "#timeline img",
        "",
    ),
    (
        "site-viewer",
        "site",
        "this site: a tap on the first photo opens the viewer (as soon as the app answers taps)",
        "#timeline button.photo__open",
        "[role=\"dialog\"]",
    ),
    (
        "site-quiz",
        "site",
        "this site: a tap on the quiz's start shows its first question",
        "#quiz button:has-text(\"开始答题\")",
        "#quiz .quiz__progress",
    ),
    ("static", "static", "static page: the story", "h1", ""),
    (
        "timelinejs",
        "timelinejs",
        "TimelineJS3: its title slide",
        ".tl-headline-title",
        "",
    ),
    (
        "timelinejs-photo",
        "timelinejs",
        "TimelineJS3: its first photo shown",
        "img.tl-media-image",
        "",
    ),
];

/// The observed readiness table.
fn ready_table(report: &Value) -> Result<String> {
    let throttling = &report["throttling"];
    let mut out = format!(
        "\n## Ready to use, observed\n\nChromium with DevTools throttling ({} ms latency, {} Kbps down, {}x CPU), \
         412x823, a fresh context per load, median of {} loads (`tests/e2e/bench/ready.mjs`): the time from the \
         navigation's start until the element is visible. Observed, not simulated.\n\n\
         | what is ready | median | loads |\n|---|---:|---|\n",
        throttling["latency"],
        throttling["downloadThroughput"].as_f64().unwrap_or(0.0) * 8.0 / 1000.0,
        throttling["cpu"],
        report["loads"],
    );
    for (name, _, label, _, _) in READY {
        let page = &report["pages"][name];
        let times: Vec<String> = page["times"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| t.to_string())
            .collect();
        writeln!(
            out,
            "| {label} | {} | {} |",
            page["median"].as_f64().map_or("–".to_string(), ms),
            times.join(", ")
        )?;
    }
    Ok(out)
}

/// Builds the release site, then runs the benchmarks: the timeline at scale
/// in Chromium, then Lighthouse on the site, a static page and TimelineJS3
/// (see `bench.rs`). They print tables; they never fail on a timing.
pub fn run_all(env: &tools::Env) -> Result<()> {
    crate::build::run(env, &crate::build::Options::default())?;
    cmd::step("the timeline at 200 entries and 1,000 photos, in Chromium");
    env.npx(["playwright", "test", "--config", "bench.config.ts"])
        .run()?;
    run(env)?;
    crate::scale::run(env)
}

/// Runs the comparison and writes `bench/results.md`.
pub fn run(env: &tools::Env) -> Result<()> {
    let root = env.root();
    let work = root.join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let _nginx = serve_pages(root, &work)?;

    cmd::step("Lighthouse, mobile, median of 3 kept runs per page (a few minutes)");
    let report = work.join("lighthouse.json");
    let mut lighthouse = cmd::Cmd::new("node")
        .args(["bench/lighthouse.mjs", "--runs", RUNS, "--out"])
        .arg(&report)
        // A first visit: the service worker would otherwise take over
        // mid-load and hide its requests from Lighthouse's byte counts.
        .args(["--block", "*/sw.js"])
        .current_dir(root.join("tests/e2e"))
        .env("CHROME_PATH", env.chromium());
    for (name, port) in PAGES {
        lighthouse = lighthouse.arg(format!("{name}=http://127.0.0.1:{port}/"));
    }
    lighthouse.run()?;

    cmd::step("ready to use, observed in Chromium with DevTools throttling, median of 5 loads");
    let ready_report = work.join("ready.json");
    let mut ready = cmd::Cmd::new("node")
        .args(["bench/ready.mjs", "--loads", "5", "--out"])
        .arg(&ready_report)
        .current_dir(root.join("tests/e2e"))
        .env("CHROME_PATH", env.chromium());
    for (name, page, _, selector, opens) in READY {
        let port = PAGES
            .iter()
            .find(|(p, _)| *p == page)
            .map_or(0, |(_, port)| *port);
        ready = ready.arg(format!(
            "{name}|http://127.0.0.1:{port}/|{selector}|{opens}"
        ));
    }
    ready.run()?;
    write_results(env, &report, &ready_report)
}

/// The site, the static page and TimelineJS3 behind one nginx, on the
/// ports of [`PAGES`], until the returned server is dropped.
fn serve_pages(root: &Path, work: &Path) -> Result<Nginx> {
    cmd::step("the comparison pages: static HTML and TimelineJS3, from the same content");
    let static_dir = write_static_page(root, &work.join("static"))?;
    let timelinejs_dir = work.join("timelinejs");
    cmd::Cmd::new("node")
        .args(["bench/timelinejs.mjs"])
        .arg(&timelinejs_dir)
        .arg(root.join("public/content"))
        .current_dir(root.join("tests/e2e"))
        .run()?;

    cmd::step("serve the three pages with nginx");
    let dist = root.join("dist");
    let servers = [
        deploy::nginx_server(
            &dist,
            PAGES[0].1,
            &deploy::built_header_policy(&dist)?,
            deploy::has_brotli(),
        ),
        deploy::nginx_plain_server(&static_dir, PAGES[1].1),
        deploy::nginx_plain_server(&timelinejs_dir, PAGES[2].1),
    ]
    .join("\n");
    let nginx_work = work.join("nginx");
    std::fs::create_dir_all(&nginx_work)?;
    let conf = nginx_work.join("nginx.conf");
    std::fs::write(&conf, deploy::nginx_conf(&servers, &nginx_work))?;
    Nginx::start(&conf)
}

/// The tables from Lighthouse's and the readiness reports, the targets,
/// the wasm's size and largest parts, into `bench/results.md`.
fn write_results(env: &tools::Env, report: &Path, ready_report: &Path) -> Result<()> {
    let root = env.root();
    let report: Value = serde_json::from_str(&std::fs::read_to_string(report)?)?;
    let mut results = table(&report)?;
    let ready_report: Value = serde_json::from_str(&std::fs::read_to_string(ready_report)?)?;
    results.push_str(&ready_table(&ready_report)?);
    let sizes = crate::size::measure(&root.join("dist"))?;
    let wasm = sizes
        .iter()
        .find(|file| file.name.ends_with(".wasm"))
        .map(|file| file.brotli as f64);
    results.push_str(&targets(&report, &ready_report, wasm)?);
    results.push_str(&wasm_size(&sizes)?);
    results.push_str(&largest_contributors(env));
    std::fs::create_dir_all(root.join("bench"))?;
    // Sections other commands (or measurements by hand) wrote stay.
    let old = std::fs::read_to_string(root.join("bench/results.md")).unwrap_or_default();
    results.push_str(&kept_sections(&old));
    std::fs::write(root.join("bench/results.md"), &results)?;
    println!("\n{results}\nwrote bench/results.md");
    Ok(())
}

/// The static page, the site's stylesheet and the photos, in `dir`.
fn write_static_page(root: &Path, dir: &Path) -> Result<PathBuf> {
    let dist = root.join("dist");
    let content = prerender::load_content(&dist.join("content"))?;
    let stylesheet = std::fs::read_dir(&dist)?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .find(|name| name.ends_with(".css"))
        .context("dist/ has no stylesheet: run `cargo xtask build`")?;
    std::fs::create_dir_all(dir.join("content"))?;
    std::fs::copy(dist.join(&stylesheet), dir.join(&stylesheet))?;
    copy_dir(&dist.join("content/photos"), &dir.join("content/photos"))?;
    std::fs::write(
        dir.join("index.html"),
        prerender::static_page(&content, &stylesheet),
    )?;
    Ok(dir.to_path_buf())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// nginx in the foreground, stopped (with its workers) when dropped.
struct Nginx {
    master: std::process::Child,
    bin: PathBuf,
    conf: PathBuf,
}

impl Nginx {
    fn start(conf: &Path) -> Result<Nginx> {
        for (name, port) in PAGES {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                bail!(
                    "port {port} (the {name} page) is already in use: stop what serves it and run again"
                );
            }
        }
        let bin = tools::nginx_bin().context("nginx is missing: run `cargo xtask setup`")?;
        let master = std::process::Command::new(&bin)
            .arg("-c")
            .arg(conf)
            .args(["-g", "daemon off;"])
            .spawn()
            .context("starting nginx")?;
        let nginx = Nginx {
            master,
            bin,
            conf: conf.to_path_buf(),
        };
        for (name, port) in PAGES {
            let ready = (0..50).any(|_| {
                std::thread::sleep(std::time::Duration::from_millis(100));
                std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
            });
            if !ready {
                bail!("nginx did not start serving the {name} page on port {port}");
            }
        }
        Ok(nginx)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // `-s stop` ends the workers too; killing the master alone would
        // leave them serving the old files.
        let stopped = std::process::Command::new(&self.bin)
            .arg("-c")
            .arg(&self.conf)
            .args(["-s", "stop"])
            .status()
            .is_ok_and(|s| s.success());
        if !stopped {
            let _ = self.master.kill();
        }
        let _ = self.master.wait();
    }
}

fn whole(v: f64) -> String {
    format!("{v:.0}")
}

fn ms(v: f64) -> String {
    format!("{v:.0} ms")
}

fn kib(v: f64) -> String {
    format!("{:.1} KiB", v / 1024.0)
}

fn shift(v: f64) -> String {
    format!("{v:.3}")
}

/// A row of the table: label, where the value is in lighthouse.mjs's JSON,
/// and how it is written.
type Row = (&'static str, &'static str, fn(f64) -> String);

const ROWS: [Row; 19] = [
    ("Performance score", "/scores/performance", whole),
    ("Accessibility", "/scores/accessibility", whole),
    ("Best practices", "/scores/best-practices", whole),
    ("SEO", "/scores/seo", whole),
    ("FCP", "/metrics/fcp", ms),
    ("LCP", "/metrics/lcp", ms),
    ("TBT", "/metrics/tbt", ms),
    ("CLS", "/metrics/cls", shift),
    ("Speed Index", "/metrics/speedIndex", ms),
    ("Requests", "/requests", whole),
    ("Transfer, total", "/bytes/total", kib),
    ("Transfer before the first paint", "/bytes/beforePaint", kib),
    ("Transfer, HTML", "/bytes/html", kib),
    ("Transfer, CSS", "/bytes/css", kib),
    ("Transfer, JS", "/bytes/js", kib),
    ("Transfer, wasm", "/bytes/wasm", kib),
    ("Transfer, JSON", "/bytes/json", kib),
    ("Transfer, images", "/bytes/image", kib),
    ("Transfer, fonts", "/bytes/font", kib),
];

/// The results table: a row per measure, a column per page, and the
/// site's ratios to the other two.
fn table(report: &Value) -> Result<String> {
    let pages: Vec<(&str, &Value)> = PAGES
        .iter()
        .map(|(name, _)| {
            let page = &report["pages"][name];
            if let Some(error) = page.get("error") {
                bail!("Lighthouse failed on the {name} page: {error}");
            }
            Ok((*name, page))
        })
        .collect::<Result<_>>()?;
    let number = |page: &Value, pointer: &str| page.pointer(pointer).and_then(Value::as_f64);
    let mut out = table_heading(report)?;
    writeln!(
        out,
        "| | this site | static page (no script) | TimelineJS3 | site / static | site / TimelineJS3 |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|")?;
    for (label, pointer, format) in ROWS {
        let values: Vec<Option<f64>> = pages.iter().map(|(_, p)| number(p, pointer)).collect();
        let cell = |v: &Option<f64>| v.map_or("–".to_string(), format);
        let ratio = |other: Option<f64>| match (values[0], other) {
            (Some(a), Some(b)) if b != 0.0 => format!("{:.2}", a / b),
            _ => "–".into(),
        };
        writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} |",
            cell(&values[0]),
            cell(&values[1]),
            cell(&values[2]),
            ratio(values[1]),
            ratio(values[2])
        )?;
    }
    out.push_str(&table_notes(&pages)?);
    Ok(out)
}

/// What the table measured, with what and how.
fn table_heading(report: &Value) -> Result<String> {
    let mut out = String::new();
    writeln!(
        out,
        "# Benchmark: this site against a static page and TimelineJS3\n"
    )?;
    writeln!(
        out,
        "Written by `cargo xtask bench` on {date}: {cpu} ({cores} cores), {chromium}, Lighthouse {lighthouse} \
         ({form} form factor, {method} throttling: {rtt} ms RTT, {kbps} Kbps down, {cpu_slowdown}x CPU slowdown), \
         median of {runs} runs per page (Lighthouse's own median run), browser language {lang}. \
         All three pages are served by the same nginx with the shipped server block (gzip, long caching of hashed files).\n",
        date = report["date"].as_str().unwrap_or("?"),
        cpu = report["cpu"]["model"].as_str().unwrap_or("?"),
        cores = report["cpu"]["count"],
        chromium = report["chromium"].as_str().unwrap_or("?"),
        lighthouse = report["lighthouse"].as_str().unwrap_or("?"),
        form = report["config"]["formFactor"].as_str().unwrap_or("?"),
        method = report["config"]["throttlingMethod"].as_str().unwrap_or("?"),
        rtt = report["config"]["throttling"]["rttMs"],
        kbps = report["config"]["throttling"]["throughputKbps"],
        cpu_slowdown = report["config"]["throttling"]["cpuSlowdownMultiplier"],
        runs = report["config"]["runsPerPage"],
        lang = report["config"]["acceptLanguage"].as_str().unwrap_or("?"),
    )?;
    Ok(out)
}

/// Below the table: each page's LCP element, runs left out and the audits
/// not passed.
fn table_notes(pages: &[(&str, &Value)]) -> Result<String> {
    let mut out = String::new();
    for (name, page) in pages {
        if let Some(element) = page.pointer("/lcpElement/snippet").and_then(Value::as_str) {
            writeln!(out, "\nLCP element of the {name} page: `{element}`")?;
        }
    }
    for (name, page) in pages {
        if page["codeBytesUnseen"].as_bool() == Some(true) {
            writeln!(
                out,
                "\n**Warning:** in every run of the {name} page Chromium reported no bytes for a script or the wasm, \
                 so Lighthouse's simulation counted them as free: its numbers for this page are too good."
            )?;
            continue;
        }
        if let Some(left_out) = page["leftOut"].as_u64().filter(|n| *n > 0) {
            writeln!(
                out,
                "\n{left_out} run(s) of the {name} page left out: Chromium reported no bytes for a script or the wasm, \
                 which Lighthouse's simulation would count as free; more runs were made in their place."
            )?;
        }
    }
    let failing: Vec<String> = pages
        .iter()
        .flat_map(|(name, page)| {
            page["failedAudits"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |a| {
                    format!(
                        "- {name}: [{}] {} ({})",
                        a["category"].as_str().unwrap_or(""),
                        a["title"].as_str().unwrap_or(""),
                        a["id"].as_str().unwrap_or("")
                    )
                })
        })
        .collect();
    if !failing.is_empty() {
        writeln!(
            out,
            "\nAudits not passed (accessibility, best practices, SEO):\n\n{}",
            failing.join("\n")
        )?;
    }
    Ok(out)
}

/// A floor: what it says, this run's value, how to show it, whether it is met.
type Target = (
    &'static str,
    Option<f64>,
    fn(f64) -> String,
    fn(f64) -> bool,
);

/// The floors of issues 9 and 16 with this run's values (see `targets`).
fn target_rows(report: &Value, ready: &Value, wasm: Option<f64>) -> [Target; 12] {
    let get = |page: &str, pointer: &str| {
        report["pages"][page]
            .pointer(pointer)
            .and_then(Value::as_f64)
    };
    let site = |pointer: &str| get("site", pointer);
    let observed = |name: &str| ready["pages"][name]["median"].as_f64();
    let lowest_score = ["performance", "accessibility", "best-practices", "seo"]
        .iter()
        .map(|c| site(&format!("/scores/{c}")))
        .try_fold(f64::MAX, |low, v| v.map(|v| low.min(v)));
    let ratio = |a: Option<f64>, b: Option<f64>| Some(a? / b?);
    [
        (
            "Lighthouse 100 in all four categories (lowest)",
            lowest_score,
            whole,
            |v| v >= 100.0,
        ),
        ("FCP ≤ 800 ms", site("/metrics/fcp"), ms, |v| v <= 800.0),
        (
            "LCP ≤ 1.05 × the static page's",
            ratio(site("/metrics/lcp"), get("static", "/metrics/lcp")),
            two_places,
            |v| v <= 1.05,
        ),
        ("CLS = 0", site("/metrics/cls"), shift, |v| v == 0.0),
        ("TBT < 50 ms", site("/metrics/tbt"), ms, |v| v < 50.0),
        (
            "first-load wasm ≤ 130 KB brotli (bytes)",
            wasm,
            whole,
            |v| v <= 130_000.0,
        ),
        (
            "Transfer before the first paint ≤ 180 KB",
            site("/bytes/beforePaint"),
            kib,
            |v| v <= 180_000.0,
        ),
        (
            "Total transfer below TimelineJS3's (ratio)",
            ratio(site("/bytes/total"), get("timelinejs", "/bytes/total")),
            two_places,
            |v| v < 1.0,
        ),
        (
            "LCP below TimelineJS3's (ratio)",
            ratio(site("/metrics/lcp"), get("timelinejs", "/metrics/lcp")),
            two_places,
            |v| v < 1.0,
        ),
        (
            "Timeline within 1.2 × the story's time, observed (ratio)",
            ratio(observed("site-timeline"), observed("site-story")),
            two_places,
            |v| v <= 1.2,
        ),
        (
            "A tap on the first photo opens the viewer within 2.0 s, observed",
            observed("site-viewer"),
            ms,
            |v| v <= 2000.0,
        ),
        (
            "The quiz's first question within 2.5 s, observed",
            observed("site-quiz"),
            ms,
            |v| v <= 2500.0,
        ),
    ]
}

/// The floors of issues 9 and 16, each with this run's value and whether it
/// is met: Lighthouse's `report`, the observed `ready` report, and `wasm`,
/// the first-load wasm's brotli size in bytes.
fn targets(report: &Value, ready: &Value, wasm: Option<f64>) -> Result<String> {
    let rows = target_rows(report, ready, wasm);
    let mut out = String::from(
        "\n## The targets (issues 9 and 16) in this run\n\n| target | this run | met |\n|---|---:|---|\n",
    );
    for (target, value, format, met) in rows {
        let (shown, verdict) = match value {
            Some(v) if met(v) => (format(v), "yes"),
            Some(v) => (format(v), "**no**"),
            None => ("–".to_string(), "?"),
        };
        writeln!(out, "| {target} | {shown} | {verdict} |")?;
    }
    Ok(out)
}

fn two_places(v: f64) -> String {
    format!("{v:.2}")
}

/// The wasm's size raw, gzip -9 and brotli -q 11.
fn wasm_size(sizes: &[crate::size::FileSize]) -> Result<String> {
    let mut out = String::from(
        "\n## The site's wasm\n\n| file | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|\n",
    );
    for file in sizes {
        if file.name.ends_with(".wasm") || file.name.ends_with(".js") || file.name.ends_with(".css")
        {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                file.name, file.raw, file.gzip, file.brotli
            )?;
        }
    }
    Ok(out)
}

/// The largest functions and data of the wasm (twiggy on a build that keeps
/// its names), or why they are missing.
fn largest_contributors(env: &tools::Env) -> String {
    match crate::size::twiggy_top(env, 15) {
        Ok(top) => format!(
            "\n## Largest parts of the wasm (`twiggy top`, before wasm-bindgen)\n\n```\n{top}```\n"
        ),
        Err(error) => format!("\n(twiggy could not run: {error:#})\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ready_table_has_a_row_per_measure_with_its_median_and_loads() {
        let report = serde_json::json!({
            "throttling": { "latency": 150, "downloadThroughput": 204800, "cpu": 4 },
            "loads": 3,
            "pages": { "site-quiz": { "times": [2600, 2500, 2700], "median": 2600 } }
        });
        let out = ready_table(&report).unwrap();
        assert!(
            out.contains("150 ms latency, 1638.4 Kbps down, 4x CPU"),
            "{out}"
        );
        assert!(
            out.contains("| this site: a tap on the quiz's start shows its first question | 2600 ms | 2600, 2500, 2700 |"),
            "{out}"
        );
        assert!(
            out.contains("| TimelineJS3: its title slide | – |  |"),
            "{out}"
        );
    }

    #[test]
    fn targets_say_which_floors_a_run_meets() {
        let report = serde_json::json!({ "pages": {
            "site": {
                "scores": { "performance": 100, "accessibility": 100, "best-practices": 96, "seo": 100 },
                "metrics": { "fcp": 752.0, "lcp": 950.0, "tbt": 46.0, "cls": 0.0 },
                "bytes": { "total": 266_000, "beforePaint": 12_500 }
            },
            "static": { "metrics": { "lcp": 752.0 } },
            "timelinejs": { "metrics": { "lcp": 1873.0 }, "bytes": { "total": 110_000 } }
        }});
        let ready = serde_json::json!({ "pages": {
            "site-story": { "median": 700.0 },
            "site-timeline": { "median": 760.0 },
            "site-viewer": { "median": 2400.0 },
        }});
        let out = targets(&report, &ready, Some(240_000.0)).unwrap();
        let verdict = |target: &str| {
            let line = out
                .lines()
                .find(|l| l.starts_with(&format!("| {target}")))
                .unwrap();
            line.rsplit('|').nth(1).unwrap().trim().to_string()
        };
        assert_eq!(verdict("Lighthouse 100"), "**no**");
        assert_eq!(verdict("FCP"), "yes");
        assert_eq!(verdict("LCP ≤ 1.05"), "**no**");
        assert_eq!(verdict("TBT"), "yes");
        assert_eq!(verdict("first-load wasm"), "**no**");
        assert_eq!(verdict("Timeline within"), "yes");
        assert_eq!(verdict("A tap on the first photo"), "**no**");
        assert_eq!(verdict("The quiz's first question"), "?");
        assert_eq!(verdict("Transfer before"), "yes");
        assert_eq!(verdict("Total transfer"), "**no**");
        assert_eq!(verdict("LCP below"), "yes");
        assert!(
            out.contains("| LCP ≤ 1.05 × the static page's | 1.26 |"),
            "{out}"
        );
        let nothing = serde_json::json!({ "pages": {} });
        let unknown = targets(&nothing, &nothing, None).unwrap();
        let rows: Vec<&str> = unknown
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| target"))
            .collect();
        assert_eq!(rows.len(), 12);
        assert!(rows.iter().all(|l| l.ends_with("| – | ? |")), "{unknown}");
    }
}

/// The sections of `results.md` that other commands write, each between a
/// `<!-- what: … -->` line and its `<!-- end of … -->` line.
fn kept_sections(old: &str) -> String {
    let mut kept = String::new();
    let mut inside = false;
    for line in old.lines() {
        if !inside && line.starts_with("<!-- ") && !line.starts_with("<!-- end of") {
            inside = true;
            kept.push('\n');
        }
        if inside {
            kept.push_str(line);
            kept.push('\n');
        }
        if line.starts_with("<!-- end of") {
            inside = false;
        }
    }
    kept
}

#[cfg(test)]
mod kept_tests {
    #[test]
    fn marked_sections_survive_a_new_run() {
        let old =
            "# Benchmark\n| a |\n<!-- scale: x -->\n## Scale\n| 1 |\n<!-- end of scale -->\ntail\n";
        assert_eq!(
            super::kept_sections(old),
            "\n<!-- scale: x -->\n## Scale\n| 1 |\n<!-- end of scale -->\n"
        );
    }
}
