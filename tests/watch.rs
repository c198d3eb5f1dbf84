//! `watch`: notices dropped into a folder are loaded once, across stops and
//! restarts, with failures reported; a file being written is read complete.
//!
//! Every wait polls the outputs with a generous limit, so a busy machine only
//! makes the test slower.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/readme.rs"]
mod readme;

const LIMIT: Duration = Duration::from_secs(180);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The README's example, run from `dir` with `extra` arguments, its stderr in `stderr-N.txt`.
fn start(dir: &Path, run: usize, extra: &[&str]) -> Child {
    let args = readme::commands("## Watching an inbox").remove(0);
    assert_eq!(args[0], "watch");
    Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
        .current_dir(dir)
        .args(&args)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join(format!("stderr-{run}.txt"))).unwrap())
        .spawn()
        .unwrap()
}

fn stderr(dir: &Path, run: usize) -> String {
    std::fs::read_to_string(dir.join(format!("stderr-{run}.txt"))).unwrap_or_default()
}

/// Poll `done` until it holds; fail with `what` after [`LIMIT`].
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < LIMIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// SIGTERM, then wait for a clean exit.
fn stop(child: &mut Child) {
    let pid = i32::try_from(child.id()).unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0), "a clean stop: {status:?}");
            return;
        }
        assert!(start.elapsed() < LIMIT, "the watcher did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Counts of the database's notices by id, failures by id and activations; `None` while it is busy.
type Loaded = (BTreeMap<String, i64>, Vec<String>, i64);

fn loaded(db: &Path) -> Option<Loaded> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let notices = conn
        .prepare("SELECT batch_id, count(*) FROM notices GROUP BY batch_id")
        .ok()?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    let failures = conn
        .prepare("SELECT id FROM failures ORDER BY id")
        .ok()?
        .query_map([], |r| r.get(0))
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    let activations = conn
        .query_row("SELECT count(*) FROM activations", [], |r| r.get(0))
        .ok()?;
    Some((notices, failures, activations))
}

fn wait_loaded(db: &Path, notices: &[&str], failures: &[&str]) -> i64 {
    let mut last = None;
    let mut activations = 0;
    wait_for(
        &format!("notices {notices:?} and failures {failures:?} in the database"),
        || {
            let Some((n, f, a)) = loaded(db) else { return false };
            let done = n.keys().map(String::as_str).eq(notices.iter().copied())
                && f.iter().map(String::as_str).eq(failures.iter().copied());
            activations = a;
            last = Some((n, f));
            done
        },
    );
    let (n, _) = last.unwrap();
    assert!(n.values().all(|&c| c == 1), "one notice per id: {n:?}");
    activations
}

/// (type, id) of each JSON Lines line but `stats`, counted.
fn lines(path: &Path) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] != "stats" {
            *out.entry((
                v["type"].as_str().unwrap().to_owned(),
                v["id"].as_str().unwrap().to_owned(),
            ))
            .or_default() += 1;
        }
    }
    out
}

fn copy(from: &str, to: &Path) {
    std::fs::copy(root().join(from), to).unwrap();
}

#[test]
fn dropped_notices_are_loaded_once_across_restarts() {
    let dir = scratch("watch");
    let inbox = dir.join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let db = dir.join("notices.db");
    let jsonl = dir.join("watched.jsonl");
    let extra = ["--jsonl", "watched.jsonl"];

    let mut watcher = start(&dir, 1, &extra);
    wait_for("the watcher to start", || stderr(&dir, 1).contains("watching"));
    copy("corpus/2025-01-07-aomori-snow/source.txt", &inbox.join("a.txt"));
    copy("corpus/2025-01-07-aomori-snow/source.pdf", &inbox.join("b.pdf"));
    std::fs::write(inbox.join("broken.txt"), "本日は晴天なり。\n").unwrap();
    // Written in pieces, far quicker than the settle time: read once, complete.
    let slow = std::fs::read(root().join("corpus/2024-01-01-noto-earthquake-activation/source.txt")).unwrap();
    let mut file = std::fs::File::create(inbox.join("c.txt")).unwrap();
    for piece in slow.chunks(slow.len() / 20 + 1) {
        file.write_all(piece).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(file);
    // A PDF in a subfolder.
    std::fs::create_dir(inbox.join("2024")).unwrap();
    copy(
        "corpus/2024-01-24-heavy-snow-activation/source.pdf",
        &inbox.join("2024/snow.pdf"),
    );

    let first = wait_loaded(&db, &["2024__snow.pdf", "a.txt", "b.pdf", "c.txt"], &["broken.txt"]);
    let err = stderr(&dir, 1);
    assert!(
        err.contains("onshi-notice: inbox/broken.txt: not a notice"),
        "the failure is reported on stderr: {err}"
    );
    assert!(
        !err.contains("onshi-notice: inbox/c.txt") && err.matches("converted inbox/c.txt").count() == 1,
        "the file being written was read once, complete: {err}"
    );
    stop(&mut watcher);
    assert!(stderr(&dir, 1).contains("stopped"));
    assert!(inbox.join(".onshi-watch-state.json").is_file());

    // While it is stopped: a new notice, a file touched but not changed, a failure fixed.
    copy(
        "corpus/2024-01-05-noto-earthquake-extension/source.txt",
        &inbox.join("e.txt"),
    );
    std::fs::write(inbox.join("a.txt"), std::fs::read(inbox.join("a.txt")).unwrap()).unwrap();
    copy(
        "corpus/2024-01-24-heavy-snow-activation/source.txt",
        &inbox.join("broken.txt"),
    );

    let mut watcher = start(&dir, 2, &extra);
    let second = wait_loaded(
        &db,
        &["2024__snow.pdf", "a.txt", "b.pdf", "broken.txt", "c.txt", "e.txt"],
        &[],
    );
    assert!(second > first);
    // And one more while it runs.
    copy(
        "corpus/2024-01-05-noto-earthquake-extension/source.pdf",
        &inbox.join("f.pdf"),
    );
    let third = wait_loaded(
        &db,
        &[
            "2024__snow.pdf",
            "a.txt",
            "b.pdf",
            "broken.txt",
            "c.txt",
            "e.txt",
            "f.pdf",
        ],
        &[],
    );
    stop(&mut watcher);

    let err = stderr(&dir, 2);
    // Files found at start-up are converted in parallel, so in any order.
    let mut converted: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("converted "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    converted.sort_unstable();
    assert_eq!(
        converted,
        [
            "converted inbox/broken.txt",
            "converted inbox/e.txt",
            "converted inbox/f.pdf"
        ],
        "only what is new or changed is converted again: {err}"
    );

    // Every notice reached the JSON Lines once, the failure once, and the database holds what they hold.
    let lines = lines(&jsonl);
    let notices: Vec<(&str, usize)> = lines
        .iter()
        .filter(|((kind, _), _)| kind == "notice")
        .map(|((_, id), n)| (id.as_str(), *n))
        .collect();
    assert_eq!(
        notices,
        [
            ("2024__snow.pdf", 1),
            ("a.txt", 1),
            ("b.pdf", 1),
            ("broken.txt", 1),
            ("c.txt", 1),
            ("e.txt", 1),
            ("f.pdf", 1)
        ]
    );
    assert_eq!(lines.get(&("failure".to_owned(), "broken.txt".to_owned())), Some(&1));
    let activations: usize = lines
        .iter()
        .filter(|((kind, _), _)| kind == "activation")
        .map(|(_, n)| n)
        .sum();
    assert_eq!(i64::try_from(activations).unwrap(), third);
}

/// A database that is not ours is refused before anything is watched, and a
/// folder that does not exist is an error.
#[test]
fn a_foreign_database_or_a_missing_folder_is_refused() {
    let dir = scratch("watch-refused");
    std::fs::create_dir(dir.join("inbox")).unwrap();
    let foreign = dir.join("notices.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
        .current_dir(&dir)
        .args(["watch", "inbox", "--sqlite", "notices.db"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not an onshi-notice database"));
    let o = Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
        .current_dir(&dir)
        .args(["watch", "missing", "--out", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim_end(),
        "onshi-notice: missing: not a folder that can be watched"
    );
}
