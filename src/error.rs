//! The one error type of a conversion: why a file yielded no document.
//!
//! Problems *inside* a notice are [`crate::diagnostic::Diagnostic`]s and do not
//! stop it; an [`Error`] means there is no document at all.

use crate::notice::NotANotice;
use onshi_pdf_text::{ErrorCode, ExtractError};
use serde::{Deserialize, Serialize};

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
            Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => FileCode::NotFound.into(),
            Error::Io(_) => FileCode::Io.into(),
            Error::Extract(e) => FailureCode::Extract(e.code()),
            Error::NotANotice(_) => FileCode::NotANotice.into(),
            Error::FileTooLarge { .. } => FileCode::FileTooLarge.into(),
            Error::Internal(_) => ErrorCode::InternalError.into(),
        }
    }
}

onshi_pdf_text::codes! {
    /// Why a file gave no document, before or after extraction.
    FileCode {
        NotFound = "not_found": "the file does not exist",
        Io = "io": "the file cannot be read",
        FileTooLarge = "file_too_large": "the file is larger than the size limit",
        NotANotice = "not_a_notice": "the text has no 事務連絡 head, title, 範囲 or 期間",
    }
}

/// Why a file gave no document: a [`FileCode`] or extraction's [`ErrorCode`].
/// Both are written as their snake_case names, so the JSON is one flat list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FailureCode {
    File(FileCode),
    Extract(ErrorCode),
}

impl FailureCode {
    /// Every failure code: the file's, then extraction's.
    pub fn all() -> impl Iterator<Item = FailureCode> {
        let file = FileCode::ALL.iter().copied().map(FailureCode::File);
        file.chain(ErrorCode::ALL.iter().copied().map(FailureCode::Extract))
    }

    /// The code as it is written in JSON and in the README (`not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            FailureCode::File(code) => code.as_str(),
            FailureCode::Extract(code) => code.as_str(),
        }
    }

    /// What the code means, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            FailureCode::File(code) => code.description(),
            FailureCode::Extract(code) => code.description(),
        }
    }
}

impl std::fmt::Display for FailureCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<FileCode> for FailureCode {
    fn from(code: FileCode) -> Self {
        FailureCode::File(code)
    }
}

impl From<ErrorCode> for FailureCode {
    fn from(code: ErrorCode) -> Self {
        FailureCode::Extract(code)
    }
}
