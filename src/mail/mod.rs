//! Saved mails (`.eml`): a mail is read as what it carries. Its text part is
//! a notice, and each PDF attachment a notice of its own; every document
//! names the part it came from ([`crate::records::Part`]).
//!
//! This module finds the parts ([`split`]); [`crate::convert_parts`] reads
//! them. MIME is parsed by `mailparse`, which gives each part's bytes with
//! the transfer encoding undone; a text part's charset is then decoded like
//! any text file, by [`onshi_pdf_text::text::decode_declared`]. A part that
//! is no notice (a cover note, `添付のとおり…`) is skipped when another part
//! gives a document or may (it failed for another reason); a mail in which
//! no part is a notice fails as a whole, `not_a_notice` ([`no_notice`]).

mod detect;
mod walk;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use detect::is_mail;
pub use walk::{Kind, Leaf, Split, split};

/// Why a mail, or a part of it, could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// The MIME structure cannot be read.
    #[error("malformed MIME: {0}")]
    Malformed(String),
    /// A part's transfer encoding (base64, quoted-printable) does not decode.
    #[error("the part's {encoding} transfer encoding does not decode: {reason}")]
    TransferEncoding {
        /// The `Content-Transfer-Encoding`, lowercase.
        encoding: String,
        /// What the decoder said.
        reason: String,
    },
    /// No part of the mail is a notice; the parts are listed.
    #[error("no part of the mail is a notice: {0}")]
    NoNotice(String),
    /// One document was asked for, and the mail carries several parts.
    #[error("the mail carries {0} parts to read; read it part by part (the command line does)")]
    SeveralParts(usize),
}

/// A part of a mail: where in the mail a notice came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The MIME part number as IMAP counts it: `1` for the body of a mail
    /// that is not multipart, `2` for the second part, `2.1` for the first
    /// part within it (or within a forwarded mail that part 2 is).
    pub index: String,
    /// The file name the part was attached under, decoded, if it has one.
    pub file_name: Option<String>,
    /// The part's media type, lowercase: `text/plain`, `application/pdf`.
    pub content_type: String,
}

/// The failure of a mail none of whose parts is a notice, listing each part
/// with why it is none: `part 1 (text/plain): not a notice: …; part 2
/// (image/png, `logo.png`) is not read`.
pub fn no_notice(read: &[(&Part, String)], left_out: &[Part]) -> MailError {
    MailError::NoNotice(summary(read, left_out))
}

fn summary(read: &[(&Part, String)], left_out: &[Part]) -> String {
    let mut items: Vec<(String, String)> = read
        .iter()
        .map(|(part, reason)| {
            (
                part.index.clone(),
                format!("part {} ({}): {reason}", part.index, describe(part)),
            )
        })
        .collect();
    items.extend(left_out.iter().map(|p| {
        (
            p.index.clone(),
            format!("part {} ({}) is not read", p.index, describe(p)),
        )
    }));
    if items.is_empty() {
        return "it has no parts".to_owned();
    }
    items.sort_by_key(|(index, _)| section_key(index));
    let more = items.len().saturating_sub(LISTED_PARTS);
    let mut text = items
        .into_iter()
        .take(LISTED_PARTS)
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        text.push_str(&format!("; and {more} more parts"));
    }
    text
}

/// Parts named in a `not_a_notice` message; a mail of thousands of parts
/// must not make a message of megabytes.
const LISTED_PARTS: usize = 10;

fn describe(part: &Part) -> String {
    match &part.file_name {
        Some(name) => format!("{}, `{name}`", part.content_type),
        None => part.content_type.clone(),
    }
}

fn section_key(index: &str) -> Vec<u64> {
    index.split('.').map(|n| n.parse().unwrap_or(u64::MAX)).collect()
}
