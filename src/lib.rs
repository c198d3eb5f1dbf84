//! onshi-notice turns MHLW 事務連絡 notices on the 「緊急時医療情報・資格確認機能」
//! into normalized, machine-readable activation records.
//!
//! The pipeline is one chain of stages, one module each:
//!
//! ```text
//! extract → normalize → layout → notice → areas → schedule → assemble
//! bytes     lines       blocks   parts    codes   periods    Document
//! ```
//!
//! The notice reader reads [`layout`] blocks (paragraphs, and tables of cells
//! with their spans) of the letter it has picked, whatever form the tables
//! came in.
//!
//! [`convert`] runs them all; each stage is public and usable alone.

pub mod areas;
pub mod assemble;
pub mod batch;
pub mod corpus;
pub mod diagnostic;
pub mod era;
pub mod error;
pub mod extract;
#[doc(hidden)]
pub mod fuzz;
pub mod grid_text;
pub mod layout;
pub mod normalize;
pub mod notice;
pub mod period;
pub mod places;
pub mod record;
pub mod schedule;
pub mod schema;
pub mod sink;
pub mod timeline;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::Error;
pub use extract::ExtractOptions;
pub use record::Document;

/// Settings for a conversion.
#[derive(Debug, Clone)]
pub struct Options {
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

/// Convert one notice file; `-` is standard input.
pub fn convert_file(path: &Path, options: &Options) -> Result<Document, Error> {
    let bytes = read_input(path, options)?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    log::debug!("{}: read {} bytes", path.display(), bytes.len());
    convert(&name, &bytes, options)
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
pub fn convert(file_name: &str, bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let extracted = extract::extract(bytes, &options.extract)?;
    log::debug!(
        "{file_name}: extract: {:?}, {} pages, decoded by {}",
        extracted.format,
        extracted.pages.len(),
        extracted.decoded_by
    );
    let text = normalize::normalize(&extracted.pages);
    log::debug!("{file_name}: normalize: {} lines", text.lines.len());
    let mut notice = notice::parse(&text)?;
    cap_range_items(&mut notice);
    log_notice(file_name, &notice);
    let gazetteer = places::Gazetteer::bundled();
    let resolved: Vec<areas::Resolved> = notice
        .ranges
        .iter()
        .map(|range| areas::resolve(range, notice.notice.issued_on, gazetteer))
        .collect();
    if log::log_enabled!(log::Level::Debug) {
        for (row, r) in resolved.iter().enumerate() {
            let names: Vec<String> = r
                .areas
                .iter()
                .map(|a| match &a.municipality {
                    Some(m) => format!("{}={}", a.written_as, m.code),
                    None => format!("{}={}", a.written_as, a.prefecture.code),
                })
                .collect();
            let scopes: Vec<&str> = r.scopes.iter().map(|s| s.text.as_str()).collect();
            log::debug!(
                "{file_name}: areas: row {row}: {} ({} scopes: {}; {} diagnostics)",
                names.join(", "),
                scopes.len(),
                scopes.join(", "),
                r.diagnostics.len()
            );
        }
    }
    let resolved = resolved.into_iter();
    let (periods, mut diagnostics) = schedule::periods(&notice);
    diagnostics.extend(extracted.warnings.iter().map(|w| {
        let d = diagnostic::Diagnostic::warning(&w.code, w.message.clone());
        match w.page {
            Some(page) => diagnostic::Diagnostic { page: Some(page), ..d },
            None => d,
        }
    }));
    let rows = resolved
        .zip(periods)
        .map(|(resolved, assigned)| assemble::Row {
            resolved,
            period: assigned.period,
            by_prefecture: assigned.by_prefecture,
        })
        .collect();
    let source = record::Source {
        file: file_name.to_owned(),
        sha256: hex(&Sha256::digest(bytes)),
        format: extracted.format,
        pages: u32::try_from(extracted.pages.len()).unwrap_or(u32::MAX),
        decoded_by: extracted.decoded_by,
    };
    Ok(assemble::document(source, notice, rows, diagnostics))
}

/// The cap on 範囲 items ([`notice::range::MAX_ITEMS`]) holds for the whole
/// notice, not per row: many short rows or bracketed groups must not add up
/// past it (each item costs a lookup, an unknown one a search for
/// suggestions). Rows past the cap are dropped, and the last row kept counts
/// what was left out, which `areas` reports once as `range_too_long`.
fn cap_range_items(parsed: &mut notice::ParsedNotice) {
    let mut left = notice::range::MAX_ITEMS;
    let Some(last) = parsed.ranges.iter().position(|r| {
        let over = r.items.len() > left;
        left = left.saturating_sub(r.items.len());
        over || r.omitted > 0
    }) else {
        return;
    };
    let dropped: usize = parsed.ranges[last + 1..]
        .iter()
        .map(|r| r.items.len() + r.omitted)
        .sum();
    let rows_dropped = parsed.ranges.len() - (last + 1);
    parsed.ranges.truncate(last + 1);
    if parsed.table.ranges.len() > last + 1 {
        parsed.table.ranges.truncate(last + 1);
    }
    let kept_before: usize = parsed.ranges[..last].iter().map(|r| r.items.len()).sum();
    let row = &mut parsed.ranges[last];
    let keep = notice::range::MAX_ITEMS
        .saturating_sub(kept_before)
        .min(row.items.len());
    row.omitted += row.items.len() - keep + dropped;
    row.items.truncate(keep);
    log::debug!(
        "notice: 範囲 items capped at {}: {} left out, {} rows dropped",
        notice::range::MAX_ITEMS,
        row.omitted,
        rows_dropped
    );
}

/// What the notice reader decided: the kind and date, the 範囲 and 期間 cells it took.
fn log_notice(file_name: &str, parsed: &notice::ParsedNotice) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    let n = &parsed.notice;
    log::debug!(
        "{file_name}: notice: {:?} issued {:?}, disaster {:?}, {} references",
        n.kind,
        n.issued_on,
        n.disaster.as_ref().map(|d| d.name.as_str()),
        n.references.len()
    );
    for (row, cell) in parsed.table.ranges.iter().enumerate() {
        let first = cell.lines.first();
        log::debug!(
            "{file_name}: notice: 範囲 row {row}: {} lines from {}, period {:?}, {} items",
            cell.lines.len(),
            first.map_or_else(String::new, |l| format!("{}:{}", l.position.page, l.position.line)),
            cell.period,
            parsed.ranges.get(row).map_or(0, |r| r.items.len())
        );
    }
    for (k, cell) in parsed.table.periods.iter().enumerate() {
        let text: String = cell.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
        log::debug!(
            "{file_name}: notice: 期間 {k}: {}",
            text.chars().take(80).collect::<String>()
        );
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
