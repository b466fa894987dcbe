//! Choosing a Rust toolchain that can build for `wasm32-unknown-unknown`.
//!
//! In order of preference:
//! 1. the rustup toolchain in use, if it has (or can add) the wasm32 target;
//! 2. on Debian, the `rustc-web` toolchain with the standard library's source,
//!    building `std` for wasm32 with cargo's build-std (installed with apt);
//! 3. otherwise a clear message saying what to install.

use crate::cmd::{Cmd, on_path, step};
use anyhow::{Result, bail};
use std::path::Path;
use std::time::Duration;

const TARGET: &str = "wasm32-unknown-unknown";
/// The name under which the Debian toolchain is linked into rustup.
const DEBIAN_TOOLCHAIN: &str = "debian-web";
const DEBIAN_PACKAGES: &[&str] = &[
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-clippy",
    "lld-22",
];
const DEBIAN_STD_SOURCE: &str = "/usr/lib/rustlib/src/rust/library/Cargo.lock";
const DEBIAN_LINKER: &str = "wasm-ld-22";

/// Environment variables that make cargo build for wasm32.
pub type WasmEnv = Vec<(&'static str, String)>;

/// What the release build adds, where the standard library's source is at
/// hand: `std` rebuilt for size with the app (build-std), panics that stop
/// at once without formatting a message (`-Cpanic=immediate-abort`: no
/// panic machinery in the visitor's wasm), and no file names and lines of
/// panics. A panic then shows in the console as "unreachable" with the
/// wasm function's name: the app's code returns errors instead of
/// panicking wherever a visitor's input or the network is involved, so a
/// panic is a bug to reproduce in the wasm tests or with `trunk serve`
/// (both keep the messages).
/// Empty where there is no source (the build then works as before).
pub fn release_env(wasm_env: &WasmEnv) -> WasmEnv {
    let debian = wasm_env
        .iter()
        .any(|(key, _)| *key == "CARGO_UNSTABLE_BUILD_STD");
    if !debian && !rustup_has_std_source() {
        return Vec::new();
    }
    vec![
        ("RUSTC_BOOTSTRAP", "1".to_string()),
        ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort".to_string()),
        (
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none".to_string(),
        ),
    ]
}

/// Whether rustup's toolchain has the standard library's source, adding it
/// if it can within a minute and a half.
fn rustup_has_std_source() -> bool {
    let installed = || {
        Cmd::new("rustup")
            .args(["component", "list", "--installed"])
            .output()
            .is_some_and(|out| out.lines().any(|line| line.trim().starts_with("rust-src")))
    };
    if !on_path("rustup") {
        return false;
    }
    installed()
        || (Cmd::new("rustup")
            .args(["component", "add", "rust-src"])
            .succeeds_within(Duration::from_secs(90))
            && installed())
}

/// Finds or installs a wasm32-capable toolchain. `XTASK_WASM_TOOLCHAIN=debian`
/// forces the Debian build-std path (to check it on a machine that has both).
pub fn ensure() -> Result<WasmEnv> {
    let forced_debian = std::env::var("XTASK_WASM_TOOLCHAIN").is_ok_and(|v| v == "debian");
    if forced_debian {
        if !debian_toolchain_installed() {
            step(
                "install Debian's Rust toolchain with the standard library's source (for build-std)",
            );
            crate::setup::tools::apt_install(DEBIAN_PACKAGES)?;
        }
        return debian_env();
    }
    if rustup_has_target() {
        return Ok(Vec::new());
    }
    if debian_toolchain_installed() {
        return debian_env();
    }
    if on_path("rustup") {
        step("add the wasm32 target to the rustup toolchain");
        let added = Cmd::new("rustup")
            .args(["target", "add", TARGET])
            .succeeds_within(Duration::from_secs(90));
        if added {
            return Ok(Vec::new());
        }
    }
    if Path::new("/etc/debian_version").exists() && on_path("apt-get") {
        step("install Debian's Rust toolchain with the standard library's source (for build-std)");
        crate::setup::tools::apt_install(DEBIAN_PACKAGES)?;
        return debian_env();
    }
    bail!(
        "no Rust toolchain here can build for {TARGET}.\n\
         Install one, then run this command again:\n  \
         - with rustup: `rustup target add {TARGET}`\n  \
         - on Debian 12 or later: `apt-get install {}`",
        DEBIAN_PACKAGES.join(" ")
    )
}

fn rustup_has_target() -> bool {
    Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_some_and(|out| out.lines().any(|line| line.trim() == TARGET))
}

fn debian_toolchain_installed() -> bool {
    Path::new(DEBIAN_STD_SOURCE).exists()
        && on_path(DEBIAN_LINKER)
        && Path::new("/usr/bin/cargo").exists()
}

/// The build-std environment verified in `shared/TOOLCHAIN.md`.
fn debian_env() -> Result<WasmEnv> {
    let mut env: WasmEnv = vec![
        ("RUSTC_BOOTSTRAP", "1".into()),
        ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort".into()),
        (
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER",
            DEBIAN_LINKER.into(),
        ),
    ];
    if on_path("rustup") {
        let linked = Cmd::new("rustup")
            .args(["toolchain", "list"])
            .output()
            .is_some_and(|out| out.lines().any(|line| line.starts_with(DEBIAN_TOOLCHAIN)));
        if !linked {
            Cmd::new("rustup")
                .args(["toolchain", "link", DEBIAN_TOOLCHAIN, "/usr"])
                .run()?;
        }
        env.push(("RUSTUP_TOOLCHAIN", DEBIAN_TOOLCHAIN.into()));
    }
    Ok(env)
}
