//! Diagnostics: what the parser noticed but could not (or would not) turn into data.
//!
//! A diagnostic never stops a notice from being converted; it travels with the
//! document so that a reader can see what to check, and where.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use onshi_pdf_text::{Position, WarningCode};

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The output is complete and right as a rule; how it was reached is worth knowing.
    Info,
    /// The output is complete but something deserves a look.
    Warning,
    /// Part of the notice could not be turned into records.
    Error,
}

/// One finding, with a stable machine-readable `code` and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// What it is about, e.g. `unknown_municipality`; listed in the README.
    pub code: Code,
    /// A sentence for people, naming what was found.
    pub message: String,
    /// The 1-based page of the text it is about, if one.
    pub page: Option<u32>,
    /// The 1-based line on that page, if one.
    pub line: Option<u32>,
    /// The text the diagnostic is about, as it stood after normalization.
    pub text: Option<String>,
}

impl Diagnostic {
    /// A finding about how a complete output was reached.
    pub fn info(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }

    /// A finding that leaves the output complete but deserves a look.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A finding that cost part of the notice its records.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            page: None,
            line: None,
            text: None,
        }
    }

    /// Where in the text the finding is.
    pub fn at(mut self, position: Position) -> Self {
        self.page = Some(position.page);
        self.line = Some(position.line);
        self
    }

    /// The text the finding is about.
    pub fn about(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }
}

onshi_pdf_text::codes! {
    /// What a diagnostic is about: a stable identifier, listed in the README
    /// and in the schema, that a program can branch on.
    #[derive(JsonSchema)]
    Code {
        AmbiguousMunicipality = "ambiguous_municipality": "a name fits several municipalities (a ward without its city, a name without prefecture); candidates listed",
        AmbiguousPeriod = "ambiguous_period": "a date in the 期間 that is neither clearly a start nor an end",
        AttachmentNotFound = "attachment_not_found": "the 範囲 points to an attachment (`別紙のとおり`) that the document does not have; no names are read from the pointer",
        CharsetMismatch = "charset_mismatch": "a mail part's declared charset is unknown or does not decode its text; the text was read in the encoding its bytes show",
        ContentJunk = "content_junk": "unreadable bytes in a PDF content stream were skipped",
        CountInsteadOfNames = "count_instead_of_names": "the 範囲 gives a count (`4県47市町村`, `他の29市町村`); recorded as a scope",
        DuplicateArea = "duplicate_area": "an area named twice for the same period; recorded once",
        EmptyPeriod = "empty_period": "the 期間 cell is empty",
        EndBeforeStart = "end_before_start": "the period ends before it starts",
        FootnoteMissing = "footnote_missing": "the 期間 points to a footnote (`(※)`) that the notice does not have",
        FormsSkipped = "forms_skipped": "PDF form XObjects nested too deeply or containing themselves were skipped",
        InvalidDate = "invalid_date": "a date that does not exist (`令和7年2月30日`, `平成31年5月1日`)",
        MissingIssueDate = "missing_issue_date": "no date in the letter head",
        MissingPeriod = "missing_period": "no 期間 in the notice",
        MissingRange = "missing_range": "no 範囲 in the notice",
        MissingTitle = "missing_title": "no title",
        MunicipalityNotInForce = "municipality_not_in_force": "the municipality did not exist on the notice date (e.g. 浜松市中区 after 2024-01-01)",
        NameMatchedByVariant = "name_matched_by_variant": "a name matches its municipality only by reading a radical, compatibility ideograph or old form as the official glyph (`室⼾市`, `黑部市`); the characters are named",
        NoAreas = "no_areas": "the 範囲 names nothing that could be resolved",
        OcrTextLayer = "ocr_text_layer": "the PDF's text layer looks like OCR of a scan (its producer, or invisible text over a page image); doubtful eras, digits and names are left out",
        PageWithoutText = "page_without_text": "a PDF page only paints images (a scanned page among text pages)",
        PeriodForOtherArea = "period_for_other_area": "the 期間 names prefectures (`山形県の対象地域 …まで`) and an area of another prefecture was given no period rather than that one",
        PeriodWithoutContext = "period_without_context": "a period with partial dates (`14日まで`) in a notice with no date to complete them from",
        PeriodWithoutDate = "period_without_date": "the 期間 gives only a rule (`1週間に限り`, `当面の間`)",
        PeriodWithoutEnd = "period_without_end": "the 期間 gives neither an end date nor a rule",
        RangeNote = "range_note": "a remark inside the 範囲 (`※7月10日19時30分追加`, `(一部)`), left out of the places",
        RangeTooLong = "range_too_long": "the 範囲 lists more than 10,000 items; the rest were not read",
        RuleInsteadOfNames = "rule_instead_of_names": "the 範囲 gives a rule (`災害救助法が適用された市区町村`); recorded as a scope",
        UnknownKind = "unknown_kind": "no wording of activation, extension, termination or amendment",
        UnknownMunicipality = "unknown_municipality": "a name that is no municipality of the prefecture; near candidates suggested",
        UnknownPrefecture = "unknown_prefecture": "a bracketed header that is no prefecture",
        UnmappedGlyphs = "unmapped_glyphs": "a few glyphs of a PDF font have no Unicode mapping and read as U+FFFD; the font is named",
        UnmatchedPeriods = "unmatched_periods": "several 期間 cells that do not pair with the 範囲 cells",
        UnrecognizedPeriod = "unrecognized_period": "the 期間 text has no date, rule or open end that could be read",
        WeekdayMismatch = "weekday_mismatch": "a weekday in brackets that does not match the date (`1月13日(火)` in a year where it is a Monday)",
        WholeAreaWithoutPrefecture = "whole_area_without_prefecture": "`全域` with no prefecture before it",
        WholePrefecture = "whole_prefecture": "the 範囲 names a whole prefecture (`全域`, or a header with no names); recorded with municipality null",
        XrefRepaired = "xref_repaired": "the PDF's cross-reference table was damaged and rebuilt",
    }
}

impl From<WarningCode> for Code {
    fn from(code: WarningCode) -> Self {
        match code {
            WarningCode::CharsetMismatch => Code::CharsetMismatch,
            WarningCode::ContentJunk => Code::ContentJunk,
            WarningCode::FormsSkipped => Code::FormsSkipped,
            WarningCode::OcrTextLayer => Code::OcrTextLayer,
            WarningCode::PageWithoutText => Code::PageWithoutText,
            WarningCode::UnmappedGlyphs => Code::UnmappedGlyphs,
            WarningCode::XrefRepaired => Code::XrefRepaired,
        }
    }
}
