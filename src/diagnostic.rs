//! Diagnostics: what the parser noticed but could not (or would not) turn into data.
//!
//! A diagnostic never stops a notice from being converted; it travels with the
//! document so that a reader can see what to check, and where.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use serde_json::json;

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
    pub fn info(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code.into(), message)
    }

    /// A finding that leaves the output complete but deserves a look.
    pub fn warning(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code.into(), message)
    }

    /// A finding that cost part of the notice its records.
    pub fn error(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code.into(), message)
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
    /// What reading a notice found: the codes of diagnostics that are not
    /// extraction's.
    NoticeCode {
        AmbiguousMunicipality = "ambiguous_municipality": "a name fits several municipalities (a ward without its city, a name without prefecture); candidates listed",
        AmbiguousPeriod = "ambiguous_period": "a date in the 期間 that is neither clearly a start nor an end",
        AttachmentNotFound = "attachment_not_found": "the 範囲 points to an attachment (`別紙のとおり`) that the document does not have; no names are read from the pointer",
        CountInsteadOfNames = "count_instead_of_names": "the 範囲 gives a count (`4県47市町村`, `他の29市町村`); recorded as a scope",
        DuplicateArea = "duplicate_area": "an area named twice for the same period; recorded once",
        EmptyPeriod = "empty_period": "the 期間 cell is empty",
        EndBeforeStart = "end_before_start": "the period ends before it starts",
        FootnoteMissing = "footnote_missing": "the 期間 points to a footnote (`(※)`) that the notice does not have",
        InvalidDate = "invalid_date": "a date that does not exist (`令和7年2月30日`, `平成31年5月1日`)",
        MissingIssueDate = "missing_issue_date": "no date in the letter head",
        MissingPeriod = "missing_period": "no 期間 in the notice",
        MissingRange = "missing_range": "no 範囲 in the notice",
        MissingTitle = "missing_title": "no title",
        MunicipalityNotInForce = "municipality_not_in_force": "the municipality did not exist on the notice date (e.g. 浜松市中区 after 2024-01-01)",
        NameMatchedByVariant = "name_matched_by_variant": "a name matches its municipality only by reading a radical, compatibility ideograph or old form as the official glyph (`室⼾市`, `黑部市`); the characters are named",
        NoAreas = "no_areas": "the 範囲 names nothing that could be resolved",
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
        UnmatchedPeriods = "unmatched_periods": "several 期間 cells that do not pair with the 範囲 cells",
        UnrecognizedPeriod = "unrecognized_period": "the 期間 text has no date, rule or open end that could be read",
        WeekdayMismatch = "weekday_mismatch": "a weekday in brackets that does not match the date (`1月13日(火)` in a year where it is a Monday)",
        WholeAreaWithoutPrefecture = "whole_area_without_prefecture": "`全域` with no prefecture before it",
        WholePrefecture = "whole_prefecture": "the 範囲 names a whole prefecture (`全域`, or a header with no names); recorded with municipality null",
    }
}

/// What a diagnostic is about: a stable identifier, listed in the README
/// and in the schema, that a program can branch on. Extraction's warnings keep
/// their own [`WarningCode`]; both are written as their snake_case names, so
/// the JSON is one flat list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Code {
    /// A finding of reading the notice.
    Notice(NoticeCode),
    /// A warning of extraction.
    Extraction(WarningCode),
}

impl Code {
    /// Every code, in alphabetical order, as the README and the schema list them.
    pub fn all() -> Vec<Code> {
        let notice = NoticeCode::ALL.iter().copied().map(Code::Notice);
        let mut all: Vec<Code> = notice
            .chain(WarningCode::ALL.iter().copied().map(Code::Extraction))
            .collect();
        all.sort_by_key(|code| code.as_str());
        all
    }

    /// The code as it is written in JSON and in the README (`invalid_date`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Notice(code) => code.as_str(),
            Code::Extraction(code) => code.as_str(),
        }
    }

    /// What the code means, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            Code::Notice(code) => code.description(),
            Code::Extraction(code) => code.description(),
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<NoticeCode> for Code {
    fn from(code: NoticeCode) -> Self {
        Code::Notice(code)
    }
}

impl From<WarningCode> for Code {
    fn from(code: WarningCode) -> Self {
        Code::Extraction(code)
    }
}

impl PartialEq<NoticeCode> for Code {
    fn eq(&self, other: &NoticeCode) -> bool {
        *self == Code::Notice(*other)
    }
}

impl PartialEq<WarningCode> for Code {
    fn eq(&self, other: &WarningCode) -> bool {
        *self == Code::Extraction(*other)
    }
}

/// One flat list of strings, each with its sentence: what the derive would
/// give for a plain enum of every code.
impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<serde_json::Value> = Code::all()
            .into_iter()
            .map(|code| json!({ "description": code.description(), "type": "string", "const": code.as_str() }))
            .collect();
        json_schema!({
            "description": "What a diagnostic is about: a stable identifier, listed in the README\nand in the schema, that a program can branch on.",
            "oneOf": codes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_written_as_its_name_and_read_back() {
        for code in Code::all() {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
    }

    /// A notice code named like an extraction warning would be read back as
    /// the notice code.
    #[test]
    fn no_name_is_taken_twice() {
        let mut names: Vec<&str> = Code::all().into_iter().map(Code::as_str).collect();
        names.dedup();
        assert_eq!(names.len(), NoticeCode::ALL.len() + WarningCode::ALL.len());
    }
}
