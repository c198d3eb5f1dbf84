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
    let mut failures = Vec::new();
    for (notice, docs) in by_notice {
        let (first_path, first) = &docs[0];
        for (path, facts) in &docs[1..] {
            let name = path.strip_prefix(root()).unwrap_or(path).display().to_string();
            if OLD_FORM_RENDERINGS.iter().any(|(source, _)| *source == name) {
                if facts == first {
                    failures.push(format!("{name}: agrees now; remove it from OLD_FORM_RENDERINGS"));
                } else if glyph_blind(facts) != glyph_blind(first) {
                    failures.push(format!("{name} and {}: disagree beyond glyphs", first_path.display()));
                }
            } else if facts != first {
                failures.push(format!("{notice}: {name} and {} disagree", first_path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Renderings whose page text writes a name in an old form that the others
/// write in the common one, each with its reason. Their records carry the page's
/// `written_as` and a `name_matched_by_variant` info diagnostic, as they must; every other
/// fact agrees. A source that comes to agree whole must leave this list.
const OLD_FORM_RENDERINGS: &[(&str, &str)] = &[
    (
        "2025-01-07-aomori-snow/source.wkhtmltopdf.pdf",
        "wkhtmltopdf maps 黒 to the Kangxi radical ⿊ (NFKC: 黑)",
    ),
    (
        "layout-label-table-vcenter/source.wkhtmltopdf.pdf",
        "wkhtmltopdf maps 戸 to the Kangxi radical ⼾ (NFKC: 戶)",
    ),
    (
        "layout-long-cell-page-break/source.wkhtmltopdf.pdf",
        "wkhtmltopdf maps 黒 to the Kangxi radical ⿊ (NFKC: 黑)",
    ),
    (
        "layout-numbered-municipality-table/source.wkhtmltopdf.pdf",
        "wkhtmltopdf maps 戸 and 黒 to Kangxi radicals",
    ),
    (
        "layout-portal-announcement/source.wkhtmltopdf.pdf",
        "wkhtmltopdf maps 戸 and 黒 to Kangxi radicals",
    ),
];

/// Facts without what a glyph of the page may change: `written_as` and the
/// warning that a name matched only through a glyph fold.
fn glyph_blind(facts: &serde_json::Value) -> serde_json::Value {
    let mut value = facts.clone();
    let object = value.as_object_mut().unwrap();
    for activation in object["activations"].as_array_mut().unwrap() {
        activation.as_object_mut().unwrap().remove("written_as");
    }
    object["diagnostics"]
        .as_array_mut()
        .unwrap()
        .retain(|d| d["code"] != "name_matched_by_variant");
    value
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

/// An activation as (municipality code, end, end time).
type Record = (Option<String>, Option<chrono::NaiveDate>, Option<ClockTime>);

/// The records of every activation of an entry whose facts ask for a precision
/// check only (OCR'd scans, see `tests/facts.rs`); `None` for the others.
fn precision_facts(dir: &Path) -> Option<Vec<Record>> {
    let text = std::fs::read_to_string(dir.join("facts.json")).ok()?;
    let facts: serde_json::Value = serde_json::from_str(&text).expect("facts.json is JSON");
    if facts["check"]["mode"] != "precision" {
        return None;
    }
    let activations = facts["activations"].as_array().expect("activations");
    Some(
        activations
            .iter()
            .map(|a| {
                let code = a["code"].as_str().map(str::to_owned);
                let end = a["end"].as_str().map(|d| d.parse().expect("an ISO date"));
                let end_time = a["end_time"].as_str().map(|t| {
                    let (h, m) = t.split_once(':').expect("HH:MM");
                    ClockTime {
                        hour: h.parse().expect("hours"),
                        minute: m.parse().expect("minutes"),
                    }
                });
                (code, end, end_time)
            })
            .collect(),
    )
}

/// Browser PDFs whose text `pdftotext -layout` lays out so that the parser reads
/// other facts than from the builtin extractor's text, each with its reason. Unlike
/// [`PDFTOTEXT_LOSES`], any difference is allowed here, but there must be one: a
/// source that pdftotext comes to read right must leave this list.
const PDFTOTEXT_MISREADS: &[(&str, &str)] = &[
    (
        "2025-01-07-aomori-snow/source.wkhtmltopdf.pdf",
        "the 範囲 row crosses the page with its label only on page 2: page 1's part comes out as an indented \
         paragraph ending `北津`, page 2's as `範囲 軽郡板柳町、…`, so `北津軽郡板柳町` is lost",
    ),
    (
        "2025-01-07-aomori-snow/source.chromium.pdf",
        "the 範囲 cell's third line comes out above its second, splitting `南津軽郡大` / `鰐町`",
    ),
    (
        "layout-designated-city-wards/source.chromium.pdf",
        "`熊本市` wraps before `北区` and the period cell's line sits between them, so `熊本市` reads as a city",
    ),
    (
        "layout-header-row-range-period/source.chromium.pdf",
        "`鳳珠郡穴水` wraps before `町` and the period column's text is set on the first line, inside the name",
    ),
    (
        "layout-numbered-municipality-table/source.chromium.pdf",
        "records right, but without rules the table runs on past `２ 期間`: `期間:令和7年1月13日まで` is reported as \
         an unknown municipality",
    ),
    (
        "layout-portal-announcement/source.chromium.pdf",
        "`南津` wraps before `軽郡藤崎町` and the period column's text is set on the first line, inside the name",
    ),
];

/// pdftotext (installed, or a failure on CI) reads every corpus PDF to the same facts as the
/// built-in extractor: a cross-check of extraction against another reader. Where its text
/// cannot carry the table ([`PDFTOTEXT_LOSES`]) it may miss records, never invent one; from
/// an OCR'd scan (an entry checked for precision) it may read other records than the
/// built-in extractor, or no notice, but only records of the entry's facts. Every source is
/// checked and the failures are reported together.
#[test]
fn pdftotext_reads_the_corpus_pdfs_to_the_same_facts() {
    // Skipped without pdftotext, except on CI, where that fails (issue 13).
    if !support::pdftotext::installed() {
        return;
    }
    let mut options = onshi_notice::Options::default();
    options.extract.pdf.extractor = onshi_pdf_text::Extractor::Pdftotext;
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in corpus::discover(&root()).unwrap() {
        let is_pdf = case.source.extension().is_some_and(|e| e == "pdf");
        let Ok(text) = std::fs::read_to_string(case.expected_document()) else {
            continue;
        };
        if !is_pdf {
            continue;
        }
        let expected: Document = serde_json::from_str(&text).unwrap();
        let name = case
            .source
            .strip_prefix(root())
            .unwrap_or(&case.source)
            .display()
            .to_string();
        let precision = case.source.parent().and_then(precision_facts);
        let actual = match onshi_notice::convert_file(&case.source, &options) {
            Ok(actual) => actual,
            // From an OCR'd scan, no document is no wrong record.
            Err(e) if precision.is_some() => {
                eprintln!("{name}: pdftotext found no notice: {e}");
                checked += 1;
                continue;
            }
            Err(e) => panic!("{}: {e}", case.source.display()),
        };
        if let Some(facts) = precision {
            let records: Vec<Record> = actual
                .activations
                .iter()
                .map(|a| {
                    (
                        a.municipality.as_ref().map(|m| m.code.clone()),
                        a.period.end,
                        a.period.end_time,
                    )
                })
                .collect();
            let wrong: Vec<_> = records
                .iter()
                .filter(|r| !(facts.contains(r) || r.1.is_none() && r.2.is_none() && facts.iter().any(|f| f.0 == r.0)))
                .collect();
            if !wrong.is_empty() {
                failures.push(format!("{name}: wrong records {wrong:?}"));
            }
            let found = records.iter().filter(|r| facts.contains(r)).count();
            eprintln!("{name}: pdftotext found {found} of {} activations", facts.len());
        } else if PDFTOTEXT_MISREADS.iter().any(|(source, _)| *source == name) {
            if compacted(&actual) == compacted(&expected) {
                failures.push(format!(
                    "{name}: pdftotext now reads it right; remove it from PDFTOTEXT_MISREADS"
                ));
            }
        } else if PDFTOTEXT_LOSES.iter().any(|(entry, _)| *entry == case.notice) {
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
            if !wrong.is_empty() {
                failures.push(format!("{name}: wrong records {wrong:?}"));
            }
        } else if compacted(&actual) != compacted(&expected) {
            failures.push(format!(
                "{name}: other facts than the golden's\n  pdftotext: {}\n  golden:    {}",
                compacted(&actual),
                compacted(&expected)
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
