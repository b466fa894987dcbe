//! `cargo xtask test`: every test, cheapest first, with one closing tally.

use crate::build::{self, deploy};
use crate::setup::tools;
use crate::{cmd, size};
use anyhow::{Context, Result};
use std::path::PathBuf;

/// Every test, cheapest first; stops at the first failing stage.
pub fn run(env: &tools::Env) -> Result<()> {
    lint(env)?;
    let mut tally = cmd::Tally::default();
    cmd::step("native tests: content model, validation, quiz logic");
    cmd::Cmd::new("cargo")
        .args(["test", "--workspace"])
        .run_counting(&mut tally)?;

    cmd::step("wasm-bindgen-test: components in headless Chromium");
    env.wasm_command("cargo")
        .args(["test", "--target", "wasm32-unknown-unknown"])
        .run_counting(&mut tally)?;

    let sites = build_test_sites(env)?;
    tally.passed += sites.survivals;

    cmd::step(&format!("size budget ({})", size::BUDGET_FILE));
    for line in size::check_budget(env.root())? {
        println!("  {line}");
    }
    tally.passed += 1;

    cmd::step("Playwright end-to-end tests against dist/ (phone, desktop, and behind nginx)");
    let nginx_conf = write_test_nginx_conf(env)?;
    let nginx = tools::nginx_bin().context("nginx is missing: run `cargo xtask setup`")?;
    env.npx(["playwright", "test"])
        .env("E2E_NGINX_CONF", &nginx_conf)
        .env("E2E_NO_OFFLINE_DIST", &sites.no_offline)
        .env("E2E_NEXT_EVENT_DIST", &sites.next_event)
        .env("E2E_NGINX_BIN", &nginx)
        .env(
            "E2E_NGINX_BROTLI",
            if deploy::has_brotli() { "1" } else { "" },
        )
        .run_counting(&mut tally)?;

    cmd::step("all tests passed");
    // One plain closing line for every runner together.
    println!(
        "xtask: {} passed, {} failed, {} skipped",
        tally.passed, tally.failed, tally.skipped
    );
    Ok(())
}

/// `cargo fmt --check` and clippy with warnings as errors, natively and
/// for wasm32.
fn lint(env: &tools::Env) -> Result<()> {
    cmd::step("format check");
    cmd::Cmd::new("cargo")
        .args(["fmt", "--all", "--check"])
        .run()?;
    let clippy = ["--all-targets", "--", "-D", "warnings"];
    cmd::step("clippy (native: content model, quiz, xtask)");
    cmd::Cmd::new("cargo")
        .args(["clippy", "--workspace"])
        .args(clippy)
        .run()?;
    cmd::step("clippy (wasm32: components, and the studio's spreadsheet and photos)");
    env.wasm_command("cargo")
        .args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "studio",
        ])
        .args(clippy)
        .run()
}

/// The three built sites the end-to-end tests visit.
struct TestSites {
    /// `dist/` survived the failed builds tried on purpose (tests passed).
    survivals: u64,
    /// Built with `--no-offline`.
    no_offline: PathBuf,
    /// Built from a second content pack, unlike the shipped one.
    next_event: PathBuf,
}

fn build_test_sites(env: &tools::Env) -> Result<TestSites> {
    build::run(env, &build::Options::default())?;
    let survivals = build::check_dist_survives(env)?;
    let no_offline = env.root().join("target/e2e/no-offline");
    build::run(
        env,
        &build::Options {
            out: Some(no_offline.clone()),
            offline: false,
            ..build::Options::default()
        },
    )?;
    let next_event = env.root().join("target/e2e/next-event");
    build::run(
        env,
        &build::Options {
            content: Some(env.root().join("tests/e2e/fixtures/next-event/content")),
            out: Some(next_event.clone()),
            ..build::Options::default()
        },
    )?;
    Ok(TestSites {
        survivals,
        no_offline,
        next_event,
    })
}

/// An nginx.conf serving dist/ on 127.0.0.1:4174 with the shipped server
/// block, for the end-to-end tests behind nginx.
fn write_test_nginx_conf(env: &tools::Env) -> Result<PathBuf> {
    let work = env.root().join("target/nginx");
    std::fs::create_dir_all(&work)?;
    let server = deploy::nginx_server(
        &env.root().join("dist"),
        4174,
        &deploy::built_header_policy(&env.root().join("dist"))?,
        deploy::has_brotli(),
    );
    let conf = work.join("nginx.conf");
    std::fs::write(&conf, deploy::nginx_conf(&server, &work))?;
    Ok(conf)
}
