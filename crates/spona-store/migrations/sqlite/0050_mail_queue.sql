-- Mail waiting to leave, and mail that left. A row is written in the same transaction as the
-- change it tells of (a reply, a registration), so that a change is never told twice or
-- lost; the sender takes due rows and marks each sent.
CREATE TABLE mail_queue (
    id TEXT PRIMARY KEY,
    -- The address, lower-cased.
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- Plain text, UTF-8.
    body TEXT NOT NULL,
    -- The list a message belongs to (`group/<id>`, `newsletter/<id>`, `notices`), for List-Id
    -- and List-Unsubscribe; NULL for a message the person asked for (a reset, an invitation).
    list_id TEXT,
    list_name TEXT,
    -- The conversation a message belongs to (e.g. `thread/<id>`), for In-Reply-To/References.
    thread TEXT,
    created_at BIGINT NOT NULL,
    -- When the next attempt is due; NULL once sent or given up.
    due_at BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at BIGINT,
    -- Why it was given up, if it was.
    failed TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (due_at);

-- Lists a person left ("unsubscribe"): no message of the list is queued or sent to the
-- address while a row is here.
CREATE TABLE mail_optouts (
    address TEXT NOT NULL,
    list_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (address, list_id)
);
