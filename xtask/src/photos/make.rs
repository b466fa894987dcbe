//! Making the web copies of one original: decoded within limits, turned
//! upright, resized, encoded as JPEG and WebP, each file written under a
//! temporary name and renamed, so no half-written copy ever has a real name.

use super::{JPEG_QUALITY, Photo, WEBP_QUALITY, content_hash, originals, slug};
use anyhow::{Context, Result};
pub use event_microsite::content::photo_copies::widths_for;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageError, ImageReader, Limits};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

/// The most pixels a photo may have: 100 megapixels, several times a
/// phone's. Checked from the header before anything is decoded.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The most memory one decoding may take.
pub const MAX_DECODE_BYTES: u64 = 1024 * 1024 * 1024;

/// The end of temporary file names; leftovers of a killed run are removed.
const PARTIAL: &str = ".partial";

/// Why one original gave no copies.
#[derive(Debug)]
pub enum Failure {
    /// The original cannot be used (the reason, in plain words); the
    /// others go on.
    Skip(String),
    /// The copies could not be written (disk full, no permission): stop.
    Fatal(anyhow::Error),
}

/// Makes the copies of `original` in `out`.
pub fn photo(original: &Path, out: &Path) -> Result<Photo, Failure> {
    let bytes = originals::read(original).map_err(Failure::Skip)?;
    // The name carries a hash of the original, so a replaced photo gets new
    // file names and no visitor's browser keeps showing the old one.
    let name = format!("{}-{}", slug(original), content_hash(&bytes));
    let extension = original
        .extension()
        .unwrap_or_default()
        .to_string_lossy()
        .to_ascii_lowercase();
    let image = decode_upright(&bytes, &extension).map_err(Failure::Skip)?;
    drop(bytes);
    write_copies(image, &name, out)
        .with_context(|| format!("writing the copies of {} into {}", name, out.display()))
        .map_err(Failure::Fatal)
}

/// Decodes a photo within [`MAX_PIXELS`] and [`MAX_DECODE_BYTES`] and turns
/// it upright by its EXIF orientation; on failure, why, in plain words.
pub fn decode_upright(bytes: &[u8], extension: &str) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("could not be read ({e}), skipped"))?;
    let Some(format) = reader.format() else {
        return Err(not_a_photo(bytes, extension));
    };
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(|e| unreadable(&e, format))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "{width} x {height} pixels is too large (the limit is {} megapixels), skipped",
            MAX_PIXELS / 1_000_000
        ));
    }
    // `from_decoder` allocates the whole image without asking the limits.
    limits
        .reserve(decoder.total_bytes())
        .map_err(|e| unreadable(&e, format))?;
    let orientation = decoder.orientation().map_err(|e| unreadable(&e, format))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(&e, format))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The message for a file whose content is no JPEG, PNG or WebP.
fn not_a_photo(bytes: &[u8], extension: &str) -> String {
    let start = &bytes[..bytes.len().min(512)];
    if bytes.is_empty() {
        "is empty, skipped".into()
    } else if std::str::from_utf8(start).is_ok_and(|t| !t.contains('\0')) {
        format!("this is not a photo the site can use (a text file named .{extension}?), skipped")
    } else {
        "this is not a photo the site can use (no JPEG, PNG or WebP inside), skipped".into()
    }
}

/// The message for a photo the decoder refused.
fn unreadable(error: &ImageError, format: image::ImageFormat) -> String {
    let kind = format!("{format:?}").to_uppercase();
    match error {
        ImageError::Limits(_) => format!(
            "is too large to open safely (it needs over {} MB of memory), skipped",
            MAX_DECODE_BYTES / (1024 * 1024)
        ),
        ImageError::Unsupported(_) => {
            format!(
                "is a kind of {kind} the tools cannot read ({error}); save it again as an ordinary {kind}, skipped"
            )
        }
        _ => format!("could not be read as a {kind} (damaged or cut short?): {error}, skipped"),
    }
}

/// Writes every copy of `image` as `{name}-{width}.jpg` and `.webp`: the
/// largest from the photo, each smaller one from the one above it.
fn write_copies(image: DynamicImage, name: &str, out: &Path) -> Result<Photo> {
    let (width, height) = (image.width(), image.height());
    let height_at = |w: u32| (u64::from(height) * u64::from(w) / u64::from(width)).max(1) as u32;
    let widths = widths_for(width);
    let mut files = BTreeMap::new();
    let mut source = DynamicImage::ImageRgb8(image.into_rgb8());
    for &w in widths.iter().rev() {
        let copy = if (w, height_at(w)) == (source.width(), source.height()) {
            source
        } else {
            source.resize_exact(w, height_at(w), FilterType::Lanczos3)
        };
        let rgb = copy.into_rgb8();
        let jpeg = encode_jpeg(&rgb)?;
        let webp =
            webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height()).encode(WEBP_QUALITY);
        for (ext, bytes) in [("jpg", &jpeg[..]), ("webp", &webp[..])] {
            let file = format!("{name}-{w}.{ext}");
            write_atomically(out, &file, bytes)?;
            files.insert(file, bytes.len() as u64);
        }
        source = DynamicImage::ImageRgb8(rgb);
    }
    let largest = widths[widths.len() - 1];
    Ok(Photo {
        name: name.to_string(),
        width: largest,
        height: height_at(largest),
        widths,
        // `source` is now the smallest copy: quick to average.
        color: average_colour(&source),
        files,
    })
}

fn encode_jpeg(rgb: &image::RgbImage) -> Result<Vec<u8>> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY).encode(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        ExtendedColorType::Rgb8,
    )?;
    Ok(jpeg)
}

/// Writes `bytes` to `dir/file` through a temporary file in `dir` and a
/// rename, so `file` is either its old self or complete.
pub fn write_atomically(dir: &Path, file: &str, bytes: &[u8]) -> Result<()> {
    let partial = dir.join(format!(".{file}.{}{PARTIAL}", std::process::id()));
    let written =
        std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, dir.join(file)));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.with_context(|| format!("writing {}", dir.join(file).display()))
}

/// Removes temporary files a killed run left in `out`.
pub fn remove_leftovers(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(PARTIAL) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The photo's average colour as `#rrggbb`, shown while it loads.
fn average_colour(image: &DynamicImage) -> String {
    let pixel = image.resize_exact(1, 1, FilterType::Triangle).to_rgb8();
    let [r, g, b] = pixel.get_pixel(0, 0).0;
    format!("#{r:02x}{g:02x}{b:02x}")
}
