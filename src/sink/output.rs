//! The file behind a stream sink (JSON Lines, CSV): replaced whole when the
//! batch finishes, so the last complete file stays until the new one is
//! complete and a batch that fails leaves it untouched; or, for an output that
//! is no regular file (`/dev/null`, a FIFO), written in place.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::{Sink, Stats};
use crate::Document;

/// A buffered writer into the output `path`; [`Output::commit`] puts what
/// was written in place. Dropped uncommitted, it removes its temporary file.
pub struct Output {
    target: Target,
    path: PathBuf,
}

enum Target {
    /// A temporary file beside the output, renamed to it by the commit.
    Replacing(BufWriter<NamedTempFile>),
    /// The output itself: renaming over a device or a pipe would put a plain
    /// file where it was.
    InPlace(BufWriter<File>),
}

impl Output {
    /// The output `path`: written in place if it is a device or a FIFO, else a
    /// temporary file beside it (after removing those that earlier runs left).
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let target = if super::is_written_in_place(path) {
            Target::InPlace(BufWriter::new(super::open_in_place(path)?))
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            // Best effort: the folder is not ours, and a failure to tidy it is
            // no reason to refuse the run (creating the file says what is wrong).
            if let Err(e) = super::remove_stale_temporaries(dir) {
                log::debug!("leftover temporary files not removed: {e}");
            }
            let temp = super::temporary_beside(path).map_err(|e| super::at(path, e))?;
            Target::Replacing(BufWriter::new(temp))
        };
        Ok(Output {
            target,
            path: path.to_path_buf(),
        })
    }

    /// Everything written reaches the output: flushed and, for a replaced
    /// file, renamed over it. Errors name the output, never the temporary file.
    pub fn commit(self) -> std::io::Result<()> {
        let commit = || match self.target {
            Target::Replacing(writer) => {
                let temp = writer.into_inner().map_err(|e| e.into_error())?;
                // On disk before it takes the target's name: a crash right after
                // the rename must not leave an empty or partial file there.
                temp.as_file().sync_all()?;
                temp.persist(&self.path).map(drop).map_err(|e| e.error)
            }
            Target::InPlace(mut writer) => writer.flush(),
        };
        commit().map_err(|e| super::at(&self.path, e))
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.target {
            Target::Replacing(w) => w.write(buf),
            Target::InPlace(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.target {
            Target::Replacing(w) => w.flush(),
            Target::InPlace(w) => w.flush(),
        }
    }
}

/// A stream sink that gives back the [`Output`] it writes to.
pub trait IntoOutput {
    /// The output, back.
    fn into_output(self) -> Output;
}

/// A stream sink `S` into an [`Output`] file: its errors name the file, and
/// [`Sink::finish`] commits the output.
pub struct FileSink<S> {
    /// `None` once finished.
    sink: Option<S>,
    path: PathBuf,
}

impl<S> FileSink<S> {
    /// `sink`, writing into the output `path`.
    pub fn new(sink: S, path: &Path) -> Self {
        FileSink {
            sink: Some(sink),
            path: path.to_path_buf(),
        }
    }

    fn sink(&mut self) -> std::io::Result<&mut S> {
        self.sink
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the batch is already finished"))
    }
}

impl<S: Sink + IntoOutput> Sink for FileSink<S> {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        let result = self.sink()?.document(id, doc);
        result.map_err(|e| super::at(&self.path, e))
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        let result = self.sink()?.failure(id, file, code, message);
        result.map_err(|e| super::at(&self.path, e))
    }

    fn finish(&mut self, stats: &Stats) -> std::io::Result<()> {
        let mut sink = self
            .sink
            .take()
            .ok_or_else(|| std::io::Error::other("the batch is already finished"))?;
        sink.finish(stats).map_err(|e| super::at(&self.path, e))?;
        sink.into_output().commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let entries = std::fs::read_dir(dir).unwrap();
        entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn the_file_is_replaced_on_commit_and_untouched_without() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "old").unwrap();

        let mut dropped = Output::create(&path).unwrap();
        dropped.write_all(b"new").unwrap();
        assert_eq!(names(dir.path()).len(), 2, "a temporary file beside it");
        drop(dropped);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.jsonl"]);

        let mut committed = Output::create(&path).unwrap();
        committed.write_all(b"new").unwrap();
        committed.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.jsonl"]);
    }
}
