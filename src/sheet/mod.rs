//! The content as a spreadsheet, the way organisers already work: one
//! workbook with a sheet for the event (活动), the story (故事, a row a
//! paragraph), the agenda (日程, a row an entry, with 照片说明 for the
//! photos' texts) and the question bank (题库, a row a question, as
//! Chinese quiz platforms import one: 题型 as 单选/多选/判断, options in
//! columns 选项A…F and the answer as letters, "B", "ACD", "对", so nobody
//! counts from 0), with the quiz's settings (测验设置). Every text has a
//! Chinese and an English column; headers are read in either language.
//!
//! [`export_workbook`] writes the XLSX workbook of a folder's content (or
//! an empty template); [`import_workbook`] reads one back from XLSX, XLS,
//! ODS or CSV (UTF-8 or GBK, comma or tab). Each sheet becomes its file
//! and goes through the same loading and check as the file itself; each
//! problem is then shown at its sheet, row and column, all at once.

mod agenda;
mod event;
mod fields;
mod form;
mod grid;
mod quiz;
mod story;
mod table;

pub use form::{FieldForm, FormColumn, SheetForm, form_of};
pub use grid::{Grid, read_grids, write_grids};
pub use quiz::{export_quiz, import_quiz, quiz_json};

use crate::content::{Photo, Quiz, Site, Story, Timeline, files};
use std::fmt;

/// A content folder's four files, each as far as it is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contents {
    pub site: Option<Site>,
    pub story: Option<Story>,
    pub timeline: Option<Timeline>,
    pub quiz: Option<Quiz>,
    /// Photos made but in no entry yet (in the studio), which the agenda's
    /// 照片 column may name by their original file name.
    pub new_photos: Vec<NewPhoto>,
}

/// A photo made for the web and not yet in the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPhoto {
    /// The original's file name, as the organiser knows it: `IMG_2041.JPG`.
    pub original: String,
    /// Its record, as `timeline.json` will hold it.
    pub photo: Photo,
}

impl Contents {
    /// The file name and text of each file held, as the site reads them.
    pub fn files(&self) -> Vec<(&'static str, String)> {
        let mut all = Vec::new();
        if let Some(site) = &self.site {
            all.push((files::SITE, table::file_text(site)));
        }
        if let Some(story) = &self.story {
            all.push((files::STORY, table::file_text(story)));
        }
        if let Some(timeline) = &self.timeline {
            all.push((files::TIMELINE, table::file_text(timeline)));
        }
        if let Some(quiz) = &self.quiz {
            all.push((files::QUIZ, quiz_json(quiz)));
        }
        all
    }
}

/// The workbook (XLSX) of `contents`: every sheet, filled where a file is
/// given and with its headers only where not (the empty template).
pub fn export_workbook(contents: &Contents) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    event::add_event_sheet(&mut book, contents.site.as_ref())?;
    story::add_story_sheet(&mut book, contents.story.as_ref())?;
    agenda::add_agenda_sheets(&mut book, contents.timeline.as_ref())?;
    let empty = Quiz {
        schema: None,
        title: None,
        intro: None,
        settings: Default::default(),
        questions: Vec::new(),
    };
    quiz::add_quiz_sheets(&mut book, contents.quiz.as_ref().unwrap_or(&empty))?;
    book.save_to_buffer()
}

/// The files a workbook (or a CSV of one sheet) holds: each sheet found
/// becomes its file, checked; the others are `None`. `base` is the current
/// content: schema references, the photos already made, videos and
/// recordings, and the quiz's settings for a question bank alone. Every
/// problem in every sheet is given at once.
pub fn import_workbook(
    file: &str,
    bytes: &[u8],
    base: &Contents,
) -> Result<Contents, Vec<SheetProblem>> {
    let grids = read_grids(file, bytes).map_err(|problem| vec![*problem])?;
    import_grids(file, &grids, base)
}

/// The files the sheets `grids` of `file` hold, as [`import_workbook`]
/// reads them: for sheets edited in place (the studio's form).
pub fn import_grids(
    file: &str,
    grids: &[Grid],
    base: &Contents,
) -> Result<Contents, Vec<SheetProblem>> {
    let find = |name: (&str, &str), path: &str, columns: &[table::Column]| {
        grids.iter().find(|grid| {
            table::is_sheet(grid, name)
                || !path.is_empty() && table::Header::of(grid, columns).has(path)
        })
    };
    let mut problems = Vec::new();
    let site = find(event::EVENT, "", &[])
        .and_then(|grid| kept(event::read_event(grid, base.site.as_ref()), &mut problems));
    let story = find(story::STORY, "paragraph.zh", &story::columns())
        .and_then(|grid| kept(story::read_story(grid, base.story.as_ref()), &mut problems));
    let timeline = find(agenda::AGENDA, "time", &agenda::columns()).and_then(|grid| {
        let texts = find(agenda::PHOTOS, "", &[]);
        kept(
            agenda::read_agenda(grid, texts, base.timeline.as_ref(), &base.new_photos),
            &mut problems,
        )
    });
    let quiz = grids
        .iter()
        .any(|grid| table::Header::of(grid, &quiz::columns()).has("prompt.zh"))
        .then(|| {
            kept(
                quiz::read_quiz(file, grids, base.quiz.as_ref()),
                &mut problems,
            )
        })
        .flatten();
    let mut tables: Vec<&Grid> = [
        find(story::STORY, "paragraph.zh", &story::columns()),
        find(agenda::AGENDA, "time", &agenda::columns()),
        find(agenda::PHOTOS, "", &[]),
    ]
    .into_iter()
    .flatten()
    .chain(
        grids
            .iter()
            .filter(|grid| table::Header::of(grid, &quiz::columns()).has("prompt.zh")),
    )
    .collect();
    tables.dedup_by(|a, b| std::ptr::eq(*a, *b));
    problems.extend(tables.into_iter().flat_map(table::cells_without_header));
    if site.is_none()
        && story.is_none()
        && timeline.is_none()
        && quiz.is_none()
        && problems.is_empty()
    {
        problems.push(table::whole_sheet(
            file,
            format!(
                "{file} has none of the sheets 活动 (Event), 故事 (Story), 日程 (Agenda) or 题库 (Questions): start from the template"
            ),
            format!("{file} 中没有“活动”“故事”“日程”或“题库”表：请从模板开始填写"),
        ));
    }
    if problems.is_empty() {
        Ok(Contents {
            site,
            story,
            timeline,
            quiz,
            new_photos: Vec::new(),
        })
    } else {
        Err(problems)
    }
}

/// The file a sheet gave, or `None` with its problems added to `problems`.
fn kept<T>(result: Result<T, Vec<SheetProblem>>, problems: &mut Vec<SheetProblem>) -> Option<T> {
    result.map_err(|found| problems.extend(found)).ok()
}

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
        match &self.column {
            Some((letter, header)) if header.is_empty() => {
                place.push_str(&format!(", column {letter}"));
            }
            Some((letter, header)) => place.push_str(&format!(", column {letter} ({header})")),
            None => {}
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
