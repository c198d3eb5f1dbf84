//! One `<id>.json` per notice, each written atomically: a temporary file in
//! the same folder, renamed into place, so a reader never sees half a file
//! and a failure leaves nothing behind. Files get the usual mode (0666 less
//! the umask); temporary files a killed run left behind are removed when the
//! folder is next opened.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Sink, Stats};
use crate::Document;

/// A folder of `<id>.json` files, one per document, each written atomically.
pub struct JsonDir {
    dir: PathBuf,
}

impl JsonDir {
    /// Use `dir`, creating it if needed, and remove what crashed runs left.
    pub fn create(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        super::remove_stale_temporaries(dir)?;
        Ok(JsonDir { dir: dir.to_path_buf() })
    }

    /// The file the document of `id` goes to.
    pub fn path_for(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }
}

/// Write `bytes` to `path` atomically: a killed process leaves the old file
/// or the new one, never a mix. (No fsync per file: that would cost more
/// than the conversion, and the rename already gives the atomicity readers need.)
/// Errors name `path`, never the temporary file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let write = || {
        let mut file = super::temporary_beside(path)?;
        file.write_all(bytes)?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| super::at(path, e))
}

impl Sink for JsonDir {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        let mut json = serde_json::to_vec_pretty(doc).map_err(std::io::Error::other)?;
        json.push(b'\n');
        write_atomic(&self.path_for(id), &json)
    }

    fn failure(&mut self, id: &str, _file: &str, _code: &str, _message: &str) -> std::io::Result<()> {
        // A stale document from an earlier run would claim the file still converts.
        let path = self.path_for(id);
        match std::fs::remove_file(&path) {
            // A name too long to exist (`id_too_long`) has nothing to remove either.
            Err(e)
                if !matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::InvalidFilename
                ) =>
            {
                Err(super::at(&path, e))
            }
            _ => Ok(()),
        }
    }

    fn finish(&mut self, _stats: &Stats) -> std::io::Result<()> {
        Ok(())
    }
}
