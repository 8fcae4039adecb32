-- Registration per occurrence of a series (issue 18): `occurrence_local` names the local
-- start of the one date a person registered for, '' the whole event (a single event, or
-- every date of a series, as before). Seats and the waiting list are counted per date: a
-- registration for every date takes a seat on each. One registration per person, event
-- and date.
ALTER TABLE event_registrations ADD COLUMN occurrence_local TEXT NOT NULL DEFAULT '';
ALTER TABLE event_registrations DROP CONSTRAINT event_registrations_event_id_user_id_key;
ALTER TABLE event_registrations ADD CONSTRAINT event_registrations_event_id_user_id_occurrence_key
    UNIQUE (event_id, user_id, occurrence_local);
CREATE INDEX event_registrations_occurrence ON event_registrations (event_id, occurrence_local, status);
