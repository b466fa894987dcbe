//! The quiz as a spreadsheet: the template of the shipped quiz imports back
//! to the same quiz (XLSX, and CSV in GBK), headers are read in either
//! language, and mistakes are shown at their sheet, row and column.

use event_microsite::content::{Quiz, files, load};
use event_microsite::sheet::{Grid, export_quiz, import_quiz, quiz_json, read_grids};

fn shipped() -> Quiz {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/content/quiz.json"
    ))
    .unwrap();
    load(files::QUIZ, &text).unwrap()
}

/// The sheets of the shipped quiz's workbook.
fn template_grids() -> Vec<Grid> {
    read_grids("quiz.xlsx", &export_quiz(&shipped()).unwrap()).unwrap()
}

/// `grid` as a tab-separated file in GBK, as WPS saves one.
fn gbk_tsv(grid: &Grid) -> Vec<u8> {
    let text: String = grid
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.contains(['\t', '\n', '"']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect();
            cells.join("\t") + "\r\n"
        })
        .collect();
    encoding_rs::GBK.encode(&text).0.into_owned()
}

fn questions(grids: &[Grid]) -> Grid {
    grids
        .iter()
        .find(|g| g.name.starts_with("题库"))
        .unwrap()
        .clone()
}

fn column(grid: &Grid, header_start: &str) -> usize {
    grid.rows[0]
        .iter()
        .position(|h| h.starts_with(header_start))
        .unwrap()
}

#[test]
fn the_shipped_quiz_round_trips_through_its_workbook() {
    let quiz = shipped();
    let book = export_quiz(&quiz).unwrap();
    let back = import_quiz("quiz.xlsx", &book, None).unwrap();
    assert_eq!(back, quiz);
    // And the quiz.json written from it loads to the same quiz.
    let written: Quiz = load(files::QUIZ, &quiz_json(&back)).unwrap();
    assert_eq!(written, quiz);
    assert!(
        !quiz_json(&back).contains("null"),
        "no empty fields written"
    );
}

#[test]
fn the_second_events_quiz_round_trips_with_every_kind_written() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/fixtures/next-event/content/quiz.json"
    );
    let quiz: Quiz = load(files::QUIZ, &std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(
        quiz.questions.iter().any(|q| q.written_kind.is_none()),
        "a question without a type"
    );
    // Imported into its own folder: its reference to the schema stays.
    let back = import_quiz("quiz.xlsx", &export_quiz(&quiz).unwrap(), Some(&quiz)).unwrap();
    // The sheet always says the kind (题型), the same the file implied.
    let mut expected = quiz.clone();
    for question in &mut expected.questions {
        question.written_kind = Some(question.kind());
    }
    assert_eq!(back, expected);
}

#[test]
fn the_question_bank_round_trips_through_a_gbk_csv() {
    let quiz = shipped();
    let csv = gbk_tsv(&questions(&template_grids()));
    assert!(std::str::from_utf8(&csv).is_err(), "the file really is GBK");
    let back = import_quiz("题库.csv", &csv, Some(&quiz)).unwrap();
    assert_eq!(back, quiz);
}

#[test]
fn headers_are_read_in_english_or_chinese_alone() {
    let quiz = shipped();
    for half in [0, 1] {
        let mut grid = questions(&template_grids());
        for header in &mut grid.rows[0] {
            *header = header.split(" / ").nth(half).unwrap().to_string();
        }
        let back = import_quiz("q.csv", &gbk_tsv(&grid), Some(&quiz)).unwrap();
        assert_eq!(back.questions, quiz.questions, "headers half {half}");
    }
}

#[test]
fn mistakes_are_shown_at_their_sheet_row_and_column_all_at_once() {
    let mut grid = questions(&template_grids());
    let (answer, kind, explanation_en) = (
        column(&grid, "答案"),
        column(&grid, "题型"),
        column(&grid, "解析（英文）"),
    );
    // Row 7 (the sixth question): an answer letter beyond its four options.
    assert!(!grid.rows[6][column(&grid, "选项D /")].is_empty());
    assert!(grid.rows[6][column(&grid, "选项E /")].is_empty());
    grid.rows[6][answer] = "E".into();
    grid.rows[3][kind] = String::new();
    grid.rows[9][explanation_en] = String::new();
    let problems = import_quiz("题库.csv", &gbk_tsv(&grid), Some(&shipped())).unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{shown:#?}");
    let letter = |c: usize| event_microsite::sheet::column_letter(c);
    assert_eq!(problems[0].row, 4);
    assert_eq!(problems[0].column.as_ref().unwrap().0, letter(kind));
    assert!(
        problems[0].message.contains("question type is empty"),
        "{shown:#?}"
    );
    assert_eq!(
        problems[1].place(),
        format!("题库, row 7, column {} (答案 / Answer)", letter(answer))
    );
    assert!(
        problems[1].message.contains("\"E\"") && problems[1].message.contains("only A-D are given"),
        "{shown:#?}"
    );
    assert!(
        problems[1].message_zh.contains("只填写了选项A-D"),
        "{shown:#?}"
    );
    assert_eq!(problems[2].row, 10);
    assert_eq!(
        problems[2].column.as_ref().unwrap().1,
        "解析（英文） / Explanation (English)"
    );
    assert!(
        !problems
            .iter()
            .any(|p| p.message.contains("Rust") || p.message.contains("struct"))
    );
}
