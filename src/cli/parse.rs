//! `onshi-notice parse FILE...`

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::{ConvertOptions, Status};

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
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    // Pretty JSON for one file; several documents go one per line, so the output stays parseable.
    let pretty = !args.jsonl && args.files.len() == 1;
    for path in &args.files {
        match onshi_notice::convert_file(path, &options) {
            Ok(doc) => {
                let json = if pretty {
                    serde_json::to_string_pretty(&doc)
                } else {
                    serde_json::to_string(&doc)
                };
                out.write_all(json.map_err(io::Error::other)?.as_bytes())?;
                out.write_all(b"\n")?;
            }
            Err(e) => {
                // Keep stdout and stderr in order for a reader watching both.
                out.flush()?;
                eprintln!("{}: {e}", path.display());
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed { Status::SomeFailed } else { Status::Success })
}
