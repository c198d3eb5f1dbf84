//! Command-line interface.
//!
//! Exit status, as in ripgrep: 0 when every input was converted (or the corpus
//! passed), 1 when some inputs failed but the others were still written (or
//! the corpus has differences), 2 for usage errors and fatal failures.
//! A closed stdout (`| head`) is not an error.

mod check;
mod completions;
mod convert;
mod csv_out;
mod examples;
mod parse;
mod report;
mod schema;
mod text;
mod timeline;
mod watch;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit status:
  0  all inputs converted (check: the corpus matches)
  1  some inputs failed; the others were still written (check: differences)
  2  usage error or fatal failure

Examples:
  onshi-notice parse notice.pdf
  onshi-notice parse --jsonl notices/*.pdf > documents.jsonl
  onshi-notice convert notices/ --out json/ --sqlite notices.db
  onshi-notice convert notices/ --csv notices.csv
  onshi-notice watch inbox/ --sqlite notices.db
  onshi-notice active --on 2024-01-10 notices/
  onshi-notice report notices/ --html report.html
  onshi-notice check corpus/";

#[derive(Debug, Parser)]
#[command(
    name = "onshi-notice",
    version,
    about = "Read MHLW 事務連絡 notices on the 緊急時医療情報・資格確認機能 into JSON activation records",
    after_help = AFTER_HELP
)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(long, short, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert notices (PDF or text) into JSON documents on stdout.
    Parse(parse::Args),
    /// Convert files and folders into a folder of JSON files, JSON Lines, or an SQLite database.
    Convert(convert::Args),
    /// Run the golden corpus and report how much of it matches.
    Check(check::Args),
    /// Link notices by disaster and print, per area, the periods in force.
    Timeline(timeline::TimelineArgs),
    /// List the areas active on a day.
    Active(timeline::ActiveArgs),
    /// Write the timelines as one self-contained HTML page: bars per municipality on a time axis.
    Report(report::Args),
    /// Print the text as the parser sees it, each line prefixed with page:line.
    Text(text::Args),
    /// Print the JSON Schema (draft 2020-12) of the documents.
    Schema,
    /// Watch a folder and load each new or changed notice once, as it arrives.
    Watch(watch::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff) of the command, or of one subcommand.
    Man(completions::ManArgs),
    /// Extract one PDF from stdin for --isolate (internal): the options come
    /// as the first line of stdin, as data.
    #[command(hide = true, name = onshi_pdf_text::child::WORKER_COMMAND)]
    ExtractWorker,
}

/// Which program reads a PDF's text.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
enum ExtractorArg {
    /// The built-in reader: its own decoding of Japanese CMaps and fonts, pdf-extract as a fallback.
    #[default]
    Builtin,
    /// poppler's pdftotext, when installed.
    Pdftotext,
}

#[derive(Debug, clap::Args)]
struct ConvertOptions {
    /// How to read PDFs.
    #[arg(long, value_enum, default_value_t)]
    extractor: ExtractorArg,
    /// Refuse input files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    max_file_mb: u64,
    /// Refuse PDFs whose streams decompress to more than this many MiB in all.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    max_decompressed_mb: usize,
    /// Refuse PDFs with more pages than this.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    max_pages: usize,
    /// Read each PDF in a child process, so that even an abort or a runaway
    /// costs only that file (see also --timeout-secs and --max-memory-mb).
    #[arg(long)]
    isolate: bool,
    /// With --isolate: give up on a PDF after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30, requires = "isolate")]
    timeout_secs: u64,
    /// With --isolate: the child's memory limit.
    #[arg(long, value_name = "MIB", default_value_t = 1024, requires = "isolate")]
    max_memory_mb: u64,
}

impl ConvertOptions {
    fn options(&self) -> onshi_notice::Options {
        let mut options = onshi_notice::Options {
            max_file_bytes: self.max_file_mb.saturating_mul(1 << 20),
            ..Default::default()
        };
        options.extract.pdf.max_decompressed_bytes = self.max_decompressed_mb.saturating_mul(1 << 20);
        options.extract.pdf.max_pages = self.max_pages;
        if self.isolate {
            options.extract.isolate = std::env::current_exe()
                .ok()
                .map(|exe| onshi_pdf_text::child::Isolation {
                    exe,
                    timeout: std::time::Duration::from_secs(self.timeout_secs),
                    max_memory_bytes: self.max_memory_mb.saturating_mul(1 << 20),
                });
        }
        options.extract.pdf.extractor = match self.extractor {
            ExtractorArg::Builtin => onshi_pdf_text::Extractor::Builtin,
            ExtractorArg::Pdftotext => onshi_pdf_text::Extractor::Pdftotext,
        };
        options
    }
}

/// The outcome of a command, before it becomes an exit status.
enum Status {
    Success,
    SomeFailed,
}

/// The command line's definition, with each subcommand's examples.
fn command() -> clap::Command {
    examples::add(Cli::command())
}

pub fn run() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    init_logging(cli.verbose);
    let result = match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Timeline(args) => timeline::run_timeline(&args),
        Command::Active(args) => timeline::run_active(&args),
        Command::Report(args) => report::run(&args),
        Command::Text(args) => text::run(&args),
        Command::Schema => schema::run(),
        Command::Watch(args) => watch::run(&args),
        Command::Completions(args) => completions::completions(&args),
        Command::Man(args) => completions::man(&args),
        Command::ExtractWorker => onshi_pdf_text::child::serve().map(|()| Status::Success),
    };
    match result {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            match e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<onshi_notice::sink::OutputError>())
            {
                Some(at) => report(&at.path, &at.message),
                None => eprintln!("onshi-notice: {}", escape_controls(&e.to_string())),
            }
            ExitCode::from(2)
        }
    }
}

/// The one format of every message about a file: `onshi-notice: PATH: message`.
fn report(path: &std::path::Path, message: &str) {
    eprintln!("onshi-notice: {}: {}", show_path(path), escape_controls(message));
}

/// A fatal error about `path` (exit status 2), reported in the one format.
fn fatal(path: &std::path::Path, message: impl std::fmt::Display) -> io::Error {
    io::Error::other(onshi_notice::sink::OutputError {
        path: path.to_path_buf(),
        message: message.to_string(),
    })
}

/// A path as messages show it: `<stdin>` for `-`, control characters escaped
/// (`\n`, `\u{1b}`), bytes that are not UTF-8 as `\xFF`, so a name cannot
/// break a line or move the terminal's cursor.
fn show_path(path: &std::path::Path) -> String {
    if onshi_notice::is_stdin(path) {
        return "<stdin>".to_owned();
    }
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(&escape_controls(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

fn escape_controls(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_debug().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => log::LevelFilter::Warn,
        1 => log::LevelFilter::Info,
        _ => log::LevelFilter::Debug,
    };
    // Dependencies log their own troubles (lopdf warns on every encrypted
    // file); those reach the user as errors with a cause, so only our own
    // messages are shown unless RUST_LOG asks for more.
    env_logger::Builder::new()
        .filter_level(log::LevelFilter::Off)
        .filter_module("onshi_notice", level)
        .parse_env("RUST_LOG")
        .target(env_logger::Target::Stderr)
        .init();
}

/// Write `text` to stdout in one go.
fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Do `work` on every file, which gives a result per document the file
/// carries (a mail's parts, each with its number), and `show` each on
/// stdout with its label (`mail.eml#2` for a part) and how many the file
/// gave; a failure is reported on stderr as `label: reason` and the others
/// go on.
fn each_part<T>(
    files: &[PathBuf],
    work: impl Fn(&Path) -> Vec<(Option<String>, Result<T, onshi_notice::Error>)>,
    mut show: impl FnMut(&mut dyn Write, &Path, T, usize) -> io::Result<()>,
) -> io::Result<Status> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for path in files {
        let results = work(path);
        let count = results.len();
        for (part, result) in results {
            let label = match part {
                Some(index) => PathBuf::from(format!("{}#{index}", path.display())),
                None => path.clone(),
            };
            match result {
                Ok(value) => show(&mut out, &label, value, count)?,
                Err(e) => {
                    // Keep stdout and stderr in order for a reader watching both.
                    out.flush()?;
                    report(&label, &e.to_string());
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed { Status::SomeFailed } else { Status::Success })
}

fn default_corpus() -> PathBuf {
    PathBuf::from("corpus")
}

/// The outputs `convert` and `watch` open alike, for one batch: the
/// databases first (their schemas checked, since they are the most likely to
/// be refused), then the folder of `<id>.json` files.
fn open_stores(
    sqlite: Option<&Path>,
    postgres: Option<&str>,
    out: Option<&Path>,
) -> io::Result<Vec<Box<dyn onshi_notice::sink::Sink>>> {
    use onshi_notice::sink::{json_dir::JsonDir, postgres, sqlite};
    let mut sinks: Vec<Box<dyn onshi_notice::sink::Sink>> = Vec::new();
    if let Some(path) = sqlite {
        sinks.push(Box::new(
            sqlite::Sqlite::begin(path).map_err(|e| sqlite::error_at(path, e))?,
        ));
    }
    if let Some(url) = postgres {
        sinks.push(Box::new(
            postgres::Postgres::begin(url).map_err(|e| postgres::error_at(url, e))?,
        ));
    }
    if let Some(dir) = out {
        sinks.push(Box::new(
            JsonDir::create(dir).map_err(|e| onshi_notice::sink::at(dir, e))?,
        ));
    }
    Ok(sinks)
}
