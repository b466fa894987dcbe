//! Turning a content file's text into a checked value, or into problems
//! that say exactly where the file is wrong.

use super::problem::{Problem, Step, line_column, locate, path_to_string};
use super::validate::{Checker, Validate};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

/// Parses and validates one content file. `file` names it in messages.
///
/// Reports as much as it can at once: every unknown field (typos such as
/// `titel`), and when those are the only mistakes in the JSON, every check
/// beyond the types too. A leading byte-order mark is tolerated (editors on
/// Windows add one).
pub fn load<T: DeserializeOwned + Validate>(file: &str, source: &str) -> Result<T, Vec<Problem>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (value, mut problems) = parse::<T>(file, source)?;
    let mut checker = Checker::new(file, source);
    value.validate(&mut checker);
    problems.extend(checker.into_problems());
    if problems.is_empty() {
        Ok(value)
    } else {
        problems.sort_by_key(|p| (p.line, p.column));
        Err(problems)
    }
}

/// Parses JSON into `T`. Unknown fields are reported and set aside so that
/// parsing goes on; any other mistake ends it. Returns the value with the
/// unknown-field problems, or every problem found.
fn parse<T: DeserializeOwned>(file: &str, source: &str) -> Result<(T, Vec<Problem>), Vec<Problem>> {
    if source.trim().is_empty() {
        return Err(vec![Problem::error(
            file,
            "",
            (1, 1),
            "the file is empty; it should hold a JSON object",
            "文件是空的：里面应当是一个 JSON 对象",
        )]);
    }
    let mut json: Value = serde_json::from_str(source).map_err(|error| {
        let at = (error.line().max(1), error.column().max(1));
        let (en, zh) = plain_message(&error);
        vec![Problem::error(file, "", at, en, zh)]
    })?;
    let mut problems = Vec::new();
    loop {
        let error = match serde_path_to_error::deserialize::<_, T>(&json) {
            Ok(value) => return Ok((value, problems)),
            Err(error) => error,
        };
        let steps: Vec<Step> = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                Segment::Seq { index } => Some(Step::Index(*index)),
                Segment::Map { key } => Some(Step::Key(key.as_str())),
                _ => None,
            })
            .collect();
        let offset = (0..=steps.len())
            .rev()
            .find_map(|len| locate(source, &steps[..len]))
            .unwrap_or(0);
        let (en, zh) = plain_message(error.inner());
        problems.push(Problem::error(
            file,
            &path_to_string(&steps),
            line_column(source, offset),
            en,
            zh,
        ));
        let unknown_field = error.inner().to_string().starts_with("unknown field");
        if !(unknown_field && remove(&mut json, &steps)) || problems.len() > 100 {
            return Err(problems);
        }
    }
}

/// Removes the value at `steps` (an object's key) from `json`.
fn remove(json: &mut Value, steps: &[Step]) -> bool {
    let Some((Step::Key(key), parent)) = steps.split_last() else {
        return false;
    };
    let mut target = json;
    for step in parent {
        target = match (step, target) {
            (Step::Key(k), Value::Object(map)) => match map.get_mut(*k) {
                Some(next) => next,
                None => return false,
            },
            (Step::Index(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    target
        .as_object_mut()
        .and_then(|map| map.remove(*key))
        .is_some()
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
