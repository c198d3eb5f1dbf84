//! The one error type of a conversion: why a file yielded no document.
//!
//! Problems *inside* a notice are [`crate::diagnostic::Diagnostic`]s and do not
//! stop it; an [`Error`] means there is no document at all.

use onshi_pdf_text::{ErrorCode, ExtractError};
use serde::{Deserialize, Serialize};

use crate::mail::MailError;
use crate::notice::NotANotice;

/// Why a file gave no document.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    /// Extraction failed (see [`ErrorCode`]).
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// The text is not a notice.
    #[error(transparent)]
    NotANotice(#[from] NotANotice),
    /// A saved mail, or a part of it, could not be read.
    #[error(transparent)]
    Mail(#[from] MailError),
    /// `size` is what the metadata said, or `None` when reading went past the
    /// limit (a file that grew, or one whose metadata gives no size).
    #[error("{}", too_large_message(*.size, *.limit))]
    FileTooLarge {
        /// The size the metadata gave, if it gave one.
        size: Option<u64>,
        /// [`crate::Options::max_file_bytes`].
        limit: u64,
    },
    /// Only regular files are read: a FIFO would block, a device never end.
    #[error("not a regular file but {0}; only regular files are read")]
    NotAFile(&'static str),
    /// Two inputs would be written under one id (names that differ only in
    /// case, on a file system that ignores case, or two whole paths that
    /// spell alike); the second is not written.
    #[error("its id `{id}` is already taken by {}; rename one of them", .other.display())]
    IdCollision {
        /// The id.
        id: String,
        /// The input that has it.
        other: std::path::PathBuf,
    },
    /// The id would be too long for a file name (`<id>.json`).
    #[error("its id is {0} bytes long, more than the {MAX_ID_BYTES} a file name can hold; move it to a shorter path")]
    IdTooLong(usize),
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
            Error::NotANotice(_) | Error::Mail(MailError::NoNotice(_)) => FileCode::NotANotice.into(),
            Error::Mail(MailError::Malformed(_) | MailError::TransferEncoding { .. }) => FileCode::MalformedMail.into(),
            Error::Mail(MailError::SeveralParts(_)) => FileCode::SeveralParts.into(),
            Error::FileTooLarge { .. } => FileCode::FileTooLarge.into(),
            Error::NotAFile(_) => FileCode::NotAFile.into(),
            Error::IdCollision { .. } => FileCode::IdCollision.into(),
            Error::IdTooLong(_) => FileCode::IdTooLong.into(),
            Error::Internal(_) => ErrorCode::InternalError.into(),
        }
    }
}

/// The message a panic was raised with.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// The longest id a batch gives out: `<id>.json` and its temporary name must
/// fit the 255 bytes of a file name.
pub const MAX_ID_BYTES: usize = 200;

fn too_large_message(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("the file has {size} bytes, more than the limit of {limit}"),
        None => format!("the file has more than the limit of {limit} bytes; reading stopped there"),
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

onshi_pdf_text::codes! {
    /// Why a file gave no document, before or after extraction.
    FileCode {
        NotFound = "not_found": "the file does not exist",
        Io = "io": "the file cannot be read (also a folder that cannot be searched, or a symlink loop)",
        FileTooLarge = "file_too_large": "the file is larger than the size limit",
        NotAFile = "not_a_file": "the input is not a regular file (a FIFO, a device, a socket): it is not read",
        IdCollision = "id_collision": "the input's id (its `<id>.json`) is already taken by another input of the batch; it is not written",
        IdTooLong = "id_too_long": "the input's id is longer than a file name can hold (200 bytes); it is not written",
        NotANotice = "not_a_notice": "the text has no 事務連絡 head, title, 範囲 or 期間 (a mail: none of its parts is a notice)",
        MalformedMail = "malformed_mail": "a saved mail whose MIME structure, or a part's base64 or quoted-printable, cannot be read",
        SeveralParts = "several_parts": "a mail carries several parts where the library was asked for one document (the command line reads each part)",
    }
}

/// Why a file gave no document: a [`FileCode`] or extraction's [`ErrorCode`].
/// Both are written as their snake_case names, so the JSON is one flat list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FailureCode {
    /// A failure of the file as a whole, before or after extraction.
    File(FileCode),
    /// A failure of extraction.
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
