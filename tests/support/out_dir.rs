//! The `--out` folder of a run: one `<id>.json` document per converted input.

#![allow(dead_code, reason = "each test binary uses part of this module")]

use std::path::Path;

/// The names of the files in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every `<id>.json` in `dir` as (id, document), sorted by id; other files
/// (a run's temporary files) are left out. A file that is not whole JSON
/// fails the test, naming it.
pub fn documents(dir: &Path) -> Vec<(String, serde_json::Value)> {
    names(dir)
        .into_iter()
        .filter_map(|name| {
            let id = name.strip_suffix(".json")?.to_owned();
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let doc = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Some((id, doc))
        })
        .collect()
}
