-- The time zone a signed-in person chose to read times in (issue 18): used on every event
-- and call page and in event mails; a `?tz=` in the address still overrides it.
CREATE TABLE reader_zones (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    zone TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
