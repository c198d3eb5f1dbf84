//! `onshi-notice text FILE...`: the text as the parser sees it, each line
//! prefixed with `page:line`, so a diagnostic's position can be looked up.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::{ConvertOptions, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let options = args.convert.options();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for path in &args.files {
        let extracted = std::fs::read(path)
            .map_err(onshi_notice::Error::from)
            .and_then(|bytes| {
                onshi_notice::extract::extract(&bytes, &options.extract).map_err(onshi_notice::Error::from)
            });
        match extracted {
            Ok(extracted) => {
                writeln!(out, "==> {} ({}) <==", path.display(), extracted.decoded_by)?;
                for line in onshi_notice::normalize::normalize(&extracted.pages).lines {
                    writeln!(out, "{}:{}\t{}", line.position.page, line.position.line, line.text)?;
                }
            }
            Err(e) => {
                out.flush()?;
                eprintln!("{}: {e}", path.display());
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed { Status::SomeFailed } else { Status::Success })
}
