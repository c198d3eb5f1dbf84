//! `convert --postgres` against a real PostgreSQL server: the same rows as
//! SQLite, the README's query on both, idempotent re-loads, and databases
//! that are not ours refused unchanged.
//!
//! The server's URL comes from `ONSHI_TEST_POSTGRES_URL` (a database the
//! tests may create databases from; `.ci/run` starts a throwaway cluster with
//! `scripts/postgres.sh`). Each test creates a database of its own, so they
//! run in parallel. Without a reachable server the tests are skipped with a
//! note on stderr; with `CI` set they fail instead.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use postgres::{Client, NoTls};
use support::cli::{bin, run, stderr};

const ENV: &str = "ONSHI_TEST_POSTGRES_URL";
const REFERENCE: &str = "corpus/2025-01-07-aomori-snow/source.txt";

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postgres").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `url` with its database replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map(|k| k + 3).unwrap_or_else(|| {
        panic!("{ENV} is a URL (postgresql://user@host/db), not `{base}`");
    });
    let end = base[authority..].find('/').map_or(base.len(), |k| authority + k);
    format!("{}/{database}{query}", &base[..end])
}

/// A note on stderr that the test harness does not capture (as it does
/// `eprintln!`), so that a skipped test is seen.
fn note(text: String) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// A database of one test, dropped at the end.
struct Database {
    admin: String,
    name: String,
    url: String,
}

impl Database {
    /// A fresh database named after the test, or `None` (with a note) when
    /// no server is reachable outside CI.
    fn create(test: &str) -> Option<Database> {
        let on_ci = std::env::var_os("CI").is_some();
        let Ok(admin) = std::env::var(ENV) else {
            assert!(
                !on_ci,
                "CI is set but {ENV} is not: .ci/run starts a PostgreSQL server (scripts/postgres.sh)"
            );
            note(format!(
                "note: {test} skipped: no PostgreSQL server ({ENV} is not set; see scripts/postgres.sh)"
            ));
            return None;
        };
        let mut client = match Client::connect(&admin, NoTls) {
            Ok(client) => client,
            Err(e) if !on_ci => {
                note(format!(
                    "note: PostgreSQL test `{test}` skipped: the server of {ENV} is not reachable: {e} ({})",
                    std::error::Error::source(&e)
                        .map(ToString::to_string)
                        .unwrap_or_default()
                ));
                return None;
            }
            Err(e) => panic!("CI is set and the PostgreSQL server of {ENV} is not reachable: {e:?}"),
        };
        let name = format!("onshi_test_{test}_{}", std::process::id());
        // Each its own statement: neither runs in a transaction block.
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let url = with_database(&admin, &name);
        Some(Database { admin, name, url })
    }

    fn client(&self) -> Client {
        let mut client = Client::connect(&self.url, NoTls).unwrap();
        client.batch_execute("SET search_path = onshi").unwrap();
        client
    }

    fn count(&self, sql: &str) -> i64 {
        self.client().query_one(sql, &[]).unwrap().get(0)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut client) = Client::connect(&self.admin, NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// Rows as JSON text with sorted keys, each row a list of cells, sorted, so
/// that the two databases compare whatever their row order and ids.
type Rows = (Vec<String>, Vec<Vec<String>>);

/// Columns holding JSON in both databases (text in SQLite, jsonb here).
const JSON_COLUMNS: &[&str] = &["issuers", "addressees", "document"];

/// JSON with its object keys in order.
fn canonical(value: serde_json::Value) -> String {
    fn sort(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let sorted: BTreeMap<String, serde_json::Value> = map.into_iter().map(|(k, v)| (k, sort(v))).collect();
                serde_json::Value::Object(sorted.into_iter().collect())
            }
            serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sort).collect()),
            other => other,
        }
    }
    sort(value).to_string()
}

fn sqlite_rows(db: &Path, sql: &str) -> Rows {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let mut rows: Vec<Vec<String>> = stmt
        .query_map([], |r| {
            Ok((0..names.len())
                .map(|k| {
                    use rusqlite::types::ValueRef;
                    let value = match r.get_ref(k).unwrap() {
                        ValueRef::Null => serde_json::Value::Null,
                        ValueRef::Integer(i) => i.into(),
                        ValueRef::Real(f) => f.into(),
                        ValueRef::Text(t) => {
                            let t = std::str::from_utf8(t).unwrap();
                            if JSON_COLUMNS.contains(&names[k].as_str()) {
                                serde_json::from_str(t).unwrap()
                            } else {
                                t.into()
                            }
                        }
                        ValueRef::Blob(_) => panic!("a blob in {sql}"),
                    };
                    canonical(value)
                })
                .collect())
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.sort();
    (names, rows)
}

fn postgres_rows(client: &mut Client, sql: &str) -> Rows {
    use postgres::types::Type;
    let stmt = client.prepare(sql).unwrap();
    let names: Vec<String> = stmt.columns().iter().map(|c| c.name().to_owned()).collect();
    let mut rows: Vec<Vec<String>> = client
        .query(&stmt, &[])
        .unwrap()
        .iter()
        .map(|row| {
            (0..names.len())
                .map(|k| {
                    let ty = row.columns()[k].type_();
                    let value: serde_json::Value = if *ty == Type::TEXT {
                        row.get::<_, Option<String>>(k).into()
                    } else if *ty == Type::INT8 {
                        row.get::<_, Option<i64>>(k).into()
                    } else if *ty == Type::INT4 {
                        row.get::<_, Option<i32>>(k).into()
                    } else if *ty == Type::BOOL {
                        // SQLite keeps flags as 0 and 1.
                        row.get::<_, Option<bool>>(k).map(i64::from).into()
                    } else if *ty == Type::DATE {
                        row.get::<_, Option<chrono::NaiveDate>>(k).map(|d| d.to_string()).into()
                    } else if *ty == Type::JSONB {
                        row.get::<_, Option<serde_json::Value>>(k).into()
                    } else {
                        panic!("column {} of `{sql}` has type {ty}", names[k]);
                    };
                    canonical(value)
                })
                .collect()
        })
        .collect();
    rows.sort();
    (names, rows)
}

/// Every table and the view, each row keyed by its notice's batch id rather
/// than by the notice's number, which differs between the databases.
const TABLES: &[(&str, &str)] = &[
    ("sources", "SELECT * FROM sources"),
    ("failures", "SELECT * FROM failures"),
    (
        "notices",
        "SELECT source_sha256, batch_id, schema_version, kind, document_type, issued_on, title, sequel,
                disaster_name, disaster_began_on, issuers, addressees, document FROM notices",
    ),
    (
        "notice_references",
        "SELECT n.batch_id, x.* FROM notice_references x JOIN notices n ON n.id = x.notice_id",
    ),
    (
        "activations",
        "SELECT n.batch_id, x.* FROM activations x JOIN notices n ON n.id = x.notice_id",
    ),
    (
        "scopes",
        "SELECT n.batch_id, x.* FROM scopes x JOIN notices n ON n.id = x.notice_id",
    ),
    (
        "diagnostics",
        "SELECT n.batch_id, x.* FROM diagnostics x JOIN notices n ON n.id = x.notice_id",
    ),
    ("activation_spans", "SELECT * FROM activation_spans"),
];

/// The rows of every table, without the notice numbers.
fn without_notice_ids((names, rows): Rows) -> Rows {
    let keep: Vec<usize> = (0..names.len()).filter(|&k| names[k] != "notice_id").collect();
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| keep.iter().map(|&k| row[k].clone()).collect())
        .collect();
    rows.sort();
    (keep.iter().map(|&k| names[k].clone()).collect(), rows)
}

fn all_postgres_rows(db: &Database) -> BTreeMap<&'static str, Rows> {
    let mut client = db.client();
    TABLES
        .iter()
        .map(|(table, sql)| (*table, without_notice_ids(postgres_rows(&mut client, sql))))
        .collect()
}

fn all_sqlite_rows(path: &Path) -> BTreeMap<&'static str, Rows> {
    TABLES
        .iter()
        .map(|(table, sql)| (*table, without_notice_ids(sqlite_rows(path, sql))))
        .collect()
}

/// The ```sql block after `heading` in the README.
fn readme_sql(heading: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find(heading)
        .unwrap_or_else(|| panic!("README.md has `{heading}`"))..];
    let start = section.find("```sql\n").expect("a ```sql block") + "```sql\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_owned()
}

/// The corpus loaded into SQLite and into PostgreSQL (in one run, both sinks
/// given) holds the same rows in every table and in the view, and the
/// README's "active in municipality X on day D" query gives the same answer.
#[test]
fn sqlite_and_postgres_hold_the_same_rows() {
    let Some(pg) = Database::create("same_rows") else {
        return;
    };
    let dir = scratch("same-rows");
    let db = dir.join("notices.db");
    let o = run(bin()
        .args(["convert", "corpus", "--quiet", "--sqlite"])
        .arg(&db)
        .arg("--postgres")
        .arg(&pg.url));
    assert_eq!(
        o.status.code(),
        Some(1),
        "the corpus has sources that must fail: {}",
        stderr(&o)
    );
    let (from_sqlite, from_postgres) = (all_sqlite_rows(&db), all_postgres_rows(&pg));
    for (table, (names, rows)) in &from_sqlite {
        let (pg_names, pg_rows) = &from_postgres[table];
        assert_eq!(names, pg_names, "the columns of `{table}`");
        assert_eq!(rows.len(), pg_rows.len(), "the rows of `{table}`");
        for (a, b) in rows.iter().zip(pg_rows) {
            assert_eq!(a, b, "a row of `{table}` ({names:?})");
        }
    }
    assert!(from_sqlite["activations"].1.len() > 100);
    assert!(!from_sqlite["failures"].1.is_empty());

    // The README's query, as written, on both.
    let query = readme_sql("## SQLite");
    let on_sqlite = sqlite_rows(&db, &query);
    let on_postgres = postgres_rows(&mut pg.client(), &query);
    assert!(!on_sqlite.1.is_empty(), "the 2024-01-05 extension keeps 輪島市 active");
    assert_eq!(on_sqlite, on_postgres);
    assert_eq!(
        readme_sql("## PostgreSQL"),
        query,
        "the PostgreSQL section shows the same query"
    );
}

/// Loading the same files again changes no row; only the notice numbers move.
#[test]
fn a_postgres_reload_changes_nothing() {
    let Some(pg) = Database::create("reload") else { return };
    let load = || run(bin().args(["convert", "corpus", "--quiet", "--postgres"]).arg(&pg.url));
    assert_eq!(load().status.code(), Some(1));
    let before = all_postgres_rows(&pg);
    assert_eq!(load().status.code(), Some(1));
    assert_eq!(all_postgres_rows(&pg), before);
    assert_eq!(
        pg.count("SELECT count(*) FROM schema_migrations"),
        onshi_notice::sink::postgres::SCHEMA_VERSION
    );
}

/// Re-loading a changed file replaces its rows, and a file that now fails
/// removes them (as in SQLite); an interrupted batch leaves nothing.
#[test]
fn a_changed_file_replaces_its_postgres_rows() {
    let Some(pg) = Database::create("changed") else { return };
    let dir = scratch("changed");
    let n = dir.join("n.txt");
    let original = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(REFERENCE)).unwrap();
    std::fs::write(&n, &original).unwrap();
    let load = || run(bin().args(["convert", "--quiet", "--postgres"]).arg(&pg.url).arg(&n));
    assert_eq!(load().status.code(), Some(0));
    assert_eq!(pg.count("SELECT count(*) FROM activations"), 10);
    std::fs::write(&n, original.replace("令和7年1月13日", "令和7年1月20日")).unwrap();
    let o = load();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(pg.count("SELECT count(*) FROM notices"), 1);
    assert_eq!(pg.count("SELECT count(*) FROM sources"), 1);
    assert_eq!(pg.count("SELECT count(*) FROM activations"), 10);
    assert_eq!(
        pg.count("SELECT count(*) FROM activations WHERE end_on = '2025-01-20'"),
        10
    );
    std::fs::write(&n, "").unwrap();
    assert_eq!(load().status.code(), Some(1));
    assert_eq!(pg.count("SELECT count(*) FROM sources"), 0);
    assert_eq!(pg.count("SELECT count(*) FROM notices"), 0);
    assert_eq!(pg.count("SELECT count(*) FROM activations"), 0);
    assert_eq!(pg.count("SELECT count(*) FROM failures WHERE code = 'empty_file'"), 1);
    // Good again: the failure gives way to the notice.
    std::fs::write(&n, &original).unwrap();
    assert_eq!(load().status.code(), Some(0));
    assert_eq!(pg.count("SELECT count(*) FROM failures"), 0);
    assert_eq!(
        pg.count("SELECT count(*) FROM activations WHERE end_on = '2025-01-13'"),
        10
    );

    // Two files with the same bytes in one batch: the later one stands, as in SQLite.
    let m = dir.join("m.txt");
    std::fs::write(&m, &original).unwrap();
    assert_eq!(
        run(bin().args(["convert", "--quiet", "--postgres"]).arg(&pg.url).arg(&dir))
            .status
            .code(),
        Some(0)
    );
    assert_eq!(pg.count("SELECT count(*) FROM notices"), 1);
    let kept: String = pg
        .client()
        .query_one("SELECT batch_id FROM notices", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, "n.txt");
}

/// What a refused load must not change: every table of every schema, with
/// its columns and rows.
fn snapshot(db: &Database) -> Vec<String> {
    let mut client = db.client();
    let tables: Vec<(String, String)> = client
        .query(
            "SELECT table_schema::text, table_name::text FROM information_schema.tables
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut out = Vec::new();
    for (schema, table) in tables {
        let rows = client
            .query(
                &format!("SELECT to_jsonb(t)::text FROM \"{schema}\".\"{table}\" t ORDER BY 1"),
                &[],
            )
            .unwrap();
        out.push(format!("{schema}.{table}"));
        out.extend(rows.iter().map(|r| r.get::<_, String>(0)));
    }
    let schemas = client
        .query("SELECT nspname::text FROM pg_namespace ORDER BY 1", &[])
        .unwrap();
    out.extend(schemas.iter().map(|r| format!("schema {}", r.get::<_, String>(0))));
    out
}

/// A schema `onshi` that is not ours (tables of our names with other
/// columns, tables and no schema_migrations) or ours at a newer version is
/// refused with the URL (without its password) and left unchanged; tables of
/// the same names in another schema are no concern of ours.
#[test]
fn a_postgres_database_that_is_not_ours_is_refused_unchanged() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "foreign_tables",
            "CREATE SCHEMA onshi; CREATE TABLE onshi.notices (id integer PRIMARY KEY, body text);
             INSERT INTO onshi.notices VALUES (1, 'mine');",
            "has tables (notices) and no schema_migrations",
        ),
        (
            "other_columns",
            "ALTER TABLE onshi.failures RENAME COLUMN message TO reason;",
            "its table `onshi.failures` has columns (id text, file text, code text, reason text)",
        ),
        (
            "newer",
            "INSERT INTO onshi.schema_migrations (version) VALUES (99);",
            "newer than the version",
        ),
    ];
    for (name, sql, reason) in cases {
        let Some(pg) = Database::create(&format!("foreign_{name}")) else {
            return;
        };
        if *name != "foreign_tables" {
            // Ours first, then changed.
            let o = run(bin()
                .args(["convert", "--quiet", "--postgres"])
                .arg(&pg.url)
                .arg(REFERENCE));
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        pg.client().batch_execute(sql).unwrap();
        let before = snapshot(&pg);
        // A password in the URL (the cluster trusts local connections) is never shown.
        let url = pg.url.replacen("://postgres@", "://postgres:s3cret@", 1);
        assert!(url.contains("s3cret"), "{url}");
        let o = run(bin()
            .args(["convert", "--quiet", "--postgres"])
            .arg(&url)
            .arg(REFERENCE));
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with(&format!("onshi-notice: {}: ", pg.url)), "{name}: {err}");
        assert!(err.contains(reason), "{name}: {err}");
        assert!(!err.contains("s3cret"), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(snapshot(&pg), before, "{name}: the database was changed");
    }

    // Tables of our names in `public` stay as they are, beside our schema.
    let Some(pg) = Database::create("public_tables") else {
        return;
    };
    pg.client()
        .batch_execute(
            "CREATE TABLE public.notices (id integer, body text); INSERT INTO public.notices VALUES (1, 'mine')",
        )
        .unwrap();
    let o = run(bin()
        .args(["convert", "--quiet", "--postgres"])
        .arg(&pg.url)
        .arg(REFERENCE));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(pg.count("SELECT count(*) FROM onshi.activations"), 10);
    assert_eq!(pg.count("SELECT count(*) FROM public.notices WHERE body = 'mine'"), 1);
}

/// An unreachable server is a fatal error naming the URL without its password.
#[test]
fn an_unreachable_postgres_server_is_a_fatal_error() {
    let dir = scratch("unreachable");
    let socket = dir.display().to_string().replace('/', "%2F");
    let url = format!("postgresql://someone:hunter2@{socket}:1/claims");
    let o = run(bin()
        .args(["convert", "--quiet", "--postgres"])
        .arg(&url)
        .arg(REFERENCE));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "onshi-notice: postgresql://someone@{socket}:1/claims: cannot connect: "
        )),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}

/// The README's example: `convert … --postgres URL` on the corpus, as written
/// but for the folder and the URL.
#[test]
fn the_readme_postgres_example_runs() {
    let Some(pg) = Database::create("readme") else { return };
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("## PostgreSQL").unwrap()..];
    let line = section
        .lines()
        .find(|l| l.starts_with("onshi-notice convert"))
        .expect("a convert line");
    let args: Vec<String> = line
        .split_whitespace()
        .skip(1)
        .map(|a| match a {
            "notices/" => "corpus".to_owned(),
            a if a.contains("://") => pg.url.clone(),
            a => a.to_owned(),
        })
        .collect();
    assert!(args.contains(&"--postgres".to_owned()), "{line}");
    let o = run(bin().args(&args).arg("--quiet"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let query = readme_sql("## PostgreSQL");
    let rows = postgres_rows(&mut pg.client(), &query);
    assert!(!rows.1.is_empty(), "{rows:?}");
}

#[test]
fn passwords_are_left_out_of_messages() {
    use onshi_notice::sink::postgres::redact;
    assert_eq!(redact("postgresql://u:pw@h:5432/db"), "postgresql://u@h:5432/db");
    assert_eq!(
        redact("postgres://u:p%40w@h/db?sslmode=disable"),
        "postgres://u@h/db?sslmode=disable"
    );
    assert_eq!(
        redact("postgresql://u@h/db?password=pw&x=1"),
        "postgresql://u@h/db?password=…&x=1"
    );
    assert_eq!(
        redact("host=h user=u password='p w' dbname=d"),
        "host=h user=u password=… dbname=d"
    );
    assert_eq!(redact("postgresql://u@h/db"), "postgresql://u@h/db");
    assert_eq!(redact("host=h PASSWORD = secret"), "host=h password=…");
    assert_eq!(redact("password='it\\'s' user=u"), "password=… user=u");
    assert_eq!(redact("oldpassword=x"), "oldpassword=x");
}

/// A batch is one transaction: a sink dropped before `finish` (a failed run)
/// leaves the database as it was, even past the first chunk written.
#[test]
fn an_unfinished_postgres_batch_leaves_nothing() {
    use onshi_notice::sink::{Sink, Stats, postgres::Postgres};
    let Some(pg) = Database::create("unfinished") else {
        return;
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(REFERENCE);
    let doc = onshi_notice::convert_file(&path, &onshi_notice::Options::default()).unwrap();
    let mut sink = Postgres::begin(&pg.url).unwrap();
    for k in 0..2500 {
        let mut copy = doc.clone();
        copy.source.sha256 = format!("{k:064x}");
        sink.document(&format!("n{k}.txt"), &copy).unwrap();
    }
    drop(sink);
    // The schema was to be created in the same transaction.
    assert_eq!(pg.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'onshi'"), 0);

    let mut sink = Postgres::begin(&pg.url).unwrap();
    sink.document("n.txt", &doc).unwrap();
    sink.finish(&Stats::default()).unwrap();
    assert_eq!(pg.count("SELECT count(*) FROM notices"), 1);

    let mut sink = Postgres::begin(&pg.url).unwrap();
    sink.failure("n.txt", "n.txt", "empty_file", "the file is empty")
        .unwrap();
    drop(sink);
    assert_eq!(pg.count("SELECT count(*) FROM notices"), 1);
    assert_eq!(pg.count("SELECT count(*) FROM failures"), 0);
}

/// `watch DIR --postgres URL` loads each dropped notice once, into the same
/// model as `convert`, and a restart loads nothing again.
#[cfg(unix)]
#[test]
fn the_watcher_loads_into_postgres() {
    let Some(pg) = Database::create("watch") else { return };
    let dir = scratch("watch-postgres");
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let start = || {
        bin()
            .args(["watch", "--quiet", "--settle-ms", "200", "--postgres", &pg.url])
            .arg(&inbox)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let stop = |child: &mut std::process::Child| {
        let pid = i32::try_from(child.id()).unwrap();
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        assert!(child.wait().unwrap().success());
    };
    let notices = |pg: &Database| {
        let exists = pg.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'onshi' AND tablename = 'notices'");
        if exists == 0 {
            0
        } else {
            pg.count("SELECT count(*) FROM notices")
        }
    };
    let wait_for = |pg: &Database, n: i64| {
        let began = std::time::Instant::now();
        while notices(pg) < n {
            assert!(
                began.elapsed() < std::time::Duration::from_secs(180),
                "{n} notices never loaded"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };

    let mut watcher = start();
    std::fs::copy(
        root.join("corpus/2025-01-07-aomori-snow/source.txt"),
        inbox.join("aomori.txt"),
    )
    .unwrap();
    wait_for(&pg, 1);
    stop(&mut watcher);
    let activations = pg.count("SELECT count(*) FROM activations");
    assert!(activations > 0);

    let mut watcher = start();
    std::fs::copy(
        root.join("corpus/2024-01-05-noto-earthquake-extension/source.txt"),
        inbox.join("noto.txt"),
    )
    .unwrap();
    wait_for(&pg, 2);
    stop(&mut watcher);
    assert_eq!(notices(&pg), 2, "the first notice is not loaded again");
    assert!(pg.count("SELECT count(*) FROM activations") > activations);
}

/// A schema at version 1 is migrated in the load's transaction: migration 2
/// lets a diagnostic be `info` (a name matched only through a glyph fold).
#[test]
fn a_version_1_postgres_schema_is_migrated() {
    let Some(pg) = Database::create("migrate") else { return };
    {
        let mut client = Client::connect(&pg.url, NoTls).unwrap();
        client
            .batch_execute("CREATE SCHEMA onshi; SET search_path = onshi")
            .unwrap();
        client
            .batch_execute(onshi_notice::sink::postgres::MIGRATIONS[0])
            .unwrap();
        client
            .batch_execute("INSERT INTO schema_migrations (version) VALUES (1)")
            .unwrap();
    }
    let dir = scratch("migrate");
    let old_form = dir.join("old-form.txt");
    let reference = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(REFERENCE)).unwrap();
    std::fs::write(&old_form, reference.replace("黒石市", "黑石市")).unwrap();
    let out = run(bin()
        .args(["convert", "--quiet", "--postgres"])
        .arg(&pg.url)
        .arg(&old_form));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        pg.count("SELECT max(version)::bigint FROM schema_migrations"),
        onshi_notice::sink::postgres::SCHEMA_VERSION
    );
    assert_eq!(
        pg.count("SELECT count(*) FROM diagnostics WHERE severity = 'info' AND code = 'name_matched_by_variant'"),
        1
    );
}
