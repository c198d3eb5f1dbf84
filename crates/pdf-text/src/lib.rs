//! Text out of Japanese official documents, and the layout it had: PDF
//! extraction (CID fonts, predefined CMaps, ruled tables), plain text in any
//! of the encodings Japanese offices use, and a layout model of paragraphs and
//! tables read from either.
//!
//! The stages, one module each:
//!
//! ```text
//! extract → normalize → layout
//! bytes     lines       blocks (paragraphs, tables of cells with spans)
//! ```
//!
//! The format is decided by content, never by the file name: a PDF is
//! anything with a `%PDF-` header near its start; everything else must be
//! text in one of the supported encodings.
//!
//! ```
//! use onshi_pdf_text::{ExtractOptions, Format, extract, layout, normalize};
//!
//! let bytes = "範囲\t【青森県】青森市\n期間\t令和7年1月13日まで\n".as_bytes();
//! let extracted = extract(bytes, &ExtractOptions::default()).unwrap();
//! assert_eq!(extracted.format, Format::Text);
//! let lines = normalize::normalize(&extracted.pages);
//! let blocks = layout::blocks(&lines.lines, &layout::Furniture::of(&lines.lines));
//! assert!(matches!(blocks[0], layout::Block::Table(_)));
//! ```

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

/// What kind of file the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Text,
}

/// Page texts as extracted, before normalization.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub pages: Vec<String>,
    pub format: Format,
    /// The text encoding, or the PDF decoding path.
    pub decoded_by: String,
    /// What the extractor noticed but read past (glyphs without Unicode, a repaired xref…).
    #[serde(default)]
    pub warnings: Vec<ExtractWarning>,
}

/// A warning from extraction, carried into the document's diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExtractWarning {
    pub code: WarningCode,
    pub message: String,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExtractOptions {
    pub pdf: PdfOptions,
    /// Run extraction in a child process (see [`child`]); `None` runs it here.
    #[serde(skip)]
    pub isolate: Option<child::Isolation>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The extraction child reported an error, or died.
    #[error("{message}")]
    Child { code: ErrorCode, message: String },
}

impl ExtractError {
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

pub fn is_pdf(bytes: &[u8]) -> bool {
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    window.windows(5).any(|w| w == b"%PDF-")
}

pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Extracted, ExtractError> {
    match &options.isolate {
        Some(isolation) if is_pdf(bytes) => child::extract(bytes, options, isolation),
        _ => extract_here(bytes, options),
    }
}

/// Extraction in this process.
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
    let decoded = text::decode(bytes)?;
    Ok(Extracted {
        // A form feed separates pages in text renderings of PDFs.
        pages: decoded.text.split('\u{000C}').map(str::to_owned).collect(),
        format: Format::Text,
        decoded_by: decoded.encoding.to_owned(),
        warnings: Vec::new(),
    })
}
