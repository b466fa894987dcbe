//! `cargo xtask`: the project's build, serve and test commands, as plain Rust.
//!
//! Every command first makes sure the machine has what it needs (a wasm32
//! toolchain, trunk, wasm-bindgen-cli, Chromium, the Playwright package) and
//! installs what is missing from the package registries.

mod bench;
mod build;
mod check;
mod cmd;
mod csp;
mod deploy;
mod fuzz;
mod photos;
mod prerender;
mod pwa;
mod scale;
mod share_image;
mod size;
mod toolchain;
mod tools;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup    install whatever is missing (wasm toolchain, trunk, wasm-bindgen-cli, Chromium, Playwright)
  build    check the content, then build the release site into dist/ (--help for options)
  serve    build and serve the site on http://127.0.0.1:8080 (rebuilds on change)
  test     run every test: format, lints, native, wasm in headless Chromium, Playwright end-to-end
  check [DIR]  check a content folder (default public/content): every problem, in English and Chinese
  photos SRC [OUT] [--into ENTRY_ID]  make web copies of the photos in SRC (upright, 480/960/1600 px,
           JPEG and WebP, no EXIF) into OUT (default public/content/photos) and print their JSON for
           timeline.json, or add them to the photos of the entry with that id (--into)
  fuzz [SECONDS]  fuzz the content parser/validator and the saved-quiz decoder (nightly; default 60 s each)
  nginx [ROOT] [PORT]  print an nginx server block for dist/ (security headers, MIME types, gzip, caching)
  schema   write the content files' JSON Schemas into public/content/schema/ (for editors)
  size     print the size of dist/'s wasm, JS, CSS and HTML: raw, gzip and brotli
  bench    build, then measure the timeline at 200 entries and 1,000 photos in Chromium and run
           Lighthouse against a static page and TimelineJS3 (bench/results.md)
  bench content  only the content check and page load at 200, 1,000 and 5,000 entries
";

fn main() {
    if let Err(error) = run() {
        eprintln!("xtask: error: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let invoked_from = std::env::current_dir()?;
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("setup") => tools::Env::prepare(&root).map(|_| ()),
        Some("build") => {
            let options = build::Options::parse(&args[1..], &invoked_from)?;
            build::run(&tools::Env::prepare_build(&root)?, &options)
        }
        Some("serve") => serve(&tools::Env::prepare_build(&root)?),
        Some("test") => test(&tools::Env::prepare(&root)?),
        Some("size") => size::report(
            &args
                .get(1)
                .map_or_else(|| root.join("dist"), |dir| invoked_from.join(dir)),
        ),
        Some("photos") => make_photos(&root, &invoked_from, &args[1..]),
        Some("fuzz") => fuzz::run(&root, &args[1..]),
        Some("nginx") => print_nginx(&root, &args[1..]),
        Some("schema") => write_schemas(&root.join("public/content")),
        Some("check") => check::run(
            &args
                .get(1)
                .map_or_else(|| root.join("public/content"), |dir| invoked_from.join(dir)),
        ),
        Some("bench") if args.get(1).is_some_and(|a| a == "content") => {
            scale::run(&tools::Env::prepare(&root)?)
        }
        Some("bench") => bench(&tools::Env::prepare(&root)?),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// The workspace root (the parent of `xtask/`).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a workspace")
        .to_path_buf()
}

/// `cargo xtask photos SRC [OUT] [--into ENTRY_ID]`: see `photos.rs`.
fn make_photos(root: &Path, invoked_from: &Path, args: &[String]) -> Result<()> {
    const PHOTOS_USAGE: &str = "usage: cargo xtask photos SRC_DIR [OUT_DIR] [--into ENTRY_ID]   (OUT_DIR defaults to public/content/photos)";
    let mut into = None;
    let mut dirs = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--into" => match rest.next() {
                Some(id) => into = Some(id.clone()),
                None => bail!("--into needs the id of a timeline entry\n{PHOTOS_USAGE}"),
            },
            flag if flag.starts_with("--") => bail!("unknown option `{flag}`\n{PHOTOS_USAGE}"),
            dir => dirs.push(invoked_from.join(dir)),
        }
    }
    let public = root.join("public");
    let (src, out) = match dirs.as_slice() {
        [src] => (src.clone(), public.join("content/photos")),
        [src, out] => (src.clone(), out.clone()),
        _ => bail!(PHOTOS_USAGE),
    };
    let url_prefix = photos::url_prefix(&out, &public);
    photos::command(&photos::Request {
        src,
        out,
        url_prefix,
        into,
    })
}

/// Writes the JSON Schemas generated from the content types.
fn write_schemas(content: &Path) -> Result<()> {
    use event_microsite::content::schema;
    let dir = content.join(schema::DIR);
    std::fs::create_dir_all(&dir)?;
    for (file, json) in schema::all() {
        let path = dir.join(schema::file_name(file));
        std::fs::write(&path, json)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// `cargo xtask nginx [ROOT] [PORT]`: prints an nginx server block for dist/.
fn print_nginx(root: &Path, args: &[String]) -> Result<()> {
    let site_root = args
        .first()
        .map_or_else(|| PathBuf::from("/var/www/event"), PathBuf::from);
    let port = args
        .get(1)
        .map_or(Ok(80), |p| p.parse())
        .context("PORT must be a number")?;
    print!(
        "{}",
        deploy::nginx_server(
            &site_root,
            port,
            &deploy::built_header_policy(&root.join("dist"))?,
            false
        )
    );
    Ok(())
}

/// `trunk serve --release` on 127.0.0.1:8080.
fn serve(env: &tools::Env) -> Result<()> {
    cmd::step("serve the site on http://127.0.0.1:8080 (Ctrl-C to stop)");
    println!("\n    open http://127.0.0.1:8080\n");
    env.wasm_command("trunk")
        .args([
            "serve",
            "--release",
            "--address",
            "127.0.0.1",
            "--port",
            "8080",
        ])
        .run()
}

/// Builds the release site, then runs the benchmarks: the timeline at scale
/// in Chromium, then Lighthouse on the site, a static page and TimelineJS3
/// (see `bench.rs`). They print tables; they never fail on a timing.
fn bench(env: &tools::Env) -> Result<()> {
    build::run(env, &build::Options::default())?;
    cmd::step("the timeline at 200 entries and 1,000 photos, in Chromium");
    env.npx(["playwright", "test", "--config", "bench.config.ts"])
        .run()?;
    bench::run(env)?;
    scale::run(env)
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

/// Every test, cheapest first; stops at the first failing stage.
fn test(env: &tools::Env) -> Result<()> {
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
