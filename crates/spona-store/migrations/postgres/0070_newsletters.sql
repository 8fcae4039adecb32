-- Newsletters of a network (or, once groups exist, a working group), their issues in several
-- languages, their subscribers and the consent receipts of those who subscribed.
CREATE TABLE newsletters (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    -- What it belongs to: 'network' (networks.id) or 'group'; its editors follow from it.
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('network', 'group')),
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- 'public': archive open to all, anyone may subscribe by e-mail; 'members': signed-in only.
    audience TEXT NOT NULL CHECK (audience IN ('public', 'members')),
    created_at BIGINT NOT NULL
);
CREATE INDEX newsletters_owner ON newsletters (owner_kind, owner_id);

CREATE TABLE newsletter_issues (
    id TEXT PRIMARY KEY,
    newsletter_id TEXT NOT NULL REFERENCES newsletters (id),
    state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'sending', 'sent')),
    -- When it is to leave (scheduled) or began to leave.
    send_at BIGINT,
    sent_at BIGINT,
    -- While sending: the id of the last subscriber whose mail is queued (batches resume after
    -- it, so a restart neither skips nor repeats anyone); '' before the first batch.
    sent_through TEXT NOT NULL DEFAULT '',
    recipients BIGINT NOT NULL DEFAULT 0,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX newsletter_issues_due ON newsletter_issues (state, send_at);
CREATE INDEX newsletter_issues_newsletter ON newsletter_issues (newsletter_id, sent_at);

CREATE TABLE newsletter_issue_variants (
    issue_id TEXT NOT NULL REFERENCES newsletter_issues (id),
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    -- Markdown.
    body TEXT NOT NULL,
    PRIMARY KEY (issue_id, lang)
);

-- One row per address and newsletter. Unconfirmed rows (confirmed_at NULL) get nothing but
-- their confirmation mail and are deleted after 30 days. Leaving is a row in mail_optouts
-- (list 'newsletter/<id>'), so that every mail of the list stops, whoever sends it.
CREATE TABLE newsletter_subscribers (
    id TEXT PRIMARY KEY,
    newsletter_id TEXT NOT NULL REFERENCES newsletters (id),
    -- Lower-cased.
    address TEXT NOT NULL,
    -- Set when a member of Spona subscribed with their account.
    user_id TEXT,
    -- The interface language they subscribed in: their issues come in it.
    locale TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    -- A pending confirmation: the link's hash and when it was mailed.
    token_hash TEXT UNIQUE,
    token_at BIGINT,
    -- The request waiting for confirmation: page, consent wording and version.
    source_page TEXT NOT NULL,
    consent_text TEXT NOT NULL,
    consent_version BIGINT NOT NULL,
    UNIQUE (newsletter_id, address)
);
CREATE INDEX newsletter_subscribers_pending ON newsletter_subscribers (confirmed_at, created_at);

-- Consent receipts: what a person subscribed to, when, from which page, under which wording.
-- Kept after they leave (it is the record of what they had agreed to).
CREATE TABLE newsletter_consents (
    id TEXT PRIMARY KEY,
    newsletter_id TEXT NOT NULL REFERENCES newsletters (id),
    address TEXT NOT NULL,
    -- The list and its name as shown when they agreed.
    list_id TEXT NOT NULL,
    list_name TEXT NOT NULL,
    source_page TEXT NOT NULL,
    consent_text TEXT NOT NULL,
    consent_version BIGINT NOT NULL,
    locale TEXT NOT NULL,
    -- 'email' (confirmed through the mailed link) or 'account' (a signed-in member).
    method TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    confirmed_at BIGINT NOT NULL
);
CREATE INDEX newsletter_consents_address ON newsletter_consents (newsletter_id, address);
