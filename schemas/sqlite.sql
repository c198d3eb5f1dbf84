-- onshi-notice SQLite schema. `PRAGMA user_version` holds its version.
-- One row in `sources` per distinct input file (by SHA-256); re-loading the
-- same file replaces its rows, so loading is idempotent.

CREATE TABLE IF NOT EXISTS sources (
    sha256      TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    format      TEXT NOT NULL CHECK (format IN ('pdf', 'text')),
    pages       INTEGER NOT NULL,
    decoded_by  TEXT NOT NULL
) STRICT;

-- Files that gave no document, with the reason. Keyed by batch id, as a
-- failed file may have no readable bytes to hash.
CREATE TABLE IF NOT EXISTS failures (
    id          TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS notices (
    id                  INTEGER PRIMARY KEY,
    source_sha256       TEXT NOT NULL UNIQUE REFERENCES sources (sha256) ON DELETE CASCADE,
    batch_id            TEXT NOT NULL,
    schema_version      TEXT NOT NULL,
    kind                TEXT NOT NULL,
    document_type       TEXT,
    issued_on           TEXT,
    title               TEXT,
    sequel              INTEGER,
    disaster_name       TEXT,
    disaster_began_on   TEXT,
    issuers             TEXT NOT NULL,  -- JSON array
    addressees          TEXT NOT NULL,  -- JSON array
    document            TEXT NOT NULL   -- the whole JSON document
) STRICT;

CREATE TABLE IF NOT EXISTS notice_references (
    notice_id       INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    issued_on       TEXT NOT NULL,
    document_type   TEXT,
    title           TEXT,
    PRIMARY KEY (notice_id, ordinal)
) STRICT;

-- One row per area and period.
CREATE TABLE IF NOT EXISTS activations (
    notice_id           INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    ordinal             INTEGER NOT NULL,
    prefecture_code     TEXT NOT NULL,
    prefecture_name     TEXT NOT NULL,
    municipality_code   TEXT,           -- NULL: the whole prefecture
    municipality_name   TEXT,
    district            TEXT,
    written_as          TEXT NOT NULL,
    start_on            TEXT,           -- NULL: the notice states no start
    end_on              TEXT,
    end_time            TEXT,
    basis               TEXT,
    open_ended          INTEGER NOT NULL,
    provisional         INTEGER NOT NULL,
    period_text         TEXT NOT NULL,
    page                INTEGER NOT NULL,
    line                INTEGER NOT NULL,
    PRIMARY KEY (notice_id, ordinal)
) STRICT;

-- "What was active in municipality X on day D" and "what was active on D".
CREATE INDEX IF NOT EXISTS activations_by_municipality ON activations (municipality_code, end_on);
CREATE INDEX IF NOT EXISTS activations_by_end ON activations (end_on, prefecture_code);

CREATE TABLE IF NOT EXISTS scopes (
    notice_id           INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    ordinal             INTEGER NOT NULL,
    prefecture_code     TEXT,
    prefecture_name     TEXT,
    count               INTEGER,
    text                TEXT NOT NULL,
    end_on              TEXT,
    period_text         TEXT NOT NULL,
    page                INTEGER NOT NULL,
    line                INTEGER NOT NULL,
    PRIMARY KEY (notice_id, ordinal)
) STRICT;

CREATE TABLE IF NOT EXISTS diagnostics (
    notice_id   INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    page        INTEGER,
    line        INTEGER,
    text        TEXT,
    PRIMARY KEY (notice_id, ordinal)
) STRICT;

CREATE INDEX IF NOT EXISTS diagnostics_by_code ON diagnostics (code);

-- Each activation with the notice it came from and the day it takes effect:
-- the stated start, or the notice's date when the notice states none.
CREATE VIEW IF NOT EXISTS activation_spans AS
SELECT a.*,
       n.issued_on,
       n.kind,
       n.disaster_name,
       n.batch_id,
       COALESCE(a.start_on, n.issued_on) AS effective_start
FROM activations a
JOIN notices n ON n.id = a.notice_id;
