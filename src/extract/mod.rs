//! Extraction: file bytes to page texts.
//!
//! The format is decided by content, never by the file name: a PDF is
//! anything with a `%PDF-` header near its start; everything else must be
//! text in one of the supported encodings.

pub mod child;
pub mod pdf;
pub mod text;

use crate::record::SourceFormat;

pub use pdf::{Extractor, PdfError, PdfOptions};
pub use text::TextError;

/// Page texts as extracted, before normalization.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub pages: Vec<String>,
    pub format: SourceFormat,
    /// The text encoding, or the PDF decoding path.
    pub decoded_by: String,
    /// What the extractor noticed but read past (glyphs without Unicode, a repaired xref…).
    #[serde(default)]
    pub warnings: Vec<ExtractWarning>,
}

/// A warning from extraction, carried into the document's diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExtractWarning {
    pub code: String,
    pub message: String,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    pub pdf: PdfOptions,
    /// Run extraction in a child process (see [`child`]); `None` runs it here.
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
    Child { code: &'static str, message: String },
}

impl ExtractError {
    pub fn code(&self) -> &'static str {
        match self {
            ExtractError::Text(TextError::Empty) => "empty_file",
            ExtractError::Text(TextError::Binary { .. }) => "binary_file",
            ExtractError::Text(TextError::Undecodable { .. }) => "undecodable_text",
            ExtractError::Pdf(e) => e.code(),
            ExtractError::Child { code, .. } => code,
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
                code: w.code.to_owned(),
                message: w.message,
                page: w.page,
            })
            .collect();
        return Ok(Extracted {
            pages: pdf.pages,
            format: SourceFormat::Pdf,
            decoded_by: pdf.method.to_owned(),
            warnings,
        });
    }
    let decoded = text::decode(bytes)?;
    Ok(Extracted {
        // A form feed separates pages in text renderings of PDFs.
        pages: decoded.text.split('\u{000C}').map(str::to_owned).collect(),
        format: SourceFormat::Text,
        decoded_by: decoded.encoding.to_owned(),
        warnings: Vec::new(),
    })
}
