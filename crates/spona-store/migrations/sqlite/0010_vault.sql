-- The evidence and testimony vault. Sensitive text is stored sealed (encrypted with its own
-- data key, wrapped by the vault key, which never enters the database); files live encrypted
-- in the blob store and are named here only by blob id, wrapped key, size and SHA-256.
CREATE TABLE vault_cases (
    id TEXT PRIMARY KEY,
    -- Sealed title (base64).
    title TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- The signed head of the custody log: last entry's number and hash, Ed25519 signature.
    head_seq BIGINT NOT NULL DEFAULT -1,
    head_hash TEXT NOT NULL DEFAULT '',
    head_signature TEXT NOT NULL DEFAULT ''
);

CREATE TABLE vault_members (
    case_id TEXT NOT NULL REFERENCES vault_cases (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'documenter', 'reviewer')),
    added_by TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX vault_members_user ON vault_members (user_id);

CREATE TABLE vault_items (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES vault_cases (id),
    kind TEXT NOT NULL CHECK (kind IN ('testimony', 'file')),
    -- Files: the encrypted blob, its wrapped data key, the original's size and SHA-256.
    blob_id TEXT,
    wrapped_key TEXT,
    size BIGINT,
    sha256 TEXT,
    media_type TEXT NOT NULL DEFAULT '',
    -- Sealed: the file name, or the testimony's fields as JSON.
    sealed TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX vault_items_case ON vault_items (case_id);

-- Informed consent of the person a testimony comes from (one row per item; changes are in
-- the custody log).
CREATE TABLE vault_consents (
    item_id TEXT PRIMARY KEY REFERENCES vault_items (id),
    documentation BOOLEAN NOT NULL,
    -- Organisation slugs the testimony may be shared with, comma-separated.
    share_with TEXT NOT NULL DEFAULT '',
    prosecutors BOOLEAN NOT NULL,
    publication BOOLEAN NOT NULL,
    withdrawn BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The chain of custody, one chain per case (see spona-vault's custody module).
CREATE TABLE vault_custody (
    case_id TEXT NOT NULL REFERENCES vault_cases (id),
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    item_sha256 TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);
