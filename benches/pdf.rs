//! Extraction time per corpus PDF: the builtin extractor, pdf-extract on its own
//! (where it does not panic), and the `pdftotext` process (if installed), as the
//! mean and the fastest of N runs after a warm-up.
//!
//!     cargo bench --bench pdf                # 50 runs each
//!     PDF_BENCH_RUNS=200 cargo bench --bench pdf

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use onshi_pdf_text::pdf::{PdfOptions, extract_pdf};

#[path = "../tests/support/styles.rs"]
mod styles;

use styles::PDF_STYLES as STYLES;

struct Timing {
    mean: Duration,
    min: Duration,
}

fn time(runs: usize, mut f: impl FnMut()) -> Timing {
    for _ in 0..3 {
        f();
    }
    let mut total = Duration::ZERO;
    let mut min = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        f();
        let elapsed = start.elapsed();
        total += elapsed;
        min = min.min(elapsed);
    }
    Timing {
        mean: total / u32::try_from(runs).unwrap_or(u32::MAX),
        min,
    }
}

fn ms(t: &Timing) -> String {
    format!("{:7.2} ({:6.2})", t.mean.as_secs_f64() * 1e3, t.min.as_secs_f64() * 1e3)
}

fn pdftotext(bytes: &[u8]) -> bool {
    let Ok(mut child) = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(bytes);
    }
    child.wait_with_output().is_ok_and(|o| o.status.success())
}

/// pdf-extract alone, its panics silenced (it panics on predefined CMaps by design).
fn pdf_extract_works(bytes: &[u8]) -> bool {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let ok = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes).is_ok()).unwrap_or(false);
    std::panic::set_hook(hook);
    ok
}

fn main() {
    let runs: usize = std::env::var("PDF_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/2025-01-07-aomori-snow");
    let have_pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("PDF extraction, mean (fastest) of {runs} runs in ms; {cores} cores available");
    if !have_pdftotext {
        println!("note: pdftotext is not installed; its column is empty");
    }
    println!(
        "{:<19} {:>7} {:>6} {:>16} {:>16} {:>16}  builtin result",
        "style", "KiB", "pages", "builtin", "pdf-extract", "pdftotext"
    );
    let options = PdfOptions::default();
    for style in STYLES {
        let path = match style {
            "multipage" => format!("{corpus}-multipage/source.pdf"),
            "office" => format!("{corpus}/source.pdf"),
            _ => format!("{corpus}/source.{style}.pdf"),
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("{style}: cannot read {path}: {e}");
                continue;
            }
        };
        let result = extract_pdf(&bytes, &options);
        let (pages, outcome) = match &result {
            Ok(text) => (text.pages.len().to_string(), text.method.to_owned()),
            Err(e) => ("-".to_owned(), e.code().to_string()),
        };
        let builtin = time(runs, || {
            let _ = extract_pdf(&bytes, &options);
        });
        let pdf_extract = if pdf_extract_works(&bytes) {
            ms(&time(runs, || {
                let _ = pdf_extract::extract_text_from_mem_by_pages(&bytes);
            }))
        } else {
            "panics/fails".to_owned()
        };
        let poppler = if have_pdftotext {
            ms(&time(runs, || {
                pdftotext(&bytes);
            }))
        } else {
            String::new()
        };
        println!(
            "{style:<19} {:>7} {pages:>6} {:>16} {pdf_extract:>16} {poppler:>16}  {outcome}",
            bytes.len() / 1024,
            ms(&builtin)
        );
    }
}
