//! The photos as JSON text for `timeline.json`, and `--into`: appending
//! them to one entry's `photos` by editing the file's text at that one
//! place, so everything else the organiser wrote stays as it was.

use super::Photo;
use anyhow::{Context, Result, bail};
use event_microsite::content::{SourceMap, Step, value_end};
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
    let map = SourceMap::new(source);
    let entry_path = [Step::Key("entries"), Step::Index(index)];
    let entry = map.locate(&entry_path)?;
    let photos_path = [entry_path[0], entry_path[1], Step::Key("photos")];
    let (range, text) = match map.locate(&photos_path).filter(|&at| bytes[at] == b'[') {
        Some(list) => append_to_list(source, list, photos, url_prefix, &unit)?,
        None => {
            let end = content_end(bytes, value_end(source, entry)? - 1);
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
    let close = value_end(source, list)? - 1;
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
