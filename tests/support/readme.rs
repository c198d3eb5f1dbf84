//! The README's example commands, so that the tests run what users copy.

use std::path::Path;

/// The README's text.
pub fn text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The `onshi-notice …` commands of the `sh` blocks in the README's section
/// headed `heading` (up to the next heading of the same or a higher level),
/// each as its arguments after the program name; a redirection (`> FILE`)
/// and what follows it is left out.
pub fn commands(heading: &str) -> Vec<Vec<String>> {
    let readme = text();
    let start = readme
        .lines()
        .position(|l| l.trim_end() == heading)
        .unwrap_or_else(|| panic!("README.md has a heading `{heading}`"));
    let level = heading.chars().take_while(|&c| c == '#').count();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines().skip(start + 1) {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !in_sh && hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
            break;
        }
        if line.starts_with("```") {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        if in_sh && let Some(rest) = line.trim().strip_prefix("onshi-notice ") {
            let rest = rest.split(" >").next().unwrap();
            out.push(rest.split_whitespace().map(str::to_owned).collect());
        }
    }
    assert!(
        !out.is_empty(),
        "README.md gives an onshi-notice command under `{heading}`"
    );
    out
}
