//! Module dependencies point down the pipeline, never up or in a circle.
//!
//! The layers, from the bottom: each module of `src/` may use modules of
//! lower layers only (and its own submodules). The pipeline's stages are in
//! the order `src/lib.rs` runs them; the crate root (`convert`, `Options`:
//! any `crate::` name that is no module) sits above the last stage, and everything that runs the pipeline above it.

use std::collections::BTreeSet;
use std::path::Path;

const LAYERS: &[&[&str]] = &[
    &["diagnostic", "reading", "mail"],
    &["notice"],
    &["error", "places", "periods"],
    &["records", "decisions"],
    &["lib"],
    &["schema", "timeline", "corpus", "batch"],
    &["sink", "fuzz", "report"],
    &["watch"],
    &["cli"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of tests/architecture.rs"))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/notice/grid.rs` →
/// `notice`; `src/lib.rs` → `lib`); `None` for the binary's `main.rs`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "main").then(|| name.to_owned())
}

/// The top-level modules a source text uses through `crate::` paths in code.
/// Comments are left out: a doc link may point a reader forward to the stage
/// that comes next.
fn uses(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `onshi_notice_crate::`, not ours
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        // A name that is no module is an item of the crate root (`convert`).
        let is_module = LAYERS.iter().any(|layer| layer.contains(&name.as_str()));
        found.insert(if is_module { name } else { "lib".to_owned() });
    }
    found
}

#[test]
fn module_dependencies_point_down_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut edges = 0;
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        for used in uses(&text) {
            if used == module {
                continue;
            }
            edges += 1;
            if layer_of(&used) >= layer_of(&module) {
                problems.push(format!(
                    "{}: `{module}` uses `{used}`",
                    file.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(edges > 20, "the scan finds the crate's imports ({edges})");
    assert!(
        problems.is_empty(),
        "dependencies that point up or sideways:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_module_of_src_is_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        if let Some(module) = module_of(&src, file) {
            layer_of(&module);
        }
    }
}

#[test]
fn the_scan_sees_a_dependency_that_points_up() {
    let text = "use crate::diagnostic::Code;\n/// See [`crate::batch`].\nfn f() -> crate::records::Document { crate::convert() }";
    let found: Vec<String> = uses(text).into_iter().collect();
    assert_eq!(found, ["diagnostic", "lib", "records"]);
    assert!(
        layer_of("records") > layer_of("notice"),
        "notice using records would be reported"
    );
}
