//! Unseen variants of every corpus text give the same records: a line broken
//! inside the 範囲 list, extra spaces, full-width digits, `［］` for `【】`
//! around prefectures, CRLF line ends, Shift_JIS, Markdown. Positions may move;
//! facts may not.

mod support;

use std::path::{Path, PathBuf};

use onshi_notice::Document;
use regex::Regex;

fn text_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path().join("source.txt"))
        .filter(|p| p.exists())
        .collect();
    out.sort();
    out
}

/// The facts of a document: no source, no positions, whitespace removed from every string.
fn facts(doc: &Document) -> serde_json::Value {
    let mut value = support::facts::without_positions(doc);
    let object = value.as_object_mut().unwrap();
    // Diagnostics are ordered by position, which a variant may move.
    let mut diagnostics: Vec<String> = object["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    diagnostics.sort();
    object.insert("diagnostics".into(), diagnostics.into());
    support::facts::compact_strings(&mut value);
    value
}

fn convert(bytes: &[u8]) -> Document {
    onshi_notice::convert("variant.txt", bytes, &onshi_notice::Options::default()).unwrap()
}

/// Break the first line of a list of three names or more after its second 、.
fn break_list(text: &str) -> String {
    let mut out = Vec::new();
    let mut done = false;
    for line in text.split('\n') {
        let commas: Vec<usize> = line.match_indices('、').map(|(i, _)| i).collect();
        let is_list = line.contains('】') || line.starts_with("範囲") || line.starts_with('\t');
        // A list in the last cell of its line: one followed by another cell
        // (`【石川県】…\t1月7日まで`, `| … | … |`) cannot be broken by a new
        // line in a TAB or piped table, where a line is a row.
        let last_cell = commas.get(1).is_some_and(|&at| !line[at..].contains(['\t', '|', '│']));
        if !done && is_list && last_cell && commas.len() >= 3 {
            let at = commas[1] + '、'.len_utf8();
            out.push(format!("{}\n\t{}", &line[..at], &line[at..]));
            done = true;
        } else {
            out.push(line.to_owned());
        }
    }
    out.join("\n")
}

fn full_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

fn square_brackets(text: &str) -> String {
    Regex::new(r"【([^】]{1,3}[都道府県])】")
        .unwrap()
        .replace_all(text, "［$1］")
        .into_owned()
}

fn spaced_separators(text: &str) -> String {
    text.replace('、', "、 ")
}

/// The text as a Markdown rendering gives it: the title as one `# ` heading,
/// `## 記`, and the 範囲/期間 labels in bold. `title` is what the plain text
/// gives as its title.
fn markdown(text: &str, title: Option<&str>) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let compact = |line: &str| -> String {
        onshi_notice::normalize::normalize_line(line)
            .split_whitespace()
            .collect()
    };
    // The run of lines that reads as the title, if the text has one.
    let title_run = title.and_then(|title| {
        (0..lines.len()).find_map(|start| {
            let mut joined = String::new();
            for (k, line) in lines.iter().enumerate().skip(start) {
                joined.push_str(&compact(line));
                if joined == title {
                    return Some(start..k + 1);
                }
                if !title.starts_with(&joined) || joined.is_empty() {
                    return None;
                }
            }
            None
        })
    });
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        match &title_run {
            Some(run) if run.start == k => out.push(format!("# {}", title.unwrap_or_default())),
            Some(run) if run.contains(&k) => {}
            _ if compact(line) == "記" => out.push("## 記".to_owned()),
            _ => {
                let bold = ["範囲", "期間"].iter().find_map(|label| {
                    line.strip_prefix(label)
                        .filter(|r| r.starts_with('\t'))
                        .map(|r| format!("**{label}**{r}"))
                });
                out.push(bold.unwrap_or_else(|| (*line).to_owned()));
            }
        }
    }
    out.join("\n")
}

/// A named rewrite of a notice's text.
type Variant = (&'static str, fn(&str) -> String);

#[test]
fn variants_give_the_same_records() {
    let variants: [Variant; 6] = [
        ("line break in the list", break_list),
        ("full-width digits", full_width_digits),
        ("［］ around prefectures", square_brackets),
        ("spaces after separators", spaced_separators),
        ("CRLF line ends", |t| t.replace('\n', "\r\n")),
        ("all at once", |t| {
            spaced_separators(&square_brackets(&full_width_digits(&break_list(t))))
        }),
    ];
    let mut checked = 0;
    let mut encoded = 0;
    let mut titled = 0;
    for source in text_sources() {
        let text = std::fs::read_to_string(&source).unwrap();
        let expected = facts(&convert(text.as_bytes()));
        for (name, variant) in &variants {
            let changed = variant(&text);
            let actual = facts(&convert(changed.as_bytes()));
            assert_eq!(actual, expected, "{}: {name}", source.display());
            checked += 1;
        }
        let rendered = markdown(&text, expected["notice"]["title"].as_str());
        assert_eq!(
            facts(&convert(rendered.as_bytes())),
            expected,
            "{}: Markdown",
            source.display()
        );
        titled += usize::from(rendered.starts_with("# ") || rendered.contains("\n# "));
        // The same text in Shift_JIS and in ISO-2022-JP (e-mail), where it
        // can be encoded.
        for encoding in [encoding_rs::SHIFT_JIS, encoding_rs::ISO_2022_JP] {
            let (bytes, _, unmappable) = encoding.encode(&text);
            if !unmappable {
                assert_eq!(
                    facts(&convert(&bytes)),
                    expected,
                    "{}: {}",
                    source.display(),
                    encoding.name()
                );
                encoded += 1;
            }
        }
    }
    assert!(checked >= 15 * 6, "{checked}");
    assert!(encoded >= 15, "{encoded} sources could be encoded");
    assert!(titled >= 15, "only {titled} Markdown renderings have a `# ` title");
}
