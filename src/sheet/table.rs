//! What the sheets share: columns named in both languages with the JSON
//! path their cells go to, writing and reading such a table, and finding a
//! built file's problems back at the cells they came from.

use super::{Grid, Label, SheetProblem, column_letter};
use crate::content::{self, Problem, Severity, Validate};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// A column of a table sheet: its header, and where its cell goes in the
/// row's record (a JSON path such as `options[1].zh`).
pub(super) struct Column {
    pub label: Label,
    pub path: String,
}

impl Column {
    pub fn new(zh: &str, en: &str, path: &str) -> Column {
        Column {
            label: Label::new(zh, en),
            path: path.into(),
        }
    }
}

/// A sheet's name as written: `题库 Questions`.
pub(super) fn sheet_name((zh, en): (&str, &str)) -> String {
    format!("{zh} {en}")
}

/// Whether `grid` is the sheet named `(zh, en)`, by either half or both.
pub(super) fn is_sheet(grid: &Grid, (zh, en): (&str, &str)) -> bool {
    let name = super::normalise(&grid.name);
    [zh.to_string(), en.to_string(), format!("{zh}{en}")]
        .iter()
        .any(|written| super::normalise(written) == name)
}

/// The header cells' look.
pub(super) fn header_format() -> Format {
    Format::new().set_bold().set_background_color("#FCE4D6")
}

/// Adds a sheet with `columns` as its header and a row for each record's
/// cells (by column path).
pub(super) fn write_table(
    book: &mut Workbook,
    name: (&str, &str),
    columns: &[Column],
    rows: &[HashMap<String, String>],
) -> Result<(), XlsxError> {
    let bold = header_format();
    let sheet = book.add_worksheet().set_name(sheet_name(name))?;
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.label.written(), &bold)?;
        sheet.set_column_width(c as u16, 18)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, cells) in rows.iter().enumerate() {
        for (c, column) in columns.iter().enumerate() {
            if let Some(text) = cells.get(&column.path).filter(|t| !t.is_empty()) {
                sheet.write_string(r as u32 + 1, c as u16, text)?;
            }
        }
    }
    Ok(())
}

/// The grid's columns that the header row names: (column index, column).
pub(super) fn find_columns<'c>(grid: &Grid, columns: &'c [Column]) -> Vec<(usize, &'c Column)> {
    let header = grid.rows.first().map_or(0, Vec::len);
    (0..header)
        .filter_map(|c| {
            let cell = grid.cell(0, c);
            columns
                .iter()
                .find(|column| column.label.matches(cell))
                .map(|column| (c, column))
        })
        .collect()
}

/// A table sheet's header as found: which column holds which path.
pub(super) struct Header<'c> {
    found: Vec<(usize, &'c Column)>,
}

impl<'c> Header<'c> {
    pub fn of(grid: &Grid, columns: &'c [Column]) -> Header<'c> {
        Header {
            found: find_columns(grid, columns),
        }
    }

    /// Whether the sheet has the column of `path`.
    pub fn has(&self, path: &str) -> bool {
        self.found.iter().any(|(_, c)| c.path == path)
    }

    /// The cell of `path`'s column in 0-based `row`; empty without one.
    pub fn cell<'g>(&self, grid: &'g Grid, row: usize, path: &str) -> &'g str {
        self.found
            .iter()
            .find(|(_, c)| c.path == path)
            .map_or("", |(c, _)| grid.cell(row, *c))
    }

    /// The letter and header of `path`'s column, for a message.
    pub fn place(&self, path: &str) -> Option<(String, String)> {
        self.found
            .iter()
            .find(|(_, c)| c.path == path)
            .map(|(c, column)| (column_letter(*c), column.label.written()))
    }

    /// Every column found, with its index.
    pub fn columns(&self) -> &[(usize, &'c Column)] {
        &self.found
    }
}

/// Whether a 0-based row of the grid has nothing in it.
pub(super) fn is_blank(grid: &Grid, row: usize) -> bool {
    grid.rows[row].iter().all(|cell| cell.trim().is_empty())
}

/// Puts the texts of a row's cells into `record` (a record of the file at
/// `at`, e.g. `entries[2]`) and records where each came from. A text with
/// one language filled, or one in `required`, is written empty for the
/// check to say so; columns in `skip` are left to the caller.
pub(super) fn read_cells(
    grid: &Grid,
    row: usize,
    header: &Header,
    at: &str,
    (required, skip): (&[&str], &[&str]),
    places: &mut Places,
) -> Value {
    let mut record = Value::Object(Map::new());
    let excel_row = row + 1;
    places.add(at.to_string(), &grid.name, excel_row, None);
    for (c, column) in header.columns() {
        let path = column.path.as_str();
        places.add(
            format!("{at}.{path}"),
            &grid.name,
            excel_row,
            header.place(path),
        );
        if skip.contains(&path) {
            continue;
        }
        let text = grid.cell(row, *c);
        if text.is_empty() {
            let other_filled = other_language(path)
                .is_some_and(|other| !header.cell(grid, row, &other).is_empty());
            let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
            if other_language(path).is_some() && (required.contains(&stem) || other_filled) {
                set_path(&mut record, path, json!(""));
            }
            continue;
        }
        let value = if path.ends_with("width") || path.ends_with("height") {
            number_or_text(text)
        } else {
            json!(text)
        };
        set_path(&mut record, path, value);
    }
    record
}

/// The path of the same text in the other language: `prompt.en` for
/// `prompt.zh`; `None` for what is not a text.
pub(super) fn other_language(path: &str) -> Option<String> {
    path.strip_suffix(".zh")
        .map(|stem| format!("{stem}.en"))
        .or_else(|| path.strip_suffix(".en").map(|stem| format!("{stem}.zh")))
}

/// Puts `value` at `path` (`options[1].feedback.zh`) in `target`, making
/// the objects and list items on the way.
pub(super) fn set_path(target: &mut Value, path: &str, value: Value) {
    let mut here = target;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
        here = &mut here[key];
        if let Some(index) = index {
            if !here.is_array() {
                *here = Value::Array(Vec::new());
            }
            let items = here.as_array_mut().expect("just made a list");
            while items.len() <= index {
                items.push(Value::Object(Map::new()));
            }
            here = &mut items[index];
        }
    }
    *here = value;
}

/// The cells of a record (a file's JSON, tidied) by column path: texts as
/// written, numbers in figures.
pub(super) fn record_cells(record: &Value, columns: &[Column]) -> HashMap<String, String> {
    columns
        .iter()
        .filter_map(|column| {
            let text = cell_text(get_path(record, &column.path)?)?;
            Some((column.path.clone(), text))
        })
        .collect()
}

/// The value at `path` in `value`, if there is one.
pub(super) fn get_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut here = value;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        here = here.get(key)?;
        if let Some(index) = index {
            here = here.get(index)?;
        }
    }
    Some(here)
}

/// A value as a cell shows it: text, a number, 是/否.
pub(super) fn cell_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(true) => Some("是".into()),
        Value::Bool(false) => Some("否".into()),
        _ => None,
    }
}

/// A whole number as a number; anything else as text, for the check to
/// say what it expected.
pub(super) fn number_or_text(text: &str) -> Value {
    text.parse::<u64>()
        .map_or_else(|_| json!(text), |n| json!(n))
}

/// 是/否 (or yes/no, true/false, 1/0) as true or false; anything else as
/// text, for the check to say what it expected.
pub(super) fn yes_no_or_text(text: &str) -> Value {
    match super::normalise(text).as_str() {
        "是" | "yes" | "y" | "true" | "1" | "对" => json!(true),
        "否" | "no" | "n" | "false" | "0" | "错" => json!(false),
        _ => json!(text),
    }
}

/// A problem for each row of a table sheet with a text under a column that
/// has no header: the import would drop it. In a CSV file this is most
/// often a comma inside a text that is not in double quotes.
pub(super) fn cells_without_header(grid: &Grid) -> Vec<SheetProblem> {
    (1..grid.rows.len())
        .filter_map(|row| {
            let c = (0..grid.rows[row].len())
                .find(|&c| grid.cell(0, c).is_empty() && !grid.cell(row, c).is_empty())?;
            let text = grid.cell(row, c);
            Some(SheetProblem {
                sheet: grid.name.clone(),
                row: row + 1,
                column: Some((column_letter(c), String::new())),
                message: format!(
                    "\"{text}\" is under a column with no header, so it would be lost: in a CSV file, put a text holding a comma in double quotes (\"…\"); otherwise move it to its column, or give the column its header"
                ),
                message_zh: format!(
                    "“{text}”所在的列没有表头，这段内容会丢失：CSV 文件中含逗号的文字要用英文双引号（\"…\"）括起来；否则请把它移到正确的列，或给这一列加上表头"
                ),
            })
        })
        .collect()
}

/// A problem with a sheet as a whole (or a file).
pub(super) fn whole_sheet(sheet: &str, message: String, message_zh: String) -> SheetProblem {
    SheetProblem {
        sheet: sheet.into(),
        row: 0,
        column: None,
        message,
        message_zh,
    }
}

/// A content file's JSON as written: without empty fields, empty lists of
/// media or empty groups.
pub(super) fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(tidy);
            map.retain(|key, v| {
                let empty_list = v.as_array().is_some_and(Vec::is_empty)
                    && matches!(
                        key.as_str(),
                        "options" | "photos" | "videos" | "audio" | "srcset" | "webp"
                    );
                let empty_group = v.as_object().is_some_and(Map::is_empty);
                !(v.is_null() || empty_list || empty_group)
            });
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// The text of a content file, tidied, with a closing newline.
pub(super) fn file_text(value: &impl serde::Serialize) -> String {
    let mut value = serde_json::to_value(value).expect("content serialises");
    tidy(&mut value);
    serde_json::to_string_pretty(&value).expect("JSON values serialise") + "\n"
}

/// Which cell each part of a built file came from, to show the check's
/// problems in the sheet.
#[derive(Default)]
pub(super) struct Places {
    /// A JSON path prefix and its sheet, row and column.
    cells: Vec<(String, SheetProblem)>,
}

impl Places {
    pub fn add(&mut self, path: String, sheet: &str, row: usize, column: Option<(String, String)>) {
        self.cells
            .push((path, whole_sheet(sheet, String::new(), String::new())));
        let place = &mut self.cells.last_mut().expect("just pushed").1;
        place.row = row;
        place.column = column;
    }

    /// `problem` (found in the built file) at the cell its path came from,
    /// the most precise one that holds it; else at `sheet` as a whole.
    fn locate(&self, problem: &Problem, sheet: &str) -> SheetProblem {
        let holds = |prefix: &str| {
            problem.path == prefix
                || problem.path.starts_with(&format!("{prefix}."))
                || problem.path.starts_with(&format!("{prefix}["))
        };
        let mut place = self
            .cells
            .iter()
            .filter(|(prefix, _)| holds(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or_else(
                || whole_sheet(sheet, String::new(), String::new()),
                |(_, place)| place.clone(),
            );
        place.message = problem.message.clone();
        place.message_zh = problem.message_zh.clone();
        place
    }
}

/// Loads the file built from a sheet (`value`) with the site's own loading
/// and check; its problems join those found while reading the sheet
/// (`problems`), each at its cell, sorted by sheet and row.
pub(super) fn load_built<T: DeserializeOwned + Validate>(
    file: &str,
    value: &Value,
    sheet: &str,
    places: &Places,
    mut problems: Vec<SheetProblem>,
) -> Result<T, Vec<SheetProblem>> {
    let text = serde_json::to_string_pretty(value).expect("JSON values serialise");
    match content::load::<T>(file, &text) {
        Ok(loaded) if problems.is_empty() => Ok(loaded),
        Ok(_) => Err(problems),
        Err(found) => {
            // A row with a problem already said lacks what it lacks in the
            // file too: "the record is incomplete" is not said twice.
            let rows: Vec<(String, usize)> =
                problems.iter().map(|p| (p.sheet.clone(), p.row)).collect();
            let is_whole_record = |p: &Problem| p.path.ends_with(']') && !p.path.contains('.');
            // Warnings (a photo without a description) do not stop an
            // import; the studio's check shows them once the files are in.
            for problem in found.iter().filter(|p| p.severity == Severity::Error) {
                let located = places.locate(problem, sheet);
                let said = rows.contains(&(located.sheet.clone(), located.row));
                if !(is_whole_record(problem) && said) {
                    problems.push(located);
                }
            }
            problems.sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
            Err(problems)
        }
    }
}
