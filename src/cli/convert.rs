//! `onshi-notice convert INPUT... --out DIR | --jsonl FILE | --sqlite FILE`

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use onshi_notice::batch;
use onshi_notice::sink::{Sink, Stats, json_dir::JsonDir, jsonl::JsonLines, sqlite::Sqlite};

use super::{ConvertOptions, Status};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("sinks").required(true).multiple(true).args(["out", "jsonl", "sqlite"])))]
pub struct Args {
    /// Files and folders; folders are searched recursively for .pdf and .txt files, in name order.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write one <id>.json per notice into this folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write JSON Lines (notice, activation, scope, diagnostic, failure, stats) to FILE, or `-` for stdout.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Load the records into this SQLite database (created if missing; see schemas/sqlite.sql).
    #[arg(long, value_name = "FILE")]
    sqlite: Option<PathBuf>,
    /// Worker threads (default: one per core). Output is the same for any number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let inputs = batch::inputs(&args.inputs)
        .map_err(|(path, e)| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;

    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if let Some(dir) = &args.out {
        sinks.push(Box::new(JsonDir::create(dir).map_err(|e| at(dir, e))?));
    }
    if let Some(path) = &args.jsonl {
        let out: Box<dyn Write> = if path.as_os_str() == "-" {
            Box::new(io::stdout().lock())
        } else {
            Box::new(std::fs::File::create(path).map_err(|e| at(path, e))?)
        };
        sinks.push(Box::new(JsonLines::new(BufWriter::new(out))));
    }
    if let Some(path) = &args.sqlite {
        sinks.push(Box::new(
            Sqlite::begin(path).map_err(|e| at(path, io::Error::other(e)))?,
        ));
    }

    let progress = progress_bar(inputs.len() as u64, args.quiet);
    let mut stats = Stats::default();
    batch::run(&inputs, &args.convert.options(), &pool, |outcome| {
        progress.inc(1);
        stats.add(outcome.result.as_ref().ok());
        match &outcome.result {
            Ok(doc) => {
                log::debug!("{}: {} activations", outcome.path.display(), doc.activations.len());
                for sink in &mut sinks {
                    sink.document(&outcome.id, doc)?;
                }
            }
            Err(e) => {
                progress.suspend(|| eprintln!("{}: {e}", outcome.path.display()));
                let file = outcome.path.display().to_string();
                for sink in &mut sinks {
                    sink.failure(&outcome.id, &file, e.code().as_str(), &e.to_string())?;
                }
            }
        }
        Ok(())
    })?;
    for sink in &mut sinks {
        sink.finish(&stats)?;
    }
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "converted {} of {} files, {} failed; {} activations, {} warnings, {} errors in diagnostics",
            stats.converted, stats.files, stats.failed, stats.activations, stats.warnings, stats.errors
        );
    }
    Ok(if stats.failed > 0 {
        Status::SomeFailed
    } else {
        Status::Success
    })
}

fn at(path: &std::path::Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {per_sec}, eta {eta}") {
        bar.set_style(style);
    }
    bar
}
