//! The one error type of a conversion: why a file yielded no document.
//!
//! Problems *inside* a notice are [`crate::diagnostic::Diagnostic`]s and do not
//! stop it; an [`Error`] means there is no document at all.

use crate::extract::ExtractError;
use crate::notice::NotANotice;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error(transparent)]
    NotANotice(#[from] NotANotice),
    /// `size` is what the metadata said, or `None` when reading went past the
    /// limit (a file that grew, or one whose metadata gives no size).
    #[error("{}", too_large_message(*.size, *.limit))]
    FileTooLarge { size: Option<u64>, limit: u64 },
    /// Only regular files are read: a FIFO would block, a device never end.
    #[error("not a regular file but {0}; only regular files are read")]
    NotAFile(&'static str),
    /// Two inputs would be written under one id (names that differ only in
    /// case, on a file system that ignores case, or two whole paths that
    /// spell alike); the second is not written.
    #[error("its id `{id}` is already taken by {}; rename one of them", .other.display())]
    IdCollision { id: String, other: std::path::PathBuf },
    /// The id would be too long for a file name (`<id>.json`).
    #[error("its id is {0} bytes long, more than the {MAX_ID_BYTES} a file name can hold; move it to a shorter path")]
    IdTooLong(usize),
    /// A bug: the conversion panicked. The batch goes on without this file.
    #[error("internal error (please report it with the file): {0}")]
    Internal(String),
}

impl Error {
    /// A stable identifier for the kind of failure, listed in the README.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => "not_found",
            Error::Io(_) => "io",
            Error::Extract(e) => e.code(),
            Error::NotANotice(_) => "not_a_notice",
            Error::FileTooLarge { .. } => "file_too_large",
            Error::NotAFile(_) => "not_a_file",
            Error::IdCollision { .. } => "id_collision",
            Error::IdTooLong(_) => "id_too_long",
            Error::Internal(_) => "internal_error",
        }
    }
}

/// The longest id a batch gives out: `<id>.json` and its temporary name must
/// fit the 255 bytes of a file name.
pub const MAX_ID_BYTES: usize = 200;

fn too_large_message(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("the file has {size} bytes, more than the limit of {limit} (--max-file-mb)"),
        None => format!("the file has more than the limit of {limit} bytes (--max-file-mb); reading stopped there"),
    }
}

/// An I/O error on an input as a sentence: what could not be done, never a
/// bare `(os error N)`.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "the file does not exist".to_owned(),
        K::IsADirectory => "it is a folder, not a file".to_owned(),
        _ => format!("cannot read the file: {}", io_reason(e)),
    }
}

/// The reason of an I/O error, lowercase, without the `(os error N)` number.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "it does not exist".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = os_error(e).map_or_else(
                || e.to_string(),
                |code| std::io::Error::from_raw_os_error(code).to_string(),
            );
            // `Some text (os error 5)`, or with a library's ` at path "…"` after
            // it: keep the text, drop the number and the rest.
            let text = match text.find(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            lowercase_first(&text)
        }
    }
}

/// The OS error under `e`, also when a library wrapped it.
fn os_error(e: &std::io::Error) -> Option<i32> {
    if let Some(code) = e.raw_os_error() {
        return Some(code);
    }
    let mut inner: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|i| i as _);
    while let Some(err) = inner {
        if let Some(code) = err
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::raw_os_error)
        {
            return Some(code);
        }
        inner = err.source();
    }
    None
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every failure code (`Error::code`, including extraction's), with what it
/// means. The README's list is checked against this one.
pub const FAILURE_CODES: &[(&str, &str)] = &[
    ("not_found", "the file does not exist"),
    ("io", "the file cannot be read"),
    ("file_too_large", "the file is larger than `--max-file-mb`"),
    (
        "not_a_file",
        "the input is not a regular file (a FIFO, a device, a socket): it is not read",
    ),
    (
        "id_collision",
        "the input's id (its `<id>.json`) is already taken by another input of the batch; it is not written",
    ),
    (
        "id_too_long",
        "the input's id is longer than a file name can hold (200 bytes); it is not written",
    ),
    ("empty_file", "the file is empty"),
    ("binary_file", "the file is binary data, not text"),
    (
        "undecodable_text",
        "the text is in none of UTF-8, UTF-16, Shift_JIS or EUC-JP",
    ),
    ("not_a_notice", "the text has no 事務連絡 head, title, 範囲 or 期間"),
    ("not_pdf", "the file is not a PDF"),
    ("encrypted", "the PDF needs a password"),
    ("corrupt", "the PDF is damaged or truncated"),
    ("no_text_layer", "the PDF only paints images (a scan): run OCR first"),
    ("no_unicode_mapping", "the PDF's fonts cannot be mapped to Unicode"),
    ("mojibake", "the extracted text is garbled"),
    (
        "too_large",
        "the PDF exceeds a limit (decompressed size, pages, glyphs, time)",
    ),
    ("extractor_panicked", "a dependency panicked while reading the PDF"),
    (
        "extractor_unavailable",
        "`--extractor pdftotext` but pdftotext cannot be run",
    ),
    ("extractor_crashed", "with `--isolate`, the extraction child died"),
    ("internal_error", "a bug: please report it with the file"),
];
