//! The commands and their flags, declared in one place: `cargo xtask
//! --help` and `cargo xtask <command> --help` print them.

use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

/// The project's build, serve and test commands. Every command first makes
/// sure the machine has what it needs and installs what is missing from the
/// package registries.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install whatever is missing (wasm toolchain, wasm-bindgen-cli,
    /// Chromium, Playwright, nginx)
    Setup,
    /// Check the content, then build the release site into dist/ (a fresh
    /// folder, moved into place only when every step has succeeded)
    Build(BuildArgs),
    /// Build and serve the event page on http://127.0.0.1:8080 (rebuilds on
    /// change)
    Serve,
    /// Run every test: format, lints, native, wasm in headless Chromium,
    /// Playwright end to end; non-zero exit on any failure
    Test,
    /// Check a content folder: every problem, in English and Chinese
    Check {
        /// The content folder [default: public/content]
        dir: Option<PathBuf>,
    },
    /// Make web copies of phone photos (upright, 480/960/1600 px, JPEG and
    /// WebP, no EXIF) and print their JSON for timeline.json
    Photos {
        /// The folder of original photos
        src: PathBuf,
        /// Where the copies go [default: public/content/photos]
        out: Option<PathBuf>,
        /// Add them to the photos of the timeline entry with this id
        #[arg(long, value_name = "ENTRY_ID")]
        into: Option<String>,
    },
    /// Fuzz the content parser and validator and the saved-quiz decoder
    /// (needs nightly Rust)
    Fuzz {
        /// Seconds per fuzz target
        #[arg(default_value_t = 60)]
        seconds: u64,
    },
    /// Print an nginx server block for dist/ (security headers, MIME types,
    /// compression, caching)
    Nginx {
        /// The folder the server serves [default: /var/www/event]
        root: Option<PathBuf>,
        /// The port it listens on [default: 80]
        port: Option<u16>,
    },
    /// Write the content files' JSON Schemas into public/content/schema/
    /// (for editors)
    Schema,
    /// Print the size of the built files: raw, gzip and brotli
    Size {
        /// The built site [default: dist]
        dir: Option<PathBuf>,
    },
    /// The content as a workbook (活动, 故事, 日程, 题库): export it to
    /// fill in, import it back
    Sheet {
        #[command(subcommand)]
        action: SheetAction,
    },
    /// Build, then measure the timeline at scale in Chromium and run
    /// Lighthouse against a static page and TimelineJS3 (bench/results.md)
    Bench {
        #[command(subcommand)]
        part: Option<BenchPart>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SheetAction {
    /// Write the content of a folder as a workbook (XLSX: sheets 活动, 故事,
    /// 日程, 照片说明, 题库 and 测验设置), to edit in Excel, WPS or LibreOffice
    Export {
        /// The content folder [default: public/content], then the workbook
        /// to write, e.g. event.xlsx
        #[arg(num_args = 1..=2, required = true, value_name = "[DIR] FILE")]
        paths: Vec<PathBuf>,
        /// Write the empty template: the sheets and their headers only
        #[arg(long)]
        empty: bool,
    },
    /// Read a workbook (.xlsx, .xls, .ods) or one sheet of it (.csv, UTF-8
    /// or GBK, comma or tab) and write the content folder's files it holds,
    /// once every row is right
    Import {
        /// The spreadsheet to read
        file: PathBuf,
        /// The content folder [default: public/content]
        dir: Option<PathBuf>,
    },
}

impl SheetAction {
    /// `export`'s content folder (if given) and workbook.
    pub fn export_paths(paths: Vec<PathBuf>) -> (Option<PathBuf>, PathBuf) {
        let mut paths = paths;
        let file = paths.pop().expect("clap requires FILE");
        (paths.pop(), file)
    }
}

#[derive(Debug, Subcommand)]
pub enum BenchPart {
    /// Only the content check and page load at 200, 1,000 and 5,000 entries
    Content,
}

/// The flags of `cargo xtask build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Build with this content folder instead of public/content
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Write the site to this folder instead of dist/
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Turn offline support off: sw.js becomes a worker that deletes this
    /// site's offline copy in visitors' browsers and removes itself
    #[arg(long)]
    pub no_offline: bool,
}

impl BuildArgs {
    /// The build's options, with paths taken from where the command was run.
    pub fn options(&self, invoked_from: &Path) -> crate::build::Options {
        crate::build::Options {
            content: self.content.as_ref().map(|dir| invoked_from.join(dir)),
            out: self.out.as_ref().map(|dir| invoked_from.join(dir)),
            offline: !self.no_offline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_declared_commands_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sheet_export_takes_an_optional_folder_before_the_file() {
        let parse = |args: &[&str]| match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Command::Sheet {
                action: SheetAction::Export { paths, .. },
            }) => Some(SheetAction::export_paths(paths)),
            _ => None,
        };
        assert_eq!(
            parse(&["xtask", "sheet", "export", "q.xlsx"]),
            Some((None, PathBuf::from("q.xlsx")))
        );
        assert_eq!(
            parse(&["xtask", "sheet", "export", "next/content", "q.xlsx"]),
            Some((Some(PathBuf::from("next/content")), PathBuf::from("q.xlsx")))
        );
        assert_eq!(parse(&["xtask", "sheet", "export"]), None);
    }

    #[test]
    fn build_flags_are_read() {
        let cli = Cli::try_parse_from([
            "xtask",
            "build",
            "--no-offline",
            "--content",
            "next/content",
        ])
        .unwrap();
        let Command::Build(args) = cli.command else {
            panic!("not build: {cli:?}");
        };
        let options = args.options(Path::new("/work"));
        assert!(!options.offline);
        assert_eq!(options.content, Some(PathBuf::from("/work/next/content")));
        assert!(Cli::try_parse_from(["xtask", "build", "--nope"]).is_err());
        assert!(Cli::try_parse_from(["xtask", "build", "--out"]).is_err());
    }

    #[test]
    fn every_command_has_its_own_help() {
        for command in Cli::command().get_subcommands() {
            let help = command.clone().render_long_help().to_string();
            assert!(help.contains("Usage:"), "{}: {help}", command.get_name());
            assert!(
                command.get_about().is_some(),
                "{} says nothing",
                command.get_name()
            );
        }
    }
}
