-- Sending from the queue: a sender claims due rows for a while (`claim`, `claimed_until`),
-- so that two senders, or a sender started again after a crash, never take the same row at
-- once; `last_error` says why the last attempt failed (shown to platform admins).
ALTER TABLE mail_queue ADD COLUMN claim TEXT;
ALTER TABLE mail_queue ADD COLUMN claimed_until BIGINT;
ALTER TABLE mail_queue ADD COLUMN last_error TEXT;

-- Addresses whose mail server refused mail permanently (5xx): no list mail is sent to them
-- until the person confirms the address again (the link of a confirmation mail, whose
-- SHA-256 is `confirm_hash`).
CREATE TABLE mail_bounces (
    address TEXT PRIMARY KEY,
    bounced_at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    confirm_hash TEXT
);
CREATE INDEX mail_bounces_confirm ON mail_bounces (confirm_hash);

-- One-click unsubscribe (RFC 8058): a random token per address and list, in the
-- List-Unsubscribe header and the footer of every message of the list.
CREATE TABLE mail_list_tokens (
    token TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    list_id TEXT NOT NULL,
    list_name TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (address, list_id)
);
