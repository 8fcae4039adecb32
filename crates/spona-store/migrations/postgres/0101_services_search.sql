-- The catalogue's free text: the analysed terms of a service's names, descriptions, kind,
-- cities and organisation name (` term term … `, see `spona_store::services::search_text`),
-- matched word by word with `LIKE '% term %'` like the directory's.
ALTER TABLE services ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX services_kind ON services (kind);
