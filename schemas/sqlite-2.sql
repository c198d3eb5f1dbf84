-- Migration 2 of the onshi-notice SQLite schema (1 is `sqlite.sql`).
-- Applied in order by the program, each recorded in `schema_migrations`;
-- `PRAGMA user_version` holds the last one applied.

-- The migrations applied to this database.
CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL   -- UTC, ISO 8601
) STRICT;

-- A notice's batch id identifies its current version: re-loading it (or its
-- failing) replaces the rows it gave before.
CREATE INDEX notices_by_batch_id ON notices (batch_id);

-- The day an activation takes effect: the stated start, else the disaster's
-- start (the 災害救助法 report the function follows), else the notice's date.
-- `timeline::effective_start` is the same rule, and a test holds them together.
DROP VIEW activation_spans;
CREATE VIEW activation_spans AS
SELECT a.*,
       n.issued_on,
       n.kind,
       n.disaster_name,
       n.disaster_began_on,
       n.batch_id,
       COALESCE(a.start_on, n.disaster_began_on, n.issued_on) AS effective_start
FROM activations a
JOIN notices n ON n.id = a.notice_id;
