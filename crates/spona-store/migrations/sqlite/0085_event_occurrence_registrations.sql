-- no-transaction
-- Registration per occurrence of a series (issue 18): `occurrence_local` names the local
-- start of the one date a person registered for, '' the whole event (a single event, or
-- every date of a series, as before). Seats and the waiting list are counted per date: a
-- registration for every date takes a seat on each. One registration per person, event
-- and date.
--
-- SQLite cannot change a UNIQUE constraint: the table is rebuilt, every row kept (foreign
-- keys off meanwhile, as in 0083).
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE event_registrations_new (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    occurrence_local TEXT NOT NULL DEFAULT '',
    -- confirmed | waiting | pending (awaits the organiser) | cancelled
    status TEXT NOT NULL,
    interpretation TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    dietary TEXT NOT NULL DEFAULT '',
    travel_support BIGINT NOT NULL DEFAULT 0,
    visa_support BIGINT NOT NULL DEFAULT 0,
    attended BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_id, user_id, occurrence_local)
);
INSERT INTO event_registrations_new (id, event_id, user_id, occurrence_local, status,
    interpretation, accessibility, dietary, travel_support, visa_support, attended,
    created_at, updated_at)
SELECT id, event_id, user_id, '', status, interpretation, accessibility, dietary,
    travel_support, visa_support, attended, created_at, updated_at
FROM event_registrations;
DROP TABLE event_registrations;
ALTER TABLE event_registrations_new RENAME TO event_registrations;
CREATE INDEX event_registrations_user ON event_registrations (user_id);
CREATE INDEX event_registrations_occurrence ON event_registrations (event_id, occurrence_local, status);

COMMIT;
PRAGMA foreign_keys = ON;
