//! The one error type of PDF extraction, with a stable code per kind.

use std::fmt;

use crate::ErrorCode;

/// Why a PDF yielded no usable text. Each kind has a stable [`PdfError::code`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfErrorKind {
    /// The input is not a PDF at all (empty, or no `%PDF-` header).
    NotPdf { found: String },
    /// The document is encrypted with a password we do not have.
    Encrypted { detail: String },
    /// The file is truncated or damaged so that its text cannot be read completely.
    Corrupt { detail: String, page: Option<u32> },
    /// The pages only paint images (a scan): there is no text to extract.
    NoTextLayer { pages: u32 },
    /// Text is drawn with fonts whose glyphs cannot be mapped to Unicode.
    NoUnicodeMapping { fonts: Vec<String> },
    /// Text was decoded but does not look like Japanese text.
    Mojibake { detail: String },
    /// A limit in [`PdfOptions`](super::PdfOptions) was exceeded.
    TooLarge { detail: String },
    /// A dependency panicked while extracting; the panic was contained.
    ExtractorPanicked { extractor: &'static str, message: String },
    /// The requested external extractor could not be run.
    ExtractorUnavailable { program: String, detail: String },
}

/// An extraction failure. [`PdfError::code`] is stable and meant for diagnostics;
/// the `Display` text is a lowercase sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError {
    kind: PdfErrorKind,
}

impl PdfError {
    pub fn new(kind: PdfErrorKind) -> Self {
        PdfError { kind }
    }

    pub fn kind(&self) -> &PdfErrorKind {
        &self.kind
    }

    /// The stable identifier of the error kind, e.g. `"no_text_layer"`.
    pub fn code(&self) -> ErrorCode {
        match self.kind {
            PdfErrorKind::NotPdf { .. } => ErrorCode::NotPdf,
            PdfErrorKind::Encrypted { .. } => ErrorCode::Encrypted,
            PdfErrorKind::Corrupt { .. } => ErrorCode::Corrupt,
            PdfErrorKind::NoTextLayer { .. } => ErrorCode::NoTextLayer,
            PdfErrorKind::NoUnicodeMapping { .. } => ErrorCode::NoUnicodeMapping,
            PdfErrorKind::Mojibake { .. } => ErrorCode::Mojibake,
            PdfErrorKind::TooLarge { .. } => ErrorCode::TooLarge,
            PdfErrorKind::ExtractorPanicked { .. } => ErrorCode::ExtractorPanicked,
            PdfErrorKind::ExtractorUnavailable { .. } => ErrorCode::ExtractorUnavailable,
        }
    }

    /// The 1-based page the error is about, when it is about one page.
    pub fn page(&self) -> Option<u32> {
        match self.kind {
            PdfErrorKind::Corrupt { page, .. } => page,
            _ => None,
        }
    }

    pub(crate) fn not_pdf(found: impl Into<String>) -> Self {
        Self::new(PdfErrorKind::NotPdf { found: found.into() })
    }

    pub(crate) fn corrupt(detail: impl Into<String>) -> Self {
        Self::new(PdfErrorKind::Corrupt {
            detail: detail.into(),
            page: None,
        })
    }

    pub(crate) fn corrupt_page(page: u32, detail: impl Into<String>) -> Self {
        Self::new(PdfErrorKind::Corrupt {
            detail: detail.into(),
            page: Some(page),
        })
    }

    pub(crate) fn too_large(detail: impl Into<String>) -> Self {
        Self::new(PdfErrorKind::TooLarge { detail: detail.into() })
    }

    pub(crate) fn mojibake(detail: impl Into<String>) -> Self {
        Self::new(PdfErrorKind::Mojibake { detail: detail.into() })
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            PdfErrorKind::NotPdf { found } => write!(f, "not a PDF: {found}"),
            PdfErrorKind::Encrypted { detail } => {
                write!(
                    f,
                    "the PDF is encrypted and cannot be read without its password ({detail})"
                )
            }
            PdfErrorKind::Corrupt {
                detail,
                page: Some(page),
            } => {
                write!(f, "the PDF is damaged: page {page}: {detail}")
            }
            PdfErrorKind::Corrupt { detail, page: None } => {
                write!(f, "the PDF is damaged: {detail}")
            }
            PdfErrorKind::NoTextLayer { pages } => write!(
                f,
                "the PDF has no text layer: its {pages} page{} only paint images, as a scan does; \
                 run OCR on it first (for example `ocrmypdf -l jpn in.pdf out.pdf`)",
                if *pages == 1 { "" } else { "s" }
            ),
            PdfErrorKind::NoUnicodeMapping { fonts } => write!(
                f,
                "the text cannot be mapped to Unicode: {}; the PDF would have to be re-exported \
                 with a ToUnicode map, or run through OCR",
                fonts.join("; ")
            ),
            PdfErrorKind::Mojibake { detail } => {
                write!(f, "the extracted text is garbled: {detail}")
            }
            PdfErrorKind::TooLarge { detail } => write!(f, "the PDF exceeds a limit: {detail}"),
            PdfErrorKind::ExtractorPanicked { extractor, message } => {
                write!(f, "the {extractor} extractor panicked: {message}")
            }
            PdfErrorKind::ExtractorUnavailable { program, detail } => write!(
                f,
                "the `{program}` program cannot be used: {detail}; install poppler-utils or use \
                 the builtin extractor"
            ),
        }
    }
}

impl std::error::Error for PdfError {}

impl From<PdfErrorKind> for PdfError {
    fn from(kind: PdfErrorKind) -> Self {
        PdfError::new(kind)
    }
}
