//! `convert --csv`: the file read back with a CSV reader holds every record of
//! the JSON documents, in every encoding, and is safe to open in a spreadsheet.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use onshi_notice::sink::csv::COLUMNS;

#[path = "support/out_dir.rs"]
mod out_dir;
#[path = "support/readme.rs"]
mod readme;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onshi-notice"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(cmd: &mut Command) -> Output {
    let o = cmd.output().unwrap();
    assert!(o.status.code().is_some(), "killed by a signal");
    o
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const REFERENCE: &str = "corpus/2025-01-07-aomori-snow/source.txt";

/// The rows of a CSV text, each as column name → cell, after checking the header.
fn rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, COLUMNS);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), COLUMNS.len());
            header.iter().cloned().zip(r.iter().map(str::to_owned)).collect()
        })
        .collect()
}

/// The text of a CSV file written with the default encoding: UTF-8 after its byte-order mark.
fn read_bom(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the default encoding starts with a byte-order mark");
    String::from_utf8(body.to_vec()).unwrap()
}

/// What identifies an activation, from a JSON document or a CSV row.
type Key = [String; 11];

fn json_key(id: &str, a: &serde_json::Value) -> Key {
    let s = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    [
        id.to_owned(),
        s(&a["prefecture"]["code"]),
        s(&a["municipality"]["code"]),
        s(&a["written_as"]),
        s(&a["period"]["start"]),
        s(&a["period"]["start_time"]),
        s(&a["period"]["end"]),
        s(&a["period"]["end_time"]),
        s(&a["period"]["basis"]),
        s(&a["source_span"]["page"]),
        s(&a["source_span"]["line"]),
    ]
}

fn csv_key(row: &std::collections::BTreeMap<String, String>) -> Key {
    [
        "id",
        "prefecture_code",
        "municipality_code",
        "written_as",
        "start",
        "start_time",
        "end",
        "end_time",
        "basis",
        "page",
        "line",
    ]
    .map(|c| row[c].clone())
}

/// Every activation of the corpus's JSON documents is a row of the CSV, and
/// nothing else is; scopes and failures are rows of their own; the order is
/// the batch's, and the same inputs give the same bytes.
#[test]
fn the_corpus_round_trips_through_csv() {
    let dir = scratch("csv-corpus");
    let out = dir.join("json");
    let file = dir.join("notices.csv");
    let o = run(bin()
        .args(["convert", "corpus", "--quiet", "--threads", "2", "--out"])
        .arg(&out)
        .arg("--csv")
        .arg(&file));
    assert_eq!(
        o.status.code(),
        Some(1),
        "the corpus has files that fail: {}",
        stderr(&o)
    );
    let rows = rows(&read_bom(&file));

    let mut expected_activations = Vec::new();
    let mut expected_scopes = 0;
    let mut ids = Vec::new();
    for (id, doc) in out_dir::documents(&out) {
        for a in doc["activations"].as_array().unwrap() {
            expected_activations.push(json_key(&id, a));
        }
        expected_scopes += doc["scopes"].as_array().unwrap().len();
        ids.push(id);
    }
    assert!(expected_activations.len() > 500, "the corpus has many activations");

    let mut activations: Vec<Key> = rows
        .iter()
        .filter(|r| r["row_kind"] == "activation")
        .map(csv_key)
        .collect();
    expected_activations.sort();
    activations.sort();
    assert_eq!(activations, expected_activations);
    assert_eq!(
        rows.iter().filter(|r| r["row_kind"] == "scope").count(),
        expected_scopes
    );

    let failures: Vec<_> = rows.iter().filter(|r| r["row_kind"] == "failure").collect();
    assert_eq!(failures.len(), stderr(&o).lines().count(), "{}", stderr(&o));
    for f in &failures {
        assert!(!ids.contains(&f["id"]), "a failure has no document: {}", f["id"]);
        assert!(!f["failure_code"].is_empty() && !f["failure_message"].is_empty());
        assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(&f["source_file"]).exists());
    }
    assert!(
        rows.iter()
            .all(|r| ["activation", "scope", "failure"].contains(&r["row_kind"].as_str())),
        "every row has a kind"
    );

    // The batch's order: ids as the inputs come, in name order.
    let mut order: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    order.dedup();
    let mut sorted = order.clone();
    sorted.sort_by_key(|id| id.split("__").map(str::to_owned).collect::<Vec<_>>());
    assert_eq!(order, sorted, "rows follow the inputs' order");

    let again = dir.join("again.csv");
    let o = run(bin()
        .args(["convert", "corpus", "--quiet", "--threads", "1", "--csv"])
        .arg(&again));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(&again).unwrap());
    assert!(
        std::fs::read_dir(&dir)
            .unwrap()
            .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".part")),
        "no temporary file is left"
    );
}

/// The three encodings give the same rows; Shift_JIS reads back once decoded.
#[test]
fn every_encoding_reads_back_to_the_same_rows() {
    let dir = scratch("csv-encodings");
    let mut texts = Vec::new();
    for encoding in ["utf-8", "utf-8-bom", "shift_jis"] {
        let file = dir.join(format!("{encoding}.csv"));
        let o = run(bin()
            .args(["convert", REFERENCE, "--quiet", "--csv-encoding", encoding, "--csv"])
            .arg(&file));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(&file).unwrap();
        let text = match encoding {
            "utf-8" => String::from_utf8(bytes).unwrap(),
            "utf-8-bom" => read_bom(&file),
            _ => {
                assert!(std::str::from_utf8(&bytes).is_err(), "Shift_JIS is not UTF-8");
                let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
                assert!(!errors);
                text.into_owned()
            }
        };
        assert!(text.contains("\r\n"), "records end in CRLF");
        texts.push(text);
    }
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[0], texts[2]);
    let rows = rows(&texts[0]);
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["municipality_name"], "青森市");
    assert_eq!(rows[0]["municipality_code"], "022012");
    assert_eq!(rows[0]["prefecture_code"], "02");
    assert_eq!(rows[0]["issued_on"], "2025-01-07");
    assert_eq!(rows[0]["kind"], "activation");
    assert_eq!(rows[0]["end"], "2025-01-13");
    assert_eq!(rows[0]["disaster"], "令和6年12月28日からの大雪");
}

/// A character Shift_JIS cannot hold is written as 〓 and reported per cell,
/// and the row is kept; a cell that would be a formula is text.
#[test]
fn shift_jis_replaces_what_it_cannot_hold_and_formulas_stay_text() {
    let dir = scratch("csv-replacement");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let named = dir.join("𠮷田.txt");
    std::fs::copy(root.join(REFERENCE), &named).unwrap();
    let formula = dir.join("=HYPERLINK(1).txt");
    std::fs::copy(root.join(REFERENCE), &formula).unwrap();
    let file = dir.join("out.csv");
    let o = run(bin()
        .args(["convert", "--quiet", "--csv-encoding", "shift_jis", "--csv"])
        .arg(&file)
        .arg(&named)
        .arg(&formula));
    assert_eq!(o.status.code(), Some(0), "a replacement is no failure: {}", stderr(&o));
    let err = stderr(&o);
    // Each of the 10 rows of 𠮷田.txt has the character in `id` and `source_file`.
    assert_eq!(err.lines().count(), 20, "{err}");
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "onshi-notice: {}: row 2 (𠮷田.txt), column id: U+20BB7 `𠮷` has no Shift_JIS form; written as 〓",
            file.display()
        )
    );
    let bytes = std::fs::read(&file).unwrap();
    let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!errors);
    let rows = rows(&text);
    assert_eq!(rows.len(), 20);
    assert!(
        rows[..10]
            .iter()
            .all(|r| r["id"] == "〓田.txt" && r["source_file"] == "〓田.txt")
    );
    assert_eq!(rows[0]["municipality_code"], "022012");
    assert!(rows[10..].iter().all(|r| r["id"] == "'=HYPERLINK(1).txt"));
}

/// The README's columns are the file's, in order.
#[test]
fn readme_lists_the_csv_columns() {
    let text = readme::text();
    let start = text.find("### CSV columns").expect("README.md has `### CSV columns`");
    let listed: Vec<String> = text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.split('|').nth(1).unwrap().trim().trim_matches('`').to_owned())
        .collect();
    assert_eq!(listed, COLUMNS);
}

/// The README's example runs as written, from a folder with the corpus in it.
#[test]
fn the_readme_csv_example_runs() {
    let dir = scratch("csv-readme");
    std::os::unix::fs::symlink(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), dir.join("corpus")).unwrap();
    for args in readme::commands("## CSV for spreadsheets") {
        let o = run(bin().current_dir(&dir).args(&args).arg("--quiet"));
        assert_ne!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let csv = args.iter().skip_while(|a| *a != "--csv").nth(1).unwrap();
        let rows = rows(&read_bom(&dir.join(csv)));
        assert!(rows.iter().filter(|r| r["row_kind"] == "activation").count() > 500);
    }
}

/// Two outputs on stdout would mix; the same file twice would be overwritten.
#[test]
fn csv_is_refused_where_it_would_clobber() {
    let o = run(bin().args(["convert", REFERENCE, "--csv", "-", "--jsonl", "-"]));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "onshi-notice: --jsonl and --csv cannot both write to stdout"
    );
    let dir = scratch("csv-clobber");
    let same = dir.join("x");
    let o = run(bin()
        .args(["convert", REFERENCE, "--jsonl"])
        .arg(&same)
        .arg("--csv")
        .arg(&same));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--jsonl and --csv name the same file"),
        "{}",
        stderr(&o)
    );
    let o = run(bin().args(["convert", REFERENCE, "--csv", REFERENCE]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the output is also an input"), "{}", stderr(&o));
}
