//! Saved mails (`.eml`): a mail is read as what it carries. Its text part is
//! a notice, and each PDF attachment a notice of its own; every document
//! names the part it came from ([`crate::records::Part`]).
//!
//! MIME is parsed by `mailparse`, which gives each part's bytes with the
//! transfer encoding undone; a text part's charset is then decoded like any
//! text file, by [`onshi_pdf_text::text::decode_declared`]. A part that is
//! no notice (a cover note, `添付のとおり…`) is skipped when another part
//! gives a document or may (it failed for another reason); a mail in which
//! no part is a notice fails as a whole, `not_a_notice`.

mod detect;
mod walk;

pub use detect::is_mail;

use crate::records::Part;
use crate::{Carried, Error, Options};

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

/// Convert every part of the mail in `bytes` that may carry a notice. The
/// result is never empty: a mail that gives nothing is one failure.
pub(crate) fn convert(file_name: &str, bytes: &[u8], options: &Options) -> Vec<Carried> {
    let walked = match walk::walk(bytes) {
        Ok(walked) => walked,
        Err(e) => return vec![Carried::whole(Err(e.into()))],
    };
    let mut carried: Vec<Carried> = walked
        .leaves
        .into_iter()
        .map(|leaf| {
            let part = leaf.part;
            let result = match leaf.read {
                Ok((kind, body)) => contained(|| read_part(file_name, &body, kind, &part, options)),
                Err(e) => Err(e.into()),
            };
            Carried {
                part: Some(part),
                result,
            }
        })
        .collect();
    let is_no_notice = |c: &Carried| matches!(c.result, Err(Error::NotANotice(_)));
    if carried.iter().all(is_no_notice) {
        let summary = no_notice_summary(&carried, &walked.left_out);
        return vec![Carried::whole(Err(MailError::NoNotice(summary).into()))];
    }
    carried.retain(|c| {
        if let (Some(part), Err(e)) = (&c.part, &c.result)
            && is_no_notice(c)
        {
            log::info!(
                "{file_name}#{}: skipped, another part carries the notice: {e}",
                part.index
            );
            return false;
        }
        true
    });
    for part in &walked.left_out {
        log::debug!("{file_name}#{}: {} is not read", part.index, part.content_type);
    }
    carried
}

fn read_part(
    file_name: &str,
    body: &[u8],
    kind: walk::Kind,
    part: &Part,
    options: &Options,
) -> Result<crate::Document, Error> {
    let extracted = match kind {
        walk::Kind::Text { charset } => crate::extract::extract_text(body, charset.as_deref())?,
        walk::Kind::Pdf => crate::extract::extract(body, &options.extract)?,
    };
    crate::read(file_name, body, extracted, Some(part.clone()))
}

/// A panic in one part costs that part only.
fn contained(work: impl FnOnce() -> Result<crate::Document, Error>) -> Result<crate::Document, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|payload| Err(Error::Internal(crate::batch::panic_message(payload.as_ref()))))
}

/// `part 1 (text/plain): not a notice: …; part 2 (image/png) is not read`.
fn no_notice_summary(carried: &[Carried], left_out: &[Part]) -> String {
    let mut items: Vec<(String, String)> = carried
        .iter()
        .filter_map(|c| {
            let part = c.part.as_ref()?;
            let reason = c.result.as_ref().err()?;
            Some((
                part.index.clone(),
                format!("part {} ({}): {reason}", part.index, describe(part)),
            ))
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
    items.sort_by(|a, b| section_key(&a.0).cmp(&section_key(&b.0)));
    items.into_iter().map(|(_, text)| text).collect::<Vec<_>>().join("; ")
}

fn describe(part: &Part) -> String {
    match &part.file_name {
        Some(name) => format!("{}, `{name}`", part.content_type),
        None => part.content_type.clone(),
    }
}

fn section_key(index: &str) -> Vec<u64> {
    index.split('.').map(|n| n.parse().unwrap_or(u64::MAX)).collect()
}

#[cfg(test)]
mod tests;
