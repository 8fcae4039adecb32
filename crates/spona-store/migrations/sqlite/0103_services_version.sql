-- A counter bumped by every change to what the published catalogue shows (a service, its
-- texts, terms, areas, locations and hours), inside the transaction that makes the change,
-- so that servers holding the catalogue in memory (`spona_app::services::catalogue`) know
-- when to reload it. Organisations' names and countries come from `organisations`, whose
-- changes bump `directory_version`.
INSERT INTO meta (key, value) VALUES ('services_version', 0);

CREATE TRIGGER services_version_insert AFTER INSERT ON services
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER services_version_update AFTER UPDATE ON services
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER services_version_delete AFTER DELETE ON services
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_texts_version_insert AFTER INSERT ON service_texts
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_texts_version_update AFTER UPDATE ON service_texts
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_texts_version_delete AFTER DELETE ON service_texts
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_terms_version_insert AFTER INSERT ON service_terms
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_terms_version_update AFTER UPDATE ON service_terms
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_terms_version_delete AFTER DELETE ON service_terms
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_areas_version_insert AFTER INSERT ON service_areas
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_areas_version_update AFTER UPDATE ON service_areas
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_areas_version_delete AFTER DELETE ON service_areas
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_locations_version_insert AFTER INSERT ON service_locations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_locations_version_update AFTER UPDATE ON service_locations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_locations_version_delete AFTER DELETE ON service_locations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_hours_version_insert AFTER INSERT ON service_hours
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_hours_version_update AFTER UPDATE ON service_hours
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
CREATE TRIGGER service_hours_version_delete AFTER DELETE ON service_hours
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
END;
