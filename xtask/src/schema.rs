//! `cargo xtask schema`: the content files' JSON Schemas, for editors.

use anyhow::Result;
use std::path::Path;

/// Writes the JSON Schemas generated from the content types.
pub fn write(content: &Path) -> Result<()> {
    use event_microsite::content::schema;
    let dir = content.join(schema::DIR);
    std::fs::create_dir_all(&dir)?;
    for (file, json) in schema::all() {
        let path = dir.join(schema::file_name(file));
        std::fs::write(&path, json)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
