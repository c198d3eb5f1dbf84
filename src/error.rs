//! The one error type of a conversion: why a file yielded no document.
//!
//! Problems *inside* a notice are [`crate::diagnostic::Diagnostic`]s and do not
//! stop it; an [`Error`] means there is no document at all.

use crate::extract::ExtractError;
use crate::notice::NotANotice;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error(transparent)]
    NotANotice(#[from] NotANotice),
    #[error("the file has {size} bytes, more than the limit of {limit} (--max-file-mb)")]
    FileTooLarge { size: u64, limit: u64 },
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
            Error::Internal(_) => "internal_error",
        }
    }
}

/// Every failure code (`Error::code`, including extraction's), with what it
/// means. The README's list is checked against this one.
pub const FAILURE_CODES: &[(&str, &str)] = &[
    ("not_found", "the file does not exist"),
    ("io", "the file cannot be read"),
    ("file_too_large", "the file is larger than `--max-file-mb`"),
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
