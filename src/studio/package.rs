//! The content as one zip to drop into a built site's `content/`: the four
//! files and the photos' copies, each at its place (`site.json`,
//! `photos/…`). Photos are stored as they are (JPEG and WebP are already
//! compressed), the JSON files deflated.

use std::io::Write;
use zip::write::SimpleFileOptions;

/// A zip of `files` (path inside `content/`, bytes).
pub fn content_zip(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        let method = if path.ends_with(".json") {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
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
        let bytes = content_zip(&files).unwrap();
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
