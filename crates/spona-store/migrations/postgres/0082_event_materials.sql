-- Files of an event (issue 18): materials `before` it, and the report's materials `after`.
-- The bytes are in the attachment store (named by `sha256`), counted against the first
-- organiser's hub quota (`storage_charges` keyed by the material's id).
CREATE TABLE event_materials (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    active_content TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX event_materials_event ON event_materials (event_id, created_at);
