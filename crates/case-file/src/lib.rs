//! Reads the readable case files of the workspace's tests: the era cases of
//! `onshi-wareki`, the place cases of `onshi-gazetteer` and the period cases
//! of `onshi-notice`.
//!
//! A file is split into sections (`=== name`). Each case is a `--- name`
//! line, its input lines, then `=> ` lines with the expected output. `#` lines
//! and blank lines are skipped. In inputs, `\n` and `\u{…}` escapes are
//! expanded (`\u{20}` for a space that must not be trimmed away).
//!
//! ```
//! let text = "=== double\n--- two\n2\n=> 4\n";
//! let per_section = onshi_case_file::check(text, 1, |case| {
//!     let n: u32 = case.input[0].parse().ok()?;
//!     Some(vec![(n * 2).to_string()])
//! });
//! assert_eq!(per_section, [("double".to_owned(), 1)]);
//! ```
//!
//! A malformed file is a failing test, so this reader panics with the line
//! number instead of returning errors.

#![deny(missing_docs)]

/// One case of a case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The section (`=== name`) the case stands in.
    pub section: String,
    /// The case's name (`--- name`).
    pub name: String,
    /// The line number of the `--- name` line.
    pub line: usize,
    /// The input lines, escapes expanded.
    pub input: Vec<String>,
    /// The expected output lines (`=> ` removed).
    pub expected: Vec<String>,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        if let Some(t) = tail.strip_prefix('n') {
            out.push('\n');
            rest = t;
        } else if let Some((hex, t)) = tail.strip_prefix("u{").and_then(|t| t.split_once('}')) {
            let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
            out.push(c.unwrap_or_else(|| panic!("bad escape \\u{{{hex}}}")));
            rest = t;
        } else {
            out.push('\\');
            rest = tail;
        }
    }
    out + rest
}

/// Every case of `text`, in file order.
///
/// # Panics
///
/// On text outside a case, or input after a case's expected output.
pub fn parse_cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut section = String::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            section = name.trim().to_owned();
        } else if let Some(name) = line.strip_prefix("--- ") {
            cases.push(Case {
                section: section.clone(),
                name: name.trim().to_owned(),
                line: i + 1,
                input: Vec::new(),
                expected: Vec::new(),
            });
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        } else {
            let case = cases
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: text outside a case", i + 1));
            if let Some(want) = line.strip_prefix("=> ") {
                case.expected.push(want.trim_end().to_owned());
            } else {
                assert!(
                    case.expected.is_empty(),
                    "line {}: input after the expected output of case `{}`",
                    i + 1,
                    case.name
                );
                case.input.push(unescape(line));
            }
        }
    }
    cases
}

/// Runs every case through `run`, which gives the actual output lines of a
/// case of a known section, or `None` for a section it does not know. Reports
/// all failures together, checks that there are at least `min_cases` cases,
/// and returns the number of cases per section.
///
/// # Panics
///
/// When a case fails, a section is unknown, or there are too few cases: this
/// is a test.
pub fn check(text: &str, min_cases: usize, run: impl Fn(&Case) -> Option<Vec<String>>) -> Vec<(String, usize)> {
    let cases = parse_cases(text);
    let mut failures = String::new();
    let mut per_section: Vec<(String, usize)> = Vec::new();
    for case in &cases {
        let Some(actual) = run(case) else {
            panic!("line {}: unknown section `{}`", case.line, case.section)
        };
        match per_section.iter_mut().find(|(s, _)| *s == case.section) {
            Some((_, n)) => *n += 1,
            None => per_section.push((case.section.clone(), 1)),
        }
        if actual != case.expected {
            failures.push_str(&format!(
                "\n--- {} (line {}, {})\ninput:    {:?}\nexpected: {:#?}\nactual:   {:#?}\n",
                case.name, case.line, case.section, case.input, case.expected, actual
            ));
        }
    }
    eprintln!("cases per section: {per_section:?}");
    assert!(failures.is_empty(), "failing cases:{failures}");
    assert!(
        cases.len() >= min_cases,
        "expected at least {min_cases} cases, found {}",
        cases.len()
    );
    per_section
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_expanded_in_inputs_only() {
        let cases = parse_cases("=== s\n--- a\n令和\\u{3000}7年\\n1月\n=> x\\n\n# comment\n");
        assert_eq!(cases[0].input, ["令和\u{3000}7年\n1月"]);
        assert_eq!(cases[0].expected, ["x\\n"]);
        assert_eq!(cases[0].line, 2);
    }

    #[test]
    #[should_panic(expected = "line 1: text outside a case")]
    fn text_outside_a_case_is_refused() {
        parse_cases("stray\n");
    }

    #[test]
    #[should_panic(expected = "failing cases")]
    fn a_wrong_output_fails() {
        check("=== s\n--- a\n1\n=> 2\n", 1, |_| Some(vec!["3".to_owned()]));
    }

    #[test]
    #[should_panic(expected = "expected at least 2 cases")]
    fn too_few_cases_fail() {
        check("=== s\n--- a\n1\n=> 1\n", 2, |c| Some(c.input.clone()));
    }
}
