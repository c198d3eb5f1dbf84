//! Runs the readable cases in `tests/era_cases.txt`.
//!
//! The file is split into sections (`=== parse_date`, `=== to_wareki`,
//! `=== find_dates`, `=== resolve`, `=== parse_period`). Each case is a
//! `--- name` line, input lines, then `=> ` lines with the expected output.
//! In inputs, `\u{3000}` and `\n` escapes are expanded. Every case runs; all
//! failures are reported together.

use chrono::NaiveDate;
use onshi_notice::era::{self, PartialDate, Scanned};
use onshi_notice::period::parse_period;

const CASES: &str = include_str!("era_cases.txt");

struct Case {
    section: String,
    name: String,
    line: usize,
    input: Vec<String>,
    expected: Vec<String>,
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

fn parse_cases(text: &str) -> Vec<Case> {
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

fn date(s: &str) -> NaiveDate {
    s.trim().parse().unwrap_or_else(|e| panic!("bad date `{s}`: {e}"))
}

fn error_line(e: &era::DateError) -> String {
    format!("error[{:?}]: {e}", e.kind())
}

fn run_parse_date(case: &Case) -> Vec<String> {
    let input = case.input.join("\n");
    vec![match era::parse_date(&input) {
        Ok(d) => d.to_string(),
        Err(e) => error_line(&e),
    }]
}

fn run_to_wareki(case: &Case) -> Vec<String> {
    let d = date(&case.input.join(""));
    let w = era::to_wareki(d);
    match era::parse_date(&w) {
        Ok(back) if back == d => vec![w],
        other => vec![format!("{w} does not round-trip: {other:?}")],
    }
}

fn scanned_line(text: &str, s: &Scanned) -> String {
    // Line breaks are shown as `\n`, as the case file writes them.
    let span_text = text.get(s.span.clone()).unwrap_or("<bad span>").replace('\n', "\\n");
    let value = match &s.result {
        Ok(f) => {
            assert_eq!(f.span, s.span, "FoundDate span differs from Scanned span");
            let mut v = f.date.to_string();
            if let Some(t) = f.time {
                v.push_str(&format!(" {t}"));
            }
            if let Some(w) = f.weekday {
                v.push_str(&format!(" ({w})"));
            }
            v
        }
        Err(e) => error_line(e),
    };
    format!("`{span_text}` {value}")
}

fn run_find_dates(case: &Case) -> Vec<String> {
    let text = case.input.join("\n");
    let found = era::find_dates(&text);
    if found.is_empty() {
        return vec!["none".to_owned()];
    }
    found.iter().map(|s| scanned_line(&text, s)).collect()
}

fn partial(s: &str) -> PartialDate {
    if let Some(day) = s.strip_prefix("---") {
        PartialDate::Day {
            day: day.parse().expect("day"),
        }
    } else if let Some(md) = s.strip_prefix("--") {
        let (m, d) = md.split_once('-').expect("--MM-DD");
        PartialDate::MonthDay {
            month: m.parse().expect("month"),
            day: d.parse().expect("day"),
        }
    } else {
        PartialDate::Full(date(s))
    }
}

fn run_resolve(case: &Case) -> Vec<String> {
    let input = case.input.join("");
    let (p, ctx) = input.split_once(" @ ").expect("`partial @ context`");
    vec![match partial(p.trim()).resolve(date(ctx)) {
        Ok(d) => d.to_string(),
        Err(e) => error_line(&e),
    }]
}

fn run_parse_period(case: &Case) -> Vec<String> {
    let mut notice = None;
    let mut footnotes = Vec::new();
    let mut cell = Vec::new();
    for line in &case.input {
        if let Some(d) = line.strip_prefix("notice: ") {
            notice = Some(date(d));
        } else if let Some(f) = line.strip_prefix("footnote: ") {
            footnotes.push(f.to_owned());
        } else if line == "(empty)" {
            cell.push(String::new());
        } else {
            cell.push(line.clone());
        }
    }
    let notice = notice.expect("a `notice:` line");
    let cell = cell.join("\n");
    let refs: Vec<&str> = footnotes.iter().map(String::as_str).collect();
    let (p, notes) = parse_period(&cell, &refs, notice);
    assert_eq!(p.text, cell, "Period.text must be the cell as given");
    for n in &notes {
        assert!(
            cell.get(n.span.clone()).is_some(),
            "note span {:?} is not inside the cell",
            n.span
        );
    }
    let mut out = Vec::new();
    if let Some(s) = p.start {
        out.push(format!("start: {s}"));
    }
    if let Some(e) = p.end {
        out.push(format!("end: {e}"));
    }
    if let Some(t) = p.end_time {
        out.push(format!("end_time: {t}"));
    }
    if let Some(b) = &p.basis {
        out.push(format!("basis: {b}"));
    }
    if p.open_ended {
        out.push("open_ended".to_owned());
    }
    if p.provisional {
        out.push("provisional".to_owned());
    }
    if !notes.is_empty() {
        let codes: Vec<&str> = notes.iter().map(|n| n.code).collect();
        out.push(format!("notes: {}", codes.join(", ")));
    }
    if out.is_empty() {
        out.push("nothing".to_owned());
    }
    out
}

#[test]
fn era_cases() {
    let cases = parse_cases(CASES);
    let mut failures = String::new();
    let mut per_section: Vec<(String, usize)> = Vec::new();
    for case in &cases {
        let actual = match case.section.as_str() {
            "parse_date" => run_parse_date(case),
            "to_wareki" => run_to_wareki(case),
            "find_dates" => run_find_dates(case),
            "resolve" => run_resolve(case),
            "parse_period" => run_parse_period(case),
            other => panic!("line {}: unknown section `{other}`", case.line),
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
    eprintln!("era cases per section: {per_section:?}");
    assert!(cases.len() >= 150, "expected at least 150 cases, found {}", cases.len());
    assert!(failures.is_empty(), "failing cases:{failures}");
}
