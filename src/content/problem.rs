//! Problems found in a content file, each pinned to a file, a JSON path and
//! a line and column, so an organiser can go straight to the mistake.

use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// How many more problems like this one (same file, same place in
    /// every item of a list) were left out of the list after it.
    pub more: usize,
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
            more: 0,
        }
    }

    /// What is wrong, in English, with how many more like it were left out.
    pub fn en(&self) -> String {
        match self.more {
            0 => self.message.clone(),
            more => format!("{} (and {} more like this)", self.message, thousands(more)),
        }
    }

    /// The same in Chinese.
    pub fn zh(&self) -> String {
        match self.more {
            0 => self.message_zh.clone(),
            more => format!("{}（另有 {} 处同类问题）", self.message_zh, thousands(more)),
        }
    }

    /// How many problems this one stands for: itself and those left out.
    pub fn count(&self) -> usize {
        1 + self.more
    }

    /// What makes problems "like this one": the file, the severity and the
    /// place with every list index left out (`entries[].text.zh`).
    fn kind(&self) -> (&str, Severity, String) {
        let mut shape = String::with_capacity(self.path.len());
        let mut in_index = false;
        for c in self.path.chars() {
            match c {
                '[' => in_index = true,
                ']' => in_index = false,
                _ if in_index => continue,
                _ => {}
            }
            shape.push(c);
        }
        (&self.file, self.severity, shape)
    }

    /// The same problem, as a warning.
    pub fn warning(self) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..self
        }
    }
}

impl Problem {
    /// Where in its file the problem is, in the JSON path's terms: " at
    /// questions[3].answer", or nothing for the file as a whole.
    pub fn at_path(&self) -> String {
        if self.path.is_empty() {
            String::new()
        } else {
            format!(" at {}", self.path)
        }
    }

    /// The problem's place for people: "quiz.json at questions[3].answer
    /// (line 12, column 17)". The CLI, the studio and `Display` all say it so.
    pub fn place(&self) -> String {
        format!(
            "{}{} (line {}, column {})",
            self.file,
            self.at_path(),
            self.line,
            self.column
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.en())
    }
}

/// Problems of the same kind beyond the first `keep` are left out, counted
/// in the last one kept (`more`), so a mistake repeated in thousands of
/// entries reads as a few lines. The order is kept.
pub fn cap_repeats(problems: Vec<Problem>, keep: usize) -> Vec<Problem> {
    use std::collections::HashMap;
    let mut kept: Vec<Problem> = Vec::with_capacity(problems.len().min(1024));
    // Per kind: how many are shown, and the index of the last one shown.
    let mut shown: HashMap<(String, Severity, String), (usize, usize)> = HashMap::new();
    for problem in problems {
        let (file, severity, shape) = problem.kind();
        let key = (file.to_string(), severity, shape);
        match shown.get_mut(&key) {
            Some((count, last)) if *count >= keep => kept[*last].more += problem.count(),
            Some((count, last)) => {
                *count += 1;
                *last = kept.len();
                kept.push(problem);
            }
            None => {
                shown.insert(key, (1, kept.len()));
                kept.push(problem);
            }
        }
    }
    kept
}

/// How many problems of one kind are listed before the rest are counted.
pub const SHOWN_PER_KIND: usize = 20;

/// `4980` as `4,980`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// The items of lists that were set aside while reading a file (they could
/// not be read), so that paths in what was read can be said as the file
/// has them: with two entries set aside before it, the value's
/// `entries[3]` is the file's `entries[5]`.
#[derive(Debug, Default)]
pub struct SetAside {
    /// The list's path (`entries`) and the item's index in the file.
    items: Vec<(String, usize)>,
}

impl SetAside {
    /// Records that item `index` (as the file counts) of `list` was set aside.
    pub fn add(&mut self, list: &[Step<'_>], index: usize) {
        self.items.push((path_to_string(list), index));
    }

    /// Whether items of the list at `path` (as written in a problem) were
    /// set aside: what was read of that list is then not all of it.
    pub fn has_list(&self, path: &str) -> bool {
        self.items.iter().any(|(list, _)| list == path)
    }

    /// `path` in the value read, as a path in the file. Items are only set
    /// aside from the first list on a path, so only its index changes.
    pub fn in_file<'s>(&self, path: &[Step<'s>]) -> Vec<Step<'s>> {
        let mut path = path.to_vec();
        let Some(at) = path.iter().position(|s| matches!(s, Step::Index(_))) else {
            return path;
        };
        if self.items.is_empty() {
            return path;
        }
        let list = path_to_string(&path[..at]);
        let mut gone: Vec<usize> = self
            .items
            .iter()
            .filter(|(l, _)| *l == list)
            .map(|&(_, index)| index)
            .collect();
        gone.sort_unstable();
        if let Step::Index(index) = &mut path[at] {
            for gone in gone {
                if gone <= *index {
                    *index += 1;
                }
            }
        }
        path
    }
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
    fn a_mistake_repeated_in_every_entry_is_listed_a_few_times_then_counted() {
        let problems: Vec<Problem> = (0..5000)
            .flat_map(|i| {
                [
                    Problem::error(
                        "timeline.json",
                        &format!("entries[{i}].text.zh"),
                        (i, 1),
                        "empty",
                        "空",
                    ),
                    Problem::error(
                        "timeline.json",
                        &format!("entries[{i}].id"),
                        (i, 2),
                        "bad id",
                        "id",
                    ),
                ]
            })
            .collect();
        let capped = cap_repeats(problems, 20);
        assert_eq!(capped.len(), 40);
        assert_eq!(capped.iter().map(Problem::count).sum::<usize>(), 10_000);
        let last = capped
            .iter()
            .rfind(|p| p.path.ends_with(".text.zh"))
            .unwrap();
        assert_eq!(last.en(), "empty (and 4,980 more like this)");
        assert_eq!(last.zh(), "空（另有 4,980 处同类问题）");
        // Capping again changes nothing.
        assert_eq!(cap_repeats(capped.clone(), 20), capped);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_column("{\n  \"甲\": 1}", 11), (2, 8));
    }
}
