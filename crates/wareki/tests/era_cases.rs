//! Runs the readable cases in `tests/era_cases.txt` (format in
//! `crates/case-file`): sections `parse_date`, `to_wareki`,
//! `find_dates` and `resolve`.

use chrono::NaiveDate;
use onshi_case_file::{self as case_file, Case};
use onshi_wareki::{self as era, PartialDate, Scanned};

const CASES: &str = include_str!("era_cases.txt");

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

#[test]
fn era_cases() {
    case_file::check(CASES, 150, |case| {
        Some(match case.section.as_str() {
            "parse_date" => run_parse_date(case),
            "to_wareki" => run_to_wareki(case),
            "find_dates" => run_find_dates(case),
            "resolve" => run_resolve(case),
            _ => return None,
        })
    });
}
