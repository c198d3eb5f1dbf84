//! The README and the code say the same things.

use std::path::Path;

use onshi_notice::diagnostic::Code;
use onshi_notice::error::FailureCode;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The rows of the first table after `heading` in the README.
fn table_after(readme: &str, heading: &str) -> Vec<String> {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README.md has `{heading}`"));
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(str::to_owned)
        .collect()
}

/// The README's table of diagnostic codes is the list in the code, in its
/// order and with its words.
#[test]
fn readme_lists_every_diagnostic_code() {
    let expected: Vec<String> = Code::all()
        .iter()
        .map(|c| format!("| `{c}` | {} |", c.description()))
        .collect();
    assert_eq!(table_after(&read("README.md"), "### Diagnostic codes"), expected);
}

#[test]
fn readme_lists_every_failure_code() {
    let expected: Vec<String> = FailureCode::all()
        .map(|c| format!("| `{c}` | {} |", c.description()))
        .collect();
    assert_eq!(table_after(&read("README.md"), "### Failure codes"), expected);
}

/// The schema names every code, so a consumer can validate them.
#[test]
fn schema_enumerates_the_codes() {
    let schema = read("schemas/notice.schema.json");
    for code in Code::all() {
        assert!(schema.contains(&format!("\"{code}\"")), "schema lacks `{code}`");
    }
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
