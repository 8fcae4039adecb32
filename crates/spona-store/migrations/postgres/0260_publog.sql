-- The public log (issue 24): an append-only RFC 6962 Merkle tree of what the platform
-- published, changed or withdrew. Each entry is appended in the transaction of the change
-- it records. `publog_head` holds the size; the UPDATE that bumps it serialises appends.
-- `publog_nodes` keeps the hash of every complete aligned subtree (level, index), from
-- which tree hashes and proofs of any size are computed. Hashes are hex.
CREATE TABLE publog_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL
);
INSERT INTO publog_head (id, size) VALUES (1, 0);

CREATE TABLE publog_entries (
    seq BIGINT PRIMARY KEY,
    -- Unix seconds; the entry's text carries it as RFC 3339 UTC.
    at BIGINT NOT NULL,
    -- `org`, `resource`, `joint-text`, `joint-text-signature`, `assessment`, `event`, `service`.
    kind TEXT NOT NULL,
    -- The object's public id (a slug or an id).
    object TEXT NOT NULL,
    -- `published`, `changed`, `withdrawn`, `signed`, …
    action TEXT NOT NULL,
    -- SHA-256 (hex) of what was published.
    version TEXT NOT NULL,
    leaf TEXT NOT NULL
);
CREATE INDEX publog_entries_object ON publog_entries (kind, object, seq);

CREATE TABLE publog_nodes (
    level BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note), one per size signed.
CREATE TABLE publog_checkpoints (
    size BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    root TEXT NOT NULL,
    note TEXT NOT NULL
);
