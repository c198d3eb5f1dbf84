-- Migration 3 of the onshi-notice SQLite schema (1 is `sqlite.sql`).
-- Applied in order by the program, each recorded in `schema_migrations`.
-- Periods keep the time on their start day (document schema version 2).

ALTER TABLE activations ADD COLUMN start_time TEXT;   -- HH:MM on start_on

