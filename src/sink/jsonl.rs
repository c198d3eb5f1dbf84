//! JSON Lines: one value per line, `{"type": …, "id": …, "data": …}`.
//!
//! Types: `notice` (the header facts and source), `activation`, `scope`,
//! `diagnostic`, `failure` (a file that gave no document) and, last, `stats`.
//! Every line but `stats` carries the notice `id` it belongs to.

use std::io::Write;

use serde::Serialize;

use super::output::{FileSink, IntoOutput, Output};
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

/// JSON Lines into a file ([`Output`]): replaced when the batch finishes,
/// or written in place if it is a device or a FIFO.
pub type JsonLinesFile = FileSink<JsonLines<Output>>;

impl JsonLinesFile {
    /// JSON Lines into `path`.
    pub fn create(path: &std::path::Path) -> std::io::Result<Self> {
        Ok(FileSink::new(JsonLines::new(Output::create(path)?), path))
    }
}

impl IntoOutput for JsonLines<Output> {
    fn into_output(self) -> Output {
        self.into_inner()
    }
}
