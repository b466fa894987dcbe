//! A sheet of named fields, a row each: 项目 (the field), 数值 (a value),
//! 中文 and 英文 (a text in both languages). The event (`site.json`) and
//! the quiz's settings are written this way.

use super::table::{
    Places, cell_text, get_path, number_or_text, set_path, sheet_name, yes_no_or_text,
};
use super::{Grid, Label, SheetProblem, column_letter};
use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::{Value, json};

/// What a field's row holds.
pub(super) enum Shape {
    /// A text in both languages; left out when both cells are empty,
    /// unless the file needs it.
    Text { required: bool },
    /// A value as written (a date, an address).
    Value,
    /// A whole number.
    Number,
    /// 是 or 否.
    YesNo,
    /// An item of a list, a row each: the value cell goes to `value_key`
    /// (a whole number if `number`), the text to `text_key`.
    Item {
        value_key: &'static str,
        number: bool,
        text_key: &'static str,
    },
}

/// A field: its label in column A, where it goes in the file, its shape.
pub(super) struct Field {
    pub label: Label,
    pub path: &'static str,
    pub shape: Shape,
}

impl Field {
    pub fn new(zh: &str, en: &str, path: &'static str, shape: Shape) -> Field {
        Field {
            label: Label::new(zh, en),
            path,
            shape,
        }
    }
}

/// The header of a field sheet.
pub(super) fn field_header() -> [Label; 4] {
    [
        Label::new("项目", "Field"),
        Label::new("数值", "Value"),
        Label::new("中文", "Chinese"),
        Label::new("英文", "English"),
    ]
}

/// Adds the sheet `name` with a row per field of `record` (a file's JSON),
/// and an empty row for a list with no items, to be filled in.
pub(super) fn write_fields(
    book: &mut Workbook,
    name: (&str, &str),
    fields: &[Field],
    record: &Value,
) -> Result<(), XlsxError> {
    let bold = super::table::header_format();
    let sheet = book.add_worksheet().set_name(sheet_name(name))?;
    for (c, label) in field_header().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, label.written(), &bold)?;
        sheet.set_column_width(c as u16, if c < 2 { 24 } else { 48 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let text = |value: Option<&Value>, lang: &str| {
        value
            .and_then(|v| v.get(lang))
            .and_then(cell_text)
            .unwrap_or_default()
    };
    let mut rows: Vec<[String; 4]> = Vec::new();
    for field in fields {
        let here = get_path(record, field.path);
        let label = field.label.written();
        match field.shape {
            Shape::Text { .. } => {
                rows.push([label, String::new(), text(here, "zh"), text(here, "en")])
            }
            Shape::Value | Shape::Number | Shape::YesNo => {
                let value = here.and_then(cell_text).unwrap_or_default();
                rows.push([label, value, String::new(), String::new()]);
            }
            Shape::Item {
                value_key,
                text_key,
                ..
            } => {
                let items = here.and_then(Value::as_array).cloned().unwrap_or_default();
                if items.is_empty() {
                    rows.push([label.clone(), String::new(), String::new(), String::new()]);
                }
                for item in &items {
                    let value = item.get(value_key).and_then(cell_text).unwrap_or_default();
                    let words = item.get(text_key);
                    rows.push([label.clone(), value, text(words, "zh"), text(words, "en")]);
                }
            }
        }
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32 + 1, c as u16, cell)?;
        }
    }
    Ok(())
}

/// Reads a field sheet into `record` (what the file holds besides), saying
/// where each part came from; an unknown field is a problem.
pub(super) fn read_fields(
    grid: &Grid,
    fields: &[Field],
    mut record: Value,
    problems: &mut Vec<SheetProblem>,
    places: &mut Places,
) -> Value {
    let mut counts = vec![0usize; fields.len()];
    for row in 1..grid.rows.len() {
        let label = grid.cell(row, 0);
        if label.is_empty() {
            continue;
        }
        let excel_row = row + 1;
        let place = |c: usize| Some((column_letter(c), field_header()[c].written()));
        let mut at = |path: String, c: usize| places.add(path, &grid.name, excel_row, place(c));
        let Some(index) = fields.iter().position(|f| f.label.matches(label)) else {
            problems.push(unknown_field(grid, excel_row, label, fields));
            continue;
        };
        let field = &fields[index];
        let (value, zh, en) = (grid.cell(row, 1), grid.cell(row, 2), grid.cell(row, 3));
        let path = field.path;
        match field.shape {
            Shape::Text { required } => {
                if zh.is_empty() && en.is_empty() && !required {
                    continue;
                }
                set_path(&mut record, path, json!({"zh": zh, "en": en}));
                at(path.to_string(), 2);
                at(format!("{path}.zh"), 2);
                at(format!("{path}.en"), 3);
            }
            _ if matches!(field.shape, Shape::Item { .. }) && (value, zh, en) == ("", "", "") => {}
            Shape::Item {
                value_key,
                number,
                text_key,
            } => {
                let item_at = format!("{path}[{}]", counts[index]);
                counts[index] += 1;
                let value = if number {
                    number_or_text(value)
                } else {
                    json!(value)
                };
                let mut item = json!({ text_key: {"zh": zh, "en": en} });
                if value != json!("") {
                    item[value_key] = value;
                }
                set_path(&mut record, &item_at, item);
                at(item_at.clone(), 1);
                at(format!("{item_at}.{value_key}"), 1);
                at(format!("{item_at}.{text_key}"), 2);
                at(format!("{item_at}.{text_key}.zh"), 2);
                at(format!("{item_at}.{text_key}.en"), 3);
            }
            _ if value.is_empty() => {}
            Shape::Number => {
                set_path(&mut record, path, number_or_text(value));
                at(path.to_string(), 1);
            }
            Shape::YesNo => {
                set_path(&mut record, path, yes_no_or_text(value));
                at(path.to_string(), 1);
            }
            Shape::Value => {
                set_path(&mut record, path, json!(value));
                at(path.to_string(), 1);
            }
        }
    }
    record
}

fn unknown_field(grid: &Grid, row: usize, label: &str, fields: &[Field]) -> SheetProblem {
    let names = |zh: bool| -> Vec<&str> {
        fields
            .iter()
            .map(|f| {
                if zh {
                    f.label.zh.as_str()
                } else {
                    f.label.en.as_str()
                }
            })
            .collect()
    };
    SheetProblem {
        sheet: grid.name.clone(),
        row,
        column: Some((column_letter(0), field_header()[0].written())),
        message: format!(
            "\"{label}\" is not a field of this sheet: the fields are {}",
            names(false).join(", ")
        ),
        message_zh: format!("“{label}”不是本表的项目：项目有 {}", names(true).join("、")),
    }
}
