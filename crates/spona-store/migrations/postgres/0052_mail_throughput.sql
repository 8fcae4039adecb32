-- The locale a queued message is written in (a tag such as `sr-Latn`), when its writer knew
-- it: the list footer (the unsubscribe line) is written in it; without one the footer is in
-- English, Serbian and Ukrainian.
ALTER TABLE mail_queue ADD COLUMN locale TEXT;

-- Secrets this server makes for itself, shared by every server on the database (e.g.
-- `mail.unsubscribe`: the HMAC key of one-click unsubscribe links). Deleting a row revokes
-- every link made with it; a new one is made on next use.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
