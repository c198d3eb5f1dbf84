//! Where converted documents go: a folder of JSON files, a JSON Lines stream,
//! an SQLite database. All three take the same [`Document`]s.

pub mod json_dir;
pub mod jsonl;
pub mod sqlite;

use crate::Document;

/// A destination for the outcomes of a batch, fed in input order.
pub trait Sink {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()>;
    /// A file that gave no document.
    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()>;
    /// The batch is over; `stats` are its totals.
    fn finish(&mut self, stats: &Stats) -> std::io::Result<()>;
}

/// Totals of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub files: usize,
    pub converted: usize,
    pub failed: usize,
    pub activations: usize,
    pub warnings: usize,
    pub errors: usize,
}

impl Stats {
    pub fn add(&mut self, doc: Option<&Document>) {
        self.files += 1;
        let Some(doc) = doc else {
            self.failed += 1;
            return;
        };
        self.converted += 1;
        self.activations += doc.activations.len();
        for d in &doc.diagnostics {
            match d.severity {
                crate::diagnostic::Severity::Warning => self.warnings += 1,
                crate::diagnostic::Severity::Error => self.errors += 1,
            }
        }
    }
}
