-- Joint texts (issue 22 items 1, 2 and 5): texts several organisations write together —
-- policy briefs, declarations, recommendations, statements, shadow-report chapters,
-- agendas — with language variants, every save a numbered version, comments anchored to a
-- paragraph of a version, proposed amendments of one paragraph, a frozen final per
-- language, and co-signatures by organisations.

CREATE TABLE joint_texts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('policy-brief', 'declaration', 'recommendations', 'statement', 'shadow-report-chapter', 'agenda')),
    -- A working group that drafts the text, once groups draft texts (no rule reads it yet).
    group_id TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The drafting organisations: their members edit, comment, amend and freeze.
CREATE TABLE joint_text_orgs (
    text_id TEXT NOT NULL REFERENCES joint_texts (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (text_id, org_id)
);
CREATE INDEX joint_text_orgs_org ON joint_text_orgs (org_id);

-- Every save of one language's variant is a version, numbered 1, 2, … across the text's
-- languages. A frozen version (`frozen_at` set) is a final and is never changed again; the
-- current final of a language is its highest frozen version.
CREATE TABLE joint_text_versions (
    text_id TEXT NOT NULL REFERENCES joint_texts (id) ON DELETE CASCADE,
    number BIGINT NOT NULL CHECK (number >= 1),
    lang TEXT NOT NULL CHECK (lang IN ('en', 'sr', 'uk')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    frozen_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    frozen_at BIGINT,
    PRIMARY KEY (text_id, number)
);
CREATE INDEX joint_text_versions_lang ON joint_text_versions (text_id, lang, number);

-- A comment on paragraph `paragraph` (from 1) of version `version`; resolved or open.
CREATE TABLE joint_text_comments (
    id TEXT PRIMARY KEY,
    text_id TEXT NOT NULL REFERENCES joint_texts (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    paragraph BIGINT NOT NULL CHECK (paragraph >= 1),
    body TEXT NOT NULL,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    resolved_at BIGINT,
    FOREIGN KEY (text_id, version) REFERENCES joint_text_versions (text_id, number)
);
CREATE INDEX joint_text_comments_text ON joint_text_comments (text_id, created_at);

-- A proposed replacement of one paragraph of a version; accepted (making version
-- `result_version`) or rejected by an editor.
CREATE TABLE joint_text_amendments (
    id TEXT PRIMARY KEY,
    text_id TEXT NOT NULL REFERENCES joint_texts (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    paragraph BIGINT NOT NULL CHECK (paragraph >= 1),
    replacement TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
    decided_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT,
    result_version BIGINT,
    CHECK ((state = 'open') = (decided_at IS NULL)),
    FOREIGN KEY (text_id, version) REFERENCES joint_text_versions (text_id, number)
);
CREATE INDEX joint_text_amendments_text ON joint_text_amendments (text_id, created_at);

-- An organisation's co-signature of the finals current when it signed: `version` is the
-- highest of their numbers ("signed version N"), `covers` lists them (`en:3 sr:5`),
-- `sha256` is the hash of their canonical serialisation (`spona_domain::joint_text::
-- canonical`) and `signature` the deployment's Ed25519 signature over the signed statement
-- (`ed25519:<public key hex>:<signature hex>`). A withdrawal keeps the row.
CREATE TABLE joint_text_signatures (
    id TEXT PRIMARY KEY,
    text_id TEXT NOT NULL REFERENCES joint_texts (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    covers TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    signer_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    signed_on TEXT NOT NULL,
    signed_at BIGINT NOT NULL,
    signature TEXT NOT NULL,
    withdrawn_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    withdrawn_at BIGINT
);
CREATE UNIQUE INDEX joint_text_signatures_active ON joint_text_signatures (text_id, org_id, version) WHERE withdrawn_at IS NULL;
CREATE INDEX joint_text_signatures_text ON joint_text_signatures (text_id, signed_at);
