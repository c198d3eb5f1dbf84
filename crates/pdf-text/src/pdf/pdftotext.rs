//! The optional `pdftotext` (poppler-utils) extractor: an alternative and a
//! cross-check, never required.
//!
//! It runs `pdftotext -layout -enc UTF-8 - -` with the PDF on stdin, under a
//! timeout, and splits its output into pages at form feeds. Its output has
//! quirks the text normalizer deals with: with `90ms-RKSJ-H` fonts a single-byte
//! `\` comes back as `¥`, `-` as U+2011 and `_` as U+0332; `～` comes back as `〜`
//! (U+301C); full-width spaces come back as runs of ASCII spaces.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::error::{PdfError, PdfErrorKind};

/// What `pdftotext` printed, one string per page.
pub(crate) struct Output {
    pub(crate) pages: Vec<String>,
}

fn unavailable(program: &Path, detail: impl Into<String>) -> PdfError {
    PdfErrorKind::ExtractorUnavailable {
        program: program.display().to_string(),
        detail: detail.into(),
    }
    .into()
}

/// Runs `program` on `bytes`. Fails with `extractor_unavailable` when it cannot be
/// started, `too_large` when it runs past `timeout`, and `encrypted` or `corrupt`
/// when it rejects the file.
pub(crate) fn run(program: &Path, bytes: &[u8], timeout: Duration) -> Result<Output, PdfError> {
    let mut child = Command::new(program)
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => unavailable(program, "it is not installed (not found in PATH)"),
            _ => unavailable(program, format!("it cannot be started: {e}")),
        })?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(unavailable(program, "its standard streams could not be opened"));
    };
    // Feed and drain on separate threads so a full pipe can never deadlock us.
    let input = bytes.to_vec();
    let writer = thread::spawn(move || {
        // A program that exits early closes the pipe; its exit status tells why.
        let _ = stdin.write_all(&input);
    });
    let reader = thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let errors = thread::spawn(move || {
        let mut err = Vec::new();
        let _ = stderr.read_to_end(&mut err);
        err
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = writer.join();
                let _ = reader.join();
                let _ = errors.join();
                return Err(PdfError::too_large(format!(
                    "`{}` did not finish within {} s",
                    program.display(),
                    timeout.as_secs_f64()
                )));
            }
            Ok(None) => thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(unavailable(program, format!("waiting for it failed: {e}"))),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = errors.join().unwrap_or_default();
    if !status.success() {
        let message = String::from_utf8_lossy(&err);
        let first = message
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .trim()
            .to_owned();
        if message.contains("password") || message.contains("Incorrect password") {
            return Err(PdfErrorKind::Encrypted {
                detail: format!("pdftotext: {first}"),
            }
            .into());
        }
        return Err(PdfError::corrupt(format!("pdftotext failed ({status}): {first}")));
    }
    let text = String::from_utf8_lossy(&out);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // pdftotext ends every page with a form feed, so the last piece is empty.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(Output { pages })
}
