-- Migration 2 of the onshi-notice PostgreSQL schema (1 is `postgres.sql`),
-- run with `search_path` set to the schema and recorded in `schema_migrations`.
-- Diagnostics may be `info`: how a complete record was reached (a name that
-- matched only through a glyph fold).

ALTER TABLE diagnostics DROP CONSTRAINT diagnostics_severity_check;
ALTER TABLE diagnostics ADD CONSTRAINT diagnostics_severity_check
    CHECK (severity IN ('info', 'warning', 'error'));
