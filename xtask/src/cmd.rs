//! Running external commands with clear output and errors.

use anyhow::{Context, Result, bail};
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Prints a step heading so long runs show where they are.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// A command to run, echoed before it runs.
pub struct Cmd(Command);

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Cmd(Command::new(program))
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.0.args(args);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.0.arg(arg);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.0.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.0.current_dir(dir);
        self
    }

    fn describe(&self) -> String {
        let mut text = self.0.get_program().to_string_lossy().into_owned();
        for arg in self.0.get_args() {
            text.push(' ');
            text.push_str(&arg.to_string_lossy());
        }
        text
    }

    /// Runs to completion; an error if it cannot start or exits non-zero.
    pub fn run(mut self) -> Result<()> {
        let description = self.describe();
        println!("$ {description}");
        let status = self
            .0
            .status()
            .with_context(|| format!("could not start `{description}`"))?;
        if !status.success() {
            bail!("`{description}` failed ({status})");
        }
        Ok(())
    }

    /// Runs to completion like [`Cmd::run`], echoing its output while
    /// adding up the tests it reports (cargo's and wasm-bindgen-test's
    /// "test result:" lines, Playwright's "N passed" and "N skipped").
    pub fn run_counting(mut self, tally: &mut Tally) -> Result<()> {
        use std::io::{BufRead, BufReader};
        let description = self.describe();
        println!("$ {description}");
        let mut child = self
            .0
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start `{description}`"))?;
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("{line}");
                tally.read(&line);
            }
        }
        let status = child.wait()?;
        if !status.success() {
            bail!("`{description}` failed ({status})");
        }
        Ok(())
    }

    /// Runs quietly and returns stdout, or `None` if it cannot start or fails.
    pub fn output(mut self) -> Option<String> {
        let output = self.0.stderr(Stdio::null()).output().ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Runs with a time limit (for calls that may hang without a network);
    /// `true` only if it finished in time and succeeded.
    pub fn succeeds_within(mut self, limit: Duration) -> bool {
        println!("$ {} (at most {}s)", self.describe(), limit.as_secs());
        let Ok(mut child) = self.0.stdin(Stdio::null()).spawn() else {
            return false;
        };
        let start = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) => return status.success(),
                Ok(None) if start.elapsed() < limit => {
                    std::thread::sleep(Duration::from_millis(200))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    println!("    gave up after {}s", limit.as_secs());
                    return false;
                }
            }
        }
    }
}

/// Whether `program` can be found on `PATH` (or is a path that exists).
pub fn on_path(program: &str) -> bool {
    find_on_path(program).is_some()
}

/// The full path of `program` on `PATH`.
pub fn find_on_path(program: &str) -> Option<std::path::PathBuf> {
    let candidate = Path::new(program);
    if candidate.components().count() > 1 {
        return candidate.is_file().then(|| candidate.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// Tests counted across the runners of `cargo xtask test`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Tally {
    /// Adds what one output line reports, if anything.
    pub fn read(&mut self, line: &str) {
        let line = line.trim();
        let number_before = |word: &str| -> Option<u64> {
            let at = line.find(word)?;
            line[..at]
                .trim_end()
                .rsplit(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        };
        if line.starts_with("test result:") {
            self.passed += number_before(" passed").unwrap_or(0);
            self.failed += number_before(" failed").unwrap_or(0);
            self.skipped += number_before(" ignored").unwrap_or(0);
        } else if line.ends_with(')') && line.contains(" passed (") {
            self.passed += number_before(" passed").unwrap_or(0);
        } else if line.ends_with(" skipped") {
            self.skipped += number_before(" skipped").unwrap_or(0);
        } else if line.ends_with(" failed") {
            self.failed += number_before(" failed").unwrap_or(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn counts_cargo_and_playwright_summaries() {
        let mut tally = Tally::default();
        for line in [
            "test result: ok. 19 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.44s",
            "test result: ok. 5 passed; 0 failed; 0 ignored; 0 filtered out; finished in 0.38s",
            "  3 skipped",
            "  141 passed (2.9m)",
            "  ✓  52 [phone] › quiz.spec.ts:190:1 › the result poster downloads as a PNG (3.4s)",
        ] {
            tally.read(line);
        }
        assert_eq!(
            tally,
            Tally {
                passed: 165,
                failed: 0,
                skipped: 3
            }
        );
    }
}
