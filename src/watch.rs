//! Watching an inbox: each new or changed notice in a folder is converted
//! once, into every sink, as it arrives.
//!
//! What was loaded is kept in a state file (by default
//! `DIR/.onshi-watch-state.json`): each input's id (its path below the
//! folder, as `convert DIR` names it) with the SHA-256 of the bytes converted,
//! the file's size and modification time, and what it gave. A file whose
//! size and time are those of the state is not read again; one whose bytes
//! hash to the recorded SHA-256 is not converted again; so a restart converts
//! only what arrived or changed while the watcher was away.
//!
//! A file still being written is not read: a file is taken once its size and
//! modification time have stayed the same for the settle time (or its
//! modification time is already that old), and a file that changes while it
//! is read is put back. File-system events ([`notify`], debounced) start a
//! scan of the folder; a scan also runs every minute, in case an event was
//! missed (network file systems send none).
//!
//! Files are converted one at a time, in name order, and loaded in batches:
//! the sinks are opened for a batch, fed, and finished (a database commits),
//! and then the state records the batch. A stop request is honoured between
//! two files: the file in hand is finished, its batch committed and recorded.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::batch::{self, Input};
use crate::sink::{Sink, Stats};
use crate::{Carried, Document, Error, Options};

/// The state file's name in the watched folder, unless another is given.
pub const STATE_FILE: &str = ".onshi-watch-state.json";

/// Files converted per batch (one transaction of a database): a long backlog
/// is committed and recorded as it goes.
const BATCH: usize = 64;

/// How often the folder is scanned without an event.
const RESCAN: Duration = Duration::from_secs(60);

/// How often a stop request is looked for while waiting.
const POLL: Duration = Duration::from_millis(100);

/// What the state file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    /// The sinks the files were loaded into; another set starts afresh.
    sinks: Vec<String>,
    files: BTreeMap<String, Entry>,
}

/// What became of one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// Of the bytes converted; empty for an input refused before it was read.
    sha256: String,
    size: u64,
    /// Nanoseconds since the epoch.
    modified: i128,
    /// `converted`, or the failure code.
    result: String,
}

/// The loaded inputs, by id, kept in a file.
pub struct State {
    path: PathBuf,
    file: StateFile,
}

impl State {
    /// Load the state at `path` (none yet: empty). A state of other sinks is
    /// set aside, with a note, so that everything is loaded into these.
    pub fn load(path: &Path, sinks: Vec<String>) -> std::io::Result<Self> {
        let file = match std::fs::read(path) {
            Ok(bytes) => {
                let file: StateFile = serde_json::from_slice(&bytes).map_err(|e| {
                    crate::sink::at(
                        path,
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            format!("not a watch state file ({e}); remove it to convert every notice again"),
                        ),
                    )
                })?;
                if file.sinks == sinks {
                    file
                } else {
                    log::warn!(
                        "{}: the state is of other outputs ({}); every notice is converted again",
                        path.display(),
                        file.sinks.join(", ")
                    );
                    StateFile::default()
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => StateFile::default(),
            Err(e) => return Err(crate::sink::at(path, e)),
        };
        Ok(State {
            path: path.to_path_buf(),
            file: StateFile {
                version: 1,
                sinks,
                ..file
            },
        })
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many inputs the state records.
    pub fn len(&self) -> usize {
        self.file.files.len()
    }

    /// True when the state records no input.
    pub fn is_empty(&self) -> bool {
        self.file.files.is_empty()
    }

    fn save(&self) -> std::io::Result<()> {
        let mut json = serde_json::to_vec_pretty(&self.file).map_err(std::io::Error::other)?;
        json.push(b'\n');
        crate::sink::json_dir::write_atomic(&self.path, &json)
    }
}

/// How a watch is run.
pub struct Config {
    /// The folder watched.
    pub dir: PathBuf,
    /// How notices are converted.
    pub options: Options,
    /// How long events are gathered, and how long a file must stay unchanged
    /// before it is read.
    pub settle: Duration,
}

/// What the watch tells its user.
pub trait Report {
    /// A file that gave no document (also given to the sinks).
    fn failure(&mut self, path: &Path, message: &str);
    /// A file converted and loaded.
    fn converted(&mut self, path: &Path, doc: &Document);
    /// A warning about the watch itself (a missed event, an unreadable entry).
    fn warning(&mut self, message: &str);
}

/// A file seen changing: its size and time, and since when they have stood.
struct Seen {
    size: u64,
    modified: i128,
    since: Instant,
}

/// Watch `config.dir` until `stop` is set, loading each new or changed notice
/// into the sinks that `open` opens for each batch.
pub fn run(
    config: &Config,
    state: &mut State,
    open: &mut dyn FnMut() -> std::io::Result<Vec<Box<dyn Sink>>>,
    report: &mut dyn Report,
    stop: &Arc<AtomicBool>,
) -> std::io::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer =
        notify_debouncer_full::new_debouncer(config.settle, None, tx).map_err(|e| watch_error(&config.dir, e))?;
    // Watch first, then scan: a file that arrives in between is seen by one or the other.
    debouncer
        .watch(&config.dir, RecursiveMode::Recursive)
        .map_err(|e| watch_error(&config.dir, e))?;
    let mut watcher = Watcher {
        config,
        seen: HashMap::new(),
        warned: std::collections::HashSet::new(),
    };
    let mut dirty = true;
    let mut recheck: Option<Instant> = None;
    let mut last_scan = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let now = Instant::now();
        if dirty || recheck.is_some_and(|t| now >= t) || now.duration_since(last_scan) >= RESCAN {
            dirty = false;
            last_scan = now;
            recheck = watcher.scan_and_load(state, open, report, stop)?;
            continue;
        }
        let wait = recheck.map_or(POLL, |t| t.saturating_duration_since(now)).min(POLL);
        match rx.recv_timeout(wait) {
            Ok(Ok(events)) => dirty = events.iter().any(|e| is_relevant(e, state.path())),
            Ok(Err(errors)) => {
                for e in errors {
                    report.warning(&format!("{}: {e}", config.dir.display()));
                }
                dirty = true;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(std::io::Error::other("the file watcher stopped"));
            }
        }
    }
    debouncer.stop();
    Ok(())
}

fn watch_error(dir: &Path, e: notify::Error) -> std::io::Error {
    let e = match e.kind {
        notify::ErrorKind::Io(e) => e,
        notify::ErrorKind::PathNotFound => std::io::Error::from(std::io::ErrorKind::NotFound),
        _ => std::io::Error::other(e.to_string()),
    };
    crate::sink::at(dir, e)
}

/// Whether an event may mean a new or changed notice: not a read, and not the
/// state file or a sink's temporary file being written.
fn is_relevant(event: &notify_debouncer_full::DebouncedEvent, state: &Path) -> bool {
    use notify::event::{AccessKind, AccessMode};
    if event.need_rescan() {
        return true;
    }
    let kind = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    kind && event.paths.iter().any(|p| {
        p != state
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".onshi-"))
    })
}

struct Watcher<'a> {
    config: &'a Config,
    /// Files seen changing, by id, until they settle.
    seen: HashMap<String, Seen>,
    /// Ids of refused inputs already reported.
    warned: std::collections::HashSet<String>,
}

fn modified_ns(meta: &std::fs::Metadata) -> i128 {
    let Ok(time) = meta.modified() else { return 0 };
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

impl Watcher<'_> {
    /// Scan the folder and load what is new or changed and complete; the
    /// time to look again for files not yet complete.
    fn scan_and_load(
        &mut self,
        state: &mut State,
        open: &mut dyn FnMut() -> std::io::Result<Vec<Box<dyn Sink>>>,
        report: &mut dyn Report,
        stop: &AtomicBool,
    ) -> std::io::Result<Option<Instant>> {
        let mut inputs = batch::inputs(std::slice::from_ref(&self.config.dir));
        batch::refuse_unwritable_ids(&mut inputs);
        let mut ready = Vec::new();
        let mut recheck: Option<Instant> = None;
        let now = Instant::now();
        let wall = SystemTime::now();
        for input in inputs {
            if input.path == state.path {
                continue;
            }
            if input.refused.is_some() {
                if !state.file.files.contains_key(&input.id) {
                    ready.push((input, None));
                }
                continue;
            }
            let Ok(meta) = std::fs::metadata(&input.path) else {
                continue; // gone since the folder was read
            };
            let (size, modified) = (meta.len(), modified_ns(&meta));
            if let Some(entry) = state.file.files.get(&input.id)
                && entry.size == size
                && entry.modified == modified
            {
                self.seen.remove(&input.id);
                continue;
            }
            let age = meta
                .modified()
                .ok()
                .and_then(|m| wall.duration_since(m).ok())
                .unwrap_or_default();
            let since = match self.seen.get(&input.id) {
                Some(s) if s.size == size && s.modified == modified => s.since,
                _ => now,
            };
            let settled = now.duration_since(since).max(age);
            if settled < self.config.settle {
                self.seen.insert(input.id.clone(), Seen { size, modified, since });
                let at = now + (self.config.settle - settled);
                recheck = Some(recheck.map_or(at, |r| r.min(at)));
                continue;
            }
            self.seen.remove(&input.id);
            ready.push((input, Some((size, modified))));
        }
        for chunk in ready.chunks(BATCH) {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            if let Some(again) = self.load(chunk, state, open, report, stop)? {
                recheck = Some(recheck.map_or(again, |r| r.min(again)));
            }
        }
        Ok(recheck)
    }

    /// Load one batch; the time to look again for a file that changed while read.
    fn load(
        &mut self,
        chunk: &[(Input, Option<(u64, i128)>)],
        state: &mut State,
        open: &mut dyn FnMut() -> std::io::Result<Vec<Box<dyn Sink>>>,
        report: &mut dyn Report,
        stop: &AtomicBool,
    ) -> std::io::Result<Option<Instant>> {
        let mut sinks: Option<Vec<Box<dyn Sink>>> = None;
        let mut stats = Stats::default();
        let mut recorded = Vec::new();
        let mut recheck = None;
        for (input, stat) in chunk {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let outcome = match (stat, &input.refused) {
                (Some((size, modified)), None) => match self.read(input, *size, *modified, state) {
                    Read::Unchanged(entry) => {
                        recorded.push((input.id.clone(), entry));
                        continue;
                    }
                    Read::Gone => continue,
                    Read::Changing => {
                        recheck = Some(Instant::now() + self.config.settle);
                        continue;
                    }
                    Read::Bytes(bytes, entry) => {
                        let carried = convert_contained(input, &bytes, &self.config.options);
                        (batch::outcomes(input, carried), entry)
                    }
                },
                _ => {
                    let outcomes = batch::run_one(input, &self.config.options);
                    let entry = Entry {
                        sha256: String::new(),
                        size: 0,
                        modified: 0,
                        result: String::new(),
                    };
                    (outcomes, entry)
                }
            };
            let (outcomes, mut entry) = outcome;
            let crashed = |o: &batch::Outcome| {
                o.result
                    .as_ref()
                    .is_err_and(|e| e.code().as_str() == "extractor_crashed")
            };
            if stop.load(Ordering::SeqCst) && outcomes.iter().any(crashed) {
                // The Ctrl-C that stops the watch reached the isolated child
                // too: that is no verdict on the file, which the next start reads.
                break;
            }
            let sinks = match &mut sinks {
                Some(s) => s,
                None => sinks.insert(open()?),
            };
            // A mail is recorded as converted when any of its parts was.
            entry.result = match outcomes.iter().find_map(|o| o.result.as_ref().err()) {
                Some(e) if outcomes.iter().all(|o| o.result.is_err()) => e.code().as_str().to_owned(),
                _ => "converted".to_owned(),
            };
            for outcome in &outcomes {
                stats.add(outcome.result.as_ref().ok());
                match &outcome.result {
                    Ok(doc) => {
                        for sink in sinks.iter_mut() {
                            sink.document(&outcome.id, doc)?;
                        }
                        report.converted(&outcome.label(), doc);
                    }
                    Err(e) => {
                        let file = outcome.label().display().to_string();
                        for sink in sinks.iter_mut() {
                            sink.failure(&outcome.id, &file, e.code().as_str(), &e.to_string())?;
                        }
                        if input.refused.is_none() || self.warned.insert(input.id.clone()) {
                            report.failure(&outcome.label(), &e.to_string());
                        }
                    }
                }
            }
            recorded.push((input.id.clone(), entry));
        }
        if let Some(mut sinks) = sinks {
            for sink in &mut sinks {
                sink.finish(&stats)?;
            }
        }
        if !recorded.is_empty() {
            for (id, entry) in recorded {
                state.file.files.insert(id, entry);
            }
            state.save()?;
        }
        Ok(recheck)
    }

    /// Read an input whose size and time were `size` and `modified` when scanned.
    fn read(&self, input: &Input, size: u64, modified: i128, state: &State) -> Read {
        let bytes = match crate::read_input(&input.path, &self.config.options) {
            Ok(bytes) => bytes,
            Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Read::Gone,
            // Too large, not a regular file, unreadable: converting says so.
            Err(_) => Vec::new(),
        };
        let after = std::fs::metadata(&input.path);
        if !after.is_ok_and(|m| m.len() == size && modified_ns(&m) == modified) {
            return Read::Changing;
        }
        let sha256 = if bytes.is_empty() {
            String::new()
        } else {
            sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let entry = Entry {
            sha256,
            size,
            modified,
            result: String::new(),
        };
        if let Some(known) = state.file.files.get(&input.id)
            && !known.sha256.is_empty()
            && known.sha256 == entry.sha256
        {
            // Touched, not changed: already loaded.
            return Read::Unchanged(Entry {
                result: known.result.clone(),
                ..entry
            });
        }
        Read::Bytes(bytes, entry)
    }
}

enum Read {
    Bytes(Vec<u8>, Entry),
    Unchanged(Entry),
    Changing,
    Gone,
}

/// Convert the bytes read from `input`, a panic costing this file only.
fn convert_contained(input: &Input, bytes: &[u8], options: &Options) -> Vec<Carried> {
    if bytes.is_empty() {
        // Reading failed or the file is empty: converting from the path gives the reason.
        return batch::convert_contained(&input.path, options);
    }
    let name = input.path.file_name().map_or_else(
        || input.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::convert_parts(&name, bytes, options)
    }))
    .unwrap_or_else(|payload| {
        vec![Carried::whole(Err(Error::Internal(batch::panic_message(
            payload.as_ref(),
        ))))]
    })
}
