-- Files attached to a post of a working group's thread, kept in the attachment store
-- (named by their SHA-256) and counted against the poster's organisation's hub quota.
CREATE TABLE group_post_files (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    thread_id TEXT NOT NULL,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- A PDF's active content as the scan recorded it ('' for none).
    active_content TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX group_post_files_thread ON group_post_files (thread_id, post_id);
