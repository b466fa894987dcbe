//! The agenda's sheets: 日程 (`timeline.json`, a row an entry, its photos'
//! file names in the 照片 column, one a line) and 照片说明 (a row a photo:
//! its file name, description, caption and credit).
//!
//! A photo named in the agenda is one already made for the web: one of the
//! current timeline (by its copies' file name) or one just made in the
//! studio (by its original's file name too), whose sizes and copies it
//! takes. An entry's videos and
//! recordings stay as they are, by the entry's ID.

use super::table::{
    Column, Header, Places, is_blank, load_built, read_cells, record_cells, set_path, write_table,
};
use super::{Grid, NewPhoto, SheetProblem};
use crate::content::{Photo, Timeline, files};
use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The agenda's sheet.
pub(super) const AGENDA: (&str, &str) = ("日程", "Agenda");
/// The photos' texts.
pub(super) const PHOTOS: (&str, &str) = ("照片说明", "Photos");

/// A text's two columns: `地点` and `地点（英文）` for `place.zh`, `place.en`.
fn both(zh: &str, en: &str, stem: &str) -> [Column; 2] {
    [
        Column::new(zh, en, &format!("{stem}.zh")),
        Column::new(
            &format!("{zh}（英文）"),
            &format!("{en} (English)"),
            &format!("{stem}.en"),
        ),
    ]
}

pub(super) fn columns() -> Vec<Column> {
    let mut all = vec![
        Column::new("编号", "ID", "id"),
        Column::new("时间", "Time", "time"),
    ];
    all.extend(both("环节", "Part", "part"));
    all.extend(both("标题", "Title", "title"));
    all.extend(both("内容", "Text", "text"));
    all.extend(both("地点", "Place", "place"));
    all.extend(both("发言人", "Speaker", "speaker"));
    all.push(Column::new("照片", "Photos", "photos"));
    all
}

pub(super) fn photo_columns() -> Vec<Column> {
    let mut all = vec![Column::new("文件", "File", "src")];
    all.extend(both("描述", "Description", "alt"));
    all.extend(both("说明", "Caption", "caption"));
    all.extend(both("拍摄", "Credit", "credit"));
    all
}

/// A photo's name in the sheets: its file name, without the folders.
fn file_name(src: &str) -> &str {
    src.rsplit('/').next().unwrap_or(src)
}

/// Adds the agenda's two sheets, filled from `timeline` or empty.
pub(super) fn add_agenda_sheets(
    book: &mut Workbook,
    timeline: Option<&Timeline>,
) -> Result<(), XlsxError> {
    let entries = timeline.map_or(&[][..], |timeline| &timeline.entries);
    let columns = columns();
    let rows: Vec<HashMap<String, String>> = entries
        .iter()
        .map(|entry| {
            let record = serde_json::to_value(entry).expect("content serialises");
            let mut cells = record_cells(&record, &columns);
            let names: Vec<&str> = entry.photos.iter().map(|p| file_name(&p.src)).collect();
            cells.insert("photos".into(), names.join("\n"));
            cells
        })
        .collect();
    write_table(book, AGENDA, &columns, &rows)?;
    let photo_columns = photo_columns();
    let mut seen = Vec::new();
    let mut photo_rows = Vec::new();
    for photo in entries.iter().flat_map(|entry| &entry.photos) {
        let name = file_name(&photo.src);
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let record = serde_json::to_value(photo).expect("content serialises");
        let mut cells = record_cells(&record, &photo_columns);
        cells.insert("src".into(), name.to_string());
        photo_rows.push(cells);
    }
    write_table(book, PHOTOS, &photo_columns, &photo_rows)
}

/// `timeline.json` from the agenda (and the photos' texts, if given).
/// `base` is the current timeline: its photos, videos and recordings.
pub(super) fn read_agenda(
    grid: &Grid,
    photo_texts: Option<&Grid>,
    base: Option<&Timeline>,
    new_photos: &[NewPhoto],
) -> Result<Timeline, Vec<SheetProblem>> {
    let columns = columns();
    let header = Header::of(grid, &columns);
    let mut places = Places::default();
    let mut problems = Vec::new();
    // A photo by its copies' file name, or a new one by its original's too.
    let mut known: Vec<(&str, &Photo)> = base.map_or(Vec::new(), |timeline| {
        let photos = timeline.entries.iter().flat_map(|e| &e.photos);
        photos.map(|photo| (file_name(&photo.src), photo)).collect()
    });
    for new in new_photos {
        known.push((file_name(&new.photo.src), &new.photo));
        known.push((new.original.as_str(), &new.photo));
    }
    let texts = photo_texts.map(PhotoTexts::read);
    let mut entries = Vec::new();
    for row in (1..grid.rows.len()).filter(|row| !is_blank(grid, *row)) {
        let at = format!("entries[{}]", entries.len());
        let mut entry = read_cells(
            grid,
            row,
            &header,
            &at,
            (&["title"], &["photos"]),
            &mut places,
        );
        let cell = header.cell(grid, row, "photos");
        let mut photos = Vec::new();
        for name in photo_names(cell) {
            match known
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(name))
            {
                Some((_, photo)) => {
                    let mut photo = serde_json::to_value(photo).expect("content serialises");
                    if let Some(texts) = &texts {
                        let photo_at = format!("{at}.photos[{}]", photos.len());
                        texts.apply(name, &photo_at, &mut photo, &mut places);
                    }
                    photos.push(photo);
                }
                None => problems.push(unknown_photo(grid, row, &header, name)),
            }
        }
        places.add(
            format!("{at}.photos"),
            &grid.name,
            row + 1,
            header.place("photos"),
        );
        if !photos.is_empty() {
            entry["photos"] = Value::Array(photos);
        }
        keep_media(&mut entry, base);
        entries.push(entry);
    }
    if let Some(texts) = &texts {
        problems.extend(texts.unused());
    }
    let schema = base
        .and_then(|timeline| timeline.schema.clone())
        .unwrap_or_else(|| "schema/timeline.schema.json".into());
    let record = json!({ "$schema": schema, "entries": entries });
    load_built(files::TIMELINE, &record, &grid.name, &places, problems)
}

/// The photo names of a 照片 cell: one a line, or between commas or 、.
fn photo_names(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| c == '\n' || ",，、;；".contains(c))
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// Gives `entry` the videos and recordings of the current entry with its ID.
fn keep_media(entry: &mut Value, base: Option<&Timeline>) {
    let id = entry["id"].as_str().unwrap_or_default();
    let Some(same) = base.and_then(|b| b.entries.iter().find(|e| !id.is_empty() && e.id == id))
    else {
        return;
    };
    for (key, kept) in [
        ("videos", serde_json::to_value(&same.videos)),
        ("audio", serde_json::to_value(&same.audio)),
    ] {
        let kept = kept.expect("content serialises");
        if kept.as_array().is_some_and(|list| !list.is_empty()) {
            entry[key] = kept;
        }
    }
}

fn unknown_photo(grid: &Grid, row: usize, header: &Header, name: &str) -> SheetProblem {
    SheetProblem {
        sheet: grid.name.clone(),
        row: row + 1,
        column: header.place("photos"),
        message: format!(
            "the photo \"{name}\" is not among the event's photos: add it in the studio's photos (or with `cargo xtask photos`), then write the name it is given"
        ),
        message_zh: format!(
            "照片“{name}”不在本次活动的照片中：请先在工作室的“照片”中添加（或用 cargo xtask photos），再填写它得到的文件名"
        ),
    }
}

/// The 照片说明 sheet: each photo's texts by file name.
struct PhotoTexts {
    sheet: String,
    /// File name, 1-based row, its texts (a photo record's `alt`,
    /// `caption`, `credit`), and whether an entry names it.
    rows: Vec<(String, usize, Value, std::cell::Cell<bool>)>,
    /// The photo sheet's columns, as found.
    places: Vec<(String, Option<(String, String)>)>,
}

impl PhotoTexts {
    fn read(grid: &Grid) -> PhotoTexts {
        let columns = photo_columns();
        let header = Header::of(grid, &columns);
        let mut scratch = Places::default();
        let rows = (1..grid.rows.len())
            .filter(|row| !is_blank(grid, *row))
            .map(|row| {
                let mut record =
                    read_cells(grid, row, &header, "photo", (&[], &["src"]), &mut scratch);
                if let Some(map) = record.as_object_mut() {
                    map.remove("src");
                }
                let name = header.cell(grid, row, "src").to_string();
                (name, row + 1, record, std::cell::Cell::new(false))
            })
            .collect();
        let places = columns
            .iter()
            .map(|c| (c.path.clone(), header.place(&c.path)))
            .collect();
        PhotoTexts {
            sheet: grid.name.clone(),
            rows,
            places,
        }
    }

    /// Puts the texts of the photo `name` into `photo` (at `at` in the
    /// file), and records where they came from.
    fn apply(&self, name: &str, at: &str, photo: &mut Value, places: &mut Places) {
        let Some((_, row, texts, used)) = self.rows.iter().find(|(n, ..)| n == name) else {
            return;
        };
        used.set(true);
        for key in ["alt", "caption", "credit"] {
            match texts.get(key) {
                Some(text) => set_path(photo, key, text.clone()),
                None => {
                    if let Some(map) = photo.as_object_mut() {
                        map.remove(key);
                    }
                }
            }
            for (path, column) in &self.places {
                if path.starts_with(key) {
                    let lang = path.rsplit('.').next().unwrap_or("");
                    places.add(
                        format!("{at}.{key}.{lang}"),
                        &self.sheet,
                        *row,
                        column.clone(),
                    );
                    if lang == "zh" {
                        places.add(format!("{at}.{key}"), &self.sheet, *row, column.clone());
                    }
                }
            }
        }
    }

    /// A row for a photo no entry names: its texts would be lost.
    fn unused(&self) -> Vec<SheetProblem> {
        let file = self.places.first().and_then(|(_, column)| column.clone());
        self.rows
            .iter()
            .filter(|(name, _, _, used)| !used.get() && !name.is_empty())
            .map(|(name, row, ..)| SheetProblem {
                sheet: self.sheet.clone(),
                row: *row,
                column: file.clone(),
                message: format!(
                    "no entry of the agenda has the photo \"{name}\": write it in an entry's 照片 (Photos) column, or delete this row"
                ),
                message_zh: format!("日程中没有哪一项用到照片“{name}”：请把它写进某一项的“照片”列，或删除这一行"),
            })
            .collect()
    }
}
