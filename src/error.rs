//! The one error type of a conversion: why a file yielded no document.
//!
//! Problems *inside* a notice are [`crate::diagnostic::Diagnostic`]s and do not
//! stop it; an [`Error`] means there is no document at all.

use crate::notice::NotANotice;
use onshi_pdf_text::{ErrorCode, ExtractError};
use schemars::JsonSchema;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error(transparent)]
    NotANotice(#[from] NotANotice),
    #[error("the file has {size} bytes, more than the limit of {limit}")]
    FileTooLarge { size: u64, limit: u64 },
    /// A bug: the conversion panicked. The batch goes on without this file.
    #[error("internal error (please report it with the file): {0}")]
    Internal(String),
}

impl Error {
    /// A stable identifier for the kind of failure, listed in the README.
    pub fn code(&self) -> FailureCode {
        match self {
            Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => FailureCode::NotFound,
            Error::Io(_) => FailureCode::Io,
            Error::Extract(e) => e.code().into(),
            Error::NotANotice(_) => FailureCode::NotANotice,
            Error::FileTooLarge { .. } => FailureCode::FileTooLarge,
            Error::Internal(_) => FailureCode::InternalError,
        }
    }
}

onshi_pdf_text::codes! {
    /// Why a file gave no document: the codes of this crate and those of
    /// extraction ([`ErrorCode`]), in one list.
    #[derive(JsonSchema)]
    FailureCode {
        NotFound = "not_found": "the file does not exist",
        Io = "io": "the file cannot be read",
        FileTooLarge = "file_too_large": "the file is larger than the size limit",
        EmptyFile = "empty_file": "the file is empty",
        BinaryFile = "binary_file": "the file is binary data, not text",
        UndecodableText = "undecodable_text": "the text is in none of UTF-8, UTF-16, Shift_JIS or EUC-JP",
        NotANotice = "not_a_notice": "the text has no 事務連絡 head, title, 範囲 or 期間",
        NotPdf = "not_pdf": "the file is not a PDF",
        Encrypted = "encrypted": "the PDF needs a password",
        Corrupt = "corrupt": "the PDF is damaged or truncated",
        NoTextLayer = "no_text_layer": "the PDF only paints images (a scan): run OCR first",
        NoUnicodeMapping = "no_unicode_mapping": "the PDF's fonts cannot be mapped to Unicode",
        Mojibake = "mojibake": "the extracted text is garbled",
        TooLarge = "too_large": "the PDF exceeds a limit (decompressed size, pages, glyphs, time)",
        ExtractorPanicked = "extractor_panicked": "a dependency panicked while reading the PDF",
        ExtractorUnavailable = "extractor_unavailable": "the pdftotext extractor was chosen but cannot be run",
        ExtractorCrashed = "extractor_crashed": "the isolated extraction child died",
        InternalError = "internal_error": "a bug: please report it with the file",
    }
}

impl From<ErrorCode> for FailureCode {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::EmptyFile => FailureCode::EmptyFile,
            ErrorCode::BinaryFile => FailureCode::BinaryFile,
            ErrorCode::UndecodableText => FailureCode::UndecodableText,
            ErrorCode::NotPdf => FailureCode::NotPdf,
            ErrorCode::Encrypted => FailureCode::Encrypted,
            ErrorCode::Corrupt => FailureCode::Corrupt,
            ErrorCode::NoTextLayer => FailureCode::NoTextLayer,
            ErrorCode::NoUnicodeMapping => FailureCode::NoUnicodeMapping,
            ErrorCode::Mojibake => FailureCode::Mojibake,
            ErrorCode::TooLarge => FailureCode::TooLarge,
            ErrorCode::ExtractorPanicked => FailureCode::ExtractorPanicked,
            ErrorCode::ExtractorUnavailable => FailureCode::ExtractorUnavailable,
            ErrorCode::ExtractorCrashed => FailureCode::ExtractorCrashed,
            ErrorCode::InternalError => FailureCode::InternalError,
        }
    }
}
