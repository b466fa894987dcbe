//! `cargo xtask`: the project's build, serve and test commands, as plain Rust.
//! This file only dispatches; the commands are declared in `cli.rs` and each
//! lives in its own module.

mod bench;
mod build;
mod check;
mod cli;
mod cmd;
mod fuzz;
mod photos;
mod scale;
mod schema;
mod setup;
mod sheet;
mod size;
mod testing;

use build::deploy;
use clap::Parser;
use cli::{BenchPart, Cli, Command, SheetAction};
use setup::tools;
use std::path::{Path, PathBuf};

fn main() {
    let cli = Cli::parse();
    if let Err(error) = run(cli.command) {
        eprintln!("xtask: error: {error:#}");
        std::process::exit(1);
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    let root = project_root();
    let invoked_from = std::env::current_dir()?;
    std::env::set_current_dir(&root)?;
    let from_caller = |dir: Option<PathBuf>, default: &str| {
        dir.map_or_else(|| root.join(default), |dir| invoked_from.join(dir))
    };
    match command {
        Command::Setup => tools::Env::prepare(&root).map(|_| ()),
        Command::Build(args) => build::run(
            &tools::Env::prepare_build(&root)?,
            &args.options(&invoked_from),
        ),
        Command::Serve => build::serve::run(&tools::Env::prepare_build(&root)?),
        Command::Test => testing::run(&tools::Env::prepare(&root)?),
        Command::Check { dir } => check::run(&from_caller(dir, "public/content")),
        Command::Photos { src, out, into } => photos::from_cli(
            &root,
            invoked_from.join(src),
            out.map(|out| invoked_from.join(out)),
            into,
        ),
        Command::Fuzz { seconds } => fuzz::run(&root, seconds),
        Command::Nginx { root: site, port } => deploy::print_nginx(&root, site, port),
        Command::Schema => schema::write(&root.join("public/content")),
        Command::Size { dir } => size::report(&from_caller(dir, "dist")),
        Command::Sheet {
            action: SheetAction::Export { paths, empty },
        } => {
            let (dir, file) = SheetAction::export_paths(paths);
            sheet::export(
                &from_caller(dir, "public/content"),
                &invoked_from.join(file),
                empty,
            )
        }
        Command::Sheet {
            action: SheetAction::Import { file, dir },
        } => sheet::import(
            &invoked_from.join(file),
            &from_caller(dir, "public/content"),
        ),
        Command::Bench {
            part: Some(BenchPart::Content),
        } => scale::run(&tools::Env::prepare(&root)?),
        Command::Bench { part: None } => bench::run_all(&tools::Env::prepare(&root)?),
    }
}

/// The workspace root (the parent of `xtask/`).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a workspace")
        .to_path_buf()
}
