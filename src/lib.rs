//! onshi-notice turns MHLW 事務連絡 notices on the 「緊急時医療情報・資格確認機能」
//! into normalized, machine-readable activation records.
//!
//! The pipeline is one chain of stages; [`convert`] runs them in this order:
//!
//! ```text
//! extract → layout → notice → places → periods → records
//! bytes     blocks   parts    codes    periods   Document
//! ```
//!
//! - [`extract`] and [`layout`] ([`onshi_pdf_text`]): the text of a PDF or a
//!   text file, normalized into lines, and read into paragraphs and tables of
//!   cells with their spans, whatever form the tables came in.
//! - [`notice`]: the letter the file is about, its header, and its 範囲 and
//!   期間 cells.
//! - [`places`]: each 範囲 item resolved to a 全国地方公共団体コード with the
//!   [`gazetteer`] ([`onshi_gazetteer`]).
//! - [`periods`]: each 期間 cell read into a [`periods::Period`] (dates with
//!   [`era`], [`onshi_wareki`]) and given to the 範囲 rows it belongs to.
//! - [`records`]: the [`Document`], one activation per area and period.
//!
//! A text layer made by OCR (extraction's `ocr_text_layer` warning) is read
//! strictly through these stages ([`reading`]): a date next to a misread
//! character, or a name inside misread text, is left out rather than guessed.
//!
//! A saved mail ([`mail`]) is read as the documents it carries, one per
//! part ([`convert_parts`]).
//!
//! Each stage is public and usable alone. Around the pipeline: [`batch`]
//! (folders, in parallel, a panic contained per file), [`sink`] (JSON files,
//! JSON Lines, SQLite, CSV), [`watch`] (an inbox folder, loaded as notices
//! arrive), [`timeline`] (notices of one disaster in order), [`report`] (the
//! timelines as one HTML page) and [`corpus`] (the golden corpus check).

#![deny(missing_docs)]

pub mod batch;
pub mod corpus;
mod decisions;
pub mod diagnostic;
pub mod error;
#[doc(hidden)]
pub mod fuzz;
pub mod mail;
pub mod notice;
pub mod periods;
pub mod places;
pub mod reading;
pub mod records;
pub mod report;
pub mod schema;
pub mod sink;
pub mod timeline;
pub mod watch;

/// The table of local governments and name resolution ([`onshi_gazetteer`]).
pub use onshi_gazetteer as gazetteer;
/// Text extraction and the layout model ([`onshi_pdf_text`]).
pub use onshi_pdf_text::{self as extract, layout, normalize};
/// The era-date parser ([`onshi_wareki`]).
pub use onshi_wareki as era;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::Error;
pub use extract::ExtractOptions;
pub use records::Document;

/// Settings for a conversion.
#[derive(Debug, Clone)]
pub struct Options {
    /// How to extract text from the file.
    pub extract: ExtractOptions,
    /// Larger files are refused before they are read (`file_too_large`).
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extract: ExtractOptions::default(),
            // A notice is a few pages; 64 MiB leaves room for scans and embedded fonts.
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Convert one notice file; `-` is standard input. A mail must carry
/// exactly one part to read (see [`convert_file_parts`]).
pub fn convert_file(path: &Path, options: &Options) -> Result<Document, Error> {
    let bytes = read_input(path, options)?;
    log::debug!("{}: read {} bytes", path.display(), bytes.len());
    convert(&source_name(path), &bytes, options)
}

/// Convert every document a file carries: the file itself, or each part of
/// a mail ([`convert_parts`]). A file that cannot be read is one failure.
pub fn convert_file_parts(path: &Path, options: &Options) -> Vec<Carried> {
    match read_input(path, options) {
        Ok(bytes) => {
            log::debug!("{}: read {} bytes", path.display(), bytes.len());
            convert_parts(&source_name(path), &bytes, options)
        }
        Err(e) => vec![Carried::whole(Err(e))],
    }
}

/// The name a file is recorded under: its file name without directories.
fn source_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// One document of an input: a file is one, a mail one per part it carries.
#[derive(Debug)]
pub struct Carried {
    /// The mail part, or `None` for a file that is the notice itself (and
    /// for a mail that failed as a whole).
    pub part: Option<records::Part>,
    /// The document, or why the part (or the file) gave none.
    pub result: Result<Document, Error>,
}

impl Carried {
    /// The outcome of a whole file.
    pub fn whole(result: Result<Document, Error>) -> Self {
        Carried { part: None, result }
    }
}

/// Convert every document `bytes` carry: a saved mail ([`mail::is_mail`])
/// gives one per text part and PDF attachment (see [`mail`]), any other
/// file one. Never empty.
pub fn convert_parts(file_name: &str, bytes: &[u8], options: &Options) -> Vec<Carried> {
    if !mail::is_mail(bytes) {
        return vec![Carried::whole(convert_document(file_name, bytes, options))];
    }
    let split = match mail::split(bytes) {
        Ok(split) => split,
        Err(e) => return vec![Carried::whole(Err(e.into()))],
    };
    let carried: Vec<Carried> = split
        .leaves
        .into_iter()
        .map(|leaf| {
            let result = match leaf.read {
                Ok((kind, body)) => contained(|| read_part(file_name, &body, kind, &leaf.part, options)),
                Err(e) => Err(e.into()),
            };
            Carried {
                part: Some(leaf.part),
                result,
            }
        })
        .collect();
    keep_notices(file_name, carried, &split.left_out)
}

/// Read one part of a mail.
fn read_part(
    file_name: &str,
    body: &[u8],
    kind: mail::Kind,
    part: &records::Part,
    options: &Options,
) -> Result<Document, Error> {
    let extracted = extract_part(body, kind, options)?;
    read(file_name, body, extracted, Some(part.clone()))
}

/// The text of a mail's part: a text part in its declared charset, a PDF as any PDF.
fn extract_part(body: &[u8], kind: mail::Kind, options: &Options) -> Result<extract::Extracted, Error> {
    Ok(match kind {
        mail::Kind::Text { charset } => extract::extract_text(body, charset.as_deref())?,
        mail::Kind::Pdf => extract::extract(body, &options.extract)?,
    })
}

/// The extracted text of every document `bytes` carry, as [`convert_parts`]
/// would read it, before the notice is parsed (a part that is no notice is
/// still here): what `onshi-notice text` shows.
pub fn extract_parts(
    bytes: &[u8],
    options: &Options,
) -> Vec<(Option<records::Part>, Result<extract::Extracted, Error>)> {
    if !mail::is_mail(bytes) {
        return vec![(None, extract::extract(bytes, &options.extract).map_err(Error::from))];
    }
    match mail::split(bytes) {
        Ok(split) => split
            .leaves
            .into_iter()
            .map(|leaf| {
                let extracted = leaf
                    .read
                    .map_err(Error::from)
                    .and_then(|(kind, body)| extract_part(&body, kind, options));
                (Some(leaf.part), extracted)
            })
            .collect(),
        Err(e) => vec![(None, Err(e.into()))],
    }
}

/// A panic in one part of a mail costs that part only.
fn contained(work: impl FnOnce() -> Result<Document, Error>) -> Result<Document, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|payload| Err(Error::Internal(error::panic_message(payload.as_ref()))))
}

/// A mail's parts that are no notice (a cover note) are left out when
/// another part gave a document or failed otherwise (it may be the notice);
/// when every part is no notice, the mail is one `not_a_notice` failure.
fn keep_notices(file_name: &str, carried: Vec<Carried>, left_out: &[records::Part]) -> Vec<Carried> {
    let no_notice = |c: &Carried| matches!(c.result, Err(Error::NotANotice(_)));
    if carried.iter().all(no_notice) {
        let read: Vec<(&records::Part, String)> = carried
            .iter()
            .filter_map(|c| Some((c.part.as_ref()?, c.result.as_ref().err()?.to_string())))
            .collect();
        return vec![Carried::whole(Err(mail::no_notice(&read, left_out).into()))];
    }
    for part in left_out {
        log::debug!("{file_name}#{}: {} is not read", part.index, part.content_type);
    }
    carried
        .into_iter()
        .filter(|c| match (&c.part, &c.result) {
            (Some(part), Err(e)) if no_notice(c) => {
                log::info!(
                    "{file_name}#{}: skipped, another part carries the notice: {e}",
                    part.index
                );
                false
            }
            _ => true,
        })
        .collect()
}

/// Whether `path` names standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Read an input file (`-`: standard input). Only regular files are read (a
/// FIFO would block, `/dev/zero` never end), and reading stops past
/// `max_file_bytes` whatever the metadata says, so a file that grows while it
/// is read, or a pipe on standard input, is bounded too.
pub fn read_input(path: &Path, options: &Options) -> Result<Vec<u8>, Error> {
    let limit = options.max_file_bytes;
    if is_stdin(path) {
        return read_bounded(std::io::stdin().lock(), limit, 0);
    }
    // Refuse a FIFO or a device before opening it: opening a FIFO blocks until a writer comes.
    let meta = std::fs::metadata(path)?;
    check_regular(&meta)?;
    let file = open_nonblocking(path)?;
    // The file may have been swapped between the two looks.
    let meta = file.metadata()?;
    check_regular(&meta)?;
    if meta.len() > limit {
        return Err(Error::FileTooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let hint = usize::try_from(meta.len()).unwrap_or(0);
    read_bounded(file, limit, hint)
}

/// Read at most `limit` bytes; one more is a `FileTooLarge`.
fn read_bounded(reader: impl std::io::Read, limit: u64, hint: usize) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(hint);
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::FileTooLarge { size: None, limit });
    }
    Ok(bytes)
}

fn check_regular(meta: &std::fs::Metadata) -> Result<(), Error> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(Error::NotAFile("a FIFO (named pipe)"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(Error::NotAFile("a device"));
        }
        if kind.is_socket() {
            return Err(Error::NotAFile("a socket"));
        }
    }
    Err(Error::NotAFile(if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }))
}

/// Open for reading without blocking on a FIFO swapped in after the first look.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    open.open(path)
}

/// Convert one notice given as bytes; `file_name` is recorded as its source.
/// A mail must carry exactly one part to read (`several_parts` otherwise;
/// [`convert_parts`] reads them all).
pub fn convert(file_name: &str, bytes: &[u8], options: &Options) -> Result<Document, Error> {
    if !mail::is_mail(bytes) {
        return convert_document(file_name, bytes, options);
    }
    let mut carried = convert_parts(file_name, bytes, options);
    match (carried.pop(), carried.len()) {
        (Some(only), 0) => only.result,
        (_, more) => Err(mail::MailError::SeveralParts(more + 1).into()),
    }
}

/// A file that is one notice: extract, then read.
fn convert_document(file_name: &str, bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let extracted = extract::extract(bytes, &options.extract)?;
    read(file_name, bytes, extracted, None)
}

/// Read extracted text into a document; `bytes` are what `extracted` came
/// from (hashed as the source), `part` the mail part they were.
fn read(
    file_name: &str,
    bytes: &[u8],
    extracted: extract::Extracted,
    part: Option<records::Part>,
) -> Result<Document, Error> {
    log::debug!(
        "{file_name}: extract: {:?}, {} pages, decoded by {}",
        extracted.format,
        extracted.pages.len(),
        extracted.decoded_by
    );
    let text = normalize::normalize(&extracted.pages);
    log::debug!("{file_name}: normalize: {} lines", text.lines.len());
    // OCR text is read strictly: doubtful dates are left out, not guessed.
    let notice = notice::parse_read(&text, reading::Reading::of(&extracted.warnings))?;
    decisions::notice(file_name, &notice);
    let gazetteer = gazetteer::Gazetteer::bundled();
    let places: Vec<places::Resolved> = notice
        .ranges
        .iter()
        .map(|range| places::resolve_read(range, notice.header.issued_on, gazetteer, notice.reading))
        .collect();
    decisions::places(file_name, &places);
    let (periods, mut diagnostics) = periods::assign(&notice);
    diagnostics.extend(extracted.warnings.iter().map(|w| {
        let d = diagnostic::Diagnostic::warning(w.code, w.message.clone());
        match w.page {
            Some(page) => diagnostic::Diagnostic { page: Some(page), ..d },
            None => d,
        }
    }));
    let rows = places
        .into_iter()
        .zip(periods)
        .map(|(resolved, assigned)| records::Row {
            resolved,
            period: assigned.period,
            by_prefecture: assigned.by_prefecture,
        })
        .collect();
    let source = records::Source {
        file: file_name.to_owned(),
        sha256: hex(&Sha256::digest(bytes)),
        format: extracted.format.into(),
        pages: u32::try_from(extracted.pages.len()).unwrap_or(u32::MAX),
        decoded_by: extracted.decoded_by,
        part,
    };
    Ok(records::assemble(source, notice, rows, diagnostics))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
