-- A counter bumped by every change to what lists of events show (an event, its left-out
-- dates, its organisers), inside the transaction that makes the change, so that servers
-- holding the expanded list in memory (`spona_app::events::listing`) know when to reload
-- it. Organisers' names come from organisations, whose changes bump `directory_version`.
-- A registration only touches `events.seats` (the registration lock): that column is left
-- out, so registering never makes the lists reload.
INSERT INTO meta (key, value) VALUES ('events_version', 0);

CREATE TRIGGER events_version_insert AFTER INSERT ON events
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER events_version_update AFTER UPDATE OF id, kind, title, summary, agenda, speakers, languages,
    interpretation, attendance, join_url, dial_in, low_bandwidth, place, address, zone,
    starts_local, ends_local, starts_at, ends_at, rrule, last_ends_at, capacity, approval,
    report, network_id, group_id, cancelled, sequence, created_by, created_at, updated_at ON events
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER events_version_delete AFTER DELETE ON events
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER event_exdates_version_insert AFTER INSERT ON event_exdates
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER event_exdates_version_update AFTER UPDATE ON event_exdates
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER event_exdates_version_delete AFTER DELETE ON event_exdates
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER event_organisers_version_insert AFTER INSERT ON event_organisers
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER event_organisers_version_update AFTER UPDATE ON event_organisers
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
CREATE TRIGGER event_organisers_version_delete AFTER DELETE ON event_organisers
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
END;
