//! The workbook as a form, for the studio to draw: each sheet's columns
//! with what they hold (a text in one language, a long text), and in a
//! sheet of fields (活动, 测验设置) which cells each field's row uses and
//! whether it repeats (an organiser, a result message). The form edits the
//! grids themselves, so the import reads them as it reads a file.

use super::fields::{Field, Shape};
use super::table::{self, Column};
use super::{Grid, Label, agenda, event, quiz, story};
use crate::content::Lang;

/// How the studio draws one sheet.
pub struct SheetForm {
    /// The sheet's columns, in order (its header row).
    pub columns: Vec<FormColumn>,
    /// For a sheet of fields: its fields, each as its row is drawn.
    pub fields: Option<Vec<FieldForm>>,
}

/// A column of a sheet, as the form draws its cells.
pub struct FormColumn {
    /// The column's header, as written in the sheet.
    pub header: String,
    /// The language of a text column; `None` for a value (a time, a file).
    pub lang: Option<Lang>,
    /// Whether its cells hold a paragraph rather than a line.
    pub long: bool,
    /// Whether its cells name photos by file name, one a line (照片).
    pub photos: bool,
}

/// A field of a sheet of fields.
pub struct FieldForm {
    label: Label,
    /// Whether its row uses the value cell (数值, column B).
    pub value: bool,
    /// Whether its row uses the text cells (中文 and 英文, columns C and D).
    pub texts: bool,
    /// Whether it is an item of a list, a row each, that may repeat.
    pub repeats: bool,
}

impl FieldForm {
    /// Whether `cell`, a row's first cell, names this field.
    pub fn matches(&self, cell: &str) -> bool {
        self.label.matches(cell)
    }
}

impl SheetForm {
    /// The field named by a row's first cell, if it is one of this sheet's.
    pub fn field(&self, cell: &str) -> Option<&FieldForm> {
        self.fields
            .as_ref()?
            .iter()
            .find(|field| field.matches(cell))
    }
}

/// How `grid` is drawn as a form: by its name for a sheet of fields, by
/// its header for a table (story, agenda, photos' texts, question bank).
pub fn form_of(grid: &Grid) -> SheetForm {
    let fields = if table::is_sheet(grid, event::EVENT) {
        Some(event::event_fields())
    } else if table::is_sheet(grid, quiz::SETTINGS) {
        Some(quiz::settings_fields())
    } else {
        None
    };
    let known: Vec<Column> = [
        story::columns(),
        agenda::columns(),
        agenda::photo_columns(),
        quiz::columns(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let found = table::find_columns(grid, &known);
    let width = grid.rows.first().map_or(0, Vec::len);
    let columns = (0..width)
        .map(|c| {
            let header = grid.cell(0, c).to_string();
            let path = found
                .iter()
                .find(|(index, _)| *index == c)
                .map(|(_, column)| column.path.as_str());
            let lang = match (path, fields.is_some(), c) {
                (_, true, 2) => Some(Lang::Zh),
                (_, true, 3) => Some(Lang::En),
                (Some(path), ..) if path.ends_with(".zh") => Some(Lang::Zh),
                (Some(path), ..) if path.ends_with(".en") => Some(Lang::En),
                _ => None,
            };
            let long = path.is_some_and(|path| {
                ["paragraph.", "text.", "explanation.", "photos"]
                    .iter()
                    .any(|stem| path.starts_with(stem))
            });
            FormColumn {
                header,
                lang,
                long,
                photos: path == Some("photos"),
            }
        })
        .collect();
    SheetForm {
        columns,
        fields: fields.map(|fields| fields.into_iter().map(field_form).collect()),
    }
}

fn field_form(field: Field) -> FieldForm {
    let (value, texts, repeats) = match field.shape {
        Shape::Text { .. } => (false, true, false),
        Shape::Value | Shape::Number | Shape::YesNo => (true, false, false),
        Shape::Item { .. } => (true, true, true),
    };
    FieldForm {
        label: field.label,
        value,
        texts,
        repeats,
    }
}
