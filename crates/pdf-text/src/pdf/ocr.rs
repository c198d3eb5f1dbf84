//! Whether a PDF's text layer was made by OCR, from two independent cues: the
//! program the document names as its producer or creator, and pages that lay
//! invisible text (render mode 3) over an image covering most of the page, as
//! OCR tools do over a scan.
//!
//! OCR misreads characters (`令和` as `信和`, `事務連絡` as `事務連給`), so
//! the reader of such text must take only what it can read exactly; the
//! warning tells it, and the user, so.

use super::PdfWarning;
use super::content::PageScan;
use crate::WarningCode;

/// Words that name OCR software in a `/Producer` or `/Creator`, lowercase.
const OCR_PROGRAMS: &[&str] = &[
    "ocrmypdf",
    "tesseract",
    "finereader",
    "abbyy",
    "paper capture",
    "readiris",
    "omnipage",
    "ocrad",
    "textbridge",
];

/// The share of a page (in percent) an image must cover for the page to be a scan.
const SCANNED_PAGE_PERCENT: f64 = 50.0;

/// Whether a producer or creator string names an OCR program: one of the
/// known programs, or the word `OCR` standing alone (`… OCR Engine`).
pub(crate) fn names_ocr(program: &str) -> bool {
    let lower = program.to_lowercase();
    OCR_PROGRAMS.iter().any(|p| lower.contains(p))
        || program
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case("ocr"))
}

/// Whether a page shows its text invisibly over an image that covers most of
/// it: more than half of its glyphs invisible, the images over half its area.
pub(crate) fn invisible_text_over_image(scan: &PageScan) -> bool {
    scan.glyphs > 0
        && scan.invisible_glyphs * 2 > scan.glyphs
        && scan.page_area > 0.0
        && scan.image_area * 100.0 >= scan.page_area * SCANNED_PAGE_PERCENT
}

/// The `ocr_text_layer` warning when either cue is present: `programs` are
/// the document's producer and creator, `scanned_pages` the 1-based pages with
/// invisible text over a scan.
pub(crate) fn warning(programs: &[Option<String>], scanned_pages: &[u32]) -> Option<PdfWarning> {
    let program = programs.iter().flatten().find(|p| names_ocr(p));
    let mut cues = Vec::new();
    if let Some(program) = program {
        cues.push(format!("it was made by `{program}`"));
    }
    if let Some(first) = scanned_pages.first() {
        cues.push(match scanned_pages.len() {
            1 => format!("page {first} lays invisible text over a scanned image"),
            n => format!("{n} pages (from page {first}) lay invisible text over scanned images"),
        });
    }
    if cues.is_empty() {
        return None;
    }
    Some(PdfWarning {
        code: WarningCode::OcrTextLayer,
        message: format!(
            "the text layer looks like OCR ({}): misread characters are possible, so doubtful eras, digits and \
             names are left out rather than guessed",
            cues.join("; ")
        ),
        page: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_programs_are_named() {
        for program in [
            "ocrmypdf 17.13.0 / Tesseract OCR-PDF 5.3.0",
            "ABBYY FineReader PDF 15",
            "Adobe Acrobat Pro DC 23.1 Paper Capture Plug-in",
            "Readiris Corporate 17",
            "Kofax OmniPage Ultimate",
            "Scanner OCR Engine 2.0",
        ] {
            assert!(names_ocr(program), "{program}");
        }
        for program in [
            "LibreOffice 7.4",
            "Microsoft® Word for Microsoft 365",
            "Acrobat Distiller 23.0 (Windows)",
            "Ghostscript 10.0",
            "pdfTeX-1.40",
            "SOCRATES report writer",
        ] {
            assert!(!names_ocr(program), "{program}");
        }
    }

    fn page(glyphs: usize, invisible: usize, image: f64) -> PageScan {
        PageScan {
            glyphs,
            invisible_glyphs: invisible,
            image_area: image,
            page_area: 100.0,
            ..PageScan::default()
        }
    }

    #[test]
    fn invisible_text_counts_only_over_a_page_sized_image() {
        assert!(invisible_text_over_image(&page(100, 100, 100.0)));
        assert!(invisible_text_over_image(&page(100, 60, 50.0)));
        // A logo, or hidden text on a text page, is no scan.
        assert!(!invisible_text_over_image(&page(100, 100, 10.0)));
        assert!(!invisible_text_over_image(&page(100, 40, 100.0)));
        assert!(!invisible_text_over_image(&page(0, 0, 100.0)));
    }

    #[test]
    fn the_warning_names_its_cues() {
        assert_eq!(warning(&[Some("LibreOffice".into()), None], &[]), None);
        let w = warning(&[None, Some("ocrmypdf 17".into())], &[1, 2]).expect("warned");
        assert_eq!(w.code, WarningCode::OcrTextLayer);
        assert!(w.message.contains("`ocrmypdf 17`"), "{}", w.message);
        assert!(w.message.contains("2 pages (from page 1)"), "{}", w.message);
        let w = warning(&[None, None], &[3]).expect("warned");
        assert!(w.message.contains("page 3 lays invisible text"), "{}", w.message);
    }
}
