//! Diagnostics: what the parser noticed but could not (or would not) turn into data.
//!
//! A diagnostic never stops a notice from being converted; it travels with the
//! document so that a reader can see what to check, and where.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where in the extracted text something was found: 1-based page and line on that page.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Position {
    pub page: u32,
    pub line: u32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The output is complete but something deserves a look.
    Warning,
    /// Part of the notice could not be turned into records.
    Error,
}

/// One finding, with a stable machine-readable `code` and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `unknown_municipality`; listed in the README.
    pub code: String,
    pub message: String,
    pub page: Option<u32>,
    pub line: Option<u32>,
    /// The text the diagnostic is about, as it stood after normalization.
    pub text: Option<String>,
}

impl Diagnostic {
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.to_owned(),
            message: message.into(),
            page: None,
            line: None,
            text: None,
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.page = Some(position.page);
        self.line = Some(position.line);
        self
    }

    pub fn about(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }
}
