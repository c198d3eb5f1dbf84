//! `--csv FILE|-` and `--csv-encoding`, shared by `convert` and `watch`.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use onshi_notice::sink::{
    Sink,
    append::AppendOnFlush,
    csv::{Csv, CsvFile, Encoding, Replacement},
};

/// The encoding of `--csv`.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 without a byte-order mark, for programs.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-8 with a byte-order mark: Excel opens it as UTF-8, and it holds every character.
    #[default]
    #[value(name = "utf-8-bom", alias = "utf8-bom")]
    Utf8Bom,
    /// Shift_JIS (code page 932); a character it cannot hold is written as 〓 and reported.
    #[value(name = "shift_jis", alias = "shift-jis", alias = "sjis", alias = "cp932")]
    ShiftJis,
}

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Self {
        match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Utf8Bom => Encoding::Utf8Bom,
            EncodingArg::ShiftJis => Encoding::ShiftJis,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CsvArgs {
    /// Write CSV for spreadsheets to FILE, or `-` for stdout: a row per activation, scope and failure
    /// (columns in the README).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// The encoding of --csv.
    #[arg(long, value_enum, value_name = "ENCODING", default_value_t, requires = "csv")]
    pub csv_encoding: EncodingArg,
}

/// Each character the encoding cannot hold, reported on stderr against the file.
fn reporter(path: &Path) -> impl FnMut(&Replacement) + 'static {
    let shown = if onshi_notice::is_stdin(path) {
        PathBuf::from("<stdout>")
    } else {
        path.to_path_buf()
    };
    move |r| super::report(&shown, &r.to_string())
}

impl CsvArgs {
    /// The CSV sink of one batch of `convert`: the file replaced at the end
    /// of the batch (written beside it, then renamed; a device or a FIFO is
    /// written in place), or stdout.
    pub fn open(&self) -> io::Result<Option<Box<dyn Sink>>> {
        let Some(path) = &self.csv else {
            return Ok(None);
        };
        let encoding = self.csv_encoding.into();
        Ok(Some(if onshi_notice::is_stdin(path) {
            let out: Box<dyn Write> = Box::new(io::stdout().lock());
            Box::new(Csv::new(BufWriter::new(out), encoding)?.on_replacement(reporter(path)))
        } else {
            Box::new(CsvFile::create_with(path, encoding, reporter(path))?)
        }))
    }

    /// The CSV sink of one batch of `watch`: rows appended to the file at the
    /// end of the batch, the header (and mark) first when the file is new;
    /// on stdout, the header with the `first` batch.
    pub fn open_appending(&self, first: bool) -> io::Result<Option<Box<dyn Sink>>> {
        let Some(path) = &self.csv else {
            return Ok(None);
        };
        let encoding = self.csv_encoding.into();
        if onshi_notice::is_stdin(path) {
            let out: Box<dyn Write> = Box::new(BufWriter::new(io::stdout()));
            let csv = if first {
                Csv::new(out, encoding)?
            } else {
                Csv::continuing(out, encoding)
            };
            return Ok(Some(Box::new(csv.on_replacement(reporter(path)))));
        }
        let out = AppendOnFlush::new(path);
        let csv = if out.is_new() {
            Csv::new(out, encoding)?
        } else {
            Csv::continuing(out, encoding)
        };
        Ok(Some(Box::new(csv.on_replacement(reporter(path)))))
    }
}
