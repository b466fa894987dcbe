//! Turning a content file's text into a checked value, or into problems
//! that say exactly where the file is wrong.

use super::json_text::{SourceMap, member_span, path_at};
use super::problem::{
    Problem, SHOWN_PER_KIND, SetAside, Severity, Step, cap_repeats, path_to_string,
};
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
    load_with_warnings(file, source).map(|(value, _)| value)
}

/// Like [`load`], but also gives the warnings of a usable file (things the
/// site copes with but the organisers probably did not mean); a file with
/// any error gives every problem, warnings included.
pub fn load_with_warnings<T: DeserializeOwned + Validate>(
    file: &str,
    source: &str,
) -> Result<(T, Vec<Problem>), Vec<Problem>> {
    let mut reading = Reading::start(file, source)?;
    let value = loop {
        match serde_json::from_str::<T>(&reading.text) {
            Ok(value) => break value,
            Err(error) => reading.set_aside(&error)?,
        }
    };
    let mut checker = Checker::new(file, &reading.map).reading_around(&reading.set_aside);
    value.validate(&mut checker);
    let mut found = checker.into_problems();
    // A list that lost items is not judged as a whole (e.g. as empty).
    found.retain(|problem| !reading.set_aside.has_list(&problem.path));
    let warnings = reading.finish(found)?;
    let mut value = value;
    value.complete();
    Ok((value, warnings))
}

/// One content file being read. Unknown fields are reported and cut out of
/// `text` so that parsing goes on (all the unknown fields of one kind of
/// object at once, so the file is parsed again once per kind, not once per
/// field). Any other mistake inside an item of a list (a wrong type, a
/// missing field) is reported and that item of the outermost list is cut
/// out, so the other items are still read and checked (a missing field is
/// looked for in every item of the same kind at once). A mistake outside
/// any list ends the reading.
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
    /// The list items cut out, as the file counts them.
    set_aside: SetAside,
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
            let stop = last_read(source, &error);
            let before = source[..stop].trim_end();
            let closing = matches!(source.as_bytes().get(stop), Some(b']' | b'}'));
            let (at, (en, zh)) = if error.is_syntax() && closing && before.ends_with(',') {
                (before.len() - 1, syntax_message("trailing comma"))
            } else {
                (stop, plain_message(&error))
            };
            let at = SourceMap::new(source).line_column(at);
            vec![Problem::error(file, "", at, en, zh)]
        })?;
        Ok(Reading {
            file,
            map: SourceMap::new(source),
            rounds: 0,
            text: source.to_string(),
            cuts: Vec::new(),
            set_aside: SetAside::default(),
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
        let in_file = self.set_aside.in_file(&steps);
        let at = if error.to_string().starts_with("duplicate field") {
            self.map.line_column(self.in_source(stop))
        } else {
            self.map.place(&in_file)
        };
        self.problems.push(Problem::error(
            self.file,
            &path_to_string(&in_file),
            at,
            en.clone(),
            zh.clone(),
        ));
        let Some(list_at) = steps.iter().position(|s| matches!(s, Step::Index(_))) else {
            return Err(std::mem::take(&mut self.problems));
        };
        if self.rounds > MAX_ROUNDS {
            return Err(std::mem::take(&mut self.problems));
        }
        // The same mistake in the other items of the same kind, found now
        // rather than one parse each.
        let text_map = SourceMap::new(&text);
        let mut broken = vec![(steps.clone(), (en, zh))];
        let message = error.to_string();
        if let Some(field) = missing_field(&message) {
            let (en, zh) = plain_message(error);
            for path in text_map.objects_without(&steps, &field) {
                broken.push((path, (en.clone(), zh.clone())));
            }
        } else if let Some(expected) = wrong_type_expected(&message)
            && let Some(at) = text_map.locate(&steps)
        {
            let kind = json_kind(&text, at);
            for (path, at) in text_map.values_matching(&steps) {
                if json_kind(&text, at) == kind {
                    let found = unexpected(&text, at);
                    broken.push((
                        path,
                        data_message(&format!("invalid type: {found}, expected {expected}")),
                    ));
                }
            }
        }
        for (path, (en, zh)) in &broken[1..] {
            if *path != steps {
                let in_file = self.set_aside.in_file(path);
                self.problems.push(Problem::error(
                    self.file,
                    &path_to_string(&in_file),
                    self.map.place(&in_file),
                    en.clone(),
                    zh.clone(),
                ));
            }
        }
        let broken: Vec<Vec<Step<'_>>> = broken.into_iter().map(|(path, _)| path).collect();
        self.drop_items(&text, &steps[..list_at], &broken);
        Ok(())
    }

    /// Cuts out of `text` (a copy of which is `text`) the items of the list
    /// at `list` that hold each of the `broken` paths, recording them as set
    /// aside.
    fn drop_items(&mut self, text: &str, list: &[Step<'_>], broken: &[Vec<Step<'_>>]) {
        let mut indices: Vec<usize> = broken
            .iter()
            .filter_map(|path| match path.get(list.len()) {
                Some(Step::Index(index)) => Some(*index),
                _ => None,
            })
            .collect();
        indices.sort_unstable();
        indices.dedup();
        let in_file: Vec<usize> = indices
            .iter()
            .filter_map(|&index| {
                let mut item = list.to_vec();
                item.push(Step::Index(index));
                match self.set_aside.in_file(&item).last() {
                    Some(Step::Index(index)) => Some(*index),
                    _ => None,
                }
            })
            .collect();
        for index in in_file {
            self.set_aside.add(list, index);
        }
        let spans = SourceMap::new(text).item_spans(list, &indices);
        self.cut(spans);
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
                &path_to_string(&self.set_aside.in_file(&path)),
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

    /// The unknown fields and the checks' problems, in file order: `Ok`
    /// with the warnings when none is an error.
    fn finish(mut self, found: Vec<Problem>) -> Result<Vec<Problem>, Vec<Problem>> {
        self.problems.extend(found);
        self.problems.sort_by_key(|p| (p.line, p.column));
        let problems = cap_repeats(self.problems, SHOWN_PER_KIND);
        if problems.iter().any(|p| p.severity == Severity::Error) {
            Err(problems)
        } else {
            Ok(problems)
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

/// The field of serde's "missing field `x`".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.split_once('`')?.0.to_string())
}

/// What serde expected, in its "invalid type: …, expected X" (a value of
/// the wrong kind of JSON, so every value of that kind there is wrong too).
fn wrong_type_expected(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (_, expected) = rest.split_once(", expected ")?;
    Some(
        expected
            .rfind(" at line ")
            .map_or(expected, |cut| &expected[..cut]),
    )
}

/// The kind of the JSON value at byte `at`: as far as a type is concerned,
/// values of one kind are all accepted or all refused.
fn json_kind(text: &str, at: usize) -> &'static str {
    let end = super::json_text::value_end(text, at).unwrap_or(at);
    let raw = &text[at..end];
    match raw.as_bytes().first() {
        Some(b'"') => "text",
        Some(b'{') => "object",
        Some(b'[') => "list",
        Some(b't' | b'f') => "boolean",
        Some(b'n') => "null",
        _ if raw.contains(['.', 'e', 'E']) => "fraction",
        _ if raw.starts_with('-') => "negative",
        _ => "whole",
    }
}

/// The value at byte `at` as serde names what it did not expect:
/// `string "wide"`, `integer `5``, `map`.
fn unexpected(text: &str, at: usize) -> String {
    let end = super::json_text::value_end(text, at).unwrap_or(at);
    let raw = &text[at..end];
    match json_kind(text, at) {
        "text" => format!(
            "string {:?}",
            serde_json::from_str::<String>(raw).unwrap_or_default()
        ),
        "object" => "map".into(),
        "list" => "sequence".into(),
        "boolean" => format!("boolean `{raw}`"),
        "null" => "null".into(),
        "fraction" => format!("floating point `{raw}`"),
        _ => format!("integer `{raw}`"),
    }
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
/// location is reported separately), said in an organiser's words (no Rust
/// type names), and the same in Chinese.
fn plain_message(error: &serde_json::Error) -> (String, String) {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    };
    if error.is_syntax() {
        syntax_message(&text)
    } else if error.is_eof() {
        (
            "the file ends too early: is a closing bracket ] or }, or a closing quote, missing?"
                .into(),
            "文件提前结束了：是否缺少右括号 ] 或 }，或者缺少右引号？".into(),
        )
    } else {
        data_message(&text)
    }
}

/// serde's message about a value that does not fit (without its place), in
/// an organiser's words and in Chinese.
fn data_message(text: &str) -> (String, String) {
    let text = text.to_string();
    let quoted = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(field) = quoted("missing field `") {
        (
            format!("the field \"{field}\" is missing here; every item of this kind needs one"),
            format!("这里缺少必填字段 \"{field}\""),
        )
    } else if let Some(field) = quoted("unknown field `") {
        (text.clone(), format!("未知字段 `{field}`：是否拼写错误？"))
    } else if let Some(field) = quoted("duplicate field `") {
        (
            format!("\"{field}\" is written twice in the same item; keep one"),
            format!("同一项里 \"{field}\" 写了两次：请只保留一个"),
        )
    } else if let Some(rest) = text
        .strip_prefix("invalid type: ")
        .or_else(|| text.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let (found_en, found_zh) = found_words(found);
        let (expected_en, expected_zh) = expected_words(expected);
        (
            format!("this should be {expected_en}, but it is {found_en}"),
            format!("这里应当是{expected_zh}，却写成了{found_zh}"),
        )
    } else {
        (text.clone(), format!("内容有误：{text}"))
    }
}

/// A JSON syntax mistake, in words.
fn syntax_message(text: &str) -> (String, String) {
    let (en, zh) = match text {
        "trailing comma" => (
            "there is one comma too many just before this point: remove the comma after the last item of the list or object",
            "此处之前多了一个逗号：请删掉列表或对象最后一项后面的逗号",
        ),
        "expected `,` or `}`" | "expected `,` or `]`" => (
            "a comma is missing between two items just before this point (or a closing bracket)",
            "此处之前的两项之间缺少逗号（或缺少右括号）",
        ),
        "expected `:`" => (
            "a colon is missing after the field name just before this point, as in \"title\": …",
            "此处之前的字段名后缺少冒号，应写成 \"title\": …",
        ),
        "key must be a string" => (
            "a field name must be in double quotes, as in \"title\" (or there is one comma too many)",
            "字段名必须用英文双引号括起来，如 \"title\"（或者多了一个逗号）",
        ),
        "expected value" | "expected ident" => (
            "a value is missing or misspelt here: texts need double quotes \"…\" (straight quotes, not “…”), and true, false and null are written in lower case",
            "此处缺少值或写错了：文字要用英文双引号 \"…\"（不是中文引号 “…”），true、false、null 要小写",
        ),
        "trailing characters" => (
            "there is more after the end of the file's object: remove it, or a bracket closes too early",
            "文件的对象结束后还有多余内容：请删掉，或检查是否有括号提前闭合",
        ),
        _ if text.starts_with("control character") => (
            "a line break or tab inside a text: write it as \\n, or join the lines",
            "文字中间有换行或制表符：请写成 \\n，或把两行合成一行",
        ),
        _ if text.starts_with("invalid escape") => (
            "a backslash \\ inside a text must be written \\\\",
            "文字里的反斜杠 \\ 要写成 \\\\",
        ),
        _ if text.starts_with("invalid number") || text.starts_with("number out of range") => (
            "this number is not written as JSON numbers are (digits, no leading zeros or spaces)",
            "这个数字的写法不对（只用数字，不要前导零或空格）",
        ),
        _ => (
            "this is not valid JSON: look for a missing comma, quote or bracket just before this point",
            "这不是有效的 JSON：请检查此处之前是否缺少逗号、引号或括号",
        ),
    };
    (format!("{en} ({text})"), zh.to_string())
}

/// What serde found, as an organiser would say it.
fn found_words(found: &str) -> (String, String) {
    let value = match found.strip_prefix("floating point ") {
        Some(value) => value,
        None => found.split_once(' ').map_or("", |(_, value)| value),
    };
    let value = value.trim_matches('`');
    if found.starts_with("string") {
        (format!("the text {value}"), format!("文字 {value}"))
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        (format!("the number {value}"), format!("数字 {value}"))
    } else if found.starts_with("boolean") {
        (value.to_string(), format!(" {value}"))
    } else if found == "map" {
        ("an object { … }".into(), "对象 { … }".into())
    } else if found == "sequence" {
        ("a list [ … ]".into(), "列表 [ … ]".into())
    } else if found.starts_with("null") {
        ("null".into(), " null".into())
    } else {
        (found.to_string(), found.to_string())
    }
}

/// What serde expected, as an organiser would say it.
fn expected_words(expected: &str) -> (String, String) {
    let (en, zh) = match expected {
        e if e == super::model::TEXT_EXPECTED => {
            (e, "一段文字：{\"zh\": \"…\", \"en\": \"…\"}，或一个字符串")
        }
        "a string" => (
            "a text in double quotes \"…\"",
            "用英文双引号括起来的文字 \"…\"",
        ),
        "u8" | "u16" | "u32" | "u64" | "usize" => {
            ("a whole number such as 1200", "一个整数，例如 1200")
        }
        "a boolean" => ("true or false", " true 或 false"),
        "a sequence" => ("a list [ … ]", "一个列表 [ … ]"),
        e if e.starts_with("struct ") || e == "a map" => ("an object { … }", "一个对象 { … }"),
        e if e.starts_with("variant identifier") || e.starts_with("one of") => {
            return (
                expected.replace("variant identifier", "one of"),
                format!("以下之一：{expected}"),
            );
        }
        other => (other, other),
    };
    (en.to_string(), zh.to_string())
}
