//! `onshi-notice watch DIR --sqlite FILE | --postgres URL | --out DIR | --jsonl FILE | --csv FILE`

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use onshi_notice::Document;
use onshi_notice::sink::{
    Sink,
    append::AppendOnFlush,
    jsonl::JsonLines,
    postgres::{self, Postgres},
    sqlite,
};
use onshi_notice::watch::{self, State};

use super::{ConvertOptions, Status};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("sinks").required(true).multiple(true).args(["out", "jsonl", "sqlite", "postgres", "csv"])))]
pub struct Args {
    /// The folder to watch, with its subfolders, for .pdf and .txt notices and .eml mails.
    dir: PathBuf,
    /// Write one <id>.json per notice into this folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Append JSON Lines to FILE (or `-`, stdout), a batch at a time, each ending with its stats line.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Load the records into this SQLite database, one transaction per batch.
    #[arg(long, value_name = "FILE")]
    sqlite: Option<PathBuf>,
    /// Load the records into the schema `onshi` of this PostgreSQL database, one transaction per batch.
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
    #[command(flatten)]
    csv: super::csv_out::CsvArgs,
    /// Where to keep what was loaded (default: DIR/.onshi-watch-state.json).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// How long a file must stay unchanged before it is read, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(10..=600_000))]
    settle_ms: u64,
    /// No line per converted file (failures are still reported).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

/// The messages of a watch: failures in the one format, conversions unless quiet.
struct Messages {
    quiet: bool,
}

impl watch::Report for Messages {
    fn failure(&mut self, path: &Path, message: &str) {
        super::report(path, message);
    }

    fn converted(&mut self, path: &Path, doc: &Document) {
        if !self.quiet {
            eprintln!(
                "converted {}: {} activations, {} scopes, {} diagnostics",
                super::show_path(path),
                doc.activations.len(),
                doc.scopes.len(),
                doc.diagnostics.len()
            );
        }
    }

    fn warning(&mut self, message: &str) {
        eprintln!("onshi-notice: {}", super::escape_controls(message));
    }
}

/// How the state names an output: the flag and the absolute path.
fn describe(flag: &str, path: &Path) -> String {
    if onshi_notice::is_stdin(path) {
        return format!("{flag}:-");
    }
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!("{flag}:{}", path.display())
}

pub fn run(args: &Args) -> io::Result<Status> {
    if !std::fs::metadata(&args.dir).is_ok_and(|m| m.is_dir()) {
        return Err(super::fatal(&args.dir, "not a folder that can be watched"));
    }
    // A database that is not ours is refused now, not at the first notice.
    if let Some(path) = &args.sqlite {
        sqlite::open(path).map_err(|e| sqlite::error_at(path, e))?;
    }
    if let Some(url) = &args.postgres {
        // Connecting checks the schema; the empty transaction is rolled back.
        drop(Postgres::begin(url).map_err(|e| postgres::error_at(url, e))?);
    }
    if args.jsonl.as_deref().is_some_and(onshi_notice::is_stdin)
        && args.csv.csv.as_deref().is_some_and(onshi_notice::is_stdin)
    {
        return Err(io::Error::other("--jsonl and --csv cannot both write to stdout"));
    }
    let mut described = Vec::new();
    for (flag, path) in [
        ("sqlite", &args.sqlite),
        ("out", &args.out),
        ("jsonl", &args.jsonl),
        ("csv", &args.csv.csv),
    ] {
        if let Some(path) = path {
            described.push(describe(flag, path));
        }
    }
    if let Some(url) = &args.postgres {
        described.push(format!("postgres:{}", postgres::redact(url)));
    }
    let state_path = args.state.clone().unwrap_or_else(|| args.dir.join(watch::STATE_FILE));
    let mut state = State::load(&state_path, described)?;

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // A second signal stops at once, without finishing the file in hand.
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    // Every batch opens the sinks as `convert` does; the appending ones add to their files.
    let mut first = true;
    let mut open = || -> io::Result<Vec<Box<dyn Sink>>> {
        let mut sinks = super::open_stores(args.sqlite.as_deref(), args.postgres.as_deref(), args.out.as_deref())?;
        if let Some(path) = &args.jsonl {
            if onshi_notice::is_stdin(path) {
                let out: Box<dyn Write> = Box::new(BufWriter::new(io::stdout()));
                sinks.push(Box::new(JsonLines::new(out)));
            } else {
                sinks.push(Box::new(JsonLines::new(AppendOnFlush::new(path))));
            }
        }
        sinks.extend(args.csv.open_appending(first)?);
        first = false;
        Ok(sinks)
    };

    let config = watch::Config {
        dir: args.dir.clone(),
        options: args.convert.options(),
        settle: std::time::Duration::from_millis(args.settle_ms),
    };
    if !args.quiet {
        eprintln!(
            "watching {} ({} loaded before; state in {}); stop with Ctrl-C or SIGTERM",
            super::show_path(&args.dir),
            state.len(),
            super::show_path(state.path())
        );
    }
    let mut messages = Messages { quiet: args.quiet };
    watch::run(&config, &mut state, &mut open, &mut messages, &stop)?;
    if !args.quiet {
        eprintln!("stopped; {} files loaded in all", state.len());
    }
    Ok(Status::Success)
}
