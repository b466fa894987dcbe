//! The photos as JSON text for `timeline.json`, and `--into`: appending
//! them to one entry's `photos` by editing the file's text at that one
//! place, so everything else the organiser wrote stays as it was.

use super::Photo;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The `src` of a photo: its largest JPEG, as the site reaches it.
pub fn src(photo: &Photo, url_prefix: &str) -> String {
    format!("{url_prefix}/{}-{}.jpg", photo.name, photo.width)
}

/// One photo object as text, in `timeline.json`'s style: a member per
/// line, lists on one line. `indent` goes before every line but the first,
/// `unit` is one level of indentation. `alt` and `caption` are left for the
/// organiser to add.
pub fn photo_json(photo: &Photo, url_prefix: &str, indent: &str, unit: &str) -> String {
    let quote = |text: &str| Value::from(text).to_string();
    let variants = |ext: &str| -> String {
        let list: Vec<String> = photo
            .widths
            .iter()
            .filter(|&&w| w != photo.width || ext == "webp")
            .map(|w| {
                let url = format!("{url_prefix}/{}-{w}.{ext}", photo.name);
                format!("{{ \"src\": {}, \"width\": {w} }}", quote(&url))
            })
            .collect();
        format!("[{}]", list.join(", "))
    };
    let mut members = vec![
        format!("\"src\": {}", quote(&src(photo, url_prefix))),
        format!("\"width\": {}", photo.width),
        format!("\"height\": {}", photo.height),
    ];
    if photo.widths.len() > 1 {
        members.push(format!("\"srcset\": {}", variants("jpg")));
    }
    members.push(format!("\"webp\": {}", variants("webp")));
    members.push(format!("\"color\": {}", quote(&photo.color)));
    let inner = format!("{indent}{unit}");
    let body: Vec<String> = members.iter().map(|m| format!("{inner}{m}")).collect();
    format!("{{\n{}\n{indent}}}", body.join(",\n"))
}

/// The `timeline.json` of the content folder that holds `out`: in the
/// nearest folder above `out` that has one.
pub fn find(out: &Path) -> Option<PathBuf> {
    out.ancestors()
        .skip(1)
        .map(|dir| dir.join("timeline.json"))
        .find(|path| path.is_file())
}

/// Appends `photos` to the `photos` of the entry whose `id` is `id` in the
/// timeline text `source`; photos whose `src` the entry already has are
/// left out. Returns the new text and how many photos were added.
pub fn insert(
    source: &str,
    id: &str,
    photos: &[Photo],
    url_prefix: &str,
) -> Result<(String, usize)> {
    let doc: Value = serde_json::from_str(source).context(
        "timeline.json is not valid JSON (run `cargo xtask check` to see where); nothing added",
    )?;
    let entries = doc["entries"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let Some(index) = entries.iter().position(|e| e["id"] == id) else {
        let ids: Vec<&str> = entries.iter().filter_map(|e| e["id"].as_str()).collect();
        bail!(
            "no entry in timeline.json has the id \"{id}\"; nothing added (the ids are: {})",
            ids.join(", ")
        );
    };
    let had = entries[index]["photos"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let new: Vec<&Photo> = photos
        .iter()
        .filter(|p| !had.iter().any(|h| h["src"] == src(p, url_prefix)))
        .collect();
    if new.is_empty() {
        return Ok((source.to_string(), 0));
    }
    let edited = edit(source, index, &new, url_prefix)
        .context("timeline.json's text could not be followed; nothing added")?;
    // The edit must give valid JSON with exactly the new photos added.
    let check: Value = serde_json::from_str(&edited).context("the edit gave invalid JSON")?;
    let count = check["entries"][index]["photos"]
        .as_array()
        .map_or(0, Vec::len);
    if count != had.len() + new.len() {
        bail!("the edit of timeline.json went wrong; nothing added");
    }
    Ok((edited, new.len()))
}

/// The text with `photos` appended to entry `index`'s `photos` list (made
/// if the entry has none).
fn edit(source: &str, index: usize, photos: &[&Photo], url_prefix: &str) -> Option<String> {
    let bytes = source.as_bytes();
    let unit = indent_unit(source);
    let entries = member(bytes, skip_space(bytes, 0), "entries")?;
    let entry = element(bytes, entries, index)?;
    let (range, text) = match member(bytes, entry, "photos") {
        Some(list) => append_to_list(source, list, photos, url_prefix, &unit)?,
        None => {
            let end = content_end(bytes, skip_value(bytes, entry)? - 1);
            let indent = item_indent(source, entry, skip_space(bytes, entry + 1), &unit);
            let items = items(photos, url_prefix, &format!("{indent}{unit}"), &unit);
            (
                end..end,
                format!(",\n{indent}\"photos\": [{items}\n{indent}]"),
            )
        }
    };
    Some(format!(
        "{}{text}{}",
        &source[..range.start],
        &source[range.end..]
    ))
}

/// What to put where to append `photos` to the list whose `[` is at `list`.
fn append_to_list(
    source: &str,
    list: usize,
    photos: &[&Photo],
    url_prefix: &str,
    unit: &str,
) -> Option<(Range<usize>, String)> {
    let bytes = source.as_bytes();
    let close = skip_value(bytes, list)? - 1;
    let end = content_end(bytes, close);
    let indent = item_indent(source, list, skip_space(bytes, list + 1), unit);
    let items = items(photos, url_prefix, &indent, unit);
    if end == list + 1 {
        // An empty list: the photos replace the space inside it.
        let outer = line_indent(source, list);
        Some((list + 1..close, format!("{items}\n{outer}")))
    } else {
        Some((end..end, format!(",{items}")))
    }
}

/// The photos as list items, each on a new line indented by `indent`.
fn items(photos: &[&Photo], url_prefix: &str, indent: &str, unit: &str) -> String {
    let texts: Vec<String> = photos
        .iter()
        .map(|p| format!("\n{indent}{}", photo_json(p, url_prefix, indent, unit)))
        .collect();
    texts.join(",")
}

/// The indentation for a new item of the object or list opened at `open`
/// whose first item (or closing bracket) is at `first`: the first item's,
/// if it starts its line, else one `unit` more than the opening line.
fn item_indent(source: &str, open: usize, first: usize, unit: &str) -> String {
    let closes = matches!(source.as_bytes().get(first), Some(b']' | b'}'));
    if starts_line(source, first) && !closes {
        line_indent(source, first)
    } else {
        format!("{}{unit}", line_indent(source, open))
    }
}

/// One level of indentation in `source`: that of its first indented line.
fn indent_unit(source: &str) -> String {
    source
        .lines()
        .map(|line| &line[..line.len() - line.trim_start().len()])
        .find(|space| !space.is_empty())
        .unwrap_or("  ")
        .to_string()
}

/// The leading whitespace of the line holding byte `at`.
fn line_indent(source: &str, at: usize) -> String {
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &source[start..];
    line[..line.len() - line.trim_start().len()].to_string()
}

/// Whether only whitespace comes before byte `at` on its line.
fn starts_line(source: &str, at: usize) -> bool {
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    source[start..at].trim().is_empty()
}

/// The end of the last item before the closing bracket at `close`.
fn content_end(bytes: &[u8], close: usize) -> usize {
    let mut end = close;
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end of the string whose `"` is at `at`.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end of the (well-formed) value starting at `at`.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let (mut depth, mut i) = (0usize, at);
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let rest = &bytes[at..];
            let len = rest
                .iter()
                .position(|c| matches!(c, b',' | b'}' | b']') || c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            Some(at + len)
        }
    }
}

/// The start of the value of member `key` of the object whose `{` is at `at`.
fn member(bytes: &[u8], at: usize, key: &str) -> Option<usize> {
    if bytes.get(at)? != &b'{' {
        return None;
    }
    let mut i = skip_space(bytes, at + 1);
    while bytes.get(i)? == &b'"' {
        let key_end = skip_string(bytes, i)?;
        let colon = skip_space(bytes, key_end);
        let value = skip_space(bytes, colon + 1);
        if &bytes[i + 1..key_end - 1] == key.as_bytes() {
            return Some(value);
        }
        i = skip_space(bytes, skip_value(bytes, value)?);
        if bytes.get(i)? != &b',' {
            return None;
        }
        i = skip_space(bytes, i + 1);
    }
    None
}

/// The start of item `index` of the list whose `[` is at `at`.
fn element(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    if bytes.get(at)? != &b'[' {
        return None;
    }
    let mut i = skip_space(bytes, at + 1);
    for _ in 0..index {
        i = skip_space(bytes, skip_value(bytes, i)?);
        if bytes.get(i)? != &b',' {
            return None;
        }
        i = skip_space(bytes, i + 1);
    }
    Some(i)
}
