-- Files attached to a call (issue 18): guidelines, forms. The bytes are in the attachment
-- store (named by `sha256`), counted against the posting organisation's hub quota
-- (`storage_charges` keyed by the attachment's id; calls posted for an outside funder by a
-- platform administrator count against no organisation).
CREATE TABLE call_attachments (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    active_content TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX call_attachments_call ON call_attachments (call_id, created_at);
