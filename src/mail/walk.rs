//! The parts of a mail that may carry a notice, found by walking its MIME
//! tree: nested multiparts, and forwarded mails (`message/rfc822`) opened in
//! turn, each part numbered as IMAP numbers it.

use mailparse::{ParsedMail, parse_mail};

use super::{MailError, Part};

/// Lines that open a part (`--boundary`) a mail may have.
const MAX_BOUNDARIES: usize = 10_000;

/// Forwarded mails opened one within another, at most.
const MAX_FORWARD_DEPTH: usize = 8;

/// How a part's bytes are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A text part, in the charset it declares if it declares one.
    Text {
        /// The `charset` parameter, when given.
        charset: Option<String>,
    },
    /// A PDF attachment.
    Pdf,
}

/// A part that may carry a notice, with its bytes (transfer encoding undone),
/// or why they cannot be had.
#[derive(Debug)]
pub struct Leaf {
    /// Where in the mail the part is.
    pub part: Part,
    /// How to read it and its bytes, or why they cannot be had.
    pub read: Result<(Kind, Vec<u8>), MailError>,
}

/// A mail split into its parts: those to read, in part order, and those of
/// no kind that is read (HTML, images).
#[derive(Debug, Default)]
pub struct Split {
    /// The parts that may carry a notice.
    pub leaves: Vec<Leaf>,
    /// The parts that are not read.
    pub left_out: Vec<Part>,
}

/// Split the mail in `bytes` into its parts; only a mail whose headers
/// cannot be parsed at all fails here, a bad part is a [`Leaf`] that failed.
pub fn split(bytes: &[u8]) -> Result<Split, MailError> {
    // Counted before parsing: mailparse keeps about a kilobyte per part.
    let boundaries = bytes
        .split(|&b| b == b'\n')
        .filter(|line| line.starts_with(b"--"))
        .count();
    if boundaries > MAX_BOUNDARIES {
        return Err(MailError::Malformed(format!(
            "{boundaries} part boundaries, more than the {MAX_BOUNDARIES} read (a mail of notices has a handful)"
        )));
    }
    let mail = parse_mail(bytes).map_err(|e| MailError::Malformed(lowercase(&e.to_string())))?;
    let mut walk = Split::default();
    message(&mail, "", 0, &mut walk);
    Ok(walk)
}

/// A whole message (the mail, or one forwarded in it) numbered under `section`.
fn message(mail: &ParsedMail, section: &str, depth: usize, walk: &mut Split) {
    if mail.ctype.mimetype.starts_with("multipart/") {
        multipart(mail, section, depth, walk);
    } else {
        // The body of a message that is not multipart is its part 1.
        entity(mail, &child(section, 1), depth, walk);
    }
}

fn multipart(mail: &ParsedMail, section: &str, depth: usize, walk: &mut Split) {
    if mail.subparts.is_empty() {
        walk.leaves.push(Leaf {
            part: part(mail, if section.is_empty() { "1" } else { section }),
            read: Err(MailError::Malformed(format!(
                "a {} without parts: its boundary is missing or never found",
                mail.ctype.mimetype
            ))),
        });
    }
    for (k, sub) in mail.subparts.iter().enumerate() {
        entity(sub, &child(section, k + 1), depth, walk);
    }
}

fn entity(mail: &ParsedMail, section: &str, depth: usize, walk: &mut Split) {
    let mimetype = mail.ctype.mimetype.as_str();
    if mimetype.starts_with("multipart/") {
        return multipart(mail, section, depth, walk);
    }
    let part = part(mail, section);
    if mimetype == "message/rfc822" {
        let inner = if depth >= MAX_FORWARD_DEPTH {
            Err(MailError::Malformed(format!(
                "a forwarded mail nested more than {MAX_FORWARD_DEPTH} deep is not opened"
            )))
        } else {
            body(mail)
        };
        match inner {
            Ok(bytes) => match parse_mail(&bytes) {
                Ok(inner) => message(&inner, section, depth + 1, walk),
                Err(e) => walk.leaves.push(Leaf {
                    part,
                    read: Err(MailError::Malformed(format!(
                        "the forwarded mail: {}",
                        lowercase(&e.to_string())
                    ))),
                }),
            },
            Err(e) => walk.leaves.push(Leaf { part, read: Err(e) }),
        }
        return;
    }
    let named_pdf = part
        .file_name
        .as_deref()
        .is_some_and(|n| n.rsplit_once('.').is_some_and(|(_, x)| x.eq_ignore_ascii_case("pdf")));
    let may_be_pdf = named_pdf || matches!(mimetype, "application/pdf" | "application/x-pdf");
    let text = mimetype == "text/plain";
    if !(may_be_pdf || text || mimetype == "application/octet-stream") {
        walk.left_out.push(part);
        return;
    }
    let read = match body(mail) {
        Err(e) => Err(e),
        // An attachment sent as octet-stream is read if it is a PDF by content.
        Ok(bytes) if may_be_pdf || onshi_pdf_text::is_pdf(&bytes) => Ok((Kind::Pdf, bytes)),
        Ok(bytes) if text => {
            let charset = mail.ctype.params.get("charset").cloned();
            Ok((Kind::Text { charset }, bytes))
        }
        Ok(_) => {
            walk.left_out.push(part);
            return;
        }
    };
    walk.leaves.push(Leaf { part, read });
}

fn part(mail: &ParsedMail, section: &str) -> Part {
    Part {
        index: section.to_owned(),
        file_name: file_name(mail),
        content_type: mail.ctype.mimetype.clone(),
    }
}

/// The part's file name: the disposition's `filename`, else the type's
/// `name` (mailparse decodes RFC 2231 and encoded words in both), without
/// any directories a sender put in it.
fn file_name(mail: &ParsedMail) -> Option<String> {
    let disposition = mail.get_content_disposition();
    let name = disposition
        .params
        .get("filename")
        .or_else(|| mail.ctype.params.get("name"))?;
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The part's bytes with its transfer encoding undone.
fn body(mail: &ParsedMail) -> Result<Vec<u8>, MailError> {
    mail.get_body_raw().map_err(|e| {
        let encoding = mail
            .headers
            .iter()
            .find(|h| h.get_key_ref().eq_ignore_ascii_case("content-transfer-encoding"))
            .map_or_else(String::new, |h| h.get_value().trim().to_lowercase());
        MailError::TransferEncoding {
            encoding,
            reason: lowercase(&e.to_string()),
        }
    })
}

fn child(section: &str, k: usize) -> String {
    if section.is_empty() {
        k.to_string()
    } else {
        format!("{section}.{k}")
    }
}

fn lowercase(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
