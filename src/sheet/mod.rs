//! The quiz as a spreadsheet, the way Chinese quiz platforms import a
//! question bank (题库): one row a question, 题型 as 单选/多选/判断, options
//! in columns 选项A…F and the answer as letters ("B", "ACD", "对"), so
//! nobody counts from 0. Every text has a Chinese and an English column.
//!
//! [`export_quiz`] writes an XLSX workbook (sheets 题库 and 测验设置) from a
//! quiz; [`import_quiz`] reads one back from XLSX, XLS, ODS or CSV (UTF-8
//! or GBK, comma or tab). The rows become `quiz.json` and go through the
//! same loading and check as the file itself; each problem is then shown at
//! its sheet, row and column.

mod grid;
mod quiz;

pub use grid::{Grid, read_grids};
pub use quiz::{export_quiz, import_quiz, quiz_json};

use std::fmt;

/// A mistake in a spreadsheet, at its sheet, row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProblem {
    /// The sheet's name, e.g. `题库 Questions`.
    pub sheet: String,
    /// The row as the spreadsheet numbers it (the header is row 1); 0 for
    /// the sheet as a whole.
    pub row: usize,
    /// The column's letter and header, e.g. `("K", "答案 / Answer")`.
    pub column: Option<(String, String)>,
    /// What is wrong and how to fix it, in English.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

impl SheetProblem {
    /// Where the problem is, e.g. `题库 Questions, row 7, column K (答案 / Answer)`.
    pub fn place(&self) -> String {
        let mut place = self.sheet.clone();
        if self.row > 0 {
            place.push_str(&format!(", row {}", self.row));
        }
        if let Some((letter, header)) = &self.column {
            place.push_str(&format!(", column {letter} ({header})"));
        }
        place
    }
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} / {}",
            self.place(),
            self.message,
            self.message_zh
        )
    }
}

/// A column's letter, as spreadsheets name them: 0 is `A`, 26 is `AA`.
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A header or a label as compared: no spaces, ASCII brackets and slash,
/// lower case, so `题目（英文）`, `题目(英文)` and `Question (English)`
/// are read alike whatever the typing.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name in both languages, as written in headers and labels:
/// `题目 / Question`. A cell matches it with either half or both.
#[derive(Debug, Clone)]
struct Label {
    zh: String,
    en: String,
}

impl Label {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Label {
        Label {
            zh: zh.into(),
            en: en.into(),
        }
    }

    fn written(&self) -> String {
        format!("{} / {}", self.zh, self.en)
    }

    fn matches(&self, cell: &str) -> bool {
        let cell = normalise(cell);
        !cell.is_empty()
            && (cell == normalise(&self.zh)
                || cell == normalise(&self.en)
                || cell == normalise(&self.written()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(
            letters,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    #[test]
    fn a_header_matches_in_either_language_however_typed() {
        let label = Label::new("题目（英文）", "Question (English)");
        for cell in [
            "题目（英文）",
            "题目(英文)",
            " 题目 (英文) ",
            "question (english)",
            "QUESTION(ENGLISH)",
            "题目（英文） / Question (English)",
        ] {
            assert!(label.matches(cell), "{cell}");
        }
        for cell in ["题目", "Question", ""] {
            assert!(!label.matches(cell), "{cell}");
        }
    }
}
