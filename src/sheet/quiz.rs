//! The quiz's two sheets: 题库 (a row a question) and 测验设置 (the quiz's
//! title, introduction, settings and result messages, a row each).

use super::fields::{Field, Shape, read_fields, write_fields};
use super::table::{
    Column, Header, Places, file_text, is_blank, is_sheet, load_built, read_cells, record_cells,
    sheet_name, whole_sheet, write_table,
};
use super::{Grid, SheetProblem, read_grids};
use crate::content::{Answer, QuestionKind, Quiz, files};
use serde_json::{Map, Value, json};

/// The question bank's sheet.
const QUESTIONS: (&str, &str) = ("题库", "Questions");
/// The quiz settings' sheet.
pub(super) const SETTINGS: (&str, &str) = ("测验设置", "Quiz settings");
/// The option letters: at most six options.
const LETTERS: [char; 6] = ['A', 'B', 'C', 'D', 'E', 'F'];

pub(super) fn columns() -> Vec<Column> {
    let mut all = vec![
        Column::new("编号", "ID", "id"),
        Column::new("题型", "Type", "type"),
        Column::new("题目", "Question", "prompt.zh"),
        Column::new("题目（英文）", "Question (English)", "prompt.en"),
    ];
    for (i, letter) in LETTERS.iter().enumerate() {
        all.extend([
            Column::new(
                &format!("选项{letter}"),
                &format!("Option {letter}"),
                &format!("options[{i}].zh"),
            ),
            Column::new(
                &format!("选项{letter}（英文）"),
                &format!("Option {letter} (English)"),
                &format!("options[{i}].en"),
            ),
            Column::new(
                &format!("选项{letter}反馈"),
                &format!("Feedback {letter}"),
                &format!("options[{i}].feedback.zh"),
            ),
            Column::new(
                &format!("选项{letter}反馈（英文）"),
                &format!("Feedback {letter} (English)"),
                &format!("options[{i}].feedback.en"),
            ),
        ]);
    }
    all.extend([
        Column::new("答案", "Answer", "answer"),
        Column::new("解析", "Explanation", "explanation.zh"),
        Column::new("解析（英文）", "Explanation (English)", "explanation.en"),
        Column::new("图片", "Image", "image.src"),
        Column::new("图片描述", "Image description", "image.alt.zh"),
        Column::new(
            "图片描述（英文）",
            "Image description (English)",
            "image.alt.en",
        ),
        Column::new("图片宽度", "Image width", "image.width"),
        Column::new("图片高度", "Image height", "image.height"),
    ]);
    all
}

/// The rows of the settings sheet.
pub(super) fn settings_fields() -> Vec<Field> {
    vec![
        Field::new("标题", "Title", "title", Shape::Text { required: false }),
        Field::new(
            "简介",
            "Introduction",
            "intro",
            Shape::Text { required: false },
        ),
        Field::new(
            "题目乱序",
            "Shuffle questions",
            "settings.shuffle_questions",
            Shape::YesNo,
        ),
        Field::new(
            "选项乱序",
            "Shuffle options",
            "settings.shuffle_options",
            Shape::YesNo,
        ),
        Field::new("抽题数", "Questions drawn", "settings.draw", Shape::Number),
        Field::new(
            "限时（秒）",
            "Time limit (seconds)",
            "settings.time_limit_seconds",
            Shape::Number,
        ),
        Field::new(
            "及格分（%）",
            "Pass mark (%)",
            "settings.pass_percent",
            Shape::Number,
        ),
        Field::new(
            "多选题部分得分",
            "Partial credit",
            "settings.partial_credit",
            Shape::YesNo,
        ),
        Field::new(
            "评语",
            "Result message",
            "settings.bands",
            Shape::Item {
                value_key: "min_percent",
                number: true,
                text_key: "message",
            },
        ),
    ]
}

/// The workbook (XLSX) of `quiz`: its question bank and its settings.
pub fn export_quiz(quiz: &Quiz) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    add_quiz_sheets(&mut book, quiz)?;
    book.save_to_buffer()
}

/// Adds the question bank and the settings of `quiz` to `book`.
pub(super) fn add_quiz_sheets(
    book: &mut rust_xlsxwriter::Workbook,
    quiz: &Quiz,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let columns = columns();
    let rows: Vec<_> = quiz
        .questions
        .iter()
        .map(|question| {
            let record = serde_json::to_value(question).expect("questions serialise");
            let mut cells = record_cells(&record, &columns);
            cells.insert("type".into(), kind_word(question.kind()).into());
            cells.insert("answer".into(), answer_letters(&question.answer));
            cells
        })
        .collect();
    write_table(book, QUESTIONS, &columns, &rows)?;
    write_fields(book, SETTINGS, &settings_fields(), &base_json(quiz))
}

fn kind_word(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single => "单选",
        QuestionKind::Multiple => "多选",
        QuestionKind::TrueFalse => "判断",
    }
}

fn answer_letters(answer: &Answer) -> String {
    let letter = |n: &usize| LETTERS.get(n.wrapping_sub(1)).copied().unwrap_or('?');
    match answer {
        Answer::One(n) => letter(n).to_string(),
        Answer::Many(list) => list.iter().map(letter).collect(),
        Answer::Truth(true) => "对".into(),
        Answer::Truth(false) => "错".into(),
    }
}

/// The quiz in a spreadsheet file (`file` names it and its format). A CSV
/// holds the question bank only: the rest comes from `base`, the current
/// `quiz.json`. Every problem is given at once, at its sheet, row and column.
pub fn import_quiz(
    file: &str,
    bytes: &[u8],
    base: Option<&Quiz>,
) -> Result<Quiz, Vec<SheetProblem>> {
    let grids = read_grids(file, bytes).map_err(|problem| vec![*problem])?;
    read_quiz(file, &grids, base)
}

/// The quiz from the sheets of `file`: its question bank, and its settings
/// (from `base` without a settings sheet).
pub(super) fn read_quiz(
    file: &str,
    grids: &[Grid],
    base: Option<&Quiz>,
) -> Result<Quiz, Vec<SheetProblem>> {
    let columns = columns();
    let questions_grid = grids
        .iter()
        .find(|grid| Header::of(grid, &columns).has("prompt.zh"))
        .ok_or_else(|| {
            vec![whole_sheet(
                file,
                format!(
                    "no sheet has a question column: the question bank's first row names its columns, such as {}",
                    columns[2].label.written()
                ),
                format!("没有找到题库：题库的第一行是列名，例如“{}”", columns[2].label.zh),
            )]
        })?;
    let settings_grid = grids.iter().find(|grid| is_sheet(grid, SETTINGS));
    let mut problems = Vec::new();
    let mut places = Places::default();
    let questions = read_questions(questions_grid, &columns, &mut problems, &mut places);
    let mut quiz = match settings_grid {
        Some(grid) => {
            let start = json!({"$schema": "schema/quiz.schema.json", "settings": {}});
            read_fields(grid, &settings_fields(), start, &mut problems, &mut places)
        }
        None => base.map_or_else(|| json!({"settings": {}}), base_json),
    };
    quiz["questions"] = Value::Array(questions);
    // The folder's own reference to its schema stays.
    if let Some(schema) = base.and_then(|base| base.schema.as_ref()) {
        quiz["$schema"] = json!(schema);
    }
    load_built(
        files::QUIZ,
        &quiz,
        &sheet_name(QUESTIONS),
        &places,
        problems,
    )
}

/// The `quiz.json` text of an imported quiz: the schema reference, then
/// title, introduction, settings and questions, without empty fields.
pub fn quiz_json(quiz: &Quiz) -> String {
    let mut value = base_json(quiz);
    value["questions"] = serde_json::to_value(&quiz.questions).expect("questions serialise");
    file_text(&value)
}

/// Everything of `quiz` but its questions, as `quiz.json` writes it.
fn base_json(quiz: &Quiz) -> Value {
    let mut value = Map::new();
    let schema = quiz.schema.as_deref().unwrap_or("schema/quiz.schema.json");
    value.insert("$schema".into(), json!(schema));
    if let Some(title) = &quiz.title {
        value.insert("title".into(), json!({"zh": title.zh, "en": title.en}));
    }
    if let Some(intro) = &quiz.intro {
        value.insert("intro".into(), json!({"zh": intro.zh, "en": intro.en}));
    }
    value.insert(
        "settings".into(),
        serde_json::to_value(&quiz.settings).expect("settings serialise"),
    );
    Value::Object(value)
}

/// The questions of the question sheet, as `quiz.json` writes them.
fn read_questions(
    grid: &Grid,
    columns: &[Column],
    problems: &mut Vec<SheetProblem>,
    places: &mut Places,
) -> Vec<Value> {
    let header = Header::of(grid, columns);
    let mut questions = Vec::new();
    for row in (1..grid.rows.len()).filter(|row| !is_blank(grid, *row)) {
        let at = format!("questions[{}]", questions.len());
        let required: &[&str] = &["prompt", "explanation"];
        let skip: &[&str] = &["type", "answer"];
        let mut question = read_cells(grid, row, &header, &at, (required, skip), places);
        let problem = |path: &str, (message, message_zh): (String, String)| SheetProblem {
            sheet: grid.name.clone(),
            row: row + 1,
            column: header.place(path),
            message,
            message_zh,
        };
        let option_count = question["options"].as_array().map_or(0, Vec::len);
        match read_kind(header.cell(grid, row, "type")) {
            Ok(kind) => {
                question["type"] = serde_json::to_value(kind).expect("kinds serialise");
                match read_answer(kind, header.cell(grid, row, "answer"), option_count) {
                    Ok(answer) => question["answer"] = answer,
                    Err(why) => problems.push(problem("answer", why)),
                }
            }
            Err(why) => problems.push(problem("type", why)),
        }
        questions.push(question);
    }
    questions
}

/// 题型: 单选, 多选 or 判断 (or single, multiple, true/false).
fn read_kind(written: &str) -> Result<QuestionKind, (String, String)> {
    let word = super::normalise(written);
    match word.trim_end_matches('题') {
        "单选" | "single" | "singlechoice" => Ok(QuestionKind::Single),
        "多选" | "multiple" | "multiplechoice" => Ok(QuestionKind::Multiple),
        "判断" | "truefalse" | "true/false" | "true_false" => Ok(QuestionKind::TrueFalse),
        "" => Err((
            "the question type is empty: write 单选 (single choice), 多选 (multiple choice) or 判断 (true or false)".into(),
            "题型为空：请填写 单选、多选 或 判断".into(),
        )),
        _ => Err((
            format!("the question type \"{written}\" is not known: write 单选 (single choice), 多选 (multiple choice) or 判断 (true or false)"),
            format!("题型“{written}”无法识别：请填写 单选、多选 或 判断"),
        )),
    }
}

/// 答案 as `quiz.json` writes it: letters for options ("B", "ACD", "A、C"),
/// 对/错 for a true-or-false statement.
fn read_answer(
    kind: QuestionKind,
    written: &str,
    options: usize,
) -> Result<Value, (String, String)> {
    if kind == QuestionKind::TrueFalse {
        return match super::normalise(written).as_str() {
            "对" | "正确" | "是" | "√" | "✓" | "t" | "true" | "y" | "yes" => {
                Ok(json!(true))
            }
            "错" | "错误" | "否" | "×" | "✗" | "x" | "f" | "false" | "n" | "no" => {
                Ok(json!(false))
            }
            _ => Err((
                format!(
                    "the answer of a true-or-false question is 对 (true) or 错 (false), not \"{written}\""
                ),
                format!("判断题的答案应为“对”或“错”，而不是“{written}”"),
            )),
        };
    }
    let last = LETTERS[options.clamp(1, LETTERS.len()) - 1];
    let given = if options == 0 {
        (
            "no options are given".to_string(),
            "没有填写选项".to_string(),
        )
    } else {
        (
            format!("only A-{last} are given"),
            format!("只填写了选项A-{last}"),
        )
    };
    let mut numbers = Vec::new();
    for c in written
        .chars()
        .filter(|c| !c.is_whitespace() && !",，、;；/".contains(*c))
    {
        let letter = c.to_ascii_uppercase();
        match LETTERS.iter().position(|l| *l == letter) {
            Some(i) if i < options => numbers.push(i + 1),
            _ => {
                return Err((
                    format!("the answer \"{written}\" names \"{c}\", but {}", given.0),
                    format!("答案“{written}”中的“{c}”不在选项中：{}", given.1),
                ));
            }
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    match (kind, numbers.as_slice()) {
        (_, []) => Err((
            "the answer is empty: write the letter of the right option, such as B".into(),
            "答案为空：请填写正确选项的字母，例如 B".into(),
        )),
        (QuestionKind::Single, [one]) => Ok(json!(one)),
        (QuestionKind::Single, _) => Err((
            format!(
                "a single-choice question has one answer, not \"{written}\": write one letter, or make it 多选 (multiple choice)"
            ),
            format!("单选题只有一个答案，而不是“{written}”：请只填一个字母，或把题型改为多选"),
        )),
        _ => Ok(json!(numbers)),
    }
}
