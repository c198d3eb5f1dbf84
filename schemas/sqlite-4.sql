-- Migration 4 of the onshi-notice SQLite schema (1 is `sqlite.sql`).
-- Applied in order by the program, each recorded in `schema_migrations`.
-- Diagnostics may be `info`: how a complete record was reached (a name that
-- matched only through a glyph fold). SQLite cannot change a CHECK in place,
-- so the table is rebuilt; no other table or view refers to it.

CREATE TABLE diagnostics_4 (
    notice_id   INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    page        INTEGER,
    line        INTEGER,
    text        TEXT,
    PRIMARY KEY (notice_id, ordinal)
) STRICT;

INSERT INTO diagnostics_4 (notice_id, ordinal, severity, code, message, page, line, text)
SELECT notice_id, ordinal, severity, code, message, page, line, text FROM diagnostics;

DROP TABLE diagnostics;
ALTER TABLE diagnostics_4 RENAME TO diagnostics;
CREATE INDEX diagnostics_by_code ON diagnostics (code);
