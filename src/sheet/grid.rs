//! A spreadsheet file's sheets as grids of text, whatever the format.

use super::SheetProblem;
use calamine::{Data, Reader};

/// One sheet: its name and its cells as text, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// The cell at 0-based `row` and `column`, trimmed; empty if none.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .map_or("", |cell| cell.trim())
    }
}

/// The sheets of `file` (named for messages and for its format, by its
/// extension): `.xlsx`, `.xlsm`, `.xls`, `.ods` or `.csv`.
pub fn read_grids(file: &str, bytes: &[u8]) -> Result<Vec<Grid>, Box<SheetProblem>> {
    let lower = file.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt") {
        let name = std::path::Path::new(file)
            .file_stem()
            .map_or("CSV".into(), |stem| stem.to_string_lossy().into_owned());
        return Ok(vec![Grid {
            name,
            rows: read_csv(&decode_text(bytes)),
        }]);
    }
    let unreadable = |why: String| {
        Box::new(SheetProblem {
            sheet: file.to_string(),
            row: 0,
            column: None,
            message: format!(
                "{file} could not be read as a spreadsheet ({why}): save it as .xlsx (Excel, WPS), .ods or .csv"
            ),
            message_zh: format!(
                "无法读取表格 {file}（{why}）：请另存为 .xlsx（Excel、WPS）、.ods 或 .csv"
            ),
        })
    };
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|error| unreadable(error.to_string()))?;
    let mut grids = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| unreadable(error.to_string()))?;
        // Rows and columns count from A1 even when the first ones are empty.
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![String::new(); left as usize];
            cells.extend(row.iter().map(cell_text));
            rows.push(cells);
        }
        grids.push(Grid { name, rows });
    }
    Ok(grids)
}

/// The workbook (XLSX) of `grids`, each cell written as text and each
/// header row in bold: sheets edited in the studio, kept as a file again.
pub fn write_grids(grids: &[Grid]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let bold = super::table::header_format();
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for (index, grid) in grids.iter().enumerate() {
        let sheet = book.add_worksheet();
        let name = sheet_name(&grid.name, index);
        if !names.contains(&name) {
            sheet.set_name(&name)?;
            names.push(name);
        }
        for (r, cells) in grid.rows.iter().enumerate() {
            for (c, cell) in cells
                .iter()
                .enumerate()
                .filter(|(_, cell)| !cell.is_empty())
            {
                let (r, c) = (r as u32, c as u16);
                if r == 0 {
                    sheet.write_string_with_format(r, c, cell, &bold)?;
                } else {
                    sheet.write_string(r, c, cell)?;
                }
            }
        }
    }
    book.save_to_buffer()
}

/// A name a workbook accepts for a sheet: at most 31 characters, none of
/// `[]:*?/\`, never empty.
fn sheet_name(name: &str, index: usize) -> String {
    let name: String = name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if name.trim().is_empty() {
        format!("Sheet{}", index + 1)
    } else {
        name
    }
}

/// A cell as the organiser sees it: whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(when) => date_time_text(when),
        // ODS writes dates and times as ISO text: "2021-06-06T00:00:00", "PT08H30M00S".
        Data::DateTimeIso(text) => text.strip_suffix("T00:00:00").unwrap_or(text).to_string(),
        other => other.to_string(),
    }
}

/// A date or time cell as the files write it: a time of day as `08:30`
/// (Excel and WPS turn a typed "8:30" into one), a date as `2021-06-06`,
/// both as `2021-06-06T08:30`.
fn date_time_text(when: &calamine::ExcelDateTime) -> String {
    let (year, month, day, hour, minute, second, milli) = when.to_ymd_hms_milli();
    // Rounded to the minute: a time typed as 8:30 may be stored a hair under.
    let seconds = u32::from(hour) * 3600
        + u32::from(minute) * 60
        + u32::from(second)
        + u32::from(milli >= 500);
    let minutes = (seconds + 30) / 60;
    let time = format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60);
    if when.as_f64() < 1.0 {
        time
    } else if minutes == 0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{time}")
    }
}

/// CSV bytes as text: UTF-8 (with or without its byte-order mark), else
/// GBK, as Excel and WPS save "CSV" on Chinese Windows.
fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// Comma- or tab-separated rows (whichever the first line has more of),
/// with `"…"` quoting as spreadsheets write it.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let first_line = text.lines().next().unwrap_or("");
    let separator = if first_line.matches('\t').count() > first_line.matches(',').count() {
        '\t'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if cell.is_empty() => quoted = true,
            c if c == separator && !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_gbk_with_tabs_and_quotes_is_read() {
        let text = "题目\t答案\n\"他说\"\"好\"\"，\n然后\"\tB\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let grids = read_grids("题库.csv", &gbk).unwrap();
        assert_eq!(grids[0].name, "题库");
        assert_eq!(
            grids[0].rows,
            [vec!["题目", "答案"], vec!["他说\"好\"，\n然后", "B"]]
        );
    }

    #[test]
    fn csv_in_utf8_with_a_byte_order_mark_and_commas() {
        let grids = read_grids("q.csv", "\u{feff}题目,答案\r\n甲,\"A,C\"\r\n".as_bytes()).unwrap();
        assert_eq!(grids[0].rows, [vec!["题目", "答案"], vec!["甲", "A,C"]]);
    }

    #[test]
    fn a_file_that_is_no_spreadsheet_says_so() {
        let problem = read_grids("quiz.xlsx", b"not a zip").unwrap_err();
        assert!(
            problem.message.contains("quiz.xlsx could not be read"),
            "{problem}"
        );
    }
}
