//! Batches: many files in, one outcome per file, in input order.
//!
//! Files are converted in parallel but handed on in the order given, so the
//! output is the same whatever the thread count. Work is done in windows of a
//! few files per thread: memory stays flat however long the batch is.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::{Document, Error, Options};

/// One input file and what became of it.
#[derive(Debug)]
pub struct Outcome {
    pub path: PathBuf,
    /// A stable name for the notice, unique within the batch: the path below
    /// the folder it was found in (the file name for files given directly),
    /// with `/` turned into `__`, e.g. `2024__noto.pdf`; where two inputs
    /// would share a name, the whole path as given.
    pub id: String,
    pub result: Result<Document, Error>,
}

/// An input as found: the file and the id it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub id: String,
}

/// The file extensions a folder is searched for.
const EXTENSIONS: &[&str] = &["pdf", "txt"];

/// Expand files and folders into inputs: folders recursively, each folder's
/// files sorted by name, notices recognised by extension (`.pdf`, `.txt`).
/// Files given directly are taken whatever their name. A file named twice is
/// taken once; ids are unique (see [`Outcome::id`]).
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, (PathBuf, std::io::Error)> {
    let mut found = expand(paths)?;
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
    Ok(found)
}

fn expand(paths: &[PathBuf]) -> Result<Vec<Input>, (PathBuf, std::io::Error)> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| (path.clone(), e))?;
        if !meta.is_dir() {
            out.push(Input {
                id: id_for(path.file_name().map(Path::new).unwrap_or(path)),
                path: path.clone(),
            });
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone());
                (p, std::io::Error::other(e))
            })?;
            let wanted = entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
            if wanted {
                let relative = entry.path().strip_prefix(path).unwrap_or(entry.path());
                out.push(Input {
                    id: id_for(relative),
                    path: entry.path().to_path_buf(),
                });
            }
        }
    }
    Ok(out)
}

/// [`crate::convert_file`], with a panic that escapes a dependency turned
/// into [`Error::Internal`]: it must cost one file, not the batch.
pub fn convert_contained(path: &Path, options: &Options) -> Result<Document, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::convert_file(path, options))).unwrap_or_else(
        |payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Error::Internal(message))
        },
    )
}

fn id_for(relative: &Path) -> String {
    relative
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("__")
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
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| Outcome {
                    path: input.path.clone(),
                    id: input.id.clone(),
                    result: convert_contained(&input.path, options),
                })
                .collect()
        });
        for outcome in outcomes {
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
        ])
        .unwrap();
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
}
