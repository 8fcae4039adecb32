-- Form posts that create something carry a one-time key, so a retry after a dropped
-- connection replays the first answer instead of creating the thing twice.
CREATE TABLE idempotency_keys (
    key_hash TEXT PRIMARY KEY,
    user_id TEXT,
    location TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
