//! Setting the machine up: the wasm32 toolchain (`toolchain`) and the tools
//! the commands run (`tools`: wasm-bindgen-cli, Chromium, Playwright,
//! nginx), each installed from the package registries when missing.

pub mod toolchain;
pub mod tools;
