-- no-transaction
-- An event posted into a working group now refers to it: `events.group_id` gets a foreign
-- key to `working_groups` (ON DELETE SET NULL: the event stays, no longer the group's).
-- A `group_id` that names no group (none can be made through Spona, but rows written by
-- hand may hold one) is kept as NULL rather than refusing the migration.
--
-- SQLite cannot add a foreign key to a table: `events` is rebuilt (the 12-step procedure of
-- https://www.sqlite.org/lang_altertable.html), every row and column kept. Foreign keys must
-- be off while the old table is dropped, or the drop would cascade to organisers,
-- registrations, exdates, reminders and materials; that pragma is a no-op inside a
-- transaction, hence `no-transaction` and an explicit one.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE events_new (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    speakers TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    interpretation TEXT NOT NULL DEFAULT '',
    attendance TEXT NOT NULL,
    join_url TEXT,
    dial_in TEXT,
    low_bandwidth TEXT,
    place TEXT,
    address TEXT,
    zone TEXT NOT NULL,
    starts_local TEXT NOT NULL,
    ends_local TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    rrule TEXT,
    last_ends_at BIGINT NOT NULL,
    capacity BIGINT,
    approval BIGINT NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '',
    network_id TEXT,
    group_id TEXT REFERENCES working_groups (id) ON DELETE SET NULL,
    cancelled BIGINT NOT NULL DEFAULT 0,
    sequence BIGINT NOT NULL DEFAULT 0,
    seats BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO events_new (id, kind, title, summary, agenda, speakers, languages, interpretation,
    attendance, join_url, dial_in, low_bandwidth, place, address, zone, starts_local,
    ends_local, starts_at, ends_at, rrule, last_ends_at, capacity, approval, report,
    network_id, group_id, cancelled, sequence, seats, created_by, created_at, updated_at)
SELECT id, kind, title, summary, agenda, speakers, languages, interpretation,
    attendance, join_url, dial_in, low_bandwidth, place, address, zone, starts_local,
    ends_local, starts_at, ends_at, rrule, last_ends_at, capacity, approval, report,
    network_id,
    CASE WHEN group_id IN (SELECT id FROM working_groups) THEN group_id END,
    cancelled, sequence, seats, created_by, created_at, updated_at
FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_last_ends ON events (last_ends_at);
CREATE INDEX events_network ON events (network_id);
CREATE INDEX events_group ON events (group_id);

COMMIT;
PRAGMA foreign_keys = ON;
