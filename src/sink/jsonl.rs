//! JSON Lines: one value per line, `{"type": …, "id": …, "data": …}`.
//!
//! Types: `notice` (the header facts and source), `activation`, `scope`,
//! `diagnostic`, `failure` (a file that gave no document) and, last, `stats`.
//! Every line but `stats` carries the notice `id` it belongs to.

use std::io::Write;

use serde::Serialize;

use super::{Sink, Stats};
use crate::Document;
use crate::records::{Notice, Source};

/// JSON Lines: one compact document (or failure) per line.
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    /// Lines written to `out`.
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }

    /// The writer, back.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn line<T: Serialize>(&mut self, kind: &str, id: Option<&str>, data: &T) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Line<'a, T> {
            #[serde(rename = "type")]
            kind: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            id: Option<&'a str>,
            data: &'a T,
        }
        serde_json::to_writer(&mut self.out, &Line { kind, id, data }).map_err(std::io::Error::from)?;
        self.out.write_all(b"\n")
    }
}

#[derive(Serialize)]
struct NoticeLine<'a> {
    schema_version: &'a str,
    source: &'a Source,
    notice: &'a Notice,
}

#[derive(Serialize)]
struct Failure<'a> {
    file: &'a str,
    code: &'a str,
    message: &'a str,
}

impl<W: Write> Sink for JsonLines<W> {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        let id = Some(id);
        let head = NoticeLine {
            schema_version: &doc.schema_version,
            source: &doc.source,
            notice: &doc.notice,
        };
        self.line("notice", id, &head)?;
        for a in &doc.activations {
            self.line("activation", id, a)?;
        }
        for s in &doc.scopes {
            self.line("scope", id, s)?;
        }
        for d in &doc.diagnostics {
            self.line("diagnostic", id, d)?;
        }
        Ok(())
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        self.line("failure", Some(id), &Failure { file, code, message })
    }

    fn finish(&mut self, stats: &Stats) -> std::io::Result<()> {
        self.line("stats", None, stats)?;
        self.out.flush()
    }
}

/// JSON Lines into a file, written to a temporary file beside it and renamed
/// into place by [`Sink::finish`]: the last complete file stays until the new
/// one is complete, and a batch that fails leaves it untouched.
pub struct JsonLinesFile {
    /// `None` once finished.
    lines: Option<JsonLines<std::io::BufWriter<tempfile::NamedTempFile>>>,
    path: std::path::PathBuf,
}

impl JsonLinesFile {
    /// A temporary file beside `path`, renamed to `path` when the batch finishes.
    pub fn create(path: &std::path::Path) -> std::io::Result<Self> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => std::path::Path::new("."),
        };
        // Best effort: the folder is not ours, and a failure to tidy it is
        // no reason to refuse the run (creating the file says what is wrong).
        if let Err(e) = super::remove_stale_temporaries(dir) {
            log::debug!("leftover temporary files not removed: {e}");
        }
        let temp = super::temporary_beside(path).map_err(|e| super::at(path, e))?;
        Ok(JsonLinesFile {
            lines: Some(JsonLines::new(std::io::BufWriter::new(temp))),
            path: path.to_path_buf(),
        })
    }

    fn lines(&mut self) -> std::io::Result<&mut JsonLines<std::io::BufWriter<tempfile::NamedTempFile>>> {
        self.lines
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the batch is already finished"))
    }
}

impl Sink for JsonLinesFile {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        let result = self.lines()?.document(id, doc);
        result.map_err(|e| super::at(&self.path, e))
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        let result = self.lines()?.failure(id, file, code, message);
        result.map_err(|e| super::at(&self.path, e))
    }

    fn finish(&mut self, stats: &Stats) -> std::io::Result<()> {
        let mut lines = self
            .lines
            .take()
            .ok_or_else(|| std::io::Error::other("the batch is already finished"))?;
        let finish = || {
            lines.finish(stats)?;
            let temp = lines.into_inner().into_inner().map_err(|e| e.into_error())?;
            temp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        };
        finish().map_err(|e| super::at(&self.path, e))
    }
}
