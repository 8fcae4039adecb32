-- What a person was told (also by mail): proposals published, a partner's acceptance, a
-- check-in on their pair, emergency access to their vault case. Shown on their home page.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- What happened: the Fluent message id of the text (`notice-…`).
    kind TEXT NOT NULL,
    -- What the text names (a round's title, a partner's name), as given; never vault text.
    subject TEXT NOT NULL,
    -- The path, without locale, of the page it is about.
    link TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
