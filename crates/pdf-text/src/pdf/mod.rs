//! PDF text extraction that never fails silently and never takes a batch down.
//!
//! [`extract_pdf`] returns the text of each page, lines in reading order, or a
//! [`PdfError`] with a stable [`code`](PdfError::code). Empty or garbled text is
//! an error, never an `Ok`: a notice whose text could not be read must not look
//! like a notice that names no municipalities.
//!
//! The builtin extractor reads the document with lopdf (decompression bounded by
//! [`PdfOptions::max_decompressed_bytes`]) and runs the page content itself,
//! decoding Japanese fonts without a ToUnicode map through their predefined
//! CMap or the Adobe-Japan1 collection. pdf-extract is a fallback for simple
//! fonts whose codes only the embedded font program explains, run with its
//! panics contained. `pdftotext` can be chosen instead with [`Extractor::Pdftotext`].
//! The design is described in `docs/design-pdf.md` of the onshi-notice
//! repository.

mod actual_text;
mod adobe_japan1;
mod cmap;
mod cmap_stream;
mod content;
mod error;
mod font;
mod isolate;
mod layout;
mod lexer;
mod pdftotext;
mod quality;
mod radicals;
mod ruled;

use std::path::PathBuf;
use std::time::Duration;

use crate::WarningCode;
use lopdf::{DecompressError, Document, LoadOptions, Object};

pub use error::{PdfError, PdfErrorKind};

use content::{Interpreter, ScanError, Stats};
use layout::Layout;

/// Which program turns the PDF into text. Serializes as `"builtin"` or
/// `"pdftotext"`.
///
/// ```
/// use onshi_pdf_text::{Extractor, PdfOptions};
///
/// let options = PdfOptions { extractor: Extractor::Pdftotext, ..PdfOptions::default() };
/// assert_eq!(serde_json::to_string(&options.extractor).unwrap(), r#""pdftotext""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extractor {
    /// This crate's own extractor (lopdf + CMaps), with pdf-extract as a fallback.
    #[default]
    Builtin,
    /// The `pdftotext` program of poppler-utils, if installed.
    Pdftotext,
}

/// Limits and choices for [`extract_pdf`].
///
/// The defaults bound what one document may cost (16 MiB decompressed, 2000
/// pages, 2 000 000 glyphs) and refuse text that does not look Japanese.
///
/// ```
/// use onshi_pdf_text::PdfOptions;
///
/// let options = PdfOptions { max_decompressed_bytes: 4 << 20, expect_japanese: false, ..PdfOptions::default() };
/// assert_eq!(options.max_pages, 2000);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PdfOptions {
    /// Bound on the bytes all streams of one document may decompress to.
    pub max_decompressed_bytes: usize,
    /// Documents with more pages are refused as `too_large`.
    pub max_pages: usize,
    /// Documents that show more glyphs are refused as `too_large`.
    pub max_glyphs: usize,
    /// The builtin extractor, or `pdftotext`.
    pub extractor: Extractor,
    /// Reject text that does not look Japanese as `mojibake` (on by default:
    /// the notices are Japanese, and wrongly decoded CJK fonts come out Latin-looking).
    pub expect_japanese: bool,
    /// The program run for [`Extractor::Pdftotext`].
    pub pdftotext_program: PathBuf,
    /// How long `pdftotext` may run for one document.
    pub pdftotext_timeout: Duration,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_decompressed_bytes: 16 * 1024 * 1024,
            max_pages: 2000,
            max_glyphs: 2_000_000,
            extractor: Extractor::Builtin,
            expect_japanese: true,
            pdftotext_program: PathBuf::from("pdftotext"),
            pdftotext_timeout: Duration::from_secs(60),
        }
    }
}

/// Something the caller should know about text that was extracted anyway.
/// [`crate::extract`] passes it on as an [`ExtractWarning`](crate::ExtractWarning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfWarning {
    /// What kind of thing was read past; stable, for programs.
    pub code: WarningCode,
    /// The particulars, for people.
    pub message: String,
    /// The 1-based page it is about, if one.
    pub page: Option<u32>,
}

/// The text of a PDF, as [`extract_pdf`] returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// One string per page (page 1 first); lines separated by `'\n'` in reading
    /// order. A tab separates a table's label cell from its content, and a line
    /// that continues such a cell starts with a tab.
    pub pages: Vec<String>,
    /// The document's `/Producer`, if it names one.
    pub producer: Option<String>,
    /// Which path decoded most of the text: `tounicode`, `encoding`,
    /// `cmap:<CMap name>` (e.g. `cmap:90ms-RKSJ-H`), `cid:Adobe-Japan1`,
    /// `pdf-extract` or `pdftotext`.
    pub method: &'static str,
    /// What was read past; empty for a clean document.
    pub warnings: Vec<PdfWarning>,
}

/// The glyph share (in percent) up to which unmapped glyphs are tolerated, as
/// U+FFFD in the text and with an `unmapped_glyphs` warning.
const MAX_UNMAPPED_PERCENT: usize = 5;
/// `%PDF-` must start within this many bytes (as Acrobat requires).
const HEADER_WINDOW: usize = 1024;
/// Junk bytes tolerated in content streams before a warning.
const JUNK_WARNING_BYTES: usize = 16;

/// Extracts the text of each page of a PDF.
///
/// Never panics: a panic inside a dependency is contained and reported as
/// `extractor_panicked`. Known ways to abort the process (deep nesting, huge
/// allocations, decompression bombs) are bounded by the options.
///
/// ```
/// use onshi_pdf_text::{ErrorCode, PdfOptions};
/// use onshi_pdf_text::pdf::extract_pdf;
///
/// # fn tiny_pdf(operators: &str) -> Vec<u8> {
/// #     let content = format!("BT /F1 12 Tf 72 720 Td {operators} ET");
/// #     let objects = [
/// #         "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
/// #         "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
/// #         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
/// #          /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
/// #         format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
/// #         "<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho /Encoding /90ms-RKSJ-H \
/// #          /DescendantFonts [6 0 R] >>".to_owned(),
/// #         "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MS-Mincho /DW 1000 \
/// #          /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> \
/// #          /FontDescriptor 7 0 R >>".to_owned(),
/// #         "<< /Type /FontDescriptor /FontName /MS-Mincho /Flags 4 /FontBBox [0 -141 1000 859] \
/// #          /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>".to_owned(),
/// #     ];
/// #     let mut pdf = b"%PDF-1.7\n".to_vec();
/// #     let mut offsets = Vec::new();
/// #     for (i, body) in objects.iter().enumerate() {
/// #         offsets.push(pdf.len());
/// #         pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
/// #     }
/// #     let xref = pdf.len();
/// #     pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
/// #     for offset in offsets {
/// #         pdf.extend(format!("{offset:010} 00000 n \n").bytes());
/// #     }
/// #     let size = objects.len() + 1;
/// #     pdf.extend(format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
/// #     pdf
/// # }
/// // A line with a wide gap: the label cell and its content, a TAB apart.
/// let pdf = tiny_pdf("<94CD88CD> Tj 100 0 Td <90C290588E73> Tj");
/// let text = extract_pdf(&pdf, &PdfOptions::default()).unwrap();
/// assert_eq!(text.pages, ["範囲\t青森市"]);
/// assert_eq!(text.method, "cmap:90ms-RKSJ-H");
/// assert_eq!(text.producer, None);
/// assert!(text.warnings.is_empty());
///
/// // Latin text where Japanese is expected is taken for a wrong decoding.
/// let latin = tiny_pdf("(Minutes of the meeting of 13 January) Tj");
/// let e = extract_pdf(&latin, &PdfOptions::default()).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::Mojibake);
/// let relaxed = PdfOptions { expect_japanese: false, ..PdfOptions::default() };
/// assert!(extract_pdf(&latin, &relaxed).is_ok());
/// ```
pub fn extract_pdf(bytes: &[u8], options: &PdfOptions) -> Result<PdfText, PdfError> {
    sniff(bytes)?;
    let mut text = match options.extractor {
        Extractor::Builtin => match isolate::contain(|| builtin(bytes, options)) {
            Ok(result) => result,
            Err(message) => Err(PdfErrorKind::ExtractorPanicked {
                extractor: "builtin",
                message,
            }
            .into()),
        },
        Extractor::Pdftotext => with_pdftotext(bytes, options),
    }?;
    text.pages.iter_mut().for_each(radicals::to_ideographs);
    Ok(text)
}

fn sniff(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::not_pdf("the input is empty"));
    }
    let head = bytes.get(..HEADER_WINDOW.min(bytes.len())).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(());
    }
    let start: String = bytes
        .iter()
        .take(16)
        .flat_map(|&b| std::ascii::escape_default(b))
        .map(char::from)
        .collect();
    Err(PdfError::not_pdf(format!(
        "no `%PDF-` header in the first {HEADER_WINDOW} bytes; it starts with `{start}`"
    )))
}

fn load(bytes: &[u8], options: &PdfOptions) -> Result<Document, PdfError> {
    let load_options = LoadOptions {
        max_decompressed_size: Some(options.max_decompressed_bytes),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, load_options).map_err(|e| match e {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { limit }) => PdfError::too_large(format!(
            "a stream decompresses to more than {limit} bytes (max_decompressed_bytes)"
        )),
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => {
            PdfErrorKind::Encrypted { detail: e.to_string() }.into()
        }
        e => PdfError::corrupt(format!("it cannot be parsed: {e}")),
    })?;
    if doc.is_encrypted() {
        return Err(PdfErrorKind::Encrypted {
            detail: "the empty user password does not open it".to_owned(),
        }
        .into());
    }
    Ok(doc)
}

fn producer(doc: &Document) -> Option<String> {
    let info = match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let value = match info.get(b"Producer").ok()? {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    lopdf::decode_text_string(value)
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The page ids in order, checked against the page count the page tree declares.
fn pages(doc: &Document, options: &PdfOptions) -> Result<Vec<lopdf::ObjectId>, PdfError> {
    let pages: Vec<_> = doc.page_iter().take(options.max_pages.saturating_add(1)).collect();
    if pages.len() > options.max_pages {
        return Err(PdfError::too_large(format!(
            "it has more than {} pages (max_pages)",
            options.max_pages
        )));
    }
    if pages.is_empty() {
        return Err(PdfError::corrupt("it has no pages (the page tree is missing or empty)"));
    }
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| match p {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .and_then(|root| root.get(b"Count").ok())
        .and_then(|c| c.as_i64().ok());
    if let Some(declared) = declared
        && usize::try_from(declared).is_ok_and(|d| d > pages.len())
    {
        return Err(PdfError::corrupt(format!(
            "its page tree declares {declared} pages but only {} can be found",
            pages.len()
        )));
    }
    Ok(pages)
}

/// The builtin path: lopdf, our own content interpreter and layout.
fn builtin(bytes: &[u8], options: &PdfOptions) -> Result<PdfText, PdfError> {
    let doc = load(bytes, options)?;
    let page_ids = pages(&doc, options)?;
    let mut interpreter = Interpreter::new(&doc, options.max_decompressed_bytes, options.max_glyphs);
    let mut layout = Layout::new();
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut image_pages = Vec::new();
    for (index, &page_id) in page_ids.iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let scan = interpreter.scan_page(number, page_id).map_err(|e| match e {
            ScanError::TooLarge(detail) => PdfError::too_large(format!("page {number}: {detail}")),
            ScanError::Corrupt(detail) => PdfError::corrupt_page(number, detail),
        })?;
        if scan.images > 0 {
            image_pages.push(number);
        }
        pages.push(layout.page(&scan.fragments, &scan.rules).join("\n"));
    }
    let stats = std::mem::take(&mut interpreter.stats);
    let mut warnings = Vec::new();
    if doc.xref_recovery.is_some() {
        warnings.push(PdfWarning {
            code: WarningCode::XrefRepaired,
            message: "the cross-reference table was damaged and had to be rebuilt; check the text against the PDF"
                .to_owned(),
            page: None,
        });
    }
    if let Some(damaged) = stats.unmapped.iter().find(|u| u.damaged) {
        return Err(PdfError::corrupt_page(damaged.first_page, damaged.reason.clone()));
    }
    let unmapped: usize = stats.unmapped.iter().map(|u| u.glyphs).sum();
    let profile = quality::profile(pages.iter().map(String::as_str));
    if unmapped > 0 {
        let mostly_unmapped = unmapped * 100 > stats.glyphs * MAX_UNMAPPED_PERCENT || profile.meaningful == 0;
        if mostly_unmapped {
            if stats.unmapped.iter().any(|u| u.needs_font_program) && stats.skipped_forms == 0 {
                return with_pdf_extract(bytes, &doc, options, warnings);
            }
            return Err(PdfErrorKind::NoUnicodeMapping {
                fonts: stats.unmapped.iter().map(|u| u.reason.clone()).collect(),
            }
            .into());
        }
        for u in &stats.unmapped {
            warnings.push(PdfWarning {
                code: WarningCode::UnmappedGlyphs,
                message: format!("{} glyph(s) are shown as U+FFFD: {}", u.glyphs, u.reason),
                page: Some(u.first_page),
            });
        }
    }
    if profile.meaningful == 0 {
        return Err(empty_text_error(&image_pages));
    }
    quality::check(profile, options.expect_japanese)?;
    push_page_warnings(&pages, &image_pages, &stats, &mut warnings);
    Ok(PdfText {
        pages,
        producer: producer(&doc),
        method: dominant_method(&stats),
        warnings,
    })
}

fn empty_text_error(image_pages: &[u32]) -> PdfError {
    if image_pages.is_empty() {
        PdfError::corrupt(
            "no text could be extracted and the pages paint no images either (the file may be damaged, or its \
             text drawn as outlines)",
        )
    } else {
        PdfErrorKind::NoTextLayer {
            pages: u32::try_from(image_pages.len()).unwrap_or(u32::MAX),
        }
        .into()
    }
}

fn push_page_warnings(pages: &[String], image_pages: &[u32], stats: &Stats, warnings: &mut Vec<PdfWarning>) {
    for &number in image_pages {
        let index = usize::try_from(number).unwrap_or(usize::MAX).saturating_sub(1);
        if pages
            .get(index)
            .is_some_and(|text| quality::profile([text.as_str()]).meaningful == 0)
        {
            warnings.push(PdfWarning {
                code: WarningCode::PageWithoutText,
                message: format!("page {number} only paints images; any text on it needs OCR"),
                page: Some(number),
            });
        }
    }
    if stats.skipped_forms > 0 {
        warnings.push(PdfWarning {
            code: WarningCode::FormsSkipped,
            message: format!(
                "{} form XObject(s) were not read because they nest too deep or contain themselves",
                stats.skipped_forms
            ),
            page: None,
        });
    }
    if stats.junk >= JUNK_WARNING_BYTES {
        warnings.push(PdfWarning {
            code: WarningCode::ContentJunk,
            message: format!(
                "{} byte(s) of the content streams could not be read and were skipped",
                stats.junk
            ),
            page: None,
        });
    }
}

fn dominant_method(stats: &Stats) -> &'static str {
    stats
        .methods
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(font::METHOD_TO_UNICODE, |(m, _)| m)
}

/// Splits plain extracted text into cleaned lines, without blank lines and
/// without a page number at the top or bottom.
fn plain_lines(text: &str) -> String {
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.trim_end().to_owned())
        .filter(|l| !l.trim().is_empty())
        .collect();
    layout::strip_page_numbers(&mut lines);
    lines.join("\n")
}

/// The pdf-extract fallback, for simple fonts whose codes only their embedded
/// program explains. pdf-extract reads the file with its own (older, unbounded)
/// lopdf, so it only runs after every stream was checked to decompress within
/// the limit.
fn with_pdf_extract(
    bytes: &[u8],
    doc: &Document,
    options: &PdfOptions,
    warnings: Vec<PdfWarning>,
) -> Result<PdfText, PdfError> {
    let mut budget = content::Budget::new(options.max_decompressed_bytes);
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object
            && let Err(ScanError::TooLarge(detail)) = budget.read(stream)
        {
            return Err(PdfError::too_large(detail));
        }
    }
    let raw = match isolate::contain(|| pdf_extract::extract_text_from_mem_by_pages(bytes)) {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => {
            return Err(PdfError::corrupt(format!("pdf-extract cannot read it: {e}")));
        }
        Err(message) => {
            return Err(PdfErrorKind::ExtractorPanicked {
                extractor: "pdf-extract",
                message,
            }
            .into());
        }
    };
    let pages: Vec<String> = raw.iter().map(|p| plain_lines(p)).collect();
    let profile = quality::profile(pages.iter().map(String::as_str));
    if profile.meaningful == 0 {
        return Err(empty_text_error(&[]));
    }
    quality::check(profile, options.expect_japanese)?;
    Ok(PdfText {
        pages,
        producer: producer(doc),
        method: "pdf-extract",
        warnings,
    })
}

fn with_pdftotext(bytes: &[u8], options: &PdfOptions) -> Result<PdfText, PdfError> {
    let output = pdftotext::run(&options.pdftotext_program, bytes, options.pdftotext_timeout)?;
    let pages: Vec<String> = output.pages.iter().map(|p| plain_lines(p)).collect();
    if pages.len() > options.max_pages {
        return Err(PdfError::too_large(format!(
            "it has more than {} pages (max_pages)",
            options.max_pages
        )));
    }
    let profile = quality::profile(pages.iter().map(String::as_str));
    // pdftotext tells neither images nor the producer; lopdf does, when it can read the file.
    let doc = load(bytes, options).ok();
    if profile.meaningful == 0 {
        let image_pages = doc.as_ref().map(image_pages).unwrap_or_default();
        return Err(empty_text_error(&image_pages));
    }
    quality::check(profile, options.expect_japanese)?;
    Ok(PdfText {
        pages,
        producer: doc.as_ref().and_then(producer),
        method: "pdftotext",
        warnings: Vec::new(),
    })
}

/// Pages whose resources hold an image XObject (without running their content).
fn image_pages(doc: &Document) -> Vec<u32> {
    let mut numbers = Vec::new();
    for (number, page_id) in doc.get_pages() {
        let has_image = doc.get_page_resources(page_id).is_ok_and(|(direct, ids)| {
            let referenced = ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok());
            direct.into_iter().chain(referenced).any(|resources| {
                let xobjects = match resources.get(b"XObject") {
                    Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
                    Ok(Object::Dictionary(d)) => Some(d),
                    _ => None,
                };
                xobjects.is_some_and(|x| {
                    x.iter().any(|(_, o)| {
                        let stream = match o {
                            Object::Reference(id) => doc.get_object(*id).ok().and_then(|s| s.as_stream().ok()),
                            _ => None,
                        };
                        stream.is_some_and(|s| {
                            s.dict
                                .get(b"Subtype")
                                .and_then(Object::as_name)
                                .is_ok_and(|n| n == b"Image")
                        })
                    })
                })
            })
        });
        if has_image {
            numbers.push(number);
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_foreign_input_is_not_pdf() {
        let options = PdfOptions::default();
        let err = extract_pdf(b"", &options).expect_err("empty");
        assert_eq!(err.code(), crate::ErrorCode::NotPdf);
        assert_eq!(err.to_string(), "not a PDF: the input is empty");
        let err = extract_pdf(b"PK\x03\x04 a zip file", &options).expect_err("zip");
        assert_eq!(err.code(), crate::ErrorCode::NotPdf);
        assert!(err.to_string().contains("it starts with `PK\\x03\\x04"), "{err}");
    }

    #[test]
    fn header_only_is_corrupt() {
        let err = extract_pdf(b"%PDF-1.7\n", &PdfOptions::default()).expect_err("header only");
        assert_eq!(err.code(), crate::ErrorCode::Corrupt);
    }
}
