//! An SQLite database (bundled SQLite: nothing needed on the machine).
//!
//! The schema is built by numbered migrations (`schemas/sqlite.sql` is the
//! first, `schemas/sqlite-N.sql` the others), compiled in, each recorded in
//! `schema_migrations`, the last one in `PRAGMA user_version`. A database is
//! checked before anything is written: one that is not ours, or ours at a
//! newer version, is refused unchanged. A batch is one transaction: a run that
//! fails half-way leaves the database as it was.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::{Sink, Stats};
use crate::Document;

/// The migrations, in order: migration `k + 1` is `MIGRATIONS[k]`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../schemas/sqlite.sql"),
    include_str!("../../schemas/sqlite-2.sql"),
    include_str!("../../schemas/sqlite-3.sql"),
    include_str!("../../schemas/sqlite-4.sql"),
];

/// The schema's version, kept in `PRAGMA user_version`: the last migration.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// A database being fed one batch, inside one transaction from
/// [`Sqlite::begin`] to [`Sink::finish`]; dropped unfinished, it rolls back.
pub struct Sqlite {
    conn: Connection,
    open: bool,
    /// The database's path, for messages.
    path: PathBuf,
}

/// Why a database cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum SqliteError {
    /// SQLite failed.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database is ours, at a newer version than this program writes.
    #[error(
        "the database has schema version {found}, newer than the version {SCHEMA_VERSION} this program writes; it was left unchanged"
    )]
    Newer {
        /// Its version.
        found: i64,
    },
    /// The database is not ours.
    #[error("not an onshi-notice database ({why}); it was left unchanged")]
    Foreign {
        /// What is not ours about it.
        why: String,
    },
}

/// The tables of a database, each with its columns as `name type`, in order.
fn tables(conn: &Connection) -> rusqlite::Result<std::collections::BTreeMap<String, Vec<String>>> {
    let mut out = std::collections::BTreeMap::new();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in names {
        let columns = conn
            .prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([&name], |r| {
                Ok(format!("{} {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<_, _>>()?;
        out.insert(name, columns);
    }
    Ok(out)
}

/// Our tables as migrations `1..=version` leave them.
fn tables_at(version: i64) -> rusqlite::Result<std::collections::BTreeMap<String, Vec<String>>> {
    let conn = Connection::open_in_memory()?;
    for sql in &MIGRATIONS[..usize::try_from(version).unwrap_or(0)] {
        conn.execute_batch(sql)?;
    }
    tables(&conn)
}

/// Which version of our schema `conn` holds (0: an empty database), or why it is not ours.
fn our_version(conn: &Connection) -> Result<i64, SqliteError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let found = tables(conn)?;
    if version == 0 {
        if found.is_empty() {
            return Ok(0);
        }
        let names: Vec<&str> = found.keys().map(String::as_str).take(5).collect();
        return Err(SqliteError::Foreign {
            why: format!("it has tables ({}) and no schema version", names.join(", ")),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(SqliteError::Newer { found: version });
    }
    if version < 0 {
        return Err(SqliteError::Foreign {
            why: format!("its user_version is {version}"),
        });
    }
    for (table, columns) in tables_at(version)? {
        match found.get(&table) {
            None => {
                return Err(SqliteError::Foreign {
                    why: format!("schema version {version} has a table `{table}`, this database has none"),
                });
            }
            Some(have) if *have != columns => {
                return Err(SqliteError::Foreign {
                    why: format!(
                        "its table `{table}` has columns ({}), not ({})",
                        have.join(", "),
                        columns.join(", ")
                    ),
                });
            }
            Some(_) => {}
        }
    }
    Ok(version)
}

/// Apply the migrations after `from`, inside the caller's transaction.
fn migrate(conn: &Connection, from: i64) -> Result<(), SqliteError> {
    for version in from + 1..=SCHEMA_VERSION {
        log::debug!("SQLite: applying schema migration {version}");
        conn.execute_batch(MIGRATIONS[usize::try_from(version - 1).unwrap_or(0)])?;
        if version >= 2 {
            // The table exists from migration 2 on; it lists the earlier ones too.
            for v in if version == 2 { 1..=2 } else { version..=version } {
                conn.execute(
                    "INSERT OR IGNORE INTO schema_migrations (version, applied_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    [v],
                )?;
            }
        }
        conn.pragma_update(None, "user_version", version)?;
    }
    Ok(())
}

/// Open the database at `path` (created if missing) and start a write
/// transaction at the current schema: a database that is not ours, or ours at
/// a newer version, is refused before anything is written.
fn open_for_writing(path: &Path) -> Result<Connection, SqliteError> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Take the write lock first, so that the schema cannot change between the check and the load.
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let checked = our_version(&conn).and_then(|version| migrate(&conn, version));
    if let Err(e) = checked {
        let _ = conn.execute_batch("ROLLBACK");
        return Err(e);
    }
    Ok(conn)
}

/// Open or create the database at `path` with the current schema (migrations
/// applied and committed).
pub fn open(path: &Path) -> Result<Connection, SqliteError> {
    let conn = open_for_writing(path)?;
    conn.execute_batch("COMMIT")?;
    Ok(conn)
}

/// An error about the database at `path`, naming it.
pub fn error_at(path: &Path, e: SqliteError) -> std::io::Error {
    std::io::Error::other(super::OutputError {
        path: PathBuf::from(path),
        message: e.to_string(),
    })
}

impl Sqlite {
    /// Open the database at `path` (created if missing, migrated if older) and
    /// start the batch's transaction.
    pub fn begin(path: &Path) -> Result<Self, SqliteError> {
        let conn = open_for_writing(path)?;
        Ok(Sqlite {
            conn,
            open: true,
            path: path.to_path_buf(),
        })
    }

    /// An error of this database, naming it.
    fn io(&self, e: impl Into<SqliteError>) -> std::io::Error {
        error_at(&self.path, e.into())
    }

    fn conn(&self) -> std::io::Result<&Connection> {
        if self.open {
            Ok(&self.conn)
        } else {
            Err(std::io::Error::other("the batch is already finished"))
        }
    }
}

impl Drop for Sqlite {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl Sink for Sqlite {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        insert(self.conn()?, id, doc).map_err(|e| self.io(e))
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        let conn = self.conn()?;
        // The notice this file gave before no longer stands.
        remove_notice(conn, id).map_err(|e| self.io(e))?;
        conn.execute(
            "INSERT OR REPLACE INTO failures (id, file, code, message) VALUES (?1, ?2, ?3, ?4)",
            params![id, file, code, message],
        )
        .map(drop)
        .map_err(|e| self.io(e))
    }

    fn finish(&mut self, _stats: &Stats) -> std::io::Result<()> {
        if std::mem::take(&mut self.open) {
            self.conn.execute_batch("COMMIT").map_err(|e| self.io(e))?;
        }
        Ok(())
    }
}

/// Remove what the input `id` gave in an earlier load (cascading deletes).
fn remove_notice(tx: &Connection, id: &str) -> Result<(), SqliteError> {
    let removed = tx.execute(
        "DELETE FROM sources WHERE sha256 IN (SELECT source_sha256 FROM notices WHERE batch_id = ?1)",
        [id],
    )?;
    if removed > 0 {
        log::debug!("SQLite: {id}: removed the notice an earlier load gave");
    }
    Ok(())
}

fn insert(tx: &Connection, id: &str, doc: &Document) -> Result<(), SqliteError> {
    let s = &doc.source;
    let n = &doc.notice;
    // Re-loading a file replaces everything it gave before, whether its bytes
    // changed (the same id) or not (the same SHA-256), through cascading deletes.
    remove_notice(tx, id)?;
    tx.execute("DELETE FROM sources WHERE sha256 = ?1", [&s.sha256])?;
    tx.execute("DELETE FROM failures WHERE id = ?1", [id])?;
    tx.execute(
        "INSERT INTO sources (sha256, file, format, pages, decoded_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.sha256, s.file_and_part(), json_str(&s.format), s.pages, s.decoded_by],
    )?;
    tx.execute(
        "INSERT INTO notices (source_sha256, batch_id, schema_version, kind, document_type, issued_on, title, sequel,
                              disaster_name, disaster_began_on, issuers, addressees, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            s.sha256,
            id,
            doc.schema_version,
            json_str(&n.kind),
            n.document_type,
            n.issued_on.map(|d| d.to_string()),
            n.title,
            n.sequel,
            n.disaster.as_ref().map(|d| d.name.as_str()),
            n.disaster.as_ref().and_then(|d| d.began_on).map(|d| d.to_string()),
            serde_json::to_string(&n.issuers).unwrap_or_default(),
            serde_json::to_string(&n.addressees).unwrap_or_default(),
            serde_json::to_string(doc).unwrap_or_default(),
        ],
    )?;
    let notice_id = tx.last_insert_rowid();
    for (k, r) in (0i64..).zip(n.references.iter()) {
        tx.execute(
            "INSERT INTO notice_references (notice_id, ordinal, issued_on, document_type, title) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![notice_id, k, r.issued_on.to_string(), r.document_type, r.title],
        )?;
    }
    let mut activation = tx.prepare_cached(
        "INSERT INTO activations (notice_id, ordinal, prefecture_code, prefecture_name, municipality_code, municipality_name,
                                  district, written_as, start_on, end_on, end_time, basis, open_ended, provisional,
                                  period_text, page, line, start_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    for (k, a) in (0i64..).zip(doc.activations.iter()) {
        let m = a.municipality.as_ref();
        let p = &a.period;
        activation.execute(params![
            notice_id,
            k,
            a.prefecture.code,
            a.prefecture.name,
            m.map(|m| m.code.as_str()),
            m.map(|m| m.name.as_str()),
            m.and_then(|m| m.district.as_deref()),
            a.written_as,
            p.start.map(|d| d.to_string()),
            p.end.map(|d| d.to_string()),
            p.end_time.map(|t| t.to_string()),
            p.basis,
            p.open_ended,
            p.provisional,
            p.text,
            a.source_span.page,
            a.source_span.line,
            p.start_time.map(|t| t.to_string()),
        ])?;
    }
    for (k, s) in (0i64..).zip(doc.scopes.iter()) {
        tx.execute(
            "INSERT INTO scopes (notice_id, ordinal, prefecture_code, prefecture_name, count, text, end_on, period_text, page, line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                notice_id,
                k,
                s.prefecture.as_ref().map(|p| p.code.as_str()),
                s.prefecture.as_ref().map(|p| p.name.as_str()),
                s.count,
                s.text,
                s.period.end.map(|d| d.to_string()),
                s.period.text,
                s.source_span.page,
                s.source_span.line,
            ],
        )?;
    }
    let mut diagnostic = tx.prepare_cached(
        "INSERT INTO diagnostics (notice_id, ordinal, severity, code, message, page, line, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (k, d) in (0i64..).zip(doc.diagnostics.iter()) {
        diagnostic.execute(params![
            notice_id,
            k,
            json_str(&d.severity),
            d.code.as_str(),
            d.message,
            d.page,
            d.line,
            d.text
        ])?;
    }
    Ok(())
}

/// The JSON spelling of a unit enum (`"pdf"`, `"activation"`), without quotes.
fn json_str<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
