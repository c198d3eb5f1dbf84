//! Runs the readable period cases in `tests/period_cases.txt`, with the
//! workspace's case-file reader (`crates/case-file`).

use chrono::NaiveDate;
use onshi_case_file::{self as case_file, Case};
use onshi_notice::periods::parse_period;

const CASES: &str = include_str!("period_cases.txt");

fn date(s: &str) -> NaiveDate {
    s.trim().parse().unwrap_or_else(|e| panic!("bad date `{s}`: {e}"))
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
    if let Some(t) = p.start_time {
        out.push(format!("start_time: {t}"));
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
        let codes: Vec<&str> = notes.iter().map(|n| n.code.as_str()).collect();
        out.push(format!("notes: {}", codes.join(", ")));
    }
    if out.is_empty() {
        out.push("nothing".to_owned());
    }
    out
}

#[test]
fn period_cases() {
    case_file::check(CASES, 30, |case| {
        (case.section == "parse_period").then(|| run_parse_period(case))
    });
}
