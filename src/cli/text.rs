//! `onshi-notice text FILE...`: the text as the parser sees it, each line
//! prefixed with `page:line`, so a diagnostic's position can be looked up.

use std::io;
use std::path::PathBuf;

use super::{ConvertOptions, Status, each_file};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let options = args.convert.options();
    each_file(
        &args.files,
        |path| {
            let bytes = onshi_notice::read_input(path, &options)?;
            Ok(onshi_notice::extract::extract(&bytes, &options.extract)?)
        },
        |out, path, extracted| {
            writeln!(out, "==> {} ({}) <==", path.display(), extracted.decoded_by)?;
            for line in onshi_notice::normalize::normalize(&extracted.pages).lines {
                writeln!(out, "{}:{}\t{}", line.position.page, line.position.line, line.text)?;
            }
            Ok(())
        },
    )
}
