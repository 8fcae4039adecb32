-- A counter bumped by every change to what the published catalogue shows (a service, its
-- texts, terms, areas, locations and hours), inside the transaction that makes the change,
-- so that servers holding the catalogue in memory (`spona_app::services::catalogue`) know
-- when to reload it. Organisations' names and countries come from `organisations`, whose
-- changes bump `directory_version`.
INSERT INTO meta (key, value) VALUES ('services_version', 0);

CREATE FUNCTION services_version_bump() RETURNS trigger AS $$
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'services_version';
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER services_version AFTER INSERT OR UPDATE OR DELETE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION services_version_bump();
CREATE TRIGGER service_texts_version AFTER INSERT OR UPDATE OR DELETE ON service_texts
    FOR EACH STATEMENT EXECUTE FUNCTION services_version_bump();
CREATE TRIGGER service_terms_version AFTER INSERT OR UPDATE OR DELETE ON service_terms
    FOR EACH STATEMENT EXECUTE FUNCTION services_version_bump();
CREATE TRIGGER service_areas_version AFTER INSERT OR UPDATE OR DELETE ON service_areas
    FOR EACH STATEMENT EXECUTE FUNCTION services_version_bump();
CREATE TRIGGER service_locations_version AFTER INSERT OR UPDATE OR DELETE ON service_locations
    FOR EACH STATEMENT EXECUTE FUNCTION services_version_bump();
CREATE TRIGGER service_hours_version AFTER INSERT OR UPDATE OR DELETE ON service_hours
    FOR EACH STATEMENT EXECUTE FUNCTION services_version_bump();
