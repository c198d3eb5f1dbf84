//! Runs the readable cases in `tests/place_cases.txt` (format in
//! `crates/case-file`): sections `by_code`, `prefecture`, `resolve` and
//! `segment`.

use chrono::NaiveDate;
use onshi_case_file::{self as case_file, Case};
use onshi_gazetteer::{Entry, Gazetteer, Kind, Resolution, Spelling};

const CASES: &str = include_str!("place_cases.txt");

/// `023612 青森県 南津軽郡藤崎町 [town]`, with `from`/`to` dates when it has them.
fn entry(e: &Entry) -> String {
    let mut s = match e.kind {
        Kind::Prefecture => format!("{} {} [{}]", e.code, e.name, e.kind.as_str()),
        _ => format!("{} {} {} [{}]", e.code, e.prefecture, e.full_name(), e.kind.as_str()),
    };
    if let Some(from) = e.valid_from {
        s.push_str(&format!(" from {from}"));
    }
    if let Some(to) = e.valid_to {
        s.push_str(&format!(" to {to}"));
    }
    s
}

fn entry_or_none(e: Option<&Entry>) -> Vec<String> {
    vec![e.map_or_else(|| "none".to_owned(), entry)]
}

/// One line for the outcome, then one indented line per candidate or suggestion.
fn resolution(r: &Resolution) -> Vec<String> {
    let list = |head: &str, entries: &[&Entry]| {
        std::iter::once(head.to_owned())
            .chain(entries.iter().map(|e| format!("  {}", entry(e))))
            .collect()
    };
    match r {
        Resolution::Found {
            entry: e,
            via,
            spelling,
            folded,
        } => {
            let mut spelling = match spelling {
                Spelling::Official => "official",
                Spelling::Width => "width",
                Spelling::Variant => "variant",
            }
            .to_owned();
            for (written, official) in folded {
                spelling.push_str(&format!(" {written}→{official}"));
            }
            vec![format!("found {} via {}, {spelling}", entry(e), via.as_str())]
        }
        Resolution::Prefecture { entry: e } => vec![format!("prefecture {}", entry(e))],
        Resolution::NotInForce { entry: e } => vec![format!("not in force: {}", entry(e))],
        Resolution::Ambiguous { candidates } => list("ambiguous:", candidates),
        Resolution::Unknown { suggestions } if suggestions.is_empty() => vec!["unknown".to_owned()],
        Resolution::Unknown { suggestions } => list("unknown, near:", suggestions),
    }
}

/// `text @ prefecture on date`, the last two optional.
fn arguments(case: &Case) -> (String, Option<String>, Option<NaiveDate>) {
    let line = case.input.join("\n");
    let (rest, on) = match line.rsplit_once(" on ") {
        Some((rest, d)) => (
            rest,
            Some(d.trim().parse().unwrap_or_else(|e| panic!("line {}: {e}", case.line))),
        ),
        None => (line.as_str(), None),
    };
    let (text, prefecture) = match rest.rsplit_once(" @ ") {
        Some((text, p)) => (text, Some(p.trim().to_owned())),
        None => (rest, None),
    };
    (text.to_owned(), prefecture, on)
}

fn run_resolve(g: &Gazetteer, case: &Case) -> Vec<String> {
    let (text, prefecture, on) = arguments(case);
    resolution(&g.resolve(&text, prefecture.as_deref(), on))
}

/// Each piece as `` `text` `` and its resolution; spans are checked against the text.
fn run_segment(g: &Gazetteer, case: &Case) -> Vec<String> {
    let (text, prefecture, on) = arguments(case);
    let pieces = g.segment(&text, prefecture.as_deref(), on);
    let mut out = Vec::new();
    let mut last = 0;
    for p in &pieces {
        if text.get(p.span.clone()) != Some(p.text) || p.span.start < last || p.span.is_empty() {
            out.push(format!("bad span {:?} for `{}`", p.span, p.text));
        }
        last = p.span.end;
        let mut lines = resolution(&p.resolution);
        lines[0] = format!("`{}` {}", p.text, lines[0]);
        out.extend(lines);
    }
    if out.is_empty() {
        out.push("nothing".to_owned());
    }
    out
}

#[test]
fn place_cases() {
    let g = Gazetteer::bundled();
    case_file::check(CASES, 151, |case| {
        let input = || case.input.join("\n");
        Some(match case.section.as_str() {
            "by_code" => entry_or_none(g.by_code(&input())),
            "prefecture" => entry_or_none(g.prefecture(&input())),
            "resolve" => run_resolve(g, case),
            "segment" => run_segment(g, case),
            _ => return None,
        })
    });
}
