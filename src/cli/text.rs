//! `onshi-notice text FILE...`: the text as the parser sees it, each line
//! prefixed with `page:line`, so a diagnostic's position can be looked up.
//! With `--layout`, the blocks the notice reader reads: paragraph lines, and
//! each table as a grid with its merged cells.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{ConvertOptions, Status, each_part};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notice files (a saved mail: each part it carries); `-` reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Show the layout blocks: paragraphs, and tables as grids (merged cells
    /// drawn as open borders) with the position where each starts.
    #[arg(long)]
    layout: bool,
    #[command(flatten)]
    convert: ConvertOptions,
}

pub fn run(args: &Args) -> io::Result<Status> {
    let options = args.convert.options();
    each_part(
        &args.files,
        |path| match onshi_notice::read_input(path, &options) {
            Ok(bytes) => onshi_notice::extract_parts(&bytes, &options)
                .into_iter()
                .map(|(part, extracted)| (part.map(|p| p.index), extracted))
                .collect(),
            Err(e) => vec![(None, Err(e))],
        },
        |out, label, extracted, _| show(out, label, &extracted, args.layout),
    )
}

fn show(out: &mut dyn Write, path: &Path, extracted: &onshi_pdf_text::Extracted, layout: bool) -> io::Result<()> {
    writeln!(out, "==> {} ({}) <==", super::show_path(path), extracted.decoded_by)?;
    let text = onshi_pdf_text::normalize::normalize(&extracted.pages);
    if layout {
        let furniture = onshi_pdf_text::layout::Furniture::of(&text.lines);
        let blocks = onshi_pdf_text::layout::blocks(&text.lines, &furniture);
        for line in onshi_pdf_text::layout::render::render(&blocks) {
            writeln!(out, "{line}")?;
        }
        return Ok(());
    }
    for line in text.lines {
        writeln!(out, "{}:{}\t{}", line.position.page, line.position.line, line.text)?;
    }
    Ok(())
}
