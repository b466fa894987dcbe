//! Turning a content file's text into a checked value, or into problems
//! that say exactly where the file is wrong.

use super::problem::Problem;
use super::validate::{Checker, Validate};
use serde::de::DeserializeOwned;

/// Parses and validates one content file. `file` names it in messages.
///
/// A leading byte-order mark is tolerated (editors on Windows add one).
pub fn load<T: DeserializeOwned + Validate>(file: &str, source: &str) -> Result<T, Vec<Problem>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let value: T = parse(file, source).map_err(|problem| vec![problem])?;
    let mut checker = Checker::new(file, source);
    value.validate(&mut checker);
    let problems = checker.into_problems();
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Parses JSON into `T`, reporting the path, line and column of the first
/// mistake.
fn parse<T: DeserializeOwned>(file: &str, source: &str) -> Result<T, Problem> {
    if source.trim().is_empty() {
        return Err(Problem::error(
            file,
            "",
            (1, 1),
            "the file is empty; it should hold a JSON object",
            "文件是空的：里面应当是一个 JSON 对象",
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(source);
    let from_json = |path: String, error: serde_json::Error| {
        let at = (error.line().max(1), error.column().max(1));
        let (en, zh) = plain_message(&error);
        Problem::error(file, &path, at, en, zh)
    };
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = match error.path().to_string() {
            root if root == "." => String::new(),
            path => path,
        };
        from_json(path, error.into_inner())
    })?;
    deserializer
        .end()
        .map_err(|error| from_json(String::new(), error))?;
    Ok(value)
}

/// serde_json's message without its trailing "at line L column C" (the
/// location is reported separately), with a hint, and the same in Chinese.
fn plain_message(error: &serde_json::Error) -> (String, String) {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    };
    let quoted = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if error.is_syntax() {
        (
            format!(
                "this is not valid JSON: {text} (look for a missing comma, quote or bracket just before this point)"
            ),
            format!("这不是有效的 JSON：请检查此处之前是否缺少逗号、引号或括号（{text}）"),
        )
    } else if error.is_eof() {
        (
            format!("the file ends too early: {text} (is a closing bracket or quote missing?)"),
            format!("文件提前结束了：是否缺少右括号或引号？（{text}）"),
        )
    } else if let Some(field) = quoted("missing field `") {
        (text.clone(), format!("缺少必填字段 `{field}`"))
    } else if let Some(field) = quoted("unknown field `") {
        (
            text.clone(),
            format!("未知字段 `{field}`：是否拼写错误？（{text}）"),
        )
    } else if text.starts_with("invalid type") || text.starts_with("invalid value") {
        (text.clone(), format!("类型或取值不对（{text}）"))
    } else {
        (text.clone(), format!("内容有误（{text}）"))
    }
}
