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

/// The byte offset of the value at `path` in a JSON document that is known
/// to be well formed; `None` if the path is not there.
pub fn locate(source: &str, path: &[Step<'_>]) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut at = skip_space(bytes, 0);
    for seg in path {
        match (seg, bytes.get(at)?) {
            (Step::Key(wanted), b'{') => {
                at = skip_space(bytes, at + 1);
                loop {
                    if bytes.get(at)? != &b'"' {
                        return None;
                    }
                    let key_end = skip_string(bytes, at)?;
                    let key = &source[at + 1..key_end - 1];
                    at = skip_space(bytes, key_end);
                    at = skip_space(bytes, expect(bytes, at, b':')?);
                    if key == *wanted {
                        break;
                    }
                    at = skip_space(bytes, skip_value(bytes, at)?);
                    at = skip_space(bytes, expect(bytes, at, b',')?);
                }
            }
            (Step::Index(index), b'[') => {
                at = skip_space(bytes, at + 1);
                for _ in 0..*index {
                    at = skip_space(bytes, skip_value(bytes, at)?);
                    at = skip_space(bytes, expect(bytes, at, b',')?);
                }
                if bytes.get(at)? == &b']' {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(at)
}

fn expect(bytes: &[u8], at: usize, byte: u8) -> Option<usize> {
    (bytes.get(at)? == &byte).then_some(at + 1)
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// Skips a string starting at its opening quote; returns the offset after it.
fn skip_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        match bytes.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

/// Skips any JSON value; returns the offset after it.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = at;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": [1, {\"b\": \"x,]}\"}, 3],\n  \"c\": {\"d\": true}\n}";

    fn at(path: &[Seg]) -> Option<(usize, usize)> {
        locate(DOC, path).map(|offset| line_column(DOC, offset))
    }

    #[test]
    fn locates_nested_values_past_tricky_strings() {
        assert_eq!(at(&[Seg::Key("a"), Seg::Index(2)]), Some((2, 27)));
        assert_eq!(
            at(&[Seg::Key("a"), Seg::Index(1), Seg::Key("b")]),
            Some((2, 18))
        );
        assert_eq!(at(&[Seg::Key("c"), Seg::Key("d")]), Some((3, 14)));
        assert_eq!(at(&[]), Some((1, 1)));
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(at(&[Seg::Key("zz")]), None);
        assert_eq!(at(&[Seg::Key("a"), Seg::Index(3)]), None);
        assert_eq!(at(&[Seg::Key("c"), Seg::Index(0)]), None);
    }

    #[test]
    fn paths_read_like_serde_path_to_error() {
        let path = [Seg::Key("questions"), Seg::Index(3), Seg::Key("answer")];
        assert_eq!(path_to_string(&path), "questions[3].answer");
    }
}
