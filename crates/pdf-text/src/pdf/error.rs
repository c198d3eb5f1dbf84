//! The one error type of PDF extraction, with a stable code per kind.

use std::fmt;

use crate::ErrorCode;

/// Why a PDF yielded no usable text. Each kind has a stable [`PdfError::code`].
///
/// ```
/// use onshi_pdf_text::pdf::{PdfErrorKind, PdfOptions, extract_pdf};
///
/// let e = extract_pdf(b"PK\x03\x04", &PdfOptions::default()).unwrap_err();
/// assert!(matches!(e.kind(), PdfErrorKind::NotPdf { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfErrorKind {
    /// The input is not a PDF at all (empty, or no `%PDF-` header).
    NotPdf {
        /// What the input is instead: empty, or how it starts.
        found: String,
    },
    /// The document is encrypted with a password we do not have.
    Encrypted {
        /// What the PDF reader said.
        detail: String,
    },
    /// The file is truncated or damaged so that its text cannot be read completely.
    Corrupt {
        /// What is damaged.
        detail: String,
        /// The 1-based page, when the damage is on one page.
        page: Option<u32>,
    },
    /// The pages only paint images (a scan): there is no text to extract.
    NoTextLayer {
        /// How many pages the document has.
        pages: u32,
    },
    /// Text is drawn with fonts whose glyphs cannot be mapped to Unicode.
    NoUnicodeMapping {
        /// The fonts, each named with what is missing.
        fonts: Vec<String>,
    },
    /// Text was decoded but does not look like Japanese text.
    Mojibake {
        /// What about the text gave it away.
        detail: String,
    },
    /// A limit in [`PdfOptions`](super::PdfOptions) was exceeded.
    TooLarge {
        /// Which limit, and by how much.
        detail: String,
    },
    /// A dependency panicked while extracting; the panic was contained.
    ExtractorPanicked {
        /// `builtin` or `pdf-extract`.
        extractor: &'static str,
        /// The panic's message and location.
        message: String,
    },
    /// The requested external extractor could not be run.
    ExtractorUnavailable {
        /// The program that was to be run.
        program: String,
        /// Why it could not be run.
        detail: String,
    },
}

/// An extraction failure. [`PdfError::code`] is stable and meant for diagnostics;
/// the `Display` text is a lowercase sentence for people.
///
/// ```
/// use onshi_pdf_text::{ErrorCode, PdfError};
/// use onshi_pdf_text::pdf::{PdfErrorKind, PdfOptions, extract_pdf};
///
/// let e = extract_pdf(b"", &PdfOptions::default()).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::NotPdf);
/// assert_eq!(e.to_string(), "not a PDF: the input is empty");
///
/// let e = PdfError::new(PdfErrorKind::NoTextLayer { pages: 2 });
/// assert_eq!(e.code().as_str(), "no_text_layer");
/// assert_eq!(e.page(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError {
    kind: PdfErrorKind,
}

impl PdfError {
    /// An error of `kind`, for callers that wrap another extractor and
    /// report its failures the same way. See [`PdfError`].
    pub fn new(kind: PdfErrorKind) -> Self {
        PdfError { kind }
    }

    /// What went wrong, with its particulars. See [`PdfErrorKind`].
    pub fn kind(&self) -> &PdfErrorKind {
        &self.kind
    }

    /// The stable identifier of the error kind, e.g. `no_text_layer`.
    /// See [`PdfError`].
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
    ///
    /// ```
    /// use onshi_pdf_text::PdfError;
    /// use onshi_pdf_text::pdf::PdfErrorKind;
    ///
    /// let e = PdfError::new(PdfErrorKind::Corrupt { detail: "a bad stream".into(), page: Some(3) });
    /// assert_eq!(e.page(), Some(3));
    /// assert_eq!(e.to_string(), "the PDF is damaged: page 3: a bad stream");
    /// ```
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
