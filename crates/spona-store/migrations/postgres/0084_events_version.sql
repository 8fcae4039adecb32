-- A counter bumped by every change to what lists of events show (an event, its left-out
-- dates, its organisers), inside the transaction that makes the change, so that servers
-- holding the expanded list in memory (`spona_app::events::listing`) know when to reload
-- it. Organisers' names come from organisations, whose changes bump `directory_version`.
-- A registration only touches `events.seats` (the registration lock): that column is left
-- out, so registering never makes the lists reload.
INSERT INTO meta (key, value) VALUES ('events_version', 0);

CREATE FUNCTION events_version_bump() RETURNS trigger AS $$
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'events_version';
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER events_version AFTER INSERT OR DELETE OR UPDATE OF id, kind, title, summary, agenda, speakers, languages,
    interpretation, attendance, join_url, dial_in, low_bandwidth, place, address, zone,
    starts_local, ends_local, starts_at, ends_at, rrule, last_ends_at, capacity, approval,
    report, network_id, group_id, cancelled, sequence, created_by, created_at, updated_at ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_version_bump();
CREATE TRIGGER event_exdates_version AFTER INSERT OR UPDATE OR DELETE ON event_exdates
    FOR EACH STATEMENT EXECUTE FUNCTION events_version_bump();
CREATE TRIGGER event_organisers_version AFTER INSERT OR UPDATE OR DELETE ON event_organisers
    FOR EACH STATEMENT EXECUTE FUNCTION events_version_bump();
