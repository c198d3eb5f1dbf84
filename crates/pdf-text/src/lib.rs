#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod child;
mod codes;
pub mod grid_text;
pub mod layout;
pub mod normalize;
pub mod pdf;
pub mod text;

pub use codes::{ErrorCode, WarningCode};
pub use normalize::Position;
pub use pdf::{Extractor, PdfError, PdfOptions};
pub use text::TextError;

/// What kind of file the text came from, decided by content ([`is_pdf`]).
/// Serializes as `"pdf"` or `"text"`.
///
/// ```
/// use onshi_pdf_text::{ExtractOptions, Format, extract};
///
/// let extracted = extract("令和7年1月13日".as_bytes(), &ExtractOptions::default()).unwrap();
/// assert_eq!(extracted.format, Format::Text);
/// assert_eq!(serde_json::to_string(&Format::Pdf).unwrap(), r#""pdf""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A PDF document (a `%PDF-` header in the first KiB).
    Pdf,
    /// A text file in one of the supported encodings.
    Text,
}

/// Page texts as extracted, before normalization.
///
/// It is data (serde), so that an extraction child can hand it to its
/// parent, and a caller can keep it to show where its own findings came from.
///
/// ```
/// use onshi_pdf_text::{ExtractOptions, extract};
///
/// // A form feed separates the pages of a text rendering.
/// let extracted = extract("1頁目\u{000C}2頁目".as_bytes(), &ExtractOptions::default()).unwrap();
/// assert_eq!(extracted.pages, ["1頁目", "2頁目"]);
/// assert_eq!(extracted.decoded_by, "UTF-8");
/// assert!(extracted.warnings.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    /// One string per page, page 1 first; lines separated by `'\n'`.
    pub pages: Vec<String>,
    /// Whether the bytes were a PDF or text.
    pub format: Format,
    /// The text encoding (`UTF-8`, `Shift_JIS`, …, see [`text::DecodedText`]),
    /// or the PDF decoding path (see [`pdf::PdfText::method`]).
    pub decoded_by: String,
    /// What the extractor noticed but read past (glyphs without Unicode, a repaired xref…).
    #[serde(default)]
    pub warnings: Vec<ExtractWarning>,
}

/// A warning from extraction, carried into the document's diagnostics: the
/// text is there, but something about it deserves a look.
///
/// ```
/// use onshi_pdf_text::{ExtractWarning, WarningCode};
///
/// let w = ExtractWarning { code: WarningCode::XrefRepaired, message: "…".into(), page: None };
/// assert_eq!(w.code.as_str(), "xref_repaired");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExtractWarning {
    /// What kind of thing was read past; stable, for programs.
    pub code: WarningCode,
    /// The particulars, for people (which font, how many glyphs).
    pub message: String,
    /// The 1-based page it is about, if one.
    pub page: Option<u32>,
}

/// How to extract: the PDF limits and choices, and whether to run PDF
/// extraction in a child process.
///
/// The defaults suit untrusted input in-process; see [`PdfOptions`] for the
/// limits.
///
/// ```
/// use onshi_pdf_text::{ExtractOptions, Extractor};
///
/// let mut options = ExtractOptions::default();
/// options.pdf.max_pages = 50;
/// assert_eq!(options.pdf.extractor, Extractor::Builtin);
/// assert!(options.isolate.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExtractOptions {
    /// Limits and choices for PDF files; text files need none.
    pub pdf: PdfOptions,
    /// Run extraction in a child process (see [`child`]); `None` runs it here.
    #[serde(skip)]
    pub isolate: Option<child::Isolation>,
}

/// Why a file gave no text: the text decoder's error, the PDF extractor's,
/// or the extraction child's. [`ExtractError::code`] is the same stable code
/// whichever of them failed.
///
/// ```
/// use onshi_pdf_text::{ErrorCode, ExtractError, ExtractOptions, extract};
///
/// let e = extract(b"", &ExtractOptions::default()).unwrap_err();
/// assert!(matches!(e, ExtractError::Text(_)));
/// assert_eq!(e.code(), ErrorCode::EmptyFile);
/// assert_eq!(e.to_string(), "the file is empty");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The bytes are no PDF and no text in a supported encoding.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The bytes are a PDF whose text could not be read.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The extraction child reported an error, or died.
    #[error("{message}")]
    Child {
        /// The child's error code, or why the child failed.
        code: ErrorCode,
        /// The child's message, or what happened to the child.
        message: String,
    },
}

impl ExtractError {
    /// The stable code of the error, for programs and diagnostics.
    ///
    /// ```
    /// use onshi_pdf_text::{ErrorCode, ExtractOptions, extract};
    ///
    /// let e = extract(b"%PDF-1.7\n", &ExtractOptions::default()).unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::Corrupt);
    /// let e = extract(b"\x00\x01\x02 binary", &ExtractOptions::default()).unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::BinaryFile);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            ExtractError::Text(TextError::Empty) => ErrorCode::EmptyFile,
            ExtractError::Text(TextError::Binary { .. }) => ErrorCode::BinaryFile,
            ExtractError::Text(TextError::Undecodable { .. }) => ErrorCode::UndecodableText,
            ExtractError::Pdf(e) => e.code(),
            ExtractError::Child { code, .. } => *code,
        }
    }
}

/// The spec allows bytes before the header; readers look in the first KiB.
const PDF_HEADER_WINDOW: usize = 1024;

/// Whether `bytes` are a PDF: `%PDF-` within the first KiB, where readers
/// look for it. The file name is never consulted.
///
/// ```
/// use onshi_pdf_text::is_pdf;
///
/// assert!(is_pdf(b"%PDF-1.7\n..."));
/// assert!(is_pdf(b"\xEF\xBB\xBF junk before the header %PDF-1.4"));
/// assert!(!is_pdf("事務連絡".as_bytes()));
/// ```
pub fn is_pdf(bytes: &[u8]) -> bool {
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    window.windows(5).any(|w| w == b"%PDF-")
}

/// Extracts the page texts of a PDF or a text file, deciding which by content.
///
/// A PDF goes to the extraction child when [`ExtractOptions::isolate`] is
/// set, and is extracted in this process otherwise ([`extract_here`]); a text
/// file is always decoded here, as decoding cannot abort.
///
/// ```
/// use onshi_pdf_text::{ExtractOptions, extract};
///
/// // Shift_JIS, as older office systems write it.
/// let sjis = b"\x8e\x96\x96\xb1\x98\x41\x97\x8d"; // 事務連絡
/// let extracted = extract(sjis, &ExtractOptions::default()).unwrap();
/// assert_eq!(extracted.pages, ["事務連絡"]);
/// assert_eq!(extracted.decoded_by, "Shift_JIS");
/// ```
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Extracted, ExtractError> {
    match &options.isolate {
        Some(isolation) if is_pdf(bytes) => child::extract(bytes, options, isolation),
        _ => extract_here(bytes, options),
    }
}

/// Extraction in this process, whatever [`ExtractOptions::isolate`] says.
///
/// This is what the extraction child runs ([`child::serve`]); callers that
/// want no child can call [`extract`] with `isolate: None` instead.
///
/// ```
/// use onshi_pdf_text::{ErrorCode, ExtractOptions, extract_here};
///
/// let e = extract_here(b"%PDF-1.7\n", &ExtractOptions::default()).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::Corrupt);
/// ```
pub fn extract_here(bytes: &[u8], options: &ExtractOptions) -> Result<Extracted, ExtractError> {
    if is_pdf(bytes) {
        let pdf = pdf::extract_pdf(bytes, &options.pdf)?;
        let warnings = pdf
            .warnings
            .into_iter()
            .map(|w| ExtractWarning {
                code: w.code,
                message: w.message,
                page: w.page,
            })
            .collect();
        return Ok(Extracted {
            pages: pdf.pages,
            format: Format::Pdf,
            decoded_by: pdf.method.to_owned(),
            warnings,
        });
    }
    extract_text(bytes, None)
}

/// The pages of a text whose sender may have declared its charset (a mail
/// part); a declaration that is not followed is a
/// [`WarningCode::CharsetMismatch`] warning (see [`text::decode_declared`]).
///
/// ```
/// use onshi_pdf_text::{WarningCode, extract_text};
///
/// let extracted = extract_text("事務連絡".as_bytes(), Some("euc-kr")).unwrap();
/// assert_eq!(extracted.decoded_by, "UTF-8");
/// assert_eq!(extracted.warnings[0].code, WarningCode::CharsetMismatch);
/// ```
pub fn extract_text(bytes: &[u8], charset: Option<&str>) -> Result<Extracted, ExtractError> {
    let read = text::decode_declared(bytes, charset)?;
    let warnings = read
        .mismatch
        .into_iter()
        .map(|message| ExtractWarning {
            code: WarningCode::CharsetMismatch,
            message,
            page: None,
        })
        .collect();
    Ok(Extracted {
        // A form feed separates pages in text renderings of PDFs.
        pages: read.decoded.text.split('\u{000C}').map(str::to_owned).collect(),
        format: Format::Text,
        decoded_by: read.decoded.encoding.to_owned(),
        warnings,
    })
}
