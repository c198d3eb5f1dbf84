//! The output contract: one [`Document`] per notice.
//!
//! Field names and meanings are stable within a `schema_version`; other systems
//! feed on them. `schemas/notice.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

mod assemble;

pub use crate::mail::Part;
pub use crate::notice::{Disaster, Notice, NoticeKind, Reference};
pub use crate::periods::Period;
pub use crate::places::{Municipality, Prefecture};
pub use assemble::{Row, assemble};

/// Bumped whenever a field is renamed or removed, or its meaning changes.
pub const SCHEMA_VERSION: &str = "2";

/// Everything onshi-notice read from one notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "onshi-notice document")]
pub struct Document {
    /// The version of this contract, [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// The file the document was read from.
    pub source: Source,
    /// What the notice says about itself.
    pub notice: Notice,
    /// One record per activated municipality (or prefecture, when the notice names no municipality).
    pub activations: Vec<Activation>,
    /// Areas given only as a count or a rule (`4県47市町村`, `全43市町村`), never expanded into invented names.
    #[serde(default)]
    pub scopes: Vec<Scope>,
    /// What could not be read, or deserves a look, with page and line.
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
    /// PDF or text.
    pub format: SourceFormat,
    /// Number of pages (1 for text files).
    pub pages: u32,
    /// The text encoding of a text file, or how a PDF's text was decoded.
    pub decoded_by: String,
    /// The part of a mail the notice came in (absent for a file that is the
    /// notice itself); `sha256` is then of the part's bytes, as attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
}

impl Source {
    /// The file, and for a mail's part its number: `mail.eml#2`.
    pub fn file_and_part(&self) -> String {
        match &self.part {
            Some(part) => format!("{}#{}", self.file, part.index),
            None => self.file.clone(),
        }
    }
}

/// What kind of file a notice came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// A PDF.
    Pdf,
    /// Text, in any of the supported encodings.
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

/// One area for which the function is switched on, for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activation {
    /// The prefecture the area is in.
    pub prefecture: Prefecture,
    /// Null when the notice names the whole prefecture (全域) or only a rule.
    pub municipality: Option<Municipality>,
    /// The name exactly as the notice wrote it (after text normalization).
    pub written_as: String,
    /// When the function is on for the area.
    pub period: Period,
    /// Where the name stands in the text.
    pub source_span: SourceSpan,
}

/// A place in the extracted text: 1-based page, and line on that page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceSpan {
    /// The 1-based page.
    pub page: u32,
    /// The 1-based line on the page.
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
    /// When the function is on for the scope.
    pub period: Period,
    /// Where the scope stands in the text.
    pub source_span: SourceSpan,
}
