-- A counter bumped by every change to what the monitoring dashboard counts (lane monperf):
-- a recommendation's mechanism, cycle or state addressed, its themes, the state's and the
-- organisations' assessments, measures and the recommendations they implement. Bumped inside
-- the transaction that makes the change, so that servers holding the dashboard's summary in
-- memory (`spona_app::monitoring::dashboard_cube`) rebuild it at their next request and never
-- answer from an older one. Texts, recommending states, groups and SDGs are not counted:
-- their changes leave it alone. PostgreSQL bumps once per statement (SQLite, per row).
INSERT INTO meta (key, value) VALUES ('monitoring_version', 0);

CREATE FUNCTION monitoring_version_bump() RETURNS trigger AS $$
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER recommendations_monitoring AFTER INSERT OR DELETE
    OR UPDATE OF id, mechanism, cycle, country ON recommendations
    FOR EACH STATEMENT EXECUTE FUNCTION monitoring_version_bump();
CREATE TRIGGER recommendation_terms_monitoring AFTER INSERT OR UPDATE OR DELETE
    ON recommendation_terms
    FOR EACH STATEMENT EXECUTE FUNCTION monitoring_version_bump();
CREATE TRIGGER assessments_monitoring AFTER INSERT OR UPDATE OR DELETE ON assessments
    FOR EACH STATEMENT EXECUTE FUNCTION monitoring_version_bump();
CREATE TRIGGER measures_monitoring AFTER INSERT OR UPDATE OR DELETE ON measures
    FOR EACH STATEMENT EXECUTE FUNCTION monitoring_version_bump();
CREATE TRIGGER measure_recommendations_monitoring AFTER INSERT OR UPDATE OR DELETE
    ON measure_recommendations
    FOR EACH STATEMENT EXECUTE FUNCTION monitoring_version_bump();
