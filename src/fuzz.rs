//! Invariant checks shared by the fuzz targets (`fuzz/`) and their replay in
//! `cargo test` (`tests/fuzz_replay.rs`). Each panics when an invariant fails:
//! that is the signal a fuzzer looks for. Not part of the stable API.

use onshi_pdf_text::normalize;
use onshi_pdf_text::{ExtractOptions, pdf};
use onshi_wareki as era;

/// Any bytes as a text notice: never a panic; the same bytes give the same
/// document; every document serializes.
pub fn text_notice(bytes: &[u8]) {
    let options = crate::Options::default();
    let first = crate::convert("fuzz.txt", bytes, &options);
    let second = crate::convert("fuzz.txt", bytes, &options);
    match (first, second) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "conversion is deterministic");
            let json = serde_json::to_string(&a).expect("a document serializes");
            let back: crate::Document = serde_json::from_str(&json).expect("a document reads back");
            assert_eq!(back, a, "JSON round trip");
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "errors are deterministic"),
        _ => panic!("the same input converted once and failed once"),
    }
}

/// Any text: dates found are inside the text; a complete date formats as
/// wareki and parses back to itself.
pub fn era_round_trip(text: &str) {
    let normalized = normalize::normalize_line(text);
    for scanned in era::find_dates(&normalized) {
        assert!(
            normalized.get(scanned.span.clone()).is_some(),
            "span on char boundaries"
        );
        if let Ok(found) = scanned.result
            && let era::PartialDate::Full(date) = found.date
        {
            let written = era::to_wareki(date);
            assert_eq!(
                era::parse_date(&written).ok(),
                Some(date),
                "round trip of {date} via `{written}`"
            );
        }
    }
    let _ = era::parse_date(text);
}

/// Any bytes as a PDF: a result or a typed error, never a panic.
pub fn pdf_bytes(bytes: &[u8]) {
    let options = ExtractOptions::default();
    let _ = pdf::extract_pdf(bytes, &options.pdf);
}
