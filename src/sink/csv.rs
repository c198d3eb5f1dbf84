//! CSV for spreadsheets: one row per activation, scope and failure, in the
//! batch's order, with the columns of [`COLUMNS`] (documented in the README).
//!
//! The encoding is chosen for the spreadsheet that opens the file
//! ([`Encoding`]): UTF-8 with a byte-order mark by default, which Excel reads
//! as UTF-8 and which holds every character; Shift_JIS for programs that
//! read nothing else. A character that Shift_JIS cannot hold is written as
//! `〓` (U+3013 GETA MARK, the mark Japanese typesetting uses for a missing
//! glyph), and each such replacement is handed to the caller
//! ([`Replacement`]); the row is still written, since codes and dates are
//! ASCII and lose nothing. Records end in CRLF (RFC 4180).
//!
//! A text cell that a spreadsheet would read as a formula (one that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
//! so a crafted notice cannot put a formula into a user's sheet.

use std::io::Write;
use std::path::Path;

use super::output::{FileSink, IntoOutput, Output};
use super::{Sink, Stats};
use crate::Document;

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "row_kind",
    "id",
    "issued_on",
    "kind",
    "disaster",
    "prefecture_code",
    "prefecture_name",
    "municipality_code",
    "municipality_name",
    "district",
    "written_as",
    "start",
    "start_time",
    "end",
    "end_time",
    "basis",
    "open_ended",
    "provisional",
    "period_text",
    "scope_count",
    "scope_text",
    "failure_code",
    "failure_message",
    "source_file",
    "source_sha256",
    "page",
    "line",
];

/// How the file is encoded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark, for programs.
    Utf8,
    /// UTF-8 with a byte-order mark (`EF BB BF`), which tells Excel the file
    /// is UTF-8: the default.
    #[default]
    Utf8Bom,
    /// Shift_JIS (as Windows writes it, code page 932), for older
    /// spreadsheets and systems that read nothing else.
    ShiftJis,
}

/// The mark written for a character that Shift_JIS cannot hold.
pub const REPLACEMENT: char = '〓';

/// A character that the encoding cannot hold, written as [`REPLACEMENT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The record number as a spreadsheet shows it (the header is row 1).
    pub row: u64,
    /// The column it is in.
    pub column: &'static str,
    /// The notice id of the row.
    pub id: String,
    /// The character.
    pub character: char,
}

impl std::fmt::Display for Replacement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {} ({}), column {}: U+{:04X} `{}` has no Shift_JIS form; written as {REPLACEMENT}",
            self.row, self.id, self.column, self.character as u32, self.character
        )
    }
}

/// CSV rows into any writer.
pub struct Csv<W: Write> {
    out: W,
    encoding: Encoding,
    /// Formats one record at a time into `formatted`, taken after each record.
    format: ::csv::Writer<Shared>,
    formatted: Shared,
    /// Records written, the header included.
    rows: u64,
    on_replacement: Box<dyn FnMut(&Replacement)>,
}

impl<W: Write> Csv<W> {
    /// A CSV stream starting with its byte-order mark (for [`Encoding::Utf8Bom`])
    /// and header.
    pub fn new(out: W, encoding: Encoding) -> std::io::Result<Self> {
        let mut csv = Csv::continuing(out, encoding);
        if encoding == Encoding::Utf8Bom {
            csv.out.write_all(b"\xEF\xBB\xBF")?;
        }
        let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        csv.record("", header)?;
        Ok(csv)
    }

    /// Rows appended to a stream that already has its header (no mark, no header).
    pub fn continuing(out: W, encoding: Encoding) -> Self {
        let formatted = Shared::default();
        Csv {
            out,
            encoding,
            format: ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(formatted.clone()),
            formatted,
            rows: 0,
            on_replacement: Box::new(|r| log::warn!("{r}")),
        }
    }

    /// Called with each character the encoding cannot hold (by default, a warning in the log).
    pub fn on_replacement(mut self, f: impl FnMut(&Replacement) + 'static) -> Self {
        self.on_replacement = Box::new(f);
        self
    }

    /// The writer, back.
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Write one record: every cell made fit for the encoding, then quoted as
    /// CSV needs, then encoded.
    fn record(&mut self, id: &str, cells: Vec<String>) -> std::io::Result<()> {
        self.rows += 1;
        let mut fitted = Vec::with_capacity(cells.len());
        for (k, cell) in cells.into_iter().enumerate() {
            fitted.push(match self.encoding {
                Encoding::ShiftJis => self.fit_shift_jis(id, k, cell),
                _ => cell,
            });
        }
        self.format.write_record(&fitted).map_err(csv_error)?;
        self.format.flush()?;
        let line = std::mem::take(&mut *self.formatted.0.borrow_mut());
        match self.encoding {
            Encoding::ShiftJis => {
                let text = String::from_utf8(line).map_err(std::io::Error::other)?;
                let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
                self.out.write_all(&bytes)
            }
            _ => self.out.write_all(&line),
        }
    }

    /// `cell` with each character Shift_JIS cannot hold replaced by [`REPLACEMENT`].
    fn fit_shift_jis(&mut self, id: &str, column: usize, cell: String) -> String {
        if !encoding_rs::SHIFT_JIS.encode(&cell).2 {
            return cell;
        }
        let mut out = String::with_capacity(cell.len());
        let mut one = [0u8; 4];
        for c in cell.chars() {
            if encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut one)).2 {
                (self.on_replacement)(&Replacement {
                    row: self.rows,
                    column: COLUMNS[column],
                    id: id.to_owned(),
                    character: c,
                });
                out.push(REPLACEMENT);
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// A buffer that the CSV writer fills and the sink empties.
#[derive(Default, Clone)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn csv_error(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A text cell, guarded against being read as a formula.
fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The JSON spelling of a unit enum (`activation`), without quotes.
fn json_str<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The cells of one row, by column name; unnamed columns stay empty.
struct Row(Vec<String>);

impl Row {
    fn new(kind: &str, id: &str) -> Self {
        let mut row = Row(vec![String::new(); COLUMNS.len()]);
        row.set("row_kind", kind.to_owned());
        row.set("id", text(id));
        row
    }

    fn set(&mut self, column: &str, value: String) {
        let k = COLUMNS.iter().position(|c| *c == column).expect("a known column");
        self.0[k] = value;
    }

    /// The notice's columns, shared by its activations and scopes.
    fn notice(mut self, doc: &Document) -> Self {
        let n = &doc.notice;
        self.set("issued_on", opt(n.issued_on));
        self.set("kind", json_str(&n.kind));
        self.set(
            "disaster",
            n.disaster.as_ref().map(|d| text(&d.name)).unwrap_or_default(),
        );
        self.set("source_file", text(&doc.source.file_and_part()));
        self.set("source_sha256", doc.source.sha256.clone());
        self
    }

    fn period(mut self, p: &crate::records::Period) -> Self {
        self.set("start", opt(p.start));
        self.set("start_time", opt(p.start_time));
        self.set("end", opt(p.end));
        self.set("end_time", opt(p.end_time));
        self.set("basis", p.basis.as_deref().map(text).unwrap_or_default());
        self.set("open_ended", p.open_ended.to_string());
        self.set("provisional", p.provisional.to_string());
        self.set("period_text", text(&p.text));
        self
    }

    fn span(mut self, span: &crate::records::SourceSpan) -> Self {
        self.set("page", span.page.to_string());
        self.set("line", span.line.to_string());
        self
    }
}

impl<W: Write> Sink for Csv<W> {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        for a in &doc.activations {
            let mut row = Row::new("activation", id)
                .notice(doc)
                .period(&a.period)
                .span(&a.source_span);
            row.set("prefecture_code", a.prefecture.code.clone());
            row.set("prefecture_name", text(&a.prefecture.name));
            if let Some(m) = &a.municipality {
                row.set("municipality_code", m.code.clone());
                row.set("municipality_name", text(&m.name));
                row.set("district", m.district.as_deref().map(text).unwrap_or_default());
            }
            row.set("written_as", text(&a.written_as));
            self.record(id, row.0)?;
        }
        for s in &doc.scopes {
            let mut row = Row::new("scope", id).notice(doc).period(&s.period).span(&s.source_span);
            if let Some(p) = &s.prefecture {
                row.set("prefecture_code", p.code.clone());
                row.set("prefecture_name", text(&p.name));
            }
            row.set("scope_count", opt(s.count));
            row.set("scope_text", text(&s.text));
            self.record(id, row.0)?;
        }
        Ok(())
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        let mut row = Row::new("failure", id);
        row.set("failure_code", code.to_owned());
        row.set("failure_message", text(message));
        row.set("source_file", text(file));
        self.record(id, row.0)
    }

    fn finish(&mut self, _stats: &Stats) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// CSV into a file ([`Output`]): replaced when the batch finishes, or
/// written in place if it is a device or a FIFO.
pub type CsvFile = FileSink<Csv<Output>>;

impl CsvFile {
    /// CSV into `path`; a character the encoding cannot hold is logged as a warning.
    pub fn create(path: &Path, encoding: Encoding) -> std::io::Result<Self> {
        Self::create_with(path, encoding, |r| log::warn!("{r}"))
    }

    /// [`CsvFile::create`], calling `on_replacement` for each character the encoding cannot hold.
    pub fn create_with(
        path: &Path,
        encoding: Encoding,
        on_replacement: impl FnMut(&Replacement) + 'static,
    ) -> std::io::Result<Self> {
        let csv = Csv::new(Output::create(path)?, encoding).map_err(|e| super::at(path, e))?;
        Ok(FileSink::new(csv.on_replacement(on_replacement), path))
    }
}

impl IntoOutput for Csv<Output> {
    fn into_output(self) -> Output {
        self.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_other_text_is_not() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("@SUM"), "'@SUM");
        assert_eq!(text("青森市"), "青森市");
        assert_eq!(text(""), "");
    }

    #[test]
    fn shift_jis_replaces_what_it_cannot_hold_and_says_so() {
        let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let log = seen.clone();
        let mut csv = Csv::new(Vec::new(), Encoding::ShiftJis)
            .unwrap()
            .on_replacement(move |r| log.borrow_mut().push(r.clone()));
        csv.failure("a.txt", "𠮷野家.txt", "not_a_notice", "髙橋").unwrap();
        let bytes = csv.into_inner();
        let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!errors);
        assert!(text.contains("〓野家.txt"), "{text}");
        assert!(text.contains("髙橋"), "CP932 holds 髙: {text}");
        let seen = seen.borrow();
        assert_eq!(seen.len(), 1);
        assert_eq!(
            (seen[0].row, seen[0].column, seen[0].character),
            (2, "source_file", '𠮷')
        );
    }

    #[test]
    fn the_header_lists_the_columns_after_the_mark() {
        let bytes = Csv::new(Vec::new(), Encoding::Utf8Bom).unwrap().into_inner();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        assert_eq!(
            std::str::from_utf8(&bytes[3..]).unwrap(),
            format!("{}\r\n", COLUMNS.join(","))
        );
    }
}
