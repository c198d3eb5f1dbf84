//! Golden files checked against facts, not only against earlier output.
//!
//! Each corpus entry with a golden file has a `facts.json`, written by hand from
//! the entry's README, its source, `shared/facts` and the seed notice, with
//! municipality codes looked up outside this project (and their check digits
//! verified here). Every `<source>.expected.json` of the entry (every document
//! of a mail's golden array) must hold exactly those facts: the notice's kind, issue date and disaster start, the set of
//! activations as (prefecture, municipality, start, end, end time) and the set of
//! scopes as (prefecture, count, end). A golden re-blessed with a wrong record
//! fails here even though `tests/corpus.rs` would accept it.
//!
//! An entry whose source cannot be read completely, an OCR'd scan, says so in
//! its facts (`"check": {"mode": "precision", "reason": …}`): its goldens must
//! hold nothing but facts (no wrong code, date or kind), while what they miss
//! is listed, not failed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use onshi_notice::records::{Document, NoticeKind};
use serde::Deserialize;

/// Entries whose sources all have `.expected-error.txt` goldens and that are not
/// notices at all: they need no facts.json. Name each with its reason.
const NOT_NOTICES: &[(&str, &str)] = &[];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    about: String,
    /// How the goldens are held to the facts; exactly when absent.
    #[serde(default)]
    check: Option<Check>,
    notice: NoticeFacts,
    activations: Vec<ActivationFact>,
    scopes: Vec<ScopeFact>,
}

/// A check other than the exact one, and why the entry needs it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Check {
    mode: CheckMode,
    reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum CheckMode {
    /// Every value in a golden is a fact; facts may be missing from it.
    Precision,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeFacts {
    kind: Fact<NoticeKind>,
    issued_on: Fact<Option<NaiveDate>>,
    disaster_began_on: Fact<Option<NaiveDate>>,
}

/// A value and where it comes from. `deserialize_with` makes an `Option`
/// value required (null allowed, absence not).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
struct Fact<T> {
    #[serde(deserialize_with = "T::deserialize")]
    value: T,
    #[allow(dead_code)]
    basis: Basis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Basis {
    /// Stated by `shared/facts` or the seed notice.
    Real,
    /// Invented for the reconstruction, as the entry's README says.
    Illustrative,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActivationFact {
    prefecture: String,
    #[serde(deserialize_with = "Option::deserialize")]
    code: Option<String>,
    name: String,
    #[serde(deserialize_with = "Option::deserialize")]
    start: Option<NaiveDate>,
    #[serde(deserialize_with = "Option::deserialize")]
    end: Option<NaiveDate>,
    #[serde(deserialize_with = "Option::deserialize")]
    end_time: Option<String>,
    #[allow(dead_code)]
    basis: Basis,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeFact {
    #[serde(deserialize_with = "Option::deserialize")]
    prefecture: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    count: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    end: Option<NaiveDate>,
    #[allow(dead_code)]
    basis: Basis,
}

/// (prefecture code, municipality code, start, end, end time)
type ActivationKey = (
    String,
    Option<String>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
);
/// (prefecture code, count, end)
type ScopeKey = (Option<String>, Option<u32>, Option<NaiveDate>);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Corpus entries (sorted) with at least one golden file. Folders still without
/// goldens (new entries being written) are not counted.
fn entries() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let has_golden = file_names(&dir)
            .iter()
            .any(|n| n.ends_with(".expected.json") || n.ends_with(".expected-error.txt"));
        if has_golden {
            out.push((dir.file_name().unwrap().to_string_lossy().into_owned(), dir));
        }
    }
    out.sort();
    out
}

/// The facts of an entry, or why they cannot be read.
fn load_facts(dir: &Path) -> Result<Facts, String> {
    let path = dir.join("facts.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let facts: Facts = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let problems = shape_problems(&facts);
    if problems.is_empty() {
        Ok(facts)
    } else {
        Err(format!("{}:\n    {}", path.display(), problems.join("\n    ")))
    }
}

/// 全国地方公共団体コード check digit of the first five digits.
fn check_digit(five: &str) -> Option<char> {
    let digits: Vec<u32> = five.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    if digits.len() != 5 {
        return None;
    }
    let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
    char::from_digit((11 - sum % 11) % 10, 10)
}

fn is_prefecture_code(code: &str) -> bool {
    code.len() == 2 && code.parse::<u32>().is_ok_and(|n| (1..=47).contains(&n))
}

/// What is wrong with facts that parsed: codes, times, order, duplicates.
fn shape_problems(facts: &Facts) -> Vec<String> {
    let mut problems = Vec::new();
    if facts.about.trim().is_empty() {
        problems.push("about is empty".to_owned());
    }
    if facts.check.as_ref().is_some_and(|c| c.reason.trim().is_empty()) {
        problems.push("check.reason is empty: say why the entry is not checked exactly".to_owned());
    }
    for a in &facts.activations {
        if !is_prefecture_code(&a.prefecture) {
            problems.push(format!("{}: bad prefecture code {}", a.name, a.prefecture));
        }
        if let Some(code) = &a.code {
            let ok = code.len() == 6
                && code.is_ascii()
                && code.starts_with(&a.prefecture)
                && code[..5] != a.prefecture.clone() + "000"
                && check_digit(&code[..5]) == code.chars().nth(5);
            if !ok {
                problems.push(format!(
                    "{}: {code} is no municipality code of prefecture {} with a valid check digit",
                    a.name, a.prefecture
                ));
            }
        }
        if a.name.trim().is_empty() {
            problems.push(format!("{:?}: empty name", a.code));
        }
        if let Some(time) = &a.end_time {
            let ok = time.len() == 5
                && time.is_ascii()
                && time.as_bytes()[2] == b':'
                && time[..2].parse::<u32>().is_ok_and(|h| h <= 24)
                && time[3..].parse::<u32>().is_ok_and(|m| m < 60);
            if !ok {
                problems.push(format!("{}: end_time {time} is not HH:MM", a.name));
            }
        }
        if let (Some(start), Some(end)) = (a.start, a.end)
            && end < start
        {
            problems.push(format!("{}: ends before it starts", a.name));
        }
    }
    // Sorted by code, then end; a whole prefecture (code null) sorts either first
    // or at its prefecture code.
    let null_first = facts.activations.iter().map(|a| (&a.code, a.end)).is_sorted();
    let at_prefecture = facts
        .activations
        .iter()
        .map(|a| (a.code.as_ref().unwrap_or(&a.prefecture), a.end))
        .is_sorted();
    if !null_first && !at_prefecture {
        problems.push("activations are not sorted by code, then end".to_owned());
    }
    let keys = activation_facts(facts);
    if keys.len() != facts.activations.len() {
        problems.push("an activation is listed twice".to_owned());
    }
    for s in &facts.scopes {
        if let Some(p) = &s.prefecture
            && !is_prefecture_code(p)
        {
            problems.push(format!("scope: bad prefecture code {p}"));
        }
    }
    problems
}

fn activation_facts(facts: &Facts) -> BTreeSet<ActivationKey> {
    facts
        .activations
        .iter()
        .map(|a| (a.prefecture.clone(), a.code.clone(), a.start, a.end, a.end_time.clone()))
        .collect()
}

fn scope_facts(facts: &Facts) -> BTreeSet<ScopeKey> {
    facts
        .scopes
        .iter()
        .map(|s| (s.prefecture.clone(), s.count, s.end))
        .collect()
}

fn activation_keys(doc: &Document) -> BTreeSet<ActivationKey> {
    doc.activations
        .iter()
        .map(|a| {
            (
                a.prefecture.code.clone(),
                a.municipality.as_ref().map(|m| m.code.clone()),
                a.period.start,
                a.period.end,
                a.period.end_time.map(|t| t.to_string()),
            )
        })
        .collect()
}

fn scope_keys(doc: &Document) -> BTreeSet<ScopeKey> {
    doc.scopes
        .iter()
        .map(|s| (s.prefecture.as_ref().map(|p| p.code.clone()), s.count, s.period.end))
        .collect()
}

fn show<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}").replace("Some(", "(")
}

/// Whether a value the golden gives agrees with the fact: equal, or, under a
/// precision check, not given at all.
fn agrees<T: PartialEq>(golden: &Option<T>, fact: &Option<T>, precision: bool) -> bool {
    golden == fact || precision && golden.is_none()
}

/// A golden activation that states nothing but facts: one of them, or under a
/// precision check one of them with a date or time left unread.
fn is_fact(key: &ActivationKey, facts: &BTreeSet<ActivationKey>, precision: bool) -> bool {
    facts.contains(key)
        || precision
            && facts.iter().any(|f| {
                f.0 == key.0
                    && f.1 == key.1
                    && agrees(&key.2, &f.2, true)
                    && agrees(&key.3, &f.3, true)
                    && agrees(&key.4, &f.4, true)
            })
}

/// What a golden under a precision check found of its facts: (activations
/// exactly as in the facts, activations in the facts).
fn found_of(facts: &Facts, doc: &Document) -> (usize, usize) {
    let want = activation_facts(facts);
    (activation_keys(doc).intersection(&want).count(), want.len())
}

/// Every difference between one golden document and the entry's facts; under
/// a precision check only what the golden states wrongly.
fn differences(facts: &Facts, doc: &Document) -> Vec<String> {
    let precision = facts.check.as_ref().is_some_and(|c| c.mode == CheckMode::Precision);
    let mut out = Vec::new();
    let n = &doc.notice;
    if n.kind != facts.notice.kind.value && !(precision && n.kind == NoticeKind::Unknown) {
        out.push(format!("kind: golden {:?}, fact {:?}", n.kind, facts.notice.kind.value));
    }
    if !agrees(&n.issued_on, &facts.notice.issued_on.value, precision) {
        out.push(format!(
            "issued_on: golden {}, fact {}",
            show(&n.issued_on),
            show(&facts.notice.issued_on.value)
        ));
    }
    let began = n.disaster.as_ref().and_then(|d| d.began_on);
    if !agrees(&began, &facts.notice.disaster_began_on.value, precision) {
        out.push(format!(
            "disaster.began_on: golden {}, fact {}",
            show(&began),
            show(&facts.notice.disaster_began_on.value)
        ));
    }
    let (want, got) = (activation_facts(facts), activation_keys(doc));
    if !precision {
        for key in want.difference(&got) {
            out.push(format!("activation missing from golden: {}", show(key)));
        }
    }
    for key in got.iter().filter(|k| !is_fact(k, &want, precision)) {
        out.push(format!("activation extra in golden: {}", show(key)));
    }
    let (want, got) = (scope_facts(facts), scope_keys(doc));
    if !precision {
        for key in want.difference(&got) {
            out.push(format!("scope missing from golden: {}", show(key)));
        }
    }
    for key in got
        .iter()
        .filter(|k| !(want.contains(*k) || precision && want.iter().any(|f| f.0 == k.0 && f.1 == k.1 && k.2.is_none())))
    {
        out.push(format!("scope extra in golden: {}", show(key)));
    }
    out
}

#[test]
fn every_entry_with_a_golden_has_facts() {
    let entries = entries();
    assert!(entries.len() >= 3, "the corpus has its entries");
    let missing: Vec<_> = entries
        .iter()
        .filter(|(name, dir)| !dir.join("facts.json").exists() && !NOT_NOTICES.iter().any(|(n, _)| n == name))
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "corpus entries without facts.json (write one from the entry's README, source and shared facts, \
         or list a non-notice in NOT_NOTICES): {missing:?}"
    );
}

#[test]
fn every_facts_file_has_the_right_shape() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(root()).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("facts.json").exists() {
            checked += 1;
            if let Err(e) = load_facts(&dir) {
                problems.push(e);
            }
        }
    }
    assert!(checked > 0, "no facts.json in the corpus");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_golden_holds_the_facts_of_its_entry() {
    let mut report = String::new();
    let (mut checked, mut failed) = (0, 0);
    for (name, dir) in entries() {
        let Ok(facts) = load_facts(&dir) else {
            continue; // reported by the two tests above
        };
        for file in file_names(&dir) {
            if !file.ends_with(".expected.json") {
                continue;
            }
            let path = dir.join(&file);
            let text = std::fs::read_to_string(&path).unwrap();
            let docs = onshi_notice::corpus::golden_documents(&text)
                .unwrap_or_else(|e| panic!("{}: not a document: {e}", path.display()));
            assert!(
                !docs.is_empty(),
                "{}: a mail's golden without documents",
                path.display()
            );
            // A mail's golden holds a document per part that gave one: each holds the entry's facts.
            for (k, doc) in docs.iter().enumerate() {
                checked += 1;
                let source = file.trim_end_matches(".expected.json");
                if facts.check.is_some() {
                    let (found, expected) = found_of(&facts, doc);
                    eprintln!("{name} / {source}: precision check, {found} of {expected} activations found");
                }
                let diffs = differences(&facts, doc);
                if !diffs.is_empty() {
                    failed += 1;
                    let part = doc
                        .source
                        .part
                        .as_ref()
                        .map_or(String::new(), |p| format!("#{}", p.index));
                    writeln!(report, "{name} / {source}{part} (document {}):", k + 1).unwrap();
                    for d in diffs {
                        writeln!(report, "    {d}").unwrap();
                    }
                }
            }
        }
    }
    assert!(checked > 0, "no golden documents were checked");
    assert!(
        failed == 0,
        "{failed} of {checked} golden file(s) disagree with their entry's facts.json \
         (tuples are (prefecture, municipality, start, end, end_time) and (prefecture, count, end)):\n{report}"
    );
}

#[test]
fn check_digit_matches_known_codes() {
    for code in ["022012", "011002", "131016", "172049", "016616", "442011"] {
        assert_eq!(check_digit(&code[..5]), code.chars().nth(5), "{code}");
    }
}

#[test]
fn a_precision_check_allows_missing_values_but_no_wrong_ones() {
    let date = |d: u32| NaiveDate::from_ymd_opt(2025, 1, d);
    let key = |code: &str, end| ("02".to_owned(), Some(code.to_owned()), None, end, None::<String>);
    let facts: BTreeSet<ActivationKey> = [key("022012", date(13))].into();
    assert!(is_fact(&key("022012", date(13)), &facts, false));
    assert!(
        is_fact(&key("022012", None), &facts, true),
        "an end left unread is missing, not wrong"
    );
    assert!(!is_fact(&key("022012", None), &facts, false));
    assert!(!is_fact(&key("022012", date(18)), &facts, true), "a wrong end");
    assert!(!is_fact(&key("022021", date(13)), &facts, true), "a wrong code");
    assert!(agrees(&None, &date(7), true));
    assert!(!agrees(&date(8), &date(7), true));
    assert!(!agrees(&None, &date(7), false));
}
