//! `onshi-notice check [DIR]`

use std::io;
use std::path::PathBuf;

use clap::ValueEnum;
use onshi_notice::corpus;

use super::{ConvertOptions, Status, print};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus folder.
    #[arg(default_value_os_t = super::default_corpus())]
    dir: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Rewrite the golden files from the current output (refused when CI is set).
    #[arg(long)]
    bless: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
enum Format {
    #[default]
    Text,
    Json,
}

pub fn run(args: &Args) -> io::Result<Status> {
    if args.bless && corpus::on_ci() {
        return Err(io::Error::other("refusing to bless golden files on CI (CI is set)"));
    }
    let report = corpus::check(&args.dir, &args.convert.options(), args.bless)
        .map_err(|e| super::fatal(&args.dir, onshi_notice::error::io_reason(&e)))?;
    if report.cases.is_empty() {
        super::report(
            &args.dir,
            "no corpus entries found (an entry is a folder with a source.txt or source.pdf beside its golden file)",
        );
        return Ok(Status::SomeFailed);
    }
    match args.format {
        Format::Text => print(&corpus::render(&report))?,
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
            json.push('\n');
            print(&json)?;
        }
    }
    Ok(if report.ok() {
        Status::Success
    } else {
        Status::SomeFailed
    })
}
