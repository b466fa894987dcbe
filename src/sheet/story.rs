//! The story's sheet (故事): `story.json`, a row a paragraph. A row with a
//! heading starts a section (so does a new 章节编号); the rows under it,
//! with the heading left empty, are its further paragraphs.

use super::table::{Column, Header, Places, is_blank, load_built, write_table};
use super::{Grid, SheetProblem};
use crate::content::{Story, Text, files};
use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The story's sheet.
pub(super) const STORY: (&str, &str) = ("故事", "Story");

pub(super) fn columns() -> Vec<Column> {
    vec![
        Column::new("章节编号", "Section ID", "id"),
        Column::new("章节标题", "Heading", "heading.zh"),
        Column::new("章节标题（英文）", "Heading (English)", "heading.en"),
        Column::new("段落", "Paragraph", "paragraph.zh"),
        Column::new("段落（英文）", "Paragraph (English)", "paragraph.en"),
    ]
}

/// Adds the story's sheet, filled from `story` or empty.
pub(super) fn add_story_sheet(book: &mut Workbook, story: Option<&Story>) -> Result<(), XlsxError> {
    let mut rows = Vec::new();
    for section in story.map_or(&[][..], |story| &story.sections) {
        let paragraphs = section.paragraphs.iter().map(Some);
        let paragraphs: Vec<Option<&Text>> = if section.paragraphs.is_empty() {
            vec![None]
        } else {
            paragraphs.collect()
        };
        for (i, paragraph) in paragraphs.into_iter().enumerate() {
            let mut cells = HashMap::from([("id".to_string(), section.id.clone())]);
            if i == 0 {
                cells.insert("heading.zh".into(), section.heading.zh.clone());
                cells.insert("heading.en".into(), section.heading.en.clone());
            }
            if let Some(paragraph) = paragraph {
                cells.insert("paragraph.zh".into(), paragraph.zh.clone());
                cells.insert("paragraph.en".into(), paragraph.en.clone());
            }
            rows.push(cells);
        }
    }
    write_table(book, STORY, &columns(), &rows)
}

/// `story.json` from the story's sheet; `base` gives its schema reference.
pub(super) fn read_story(grid: &Grid, base: Option<&Story>) -> Result<Story, Vec<SheetProblem>> {
    let columns = columns();
    let header = Header::of(grid, &columns);
    let mut places = Places::default();
    let mut sections: Vec<Value> = Vec::new();
    for row in (1..grid.rows.len()).filter(|row| !is_blank(grid, *row)) {
        let cell = |path: &str| header.cell(grid, row, path);
        let mut place = |path: String, column: &str| {
            places.add(path, &grid.name, row + 1, header.place(column));
        };
        let id = cell("id");
        let current_id = sections.last().and_then(|s| s["id"].as_str()).unwrap_or("");
        let heading = text(cell("heading.zh"), cell("heading.en"));
        if sections.is_empty() || heading.is_some() || !id.is_empty() && id != current_id {
            let at = format!("sections[{}]", sections.len());
            let mut section = json!({ "paragraphs": [] });
            if !id.is_empty() {
                section["id"] = json!(id);
            }
            if let Some(heading) = heading {
                section["heading"] = heading;
            }
            place(at.clone(), "heading.zh");
            place(format!("{at}.id"), "id");
            place(format!("{at}.heading"), "heading.zh");
            place(format!("{at}.heading.zh"), "heading.zh");
            place(format!("{at}.heading.en"), "heading.en");
            sections.push(section);
        }
        let (n, section) = (
            sections.len() - 1,
            sections.last_mut().expect("one at least"),
        );
        if let Some(paragraph) = text(cell("paragraph.zh"), cell("paragraph.en")) {
            let items = section["paragraphs"].as_array_mut().expect("a list");
            let at = format!("sections[{n}].paragraphs[{}]", items.len());
            items.push(paragraph);
            place(at.clone(), "paragraph.zh");
            place(format!("{at}.zh"), "paragraph.zh");
            place(format!("{at}.en"), "paragraph.en");
        }
    }
    let schema = base
        .and_then(|story| story.schema.clone())
        .unwrap_or_else(|| "schema/story.schema.json".into());
    let record = json!({ "$schema": schema, "sections": sections });
    load_built(files::STORY, &record, &grid.name, &places, Vec::new())
}

/// A text from its two cells; `None` when both are empty (one empty half
/// is kept empty, for the check to say so).
fn text(zh: &str, en: &str) -> Option<Value> {
    (!zh.is_empty() || !en.is_empty()).then(|| json!({ "zh": zh, "en": en }))
}
