//! Stable codes for why extraction failed and what it read past. They are
//! data (snake_case in JSON), so a program can branch on them; each has a
//! sentence for people.

/// Declares a code enum: each variant with its snake_case name and its
/// description (also its rustdoc), and the list of every variant, so the
/// three cannot drift apart. The enum serializes as its name. Attributes
/// before the name (docs, more derives) go to the enum.
///
/// ```
/// onshi_pdf_text::codes! {
///     /// Why a pot is empty.
///     PotCode {
///         Drunk = "drunk": "somebody drank it",
///     }
/// }
/// assert_eq!(PotCode::Drunk.as_str(), "drunk");
/// assert_eq!(PotCode::ALL.len(), 1);
/// assert_eq!(PotCode::Drunk.description(), "somebody drank it");
/// ```
#[macro_export]
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal: $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(#[doc = $text] $variant,)+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant,)+];

            /// The code as it is written in JSON and in the README (`not_pdf`).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// What the code means, in one sentence.
            pub fn description(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

crate::codes! {
    /// Why a file gave no text: the stable code of an
    /// [`ExtractError`](crate::ExtractError), written in JSON as its snake_case name.
    ///
    /// ```
    /// use onshi_pdf_text::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::NoTextLayer.as_str(), "no_text_layer");
    /// assert_eq!(serde_json::to_string(&ErrorCode::NoTextLayer).unwrap(), r#""no_text_layer""#);
    /// assert_eq!(ErrorCode::NoTextLayer.description(), "the PDF only paints images (a scan): run OCR first");
    /// assert!(ErrorCode::ALL.contains(&ErrorCode::Corrupt));
    /// ```
    ErrorCode {
        EmptyFile = "empty_file": "the file is empty",
        BinaryFile = "binary_file": "the file is binary data, not text",
        UndecodableText = "undecodable_text": "the text is in none of UTF-8, UTF-16, ISO-2022-JP, Shift_JIS or EUC-JP",
        NotPdf = "not_pdf": "the file is not a PDF",
        Encrypted = "encrypted": "the PDF needs a password",
        Corrupt = "corrupt": "the PDF is damaged or truncated",
        NoTextLayer = "no_text_layer": "the PDF only paints images (a scan): run OCR first",
        NoUnicodeMapping = "no_unicode_mapping": "the PDF's fonts cannot be mapped to Unicode",
        Mojibake = "mojibake": "the extracted text is garbled",
        TooLarge = "too_large": "the PDF exceeds a limit (decompressed size, pages, glyphs, time)",
        ExtractorPanicked = "extractor_panicked": "a dependency panicked while reading the PDF",
        ExtractorUnavailable = "extractor_unavailable": "the pdftotext extractor was chosen but cannot be run",
        ExtractorCrashed = "extractor_crashed": "the isolated extraction child died",
        InternalError = "internal_error": "a bug: please report it with the file",
    }
}

crate::codes! {
    /// What extraction read past: the text is there, but something deserves a look.
    /// The code of an [`ExtractWarning`](crate::ExtractWarning).
    ///
    /// ```
    /// use onshi_pdf_text::WarningCode;
    ///
    /// assert_eq!(WarningCode::XrefRepaired.to_string(), "xref_repaired");
    /// assert!(WarningCode::ALL.contains(&WarningCode::OcrTextLayer));
    /// ```
    WarningCode {
        XrefRepaired = "xref_repaired": "the PDF's cross-reference table was damaged and rebuilt",
        UnmappedGlyphs = "unmapped_glyphs": "a few glyphs of a PDF font have no Unicode mapping and read as U+FFFD; the font is named",
        PageWithoutText = "page_without_text": "a PDF page only paints images (a scanned page among text pages)",
        FormsSkipped = "forms_skipped": "PDF form XObjects nested too deeply or containing themselves were skipped",
        ContentJunk = "content_junk": "unreadable bytes in a PDF content stream were skipped",
        OcrTextLayer = "ocr_text_layer": "the PDF's text layer looks like OCR of a scan (its producer, or invisible text over a page image); doubtful eras, digits and names are left out",
        CharsetMismatch = "charset_mismatch": "a mail part's declared charset is unknown or does not decode its text; the text was read in the encoding its bytes show",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_what_serde_writes() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{}\"", code.as_str()));
        }
        for code in WarningCode::ALL {
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{}\"", code.as_str()));
        }
    }
}
