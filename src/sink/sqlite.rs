//! An SQLite database (bundled SQLite: nothing needed on the machine).
//!
//! The schema is `schemas/sqlite.sql`, compiled in. A batch is one
//! transaction: a run that fails half-way leaves the database as it was.

use std::path::Path;

use rusqlite::{Connection, params};

use super::{Sink, Stats};
use crate::Document;

/// The schema's version, kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 2;
pub const SCHEMA_SQL: &str = include_str!("../../schemas/sqlite.sql");

/// The steps from each older version: `MIGRATIONS[k]` takes version `k + 1`
/// to `k + 2`. A new database gets [`SCHEMA_SQL`], which is the result of
/// all of them.
const MIGRATIONS: &[&str] = &[
    // 2: periods keep their start time.
    "ALTER TABLE activations ADD COLUMN start_time TEXT;",
];

/// A database being fed one batch, inside one transaction from
/// [`Sqlite::begin`] to [`Sink::finish`]; dropped unfinished, it rolls back.
pub struct Sqlite {
    conn: Connection,
    open: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SqliteError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database has schema version {found}, this program writes version {SCHEMA_VERSION}")]
    Version { found: i64 },
}

fn io(e: impl Into<SqliteError>) -> std::io::Error {
    std::io::Error::other(e.into())
}

/// Open or create the database at `path` with the current schema.
pub fn open(path: &Path) -> Result<Connection, SqliteError> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    match version {
        0 => {
            conn.execute_batch(SCHEMA_SQL)?;
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        SCHEMA_VERSION => {}
        found @ 1..SCHEMA_VERSION => {
            let tx = conn.unchecked_transaction()?;
            for step in &MIGRATIONS[usize::try_from(found - 1).unwrap_or(0)..] {
                tx.execute_batch(step)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
        }
        found => return Err(SqliteError::Version { found }),
    }
    Ok(conn)
}

impl Sqlite {
    pub fn begin(path: &Path) -> Result<Self, SqliteError> {
        let conn = open(path)?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(Sqlite { conn, open: true })
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
        insert(self.conn()?, id, doc).map_err(io)
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        self.conn()?
            .execute(
                "INSERT OR REPLACE INTO failures (id, file, code, message) VALUES (?1, ?2, ?3, ?4)",
                params![id, file, code, message],
            )
            .map(drop)
            .map_err(io)
    }

    fn finish(&mut self, _stats: &Stats) -> std::io::Result<()> {
        if std::mem::take(&mut self.open) {
            self.conn.execute_batch("COMMIT").map_err(io)?;
        }
        Ok(())
    }
}

fn insert(tx: &Connection, id: &str, doc: &Document) -> Result<(), SqliteError> {
    let s = &doc.source;
    let n = &doc.notice;
    // Re-loading a file replaces everything it gave before (cascading deletes).
    tx.execute("DELETE FROM sources WHERE sha256 = ?1", [&s.sha256])?;
    tx.execute("DELETE FROM failures WHERE id = ?1", [id])?;
    tx.execute(
        "INSERT INTO sources (sha256, file, format, pages, decoded_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.sha256, s.file, json_str(&s.format), s.pages, s.decoded_by],
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
