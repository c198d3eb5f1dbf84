//! Reads the readable case files (`era_cases.txt`, and the period cases of
//! the notice crate, which includes this file).
//!
//! A file is split into sections (`=== name`). Each case is a `--- name`
//! line, input lines, then `=> ` lines with the expected output. `#` lines
//! are comments. In inputs, `\u{3000}` and `\n` escapes are expanded.

#![allow(dead_code)]

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
        let tail = &rest[i..];
        if let Some(t) = tail.strip_prefix("\\n") {
            out.push('\n');
            rest = t;
        } else if let Some(t) = tail.strip_prefix("\\u{") {
            let close = t.find('}').expect("unterminated \\u{ escape");
            let code = u32::from_str_radix(&t[..close], 16).expect("bad \\u{} escape");
            out.push(char::from_u32(code).expect("bad code point"));
            rest = &t[close + 1..];
        } else {
            out.push('\\');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

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
        } else if let Some(case) = cases.last_mut() {
            if let Some(want) = line.strip_prefix("=> ") {
                case.expected.push(want.trim_end().to_owned());
            } else {
                assert!(
                    case.expected.is_empty(),
                    "line {}: input after expected output in case `{}`",
                    i + 1,
                    case.name
                );
                case.input.push(unescape(line));
            }
        } else {
            panic!("line {}: text outside a case", i + 1);
        }
    }
    cases
}

/// Run every case through `run`, which gives the actual output lines of a
/// case of a known section, or `None` for a section it does not know. All
/// failures are reported together; the count of cases per section is printed.
pub fn check(text: &str, min_cases: usize, run: impl Fn(&Case) -> Option<Vec<String>>) {
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
    assert!(
        cases.len() >= min_cases,
        "expected at least {min_cases} cases, found {}",
        cases.len()
    );
    assert!(failures.is_empty(), "failing cases:{failures}");
}
