-- A counter bumped by every change to what the monitoring dashboard counts (lane monperf):
-- a recommendation's mechanism, cycle or state addressed, its themes, the state's and the
-- organisations' assessments, measures and the recommendations they implement. Bumped inside
-- the transaction that makes the change, so that servers holding the dashboard's summary in
-- memory (`spona_app::monitoring::dashboard_cube`) rebuild it at their next request and never
-- answer from an older one. Texts, recommending states, groups and SDGs are not counted:
-- their changes leave it alone (an import of new texts for the same keys does not move it).
INSERT INTO meta (key, value) VALUES ('monitoring_version', 0);

CREATE TRIGGER recommendations_monitoring_insert AFTER INSERT ON recommendations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER recommendations_monitoring_update AFTER UPDATE OF id, mechanism, cycle, country
    ON recommendations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER recommendations_monitoring_delete AFTER DELETE ON recommendations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER recommendation_terms_monitoring_insert AFTER INSERT ON recommendation_terms
    WHEN NEW.kind = 'theme'
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER recommendation_terms_monitoring_update AFTER UPDATE ON recommendation_terms
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER recommendation_terms_monitoring_delete AFTER DELETE ON recommendation_terms
    WHEN OLD.kind = 'theme'
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER assessments_monitoring_insert AFTER INSERT ON assessments
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER assessments_monitoring_update AFTER UPDATE ON assessments
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER assessments_monitoring_delete AFTER DELETE ON assessments
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER measures_monitoring_insert AFTER INSERT ON measures
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER measures_monitoring_update AFTER UPDATE ON measures
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER measures_monitoring_delete AFTER DELETE ON measures
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER measure_recommendations_monitoring_insert AFTER INSERT ON measure_recommendations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER measure_recommendations_monitoring_update AFTER UPDATE ON measure_recommendations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
CREATE TRIGGER measure_recommendations_monitoring_delete AFTER DELETE ON measure_recommendations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'monitoring_version';
END;
