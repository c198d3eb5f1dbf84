//! Reads a readable case file (`place_cases.txt`), in the format of the era
//! cases of `onshi-wareki`: `=== name` starts a section, `--- name` a case,
//! then its input lines, then `=> ` lines with the expected output. `#` lines
//! and blank lines are skipped; in inputs, `\n` and `\u{…}` escapes are
//! expanded (`\u{20}` for a space that must not be trimmed away).

pub struct Case {
    pub section: String,
    pub name: String,
    pub line: usize,
    pub input: Vec<String>,
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

pub fn parse_cases(text: &str) -> Vec<Case> {
    let (mut cases, mut section) = (Vec::<Case>::new(), String::new());
    for (i, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            section = name.trim().to_owned();
        } else if let Some(name) = line.strip_prefix("--- ") {
            let (name, line) = (name.trim().to_owned(), i + 1);
            let (input, expected) = (Vec::new(), Vec::new());
            cases.push(Case {
                section: section.clone(),
                name,
                line,
                input,
                expected,
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
                    "line {}: input after the expected output",
                    i + 1
                );
                case.input.push(unescape(line));
            }
        }
    }
    cases
}

/// Runs every case through `run`, which gives the actual output lines of a case
/// of a known section, or `None` for a section it does not know. Reports all
/// failures together and returns the number of cases per section.
pub fn check(text: &str, run: impl Fn(&Case) -> Option<Vec<String>>) -> Vec<(String, usize)> {
    let mut failures = String::new();
    let mut per_section: Vec<(String, usize)> = Vec::new();
    for case in parse_cases(text) {
        let Some(actual) = run(&case) else {
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
    per_section
}
