//! `cargo xtask test`: every test, cheapest first, with one closing tally.

use crate::build::{self, deploy};
use crate::setup::tools;
use crate::{cmd, size};
use anyhow::{Context, Result};
use std::path::PathBuf;

/// Every test, cheapest first; stops at the first failing stage.
pub fn run(env: &tools::Env) -> Result<()> {
    cmd::step("format check");
    cmd::Cmd::new("cargo")
        .args(["fmt", "--all", "--check"])
        .run()?;

    cmd::step("clippy (native: content model, quiz, xtask)");
    cmd::Cmd::new("cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;

    cmd::step("clippy (wasm32: components)");
    env.wasm_command("cargo")
        .args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;

    let mut tally = cmd::Tally::default();
    cmd::step("native tests: content model, validation, quiz logic");
    cmd::Cmd::new("cargo")
        .args(["test", "--workspace"])
        .run_counting(&mut tally)?;

    cmd::step("wasm-bindgen-test: components in headless Chromium");
    env.wasm_command("cargo")
        .args(["test", "--target", "wasm32-unknown-unknown"])
        .run_counting(&mut tally)?;

    build::run(env, &build::Options::default())?;
    tally.passed += build::check_dist_survives(env)?;
    let no_offline = env.root().join("target/e2e/no-offline");
    build::run(
        env,
        &build::Options {
            out: Some(no_offline.clone()),
            offline: false,
            ..build::Options::default()
        },
    )?;
    // A second content pack, unlike the shipped one, for the visitor tests.
    let next_event = env.root().join("target/e2e/next-event");
    build::run(
        env,
        &build::Options {
            content: Some(env.root().join("tests/e2e/fixtures/next-event/content")),
            out: Some(next_event.clone()),
            ..build::Options::default()
        },
    )?;

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
        .env("E2E_NO_OFFLINE_DIST", &no_offline)
        .env("E2E_NEXT_EVENT_DIST", &next_event)
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
