//! How a photo of the day becomes web-ready copies, wherever they are made
//! (`cargo xtask photos` or the studio in a browser): the sizes, the
//! quality, the limits on an original, the copies' names and the photo's
//! record in `timeline.json`.

use super::{Photo, Variant};

/// Widths of the copies; a photo is never enlarged.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// JPEG quality of the copies, 0 to 100.
pub const JPEG_QUALITY: u8 = 80;
/// WebP quality of the copies, 0 to 100.
pub const WEBP_QUALITY: f32 = 78.0;
/// The largest original read: 64 MB.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most pixels an original may have: 100 megapixels.
pub const MAX_PIXELS: u64 = 100_000_000;
/// Where the copies go in a content folder, as the site reaches them.
pub const URL_PREFIX: &str = "content/photos";

/// The widths of the copies of a photo `width` pixels wide: never enlarged.
pub fn widths_for(width: u32) -> Vec<u32> {
    let largest = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut list: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < largest).collect();
    list.push(largest);
    list
}

/// The height of a copy `width` wide of a photo `full_width` x `full_height`.
pub fn height_at(width: u32, (full_width, full_height): (u32, u32)) -> u32 {
    (u64::from(full_height) * u64::from(width) / u64::from(full_width.max(1))).max(1) as u32
}

/// A file-name-safe, lower-case name for a photo from its file name:
/// `IMG 0042.JPG` -> `img-0042`.
pub fn slug(file_name: &str) -> String {
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_lowercase();
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "photo".into()
    } else {
        slug
    }
}

/// The first 8 hex digits of the original's FNV-1a hash.
pub fn content_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// The copies' common name: the original's slug and content hash, so a
/// replaced photo gets new file names and no browser keeps the old one.
pub fn copies_name(file_name: &str, bytes: &[u8]) -> String {
    format!("{}-{}", slug(file_name), content_hash(bytes))
}

/// One copy's file name: `{name}-{width}.{extension}`.
pub fn copy_file(name: &str, width: u32, extension: &str) -> String {
    format!("{name}-{width}.{extension}")
}

/// The record of a photo whose copies are `name` at `widths` (JPEG, and
/// WebP if `webp`), the largest `width` x `height`, for `timeline.json`.
pub fn photo_record(
    name: &str,
    (width, height): (u32, u32),
    widths: &[u32],
    webp: bool,
    color: &str,
) -> Photo {
    let variants = |extension: &str, all: bool| -> Vec<Variant> {
        widths
            .iter()
            .filter(|&&w| all || w != width)
            .map(|&w| Variant {
                src: format!("{URL_PREFIX}/{}", copy_file(name, w, extension)),
                width: w,
            })
            .collect()
    };
    Photo {
        src: format!("{URL_PREFIX}/{}", copy_file(name, width, "jpg")),
        alt: None,
        caption: None,
        credit: None,
        width,
        height,
        srcset: variants("jpg", false),
        webp: if webp {
            variants("webp", true)
        } else {
            Vec::new()
        },
        color: Some(color.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sizes_and_the_record_follow_the_photo() {
        assert_eq!(slug("IMG 0042.JPG"), "img-0042");
        assert_eq!(slug("合影.jpg"), "photo");
        assert_eq!(widths_for(4000), [480, 960, 1600]);
        assert_eq!(widths_for(800), [480, 800]);
        assert_eq!(widths_for(300), [300]);
        assert_eq!(height_at(480, (4000, 3000)), 360);
        let photo = photo_record("img-1-0a0b0c0d", (800, 1200), &[480, 800], true, "#102030");
        assert_eq!(photo.src, "content/photos/img-1-0a0b0c0d-800.jpg");
        assert_eq!(photo.srcset.len(), 1);
        assert_eq!(photo.webp.len(), 2);
        assert_eq!(
            copies_name("a.jpg", b"x"),
            format!("a-{}", content_hash(b"x"))
        );
    }
}
