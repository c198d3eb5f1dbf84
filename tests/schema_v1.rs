//! Output of schema version 1 is still read where the project reads its own
//! output: a version 1 document deserializes, and a version 1 SQLite
//! database is migrated in place (version 2 keeps periods' start times).

use std::path::Path;
use std::process::Command;

use onshi_notice::Document;
use onshi_notice::sink::sqlite::SCHEMA_VERSION;

const GOLDEN: &str = "corpus/2024-01-05-noto-earthquake-extension/source.txt.expected.json";

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-v1").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Remove every `start_time` key, as version 1 had none.
fn strip_start_times(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("start_time");
            map.values_mut().for_each(strip_start_times);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_start_times),
        _ => {}
    }
}

#[test]
fn a_version_1_document_still_reads() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN)).unwrap();
    let current: Document = serde_json::from_str(&text).unwrap();
    let mut v1: serde_json::Value = serde_json::from_str(&text).unwrap();
    strip_start_times(&mut v1);
    v1["schema_version"] = "1".into();
    assert!(!v1.to_string().contains("start_time"));
    let read: Document = serde_json::from_value(v1).expect("a version 1 document reads");
    assert_eq!(read.schema_version, "1");
    assert!(!read.activations.is_empty());
    assert_eq!(
        read.activations, current.activations,
        "the golden has no start times, so nothing differs"
    );
}

fn columns(db: &Path, table: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap();
    let mut names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    names.sort();
    names
}

#[test]
fn a_version_1_database_is_migrated_and_loaded() {
    let dir = scratch("migrate");
    let old = dir.join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(onshi_notice::sink::sqlite::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let fresh = dir.join("fresh.sqlite");
    let notice = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/start-time.txt");
    for db in [&old, &fresh] {
        let out = Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
            .args(["convert", "--quiet", "--sqlite"])
            .arg(db)
            .arg(&notice)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    for table in ["notices", "activations", "scopes", "diagnostics", "schema_migrations"] {
        assert_eq!(columns(&old, table), columns(&fresh, table), "{table}");
    }
    let conn = rusqlite::Connection::open(&old).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let (start, time): (String, String) = conn
        .query_row("SELECT start_on, start_time FROM activation_spans LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((start.as_str(), time.as_str()), ("2024-01-01", "16:10"));
}

/// Migration 4 lets a diagnostic be `info` (a name matched only through a glyph
/// fold): a version 3 database keeps its diagnostics and takes the new ones.
#[test]
fn a_version_3_database_takes_info_diagnostics() {
    let dir = scratch("info");
    let db = dir.join("v3.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        for sql in &onshi_notice::sink::sqlite::MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unknown = root.join("corpus/synthetic-unknown-and-ambiguous-names/source.txt");
    let old_form = dir.join("old-form.txt");
    let reference = std::fs::read_to_string(root.join("corpus/2025-01-07-aomori-snow/source.txt")).unwrap();
    assert!(reference.contains("黒石市"));
    std::fs::write(&old_form, reference.replace("黒石市", "黑石市")).unwrap();
    let convert = |file: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
            .args(["convert", "--quiet", "--sqlite"])
            .arg(&db)
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    convert(&unknown);
    let count = |sql: &str| -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    let before = count("SELECT count(*) FROM diagnostics");
    assert!(before > 0, "the notice of unknown names has diagnostics");
    convert(&old_form);
    assert_eq!(count("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(
        count("SELECT count(*) FROM diagnostics WHERE severity = 'info' AND code = 'name_matched_by_variant'"),
        1
    );
    assert!(count("SELECT count(*) FROM diagnostics") > before);
}
