//! Finding the originals in the source folder and reading them safely:
//! only regular files (never a link, a pipe or a device), at most
//! [`MAX_BYTES`] each, so a stray link to `/dev/zero` or a FIFO cannot make
//! the command read forever or hang.

use anyhow::{Context, Result};
use std::cmp::Ordering;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest original read, in bytes: far above any phone photo.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The names the command picks up, lower-cased.
const EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// The photos in `dir` (by extension; hidden files such as macOS's `._`
/// copies are left out), in natural order: `a-2.jpg` before `a-10.jpg`.
pub fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = file_name(&path);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if EXTENSIONS.contains(&ext.as_str()) && !name.starts_with('.') {
            found.push((name, path));
        }
    }
    found.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    Ok(found.into_iter().map(|(_, path)| path).collect())
}

/// The file name of `path`, for messages and sorting.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Why the file with this metadata (its own, links not followed) cannot be
/// used, in plain words; `Ok` for a regular file within [`MAX_BYTES`].
pub fn vet(meta: &Metadata) -> Result<(), String> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err("is a link, skipped (copy the photo itself into the folder)".into());
    }
    if !kind.is_file() {
        return Err(format!(
            "is not a regular file ({}), skipped",
            kind_name(meta)
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "is {} MB, over the {} MB a photo may be (a video?), skipped",
            meta.len().div_ceil(1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// What kind of non-regular file this is, for [`vet`]'s message.
fn kind_name(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "FIFO";
        } else if kind.is_socket() {
            return "socket";
        } else if kind.is_block_device() || kind.is_char_device() {
            return "device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "special file"
    }
}

/// Reads an original whole: opened without following a link and without
/// waiting on a pipe, checked again on the open file (it may have been
/// swapped since it was listed), and never more than [`MAX_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    let file = open(path).map_err(|e| {
        if is_link_error(&e) {
            "is a link, skipped (copy the photo itself into the folder)".to_string()
        } else {
            format!("could not be opened ({e}), skipped")
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| format!("could not be read ({e}), skipped"))?;
    vet(&meta)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("could not be read ({e}), skipped"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "grew over the {} MB a photo may be while it was read, skipped",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Whether opening failed because the path had become a link (`O_NOFOLLOW`).
fn is_link_error(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

/// Compares file names the way people count: runs of digits by their
/// value (`2` before `10`), other text ignoring case; ties broken by the
/// plain text so the order is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut left, mut right) = (a, b);
    while !left.is_empty() && !right.is_empty() {
        let (chunk_a, rest_a) = split_chunk(left);
        let (chunk_b, rest_b) = split_chunk(right);
        let order = compare_chunks(chunk_a, chunk_b);
        if order != Ordering::Equal {
            return order;
        }
        (left, right) = (rest_a, rest_b);
    }
    left.len().cmp(&right.len()).then_with(|| a.cmp(b))
}

/// The leading run of digits, or of anything else, and the rest.
fn split_chunk(text: &str) -> (&str, &str) {
    let digits = text.starts_with(|c: char| c.is_ascii_digit());
    let end = text
        .find(|c: char| c.is_ascii_digit() != digits)
        .unwrap_or(text.len());
    text.split_at(end)
}

/// Two chunks from [`split_chunk`]: numbers by value, text without case.
fn compare_chunks(a: &str, b: &str) -> Ordering {
    let is_number = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if is_number(a) && is_number(b) {
        let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .cmp(b.chars().flat_map(char::to_lowercase))
    }
}
