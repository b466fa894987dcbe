//! Files as one zip: the content to drop into a built site's `content/`
//! (`site.json`, `photos/…`), or the whole site. Files that are already
//! compressed (photos, precompressed copies) are stored as they are, the
//! others deflated.

use std::io::Write;
use zip::write::SimpleFileOptions;

/// A zip of `files` (path inside the zip, bytes).
pub fn zip_files(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        let compressed = [
            ".jpg", ".jpeg", ".webp", ".png", ".br", ".gz", ".mp4", ".m4a", ".mp3", ".webm",
        ];
        let method = if compressed
            .iter()
            .any(|end| path.to_ascii_lowercase().ends_with(end))
        {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        zip.start_file(
            path.as_str(),
            SimpleFileOptions::default().compression_method(method),
        )?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_holds_each_file_at_its_place() {
        let files = vec![
            ("site.json".to_string(), b"{\"title\": \"t\"}".to_vec()),
            (
                "photos/a-1-480.jpg".to_string(),
                vec![0xff, 0xd8, 0xff, 0xd9],
            ),
        ];
        let bytes = zip_files(&files).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        for (path, expected) in &files {
            let mut read = Vec::new();
            archive
                .by_name(path)
                .unwrap()
                .read_to_end(&mut read)
                .unwrap();
            assert_eq!(&read, expected);
        }
    }
}
