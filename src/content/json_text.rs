//! Finding places in a JSON document's text: the value at a path, the path
//! at a byte offset, and the bytes of one object member. These work on
//! the text itself, so a problem can point at the exact line and column an
//! organiser typed.

use super::problem::Step;
use std::ops::Range;

/// The byte offset of the value at `path` in a JSON document that is known
/// to be well formed; `None` if the path is not there. (To find many
/// places in one document, make one [`SourceMap`].)
pub fn locate(source: &str, path: &[Step<'_>]) -> Option<usize> {
    SourceMap::new(source).locate(path)
}

/// A well-formed JSON text with the place of every value found in one pass
/// (on first use), and its line starts: any path's place is then found in
/// time proportional to its depth, however long the file, so reporting a
/// problem in every one of thousands of entries stays linear.
pub struct SourceMap<'a> {
    source: &'a str,
    root: std::cell::OnceCell<Node<'a>>,
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

/// A value's offset and, for an object or array, its members.
struct Node<'a> {
    at: usize,
    members: Members<'a>,
}

enum Members<'a> {
    Leaf,
    /// An object's members in file order (a repeated key: the first wins):
    /// key, the offset of the key's opening quote, value.
    Object(Vec<(&'a str, usize, Node<'a>)>),
    Array(Vec<Node<'a>>),
}

impl<'a> SourceMap<'a> {
    /// A map of `source`, which must be well formed JSON (serde has read it).
    pub fn new(source: &'a str) -> Self {
        SourceMap {
            source,
            root: std::cell::OnceCell::new(),
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// The text it maps.
    pub fn source(&self) -> &'a str {
        self.source
    }

    fn root(&self) -> &Node<'a> {
        self.root.get_or_init(|| {
            let bytes = self.source.as_bytes();
            let start = skip_space(bytes, 0);
            read_node(self.source, start).map_or(
                Node {
                    at: start,
                    members: Members::Leaf,
                },
                |(node, _)| node,
            )
        })
    }

    /// The node at `path`, and how many of its steps were found.
    fn walk(&self, path: &[Step<'_>]) -> (&Node<'a>, usize) {
        let mut node = self.root();
        for (depth, step) in path.iter().enumerate() {
            let next = match (&node.members, step) {
                (Members::Object(members), Step::Key(key)) => {
                    members.iter().find(|(k, _, _)| k == key).map(|(_, _, n)| n)
                }
                (Members::Array(items), Step::Index(index)) => items.get(*index),
                _ => None,
            };
            match next {
                Some(child) => node = child,
                None => return (node, depth),
            }
        }
        (node, path.len())
    }

    /// The byte offset of the value at `path`; `None` if it is not there.
    pub fn locate(&self, path: &[Step<'_>]) -> Option<usize> {
        let (node, found) = self.walk(path);
        (found == path.len()).then_some(node.at)
    }

    /// The byte offset of the value at `path`, or of its nearest ancestor
    /// that the document has (its start at worst).
    pub fn nearest(&self, path: &[Step<'_>]) -> usize {
        self.walk(path).0.at
    }

    /// 1-based line and column (in characters, as editors count) of a byte
    /// offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.source.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        });
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = starts.partition_point(|&start| start <= offset);
        let start = starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }

    /// The line and column of the value at `path`, or of its nearest
    /// ancestor.
    pub fn place(&self, path: &[Step<'_>]) -> (usize, usize) {
        self.line_column(self.nearest(path))
    }

    /// Every member of every object whose path matches `pattern` (any index
    /// in place of each of its indices) and whose key is not in `known`: the
    /// member's path and the offset of its key's opening quote.
    pub fn members_not_in(
        &self,
        pattern: &[Step<'_>],
        known: &[&str],
    ) -> Vec<(Vec<Step<'a>>, usize)> {
        let mut found = Vec::new();
        visit_matching(self.root(), pattern, &mut Vec::new(), &mut |node, path| {
            if let Members::Object(members) = &node.members {
                for (key, key_at, _) in members {
                    if !known.contains(key) {
                        let mut member = path.to_vec();
                        member.push(Step::Key(key));
                        found.push((member, *key_at));
                    }
                }
            }
        });
        found
    }

    /// Every object whose path matches `pattern` (any index in place of
    /// each of its indices) and that has no member `key`: their paths.
    pub fn objects_without(&self, pattern: &[Step<'_>], key: &str) -> Vec<Vec<Step<'a>>> {
        let mut found = Vec::new();
        visit_matching(self.root(), pattern, &mut Vec::new(), &mut |node, path| {
            if let Members::Object(members) = &node.members
                && !members.iter().any(|(k, _, _)| *k == key)
            {
                found.push(path.to_vec());
            }
        });
        found
    }

    /// Every value whose path matches `pattern` (any index in place of each
    /// of its indices): its path and offset.
    pub fn values_matching(&self, pattern: &[Step<'_>]) -> Vec<(Vec<Step<'a>>, usize)> {
        let mut found = Vec::new();
        visit_matching(self.root(), pattern, &mut Vec::new(), &mut |node, path| {
            found.push((path.to_vec(), node.at));
        });
        found
    }

    /// The bytes to cut so that the items `indices` of the list at `list`
    /// are gone and valid JSON is left: each item with the comma after it
    /// (the last kept item's comma for a run at the end), merged and in
    /// order. Indices the list does not have are passed over.
    pub fn item_spans(&self, list: &[Step<'_>], indices: &[usize]) -> Vec<Range<usize>> {
        let (node, found) = self.walk(list);
        let Members::Array(items) = &node.members else {
            return Vec::new();
        };
        if found < list.len() {
            return Vec::new();
        }
        let bytes = self.source.as_bytes();
        let end = |item: &Node<'_>| skip_value(bytes, item.at).unwrap_or(item.at);
        let mut spans: Vec<Range<usize>> = Vec::new();
        for &index in indices {
            let Some(item) = items.get(index) else {
                continue;
            };
            let span = match items.get(index + 1) {
                Some(next) => item.at..next.at,
                None => {
                    let kept = (0..index).rev().find(|i| !indices.contains(i));
                    match kept {
                        Some(kept) => end(&items[kept])..end(item),
                        None => items[0].at..end(item),
                    }
                }
            };
            spans.push(span);
        }
        spans.sort_by_key(|span| span.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        merged
    }
}

/// Calls `visit` with every value whose path matches `pattern` (any index
/// in place of each of its indices), and that path.
fn visit_matching<'a>(
    node: &Node<'a>,
    pattern: &[Step<'_>],
    path: &mut Vec<Step<'a>>,
    visit: &mut dyn FnMut(&Node<'a>, &[Step<'a>]),
) {
    match (pattern.split_first(), &node.members) {
        (None, _) => visit(node, path),
        (Some((Step::Key(wanted), rest)), Members::Object(members)) => {
            if let Some((key, _, child)) = members.iter().find(|(k, _, _)| k == wanted) {
                path.push(Step::Key(key));
                visit_matching(child, rest, path, visit);
                path.pop();
            }
        }
        (Some((Step::Index(_), rest)), Members::Array(items)) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                visit_matching(child, rest, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Reads the value starting at byte `at` (no leading space); returns it and
/// the offset after it.
fn read_node(source: &str, at: usize) -> Option<(Node<'_>, usize)> {
    let bytes = source.as_bytes();
    match bytes.get(at)? {
        b'{' => {
            let mut members = Vec::new();
            let mut i = skip_space(bytes, at + 1);
            if bytes.get(i)? == &b'}' {
                return Some((node(at, Members::Object(members)), i + 1));
            }
            loop {
                let key_end = skip_string(bytes, i)?;
                let key = source.get(i + 1..key_end - 1)?;
                let value_at = skip_space(bytes, expect(bytes, skip_space(bytes, key_end), b':')?);
                let (value, end) = read_node(source, value_at)?;
                members.push((key, i, value));
                i = skip_space(bytes, end);
                match bytes.get(i)? {
                    b',' => i = skip_space(bytes, i + 1),
                    b'}' => return Some((node(at, Members::Object(members)), i + 1)),
                    _ => return None,
                }
            }
        }
        b'[' => {
            let mut items = Vec::new();
            let mut i = skip_space(bytes, at + 1);
            if bytes.get(i)? == &b']' {
                return Some((node(at, Members::Array(items)), i + 1));
            }
            loop {
                let (item, end) = read_node(source, i)?;
                items.push(item);
                i = skip_space(bytes, end);
                match bytes.get(i)? {
                    b',' => i = skip_space(bytes, i + 1),
                    b']' => return Some((node(at, Members::Array(items)), i + 1)),
                    _ => return None,
                }
            }
        }
        _ => Some((node(at, Members::Leaf), skip_value(bytes, at)?)),
    }
}

fn node(at: usize, members: Members<'_>) -> Node<'_> {
    Node { at, members }
}

/// An object or array being read by `path_at`, and where in it the reading is.
struct Frame<'a> {
    object: bool,
    key: &'a str,
    index: usize,
    /// Whether the current member's or element's value has begun.
    in_child: bool,
}

/// The objects and arrays open at a point of `path_at`'s reading, outermost
/// first.
struct Open<'a>(Vec<Frame<'a>>);

impl<'a> Open<'a> {
    /// The path to the current value: every frame's current child, the
    /// innermost one's only when its value has begun.
    fn path(&self) -> Vec<Step<'a>> {
        let mut steps = Vec::new();
        for (depth, frame) in self.0.iter().enumerate() {
            if depth + 1 == self.0.len() && !frame.in_child {
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

    /// Whether the next string is an object's key.
    fn reading_key(&self) -> bool {
        self.0.last().is_some_and(|f| f.object && !f.in_child)
    }

    /// An array's element begins at its first byte.
    fn element_begins_at(&mut self, byte: u8) {
        if let Some(frame) = self.0.last_mut()
            && !frame.object
            && !matches!(byte, b']' | b',')
        {
            frame.in_child = true;
        }
    }

    /// The key just read names the current member; `inside` when the byte
    /// looked for is in it.
    fn key(&mut self, key: &'a str, inside: bool) {
        let frame = self.0.last_mut().expect("reading a key means an object");
        frame.key = key;
        frame.in_child = inside;
    }

    fn push(&mut self, object: bool) {
        self.0.push(Frame {
            object,
            key: "",
            index: 0,
            in_child: false,
        });
    }

    /// A `:` begins the current member's value.
    fn value_begins(&mut self) {
        if let Some(frame) = self.0.last_mut() {
            frame.in_child = true;
        }
    }

    /// A `,` or closing bracket ends the current member or element; `next`
    /// moves on to the following one.
    fn child_ends(&mut self, next: bool) {
        if let Some(frame) = self.0.last_mut() {
            frame.in_child = false;
            frame.key = "";
            frame.index += usize::from(next);
        }
    }
}

/// The path of the innermost value holding byte `at` of `source`, which is
/// well formed up to there. A byte inside an object's key gives the path of
/// that key's value (where serde reports an unknown field); an object's or
/// array's bracket gives the path of that object or array (where serde
/// reports a missing field).
pub fn path_at(source: &str, at: usize) -> Vec<Step<'_>> {
    let bytes = source.as_bytes();
    let mut open = Open(Vec::new());
    let mut i = 0;
    while i <= at && i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let reading_key = open.reading_key();
        open.element_begins_at(byte);
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
                    let key = source.get(i + 1..end.saturating_sub(1)).unwrap_or("");
                    open.key(key, at < reach);
                }
                if at < reach {
                    return open.path();
                }
                i = end;
                continue;
            }
            b'{' | b'[' if i != at => open.push(byte == b'{'),
            b'}' | b']' => {
                open.child_ends(false);
                if i == at {
                    return open.path();
                }
                open.0.pop();
            }
            b':' => open.value_begins(),
            b',' => open.child_ends(true),
            _ if i == at => return open.path(),
            _ => {}
        }
        i += 1;
    }
    open.path()
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

/// The offset just after the value that starts at byte `at` of a well
/// formed document (for tools that edit a file's text in place).
pub fn value_end(source: &str, at: usize) -> Option<usize> {
    skip_value(source.as_bytes(), at)
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
    fn a_source_map_places_any_path_and_its_nearest_ancestor() {
        let map = SourceMap::new(DOC);
        assert_eq!(map.place(&[Seg::Key("a"), Seg::Index(2)]), (2, 27));
        assert_eq!(map.place(&[Seg::Key("c"), Seg::Key("d")]), (3, 14));
        // Missing: its nearest ancestor that is there.
        assert_eq!(map.place(&[Seg::Key("c"), Seg::Key("zz")]), (3, 8));
        assert_eq!(map.place(&[Seg::Key("zz")]), (1, 1));
        assert_eq!(map.line_column(DOC.len()), (4, 2));
        // Characters, not bytes.
        assert_eq!(
            SourceMap::new("{\n  \"甲\": 1}").place(&[Seg::Key("甲")]),
            (2, 8)
        );
    }

    #[test]
    fn unknown_members_are_found_in_every_object_of_a_shape() {
        let doc = r#"{"e": [{"id": 1, "x": 2}, {"id": 3}, {"y": 4, "id": 5}]}"#;
        let found = SourceMap::new(doc).members_not_in(&[Seg::Key("e"), Seg::Index(0)], &["id"]);
        let paths: Vec<String> = found
            .iter()
            .map(|(p, _)| crate::content::path_to_string(p))
            .collect();
        assert_eq!(paths, ["e[0].x", "e[2].y"]);
        assert_eq!(&doc[found[1].1..found[1].1 + 3], "\"y\"");
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

    /// The offset of the key of the member at `path`.
    fn locate_key(source: &str, path: &[Seg]) -> Option<usize> {
        let (_, parent) = path.split_last()?;
        SourceMap::new(source)
            .members_not_in(parent, &[])
            .into_iter()
            .find(|(found, _)| found == path)
            .map(|(_, key_at)| key_at)
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
