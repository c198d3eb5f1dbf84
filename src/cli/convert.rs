//! `onshi-notice convert INPUT... --out DIR | --jsonl FILE | --sqlite FILE | --postgres URL | --csv FILE`

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use onshi_notice::batch;
use onshi_notice::sink::{
    Stats,
    jsonl::{JsonLines, JsonLinesFile},
};

use super::{ConvertOptions, Status};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("sinks").required(true).multiple(true).args(["out", "jsonl", "sqlite", "postgres", "csv"])))]
pub struct Args {
    /// Files and folders; folders are searched recursively for .pdf, .txt and .eml files, in name order; `-` reads standard input. A saved mail gives one output per part it carries.
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
    #[command(flatten)]
    csv: super::csv_out::CsvArgs,
    /// Load the records into the schema `onshi` of this PostgreSQL database
    /// (`postgresql://user@host/db`, or `host=… dbname=…`; created if missing; see schemas/postgres.sql).
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
    /// Worker threads, 1 to 256 (default: one per core). Output is the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_THREADS))]
    threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

/// The most worker threads `--threads` takes: each holds a window of files.
const MAX_THREADS: u64 = 256;

pub fn run(args: &Args) -> io::Result<Status> {
    let mut inputs = batch::inputs(&args.inputs);
    batch::refuse_unwritable_ids(&mut inputs);
    if inputs.is_empty() {
        let given: Vec<String> = args.inputs.iter().map(|p| super::show_path(p)).collect();
        eprintln!(
            "onshi-notice: no notices found in {} (folders are searched for .pdf, .txt and .eml files)",
            given.join(", ")
        );
        return Ok(Status::SomeFailed);
    }
    refuse_outputs_that_are_inputs(args, &inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;

    // Every sink is opened before anything is written.
    let mut sinks = super::open_stores(args.sqlite.as_deref(), args.postgres.as_deref(), args.out.as_deref())?;
    if let Some(path) = &args.jsonl {
        if onshi_notice::is_stdin(path) {
            let out: Box<dyn Write> = Box::new(io::stdout().lock());
            sinks.push(Box::new(JsonLines::new(BufWriter::new(out))));
        } else {
            sinks.push(Box::new(JsonLinesFile::create(path)?));
        }
    }
    sinks.extend(args.csv.open()?);

    let progress = progress_bar(inputs.len() as u64, args.quiet);
    let mut stats = Stats::default();
    batch::run(&inputs, &args.convert.options(), &pool, |outcome| {
        progress.inc(1);
        stats.add(outcome.result.as_ref().ok());
        match &outcome.result {
            Ok(doc) => {
                log::debug!("{}: {} activations", outcome.label().display(), doc.activations.len());
                for sink in &mut sinks {
                    sink.document(&outcome.id, doc)?;
                }
            }
            Err(e) => {
                let label = outcome.label();
                progress.suspend(|| super::report(&label, &e.to_string()));
                let file = label.display().to_string();
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

/// `--jsonl`, `--sqlite` or `--csv` naming an input (or each other) would
/// destroy it: refused before anything is opened. Two outputs on stdout
/// would mix.
fn refuse_outputs_that_are_inputs(args: &Args, inputs: &[batch::Input]) -> io::Result<()> {
    let named = [
        ("--jsonl", args.jsonl.as_deref()),
        ("--sqlite", args.sqlite.as_deref()),
        ("--csv", args.csv.csv.as_deref()),
    ];
    let named: Vec<(&str, &std::path::Path)> = named.into_iter().filter_map(|(f, p)| Some((f, p?))).collect();
    for (k, (flag_a, a)) in named.iter().enumerate() {
        for (flag_b, b) in &named[k + 1..] {
            if onshi_notice::is_stdin(a) && onshi_notice::is_stdin(b) {
                return Err(io::Error::other(format!(
                    "{flag_a} and {flag_b} cannot both write to stdout"
                )));
            }
            if !onshi_notice::is_stdin(a) && (a == b || same_file(a, b)) {
                return Err(super::fatal(b, format!("{flag_a} and {flag_b} name the same file")));
            }
        }
    }
    let outputs = named.iter().map(|(_, p)| *p).filter(|p| !onshi_notice::is_stdin(p));
    for output in outputs {
        if let Some(input) = inputs.iter().find(|i| i.path == output || same_file(&i.path, output)) {
            return Err(super::fatal(
                output,
                format!(
                    "the output is also an input ({}); refusing to overwrite it",
                    super::show_path(&input.path)
                ),
            ));
        }
    }
    Ok(())
}

/// Whether two paths name one existing file (through links or other spellings).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            a.dev() == b.dev() && a.ino() == b.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
        _ => false,
    }
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
