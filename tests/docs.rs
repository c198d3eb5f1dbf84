//! The README and the code say the same things.

use std::path::Path;

use onshi_notice::diagnostic::CODES;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn readme_lists_every_diagnostic_code() {
    let readme = read("README.md");
    for (code, _) in CODES {
        assert!(
            readme.contains(&format!("`{code}`")),
            "README.md does not document `{code}`"
        );
    }
}

#[test]
fn readme_lists_every_failure_code() {
    let readme = read("README.md");
    for (code, _) in onshi_notice::error::FAILURE_CODES {
        assert!(
            readme.contains(&format!("`{code}`")),
            "README.md does not document `{code}`"
        );
    }
}

/// Every code the sources emit is registered (and so documented).
#[test]
fn every_emitted_code_is_registered() {
    let emitted = regex::Regex::new(r#"(?:Diagnostic::(?:warning|error)\(\s*|note\([^,()]+,\s*)"([a-z_]+)""#).unwrap();
    let mut found = 0;
    for entry in walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        for c in emitted.captures_iter(&text) {
            found += 1;
            assert!(
                CODES.iter().any(|(code, _)| *code == &c[1]),
                "{}: `{}` is not in diagnostic::CODES",
                entry.display(),
                &c[1]
            );
        }
    }
    assert!(
        found >= CODES.len() / 2,
        "the pattern finds the emitting calls ({found})"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = read("README.md");
    let ci = read(".ci/run");
    let command = "cargo test --release --locked";
    assert!(
        readme.contains(&format!("\n{command}\n")),
        "README.md gives the test command"
    );
    assert_eq!(ci.lines().rfind(|l| !l.starts_with('#')).map(str::trim), Some(command));
}
