-- The resource hub: documents in language variants, every edit kept as a version, and
-- attachments stored by their SHA-256 outside the database.
CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    owner_org_id TEXT NOT NULL REFERENCES organisations (id),
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'networks')),
    -- Vocabulary codes, comma-separated.
    themes TEXT NOT NULL DEFAULT '',
    countries TEXT NOT NULL DEFAULT '',
    -- Unix seconds of the end of the day the owners should review the resource.
    review_due BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- The search index's change sequence (meta.resource_seq at the last change).
    seq BIGINT NOT NULL
);
CREATE INDEX resources_seq ON resources (seq);
CREATE INDEX resources_owner ON resources (owner_org_id);

CREATE TABLE resource_networks (
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    network_id TEXT NOT NULL REFERENCES networks (id),
    PRIMARY KEY (resource_id, network_id)
);

-- The current text of each language variant.
CREATE TABLE resource_variants (
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk')),
    -- 'Latn' or 'Cyrl' for Serbian; '' for the others.
    script TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL,
    -- Another variant changed after this one was last written or confirmed.
    outdated BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (resource_id, lang)
);

-- Every version of every variant, the current one included.
CREATE TABLE resource_versions (
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    version BIGINT NOT NULL,
    script TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (resource_id, lang, version)
);

CREATE TABLE resource_attachments (
    id TEXT PRIMARY KEY,
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk')),
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- Text extracted for search (PDF), or ''.
    extracted TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX resource_attachments_resource ON resource_attachments (resource_id);

INSERT INTO meta (key, value) VALUES ('resource_seq', 0);
