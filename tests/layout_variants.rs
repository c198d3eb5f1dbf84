//! Generated variants of every corpus entry's text, drawn as PDFs the way
//! other producers draw them: cells broken into narrow lines (even inside a
//! name), ruling lines left out, glyphs drawn one by one in shuffled order.
//! Each must give exactly the entry's facts (`facts.json`).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use support::render::{Rules, Style, pdf};

type Record = (Option<String>, Option<String>, Option<String>);

fn entries() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.txt").exists() && p.join("facts.json").exists())
        .collect();
    out.sort();
    out
}

fn facts(entry: &Path) -> BTreeSet<Record> {
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(entry.join("facts.json")).unwrap()).unwrap();
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    value["activations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (text(&a["code"]), text(&a["end"]), text(&a["end_time"])))
        .collect()
}

fn records(bytes: &[u8]) -> BTreeSet<Record> {
    let doc = onshi_notice::convert("variant.pdf", bytes, &onshi_notice::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    doc.activations
        .iter()
        .map(|a| {
            (
                a.municipality.as_ref().map(|m| m.code.clone()),
                a.period.end.map(|d| d.to_string()),
                a.period.end_time.map(|t| t.to_string()),
            )
        })
        .collect()
}

fn variants() -> [(&'static str, Style); 5] {
    [
        ("ruled", Style::default()),
        (
            "cells broken every 5 characters",
            Style {
                cell_width: Some(5),
                ..Style::default()
            },
        ),
        (
            "no outer frame",
            Style {
                rules: Rules::NoFrame,
                ..Style::default()
            },
        ),
        (
            "horizontal rules only",
            Style {
                rules: Rules::Horizontal,
                ..Style::default()
            },
        ),
        (
            "glyphs drawn one by one, shuffled",
            Style {
                shuffle: Some(0x5eed),
                ..Style::default()
            },
        ),
    ]
}

/// Variants that lose records, and why. They must still give no wrong record.
const KNOWN_LOSSES: &[(&str, &str, &str)] = &[
    (
        "layout-label-table-vcenter",
        "cells broken every 5 characters",
        "the period's first sentence is drawn inside the ruled 範囲 row (the text form centres the label); broken into 5-character lines it no longer reads as a period, so 羽後町 gets none",
    ),
    (
        "layout-rowspan-prefecture-period",
        "horizontal rules only",
        "cells merged over the page break leave page 2 with one row and no gutter to find its columns; 能登町 there is read as a paragraph",
    ),
];

#[test]
fn drawn_variants_of_every_entry_give_its_facts() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let (mut wanted, mut found) = (0, 0);
    for entry in entries() {
        let text = std::fs::read_to_string(entry.join("source.txt")).unwrap();
        let want = facts(&entry);
        for (name, style) in variants() {
            let drawn = pdf(&text, &style);
            // To look at a variant: ONSHI_VARIANTS_DIR=/tmp/v, then `onshi-notice text --layout`.
            if let Some(dir) = std::env::var_os("ONSHI_VARIANTS_DIR") {
                let file = format!(
                    "{}.{}.pdf",
                    entry.file_name().unwrap().to_string_lossy(),
                    name.replace(' ', "-")
                );
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(Path::new(&dir).join(file), &drawn).unwrap();
            }
            let got = records(&drawn);
            let entry_name = entry.file_name().unwrap().to_string_lossy().into_owned();
            wanted += want.len();
            found += want.intersection(&got).count();
            let known = KNOWN_LOSSES.iter().any(|(e, v, _)| *e == entry_name && *v == name);
            if known && got.is_subset(&want) {
                checked += 1;
                continue;
            }
            if got != want {
                let missing: Vec<_> = want.difference(&got).collect();
                let extra: Vec<_> = got.difference(&want).collect();
                failures.push(format!(
                    "{} ({name}): missing {missing:?}, wrong {extra:?}",
                    entry.file_name().unwrap().to_string_lossy()
                ));
            }
            checked += 1;
        }
    }
    eprintln!("drawn variants: {found} of {wanted} records found");
    assert!(
        failures.is_empty(),
        "{} of {checked} variants differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
