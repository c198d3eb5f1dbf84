//! Extraction in a child process, for files that could abort this one.
//!
//! A panic in a dependency is caught in-process, but some failures cannot be:
//! a stack overflow, an allocation the system refuses, an infinite loop. With
//! isolation, each PDF is extracted by a child (the [`WORKER_COMMAND`] of the
//! same executable) that gets the bytes on stdin and answers with one JSON
//! value on stdout. The child runs under a memory limit (`RLIMIT_AS`) and a
//! deadline; if it dies or runs out of time, only its file fails.
//!
//! Text files are decoded in-process: decoding cannot abort.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{ErrorCode, ExtractError, ExtractOptions, Extracted};

/// How to run the extraction child.
///
/// ```
/// use std::time::Duration;
/// use onshi_pdf_text::ExtractOptions;
/// use onshi_pdf_text::child::Isolation;
///
/// let options = ExtractOptions {
///     isolate: Some(Isolation {
///         exe: std::env::current_exe().unwrap(),
///         timeout: Duration::from_secs(30),
///         max_memory_bytes: 1 << 30,
///     }),
///     ..ExtractOptions::default()
/// };
/// # assert!(options.isolate.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The executable that runs [`serve`] for the [`WORKER_COMMAND`]
    /// subcommand, usually the program itself (`std::env::current_exe`).
    pub exe: PathBuf,
    /// How long the child may take for one file before it is killed and
    /// the file fails as `too_large`.
    pub timeout: Duration,
    /// Address-space limit of the child, in bytes.
    pub max_memory_bytes: u64,
}

/// What the child writes on stdout.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Extracted(Extracted),
    Failed { code: ErrorCode, message: String },
}

/// The subcommand of [`Isolation::exe`] that runs [`serve`]; the parent
/// passes it as the child's only argument.
///
/// ```
/// assert_eq!(onshi_pdf_text::child::WORKER_COMMAND, "extract-worker");
/// ```
pub const WORKER_COMMAND: &str = "extract-worker";

/// The child's side: read the options (one line of JSON) and then the file
/// on stdin, extract it, answer on stdout.
///
/// The options travel as data, all of them, so the child extracts exactly as
/// the parent would; it needs no flags of its own.
///
/// A program that offers isolation calls this when it is started with
/// [`WORKER_COMMAND`] as its argument, and exits:
///
/// ```no_run
/// fn main() -> std::io::Result<()> {
///     if std::env::args().nth(1).as_deref() == Some(onshi_pdf_text::child::WORKER_COMMAND) {
///         return onshi_pdf_text::child::serve();
///     }
///     // … the program's own work, with `ExtractOptions::isolate` set …
///     Ok(())
/// }
/// ```
pub fn serve() -> std::io::Result<()> {
    let mut input = std::io::stdin().lock();
    let mut line = Vec::new();
    input.read_until(b'\n', &mut line)?;
    let options: ExtractOptions = serde_json::from_slice(&line)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("options: {e}")))?;
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let answer = match super::extract_here(&bytes, &options) {
        Ok(extracted) => Answer::Extracted(extracted),
        Err(e) => Answer::Failed {
            code: e.code(),
            message: e.to_string(),
        },
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &answer).map_err(std::io::Error::from)?;
    out.flush()
}

/// The parent's side: run the child on `bytes`.
///
/// Every failure of the child itself is an [`ExtractError::Child`]: it could
/// not be started (`extractor_unavailable`), it ran out of time
/// (`too_large`), it died (`extractor_crashed`), or it answered nonsense
/// (`internal_error`). [`crate::extract`] calls this for PDFs when
/// [`ExtractOptions::isolate`] is set.
///
/// ```
/// use std::time::Duration;
/// use onshi_pdf_text::child::{Isolation, extract};
/// use onshi_pdf_text::{ErrorCode, ExtractOptions};
///
/// let isolation = Isolation {
///     exe: "/nonexistent/program".into(),
///     timeout: Duration::from_secs(5),
///     max_memory_bytes: 1 << 30,
/// };
/// let e = extract(b"%PDF-1.7\n", &ExtractOptions::default(), &isolation).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::ExtractorUnavailable);
/// ```
pub fn extract(bytes: &[u8], options: &ExtractOptions, isolation: &Isolation) -> Result<Extracted, ExtractError> {
    let failed = |code: ErrorCode, message: String| ExtractError::Child { code, message };
    let mut command = Command::new(&isolation.exe);
    command
        .arg(WORKER_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    limit_memory(&mut command, isolation.max_memory_bytes);
    let mut child = command.spawn().map_err(|e| {
        failed(
            ErrorCode::ExtractorUnavailable,
            format!("cannot start the extraction child: {e}"),
        )
    })?;

    // Feed stdin and drain stdout on threads, so that neither pipe can fill up and block.
    let mut stdin = child.stdin.take();
    // Options as one line of JSON (serde_json writes no raw line break), then the file.
    let mut input = serde_json::to_vec(options).map_err(|e| {
        failed(
            ErrorCode::InternalError,
            format!("cannot write the extraction options: {e}"),
        )
    })?;
    input.push(b'\n');
    input.extend_from_slice(bytes);
    let feeder = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            // A child that dies early closes the pipe; its exit status tells why.
            let _ = stdin.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.read_to_end(&mut out);
        }
        out
    });

    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > isolation.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = feeder.join();
                let _ = reader.join();
                return Err(failed(
                    ErrorCode::TooLarge,
                    format!(
                        "extraction took longer than its time limit of {} s",
                        isolation.timeout.as_secs()
                    ),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => {
                return Err(failed(
                    ErrorCode::InternalError,
                    format!("cannot wait for the extraction child: {e}"),
                ));
            }
        }
    };
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(failed(ErrorCode::ExtractorCrashed, crash_message(status, isolation)));
    }
    match serde_json::from_slice::<Answer>(&out) {
        Ok(Answer::Extracted(extracted)) => Ok(extracted),
        Ok(Answer::Failed { code, message }) => Err(failed(code, message)),
        Err(e) => Err(failed(
            ErrorCode::InternalError,
            format!("the extraction child answered nonsense: {e}"),
        )),
    }
}

fn crash_message(status: std::process::ExitStatus, isolation: &Isolation) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!(
                "the extraction child was killed by signal {signal} (an abort, a stack overflow, or memory beyond \
                 {} MiB); the file cannot be read safely",
                isolation.max_memory_bytes >> 20
            );
        }
    }
    format!("the extraction child failed ({status}); the file cannot be read safely")
}

#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the
    // parent; it only lowers a limit of the child about to exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command, _bytes: u64) {}
