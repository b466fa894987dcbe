//! What earlier runs made, kept next to the copies (`.xtask-photos.json`),
//! so a run can tell a photo is done from the original's size and time and
//! the copies' sizes alone, without reading or decoding anything. It names
//! no original: each is known by a hash of its name, size and time.

use super::make::write_atomically;
use super::{JPEG_QUALITY, Photo, WEBP_QUALITY, WIDTHS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// The manifest's file name in the output folder.
pub const FILE: &str = ".xtask-photos.json";

/// The photos made so far, by [`key`].
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// The sizes and qualities the copies were made with; a manifest made
    /// with others counts for nothing.
    settings: String,
    photos: BTreeMap<String, Photo>,
}

/// The settings the copies are made with, as the manifest records them.
fn settings() -> String {
    format!("widths {WIDTHS:?}, JPEG {JPEG_QUALITY}, WebP {WEBP_QUALITY}")
}

/// The key of an original: a hash of its file name, size and modification
/// time (the original may be replaced; it is then made again).
pub fn key(file_name: &str, meta: &Metadata) -> String {
    let nanos = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let text = format!("{file_name}\0{}\0{nanos}", meta.len());
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

impl Manifest {
    /// The manifest in `out`; an empty one if there is none, it cannot be
    /// read, or it was made with other settings.
    pub fn load(out: &Path) -> Manifest {
        std::fs::read_to_string(out.join(FILE))
            .ok()
            .and_then(|text| serde_json::from_str::<Manifest>(&text).ok())
            .filter(|manifest| manifest.settings == settings())
            .unwrap_or_else(|| Manifest {
                settings: settings(),
                photos: BTreeMap::new(),
            })
    }

    /// Writes the manifest into `out` (through a temporary file).
    pub fn save(&self, out: &Path) -> anyhow::Result<()> {
        write_atomically(out, FILE, serde_json::to_string_pretty(self)?.as_bytes())
    }

    /// The photo made from the original with this key, if every one of its
    /// copies is still in `out` at the size it was written.
    pub fn done(&self, key: &str, out: &Path) -> Option<&Photo> {
        let photo = self.photos.get(key)?;
        let intact = photo.files.iter().all(|(file, &size)| {
            std::fs::symlink_metadata(out.join(file)).is_ok_and(|m| m.is_file() && m.len() == size)
        });
        intact.then_some(photo)
    }

    /// Records what the original with this key became.
    pub fn record(&mut self, key: String, photo: Photo) {
        self.photos.insert(key, photo);
    }
}
