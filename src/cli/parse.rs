//! `onshi-notice parse FILE...`

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::{ConvertOptions, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notice files (.pdf, or text in UTF-8, UTF-16, Shift_JIS or EUC-JP).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// One compact JSON document per line instead of pretty JSON.
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let options = args.convert.options();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for path in &args.files {
        match onshi_notice::convert_file(path, &options) {
            Ok(doc) => {
                let json = if args.jsonl {
                    serde_json::to_string(&doc)
                } else {
                    serde_json::to_string_pretty(&doc)
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
