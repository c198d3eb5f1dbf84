//! What a notice states about itself, as it goes into the document's
//! `notice` (see [`crate::records`], which re-exports these types).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    /// Activation, extension, termination or amendment, from the wording.
    pub kind: NoticeKind,
    /// `事務連絡`, or null when the document does not say.
    pub document_type: Option<String>,
    /// The date in the letter head.
    pub issued_on: Option<NaiveDate>,
    /// The title, its wrapped lines joined.
    pub title: Option<String>,
    /// N of `（そのN）` in the title.
    pub sequel: Option<u32>,
    /// The disaster the notice is about, from its title or text.
    pub disaster: Option<Disaster>,
    /// The issuing divisions, in the order written.
    pub issuers: Vec<String>,
    /// Whom the notice is addressed to (御中 stripped).
    pub addressees: Vec<String>,
    /// Earlier notices the text refers to.
    pub references: Vec<Reference>,
}

/// The disaster a notice is about.
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
    /// The date of the notice referred to.
    pub issued_on: NaiveDate,
    /// `事務連絡` or another kind of document, when the reference names it.
    pub document_type: Option<String>,
    /// The title in 「」 after the reference, when it gives one.
    pub title: Option<String>,
}
