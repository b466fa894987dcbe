//! Turning a content file's text into a checked value, or into problems
//! that say exactly where the file is wrong.

use super::json_text::{SourceMap, member_span, path_at};
use super::problem::{Problem, SHOWN_PER_KIND, Step, cap_repeats, path_to_string};
use super::validate::{Checker, Validate};
use serde::de::{DeserializeOwned, IgnoredAny};

/// Parses and validates one content file. `file` names it in messages.
///
/// Reports as much as it can at once: every unknown field (typos such as
/// `titel`), and when those are the only mistakes in the JSON, every check
/// beyond the types too. A leading byte-order mark is tolerated (editors on
/// Windows add one).
///
/// Only the calls into serde and `validate` depend on `T`; the rest lives in
/// [`Reading`], compiled once rather than once per content type.
pub fn load<T: DeserializeOwned + Validate>(file: &str, source: &str) -> Result<T, Vec<Problem>> {
    let mut reading = Reading::start(file, source)?;
    let value = loop {
        match serde_json::from_str::<T>(&reading.text) {
            Ok(value) => break value,
            Err(error) => reading.set_aside(&error)?,
        }
    };
    let mut checker = Checker::new(file, &reading.map);
    value.validate(&mut checker);
    let found = checker.into_problems();
    reading.finish(found).map(|()| value)
}

/// One content file being read. Unknown fields are reported and cut out of
/// `text` so that parsing goes on (all the unknown fields of one kind of
/// object at once, so the file is parsed again once per kind, not once per
/// field); any other mistake ends it.
///
/// serde_json says where in the text it stopped; the path there is read off
/// the text itself, so no path-tracking deserializer is needed.
struct Reading<'a> {
    file: &'a str,
    /// The file as written (without a byte-order mark), where problems
    /// point, with the place of each of its values found when first needed.
    map: SourceMap<'a>,
    /// How many times the text has been parsed again.
    rounds: usize,
    /// The file with the unknown fields found so far cut out.
    text: String,
    /// Those cuts, in order: where each began in the text of its time, and
    /// how many bytes it took.
    cuts: Vec<(usize, usize)>,
    problems: Vec<Problem>,
}

impl<'a> Reading<'a> {
    /// Starts reading, or reports an empty file or one that is not JSON.
    fn start(file: &'a str, source: &'a str) -> Result<Self, Vec<Problem>> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        if source.trim().is_empty() {
            return Err(vec![Problem::error(
                file,
                "",
                (1, 1),
                "the file is empty; it should hold a JSON object",
                "文件是空的：里面应当是一个 JSON 对象",
            )]);
        }
        serde_json::from_str::<IgnoredAny>(source).map_err(|error| {
            let (en, zh) = plain_message(&error);
            let at = SourceMap::new(source).line_column(last_read(source, &error));
            vec![Problem::error(file, "", at, en, zh)]
        })?;
        Ok(Reading {
            file,
            map: SourceMap::new(source),
            rounds: 0,
            text: source.to_string(),
            cuts: Vec::new(),
            problems: Vec::new(),
        })
    }

    /// Reports `error`; goes on (with the field cut out of `text`) if it is
    /// an unknown field, otherwise ends with every problem found.
    fn set_aside(&mut self, error: &serde_json::Error) -> Result<(), Vec<Problem>> {
        self.rounds += 1;
        let stop = last_read(&self.text, error);
        let (en, zh) = plain_message(error);
        let text = self.text.clone();
        let steps: Vec<Step<'_>> = path_at(&text, stop);
        if let Some((field, known)) = unknown_field(&en)
            && self.rounds <= MAX_ROUNDS
        {
            let parent = &steps[..steps.len().saturating_sub(1)];
            let (found, cuts) = self.unknown_members(parent, &known, &en, &field);
            if !cuts.is_empty() {
                self.problems.extend(found);
                self.cut(cuts);
                return Ok(());
            }
        }
        // A repeated key is shown where it is repeated; anything else at
        // the start of the value its path names.
        let at = if en.starts_with("duplicate field") {
            self.map.line_column(self.in_source(stop))
        } else {
            self.map.place(&steps)
        };
        self.problems.push(Problem::error(
            self.file,
            &path_to_string(&steps),
            at,
            en,
            zh,
        ));
        Err(std::mem::take(&mut self.problems))
    }

    /// Every member not in `known` of every object shaped like the one at
    /// `parent` (same keys, any indices): a problem for each, and their
    /// spans in `text`. `en` is serde's message about `field`, one of them.
    fn unknown_members(
        &self,
        parent: &[Step<'_>],
        known: &[String],
        en: &str,
        field: &str,
    ) -> (Vec<Problem>, Vec<std::ops::Range<usize>>) {
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let text_map = SourceMap::new(&self.text);
        let mut found = Vec::new();
        let mut cuts = Vec::new();
        for (path, key_at) in text_map.members_not_in(parent, &known) {
            let Some(span) = member_span(&self.text, key_at) else {
                continue;
            };
            let Some(Step::Key(name)) = path.last() else {
                continue;
            };
            let (en, zh) = unknown_field_message(en, field, name);
            found.push(Problem::error(
                self.file,
                &path_to_string(&path),
                self.map.line_column(self.in_source(key_at)),
                en,
                zh,
            ));
            cuts.push(span);
        }
        (found, cuts)
    }

    /// Cuts `spans` (of `text`, not overlapping) out of `text`, last first,
    /// remembering each so places map back to `source`.
    fn cut(&mut self, mut spans: Vec<std::ops::Range<usize>>) {
        spans.sort_by_key(|span| std::cmp::Reverse(span.start));
        for span in spans {
            self.cuts.push((span.start, span.len()));
            self.text.replace_range(span, "");
        }
    }

    /// Where byte `at` of `text` was in `source`, before the cuts.
    fn in_source(&self, mut at: usize) -> usize {
        for &(start, len) in self.cuts.iter().rev() {
            if at >= start {
                at += len;
            }
        }
        at
    }

    /// The unknown fields and the checks' problems, in file order; none
    /// means the file is good.
    fn finish(mut self, found: Vec<Problem>) -> Result<(), Vec<Problem>> {
        self.problems.extend(found);
        if self.problems.is_empty() {
            Ok(())
        } else {
            self.problems.sort_by_key(|p| (p.line, p.column));
            Err(cap_repeats(self.problems, SHOWN_PER_KIND))
        }
    }
}

/// How many times a file is parsed again, at most, after setting unknown
/// fields aside: once per kind of object that has some.
const MAX_ROUNDS: usize = 100;

/// The field and the known fields of serde's "unknown field `x`, expected
/// one of `a`, `b`" (or "expected `a` or `b`", or "there are no fields").
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let known = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((field.to_string(), known))
}

/// serde's message about the unknown `field`, said of `name` instead.
fn unknown_field_message(en: &str, field: &str, name: &str) -> (String, String) {
    let en = en.replacen(&format!("`{field}`"), &format!("`{name}`"), 1);
    let zh = format!("未知字段 `{name}`：是否拼写错误？（{en}）");
    (en, zh)
}

/// The byte offset of the last byte serde_json read (or peeked at) before
/// `error`, on a character boundary.
fn last_read(text: &str, error: &serde_json::Error) -> usize {
    let line_start = match error.line() {
        0 | 1 => 0,
        line => text
            .match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1),
    };
    let mut at = (line_start + error.column())
        .saturating_sub(1)
        .min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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
