//! Finding places in a JSON document's text: the value at a path, the path
//! at a byte offset, and the bytes of one object member. These work on
//! the text itself, so a problem can point at the exact line and column an
//! organiser typed.

use super::problem::Step;
use std::ops::Range;

/// The byte offset of the value at `path` in a JSON document that is known
/// to be well formed; `None` if the path is not there.
pub fn locate(source: &str, path: &[Step<'_>]) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut at = skip_space(bytes, 0);
    for seg in path {
        match (seg, bytes.get(at)?) {
            (Step::Key(wanted), b'{') => at = find_member(source, at, wanted)?.1,
            (Step::Index(index), b'[') => {
                at = skip_space(bytes, at + 1);
                for _ in 0..*index {
                    at = skip_space(bytes, skip_value(bytes, at)?);
                    at = skip_space(bytes, expect(bytes, at, b',')?);
                }
                if bytes.get(at)? == &b']' {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(at)
}

/// The byte offset of the value at `path`, or of its nearest ancestor that
/// the document has (its start at worst): where to point when the path
/// itself is missing.
pub fn locate_nearest(source: &str, path: &[Step<'_>]) -> usize {
    (0..=path.len())
        .rev()
        .find_map(|len| locate(source, &path[..len]))
        .unwrap_or(0)
}

/// The member `wanted` of the object whose `{` is at byte `object_at`: the
/// offsets of its key and of its value; the first such member if the key is
/// repeated.
fn find_member(source: &str, object_at: usize, wanted: &str) -> Option<(usize, usize)> {
    let bytes = source.as_bytes();
    let mut at = skip_space(bytes, expect(bytes, object_at, b'{')?);
    loop {
        if bytes.get(at)? != &b'"' {
            return None;
        }
        let key_end = skip_string(bytes, at)?;
        let value = skip_space(bytes, expect(bytes, skip_space(bytes, key_end), b':')?);
        if &source[at + 1..key_end - 1] == wanted {
            return Some((at, value));
        }
        at = skip_space(bytes, skip_value(bytes, value)?);
        at = skip_space(bytes, expect(bytes, at, b',')?);
    }
}

/// The path of the innermost value holding byte `at` of `source`, which is
/// well formed up to there. A byte inside an object's key gives the path of
/// that key's value (where serde reports an unknown field); an object's or
/// array's bracket gives the path of that object or array (where serde
/// reports a missing field).
pub fn path_at(source: &str, at: usize) -> Vec<Step<'_>> {
    /// An object or array being read, and where in it the reading is.
    struct Frame<'a> {
        object: bool,
        key: &'a str,
        index: usize,
        /// Whether the current member's or element's value has begun.
        in_child: bool,
    }
    /// The path to the current value: every frame's current child, the
    /// innermost one's only when its value has begun.
    fn path<'a>(stack: &[Frame<'a>]) -> Vec<Step<'a>> {
        let mut steps = Vec::new();
        for (depth, frame) in stack.iter().enumerate() {
            if depth + 1 == stack.len() && !frame.in_child {
                break;
            }
            steps.push(if frame.object {
                Step::Key(frame.key)
            } else {
                Step::Index(frame.index)
            });
        }
        steps
    }
    let bytes = source.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i <= at && i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let reading_key = stack.last().is_some_and(|f| f.object && !f.in_child);
        // An array's element begins at its first byte.
        if let Some(frame) = stack.last_mut()
            && !frame.object
            && !matches!(byte, b']' | b',')
        {
            frame.in_child = true;
        }
        match byte {
            b'"' => {
                let end = skip_string(bytes, i).unwrap_or(bytes.len());
                // A key reaches up to its colon: serde stops on the space
                // before it when it rejects the key.
                let reach = if reading_key {
                    skip_space(bytes, end)
                } else {
                    end
                };
                if reading_key {
                    let frame = stack.last_mut().expect("reading a key means an object");
                    frame.key = source.get(i + 1..end.saturating_sub(1)).unwrap_or("");
                    frame.in_child = at < reach;
                }
                if at < reach {
                    return path(&stack);
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                if i == at {
                    return path(&stack);
                }
                stack.push(Frame {
                    object: byte == b'{',
                    key: "",
                    index: 0,
                    in_child: false,
                });
            }
            b'}' | b']' => {
                if let Some(frame) = stack.last_mut() {
                    frame.in_child = false;
                    frame.key = "";
                }
                if i == at {
                    return path(&stack);
                }
                stack.pop();
            }
            b':' => {
                if let Some(frame) = stack.last_mut() {
                    frame.in_child = true;
                }
            }
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    frame.in_child = false;
                    frame.key = "";
                    frame.index += 1;
                }
            }
            _ => {
                if i == at {
                    return path(&stack);
                }
            }
        }
        i += 1;
    }
    path(&stack)
}

/// The bytes of the object member (key and value) whose key starts at byte
/// `key_at`, with the comma that separated it: cutting them leaves valid
/// JSON. `None` if no member starts there.
pub fn member_span(source: &str, key_at: usize) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    if bytes.get(key_at)? != &b'"' {
        return None;
    }
    let colon = skip_space(bytes, skip_string(bytes, key_at)?);
    let value = skip_space(bytes, expect(bytes, colon, b':')?);
    let value_end = skip_value(bytes, value)?;
    let after = skip_space(bytes, value_end);
    let (start, end) = if bytes.get(after) == Some(&b',') {
        (key_at, skip_space(bytes, after + 1))
    } else {
        let before = source[..key_at].trim_end();
        match before.strip_suffix(',') {
            Some(kept) => (kept.len(), value_end),
            None => (key_at, value_end),
        }
    };
    Some(start..end)
}

/// The byte offset of the start of the key of the member at `path` (an
/// object's key), in a document well formed up to there.
pub fn locate_key(source: &str, path: &[Step<'_>]) -> Option<usize> {
    let (Step::Key(wanted), parent) = path.split_last()? else {
        return None;
    };
    find_member(source, locate(source, parent)?, wanted).map(|(key, _)| key)
}

fn expect(bytes: &[u8], at: usize, byte: u8) -> Option<usize> {
    (bytes.get(at)? == &byte).then_some(at + 1)
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// Skips a string starting at its opening quote; returns the offset after it.
fn skip_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        match bytes.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

/// Skips any JSON value; returns the offset after it.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
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
            let mut i = at;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Seg, line_column};

    const DOC: &str = "{\n  \"a\": [1, {\"b\": \"x,]}\"}, 3],\n  \"c\": {\"d\": true}\n}";

    fn at(path: &[Seg]) -> Option<(usize, usize)> {
        locate(DOC, path).map(|offset| line_column(DOC, offset))
    }

    fn path_of(needle: &str, nth: usize) -> String {
        let offset = DOC.match_indices(needle).nth(nth).expect("in DOC").0;
        crate::content::path_to_string(&path_at(DOC, offset))
    }

    #[test]
    fn locates_nested_values_past_tricky_strings() {
        assert_eq!(at(&[Seg::Key("a"), Seg::Index(2)]), Some((2, 27)));
        assert_eq!(
            at(&[Seg::Key("a"), Seg::Index(1), Seg::Key("b")]),
            Some((2, 18))
        );
        assert_eq!(at(&[Seg::Key("c"), Seg::Key("d")]), Some((3, 14)));
        assert_eq!(at(&[]), Some((1, 1)));
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(at(&[Seg::Key("zz")]), None);
        assert_eq!(at(&[Seg::Key("a"), Seg::Index(3)]), None);
        assert_eq!(at(&[Seg::Key("c"), Seg::Index(0)]), None);
    }

    #[test]
    fn the_path_at_a_byte_is_the_innermost_value_there() {
        assert_eq!(path_of("1", 0), "a[0]");
        assert_eq!(path_of("3", 0), "a[2]");
        assert_eq!(path_of("true", 0), "c.d");
        assert_eq!(path_of("x,]}", 0), "a[1].b");
        // Brackets belong to their object or array.
        assert_eq!(path_of("[", 0), "a");
        assert_eq!(path_of("{", 1), "a[1]");
        assert_eq!(path_of("}", 1), "a[1]");
        assert_eq!(path_of("]", 1), "a");
        assert_eq!(path_of("}", 3), "");
        // A key's own bytes name its member.
        assert_eq!(path_of("\"b\"", 0), "a[1].b");
        assert_eq!(path_of("\"c\"", 0), "c");
        // So do the spaces between a key and its colon.
        let spaced = "{\"a\": {\"b\"  : 1}}";
        assert_eq!(crate::content::path_to_string(&path_at(spaced, 12)), "a.b");
    }

    fn without_member(source: &str, key_at: usize) -> Option<String> {
        let cut = member_span(source, key_at)?;
        Some(format!("{}{}", &source[..cut.start], &source[cut.end..]))
    }

    #[test]
    fn a_member_can_be_cut_out_with_its_comma() {
        let first = locate_key(DOC, &[Seg::Key("a")]).unwrap();
        assert_eq!(
            without_member(DOC, first).unwrap(),
            "{\n  \"c\": {\"d\": true}\n}"
        );
        let last = locate_key(DOC, &[Seg::Key("c")]).unwrap();
        assert_eq!(
            without_member(DOC, last).unwrap(),
            "{\n  \"a\": [1, {\"b\": \"x,]}\"}, 3]\n}"
        );
        let only = locate_key(DOC, &[Seg::Key("c"), Seg::Key("d")]).unwrap();
        assert_eq!(
            without_member(DOC, only).unwrap(),
            "{\n  \"a\": [1, {\"b\": \"x,]}\"}, 3],\n  \"c\": {}\n}"
        );
        assert_eq!(without_member(DOC, 0), None);
    }
}
