//! Test photos made on the spot (no large files in the repository), and a
//! temporary folder. Shared by `tests/photos.rs` and the unit tests of
//! `src/photos` (through `#[path]`); each uses only some of it.
#![allow(dead_code)]

use image::ExtendedColorType;
use image::codecs::jpeg::JpegEncoder;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system's temporary folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("xtask-photos-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A sub-folder, made if need be.
    pub fn dir(&self, name: &str) -> PathBuf {
        let dir = self.0.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A JPEG `width` x `height` as a phone stores it: with an EXIF block
/// holding `orientation` (6 = turn 90° clockwise to view) and a GPS
/// position. `seed` varies the picture (gradients and noise, so it
/// compresses like a photo).
pub fn phone_jpeg(width: u32, height: u32, orientation: u16, seed: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 3);
    let mut noise = seed.wrapping_mul(2_654_435_761) | 1;
    for y in 0..height {
        for x in 0..width {
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            let grain = noise & 31;
            let r = (x * 200 / width + grain + seed * 37) % 256;
            let g = (y * 200 / height + grain) % 256;
            let b = ((x + y) * 100 / (width + height) + grain * 2) % 256;
            pixels.extend([r as u8, g as u8, b as u8]);
        }
    }
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode(&pixels, width, height, ExtendedColorType::Rgb8)
        .unwrap();
    with_exif(&jpeg, orientation)
}

/// `jpeg` with an EXIF APP1 segment (orientation and a GPS latitude)
/// right after its start-of-image marker.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes()); // IFD0 at 8
    tiff.extend(2u16.to_le_bytes()); // two entries
    tiff.extend([0x12, 0x01, 3, 0]); // Orientation, SHORT
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(orientation.to_le_bytes());
    tiff.extend([0, 0]);
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
    photo
}

/// A PNG of a few dozen bytes whose header claims `width` x `height`
/// pixels (RGB, 8 bits), with next to no image data.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &header);
    png_chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    png_chunk(&mut png, b"IEND", &[]);
    png
}

fn png_chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend((data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend(kind);
    png.extend(data);
    let crc = crc32(&png[start..]);
    png.extend(crc.to_be_bytes());
}

/// CRC-32 (IEEE), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
