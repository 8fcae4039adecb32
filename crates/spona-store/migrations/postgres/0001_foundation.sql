-- Accounts, organisations, networks, sessions, tokens and the audit log.
-- Times are Unix seconds (BIGINT); ids are UUIDv7 text, so they sort by creation time.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    platform_role TEXT NOT NULL DEFAULT 'user' CHECK (platform_role IN ('admin', 'user')),
    totp_secret TEXT,
    totp_last_step BIGINT,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    country TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    website TEXT,
    email TEXT,
    phone TEXT,
    contact_visibility TEXT NOT NULL CHECK (contact_visibility IN ('public', 'members')),
    search_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX organisations_country ON organisations (country, sort_key);
CREATE INDEX organisations_sort ON organisations (sort_key, id);

CREATE TABLE org_texts (
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    name TEXT,
    description TEXT,
    PRIMARY KEY (org_id, lang)
);

-- Themes, know-how offered and needed, and working languages: one row per code.
CREATE TABLE org_terms (
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('theme', 'offer', 'need', 'language')),
    code TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, code)
);
CREATE INDEX org_terms_code ON org_terms (kind, code, org_id);

CREATE TABLE networks (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    coordinator_org_id TEXT NOT NULL REFERENCES organisations (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE network_texts (
    network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    name TEXT,
    description TEXT,
    PRIMARY KEY (network_id, lang)
);

CREATE TABLE network_members (
    network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (network_id, org_id)
);
CREATE INDEX network_members_org ON network_members (org_id);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships (org_id);

-- Only a hash of the session token is stored: a copy of the database opens no session.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mfa_pending BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Invitations and password resets, single use, stored as hashes.
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invite', 'reset')),
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    email TEXT,
    org_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    org_role TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_email ON tokens (email);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL DEFAULT '',
    target_id TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
