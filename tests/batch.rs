//! `convert`: three sinks that agree, deterministic output, and failures that
//! cost one file and nothing else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/out_dir.rs"]
mod out_dir;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onshi-notice"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    let o = cmd.output().unwrap();
    assert!(o.status.code().is_some(), "killed by a signal");
    o
}

/// (id, prefecture, municipality code, written_as, end) of every activation.
type Row = (String, String, Option<String>, String, Option<String>);

fn rows_from_json_dir(dir: &Path) -> BTreeSet<Row> {
    let mut rows = BTreeSet::new();
    for (id, doc) in out_dir::documents(dir) {
        for a in doc["activations"].as_array().unwrap() {
            rows.insert(row(&id, a));
        }
    }
    rows
}

fn row(id: &str, a: &serde_json::Value) -> Row {
    (
        id.to_owned(),
        a["prefecture"]["code"].as_str().unwrap().to_owned(),
        a["municipality"]["code"].as_str().map(str::to_owned),
        a["written_as"].as_str().unwrap().to_owned(),
        a["period"]["end"].as_str().map(str::to_owned),
    )
}

fn rows_from_jsonl(text: &str) -> (BTreeSet<Row>, serde_json::Value) {
    let mut rows = BTreeSet::new();
    let mut last = serde_json::Value::Null;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "activation" {
            rows.insert(row(v["id"].as_str().unwrap(), &v["data"]));
        }
        last = v;
    }
    (rows, last)
}

/// The ids whose records a database keeps: one per source (by SHA-256), the
/// last loaded. The same bytes under two ids (a PDF also attached to a saved
/// mail) are one notice there.
fn ids_kept_by_sha256(jsonl: &str) -> BTreeSet<String> {
    let mut by_sha = std::collections::HashMap::new();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "notice" {
            let sha = v["data"]["source"]["sha256"].as_str().unwrap().to_owned();
            by_sha.insert(sha, v["id"].as_str().unwrap().to_owned());
        }
    }
    by_sha.into_values().collect()
}

fn rows_from_sqlite(path: &Path) -> BTreeSet<Row> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT n.batch_id, a.prefecture_code, a.municipality_code, a.written_as, a.end_on
             FROM activations a JOIN notices n ON n.id = a.notice_id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn json_jsonl_and_sqlite_hold_the_same_records() {
    let dir = scratch("three-ways");
    let (out, jsonl, db) = (dir.join("json"), dir.join("all.jsonl"), dir.join("notices.db"));
    let o = run(bin()
        .args(["convert", "corpus", "--quiet", "--out"])
        .arg(&out)
        .arg("--jsonl")
        .arg(&jsonl)
        .arg("--sqlite")
        .arg(&db));
    let from_dir = rows_from_json_dir(&out);
    let (from_jsonl, stats) = rows_from_jsonl(&std::fs::read_to_string(&jsonl).unwrap());
    let from_db = rows_from_sqlite(&db);
    assert!(
        from_dir.len() > 100,
        "the corpus has many activations: {}",
        from_dir.len()
    );
    assert_eq!(from_dir, from_jsonl);
    let kept = ids_kept_by_sha256(&std::fs::read_to_string(&jsonl).unwrap());
    let from_dir_once: BTreeSet<Row> = from_dir.iter().filter(|r| kept.contains(&r.0)).cloned().collect();
    assert_eq!(from_dir_once, from_db);
    assert_eq!(stats["type"], "stats", "stats come last");
    assert_eq!(stats["data"]["activations"].as_u64().unwrap() as usize, from_dir.len());
    // Exit 1 exactly when the corpus holds sources that must fail.
    let failed = stats["data"]["failed"].as_u64().unwrap();
    assert_eq!(o.status.code(), Some(if failed > 0 { 1 } else { 0 }));

    // The documented query: what was active in 輪島市 on 2024-01-10.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let active: i64 = conn
        .query_row(
            "SELECT count(*) FROM activation_spans WHERE municipality_code = '172049'
             AND effective_start <= '2024-01-10'
             AND (end_on >= '2024-01-10' OR (end_on IS NULL AND open_ended = 1))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(active > 0, "the 2024-01-05 extension keeps 輪島市 active");

    // Loading the same files again changes nothing.
    let count = |db: &Path| -> (i64, i64) {
        let c = rusqlite::Connection::open(db).unwrap();
        let n = c.query_row("SELECT count(*) FROM notices", [], |r| r.get(0)).unwrap();
        let a = c
            .query_row("SELECT count(*) FROM activations", [], |r| r.get(0))
            .unwrap();
        (n, a)
    };
    let before = count(&db);
    run(bin().args(["convert", "corpus", "--quiet", "--sqlite"]).arg(&db));
    assert_eq!(count(&db), before);
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, onshi_notice::sink::sqlite::SCHEMA_VERSION);
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let one = run(bin().args(["convert", "corpus", "--quiet", "--threads", "1", "--jsonl", "-"]));
    let two = run(bin().args(["convert", "corpus", "--quiet", "--threads", "2", "--jsonl", "-"]));
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn a_bad_file_mid_batch_costs_only_itself() {
    let dir = scratch("bad-mid-batch");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let notice = std::fs::read("corpus/2025-01-07-aomori-snow/source.txt").unwrap();
    for k in 0..6 {
        std::fs::write(input.join(format!("n{k}.txt")), &notice).unwrap();
    }
    std::fs::write(input.join("n3-broken.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap();
    std::fs::write(input.join("n4-binary.txt"), b"\x00\x01\x02garbage").unwrap();
    let out = dir.join("out");
    let o = run(bin().args(["convert", "--quiet", "--out"]).arg(&out).arg(&input));
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert_eq!(
        out_dir::names(&out),
        [
            "n0.txt.json",
            "n1.txt.json",
            "n2.txt.json",
            "n3.txt.json",
            "n4.txt.json",
            "n5.txt.json"
        ]
    );
    for (_, doc) in out_dir::documents(&out) {
        assert_eq!(doc["activations"].as_array().unwrap().len(), 10);
    }
}

/// A batch killed half-way leaves only whole files, and the database as it
/// was before the batch (one transaction).
#[test]
fn a_killed_batch_leaves_nothing_half_written() {
    let dir = scratch("killed");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let notice = std::fs::read("corpus/2025-01-07-aomori-snow/source.txt").unwrap();
    for k in 0..3000 {
        std::fs::write(input.join(format!("n{k:04}.txt")), &notice).unwrap();
    }
    let (out, db) = (dir.join("out"), dir.join("db.sqlite"));
    let mut child = bin()
        .args(["convert", "--quiet", "--threads", "1", "--out"])
        .arg(&out)
        .arg("--sqlite")
        .arg(&db)
        .arg(&input)
        .spawn()
        .unwrap();
    // Wait for the batch to be under way, then kill it.
    let started = std::time::Instant::now();
    let finished = |out: &Path| {
        std::fs::read_dir(out)
            .map(|d| {
                d.filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json"))
                })
                .count()
            })
            .unwrap_or(0)
    };
    while finished(&out) < 20 {
        assert!(started.elapsed().as_secs() < 60, "the batch never got going");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let documents = out_dir::documents(&out);
    for (id, doc) in &documents {
        assert_eq!(doc["activations"].as_array().unwrap().len(), 10, "{id}");
    }
    let whole = documents.len();
    assert!((20..3000).contains(&whole), "{whole}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    // The schema is created in the batch's transaction too: a killed first
    // batch leaves an empty database, which the next run sets up.
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'notices'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let notices: i64 = if tables == 0 {
        0
    } else {
        conn.query_row("SELECT count(*) FROM notices", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(notices, 0, "the unfinished batch was not committed");
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let mut child = bin()
        .args(["convert", "corpus", "--quiet", "--jsonl", "-"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("Broken pipe"));
}
