//! The golden corpus: every source gives exactly its golden output, every
//! golden document validates against the committed schema, and the schema is
//! what the code generates.
//!
//! Re-bless after a reviewed change with `ONSHI_BLESS=1 cargo test --test corpus`
//! (refused when `CI` is set).

mod support;

use onshi_notice::era::ClockTime;
use std::path::{Path, PathBuf};

use onshi_notice::corpus::{self, Verdict};
use onshi_notice::records::Document;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn bless_requested() -> bool {
    std::env::var_os("ONSHI_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/notice.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/notice.schema.json is committed");
    serde_json::from_str(&text).expect("the schema is JSON")
}

#[test]
fn blessing_is_impossible_on_ci() {
    assert!(
        !(corpus::on_ci() && bless_requested()),
        "ONSHI_BLESS is set on CI: golden files are only rewritten by a developer"
    );
}

#[test]
fn every_corpus_source_gives_its_golden_output() {
    let bless = bless_requested() && !corpus::on_ci();
    let report = corpus::check(&root(), &onshi_notice::Options::default(), bless).expect("corpus is readable");
    assert!(report.cases.len() >= 3, "the corpus has its reference sources");
    let failed: Vec<_> = report.cases.iter().filter(|c| c.verdict == Verdict::Fail).collect();
    assert!(
        failed.is_empty(),
        "{} corpus case(s) differ; after review re-bless with ONSHI_BLESS=1 cargo test --test corpus\n{}",
        failed.len(),
        corpus::render(&report)
    );
}

#[test]
fn every_source_has_exactly_one_golden_file() {
    for case in corpus::discover(&root()).unwrap() {
        let (doc, err) = (case.expected_document().exists(), case.expected_error().exists());
        assert!(
            doc ^ err,
            "{}: needs exactly one of .expected.json / .expected-error.txt",
            case.source.display()
        );
    }
}

#[test]
fn golden_files_belong_to_a_source() {
    let sources: Vec<_> = corpus::discover(&root())
        .unwrap()
        .into_iter()
        .map(|c| c.source)
        .collect();
    for entry in std::fs::read_dir(root()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            for suffix in [".expected.json", ".expected-error.txt"] {
                if let Some(source) = name.strip_suffix(suffix) {
                    assert!(
                        sources.contains(&dir.join(source)),
                        "{}: golden file without a source",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn committed_schema_is_the_generated_schema() {
    let generated = onshi_notice::schema::notice_schema_json();
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/notice.schema.json")).unwrap();
    assert!(
        generated == committed,
        "schemas/notice.schema.json is stale; regenerate it with `cargo run -- schema > schemas/notice.schema.json`"
    );
}

#[test]
fn every_golden_document_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let mut checked = 0;
    for case in corpus::discover(&root()).unwrap() {
        let path = case.expected_document();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        // A mail's golden is the array of its parts' documents.
        let documents = match &value {
            serde_json::Value::Array(docs) => docs.iter().collect(),
            doc => vec![doc],
        };
        assert!(!documents.is_empty(), "{}: an empty array", path.display());
        let errors: Vec<_> = documents
            .into_iter()
            .flat_map(|doc| validator.iter_errors(doc))
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert!(checked > 0);
}

/// All renderings of one notice (text, PDFs of several producers) give the
/// same facts; only the source, the positions and the spacing of the text
/// (producers set `令和 6 年` apart) may differ.
#[test]
fn renderings_of_one_notice_agree() {
    let mut by_notice: std::collections::BTreeMap<String, Vec<(PathBuf, serde_json::Value)>> = Default::default();
    for case in corpus::discover(&root()).unwrap() {
        let Ok(text) = std::fs::read_to_string(case.expected_document()) else {
            continue;
        };
        for doc in corpus::golden_documents(&text).unwrap() {
            by_notice
                .entry(case.notice.clone())
                .or_default()
                .push((case.source.clone(), compacted(&doc)));
        }
    }
    for (notice, docs) in by_notice {
        let (first_path, first) = &docs[0];
        for (path, facts) in &docs[1..] {
            assert_eq!(
                facts,
                first,
                "{notice}: {} and {} disagree",
                path.display(),
                first_path.display()
            );
        }
    }
}

/// Layouts that `pdftotext -layout` cannot carry: it writes text on a grid
/// of characters and draws no borders, so a cell merged over many rows (its
/// text centred beside some of them) and a label centred in a tall row leave
/// nothing that says which row a line belongs to. From these it must still
/// give no wrong record, only fewer (or some without their end).
const PDFTOTEXT_LOSES: &[(&str, &str)] = &[
    (
        "layout-rowspan-prefecture-period",
        "a prefecture and a period merged over 17 rows",
    ),
    (
        "layout-label-table-vcenter",
        "a 範囲 label centred beside lines of two prefectures",
    ),
];

/// pdftotext (installed, or a failure on CI) reads every corpus PDF to the same facts as the
/// built-in extractor: a cross-check of extraction against another reader. Where its text
/// cannot carry the table ([`PDFTOTEXT_LOSES`]) it may miss records, never invent one.
#[test]
fn pdftotext_reads_the_corpus_pdfs_to_the_same_facts() {
    // Skipped without pdftotext, except on CI, where that fails (issue 13).
    if !support::pdftotext::installed() {
        return;
    }
    let mut options = onshi_notice::Options::default();
    options.extract.pdf.extractor = onshi_pdf_text::Extractor::Pdftotext;
    let mut checked = 0;
    for case in corpus::discover(&root()).unwrap() {
        let is_pdf = case.source.extension().is_some_and(|e| e == "pdf");
        let Ok(text) = std::fs::read_to_string(case.expected_document()) else {
            continue;
        };
        if !is_pdf {
            continue;
        }
        let expected: Document = serde_json::from_str(&text).unwrap();
        let actual = onshi_notice::convert_file(&case.source, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.source.display()));
        if PDFTOTEXT_LOSES.iter().any(|(entry, _)| *entry == case.notice) {
            let records = |doc: &Document| -> Vec<(Option<String>, Option<chrono::NaiveDate>, Option<ClockTime>)> {
                doc.activations
                    .iter()
                    .map(|a| {
                        (
                            a.municipality.as_ref().map(|m| m.code.clone()),
                            a.period.end,
                            a.period.end_time,
                        )
                    })
                    .collect()
            };
            // Wrong: a code the golden does not have, or an end it does not give.
            // A record whose end could not be read (None) is incomplete, not wrong.
            let wanted = records(&expected);
            let wrong: Vec<_> = records(&actual)
                .into_iter()
                .filter(|r| !(wanted.contains(r) || r.1.is_none() && wanted.iter().any(|w| w.0 == r.0)))
                .collect();
            assert!(wrong.is_empty(), "{}: wrong records {wrong:?}", case.source.display());
        } else {
            assert_eq!(compacted(&actual), compacted(&expected), "{}", case.source.display());
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

/// The facts with whitespace removed from every string.
fn compacted(doc: &Document) -> serde_json::Value {
    let mut value = facts(doc);
    support::facts::compact_strings(&mut value);
    value
}

fn facts(doc: &Document) -> serde_json::Value {
    let mut value = support::facts::without_positions(doc);
    let object = value.as_object_mut().unwrap();
    for d in object["diagnostics"].as_array_mut().unwrap() {
        let d = d.as_object_mut().unwrap();
        d.remove("page");
        d.remove("line");
        // Messages that point at another place (`first on page 1, line 44`).
        if let Some(serde_json::Value::String(message)) = d.get_mut("message") {
            *message = positions_in_messages()
                .replace_all(message, "page _, line _")
                .into_owned();
        }
    }
    value
}

fn positions_in_messages() -> &'static regex::Regex {
    static POSITION: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"page [0-9]+, line [0-9]+").expect("static regex"));
    &POSITION
}
