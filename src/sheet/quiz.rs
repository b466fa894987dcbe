//! The quiz's two sheets: 题库 (a row a question) and 测验设置 (the quiz's
//! title, introduction, settings and result messages, a row each).

use super::{Grid, Label, SheetProblem, column_letter, read_grids};
use crate::content::{self, Answer, Problem, Question, QuestionKind, Quiz, files};
use serde_json::{Map, Value, json};

/// The question bank's sheet.
const QUESTIONS: (&str, &str) = ("题库", "Questions");
/// The quiz settings' sheet.
const SETTINGS: (&str, &str) = ("测验设置", "Quiz settings");
/// The option letters: at most six options.
const LETTERS: [char; 6] = ['A', 'B', 'C', 'D', 'E', 'F'];

/// A column of the question sheet: its header and where its cell goes in a
/// question of `quiz.json` (a JSON path such as `options[1].zh`).
struct Column {
    label: Label,
    path: String,
}

fn columns() -> Vec<Column> {
    let column = |zh: &str, en: &str, path: &str| Column {
        label: Label::new(zh, en),
        path: path.into(),
    };
    let mut all = vec![
        column("编号", "ID", "id"),
        column("题型", "Type", "type"),
        column("题目", "Question", "prompt.zh"),
        column("题目（英文）", "Question (English)", "prompt.en"),
    ];
    for (i, letter) in LETTERS.iter().enumerate() {
        all.extend([
            column(
                &format!("选项{letter}"),
                &format!("Option {letter}"),
                &format!("options[{i}].zh"),
            ),
            column(
                &format!("选项{letter}（英文）"),
                &format!("Option {letter} (English)"),
                &format!("options[{i}].en"),
            ),
            column(
                &format!("选项{letter}反馈"),
                &format!("Feedback {letter}"),
                &format!("options[{i}].feedback.zh"),
            ),
            column(
                &format!("选项{letter}反馈（英文）"),
                &format!("Feedback {letter} (English)"),
                &format!("options[{i}].feedback.en"),
            ),
        ]);
    }
    all.extend([
        column("答案", "Answer", "answer"),
        column("解析", "Explanation", "explanation.zh"),
        column("解析（英文）", "Explanation (English)", "explanation.en"),
        column("图片", "Image", "image.src"),
        column("图片描述", "Image description", "image.alt.zh"),
        column(
            "图片描述（英文）",
            "Image description (English)",
            "image.alt.en",
        ),
        column("图片宽度", "Image width", "image.width"),
        column("图片高度", "Image height", "image.height"),
    ]);
    all
}

/// The rows of the settings sheet: a label, and the setting it names.
fn settings_rows() -> Vec<(Label, &'static str)> {
    vec![
        (Label::new("标题", "Title"), "title"),
        (Label::new("简介", "Introduction"), "intro"),
        (
            Label::new("题目乱序", "Shuffle questions"),
            "shuffle_questions",
        ),
        (Label::new("选项乱序", "Shuffle options"), "shuffle_options"),
        (Label::new("抽题数", "Questions drawn"), "draw"),
        (
            Label::new("限时（秒）", "Time limit (seconds)"),
            "time_limit_seconds",
        ),
        (Label::new("及格分（%）", "Pass mark (%)"), "pass_percent"),
        (
            Label::new("多选题部分得分", "Partial credit"),
            "partial_credit",
        ),
        (Label::new("评语", "Result message"), "band"),
    ]
}

fn settings_header() -> [Label; 4] {
    [
        Label::new("项目", "Field"),
        Label::new("数值", "Value"),
        Label::new("中文", "Chinese"),
        Label::new("英文", "English"),
    ]
}

fn sheet_name((zh, en): (&str, &str)) -> String {
    format!("{zh} {en}")
}

/// The workbook (XLSX) of `quiz`: its question bank and its settings.
pub fn export_quiz(quiz: &Quiz) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new()
        .set_bold()
        .set_background_color("#FCE4D6");
    let sheet = book.add_worksheet().set_name(sheet_name(QUESTIONS))?;
    let columns = columns();
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.label.written(), &bold)?;
        sheet.set_column_width(c as u16, 18)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, question) in quiz.questions.iter().enumerate() {
        let cells = question_cells(question);
        for (c, column) in columns.iter().enumerate() {
            if let Some(text) = cells.get(&column.path).filter(|t| !t.is_empty()) {
                sheet.write_string(r as u32 + 1, c as u16, text)?;
            }
        }
    }

    let sheet = book.add_worksheet().set_name(sheet_name(SETTINGS))?;
    for (c, label) in settings_header().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, label.written(), &bold)?;
        sheet.set_column_width(c as u16, if c < 2 { 24 } else { 48 })?;
    }
    for (r, cells) in settings_cells(quiz).iter().enumerate() {
        for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32 + 1, c as u16, text)?;
        }
    }
    book.save_to_buffer()
}

/// A question's cells, by column path.
fn question_cells(question: &Question) -> std::collections::HashMap<String, String> {
    let mut cells = std::collections::HashMap::new();
    let mut put = |path: String, text: &str| {
        cells.insert(path, text.to_string());
    };
    put("id".into(), &question.id);
    put("type".into(), kind_word(question.kind()));
    put("prompt.zh".into(), &question.prompt.zh);
    put("prompt.en".into(), &question.prompt.en);
    for (i, option) in question.options.iter().enumerate() {
        put(format!("options[{i}].zh"), &option.zh);
        put(format!("options[{i}].en"), &option.en);
        if let Some(feedback) = &option.feedback {
            put(format!("options[{i}].feedback.zh"), &feedback.zh);
            put(format!("options[{i}].feedback.en"), &feedback.en);
        }
    }
    put("answer".into(), &answer_letters(&question.answer));
    put("explanation.zh".into(), &question.explanation.zh);
    put("explanation.en".into(), &question.explanation.en);
    if let Some(image) = &question.image {
        put("image.src".into(), &image.src);
        put("image.alt.zh".into(), &image.alt.zh);
        put("image.alt.en".into(), &image.alt.en);
        put("image.width".into(), &image.width.to_string());
        put("image.height".into(), &image.height.to_string());
    }
    cells
}

/// The settings sheet's rows below its header.
fn settings_cells(quiz: &Quiz) -> Vec<[String; 4]> {
    let labels = settings_rows();
    let label = |key: &str| {
        labels
            .iter()
            .find(|(_, k)| *k == key)
            .map_or(String::new(), |(label, _)| label.written())
    };
    let text = |key: &str, text: &Option<content::Text>| {
        let (zh, en) = text
            .as_ref()
            .map_or(Default::default(), |t| (t.zh.clone(), t.en.clone()));
        [label(key), String::new(), zh, en]
    };
    let value = |key: &str, value: String| [label(key), value, String::new(), String::new()];
    let yes_no = |on: bool| if on { "是" } else { "否" }.to_string();
    let number = |n: Option<u32>| n.map_or(String::new(), |n| n.to_string());
    let settings = &quiz.settings;
    let mut rows = vec![
        text("title", &quiz.title),
        text("intro", &quiz.intro),
        value("shuffle_questions", yes_no(settings.shuffle_questions)),
        value("shuffle_options", yes_no(settings.shuffle_options)),
        value("draw", number(settings.draw.map(|n| n as u32))),
        value("time_limit_seconds", number(settings.time_limit_seconds)),
        value("pass_percent", settings.pass_percent.to_string()),
        value("partial_credit", yes_no(settings.partial_credit)),
    ];
    for band in &settings.bands {
        rows.push([
            label("band"),
            band.min_percent.to_string(),
            band.message.zh.clone(),
            band.message.en.clone(),
        ]);
    }
    rows
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
    let columns = columns();
    let questions_grid = grids
        .iter()
        .find(|grid| find_columns(grid, &columns).iter().any(|(_, c)| c.path == "prompt.zh"))
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
    let settings_grid = grids.iter().find(|grid| {
        settings_header()[0].matches(grid.cell(0, 0)) && !std::ptr::eq(*grid, questions_grid)
    });
    let mut problems = Vec::new();
    let mut places = Places::default();
    let questions = read_questions(questions_grid, &columns, &mut problems, &mut places);
    let mut quiz = match settings_grid {
        Some(grid) => read_settings(grid, &mut problems, &mut places),
        None => base.map_or_else(|| json!({"settings": {}}), base_json),
    };
    quiz["questions"] = Value::Array(questions);
    // The folder's own reference to its schema stays.
    if let Some(schema) = base.and_then(|base| base.schema.as_ref()) {
        quiz["$schema"] = json!(schema);
    }
    let text = serde_json::to_string_pretty(&quiz).expect("JSON values serialise");
    match content::load::<Quiz>(files::QUIZ, &text) {
        Ok(quiz) if problems.is_empty() => Ok(quiz),
        Ok(_) => Err(problems),
        Err(found) => {
            // A row whose type or answer was already reported lacks them
            // in the file too: that is not said twice.
            let rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
            let is_whole_question = |p: &Problem| {
                p.path.starts_with("questions[") && p.path.ends_with(']') && !p.path.contains('.')
            };
            for problem in &found {
                let located = places.locate(problem);
                if !(is_whole_question(problem) && rows.contains(&located.row)) {
                    problems.push(located);
                }
            }
            problems.sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
            Err(problems)
        }
    }
}

/// The `quiz.json` text of an imported quiz: the schema reference, then
/// title, introduction, settings and questions, without empty fields.
pub fn quiz_json(quiz: &Quiz) -> String {
    let mut value = base_json(quiz);
    value["questions"] = serde_json::to_value(&quiz.questions).expect("questions serialise");
    drop_nulls(&mut value);
    serde_json::to_string_pretty(&value).expect("JSON values serialise") + "\n"
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

/// Leaves out what the file need not say: empty fields, and a true-or-false
/// question's empty list of options.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, v| !(v.is_null() || key == "options" && v == &json!([])));
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Which cell each part of the built `quiz.json` came from, to show the
/// check's problems in the sheet.
#[derive(Default)]
struct Places {
    /// A JSON path prefix and its sheet, row and column.
    cells: Vec<(String, SheetProblem)>,
}

impl Places {
    fn add(&mut self, path: String, sheet: &str, row: usize, column: Option<(String, String)>) {
        self.cells.push((
            path,
            SheetProblem {
                sheet: sheet.into(),
                row,
                column,
                message: String::new(),
                message_zh: String::new(),
            },
        ));
    }

    /// `problem` (found in the built `quiz.json`) at the cell its path
    /// came from, the most precise one that holds it.
    fn locate(&self, problem: &Problem) -> SheetProblem {
        let holds = |prefix: &str| {
            problem.path == prefix
                || problem.path.starts_with(&format!("{prefix}."))
                || problem.path.starts_with(&format!("{prefix}["))
        };
        let place = self
            .cells
            .iter()
            .filter(|(prefix, _)| holds(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, place)| place.clone());
        let mut place = place.unwrap_or_else(|| SheetProblem {
            sheet: sheet_name(QUESTIONS),
            row: 0,
            column: None,
            message: String::new(),
            message_zh: String::new(),
        });
        place.message = problem.message.clone();
        place.message_zh = problem.message_zh.clone();
        place
    }
}

fn whole_sheet(sheet: &str, message: String, message_zh: String) -> SheetProblem {
    SheetProblem {
        sheet: sheet.into(),
        row: 0,
        column: None,
        message,
        message_zh,
    }
}

/// The grid's columns that the header row names: (column index, column).
fn find_columns<'c>(grid: &Grid, columns: &'c [Column]) -> Vec<(usize, &'c Column)> {
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

/// The questions of the question sheet, as `quiz.json` writes them.
fn read_questions(
    grid: &Grid,
    columns: &[Column],
    problems: &mut Vec<SheetProblem>,
    places: &mut Places,
) -> Vec<Value> {
    let found = find_columns(grid, columns);
    let header = |path: &str| found.iter().find(|(_, c)| c.path == path);
    let cell_place =
        |path: &str| header(path).map(|(c, column)| (column_letter(*c), column.label.written()));
    let mut questions = Vec::new();
    for row in 1..grid.rows.len() {
        if grid.rows[row].iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let at = format!("questions[{}]", questions.len());
        let excel_row = row + 1;
        places.add(at.clone(), &grid.name, excel_row, None);
        let mut question = Value::Object(Map::new());
        for (c, column) in &found {
            let text = grid.cell(row, *c);
            places.add(
                format!("{at}.{}", column.path),
                &grid.name,
                excel_row,
                cell_place(&column.path),
            );
            if matches!(column.path.as_str(), "type" | "answer") {
                continue;
            }
            if text.is_empty() {
                // A text with one language filled, or one every question
                // has, is written empty for the check to say so.
                if let Some(other) = other_language(&column.path)
                    && (column.path.starts_with("prompt.")
                        || column.path.starts_with("explanation.")
                        || header(&other).is_some_and(|(c, _)| !grid.cell(row, *c).is_empty()))
                {
                    set_path(&mut question, &column.path, json!(""));
                }
                continue;
            }
            let value = if matches!(column.path.as_str(), "image.width" | "image.height") {
                number_or_text(text)
            } else {
                json!(text)
            };
            set_path(&mut question, &column.path, value);
        }
        let problem = |path: &str, message: String, message_zh: String| SheetProblem {
            sheet: grid.name.clone(),
            row: excel_row,
            column: cell_place(path),
            message,
            message_zh,
        };
        let kind = read_kind(header("type").map_or("", |(c, _)| grid.cell(row, *c)));
        let option_count = question["options"].as_array().map_or(0, Vec::len);
        match kind {
            Ok(kind) => {
                question["type"] = serde_json::to_value(kind).expect("kinds serialise");
                let written = header("answer").map_or("", |(c, _)| grid.cell(row, *c));
                match read_answer(kind, written, option_count) {
                    Ok(answer) => question["answer"] = answer,
                    Err((en, zh)) => problems.push(problem("answer", en, zh)),
                }
            }
            Err((en, zh)) => problems.push(problem("type", en, zh)),
        }
        questions.push(question);
    }
    questions
}

/// The path of the same text in the other language: `prompt.en` for
/// `prompt.zh`; `None` for what is not a text.
fn other_language(path: &str) -> Option<String> {
    path.strip_suffix(".zh")
        .map(|stem| format!("{stem}.en"))
        .or_else(|| path.strip_suffix(".en").map(|stem| format!("{stem}.zh")))
}

/// Puts `value` at `path` (`options[1].feedback.zh`) in `target`, making
/// the objects and list items on the way.
fn set_path(target: &mut Value, path: &str, value: Value) {
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

/// The settings sheet as the top of `quiz.json`.
fn read_settings(grid: &Grid, problems: &mut Vec<SheetProblem>, places: &mut Places) -> Value {
    let rows = settings_rows();
    let mut quiz = json!({"$schema": "schema/quiz.schema.json"});
    let mut settings = Map::new();
    let mut bands = Vec::new();
    for row in 1..grid.rows.len() {
        let label = grid.cell(row, 0);
        if label.is_empty() {
            continue;
        }
        let excel_row = row + 1;
        let place = |c: usize| Some((column_letter(c), settings_header()[c].written()));
        let Some((_, key)) = rows.iter().find(|(l, _)| l.matches(label)) else {
            problems.push(SheetProblem {
                sheet: grid.name.clone(),
                row: excel_row,
                column: place(0),
                message: format!(
                    "\"{label}\" is not a setting: the settings are {}",
                    rows.iter()
                        .map(|(l, _)| l.en.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                message_zh: format!(
                    "“{label}”不是设置项：设置项有 {}",
                    rows.iter()
                        .map(|(l, _)| l.zh.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            });
            continue;
        };
        let (value, zh, en) = (grid.cell(row, 1), grid.cell(row, 2), grid.cell(row, 3));
        match *key {
            // Optional: a row left empty in both languages means none.
            "title" | "intro" if zh.is_empty() && en.is_empty() => {}
            "title" | "intro" => {
                quiz[key] = json!({"zh": zh, "en": en});
                places.add(key.to_string(), &grid.name, excel_row, place(2));
                places.add(format!("{key}.en"), &grid.name, excel_row, place(3));
            }
            "band" => {
                let at = format!("settings.bands[{}]", bands.len());
                places.add(at.clone(), &grid.name, excel_row, place(1));
                places.add(format!("{at}.message"), &grid.name, excel_row, place(2));
                bands.push(
                    json!({"min_percent": number_or_text(value), "message": {"zh": zh, "en": en}}),
                );
            }
            _ if value.is_empty() => {}
            "shuffle_questions" | "shuffle_options" | "partial_credit" => {
                let on = match super::normalise(value).as_str() {
                    "是" | "yes" | "y" | "true" | "1" | "对" => json!(true),
                    "否" | "no" | "n" | "false" | "0" | "错" => json!(false),
                    _ => json!(value),
                };
                settings.insert(key.to_string(), on);
                places.add(format!("settings.{key}"), &grid.name, excel_row, place(1));
            }
            _ => {
                settings.insert(key.to_string(), number_or_text(value));
                places.add(format!("settings.{key}"), &grid.name, excel_row, place(1));
            }
        }
    }
    if !bands.is_empty() {
        settings.insert("bands".into(), Value::Array(bands));
    }
    quiz["settings"] = Value::Object(settings);
    quiz
}

/// A whole number as a number; anything else as text, for the check to
/// say what it expected.
fn number_or_text(text: &str) -> Value {
    text.parse::<u64>()
        .map_or_else(|_| json!(text), |n| json!(n))
}
