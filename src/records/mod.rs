//! The output contract: one [`Document`] per notice.
//!
//! Field names and meanings are stable within a `schema_version`; other systems
//! feed on them. `schemas/notice.schema.json` is generated from these types.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

mod assemble;

pub use crate::periods::Period;
pub use assemble::{Row, assemble};

/// Bumped whenever a field is renamed or removed, or its meaning changes.
pub const SCHEMA_VERSION: &str = "2";

/// Everything onshi-notice read from one notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "onshi-notice document")]
pub struct Document {
    pub schema_version: String,
    pub source: Source,
    pub notice: Notice,
    /// One record per activated municipality (or prefecture, when the notice names no municipality).
    pub activations: Vec<Activation>,
    /// Areas given only as a count or a rule (`4県47市町村`, `全43市町村`), never expanded into invented names.
    #[serde(default)]
    pub scopes: Vec<Scope>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The file a document was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file name as given on the command line (without directories).
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    pub format: SourceFormat,
    /// Number of pages (1 for text files).
    pub pages: u32,
    /// The text encoding of a text file, or how a PDF's text was decoded.
    pub decoded_by: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Pdf,
    Text,
}

impl From<onshi_pdf_text::Format> for SourceFormat {
    fn from(format: onshi_pdf_text::Format) -> Self {
        match format {
            onshi_pdf_text::Format::Pdf => SourceFormat::Pdf,
            onshi_pdf_text::Format::Text => SourceFormat::Text,
        }
    }
}

/// What kind of notice this is, read from its title and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NoticeKind {
    /// The function is switched on (アクティブ化する, 開放いたしました).
    Activation,
    /// An activation is prolonged (延長).
    Extension,
    /// An activation ends (閉塞, 終了).
    Termination,
    /// Areas are added to an earlier notice (追加, 追記).
    Amendment,
    /// None of the wordings above was found.
    Unknown,
}

/// The notice's own header facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub kind: NoticeKind,
    /// `事務連絡`, or null when the document does not say.
    pub document_type: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The title, its wrapped lines joined.
    pub title: Option<String>,
    /// N of `（そのN）` in the title.
    pub sequel: Option<u32>,
    pub disaster: Option<Disaster>,
    /// The issuing divisions, in the order written.
    pub issuers: Vec<String>,
    /// Whom the notice is addressed to (御中 stripped).
    pub addressees: Vec<String>,
    /// Earlier notices the text refers to.
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disaster {
    /// As written, e.g. `令和6年12月28日からの大雪`.
    pub name: String,
    /// The date the name gives, if it gives one.
    pub began_on: Option<NaiveDate>,
}

/// A notice referred to by date, e.g. `（令和5年1月26日付事務連絡）`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub issued_on: NaiveDate,
    pub document_type: Option<String>,
    pub title: Option<String>,
}

/// One area for which the function is switched on, for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activation {
    pub prefecture: Prefecture,
    /// Null when the notice names the whole prefecture (全域) or only a rule.
    pub municipality: Option<Municipality>,
    /// The name exactly as the notice wrote it (after text normalization).
    pub written_as: String,
    pub period: Period,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prefecture {
    /// 2-digit prefecture code, e.g. `02`.
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// 6-digit 全国地方公共団体コード including its check digit.
    pub code: String,
    /// Official name, without the 郡.
    pub name: String,
    /// The 郡 of a town or village, e.g. `南津軽郡`.
    pub district: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceSpan {
    pub page: u32,
    pub line: u32,
}

/// An area given without names: a count or a rule. (A whole prefecture, `全域`, is an
/// [`Activation`] whose `municipality` is null.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// The prefecture, when the scope is inside one.
    pub prefecture: Option<Prefecture>,
    /// How many municipalities the notice says, when it gives a count.
    pub count: Option<u32>,
    /// The scope as written, e.g. `全43市町村` or `災害救助法が適用された市区町村を有する都道府県`.
    pub text: String,
    pub period: Period,
    pub source_span: SourceSpan,
}
