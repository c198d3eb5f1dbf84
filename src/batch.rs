//! Batches: many files in, one outcome per file, in input order.
//!
//! Files are converted in parallel but handed on in the order given, so the
//! output is the same whatever the thread count. Work is done in windows of a
//! few files per thread: memory stays flat however long the batch is.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::records::Part;
use crate::{Carried, Document, Error, Options};

/// One document of an input file (the file, or a part of a mail) and what
/// became of it.
#[derive(Debug)]
pub struct Outcome {
    /// The input file as given or found.
    pub path: PathBuf,
    /// A stable name for the notice, unique within the batch (see [`id_for`]):
    /// the path below the folder it was found in (the file name for files
    /// given directly), e.g. `2024__noto.pdf`; where two inputs would share a
    /// name, the whole path as given. A mail's part adds `#` and the part
    /// number ([`part_id`]): `inbox__notice.eml#2`.
    pub id: String,
    /// The mail part the document came from, if it came from one.
    pub part: Option<Part>,
    /// The document, or why the file (or part) gave none.
    pub result: Result<Document, Error>,
}

impl Outcome {
    /// The input as people read it: the path, and a part's number after `#`.
    pub fn label(&self) -> PathBuf {
        match &self.part {
            Some(part) => {
                let mut label = self.path.clone().into_os_string();
                label.push(format!("#{}", part.index));
                label.into()
            }
            None => self.path.clone(),
        }
    }
}

/// The id of a mail's part: the mail's id, `#`, the part number
/// (`notice.eml#2.1`). Ids of files never hold a `#` ([`id_for`] writes it
/// `%23`), so a part's id is never another input's.
pub fn part_id(id: &str, index: &str) -> String {
    format!("{id}#{index}")
}

/// An input as found: the file and the id it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Its id within the batch.
    pub id: String,
    /// Why the input fails without being read, if it does.
    pub refused: Option<Refusal>,
}

/// Why an input fails before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Its folder could not be searched (permissions, a symlink loop).
    Unreadable {
        /// The kind of the I/O error.
        kind: std::io::ErrorKind,
        /// What went wrong, as a sentence.
        message: String,
    },
    /// Another input already has this id (see [`Error::IdCollision`]).
    SameId {
        /// The input that has it.
        other: PathBuf,
    },
    /// The id is too long for a file name.
    IdTooLong,
}

impl Refusal {
    fn error(&self, id: &str) -> Error {
        match self {
            Refusal::Unreadable { kind, message } => Error::Io(std::io::Error::new(*kind, message.clone())),
            Refusal::SameId { other } => Error::IdCollision {
                id: id.to_owned(),
                other: other.clone(),
            },
            Refusal::IdTooLong => Error::IdTooLong(id.len()),
        }
    }
}

/// The file extensions a folder is searched for.
const EXTENSIONS: &[&str] = &["pdf", "txt", "eml"];

/// Expand files and folders into inputs: folders recursively (symlinks
/// followed, a loop reported as a failure of its path), each folder's files
/// sorted by name, notices recognised by extension (`.pdf`, `.txt`, and
/// `.eml` for saved mails), golden
/// files of a corpus (`*.expected*.json`, `*.expected*.txt`) left out. Files
/// given directly are taken whatever their name, and a missing one is kept, to
/// fail as `not_found`; `-` is standard input. A file named twice is taken
/// once; ids are unique (see [`Outcome::id`]).
pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut found = expand(paths);
    let mut seen = std::collections::HashSet::new();
    found.retain(|input| seen.insert(input.path.clone()));
    // `a/source.txt` and `b/source.txt` would both be `source.txt`: name such inputs by their whole path.
    let mut count = std::collections::HashMap::new();
    for input in &found {
        *count.entry(input.id.clone()).or_insert(0) += 1;
    }
    for input in &mut found {
        if count[&input.id] > 1 {
            input.id = id_for(&input.path);
        }
    }
    found
}

/// Refuse inputs whose ids cannot be written as `<id>.json`: an id already
/// taken (compared without case, as some file systems do) and an id too long
/// for a file name. Each is a failure of its input only, never an overwrite.
pub fn refuse_unwritable_ids(inputs: &mut [Input]) {
    let mut taken: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for input in inputs.iter_mut() {
        if input.refused.is_some() {
            continue;
        }
        if input.id.len() > crate::error::MAX_ID_BYTES {
            input.refused = Some(Refusal::IdTooLong);
            continue;
        }
        match taken.entry(input.id.to_lowercase()) {
            std::collections::hash_map::Entry::Occupied(other) => {
                input.refused = Some(Refusal::SameId {
                    other: other.get().clone(),
                });
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(input.path.clone());
            }
        }
    }
}

fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        if crate::is_stdin(path) {
            out.push(Input {
                path: path.clone(),
                id: "stdin".to_owned(),
                refused: None,
            });
            continue;
        }
        if !std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            out.push(Input {
                id: id_for(path.file_name().map(Path::new).unwrap_or(path)),
                path: path.clone(),
                refused: None,
            });
            continue;
        }
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone());
                    let kind = e.io_error().map_or(std::io::ErrorKind::Other, std::io::Error::kind);
                    let message = match e.loop_ancestor() {
                        Some(ancestor) => format!(
                            "a symbolic link loop: it leads back to {}, which is not searched again",
                            ancestor.display()
                        ),
                        None => e.io_error().map_or_else(|| e.to_string(), crate::error::io_message),
                    };
                    out.push(Input {
                        id: id_for(p.strip_prefix(path).unwrap_or(&p)),
                        path: p,
                        refused: Some(Refusal::Unreadable { kind, message }),
                    });
                    continue;
                }
            };
            if entry.file_type().is_file() && is_notice_name(entry.file_name()) {
                let relative = entry.path().strip_prefix(path).unwrap_or(entry.path());
                out.push(Input {
                    id: id_for(relative),
                    path: entry.path().to_path_buf(),
                    refused: None,
                });
            }
        }
    }
    out
}

/// A `.pdf`, `.txt` or `.eml` file that is not a corpus golden file (`source.txt.expected-error.txt`).
fn is_notice_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let golden = stem.contains(".expected") && ["json", "txt"].iter().any(|x| extension.eq_ignore_ascii_case(x));
    EXTENSIONS.iter().any(|x| extension.eq_ignore_ascii_case(x)) && !golden
}

/// [`crate::convert_file_parts`], with a panic that escapes a dependency
/// turned into [`Error::Internal`]: it must cost one file, not the batch.
pub fn convert_contained(path: &Path, options: &Options) -> Vec<Carried> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::convert_file_parts(path, options)
    }))
    .unwrap_or_else(|payload| vec![Carried::whole(Err(Error::Internal(panic_message(payload.as_ref()))))])
}

pub use crate::error::panic_message;

/// What one input gives: the failure it was refused with, or an outcome per
/// document it carries.
pub fn run_one(input: &Input, options: &Options) -> Vec<Outcome> {
    let carried = match &input.refused {
        Some(refusal) => vec![Carried::whole(Err(refusal.error(&input.id)))],
        None => convert_contained(&input.path, options),
    };
    outcomes(input, carried)
}

/// The outcomes of what `input` carried, a part's under its [`part_id`].
pub fn outcomes(input: &Input, carried: Vec<Carried>) -> Vec<Outcome> {
    carried
        .into_iter()
        .map(|c| {
            let id = match &c.part {
                Some(part) => part_id(&input.id, &part.index),
                None => input.id.clone(),
            };
            let result = match c.result {
                Ok(_) if id.len() > crate::error::MAX_ID_BYTES => Err(Error::IdTooLong(id.len())),
                result => result,
            };
            Outcome {
                path: input.path.clone(),
                id,
                part: c.part,
                result,
            }
        })
        .collect()
}

/// The id of a relative path: its components joined by `__`, e.g.
/// `2024/noto.pdf` → `2024__noto.pdf`. Distinct paths give distinct ids:
/// within a component `%` is written `%25`, and an `_` that would touch a
/// separator or another `_` is written `%5F` (`a__b.txt` → `a_%5Fb.txt`), so
/// every `__` is a separator; `#`, which separates a mail's part number
/// ([`part_id`]), is written `%23`; bytes that are not UTF-8 are written `%XX`.
pub fn id_for(relative: &Path) -> String {
    relative
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .map(|c| escape_component(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("__")
}

fn escape_component(name: &std::ffi::OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    let mut chars: Vec<Result<char, u8>> = Vec::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        chars.extend(chunk.valid().chars().map(Ok));
        chars.extend(chunk.invalid().iter().map(|&b| Err(b)));
    }
    let mut out = String::with_capacity(bytes.len());
    for (k, c) in chars.iter().enumerate() {
        match *c {
            Ok('%') => out.push_str("%25"),
            Ok('#') => out.push_str("%23"),
            Ok('_') if k == 0 || k + 1 == chars.len() || out.ends_with('_') => out.push_str("%5F"),
            Ok(c) => out.push(c),
            Err(b) => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Files converted at a time per thread; a window is done before the next starts.
const WINDOW_PER_THREAD: usize = 16;

/// Convert `inputs` on `pool`, calling `each` with every outcome in input order.
pub fn run(
    inputs: &[Input],
    options: &Options,
    pool: &rayon::ThreadPool,
    mut each: impl FnMut(Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let window = pool.current_num_threads().max(1) * WINDOW_PER_THREAD;
    for chunk in inputs.chunks(window) {
        let outcomes: Vec<Vec<Outcome>> =
            pool.install(|| chunk.par_iter().map(|input| run_one(input, options)).collect());
        for outcome in outcomes.into_iter().flatten() {
            each(outcome)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_files_named_twice_count_once() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["a", "b"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join("source.txt"), "x").unwrap();
        }
        std::fs::write(dir.path().join("a/other.pdf"), "x").unwrap();
        let a = dir.path().join("a/source.txt");
        let found = inputs(&[
            a.clone(),
            dir.path().join("b/source.txt"),
            a.clone(),
            dir.path().join("a"),
        ]);
        let ids: Vec<&str> = found.iter().map(|i| i.id.as_str()).collect();
        let whole = |p: &Path| id_for(p);
        assert_eq!(
            ids,
            [
                whole(&a).as_str(),
                whole(&dir.path().join("b/source.txt")).as_str(),
                "other.pdf"
            ],
            "a/source.txt given twice (once through its folder) is converted once"
        );
        assert!(ids[0].ends_with("a__source.txt"));
    }

    #[test]
    fn a_hash_in_a_file_name_never_reads_as_a_part_number() {
        assert_eq!(id_for(Path::new("inbox/notice.eml#2")), "inbox__notice.eml%232");
        assert_eq!(
            part_id(&id_for(Path::new("inbox/notice.eml")), "2"),
            "inbox__notice.eml#2"
        );
        assert_eq!(id_for(Path::new("100%.txt")), "100%25.txt");
    }
}
