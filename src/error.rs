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
