//! Problems found in a content file, each pinned to a file, a JSON path and
//! a line and column, so an organiser can go straight to the mistake.

use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot use the file as it is.
    Error,
    /// The site works, but visitors would be better served otherwise.
    Warning,
}

/// One mistake in a content file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problem {
    /// The file name, e.g. `quiz.json`.
    pub file: String,
    /// Where in the JSON, e.g. `questions[3].answer` (empty for the whole file).
    pub path: String,
    /// 1-based line of the offending value.
    pub line: usize,
    /// 1-based column of the offending value.
    pub column: usize,
    /// What is wrong and how to fix it, in plain English.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
    pub severity: Severity,
}

impl Problem {
    /// An error at a place in a file.
    pub fn error(
        file: &str,
        path: &str,
        (line, column): (usize, usize),
        en: impl Into<String>,
        zh: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            path: path.to_string(),
            line,
            column,
            message: en.into(),
            message_zh: zh.into(),
            severity: Severity::Error,
        }
    }

    /// The same problem, as a warning.
    pub fn warning(self) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..self
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(
            f,
            " (line {}, column {}): {}",
            self.line, self.column, self.message
        )
    }
}

/// One step of a JSON path: a key of an object or an index of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A step with a key known at compile time (the content types' fields).
pub type Seg = Step<'static>;

/// Formats a path the way `serde_path_to_error` does: `questions[3].answer`.
pub fn path_to_string(path: &[Step<'_>]) -> String {
    let mut text = String::new();
    for seg in path {
        match seg {
            Step::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// 1-based line and column of a byte offset in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_serde_path_to_error() {
        let path = [Seg::Key("questions"), Seg::Index(3), Seg::Key("answer")];
        assert_eq!(path_to_string(&path), "questions[3].answer");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_column("{\n  \"甲\": 1}", 11), (2, 8));
    }
}
