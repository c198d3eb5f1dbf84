//! A PostgreSQL database, the same model as the SQLite sink.
//!
//! The tables live in their own PostgreSQL schema, [`SCHEMA`] (`onshi`), so
//! that the records can go into a database that holds other things (a payment
//! body's or a vendor's) without meeting its tables; only that schema is
//! checked, created and written. It is built by numbered migrations
//! (`schemas/postgres.sql` is the first, `schemas/postgres-N.sql` the others),
//! compiled in, each recorded in `onshi.schema_migrations`.
//!
//! A batch is one transaction. It first takes an advisory lock (two loads into
//! one database run one after the other), then compares the schema, table by
//! table and column by column, with what the migrations up to its version
//! build in a temporary schema: one that is not ours, or ours at a newer
//! version, is refused and the transaction rolled back, so nothing changed.
//! Documents go to a writer thread that owns the connection and writes them
//! in chunks with binary `COPY`, after the rows that their inputs (by batch
//! id) and their bytes (by SHA-256) gave in earlier loads are deleted, as the
//! SQLite sink does one document at a time; the server loads a chunk while the
//! next is converted.
//!
//! The client is the synchronous `postgres` crate: the batch and the sinks are
//! synchronous (rayon workers hand documents on in input order), so an async
//! client would only add a runtime at the call site for the same round trips.
//! Connections are made without TLS: a server that requires it is reached
//! through its Unix socket or a local tunnel.

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{Json, ToSql, Type};
use postgres::{Client, NoTls};

use super::{Sink, Stats};
use crate::Document;

/// The PostgreSQL schema that holds our tables.
pub const SCHEMA: &str = "onshi";

/// The migrations, in order: migration `k + 1` is `MIGRATIONS[k]`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../schemas/postgres.sql"),
    include_str!("../../schemas/postgres-2.sql"),
];

/// The schema's version: the last migration.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The key of the advisory lock a batch holds (the bytes of `onshi-no`).
const LOCK_KEY: i64 = 0x6f6e_7368_692d_6e6f;

/// Documents buffered before a chunk is written with `COPY`.
const CHUNK: usize = 1000;

/// Why a PostgreSQL database cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum PostgresError {
    /// The server refused a statement, or the connection broke.
    #[error("{}", describe(.0))]
    Postgres(#[from] postgres::Error),
    /// No connection could be made.
    #[error("cannot connect: {}", describe(.0))]
    Connect(postgres::Error),
    /// The schema is ours, at a newer version than this program writes.
    #[error(
        "the schema `{SCHEMA}` has version {found}, newer than the version {SCHEMA_VERSION} this program writes; the database was left unchanged"
    )]
    Newer {
        /// Its version.
        found: i64,
    },
    /// The schema is not ours.
    #[error("not an onshi-notice database ({why}); it was left unchanged")]
    Foreign {
        /// What is not ours about it.
        why: String,
    },
    /// The thread that writes to the server could not be started.
    #[error("cannot start the writer thread: {0}")]
    Writer(std::io::Error),
}

/// A client error as one line: the server's message, or the error and its cause.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return match db.detail() {
            Some(detail) => format!("{} ({})", db.message(), detail.replace('\n', " ")),
            None => db.message().to_owned(),
        };
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

/// The connection string as messages show it: without its password (the
/// `user:password@` of a URL, and a `password` parameter in either form).
pub fn redact(url: &str) -> String {
    let mut out = redact_password_parameters(url);
    for scheme in ["postgresql://", "postgres://"] {
        let Some(rest) = out.strip_prefix(scheme) else { continue };
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        if let Some(at) = authority.rfind('@')
            && let Some(colon) = authority[..at].find(':')
        {
            out = format!("{scheme}{}{}", &rest[..colon], &rest[at..]);
        }
        break;
    }
    out
}

/// Every `password=…` parameter (of a key-value string or a URL's query,
/// quoted or not, any case) written as `password=…`.
fn redact_password_parameters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let at = rest.char_indices().find(|&(i, _)| {
            let starts_word = rest[..i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '&' || c == '?');
            starts_word && rest[i..].get(..8).is_some_and(|w| w.eq_ignore_ascii_case("password"))
        });
        let Some((at, _)) = at else {
            out.push_str(rest);
            return out;
        };
        let after = rest[at + 8..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            out.push_str(&rest[..at + 8]);
            rest = &rest[at + 8..];
            continue;
        };
        let value = value.trim_start();
        let end = if let Some(quoted) = value.strip_prefix('\'') {
            let mut escaped = false;
            let close = quoted.char_indices().find(|&(_, c)| {
                let closes = c == '\'' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            });
            close.map_or(value.len(), |(i, _)| i + 2)
        } else {
            value
                .find(|c: char| c.is_whitespace() || c == '&')
                .unwrap_or(value.len())
        };
        out.push_str(&rest[..at]);
        out.push_str("password=…");
        rest = &value[end..];
    }
}

/// An error about the database at `url`, naming it without its password.
pub fn error_at(url: &str, e: PostgresError) -> std::io::Error {
    std::io::Error::other(super::OutputError {
        path: std::path::PathBuf::from(redact(url)),
        message: e.to_string(),
    })
}

/// The tables of schema `schema` (a name, or `None` for this session's
/// temporary schema), each with its columns as `name type`, in order.
fn tables(
    client: &mut Client,
    schema: Option<&str>,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, postgres::Error> {
    let rows = client.query(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod)
         FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE c.relkind IN ('r', 'p', 'f')
           AND c.relnamespace = CASE WHEN $1::text IS NULL THEN pg_my_temp_schema()
                                     ELSE (SELECT oid FROM pg_namespace WHERE nspname = $1) END
         ORDER BY c.relname, a.attnum",
        &[&schema],
    )?;
    let mut out = std::collections::BTreeMap::<String, Vec<String>>::new();
    for row in rows {
        let column = format!("{} {}", row.get::<_, String>(1), row.get::<_, String>(2));
        out.entry(row.get(0)).or_default().push(column);
    }
    Ok(out)
}

/// Our tables as migrations `1..=version` leave them, built in this session's
/// temporary schema and rolled back (inside the caller's transaction).
fn tables_at(
    client: &mut Client,
    version: i64,
) -> Result<std::collections::BTreeMap<String, Vec<String>>, postgres::Error> {
    client.batch_execute(
        "SAVEPOINT onshi_probe; SET LOCAL search_path = pg_temp; SET LOCAL client_min_messages = warning",
    )?;
    let built = (|| {
        for sql in &MIGRATIONS[..usize::try_from(version).unwrap_or(0)] {
            client.batch_execute(sql)?;
        }
        tables(client, None)
    })();
    client.batch_execute("ROLLBACK TO SAVEPOINT onshi_probe; RELEASE SAVEPOINT onshi_probe")?;
    built
}

/// Which version of our schema the database holds (0: no schema `onshi`, or
/// an empty one), or why it is not ours.
fn our_version(client: &mut Client) -> Result<i64, PostgresError> {
    let found = tables(client, Some(SCHEMA))?;
    if found.is_empty() {
        return Ok(0);
    }
    if !found.contains_key("schema_migrations") {
        let names: Vec<&str> = found.keys().map(String::as_str).take(5).collect();
        return Err(PostgresError::Foreign {
            why: format!(
                "its schema `{SCHEMA}` has tables ({}) and no schema_migrations",
                names.join(", ")
            ),
        });
    }
    client.batch_execute("SAVEPOINT onshi_version")?;
    let version = client.query_one(
        &format!("SELECT max(version)::bigint FROM {SCHEMA}.schema_migrations"),
        &[],
    );
    let version: Option<i64> = match version {
        Ok(row) => {
            client.batch_execute("RELEASE SAVEPOINT onshi_version")?;
            row.get(0)
        }
        Err(e) => {
            client.batch_execute("ROLLBACK TO SAVEPOINT onshi_version")?;
            return Err(PostgresError::Foreign {
                why: format!("its schema_migrations cannot be read: {}", describe(&e)),
            });
        }
    };
    let version = match version {
        Some(v) if v > SCHEMA_VERSION => return Err(PostgresError::Newer { found: v }),
        Some(v) if v >= 1 => v,
        other => {
            return Err(PostgresError::Foreign {
                why: format!(
                    "its schema_migrations gives version {}",
                    other.map_or("none".to_owned(), |v| v.to_string())
                ),
            });
        }
    };
    for (table, columns) in tables_at(client, version)? {
        match found.get(&table) {
            None => {
                return Err(PostgresError::Foreign {
                    why: format!("schema version {version} has a table `{SCHEMA}.{table}`, this database has none"),
                });
            }
            Some(have) if *have != columns => {
                return Err(PostgresError::Foreign {
                    why: format!(
                        "its table `{SCHEMA}.{table}` has columns ({}), not ({})",
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

/// Apply the migrations after `from`, inside the caller's transaction, with
/// `search_path` set to our schema.
fn migrate(client: &mut Client, from: i64) -> Result<(), PostgresError> {
    if from == 0 {
        client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))?;
    }
    for version in from + 1..=SCHEMA_VERSION {
        log::debug!("PostgreSQL: applying schema migration {version}");
        client.batch_execute(MIGRATIONS[usize::try_from(version - 1).unwrap_or(0)])?;
        let version = i32::try_from(version).unwrap_or(i32::MAX);
        client.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&version])?;
    }
    Ok(())
}

/// Connect to `url` and start a transaction at the current schema: a database
/// that is not ours, or ours at a newer version, is refused before anything
/// is written.
fn open_for_writing(url: &str) -> Result<Client, PostgresError> {
    let mut client = Client::connect(url, NoTls).map_err(PostgresError::Connect)?;
    client.batch_execute(&format!(
        "SET search_path = {SCHEMA}; SET client_min_messages = warning; BEGIN"
    ))?;
    let checked = (|| {
        client.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
        let version = our_version(&mut client)?;
        migrate(&mut client, version)
    })();
    if let Err(e) = checked {
        let _ = client.batch_execute("ROLLBACK");
        return Err(e);
    }
    Ok(client)
}

/// Connect to `url` and bring our schema to the current version (migrations
/// applied and committed).
pub fn open(url: &str) -> Result<Client, PostgresError> {
    let mut client = open_for_writing(url)?;
    client.batch_execute("COMMIT")?;
    Ok(client)
}

/// A database being fed one batch, inside one transaction from
/// [`Postgres::begin`] to [`Sink::finish`]; dropped unfinished, it rolls back.
///
/// The connection belongs to a writer thread fed through a bounded channel,
/// so that the server loads one chunk while the next is being converted.
pub struct Postgres {
    /// To the writer; `None` once the batch is over (finished or failed).
    to_writer: Option<std::sync::mpsc::SyncSender<Message>>,
    writer: Option<std::thread::JoinHandle<Result<(), PostgresError>>>,
    /// The connection string without its password, for messages.
    url: String,
}

enum Message {
    Outcome(String, Outcome),
    Finish,
}

enum Outcome {
    Document(Box<Document>),
    Failure {
        file: String,
        code: String,
        message: String,
    },
}

impl Postgres {
    /// Connect to `url`, refuse a schema that is not ours, migrate an older
    /// one, and start the batch's transaction under the advisory lock.
    pub fn begin(url: &str) -> Result<Self, PostgresError> {
        let client = open_for_writing(url)?;
        let (to_writer, from_sink) = std::sync::mpsc::sync_channel(CHUNK);
        let writer = std::thread::Builder::new()
            .name("postgres-writer".to_owned())
            .spawn(move || write_batch(client, &from_sink))
            .map_err(PostgresError::Writer)?;
        Ok(Postgres {
            to_writer: Some(to_writer),
            writer: Some(writer),
            url: redact(url),
        })
    }

    /// An error of this database, naming it.
    fn io(&self, e: impl Into<PostgresError>) -> std::io::Error {
        std::io::Error::other(super::OutputError {
            path: std::path::PathBuf::from(&self.url),
            message: e.into().to_string(),
        })
    }

    fn send(&mut self, message: Message) -> std::io::Result<()> {
        let Some(to_writer) = &self.to_writer else {
            return Err(std::io::Error::other("the batch is already finished"));
        };
        if to_writer.send(message).is_ok() {
            return Ok(());
        }
        // The writer stopped on an error: that is the one to report.
        self.join()
    }

    /// Wait for the writer and take its outcome.
    fn join(&mut self) -> std::io::Result<()> {
        self.to_writer = None;
        match self.writer.take().map(std::thread::JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(self.io(e)),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // Without a `Finish`, the writer rolls back; wait for it.
        self.to_writer = None;
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

impl Sink for Postgres {
    fn document(&mut self, id: &str, doc: &Document) -> std::io::Result<()> {
        self.send(Message::Outcome(
            id.to_owned(),
            Outcome::Document(Box::new(doc.clone())),
        ))
    }

    fn failure(&mut self, id: &str, file: &str, code: &str, message: &str) -> std::io::Result<()> {
        let failure = Outcome::Failure {
            file: file.to_owned(),
            code: code.to_owned(),
            message: message.to_owned(),
        };
        self.send(Message::Outcome(id.to_owned(), failure))
    }

    fn finish(&mut self, _stats: &Stats) -> std::io::Result<()> {
        if self.to_writer.is_none() {
            return Ok(());
        }
        self.send(Message::Finish)?;
        self.join()
    }
}

/// The writer thread: outcomes in chunks, then the commit at `Finish`. When
/// the sink goes away without it, or on the first error, the transaction is
/// rolled back (an error closes the connection, which rolls it back too).
fn write_batch(mut client: Client, from_sink: &std::sync::mpsc::Receiver<Message>) -> Result<(), PostgresError> {
    let mut pending = Vec::with_capacity(CHUNK);
    loop {
        match from_sink.recv() {
            Ok(Message::Outcome(id, outcome)) => {
                pending.push((id, outcome));
                if pending.len() >= CHUNK {
                    write_chunk(&mut client, &pending)?;
                    pending.clear();
                }
            }
            Ok(Message::Finish) => {
                write_chunk(&mut client, &pending)?;
                client.batch_execute("COMMIT")?;
                return Ok(());
            }
            Err(std::sync::mpsc::RecvError) => {
                let _ = client.batch_execute("ROLLBACK");
                return Ok(());
            }
        }
    }
}

/// Write a chunk of outcomes: first delete what their inputs (by batch id)
/// and their sources (by SHA-256) gave before, then copy the new rows in. As
/// in the SQLite sink, of two documents with the same bytes the later stands.
fn write_chunk(client: &mut Client, pending: &[(String, Outcome)]) -> Result<(), PostgresError> {
    if pending.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = pending.iter().map(|(id, _)| id.as_str()).collect();
    let mut docs: Vec<(&str, &Document)> = Vec::new();
    let mut failures = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Walk backwards, so that the last document with given bytes is the one kept.
    for (id, outcome) in pending.iter().rev() {
        match outcome {
            Outcome::Document(doc) => {
                if seen.insert(doc.source.sha256.as_str()) {
                    docs.push((id.as_str(), doc.as_ref()));
                }
            }
            Outcome::Failure { file, code, message } => failures.push((id, file, code, message)),
        }
    }
    docs.reverse();
    failures.reverse();
    let shas: Vec<&str> = docs.iter().map(|(_, d)| d.source.sha256.as_str()).collect();
    let removed = client.execute(
        "DELETE FROM sources
         WHERE sha256 = ANY(ARRAY(SELECT source_sha256 FROM notices WHERE batch_id = ANY($1)) || $2::text[])",
        &[&ids, &shas],
    )?;
    if removed > 0 {
        log::debug!("PostgreSQL: removed {removed} notices that earlier loads gave");
    }
    client.execute("DELETE FROM failures WHERE id = ANY($1)", &[&ids])?;

    let count = i64::try_from(docs.len()).unwrap_or(i64::MAX);
    let notice_ids: Vec<i64> = client
        .query(
            "SELECT nextval(pg_get_serial_sequence('notices', 'id')) FROM generate_series(1, $1::bigint)",
            &[&count],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();

    let mut w = copy(
        client,
        "sources (sha256, file, format, pages, decoded_by)",
        &[Type::TEXT, Type::TEXT, Type::TEXT, Type::INT8, Type::TEXT],
    )?;
    for (_, doc) in &docs {
        let s = &doc.source;
        w.write(&[
            &s.sha256,
            &s.file_and_part(),
            &json_str(&s.format),
            &i64::from(s.pages),
            &s.decoded_by,
        ])?;
    }
    w.finish()?;

    let mut w = copy(
        client,
        "notices (id, source_sha256, batch_id, schema_version, kind, document_type, issued_on, title, sequel,
                  disaster_name, disaster_began_on, issuers, addressees, document)",
        &[
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::DATE,
            Type::TEXT,
            Type::INT8,
            Type::TEXT,
            Type::DATE,
            Type::JSONB,
            Type::JSONB,
            Type::JSONB,
        ],
    )?;
    for ((id, doc), notice_id) in docs.iter().zip(&notice_ids) {
        let n = &doc.notice;
        w.write(&[
            notice_id,
            &doc.source.sha256,
            id,
            &doc.schema_version,
            &json_str(&n.kind),
            &n.document_type,
            &n.issued_on,
            &n.title,
            &n.sequel.map(i64::from),
            &n.disaster.as_ref().map(|d| d.name.as_str()),
            &n.disaster.as_ref().and_then(|d| d.began_on),
            &Json(&n.issuers),
            &Json(&n.addressees),
            &Json(*doc),
        ])?;
    }
    w.finish()?;

    let mut w = copy(
        client,
        "notice_references (notice_id, ordinal, issued_on, document_type, title)",
        &[Type::INT8, Type::INT8, Type::DATE, Type::TEXT, Type::TEXT],
    )?;
    for ((_, doc), notice_id) in docs.iter().zip(&notice_ids) {
        for (k, r) in (0i64..).zip(&doc.notice.references) {
            w.write(&[notice_id, &k, &r.issued_on, &r.document_type, &r.title])?;
        }
    }
    w.finish()?;

    let mut w = copy(
        client,
        "activations (notice_id, ordinal, prefecture_code, prefecture_name, municipality_code, municipality_name,
                      district, written_as, start_on, end_on, end_time, basis, open_ended, provisional,
                      period_text, page, line, start_time)",
        &[
            Type::INT8,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::DATE,
            Type::DATE,
            Type::TEXT,
            Type::TEXT,
            Type::BOOL,
            Type::BOOL,
            Type::TEXT,
            Type::INT8,
            Type::INT8,
            Type::TEXT,
        ],
    )?;
    for ((_, doc), notice_id) in docs.iter().zip(&notice_ids) {
        for (k, a) in (0i64..).zip(&doc.activations) {
            let m = a.municipality.as_ref();
            let p = &a.period;
            w.write(&[
                notice_id,
                &k,
                &a.prefecture.code,
                &a.prefecture.name,
                &m.map(|m| m.code.as_str()),
                &m.map(|m| m.name.as_str()),
                &m.and_then(|m| m.district.as_deref()),
                &a.written_as,
                &p.start,
                &p.end,
                &p.end_time.map(|t| t.to_string()),
                &p.basis,
                &p.open_ended,
                &p.provisional,
                &p.text,
                &i64::from(a.source_span.page),
                &i64::from(a.source_span.line),
                &p.start_time.map(|t| t.to_string()),
            ])?;
        }
    }
    w.finish()?;

    let mut w = copy(
        client,
        "scopes (notice_id, ordinal, prefecture_code, prefecture_name, count, text, end_on, period_text, page, line)",
        &[
            Type::INT8,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::TEXT,
            Type::DATE,
            Type::TEXT,
            Type::INT8,
            Type::INT8,
        ],
    )?;
    for ((_, doc), notice_id) in docs.iter().zip(&notice_ids) {
        for (k, s) in (0i64..).zip(&doc.scopes) {
            w.write(&[
                notice_id,
                &k,
                &s.prefecture.as_ref().map(|p| p.code.as_str()),
                &s.prefecture.as_ref().map(|p| p.name.as_str()),
                &s.count.map(i64::from),
                &s.text,
                &s.period.end,
                &s.period.text,
                &i64::from(s.source_span.page),
                &i64::from(s.source_span.line),
            ])?;
        }
    }
    w.finish()?;

    let mut w = copy(
        client,
        "diagnostics (notice_id, ordinal, severity, code, message, page, line, text)",
        &[
            Type::INT8,
            Type::INT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::INT8,
            Type::INT8,
            Type::TEXT,
        ],
    )?;
    for ((_, doc), notice_id) in docs.iter().zip(&notice_ids) {
        for (k, d) in (0i64..).zip(&doc.diagnostics) {
            w.write(&[
                notice_id,
                &k,
                &json_str(&d.severity),
                &d.code.as_str(),
                &d.message,
                &d.page.map(i64::from),
                &d.line.map(i64::from),
                &d.text,
            ])?;
        }
    }
    w.finish()?;

    let mut w = copy(
        client,
        "failures (id, file, code, message)",
        &[Type::TEXT, Type::TEXT, Type::TEXT, Type::TEXT],
    )?;
    for (id, file, code, message) in &failures {
        let values: [&(dyn ToSql + Sync); 4] = [id, file, code, message];
        w.write(&values)?;
    }
    w.finish()?;
    Ok(())
}

/// A binary `COPY … FROM STDIN` into `target` (a table and its columns).
fn copy<'a>(client: &'a mut Client, target: &str, types: &[Type]) -> Result<BinaryCopyInWriter<'a>, postgres::Error> {
    let writer = client.copy_in(&format!("COPY {target} FROM STDIN (FORMAT binary)"))?;
    Ok(BinaryCopyInWriter::new(writer, types))
}

/// The JSON spelling of a unit enum (`"pdf"`, `"activation"`), without quotes.
fn json_str<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
