//! `cargo xtask photos SRC_DIR [OUT_DIR]`: turns the organiser's original
//! photos (any size, straight from a phone) into web-ready copies: upright
//! (EXIF orientation applied), 480/960/1600 px wide, JPEG and WebP, with no
//! metadata (EXIF and its GPS position are dropped), plus a placeholder
//! colour; then prints the JSON for `timeline.json`. The originals are only
//! read. Photos already done (outputs newer than the original) are skipped.

use anyhow::{Context, Result, bail};
use image::{DynamicImage, GenericImageView, ImageDecoder, ImageReader};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Widths of the copies; a photo is never enlarged.
const WIDTHS: [u32; 3] = [480, 960, 1600];
const JPEG_QUALITY: u8 = 80;
const WEBP_QUALITY: f32 = 78.0;

/// What one original became.
#[derive(Debug)]
pub struct Done {
    pub entry: Value,
    pub skipped: bool,
}

/// Processes every JPEG, PNG and WebP in `src` into `out`; `url_prefix` is
/// how the site reaches `out` (e.g. `content/photos`).
pub fn run(src: &Path, out: &Path, url_prefix: &str) -> Result<Vec<Done>> {
    let mut originals: Vec<PathBuf> = std::fs::read_dir(src)
        .with_context(|| format!("reading {}", src.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp")
        })
        .collect();
    originals.sort();
    if originals.is_empty() {
        bail!("{} has no JPEG, PNG or WebP photos", src.display());
    }
    std::fs::create_dir_all(out)?;
    let bar = ProgressBar::new(originals.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut done = Vec::new();
    for original in originals {
        bar.set_message(
            original
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        );
        done.push(
            process(&original, out, url_prefix)
                .with_context(|| format!("processing {}", original.display()))?,
        );
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(done)
}

/// A file-name-safe, lower-case name for a photo: `IMG 0042.JPG` -> `img-0042`.
pub fn slug(path: &Path) -> String {
    let stem = path
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

fn process(original: &Path, out: &Path, url_prefix: &str) -> Result<Done> {
    // The name carries a hash of the original, so a replaced photo gets new
    // file names and no visitor's browser keeps showing the old one.
    let name = format!(
        "{}-{}",
        slug(original),
        content_hash(&std::fs::read(original)?)
    );
    let image = load_upright(original)?;
    let (width, height) = image.dimensions();
    let widths: Vec<u32> = {
        let mut list: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
        list.push(width.min(*WIDTHS.last().unwrap_or(&width)));
        list.dedup();
        list
    };
    let largest = *widths.last().unwrap_or(&width);
    let height_at = |w: u32| (u64::from(height) * u64::from(w) / u64::from(width)).max(1) as u32;
    let file = |w: u32, ext: &str| format!("{name}-{w}.{ext}");

    let original_time = std::fs::metadata(original)?.modified()?;
    let up_to_date = widths.iter().all(|&w| {
        ["jpg", "webp"].iter().all(|ext| {
            std::fs::metadata(out.join(file(w, ext)))
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= original_time)
        })
    });
    if !up_to_date {
        for &w in &widths {
            let copy = image.resize_exact(w, height_at(w), image::imageops::FilterType::Lanczos3);
            let rgb = copy.to_rgb8();
            let mut jpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
                .encode_image(&rgb)?;
            std::fs::write(out.join(file(w, "jpg")), jpeg)?;
            let webp = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
                .encode(WEBP_QUALITY);
            std::fs::write(out.join(file(w, "webp")), &*webp)?;
        }
    }

    let url = |w: u32, ext: &str| format!("{url_prefix}/{}", file(w, ext));
    let variants = |ext: &str| -> Vec<Value> {
        widths
            .iter()
            .filter(|&&w| w != largest || ext == "webp")
            .map(|&w| json!({ "src": url(w, ext), "width": w }))
            .collect()
    };
    let entry = json!({
        "src": url(largest, "jpg"),
        "alt": { "zh": "", "en": "" },
        "caption": { "zh": "", "en": "" },
        "width": largest,
        "height": height_at(largest),
        "srcset": variants("jpg"),
        "webp": variants("webp"),
        "color": average_colour(&image),
    });
    Ok(Done {
        entry,
        skipped: up_to_date,
    })
}

/// The first 8 hex digits of the file's FNV-1a hash.
fn content_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// Decodes a photo and turns it upright by its EXIF orientation.
fn load_upright(path: &Path) -> Result<DynamicImage> {
    let mut decoder = ImageReader::open(path)?
        .with_guessed_format()?
        .into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The photo's average colour as `#rrggbb`, shown while it loads.
fn average_colour(image: &DynamicImage) -> String {
    let pixel = image
        .resize_exact(1, 1, image::imageops::FilterType::Triangle)
        .to_rgb8();
    let [r, g, b] = pixel.get_pixel(0, 0).0;
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/e2e/fixtures/photos")
            .join(name)
    }

    /// A JPEG with an EXIF block saying "rotate 90°" and holding a GPS
    /// position, as phones write them.
    fn phone_photo_with_gps(dir: &Path) -> PathBuf {
        let jpeg = std::fs::read(fixture("landscape.jpg")).unwrap();
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes()); // IFD0 at 8
        tiff.extend(2u16.to_le_bytes()); // two entries
        tiff.extend([0x12, 0x01, 3, 0]); // Orientation, SHORT
        tiff.extend(1u32.to_le_bytes());
        tiff.extend([6, 0, 0, 0]); // 6 = rotate 90° clockwise
        tiff.extend([0x25, 0x88, 4, 0]); // GPS IFD pointer, LONG
        tiff.extend(1u32.to_le_bytes());
        tiff.extend(38u32.to_le_bytes()); // GPS IFD at 38
        tiff.extend(0u32.to_le_bytes()); // no next IFD
        tiff.extend(1u16.to_le_bytes()); // GPS IFD: one entry
        tiff.extend([0x01, 0x00, 2, 0]); // GPSLatitudeRef, ASCII
        tiff.extend(2u32.to_le_bytes());
        tiff.extend(b"N\0\0\0");
        tiff.extend(0u32.to_le_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut photo = jpeg[..2].to_vec(); // SOI
        photo.extend([0xFF, 0xE1]);
        photo.extend(((app1.len() + 2) as u16).to_be_bytes());
        photo.extend(app1);
        photo.extend(&jpeg[2..]);
        let path = dir.join("IMG 0001 (phone).JPG");
        std::fs::write(&path, photo).unwrap();
        path
    }

    #[test]
    fn photos_become_upright_resized_copies_without_metadata() {
        let work = std::env::temp_dir().join(format!("xtask-photos-{}", std::process::id()));
        let (src, out) = (work.join("originals"), work.join("out"));
        std::fs::create_dir_all(&src).unwrap();
        let phone = phone_photo_with_gps(&src);
        std::fs::copy(fixture("portrait.jpg"), src.join("portrait.jpg")).unwrap();
        std::fs::copy(fixture("square.webp"), src.join("square.webp")).unwrap();
        let before = std::fs::read(&phone).unwrap();

        let done = run(&src, &out, "content/photos").unwrap();
        assert_eq!(done.len(), 3);
        assert_eq!(
            std::fs::read(&phone).unwrap(),
            before,
            "the original is untouched"
        );

        // 1200x800 turned upright is 800 wide: copies at 480 and 800.
        let name =
            |w: u32, ext: &str| format!("img-0001-phone-{}-{w}.{ext}", content_hash(&before));
        let phone_entry = &done[0].entry;
        assert_eq!(
            phone_entry["src"],
            format!("content/photos/{}", name(800, "jpg"))
        );
        let size = (
            phone_entry["width"].as_u64(),
            phone_entry["height"].as_u64(),
        );
        assert_eq!(size, (Some(800), Some(1200)));
        let copy = image::open(out.join(name(480, "jpg"))).unwrap();
        assert_eq!(copy.dimensions(), (480, 720));
        for file in [name(480, "jpg"), name(800, "jpg"), name(800, "webp")] {
            let bytes = std::fs::read(out.join(&file)).unwrap();
            let exif = bytes.windows(4).any(|w| w == b"Exif");
            assert!(!exif, "{file} carries no EXIF (so no GPS)");
        }
        let square = std::fs::read(src.join("square.webp")).unwrap();
        let square_copy = out.join(format!("square-{}-960.webp", content_hash(&square)));
        assert_eq!(image::open(square_copy).unwrap().dimensions(), (960, 960));
        assert!(phone_entry["color"].as_str().unwrap().starts_with('#'));

        // The JSON it prints passes the site's own validation once the
        // organiser fills in the texts.
        let mut photos: Vec<Value> = done.iter().map(|d| d.entry.clone()).collect();
        for photo in &mut photos {
            photo["alt"] = json!({"zh": "照片", "en": "A photo"});
            photo["caption"] = json!({"zh": "说明", "en": "Caption"});
        }
        let timeline = json!({"entries": [{"id": "a", "title": {"zh": "甲", "en": "A"}, "text": {"zh": "甲", "en": "A"}, "photos": photos}]});
        let loaded = event_microsite::content::load::<event_microsite::content::Timeline>(
            "timeline.json",
            &timeline.to_string(),
        );
        assert!(loaded.is_ok(), "{:?}", loaded.err());

        // A second run finds everything done.
        let again = run(&src, &out, "content/photos").unwrap();
        assert!(again.iter().all(|d| d.skipped));
        std::fs::remove_dir_all(work).unwrap();
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug(Path::new("IMG 0042.JPG")), "img-0042");
        assert_eq!(slug(Path::new("合影.jpg")), "photo");
        assert_eq!(slug(Path::new("--Oath__2--.png")), "oath-2");
    }
}
