//! `onshi-notice parse FILE...`

use std::io;
use std::path::PathBuf;

use super::{ConvertOptions, Status, each_file};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notice files (.pdf, or text in UTF-8, UTF-16, Shift_JIS or EUC-JP).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// One compact JSON document per line (the default for more than one file).
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let options = args.convert.options();
    // Pretty JSON for one file; several documents go one per line, so the output stays parseable.
    let pretty = !args.jsonl && args.files.len() == 1;
    each_file(
        &args.files,
        |path| onshi_notice::batch::convert_contained(path, &options),
        |out, _, doc| {
            let json = if pretty {
                serde_json::to_string_pretty(&doc)
            } else {
                serde_json::to_string(&doc)
            };
            out.write_all(json.map_err(io::Error::other)?.as_bytes())?;
            out.write_all(b"\n")
        },
    )
}
