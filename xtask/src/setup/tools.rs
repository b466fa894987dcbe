//! The tools the build and tests need, installed on first use.
//!
//! Versions are pinned here or read from `Cargo.lock` (wasm-bindgen-cli
//! must equal the `wasm-bindgen` library). Cargo-installed tools go to a
//! per-version folder in the user's cache, so every clone shares them and a
//! second run finds them at once. Nothing is downloaded from outside the
//! package registries: Chromium comes from Debian, never from a test tool.

use super::toolchain::{self, WasmEnv};
use crate::cmd::{Cmd, find_on_path, on_path, step};
use anyhow::{Context, Result, bail};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// cargo-fuzz, for `cargo xtask fuzz` only.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
const TWIGGY_VERSION: &str = "0.8.0";

/// Everything a command needs to build and test: the wasm toolchain's
/// environment, a `PATH` with the pinned tools first, and the browser.
pub struct Env {
    root: PathBuf,
    wasm_env: WasmEnv,
    path: OsString,
    chromium: PathBuf,
    chromedriver: PathBuf,
}

impl Env {
    /// Installs whatever is missing to build and test, and returns the
    /// environment to do it with.
    pub fn prepare(root: &Path) -> Result<Env> {
        Self::prepare_for(root, true)
    }

    /// Installs only what building the site needs (no browser, no test
    /// packages): for `build` and `serve`.
    pub fn prepare_build(root: &Path) -> Result<Env> {
        Self::prepare_for(root, false)
    }

    fn prepare_for(root: &Path, tests: bool) -> Result<Env> {
        let wasm_env = toolchain::ensure()?;
        let tools = tools_dir()?;
        let bindgen_version = wasm_bindgen_version(root)?;
        // The pages are built by the xtask itself (`build::bundle`): no
        // trunk, which took 5 to 7 minutes to compile on 2 cores.
        // Without its default TLS stack (rustls and ring, C and assembly
        // to compile): the test runner only talks to a local ChromeDriver.
        let bindgen_bin = cargo_install(
            &tools,
            "wasm-bindgen-cli",
            &bindgen_version,
            &["--no-default-features"],
        )?;
        let _ = std::fs::remove_dir_all(tools.join("build"));
        let (chromium, chromedriver) = if tests {
            ensure_test_packages(root)?
        } else {
            Default::default()
        };

        let mut dirs = vec![bindgen_bin];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path = std::env::join_paths(dirs)?;
        let env = Env {
            root: root.to_path_buf(),
            wasm_env,
            path,
            chromium,
            chromedriver,
        };
        if tests {
            env.write_webdriver_config()?;
        }
        Ok(env)
    }

    /// The machine's Chromium.
    pub fn chromium(&self) -> &Path {
        &self.chromium
    }

    /// The project's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A command that builds for wasm32 (cargo, wasm-bindgen) with this environment.
    pub fn wasm_command(&self, program: &str) -> Cmd {
        let mut cmd = Cmd::new(program)
            .env("PATH", &self.path)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", &self.chromedriver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", self.webdriver_config())
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
        for (key, value) in &self.wasm_env {
            cmd = cmd.env(key, value);
        }
        cmd
    }

    /// Like `wasm_command`, for the release build: `std` rebuilt for size
    /// (see `toolchain::release_env`).
    pub fn release_command(&self, program: &str) -> Cmd {
        let mut cmd = self.wasm_command(program);
        for (key, value) in toolchain::release_env(&self.wasm_env) {
            cmd = cmd.env(key, value);
        }
        cmd
    }

    /// `npx ARGS` in `tests/e2e`, pointed at the machine's Chromium.
    pub fn npx<const N: usize>(&self, args: [&str; N]) -> Cmd {
        Cmd::new("npx")
            .args(args)
            .current_dir(self.root.join("tests/e2e"))
            .env("CHROME_PATH", &self.chromium)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    }

    fn webdriver_config(&self) -> PathBuf {
        self.root.join("target/webdriver.json")
    }

    /// Capabilities for wasm-bindgen-test-runner: Chromium headless, and able
    /// to run as root (CI) with no network beyond loopback.
    fn write_webdriver_config(&self) -> Result<()> {
        let config = format!(
            r#"{{"goog:chromeOptions": {{"binary": {binary:?}, "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]}}}}"#,
            binary = self.chromium.display().to_string()
        );
        let path = self.webdriver_config();
        std::fs::create_dir_all(path.parent().expect("target/"))?;
        std::fs::write(&path, config).with_context(|| format!("writing {}", path.display()))
    }
}

/// cargo-fuzz (installed on first use) and a nightly toolchain, for fuzzing.
pub fn cargo_fuzz() -> Result<PathBuf> {
    let has_nightly = Cmd::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .is_some_and(|list| list.lines().any(|l| l.starts_with("nightly")));
    if !has_nightly {
        bail!("fuzzing needs a nightly Rust toolchain: `rustup toolchain install nightly`");
    }
    cargo_install(
        &tools_dir()?,
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
        &["--locked"],
    )
}

/// `$XDG_CACHE_HOME/event-microsite/tools` (or `~/.cache/...`).
/// twiggy, for `cargo xtask bench` only (the wasm's largest parts).
pub fn twiggy() -> Result<PathBuf> {
    cargo_install(&tools_dir()?, "twiggy", TWIGGY_VERSION, &["--locked"])
}

fn tools_dir() -> Result<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .context("neither XDG_CACHE_HOME nor HOME is set")?;
    Ok(cache.join("event-microsite/tools"))
}

/// The `wasm-bindgen` version that `Cargo.lock` resolved.
fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == r#"name = "wasm-bindgen""#
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_string());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

/// How the tools are compiled: they are not hot code, so without LTO, in
/// many codegen units, at opt-level 1 (trunk, when the build needed it,
/// installed in 4 min 46 s instead of 6 min 33 s with its own release
/// profile: this machine, 2 cores, 2026-12-02).
const LIGHT_PROFILE: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"),
];

/// `cargo install CRATE@VERSION FLAGS` into its own folder, unless already
/// there; returns the folder holding its binaries.
fn cargo_install(tools: &Path, krate: &str, version: &str, flags: &[&str]) -> Result<PathBuf> {
    let root = tools.join(format!("{krate}-{version}"));
    let bin = root.join("bin");
    let done = root.join(".installed");
    if done.exists() {
        return Ok(bin);
    }
    step(&format!("install {krate} {version} (once per machine)"));
    std::fs::create_dir_all(&root)?;
    let mut args = vec!["install".to_string(), format!("{krate}@={version}")];
    args.extend(flags.iter().map(|flag| flag.to_string()));
    args.extend(["--root".into(), root.display().to_string()]);
    // Run outside the project so its .cargo/config.toml does not apply.
    // One target folder for every tool: the crates they share (serde,
    // clap, ...) are compiled once. It is only needed while installing.
    let mut install = Cmd::new("cargo")
        .args(args)
        .current_dir(tools)
        .env("CARGO_TARGET_DIR", tools.join("build"));
    for (key, value) in LIGHT_PROFILE {
        install = install.env(key, value);
    }
    install.run()?;
    std::fs::write(done, version)?;
    Ok(bin)
}

/// What only the tests need: the browser and its driver (returned), nginx
/// and the Playwright packages.
fn ensure_test_packages(root: &Path) -> Result<(PathBuf, PathBuf)> {
    let browser = ensure_chromium()?;
    ensure_nginx()?;
    ensure_playwright(root)?;
    Ok(browser)
}

/// Debian's Chromium and ChromeDriver (or `CHROME_PATH` / `CHROMEDRIVER`).
fn ensure_chromium() -> Result<(PathBuf, PathBuf)> {
    let find = || {
        let browser = std::env::var("CHROME_PATH")
            .ok()
            .and_then(|p| find_on_path(&p))
            .or_else(|| find_on_path("chromium"))
            .or_else(|| find_on_path("chromium-browser"));
        let driver = std::env::var("CHROMEDRIVER")
            .ok()
            .and_then(|p| find_on_path(&p))
            .or_else(|| find_on_path("chromedriver"));
        browser.zip(driver)
    };
    if let Some(found) = find() {
        return Ok(found);
    }
    if on_path("apt-get") {
        step("install Debian's Chromium and ChromeDriver for the browser tests");
        // A small CJK font so Chinese text renders in screenshots.
        apt_install(&["chromium", "chromium-driver", "fonts-wqy-microhei"])?;
        if let Some(found) = find() {
            return Ok(found);
        }
    }
    bail!(
        "the browser tests need Chromium and a matching ChromeDriver.\n\
         Install them (Debian: `apt-get install chromium chromium-driver`), or set\n\
         CHROME_PATH and CHROMEDRIVER to their paths, then run this command again."
    )
}

/// The nginx binary: on the `PATH`, else Debian's (`/usr/sbin` is often
/// not on a user's `PATH`).
pub fn nginx_bin() -> Option<PathBuf> {
    find_on_path("nginx").or_else(|| {
        let debian = PathBuf::from("/usr/sbin/nginx");
        debian.exists().then_some(debian)
    })
}

/// Debian's nginx with its brotli module, for the end-to-end tests behind
/// the shipped server config and for `cargo xtask bench`.
fn ensure_nginx() -> Result<()> {
    let has_nginx = nginx_bin().is_some();
    if has_nginx && crate::build::deploy::has_brotli() {
        return Ok(());
    }
    if on_path("apt-get") {
        step("install Debian's nginx and its brotli module");
        return apt_install(&["nginx", "libnginx-mod-http-brotli-static"]);
    }
    if has_nginx {
        // Without the module the server sends gzip only.
        return Ok(());
    }
    bail!(
        "the end-to-end tests need nginx (Debian: `apt-get install nginx`); install it and run again"
    )
}

/// `npm ci` in `tests/e2e` when its packages are missing or out of date.
fn ensure_playwright(root: &Path) -> Result<()> {
    let dir = root.join("tests/e2e");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&installed).is_some() && modified(&installed) >= modified(&lock) {
        return Ok(());
    }
    if !on_path("npm") {
        if on_path("apt-get") {
            step("install Node.js and npm for the end-to-end tests");
            apt_install(&["nodejs", "npm"])?;
        } else {
            bail!(
                "the end-to-end tests need Node.js 18 or later with npm; install them and run again"
            );
        }
    }
    step("install the end-to-end test packages (Playwright, no browser download)");
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .run()
}

/// `apt-get update && apt-get install -y PACKAGES` (through sudo unless root).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let is_root = Cmd::new("id")
        .args(["-u"])
        .output()
        .is_some_and(|uid| uid.trim() == "0");
    let apt = |args: Vec<&str>| {
        let (program, rest) = if is_root {
            ("apt-get", args)
        } else {
            ("sudo", [vec!["apt-get"], args].concat())
        };
        Cmd::new(program)
            .args(rest)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .run()
    };
    apt(vec!["update"])?;
    apt([vec!["install", "-y"], packages.to_vec()].concat())
}
