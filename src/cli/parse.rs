//! `onshi-notice parse FILE...`

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{ConvertOptions, Status, each_part};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notice files (.pdf, text in UTF-8, UTF-16, ISO-2022-JP, Shift_JIS or EUC-JP, or a saved mail: a document per part); `-` reads standard input.
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
    each_part(
        &args.files,
        |path| {
            let carried = onshi_notice::batch::convert_contained(path, &options);
            carried
                .into_iter()
                .map(|c| (c.part.map(|p| p.index), c.result))
                .collect()
        },
        |out, label, doc, count| {
            // Pretty JSON for one document; several go one per line, so the output stays parseable.
            let pretty = !args.jsonl && args.files.len() == 1 && count == 1;
            show(out, label, &doc, pretty)
        },
    )
}

fn show(out: &mut dyn Write, path: &Path, doc: &onshi_notice::Document, pretty: bool) -> io::Result<()> {
    let json = if pretty {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    };
    out.write_all(json.map_err(io::Error::other)?.as_bytes())?;
    out.write_all(b"\n")?;
    if let Some(summary) = error_summary(doc) {
        out.flush()?;
        super::report(path, &summary);
    }
    Ok(())
}

/// `2 errors: unknown_municipality, no_areas (see diagnostics)` when the
/// document has error-level diagnostics, so a shell user notices them.
fn error_summary(doc: &onshi_notice::Document) -> Option<String> {
    let mut codes: Vec<&str> = Vec::new();
    let mut count = 0;
    for d in &doc.diagnostics {
        if d.severity == onshi_notice::diagnostic::Severity::Error {
            count += 1;
            if !codes.contains(&d.code.as_str()) {
                codes.push(d.code.as_str());
            }
        }
    }
    (count > 0).then(|| {
        format!(
            "{count} error{}: {} (see diagnostics)",
            if count == 1 { "" } else { "s" },
            codes.join(", ")
        )
    })
}
