//! `onshi-notice report INPUT... --html FILE`

use std::io;
use std::path::PathBuf;

use super::{ConvertOptions, Status, print};

/// Open the page in a browser; `report.html#on=2024-01-10` opens it on a day,
/// `report.html#on=2024-01-10&open=17,15` (or `open=all`) with those prefectures open.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notice files and folders.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write the page to FILE (`-` for stdout); an existing file is replaced whole.
    #[arg(long, value_name = "FILE")]
    html: PathBuf,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let (timelines, failed) = super::timeline::timelines(&args.inputs, &args.convert)?;
    let page = onshi_notice::report::html(&timelines);
    if onshi_notice::is_stdin(&args.html) {
        print(&page)?;
    } else {
        onshi_notice::sink::json_dir::write_atomic(&args.html, page.as_bytes())?;
    }
    Ok(super::timeline::status(failed))
}
