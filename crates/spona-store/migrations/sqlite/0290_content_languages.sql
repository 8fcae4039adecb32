-- no-transaction
-- Content languages (issue 25 item 2): resources, their attachments, joint texts and
-- publications can be written in Albanian, Macedonian, Bosnian, Croatian and Montenegrin
-- as well as English, Serbian and Ukrainian (spona_domain::resource::ContentLang).
--
-- SQLite cannot change a CHECK constraint: the four tables are rebuilt (the 12-step procedure
-- of https://www.sqlite.org/lang_altertable.html), every row and column kept, their indexes
-- and triggers made again. Foreign keys must be off while an old table is dropped (comments
-- and amendments refer to joint_text_versions), and that pragma is a no-op inside a
-- transaction, hence `no-transaction` and an explicit one.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE resource_variants_new (
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr')),
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
INSERT INTO resource_variants_new (resource_id, lang, script, title, summary, body, version,
    outdated, updated_by, updated_at)
SELECT resource_id, lang, script, title, summary, body, version, outdated, updated_by,
    updated_at
FROM resource_variants;
DROP TABLE resource_variants;
ALTER TABLE resource_variants_new RENAME TO resource_variants;

CREATE TABLE resource_attachments_new (
    id TEXT PRIMARY KEY,
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr')),
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- Text extracted for search (PDF), or ''.
    extracted TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    active_content TEXT NOT NULL DEFAULT ''
);
INSERT INTO resource_attachments_new (id, resource_id, lang, filename, media_type, size,
    sha256, extracted, created_by, created_at, active_content)
SELECT id, resource_id, lang, filename, media_type, size, sha256, extracted, created_by,
    created_at, active_content
FROM resource_attachments;
DROP TABLE resource_attachments;
ALTER TABLE resource_attachments_new RENAME TO resource_attachments;
CREATE INDEX resource_attachments_resource ON resource_attachments (resource_id);
CREATE TRIGGER storage_release_attachment AFTER DELETE ON resource_attachments
BEGIN
    UPDATE storage_usage
       SET bytes = MAX(0, bytes - (SELECT c.bytes FROM storage_charges c
                                   WHERE c.object_id = OLD.id AND c.scope = storage_usage.scope))
     WHERE scope IN (SELECT scope FROM storage_charges WHERE object_id = OLD.id);
    DELETE FROM storage_charges WHERE object_id = OLD.id;
END;

CREATE TABLE joint_text_versions_new (
    text_id TEXT NOT NULL REFERENCES joint_texts (id) ON DELETE CASCADE,
    number BIGINT NOT NULL CHECK (number >= 1),
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    frozen_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    frozen_at BIGINT,
    PRIMARY KEY (text_id, number)
);
INSERT INTO joint_text_versions_new (text_id, number, lang, title, body, note, author_id,
    created_at, frozen_by, frozen_at)
SELECT text_id, number, lang, title, body, note, author_id, created_at, frozen_by, frozen_at
FROM joint_text_versions;
DROP TABLE joint_text_versions;
ALTER TABLE joint_text_versions_new RENAME TO joint_text_versions;
CREATE INDEX joint_text_versions_lang ON joint_text_versions (text_id, lang, number);

CREATE TABLE publication_variants_new (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk', 'sq', 'mk', 'bs', 'hr', 'cnr')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    transcript TEXT NOT NULL,
    position BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (publication_id, lang)
);
INSERT INTO publication_variants_new (publication_id, lang, title, summary, body, transcript,
    position, updated_at)
SELECT publication_id, lang, title, summary, body, transcript, position, updated_at
FROM publication_variants;
DROP TABLE publication_variants;
ALTER TABLE publication_variants_new RENAME TO publication_variants;

COMMIT;
PRAGMA foreign_keys = ON;
