//! A file that grows by whole batches, for the sinks of a long-running
//! `watch`: what a batch writes is kept in memory and appended in one write
//! when the sink flushes at the batch's end, so a batch that fails half-way
//! adds nothing, and a reader sees the file grow by complete lines.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes go to memory; [`Write::flush`] appends them to the file (created if
/// missing, with the usual mode).
pub struct AppendOnFlush {
    path: PathBuf,
    pending: Vec<u8>,
}

impl AppendOnFlush {
    /// Bytes for `path`, kept until the batch is flushed.
    pub fn new(path: &Path) -> Self {
        AppendOnFlush {
            path: path.to_path_buf(),
            pending: Vec::new(),
        }
    }

    /// Whether the file is missing or empty: a stream with a header (CSV)
    /// writes it first.
    pub fn is_new(&self) -> bool {
        std::fs::metadata(&self.path).map_or(true, |m| m.len() == 0)
    }
}

impl Write for AppendOnFlush {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let append = || {
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?;
            file.write_all(&self.pending)
        };
        append().map_err(|e| super::at(&self.path, e))?;
        self.pending.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_reaches_the_file_before_the_flush() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut out = AppendOnFlush::new(&path);
        assert!(out.is_new());
        out.write_all(b"a\n").unwrap();
        assert!(!path.exists());
        out.flush().unwrap();
        out.write_all(b"b\n").unwrap();
        out.flush().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a\nb\n");
        assert!(!AppendOnFlush::new(&path).is_new());
    }
}
