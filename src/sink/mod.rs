//! Where converted documents go: a folder of JSON files, a JSON Lines stream,
//! an SQLite database, a PostgreSQL database, CSV. All take the same [`Document`]s.

pub mod append;
pub mod csv;
pub mod json_dir;
pub mod jsonl;
pub mod output;
pub mod postgres;
pub mod sqlite;

use std::path::{Path, PathBuf};

use crate::Document;

/// The prefix and suffix of every temporary file the sinks write; the prefix
/// is followed by the writing process's id and a `-`.
const TEMP_PREFIX: &str = ".onshi-notice-";
const TEMP_SUFFIX: &str = ".part";

/// True for an output that must be written in place, not replaced: one that
/// exists and is not a regular file (`/dev/null`, a FIFO, a terminal).
/// Renaming a temporary file over it would put a plain file where a device
/// or a pipe was.
fn is_written_in_place(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Open an output that [`is_written_in_place`] for writing.
fn open_in_place(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| at(path, e))
}

/// A temporary file in `path`'s folder, to be renamed to `path`: mode 0666
/// less the umask (as a plain `create` would give), named so that a later run
/// knows it for a leftover ([`remove_stale_temporaries`]).
pub fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Remove the temporary files that runs no longer alive left in `dir` (a
/// killed run); those of a run still writing are left alone.
pub fn remove_stale_temporaries(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| at(dir, e))? {
        let entry = entry.map_err(|e| at(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX).filter(|_| name.ends_with(TEMP_SUFFIX)) else {
            continue;
        };
        let writer = rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok());
        if writer.is_some_and(process_alive) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        log::debug!("removing {}, left by an earlier run", entry.path().display());
        match std::fs::remove_file(entry.path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(at(&entry.path(), e)),
            _ => {}
        }
    }
    Ok(())
}

/// Whether the process `pid` still runs (this one included).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 checks without sending; EPERM means it exists under another user.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// An error about the output `path`: `PATH: message`.
pub fn at(path: &Path, e: std::io::Error) -> std::io::Error {
    if e.get_ref().is_some_and(|inner| inner.is::<OutputError>()) {
        return e;
    }
    let message = crate::error::io_reason(&e);
    std::io::Error::new(
        e.kind(),
        OutputError {
            path: path.to_path_buf(),
            message,
        },
    )
}

/// An error about an output file, with its path kept apart from the message
/// so that the command line can print it in its one format.
#[derive(Debug)]
pub struct OutputError {
    /// The output file.
    pub path: PathBuf,
    /// What went wrong with it.
    pub message: String,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for OutputError {}

/// A destination for the outcomes of a batch, fed in input order.
pub trait Sink {
    /// A document, under its batch id.
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()>;
    /// A file that gave no document.
    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()>;
    /// The batch is over; `stats` are its totals.
    fn finish(&mut self, stats: &Stats) -> std::io::Result<()>;
}

/// Totals of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Inputs seen.
    pub files: usize,
    /// Inputs that gave a document.
    pub converted: usize,
    /// Inputs that gave none.
    pub failed: usize,
    /// Activation records in all documents.
    pub activations: usize,
    /// Info diagnostics in all documents.
    pub infos: usize,
    /// Warning diagnostics in all documents.
    pub warnings: usize,
    /// Error diagnostics in all documents.
    pub errors: usize,
}

impl Stats {
    /// Count one input: its document, or `None` for a failure.
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
                crate::diagnostic::Severity::Info => self.infos += 1,
                crate::diagnostic::Severity::Warning => self.warnings += 1,
                crate::diagnostic::Severity::Error => self.errors += 1,
            }
        }
    }
}
