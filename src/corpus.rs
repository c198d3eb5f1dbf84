//! The golden corpus: every source in `corpus/<notice-id>/` against the output
//! it is expected to give.
//!
//! A source is a file named `source*.txt`, `source*.pdf` or `source*.eml`.
//! Next to it stands either `<source>.expected.json` (the document it must
//! give, byte for byte; for a mail, the array of the documents its parts
//! give) or `<source>.expected-error.txt` (the error it must give, as
//! `code: message`; for a mail whose parts fail, one such line per failed
//! part, after its number: `#2 code: message`).
//! Golden files are written by [`check`] with `bless`, never by hand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::records::Document;
use crate::{Carried, Options, convert_file_parts};

/// One source file of a corpus entry and its golden file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The entry's folder name, i.e. the notice id.
    pub notice: String,
    /// The source file (`source.txt`, `source.pdf`, `source.<style>.pdf`).
    pub source: PathBuf,
}

impl Case {
    /// The golden document of the source: `<source>.expected.json`.
    pub fn expected_document(&self) -> PathBuf {
        sibling(&self.source, ".expected.json")
    }

    /// The golden failure of a source that gives no document: `<source>.expected-error.txt`.
    pub fn expected_error(&self) -> PathBuf {
        sibling(&self.source, ".expected-error.txt")
    }
}

fn sibling(source: &Path, suffix: &str) -> PathBuf {
    let mut name = source.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    source.with_file_name(name)
}

/// Every case under `root`, sorted by notice and source name.
pub fn discover(root: &Path) -> std::io::Result<Vec<Case>> {
    let mut cases = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(root)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        // A symlinked entry folder counts (the corpus is two levels deep, so
        // a link cannot make a loop here).
        if !std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let notice = entry.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(entry.path())?.collect::<Result<_, _>>()?;
        files.sort_by_key(|e| e.file_name());
        for file in files {
            let name = file.file_name().to_string_lossy().into_owned();
            let is_source = name.starts_with("source")
                && !name.contains(".expected")
                && [".txt", ".pdf", ".eml"].iter().any(|x| name.ends_with(x));
            if is_source {
                cases.push(Case {
                    notice: notice.clone(),
                    source: file.path(),
                });
            }
        }
    }
    Ok(cases)
}

/// How many of the expected facts the actual output has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Activations in the golden document.
    pub activations_expected: usize,
    /// Of those, activations the output has too.
    pub activations_matched: usize,
    /// Municipality codes in the golden document.
    pub codes_expected: usize,
    /// Of those, codes the output has too.
    pub codes_matched: usize,
    /// End dates in the golden document.
    pub end_dates_expected: usize,
    /// Of those, end dates the output has too.
    pub end_dates_matched: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.activations_expected += o.activations_expected;
        self.activations_matched += o.activations_matched;
        self.codes_expected += o.codes_expected;
        self.codes_matched += o.codes_matched;
        self.end_dates_expected += o.end_dates_expected;
        self.end_dates_matched += o.end_dates_matched;
    }
}

/// The outcome of one corpus source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The output is the golden file.
    Pass,
    /// The output differs from the golden file.
    Fail,
    /// The golden file was (re)written.
    Blessed,
}

/// The outcome of one corpus source, with its score.
#[derive(Debug, Clone, Serialize)]
pub struct CaseReport {
    /// The entry (folder) name.
    pub notice: String,
    /// The source file name within the entry.
    pub source: String,
    /// Whether the output matched.
    pub verdict: Verdict,
    /// How much of the golden facts the output has.
    pub score: Score,
    /// A unified diff, expected → actual, when the case failed.
    pub diff: Option<String>,
}

/// The outcome of a whole corpus check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// One report per source, in path order.
    pub cases: Vec<CaseReport>,
    /// The scores of all sources added up.
    pub total: Score,
    /// Sources that matched (or were blessed).
    pub passed: usize,
    /// Sources that did not match.
    pub failed: usize,
}

impl Report {
    /// True when no source failed.
    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

/// Run every case; with `bless`, write the golden files instead of comparing.
pub fn check(root: &Path, options: &Options, bless: bool) -> std::io::Result<Report> {
    let mut cases = Vec::new();
    for case in discover(root)? {
        cases.push(run_case(&case, options, bless)?);
    }
    let mut total = Score::default();
    for case in &cases {
        total += case.score;
    }
    let passed = cases.iter().filter(|c| c.verdict != Verdict::Fail).count();
    Ok(Report {
        failed: cases.len() - passed,
        passed,
        total,
        cases,
    })
}

/// What a source gives, rendered as its golden file would hold it.
enum Outcome {
    Documents(Vec<Document>, String),
    Error(String),
}

fn outcome(case: &Case, options: &Options) -> Outcome {
    let carried = convert_file_parts(&case.source, options);
    let is_mail = carried.iter().any(|c| c.part.is_some());
    if !is_mail {
        return match carried.into_iter().next().map(|c| c.result) {
            Some(Ok(doc)) => {
                let json = to_golden_json(&doc);
                Outcome::Documents(vec![doc], json)
            }
            Some(Err(e)) => Outcome::Error(format!("{}: {e}\n", e.code())),
            None => Outcome::Error(String::new()),
        };
    }
    let failures: String = carried
        .iter()
        .filter_map(|c: &Carried| {
            let e = c.result.as_ref().err()?;
            let index = c.part.as_ref().map_or("", |p| p.index.as_str());
            Some(format!("#{index} {}: {e}\n", e.code()))
        })
        .collect();
    if !failures.is_empty() {
        return Outcome::Error(failures);
    }
    let docs: Vec<Document> = carried.into_iter().filter_map(|c| c.result.ok()).collect();
    let mut json = serde_json::to_string_pretty(&docs).unwrap_or_default();
    json.push('\n');
    Outcome::Documents(docs, json)
}

/// The documents of a golden file: one document, or a mail's array of them.
pub fn golden_documents(text: &str) -> serde_json::Result<Vec<Document>> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Golden {
        One(Box<Document>),
        Mail(Vec<Document>),
    }
    Ok(match serde_json::from_str(text)? {
        Golden::One(doc) => vec![*doc],
        Golden::Mail(docs) => docs,
    })
}

/// Pretty JSON with a final newline: the golden form of a document.
pub fn to_golden_json(doc: &Document) -> String {
    let mut json = serde_json::to_string_pretty(doc).unwrap_or_default();
    json.push('\n');
    json
}

fn run_case(case: &Case, options: &Options, bless: bool) -> std::io::Result<CaseReport> {
    let actual = outcome(case, options);
    let (doc_path, err_path) = (case.expected_document(), case.expected_error());
    let report = |verdict, score, diff| CaseReport {
        notice: case.notice.clone(),
        source: case
            .source
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        verdict,
        score,
        diff,
    };
    if bless {
        let (write, remove) = match &actual {
            Outcome::Documents(_, json) => ((&doc_path, json.as_str()), &err_path),
            Outcome::Error(text) => ((&err_path, text.as_str()), &doc_path),
        };
        std::fs::write(write.0, write.1)?;
        if remove.exists() {
            std::fs::remove_file(remove)?;
        }
        let score = match &actual {
            Outcome::Documents(docs, _) => scores(docs, docs),
            Outcome::Error(_) => Score::default(),
        };
        return Ok(report(Verdict::Blessed, score, None));
    }
    let expected_text = match (std::fs::read_to_string(&doc_path), std::fs::read_to_string(&err_path)) {
        (Ok(text), _) | (Err(_), Ok(text)) => text,
        (Err(_), Err(_)) => String::new(),
    };
    let expected_docs: Vec<Document> = golden_documents(&expected_text).unwrap_or_default();
    let (actual_text, score) = match &actual {
        Outcome::Documents(docs, json) => (json.as_str(), scores(&expected_docs, docs)),
        Outcome::Error(text) => {
            let empty: Vec<Document> = expected_docs.iter().map(empty_like).collect();
            (text.as_str(), scores(&expected_docs, &empty))
        }
    };
    if expected_text == actual_text {
        Ok(report(Verdict::Pass, score, None))
    } else {
        Ok(report(Verdict::Fail, score, Some(diff(&expected_text, actual_text))))
    }
}

fn empty_like(doc: &Document) -> Document {
    Document {
        activations: Vec::new(),
        ..doc.clone()
    }
}

/// The scores of documents paired in order (a mail's parts), added up; an
/// expected document without a counterpart scores nothing.
fn scores(expected: &[Document], actual: &[Document]) -> Score {
    let mut total = Score::default();
    for (k, e) in expected.iter().enumerate() {
        total += match actual.get(k) {
            Some(a) => score(e, a),
            None => score(e, &empty_like(e)),
        };
    }
    total
}

fn score(expected: &Document, actual: &Document) -> Score {
    let mut s = Score::default();
    let mut unmatched: Vec<_> = actual.activations.iter().collect();
    for activation in &expected.activations {
        s.activations_expected += 1;
        if let Some(k) = unmatched.iter().position(|a| *a == activation) {
            unmatched.swap_remove(k);
            s.activations_matched += 1;
        }
    }
    let key = |a: &crate::records::Activation| {
        (
            a.prefecture.code.clone(),
            a.municipality.as_ref().map(|m| m.code.clone()),
        )
    };
    let mut codes: Vec<_> = actual
        .activations
        .iter()
        .filter_map(|a| a.municipality.as_ref())
        .map(|m| &m.code)
        .collect();
    for activation in &expected.activations {
        if let Some(m) = &activation.municipality {
            s.codes_expected += 1;
            if let Some(k) = codes.iter().position(|c| **c == m.code) {
                codes.swap_remove(k);
                s.codes_matched += 1;
            }
        }
        if activation.period.end.is_some() {
            s.end_dates_expected += 1;
            let same = actual
                .activations
                .iter()
                .any(|a| key(a) == key(activation) && a.period.end == activation.period.end);
            s.end_dates_matched += usize::from(same);
        }
    }
    s
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}

/// The human-readable report `check` prints.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let ratio = |m: usize, e: usize| format!("{m}/{e}");
    for case in &report.cases {
        let s = &case.score;
        let _ = writeln!(
            out,
            "{:<7} {}/{}  activations {}  codes {}  end dates {}",
            match case.verdict {
                Verdict::Pass => "ok",
                Verdict::Fail => "FAILED",
                Verdict::Blessed => "blessed",
            },
            case.notice,
            case.source,
            ratio(s.activations_matched, s.activations_expected),
            ratio(s.codes_matched, s.codes_expected),
            ratio(s.end_dates_matched, s.end_dates_expected),
        );
        if let Some(diff) = &case.diff {
            for line in diff.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let t = &report.total;
    let _ = writeln!(
        out,
        "{} passed, {} failed; activations {}, codes {}, end dates {}",
        report.passed,
        report.failed,
        ratio(t.activations_matched, t.activations_expected),
        ratio(t.codes_matched, t.codes_expected),
        ratio(t.end_dates_matched, t.end_dates_expected),
    );
    out
}

/// True on CI, where golden files must never be rewritten.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}
