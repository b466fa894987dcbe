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
    let problem = |path: String, line, column, message: String| Problem {
        file: file.to_string(),
        path,
        line,
        column,
        message,
    };
    if source.trim().is_empty() {
        return Err(problem(
            String::new(),
            1,
            1,
            "the file is empty; it should hold a JSON object".into(),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(source);
    let from_json = |path: String, error: serde_json::Error| {
        let (line, column) = (error.line().max(1), error.column().max(1));
        problem(path, line, column, plain_message(&error))
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
/// location is reported separately), with a hint for syntax errors.
fn plain_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    };
    if error.is_syntax() {
        format!(
            "this is not valid JSON: {text} (look for a missing comma, quote or bracket just before this point)"
        )
    } else if error.is_eof() {
        format!("the file ends too early: {text} (is a closing bracket or quote missing?)")
    } else {
        text
    }
}
